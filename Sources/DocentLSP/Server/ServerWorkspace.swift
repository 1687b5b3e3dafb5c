import DocentCore
import DocentIO
import Foundation

/// One workspace folder the server serves: its root, the snapshot of its documents (disk content with
/// open editor buffers laid over it) and the URIs the client uses for them.
final class ServerWorkspace {
    let root: URL
    let loader: WorkspaceLoader
    private(set) var snapshot: WorkspaceSnapshot
    /// Whether the root was read from disk (false for the stand-in workspace of a loose file).
    let isOnDisk: Bool
    var skipped: [WorkspaceLoader.SkippedFile] = []
    /// Files read with a caveat (invalid UTF-8 read as U+FFFD), told to the user with the skipped ones.
    var notes: [WorkspaceLoader.SkippedFile] = []
    /// Configuration the editor sent (rule severities), applied under docent.json's own settings.
    var editorRules: [String: RuleSetting] = [:]
    /// The configuration in force, as docent.json gave it (before the editor's rules): the last one
    /// read without errors, or the first one read.
    private var diskConfiguration = Configuration()
    /// The problems of the configuration text read last, and that text's file and bytes (for their
    /// positions). With errors among them, `diskConfiguration` is the previous configuration.
    private(set) var configurationProblems: [ConfigurationProblem] = []
    /// Whether a configuration without errors was read (or there was none to read): with errors in
    /// the text read since, that one stays in force; without, the defaults stand in for what the
    /// broken text does not say.
    private(set) var hasValidConfiguration = false
    private(set) var configurationFile: String?
    private(set) var configurationText: SourceText?
    /// The configuration text read last when it is the one in force, for the warnings about its
    /// `glossaries` entries that match no file, which come and go with the files
    /// (`refreshPathProblems`); nil while a text with errors is kept out of force.
    private var configurationInForce: LoadedConfiguration?
    /// The configuration problems last logged and shown as diagnostics, so they are said once.
    var reportedConfigurationProblems: [ConfigurationProblem] = []
    var configurationDiagnosticsURI: String?
    /// The version of the open configuration buffer those diagnostics were pushed for (nil: not open).
    var configurationDiagnosticsVersion: Int?

    /// The roots of other workspace folders inside this one (relative paths). Their files belong to
    /// them (`locate` picks the innermost folder), so this workspace leaves them out — all but its own
    /// glossary files, which its pages need — and reports none of them.
    var nestedFolders: [String] = []

    /// Whether `path` lies in a workspace folder nested in this one.
    func isInNestedFolder(_ path: String) -> Bool {
        !nestedFolders.isEmpty && nestedFolders.contains { path.hasPrefix($0 + "/") }
    }

    /// Whether a file listed under the root is this workspace's (not a nested folder's).
    private func keeps(_ path: String, configuration: Configuration) -> Bool {
        !isInNestedFolder(path) || configuration.glossarySource(for: path) != nil
    }

    /// The files under the root that `configuration` reads and this workspace keeps (see `keeps`).
    func ownFiles(configuration: Configuration, skipped: inout [WorkspaceLoader.SkippedFile], sizes: inout [String: Int]) -> [String] {
        loader.listFiles(configuration: configuration, skipped: &skipped, sizes: &sizes).filter { keeps($0, configuration: configuration) }
    }

    /// For an untitled document served against a workspace folder: that folder's workspace. This
    /// workspace's snapshot is then the folder's plus the untitled document, re-derived when either
    /// changes, so the untitled document sees the folder's glossary and configuration and never
    /// shows in the folder's own results.
    let base: ServerWorkspace?

    init(root: URL, isOnDisk: Bool, base: ServerWorkspace? = nil) {
        self.root = root
        self.loader = WorkspaceLoader(root: root)
        self.isOnDisk = isOnDisk
        self.base = base
        self.snapshot = WorkspaceSnapshot()
    }

    /// For a workspace with a `base`: its snapshot is the base's with `path` set to `text`.
    func derive(path: String, text: SourceText, version: Int?) {
        guard let base else { return }
        snapshot = base.snapshot.applying([.setDocument(path: path, text: text, version: version)])
    }

    /// Reads configuration and every included file. Open buffers are laid over afterwards by the server.
    func loadFromDisk(progress: (Int, Int) -> Void) {
        guard isOnDisk else { return }
        let loaded = loader.loadConfiguration()
        let configuration = loaded.configuration
        diskConfiguration = configuration
        configurationInForce = loaded
        hasValidConfiguration = !loaded.problems.contains(where: \.isError)
        var skipped: [WorkspaceLoader.SkippedFile] = []
        var sizes: [String: Int] = [:]
        // Largest files first, so that no batch ends with one large file read while the other cores wait.
        let paths = ownFiles(configuration: configuration, skipped: &skipped, sizes: &sizes)
            .sorted { (sizes[$0] ?? 0, $1) > (sizes[$1] ?? 0, $0) }
        var documents: [WorkspaceDocument] = []
        var notes: [WorkspaceLoader.SkippedFile] = []
        documents.reserveCapacity(paths.count)
        // Read and scan in batches on every core, reporting progress between batches.
        let loader = self.loader
        var start = 0
        while start < paths.count {
            let batch = Array(paths[start..<min(paths.count, start + 200)])
            let outcomes = ParallelMap.map(batch) { path in
                loader.read(path).map { (WorkspaceDocument(path: path, text: SourceText(bytes: $0)), WorkspaceLoader.note(about: $0)) }
            }
            for (path, outcome) in zip(batch, outcomes) {
                switch outcome {
                case .success(let (document, note)):
                    documents.append(document)
                    if let note { notes.append(.init(path: path, reason: note)) }
                case .failure(let failure): skipped.append(.init(path: path, reason: failure.message, isReadFailure: failure.isReadFailure))
                }
            }
            start += batch.count
            progress(start, paths.count)
        }
        self.skipped = skipped.sorted { $0.path < $1.path }
        self.notes = notes.sorted { $0.path < $1.path }
        let problems = loaded.problems + loaded.unmatchedPaths(among: paths + skipped.map(\.path))
        recordConfigurationText(file: loaded.file, bytes: nil, problems: problems)
        snapshot = WorkspaceSnapshot(configuration: effectiveConfiguration(), configurationProblems: problems, documents: documents)
    }

    func effectiveConfiguration() -> Configuration {
        var configuration = diskConfiguration
        for (rule, setting) in editorRules where configuration.rules[rule] == nil { configuration.rules[rule] = setting }
        return configuration
    }

    /// Whether `path` is one of this workspace's documents: read by the configuration (included, or a
    /// glossary it names, which is read for its terms even outside `include`), and not the
    /// configuration file itself (a stand-in workspace takes every file opened in it).
    func admits(_ path: String) -> Bool {
        guard isOnDisk else { return true }
        return !ConfigurationLoader.fileNames.contains(path) && snapshot.configuration.reads(path) && keeps(path, configuration: snapshot.configuration)
    }

    private func recordConfigurationText(file: String?, bytes: [UInt8]?, problems: [ConfigurationProblem]) {
        configurationProblems = problems
        configurationFile = file
        if let bytes {
            configurationText = SourceText(bytes: bytes)
        } else {
            configurationText = file.flatMap { loader.confinedURL($0) }.flatMap { FileManager.default.contents(atPath: $0.path) }.map { SourceText(bytes: [UInt8]($0)) }
        }
    }

    /// Re-reads docent.json (after it changed on disk, or from `overlay`, its open editor buffer) and
    /// re-lists the files; `openTexts` are the open buffers, which are documents when included. A
    /// configuration with errors is not applied: the last one stays (its problems are recorded). Nor is
    /// one that reads as the configuration in force with the same problems (docent.json opened as it
    /// is on disk, a space typed): the glossary is not rebuilt, nor the disk walked again.
    /// Returns whether a new configuration was applied.
    @discardableResult
    func reloadConfiguration(overlay: (file: String, bytes: [UInt8])?, openTexts: [String: SourceText]) -> Bool {
        let loaded = overlay.map { ConfigurationLoader.read($0.bytes, file: $0.file) } ?? loader.loadConfiguration()
        let configuration = loaded.configuration
        recordConfigurationText(file: loaded.file, bytes: overlay?.bytes, problems: loaded.problems)
        guard !loaded.problems.contains(where: \.isError) else {
            configurationInForce = nil
            return false
        }
        diskConfiguration = configuration
        configurationInForce = loaded
        hasValidConfiguration = true
        let effective = effectiveConfiguration()
        if effective == snapshot.configuration && loaded.problems == snapshot.configurationProblems {
            configurationProblems = loaded.problems + loaded.unmatchedPaths(among: Set(snapshot.documents.keys).union(skipped.map(\.path)))
            return false
        }
        apply([.setConfiguration(effective, problems: loaded.problems)])
        // Files the new configuration includes or drops; open buffers win over disk content.
        var skipped: [WorkspaceLoader.SkippedFile] = []
        var sizes: [String: Int] = [:]
        let wanted = Set(ownFiles(configuration: configuration, skipped: &skipped, sizes: &sizes)).union(openTexts.keys.filter(admits))
        var changes: [WorkspaceChange] = []
        for path in snapshot.documents.keys where !wanted.contains(path) { changes.append(.removeDocument(path: path)) }
        for path in wanted where snapshot.documents[path] == nil {
            if let text = openTexts[path] {
                changes.append(.setDocument(path: path, text: text, version: nil))
            } else if case .success(let bytes) = loader.read(path) {
                changes.append(.setDocument(path: path, text: SourceText(bytes: bytes), version: nil))
            }
        }
        if !changes.isEmpty { apply(changes) }
        configurationProblems = loaded.problems + loaded.unmatchedPaths(among: wanted.union(self.skipped.map(\.path)))
        return true
    }

    /// Recomputes the warnings about `glossaries` entries that match no file and sections that hold
    /// none, after files came or went; returns whether the configuration's problems changed.
    func refreshPathProblems() -> Bool {
        guard let loaded = configurationInForce, !loaded.configuration.glossaries.isEmpty || !loaded.configuration.sections.isEmpty else { return false }
        let problems = loaded.problems + loaded.unmatchedPaths(among: Set(snapshot.documents.keys).union(skipped.map(\.path)))
        guard problems != configurationProblems else { return false }
        configurationProblems = problems
        return true
    }

    func setEditorRules(_ rules: [String: RuleSetting]) {
        editorRules = rules
        apply([.setConfiguration(effectiveConfiguration(), problems: snapshot.configurationProblems)])
    }

    func apply(_ changes: [WorkspaceChange]) {
        snapshot = snapshot.applying(changes)
    }

    /// The workspace-relative path of a file URL inside this root.
    func relativePath(of url: URL) -> String? {
        let path = url.standardizedFileURL.path
        let rootPath = root.standardizedFileURL.path
        let prefix = rootPath.hasSuffix("/") ? rootPath : rootPath + "/"
        if path.hasPrefix(prefix) { return String(path.dropFirst(prefix.count)) }
        // Paths through symbolic links (macOS /private/var, say) compare after resolution.
        return loader.relativePath(of: url)
    }

    func url(of path: String) -> URL { root.appendingPathComponent(path) }

    /// `url(of:)` as a string, remembered: building a URL costs microseconds, and a workspace's
    /// diagnostics and references name the same files thousands of times.
    func uriString(of path: String) -> String {
        if let known = uriStrings[path] { return known }
        let uri = url(of: path).absoluteString
        uriStrings[path] = uri
        return uri
    }

    private var uriStrings: [String: String] = [:]
}
