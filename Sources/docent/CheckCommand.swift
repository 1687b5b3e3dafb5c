import DocentCore
import DocentIO
import DocentLSP
import Foundation
import Synchronization

/// `docent check [PATH …] [--format text|json|sarif|github] [--config FILE] [--fix] [--strict]`:
/// the CI face of Docent.
enum CheckCommand {
    static let formats = ["text", "json", "sarif", "github"]

    static func run(_ arguments: [String]) -> Int32 {
        guard let options = parseOptions(arguments, command: "check", valued: ["--format", "--config"], boolean: ["--strict", "--no-color", "--fix"]) else { return 2 }
        let format = options.value("--format") ?? "text"
        guard formats.contains(format) else {
            printError("docent check: unknown format '\(format)' (expected \(formats.joined(separator: ", ")))")
            return 2
        }
        // The arguments' workspace (see `WorkspaceRootFinder`); each argument narrows the check.
        let selection: WorkspaceRootFinder.Selection
        switch WorkspaceRootFinder.select(options.positional, configurationRoot: WorkspaceRootFinder.configurationRoot(options.value("--config"))) {
        case .success(let found): selection = found
        case .failure(let failure):
            printError("docent check: \(failure.message)")
            return 2
        }
        let loader = WorkspaceLoader(root: selection.root)
        let current = WorkspaceRootFinder.currentDirectory
        let rootPrefix = WorkspaceRootFinder.prefix(from: current, to: loader.root)
        // The machine formats hold the configuration's problems too, as `configuration` findings on
        // its file: a broken configuration still gives a valid report (of its errors alone).
        func machineReport(_ diagnostics: [Diagnostic], _ snapshot: WorkspaceSnapshot, configuration result: WorkspaceLoader.Result) -> String? {
            var snapshot = snapshot
            var all = diagnostics
            if let file = result.configurationFile, !result.snapshot.configurationProblems.isEmpty,
               case let url = loader.confinedURL(file) ?? URL(fileURLWithPath: file), let bytes = FileManager.default.contents(atPath: url.path) {
                let text = SourceText(bytes: [UInt8](bytes))
                snapshot = snapshot.applying([.setDocument(path: file, text: text, version: nil)])
                all = result.snapshot.configurationProblems.map { $0.diagnostic(in: text) } + diagnostics
            }
            switch format {
            case "json": return CheckReport.json(all, snapshot: snapshot) + "\n"
            case "sarif": return CheckReport.sarif(all, snapshot: snapshot, rootPrefix: rootPrefix, sourceRoot: current, version: CommandLineTool.version) + "\n"
            case "github": return CheckReport.github(all, snapshot: snapshot, rootPrefix: rootPrefix)
            default: return nil
            }
        }
        guard let result = loadWorkspace(selection.root.path, command: "check", configFile: options.value("--config"), filters: selection.filters, rejected: { rejected in
            if let report = machineReport([], rejected.snapshot, configuration: rejected) { print(report, terminator: "") }
        }) else { return 2 }
        var snapshot = result.snapshot
        var paths = snapshot.reportedPaths
        // A run without a glossary checks no terms: said, as a clean report would otherwise read as
        // "the terms are right" (a folder argument below the glossary's folder is its own workspace).
        if result.configurationFile == nil && snapshot.glossaryPaths.isEmpty {
            printError(noGlossaryNote(root: loader.root))
        }
        if !selection.filters.isEmpty {
            func selects(_ filter: String, _ path: String) -> Bool { path == filter || path.hasPrefix(filter + "/") }
            for (argument, filter) in zip(options.positional.isEmpty ? ["."] : options.positional, selection.filters) where !paths.contains(where: { selects(filter, $0) }) {
                let hint = WorkspaceRootFinder.notReadHint(configurationFile: result.configurationFile)
                printError("docent check: \(argument) holds no document of the workspace at \(loader.root.path) (\(hint))")
            }
            paths = paths.filter { path in selection.filters.contains { selects($0, path) } }
        }
        var unwritten = 0
        if options.flags.contains("--fix") {
            (snapshot, unwritten) = applyFixes(paths: paths, snapshot: snapshot, loader: loader, notValidUTF8: Set(result.notes.map(\.path)))
        }
        let progress = ProgressBar(total: paths.count)
        var onProgress: (@Sendable (Int) -> Void)?
        if let progress { onProgress = { done in progress.update(done) } }
        let diagnostics: [Diagnostic] = Checker.check(paths: paths, in: snapshot, progress: onProgress)
        progress?.finish()
        // What the diagnostics leave out: configuration warnings (said on stderr), files and folders
        // that could not be read, and fixes that could not be written.
        let configurationWarnings = result.snapshot.configurationProblems.filter { !$0.isError }.count
        let unread = result.skipped.filter { $0.isReadFailure && matters($0.path, in: result, filters: selection.filters) }
        let unreadFolders = unread.filter(\.isFolder).count
        func count(_ number: Int, _ noun: String, _ plural: String? = nil) -> String? {
            number == 0 ? nil : "\(number) \(number == 1 ? noun : plural ?? noun + "s")"
        }
        let also = [count(configurationWarnings, "configuration warning"), count(unread.count - unreadFolders, "unreadable file"),
                    count(unreadFolders, "unreadable folder"), count(unwritten, "file not fixed (write failed)", "files not fixed (write failed)")].compactMap { $0 }
        // On a terminal the report is grouped by file; colour too, unless NO_COLOR or --no-color.
        let isTerminal = isatty(STDOUT_FILENO) == 1
        let colored = isTerminal && !options.flags.contains("--no-color") && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        // Report paths are relative to the current directory (the repository checkout in CI); text's by
        // the shortest route (`PathDisplay`). JSON's `file` is relative to the workspace root, as the
        // README documents.
        if let report = machineReport(diagnostics, snapshot, configuration: result) {
            print(report, terminator: "")
        } else {
            print(CheckReport.text(diagnostics, snapshot: snapshot, fileCount: paths.count, color: colored, grouped: isTerminal,
                                   also: also, displayPath: PathDisplay(root: loader.root).callAsFunction), terminator: "")
        }
        // An incomplete check (a file not read, a fix not written) is an I/O failure: 2, as for a
        // broken configuration, even when the report found errors.
        if !unread.isEmpty || unwritten > 0 { return 2 }
        let errors = diagnostics.contains { $0.severity == .error }
        let warnings = diagnostics.contains { $0.severity == .warning } || configurationWarnings > 0
        return errors || (options.flags.contains("--strict") && warnings) ? 1 : 0
    }

    /// "docent: no glossary in docs/guides, so no terms are checked …": for a workspace without a
    /// `docent.json` in which no glossary file was found.
    static func noGlossaryNote(root: URL) -> String {
        let display = PathDisplay(root: root)
        var where_ = ""
        if let repository = WorkspaceRootFinder.repositoryRoot(from: root), repository.path != root.path {
            where_ = "; the repository is at \(display(repository.path))"
        }
        return "docent: no glossary in \(display(".")), so no terms are checked (without a docent.json, a folder argument is a workspace "
            + "of its own\(where_)); check the folder that holds the glossary, or add a docent.json there"
    }

    /// Applies every safe fix, writing each file atomically; returns the snapshot with the fixed texts,
    /// and how many files could not be written (said on stderr).
    /// A file that is not valid UTF-8 (`notValidUTF8`) is not fixed: its text was read with U+FFFD for
    /// the invalid bytes, and writing it back would replace them. That is said, but it is a choice,
    /// not a failure: its findings stay in the report.
    static func applyFixes(paths: [String], snapshot: WorkspaceSnapshot, loader: WorkspaceLoader, notValidUTF8: Set<String> = []) -> (WorkspaceSnapshot, unwritten: Int) {
        var changes: [WorkspaceChange] = []
        var fixedCount = 0
        var unwritten = 0
        let display = PathDisplay(root: loader.root)
        for path in paths {
            let edits = TerminologyFixes.fixAll(in: path, snapshot: snapshot)
            guard !edits.isEmpty, let document = snapshot.document(path), let url = loader.confinedURL(path) else { continue }
            if notValidUTF8.contains(path) {
                printError("docent check --fix: \(display(path)): not fixed: not valid UTF-8, and writing it would replace the invalid bytes with U+FFFD")
                continue
            }
            let fixed = TerminologyFixes.apply(edits, to: document.text.bytes)
            do {
                try AtomicFileWriter.write(fixed, to: url, expecting: document.text.bytes)
                changes.append(.setDocument(path: path, text: SourceText(bytes: fixed), version: nil))
                fixedCount += edits.count
            } catch {
                printError("docent check --fix: \(display(path)): \(error.description)")
                unwritten += 1
            }
        }
        if fixedCount > 0 { printError("docent: fixed \(fixedCount) problem\(fixedCount == 1 ? "" : "s") in \(changes.count) file\(changes.count == 1 ? "" : "s")") }
        return (changes.isEmpty ? snapshot : snapshot.applying(changes), unwritten)
    }

}

/// A one-line progress bar on stderr, for long runs on a terminal only.
final class ProgressBar: Sendable {
    let total: Int
    private let lastDrawn = Mutex<Int>(0)

    init?(total: Int) {
        guard total >= 200, isatty(STDERR_FILENO) == 1 else { return nil }
        self.total = total
    }

    func update(_ done: Int) {
        let shouldDraw = lastDrawn.withLock { last -> Bool in
            guard done - last >= max(1, total / 50) || done == total else { return false }
            last = done
            return true
        }
        guard shouldDraw else { return }
        let width = 30
        let filled = width * done / total
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        FileHandle.standardError.write(Data("\r\(bar) \(done)/\(total) files".utf8))
    }

    func finish() {
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }
}
