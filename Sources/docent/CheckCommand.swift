import DocentCore
import DocentIO
import DocentLSP
import Foundation

/// `docent check [PATH …] [--format text|json] [--config FILE] [--strict]`: the CI face of Docent.
enum CheckCommand {
    static func run(_ arguments: [String]) -> Int32 {
        let options: Options
        do { options = try Options(arguments, valued: ["--format", "--config"], boolean: ["--strict", "--no-color"]) } catch {
            printError("docent check: \(error.message)")
            return 2
        }
        let format = options.values["--format"] ?? "text"
        guard ["text", "json"].contains(format) else {
            printError("docent check: unknown format '\(format)' (expected text or json)")
            return 2
        }
        // The first directory argument is the workspace root; file arguments narrow the check.
        var root: String?
        var filters: [String] = []
        for argument in options.positional {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) else {
                printError("docent check: no such file or directory: \(argument)")
                return 2
            }
            if isDirectory.boolValue && root == nil { root = argument } else { filters.append(argument) }
        }
        if root == nil, let first = filters.first {
            root = WorkspaceRootFinder.root(containing: URL(fileURLWithPath: first)).path
        }
        guard let result = loadWorkspace(root, configFile: options.values["--config"]) else { return 2 }
        let snapshot = result.snapshot
        let loader = WorkspaceLoader(root: URL(fileURLWithPath: root ?? FileManager.default.currentDirectoryPath))
        var paths = snapshot.sortedPaths
        if !filters.isEmpty {
            let wanted = Set(filters.compactMap { loader.relativePath(of: URL(fileURLWithPath: $0)) })
            paths = paths.filter { path in wanted.contains(path) || wanted.contains { path.hasPrefix($0 + "/") } }
        }
        let diagnostics = Checker.check(paths: paths, in: snapshot)
        let isTerminal = isatty(STDOUT_FILENO) == 1 && !options.flags.contains("--no-color") && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        switch format {
        case "json": print(CheckReport.json(diagnostics, snapshot: snapshot))
        default: print(CheckReport.text(diagnostics, snapshot: snapshot, fileCount: paths.count, color: isTerminal), terminator: "")
        }
        let errors = diagnostics.contains { $0.severity == .error }
        let warnings = diagnostics.contains { $0.severity == .warning }
        return errors || (options.flags.contains("--strict") && warnings) ? 1 : 0
    }
}

/// Finds the workspace root above a file: the nearest folder with a `docent.json`, else the folder.
enum WorkspaceRootFinder {
    static func root(containing file: URL) -> URL {
        var folder = file.deletingLastPathComponent().standardizedFileURL
        while true {
            for name in ConfigurationLoader.fileNames where FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path) {
                return folder
            }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { return file.deletingLastPathComponent() }
            folder = parent
        }
    }
}
