import Foundation

/// `docent-bench`: measurements of Docent on real workspaces, one scenario per file. Each scenario is a
/// type with `run(_ arguments:) -> Int32`; add new ones (`check`, `lsp`, `scale`) to `scenarios`.
let scenarios: [(name: String, summary: String, run: ([String]) -> Int32)] = [
    ("check", "the whole docent check pipeline over a tree: files/s, MB/s, wall and CPU time, peak RSS", CheckScenario.run),
    ("lsp", "the built docent lsp over real pipes: p50/p99/max round trips per request kind", LSPScenario.run),
    ("placement", "precision and recall of the placement diagnostics on pages moved into wrong sections", PlacementScenario.run),
    ("scale", "how check time, memory, hover and completion grow with the workspace and the glossary", ScaleScenario.run),
]

let usage = """
Usage: docent-bench SCENARIO [ARGUMENTS]

Scenarios:
\(scenarios.map { "  \($0.name.padding(toLength: 12, withPad: " ", startingAt: 0))\($0.summary)" }.joined(separator: "\n"))

  docent-bench check WORKSPACE [--runs N]
  docent-bench lsp WORKSPACE [--requests N] [--extra-terms N] [--binary PATH]   (build docent first: swift build -c release)
  docent-bench placement WORKSPACE [--labels FILE] [--seed N] [--fraction F] [--verbose] [--agreed-only] [--param NAME=VALUE …] [--dump FILE] [--export FILE] [--stability-edits N]
  docent-bench scale WORKSPACE
"""

let arguments = Array(CommandLine.arguments.dropFirst())
guard let name = arguments.first, let scenario = scenarios.first(where: { $0.name == name }) else {
    if let name = arguments.first, name != "--help", name != "-h" {
        FileHandle.standardError.write(Data("docent-bench: unknown scenario '\(name)'\n".utf8))
    }
    print(usage)
    exit(arguments.first == "--help" || arguments.first == "-h" ? 0 : 2)
}
exit(scenario.run(Array(arguments.dropFirst())))
