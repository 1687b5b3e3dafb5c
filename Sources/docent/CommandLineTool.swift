import DocentCore
import DocentIO
import DocentLSP
import Foundation

enum CommandLineTool {
    static let version = "0.1.0"

    /// Each command's synopsis, in the order the usage text lists them.
    static let synopses: [(command: String, synopsis: String)] = [
        ("check", "docent check [PATH …] [--format text|json|sarif|github] [--config FILE] [--fix] [--strict] [--no-color]"),
        ("terms", "docent terms [DIR] [--json] [--config FILE]"),
        ("explain", "docent explain TERM [DIR] [--config FILE]"),
        ("sections", "docent sections [DIR] [--json] [--config FILE]"),
        ("classify", "docent classify FILE [--json] [--config FILE]"),
        ("lsp", "docent lsp [--stdio]"),
        ("rules", "docent rules"),
    ]

    /// How path arguments choose the workspace (see `WorkspaceRootFinder`).
    static let workspaceRule = """
    The workspace is the nearest folder with a docent.json at or above a path argument; check's
    paths (files or folders) then narrow what is reported, and must share that workspace. Without
    a docent.json, a folder argument is the workspace root, and a file belongs to the nearest
    folder above it with a .git (its repository), else to its own folder. No argument is the same
    as `.`.
    """

    static let exitCodes = """
    Exit codes: 0 no errors, 1 errors found (warnings and configuration warnings too with
    --strict), 2 usage or configuration errors, or a file that could not be read or fixed.
    """

    static let usage = """
    docent \(version): a language server and checker for documentation glossaries and persona sections

    Usage:
    \(synopses.map { "  " + $0.synopsis }.joined(separator: "\n"))
      docent --version
      docent COMMAND --help

    \(workspaceRule)

    \(exitCodes)
    """

    /// What `docent COMMAND --help` (or `-h`, or `docent help COMMAND`) prints.
    static func help(for command: String) -> String? {
        guard let synopsis = synopses.first(where: { $0.command == command })?.synopsis else { return nil }
        let config = "  --config FILE    read this configuration file instead of the workspace's docent.json"
        let json = "  --json           print JSON instead of text"
        let body: String
        switch command {
        case "check":
            body = """
            Checks the workspace's pages against its glossary and sections and reports what it finds.

            Options:
              --format FORMAT  text (default), json, sarif or github
            \(config)
              --fix            apply every safe fix (each file written atomically), then report what remains
              --strict         exit 1 on warnings too, configuration warnings included
              --no-color       no colour on a terminal (as the NO_COLOR environment variable)

            \(workspaceRule)

            \(exitCodes)
            """
        case "terms":
            body = """
            Lists every glossary entry with its qualifier, aliases and source.

            Options:
            \(json)
            \(config)

            \(workspaceRule)
            """
        case "explain":
            body = """
            Shows the glossary entries for TERM, as a hover shows them (exit 1 when there is none).

            Options:
            \(config)

            \(workspaceRule)
            """
        case "sections":
            body = """
            Lists the sections with their personas, page counts and misplaced pages.

            Options:
            \(json)
            \(config)

            \(workspaceRule)
            """
        case "classify":
            body = """
            Shows how a Markdown page reads: a score per persona and the signals behind them, for the
            page and each ## part, next to the section it sits in.

            Options:
            \(json)
            \(config)

            \(workspaceRule)
            """
        case "lsp":
            body = "Runs the language server on standard input and output (--stdio is the default and only transport)."
        default:
            body = "Lists every rule with its code, default severity and summary."
        }
        return "Usage: \(synopsis)\n\n\(body)"
    }

    static func run(_ arguments: [String]) -> Int32 {
        guard let command = arguments.first else {
            FileHandle.standardError.write(Data((usage + "\n").utf8))
            return 2
        }
        let rest = Array(arguments.dropFirst())
        // `--help` or `-h` anywhere before `--`: the command's own usage.
        if let help = help(for: command), rest.prefix(while: { $0 != "--" }).contains(where: { $0 == "--help" || $0 == "-h" }) {
            print(help)
            return 0
        }
        switch command {
        case "check": return CheckCommand.run(rest)
        case "terms": return TermsCommand.run(rest)
        case "explain": return ExplainCommand.run(rest)
        case "sections": return SectionsCommand.run(rest)
        case "classify": return ClassifyCommand.run(rest)
        case "rules": return RulesCommand.run(rest)
        case "lsp": return LSPCommand.run(rest)
        case "--version", "version": print("docent \(version)"); return 0
        case "--help", "-h", "help":
            guard let topic = rest.first else { print(usage); return 0 }
            guard rest.count == 1, let help = help(for: topic) else {
                printError("docent help: unknown command '\(rest.joined(separator: " "))'\n\n\(usage)")
                return 2
            }
            print(help)
            return 0
        default:
            printError("docent: unknown command '\(command)'\n\n\(usage)")
            return 2
        }
    }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// A command's options (`CommandLineOptions`, shared with `docent-bench`); on a usage error, prints
/// `docent COMMAND: message` and returns nil, for the command to exit with 2.
func parseOptions(_ arguments: [String], command: String, valued: Set<String> = [], boolean: Set<String> = []) -> CommandLineOptions? {
    do {
        return try CommandLineOptions(arguments, valued: valued, boolean: boolean)
    } catch {
        printError("docent \(command): \(error.message)")
        return nil
    }
}

/// Loads the workspace rooted at `directory` and reports configuration problems on stderr, and the
/// files that could not be read (or were read with a caveat) among those that matter: every file
/// when `filters` is empty, else those under a filter and the glossaries.
/// Returns nil (after printing, `docent COMMAND: …` for a folder that is not one) when the
/// configuration has errors.
/// Loads the workspace at `path`, saying on stderr what went wrong; nil when it cannot be used (it does
/// not exist, or its configuration has errors: then `rejected` hears the workspace as read).
func loadWorkspace(_ path: String, command: String, configFile: String? = nil, filters: [String] = [],
                   rejected: ((WorkspaceLoader.Result) -> Void)? = nil) -> WorkspaceLoader.Result? {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        printError("docent \(command): \(path) does not exist")
        return nil
    }
    guard isDirectory.boolValue else {
        printError("docent \(command): \(path) is a file; give the folder of the workspace")
        return nil
    }
    let loader = WorkspaceLoader(root: URL(fileURLWithPath: path))
    // Every path said here is relative to the current directory, as the reports' are.
    let display = PathDisplay(root: loader.root)
    // The configuration is read once, here; the workspace is read with it.
    let configuration = loader.loadConfiguration(explicit: configFile.map { URL(fileURLWithPath: $0) })
    // A --config file that cannot be read: that alone is said, and no page is read.
    if let configFile, let failure = configuration.readFailure {
        printError("\(display(URL(fileURLWithPath: configFile).path)):1:1: error: Cannot read the configuration file: \(configurationReadReason(failure))")
        return nil
    }
    let result = loader.load(configuration: configuration)
    var hasErrors = false
    for problem in result.snapshot.configurationProblems {
        printError("\(display(problem.file)):\(problem.line):\(problem.column): \(problem.isError ? "error" : "warning"): \(problem.message)")
        hasErrors = hasErrors || problem.isError
    }
    for skipped in result.skipped where matters(skipped.path, in: result, filters: filters) {
        printError("docent: skipped \(display(skipped.path)): \(skipped.reason)")
    }
    // Files read with a caveat (invalid UTF-8 read as U+FFFD): on stderr, so reports on stdout stay valid.
    for note in result.notes where matters(note.path, in: result, filters: filters) {
        printError("docent: \(display(note.path)): \(note.reason)")
    }
    if hasErrors { rejected?(result) }
    return hasErrors ? nil : result
}

/// Whether a skipped or caveated file (or folder) matters to a run narrowed to `filters`: every one
/// when there are none, else those under a filter (or holding one), and glossaries.
func matters(_ path: String, in result: WorkspaceLoader.Result, filters: [String]) -> Bool {
    filters.isEmpty || path == "." || result.snapshot.configuration.glossarySource(for: path) != nil
        || filters.contains { path == $0 || path.hasPrefix($0 + "/") || $0.hasPrefix(path + "/") }
}

/// Why a `--config` file cannot be read, in words for its command line: "no such file", "it is a
/// folder", else the system's ("Permission denied", "not a plain file").
func configurationReadReason(_ failure: WorkspaceLoader.ReadFailure) -> String {
    switch failure.errorNumber {
    case ENOENT: "no such file"
    case EISDIR: "it is a folder"
    default: failure.message
    }
}
