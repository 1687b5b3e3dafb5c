import Foundation

/// `docent-bench`: measurements of Docent on real workspaces, one scenario per file. Each scenario is a
/// type with `run(_ arguments:) -> Int32`; add new ones (`check`, `lsp`, `scale`) to `scenarios`.
let scenarios: [(name: String, summary: String, run: ([String]) -> Int32)] = [
    ("placement", "precision and recall of the placement diagnostics on pages moved into wrong sections", PlacementScenario.run),
]

let usage = """
Usage: docent-bench SCENARIO [ARGUMENTS]

Scenarios:
\(scenarios.map { "  \($0.name.padding(toLength: 12, withPad: " ", startingAt: 0))\($0.summary)" }.joined(separator: "\n"))

  docent-bench placement WORKSPACE [--labels FILE] [--seed N] [--fraction F] [--verbose] [--param NAME=VALUE …]
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
