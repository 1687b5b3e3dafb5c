import DocentCore
import DocentIO
import Foundation
import Synchronization

/// `initialized`: reads every workspace folder (reporting `$/progress` when the client supports
/// work-done progress), registers file watchers, and tells the user about unreadable files and
/// configuration problems.
enum InitializedNotification: NotificationHandler {
    static let method = "initialized"

    static func handle(_ params: JSONValue, _ server: LanguageServer) {
        _ = server.updateNestedFolders()
        server.loadWorkspaces(server.workspaces.filter(\.isOnDisk))
        server.updateWatchers()
        server.startDiskPolling()
    }
}

extension LanguageServer {
    /// The file watchers the configurations in force need: their `include` globs and `glossaries`
    /// paths (a glossary `GLOSSARY.txt`, pages included as `**/*.markdown`), the configuration files,
    /// and deletions of anything, folders included (a `**/*.md` watcher hears nothing when the folder
    /// holding the pages is deleted or moved away; WatchKind.Delete = 4). A client that takes relative
    /// patterns (`relativePatternSupport`, LSP 3.17) gets each workspace folder's globs relative to
    /// it; any other gets plain globs, which a client may match against whole paths, so they start
    /// with `**/` (the server itself keeps only the files the configuration reads).
    func fileWatchers() -> [JSONValue] {
        let relative = clientSupports("workspace", "didChangeWatchedFiles", "relativePatternSupport")
        var watchers: [JSONValue] = []
        func add(_ watcher: JSONValue) {
            if !watchers.contains(watcher) { watchers.append(watcher) }
        }
        let folders = workspaces.filter(\.isOnDisk)
        let configurations: [(root: URL?, configuration: Configuration)] = folders.isEmpty
            ? [(nil, Configuration())] : folders.map { ($0.root, $0.snapshot.configuration) }
        for (root, configuration) in configurations {
            let includes = configuration.include.map { Glob($0) }
            // A glossary named by a path that an include glob covers is watched already.
            let glossaries = configuration.glossaries.map { Glob($0.pattern) }.filter { glossary in
                glossary.hasWildcard || !includes.contains { $0.matches(glossary.pattern) }
            }
            for glob in includes + glossaries where !glob.pattern.isEmpty {
                // A path without wildcards names a file, or a folder and everything under it (taken
                // for a file when its last part has an extension).
                let isFolder = !glob.hasWildcard && glob.pattern.split(separator: "/").last?.dropFirst().contains(".") != true
                for pattern in isFolder ? [glob.pattern, glob.pattern + "/**"] : [glob.pattern] {
                    if relative, let root {
                        add(["globPattern": ["baseUri": .string(root.absoluteString), "pattern": .string(pattern)]])
                    } else {
                        add(["globPattern": .string(pattern.hasPrefix("**/") || pattern == "**" ? pattern : "**/" + pattern)])
                    }
                }
            }
        }
        for name in ConfigurationLoader.fileNames { add(["globPattern": .string("**/" + name)]) }
        add(["globPattern": "**/*", "kind": 4])
        return watchers
    }

    /// Registers the file watchers (`client/registerCapability`) once `initialized` came, and again
    /// when what they should watch changed (a new configuration, a workspace folder added or
    /// removed): the new registration first, then the old one is dropped
    /// (`client/unregisterCapability`), so no change on disk falls between the two.
    func updateWatchers() {
        guard initializedReceived, phase == .running,
              clientSupports("workspace", "didChangeWatchedFiles", "dynamicRegistration") else { return }
        let watchers = fileWatchers()
        if let registered = registeredWatchers, registered.watchers == watchers { return }
        let method = "workspace/didChangeWatchedFiles"
        let id = watcherRegistrations == 0 ? "docent-watched-files" : "docent-watched-files-\(watcherRegistrations + 1)"
        watcherRegistrations += 1
        // The registration holds once the client says so; refused (or not yet answered), the server
        // looks at the disk itself.
        request("client/registerCapability", ["registrations": [[
            "id": .string(id), "method": .string(method), "registerOptions": ["watchers": .array(watchers)],
        ]]], completion: { [weak self] result in
            guard let self else { return }
            if result != nil {
                watchersInEffect = true
                stopDiskPolling()
            } else {
                watchersInEffect = false
                logMessage("The editor refused Docent's file watchers, so Docent looks at the disk for changes itself.", type: 2)
                startDiskPolling()
            }
        })
        if let registered = registeredWatchers {
            // "unregisterations" is the protocol's own spelling.
            request("client/unregisterCapability", ["unregisterations": [["id": .string(registered.id), "method": .string(method)]]])
        }
        registeredWatchers = (id, watchers)
    }
}

extension LanguageServer {
    /// Records in each workspace folder the folders nested in it (see `ServerWorkspace.nestedFolders`);
    /// returns the workspaces whose nested folders changed.
    func updateNestedFolders() -> [ServerWorkspace] {
        let folders = workspaces.filter(\.isOnDisk)
        var changed: [ServerWorkspace] = []
        for workspace in folders {
            let rootPath = workspace.root.standardizedFileURL.path
            let nested = folders.compactMap { other -> String? in
                guard other !== workspace, other.root.standardizedFileURL.path != rootPath,
                      let path = workspace.relativePath(of: other.root), !path.isEmpty else { return nil }
                return WorkspacePath.trimmingTrailingSlashes(path)
            }.sorted()
            if nested != workspace.nestedFolders {
                workspace.nestedFolders = nested
                changed.append(workspace)
            }
        }
        return changed
    }

    /// Loads workspaces from disk with progress, lays open buffers over them, and reports problems.
    func loadWorkspaces(_ targets: [ServerWorkspace]) {
        guard !targets.isEmpty else { return }
        var progress: IndexingProgress?
        if clientSupports("window", "workDoneProgress") {
            let reporter = IndexingProgress(token: .string("docent-indexing-\(nextRequestID)"), sink: sink)
            // The token may be used only once the client accepted it: until then nothing is sent.
            // Accepted after indexing ended: the progress begins and ends, so the client's token closes.
            request("window/workDoneProgress/create", ["token": reporter.token], completion: { _ in reporter.catchUp() },
                    answered: { reporter.answered(accepted: $0) })
            progress = reporter
        }
        for workspace in targets {
            workspace.editorRules = pendingEditorRules
            workspace.loadFromDisk { done, total in
                guard let progress, total > 0 else { return }
                progress.report("\(done)/\(total) files", percentage: done * 100 / total)
            }
            // Open buffers win over disk content.
            let overlays = openDocuments.values.filter { $0.workspace === workspace }
            var changes: [WorkspaceChange] = []
            for open in overlays where workspace.admits(open.path) {
                if let text = overlayTexts[open.path + "@" + workspace.root.path] { changes.append(.setDocument(path: open.path, text: text, version: open.version)) }
            }
            if !changes.isEmpty { workspace.apply(changes) }
            reportProblems(of: workspace)
        }
        if let progress {
            let count = targets.reduce(0) { $0 + $1.snapshot.documents.count }
            progress.end("\(count) documents")
        }
        for workspace in targets { diagnosticsChanged(in: workspace, changedURI: nil, glossaryChanged: true) }
        // A folder added later is read here: the disk poll's next look starts from what was read.
        if diskPoll != nil { diskStamps = Self.diskStamps(of: diskLooks()) }
    }

    func reportProblems(of workspace: ServerWorkspace) {
        reportConfigurationProblems(of: workspace)
        for skipped in workspace.skipped {
            logMessage("Skipped \(skipped.path): \(skipped.reason)", type: 2)
        }
        for note in workspace.notes {
            logMessage("\(note.path): \(note.reason)", type: 2)
        }
        for file in workspace.snapshot.glossary.files where file.entries.isEmpty {
            logMessage("The glossary \(file.path) has no entries Docent can read (read as \(file.format.rawValue) layout)", type: 2)
        }
    }
}

extension LanguageServer {
    /// Says the configuration's problems when they changed: logged, each error once in a message,
    /// and as diagnostics on the configuration file. A client that pulls diagnostics pulls those too
    /// (`configurationDiagnostics`, through `textDocument/diagnostic` or `workspace/diagnostic`), so it
    /// is asked to refresh instead of being pushed them; any other client is pushed them, and those
    /// of a fixed configuration are cleared.
    func reportConfigurationProblems(of workspace: ServerWorkspace) {
        let problems = workspace.configurationProblems
        let uri: String? = problems.isEmpty ? nil : workspace.configurationFile.map { self.uri(of: $0, in: workspace) }
        let changed = problems != workspace.reportedConfigurationProblems
        // While the file is open, its diagnostics carry the buffer's version, pushed again for a new
        // version even when the problems stay the same.
        let version = uri.flatMap { openDocuments[$0]?.version }
        guard changed || uri != workspace.configurationDiagnosticsURI || version != workspace.configurationDiagnosticsVersion else { return }
        workspace.reportedConfigurationProblems = problems
        let kept = !problems.contains(where: \.isError) ? ""
            : workspace.hasValidConfiguration ? " (the last valid configuration stays in force)"
            : " (no valid configuration was read before: the defaults stand in for what cannot be read)"
        for problem in problems where changed {
            logMessage("\(problem.file):\(problem.line):\(problem.column): \(problem.message)\(problem.isError ? kept : "")", type: problem.isError ? 1 : 2)
            let key = problem.file + ": " + problem.message
            if problem.isError && shownConfigurationErrors.insert(key).inserted {
                notify("window/showMessage", ["type": 1, "message": .string("Docent: \(problem.file):\(problem.line):\(problem.column): \(problem.message)\(kept)")])
            }
        }
        let previous = workspace.configurationDiagnosticsURI
        workspace.configurationDiagnosticsURI = uri
        workspace.configurationDiagnosticsVersion = version
        if clientPullsDiagnostics {
            // A pull client asks for a document's diagnostics as its versions come; a change of the
            // problems (or of the file they are on) is news to its other reports.
            if changed || previous != uri { requestDiagnosticRefresh() }
            return
        }
        if let previous, previous != uri {
            var cleared: JSONObject = ["uri": .string(previous), "diagnostics": []]
            if let open = openDocuments[previous] { cleared["version"] = JSONValue(open.version) }
            notify("textDocument/publishDiagnostics", .object(cleared))
        }
        guard let uri else { return }
        var published: JSONObject = ["uri": .string(uri), "diagnostics": .array(configurationDiagnostics(of: workspace))]
        if let version { published["version"] = JSONValue(version) }
        notify("textDocument/publishDiagnostics", .object(published))
    }

    /// The problems of a workspace's configuration file as LSP diagnostics on its text (code
    /// `configuration`), the same whether pushed or pulled.
    func configurationDiagnostics(of workspace: ServerWorkspace) -> [JSONValue] {
        let text = workspace.configurationText ?? SourceText("")
        return workspace.configurationProblems.map { problem in
            let diagnostic = problem.diagnostic(in: text)
            var item = JSONObject()
            item["range"] = range(diagnostic.range, in: text)
            item["severity"] = JSONValue(problem.isError ? 1 : 2)
            item["source"] = "docent"
            item["code"] = "configuration"
            item["message"] = .string(problem.message)
            return .object(item)
        }
    }

    /// The configuration file of an on-disk workspace that `uri` names, and whether it is the one in
    /// force (docent.json, or .docent.json when there is no docent.json); nil for any other file.
    func configurationFile(at uri: String) -> (workspace: ServerWorkspace, inForce: Bool)? {
        guard let (workspace, path) = locate(uri, createIfMissing: false), workspace.isOnDisk,
              ConfigurationLoader.fileNames.contains(path) else { return nil }
        return (workspace, path == workspace.configurationFile)
    }
}

/// `$/progress` for one indexing run, on a token the server asked the client to create. Nothing is
/// sent before the client accepted the token, and nothing at all when it answered with an error
/// (`window/workDoneProgress/create`). The answer is read on the reader's thread while indexing runs
/// on the server's queue.
final class IndexingProgress: Sendable {
    enum Consent { case waiting, accepted, refused }
    struct State {
        var consent = Consent.waiting
        var begun = false
        /// The end message once indexing finished, and whether `end` was sent.
        var endMessage: String?
        var ended = false
    }

    let token: JSONValue
    private let sink: any MessageSink
    private let state = Mutex(State())

    init(token: JSONValue, sink: any MessageSink) {
        self.token = token
        self.sink = sink
    }

    func answered(accepted: Bool) {
        state.withLock { $0.consent = accepted ? .accepted : .refused }
    }

    func report(_ message: String, percentage: Int) {
        send { state in
            guard state.consent == .accepted else { return [] }
            return beginIfNeeded(&state) + [["kind": "report", "message": .string(message), "percentage": JSONValue(percentage)]]
        }
    }

    func end(_ message: String) {
        send { state in
            state.endMessage = message
            return finishIfAccepted(&state)
        }
    }

    /// After the client's answer was handled on the queue: ends a progress accepted too late to show.
    func catchUp() {
        send { finishIfAccepted(&$0) }
    }

    private func finishIfAccepted(_ state: inout State) -> [JSONValue] {
        guard state.consent == .accepted, let message = state.endMessage, !state.ended else { return [] }
        state.ended = true
        return beginIfNeeded(&state) + [["kind": "end", "message": .string(message)]]
    }

    private func beginIfNeeded(_ state: inout State) -> [JSONValue] {
        guard !state.begun else { return [] }
        state.begun = true
        return [["kind": "begin", "title": "Docent: indexing documentation", "cancellable": false, "percentage": 0]]
    }

    /// Sends the values `decide` gives, in order, under the lock (so begin, reports and end stay ordered).
    private func send(_ decide: (inout State) -> [JSONValue]) {
        state.withLock { state in
            for value in decide(&state) {
                sink.send(OutgoingMessage.notification("$/progress", ["token": token, "value": value]))
            }
        }
    }
}
