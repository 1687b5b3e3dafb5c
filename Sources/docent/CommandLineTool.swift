import DocentCore
import DocentIO
import DocentLSP
import Foundation

enum CommandLineTool {
    static let version = "0.1.0"

    static let usage = """
    docent \(version): a language server and checker for documentation glossaries and persona sections

    Usage:
      docent check [PATH …] [--format text|json|sarif|github] [--config FILE] [--fix] [--strict]
      docent terms [DIR] [--json]
      docent explain TERM [DIR]
      docent sections [DIR] [--json]
      docent classify FILE [--json]
      docent lsp [--stdio]
      docent rules
      docent --version

    The workspace is the nearest folder with a docent.json at or above a path argument; check's
    paths (files or folders) then narrow what is reported, and must share that workspace. Without
    a docent.json, a folder argument is the workspace root, and a file belongs to the current
    directory's workspace (its own folder's when outside it); with no argument, the current
    directory is the root. Exit codes: 0 no errors, 1 errors found (warnings too with --strict), 2 usage or
    configuration errors.
    """

    static func run(_ arguments: [String]) -> Int32 {
        guard let command = arguments.first else {
            FileHandle.standardError.write(Data((usage + "\n").utf8))
            return 2
        }
        let rest = Array(arguments.dropFirst())
        switch command {
        case "check": return CheckCommand.run(rest)
        case "terms": return TermsCommand.run(rest)
        case "explain": return ExplainCommand.run(rest)
        case "sections": return SectionsCommand.run(rest)
        case "classify": return ClassifyCommand.run(rest)
        case "rules": return RulesCommand.run(rest)
        case "lsp": return LSPCommand.run(rest)
        case "--version", "version": print("docent \(version)"); return 0
        case "--help", "-h", "help": print(usage); return 0
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

/// Loads the workspace rooted at `directory` and reports configuration problems on stderr.
/// Returns nil (after printing) when the configuration has errors.
func loadWorkspace(_ directory: String?, configFile: String? = nil) -> WorkspaceLoader.Result? {
    let path = directory ?? FileManager.default.currentDirectoryPath
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
        printError("docent: \(path) is not a directory")
        return nil
    }
    let loader = WorkspaceLoader(root: URL(fileURLWithPath: path))
    let result = loader.load(configurationFile: configFile.map { URL(fileURLWithPath: $0) })
    var hasErrors = false
    for problem in result.snapshot.configurationProblems {
        printError("\(problem.file):\(problem.line):\(problem.column): \(problem.isError ? "error" : "warning"): \(problem.message)")
        hasErrors = hasErrors || problem.isError
    }
    for skipped in result.skipped {
        printError("docent: skipped \(skipped.path): \(skipped.reason)")
    }
    // Files read with a caveat (invalid UTF-8 read as U+FFFD): on stderr, so reports on stdout stay valid.
    for note in result.notes {
        printError("docent: \(note.path): \(note.reason)")
    }
    return hasErrors ? nil : result
}
