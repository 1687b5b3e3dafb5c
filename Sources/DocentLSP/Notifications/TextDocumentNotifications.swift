import DocentCore
import DocentIO
import Foundation

extension LanguageServer {
    /// Applies a document change and republishes what it affects. A file the configuration excludes
    /// is kept as text only (it gets no diagnostics and is not part of the workspace); docent.json is
    /// never a document: its buffer re-configures the workspace.
    func setOverlay(uri: String, workspace: ServerWorkspace, path: String, text: SourceText, version: Int) {
        let generation = workspace.snapshot.glossaryGeneration
        overlayTexts[path + "@" + workspace.root.path] = text
        if workspace.isOnDisk && ConfigurationLoader.fileNames.contains(path) {
            reloadConfiguration(of: workspace)
            return
        }
        if workspace.base != nil {
            workspace.derive(path: path, text: text, version: version)
        } else if workspace.admits(path) {
            workspace.apply([.setDocument(path: path, text: text, version: version)])
        } else if workspace.snapshot.document(path) != nil {
            workspace.apply([.removeDocument(path: path)])
        }
        diagnosticsChanged(in: workspace, changedURI: uri, glossaryChanged: workspace.snapshot.glossaryGeneration != generation)
    }

    /// The text of an open document: the editor's buffer.
    func openText(_ path: String, in workspace: ServerWorkspace) -> SourceText? {
        overlayTexts[path + "@" + workspace.root.path]
    }

    /// The open configuration buffer of a workspace, when it is the configuration file in force
    /// (docent.json, or .docent.json when there is no docent.json on disk).
    func configurationOverlay(of workspace: ServerWorkspace) -> (file: String, bytes: [UInt8])? {
        for name in ConfigurationLoader.fileNames {
            if openDocuments.values.contains(where: { $0.workspace === workspace && $0.path == name }), let text = openText(name, in: workspace) {
                return (name, text.bytes)
            }
            if FileManager.default.fileExists(atPath: workspace.root.appendingPathComponent(name).path) { return nil }
        }
        return nil
    }

    /// Re-reads a workspace's configuration (its open buffer, else the disk), keeping the last good
    /// one when it has errors, and republishes. A text with errors changes no document's
    /// diagnostics (the last good configuration stays), only the configuration file's own; nor does
    /// a text that reads as the same configuration (docent.json opened as it is on disk, a space
    /// typed) when the same files are documents.
    func reloadConfiguration(of workspace: ServerWorkspace) {
        guard workspace.isOnDisk else { return }
        var openTexts: [String: SourceText] = [:]
        for open in openDocuments.values where open.workspace === workspace {
            if let text = openText(open.path, in: workspace) { openTexts[open.path] = text }
        }
        let applied = workspace.reloadConfiguration(overlay: configurationOverlay(of: workspace), openTexts: openTexts)
        reportConfigurationProblems(of: workspace)
        guard applied else { return }
        diagnosticsChanged(in: workspace, changedURI: nil, glossaryChanged: true)
        // Its include globs and glossaries say which files to watch.
        updateWatchers()
    }
}

/// `textDocument/didOpen`: the editor's buffer replaces the disk content.
enum DidOpenTextDocumentNotification: NotificationHandler {
    static let method = "textDocument/didOpen"

    static func handle(_ params: JSONValue, _ server: LanguageServer) {
        guard let item = params["textDocument"], let uri = item["uri"]?.stringValue, let text = item["text"]?.stringValue,
              let (workspace, path) = server.locate(uri) else { return }
        let version = item["version"]?.intValue ?? 0
        server.openDocuments[uri] = (workspace, path, version)
        server.placementDiagnostics.removeValue(forKey: uri)
        server.setOverlay(uri: uri, workspace: workspace, path: path, text: SourceText(text), version: version)
        server.publishDiagnostics(for: [uri])
    }
}

/// `textDocument/didChange`: incremental (range) or full edits, applied in order.
enum DidChangeTextDocumentNotification: NotificationHandler {
    static let method = "textDocument/didChange"

    static func handle(_ params: JSONValue, _ server: LanguageServer) {
        guard let uri = params["textDocument"]?["uri"]?.stringValue else {
            server.logMessage("didChange without a textDocument.uri is ignored", type: 2)
            return
        }
        guard let open = server.openDocuments[uri] else {
            server.logMessage("didChange for \(uri), a document that is not open, is ignored", type: 2)
            return
        }
        guard let changes = params["contentChanges"]?.arrayValue else {
            // The document stays as it was (and at its version): the next valid change applies to it.
            server.logMessage("didChange for \(uri): contentChanges is not an array; the change is ignored", type: 2)
            return
        }
        let version = params["textDocument"]?["version"]?.intValue ?? open.version + 1
        if version <= open.version {
            server.logMessage("didChange version \(version) does not follow \(open.version) for \(uri); applying it anyway", type: 2)
        }
        var text = server.openText(open.path, in: open.workspace) ?? open.workspace.snapshot.document(open.path)?.text ?? SourceText("")
        var edits: [TextEdit] = []
        for change in changes {
            guard let newText = change["text"]?.stringValue else {
                server.logMessage("didChange for \(uri): a change without text is skipped", type: 2)
                continue
            }
            var range: PositionRange?
            if let value = change["range"], !value.isNull {
                // A malformed range is skipped and said, not read as "replace the whole document".
                guard let start = value["start"], let end = value["end"],
                      let startLine = start["line"]?.intValue, let startCharacter = start["character"]?.intValue,
                      let endLine = end["line"]?.intValue, let endCharacter = end["character"]?.intValue else {
                    server.logMessage("didChange for \(uri): a change with a malformed range is skipped", type: 2)
                    continue
                }
                // An end before the start is no range a client means: skipped and said, like a malformed one.
                guard (startLine, startCharacter) <= (endLine, endCharacter) else {
                    server.logMessage("didChange for \(uri): a change whose range ends before it starts is skipped", type: 2)
                    continue
                }
                range = PositionRange(start: Position(line: startLine, character: startCharacter), end: Position(line: endLine, character: endCharacter))
            }
            edits.append(TextEdit(range: range, newText: newText))
        }
        let byteEdits = text.apply(edits, encoding: server.encoding)
        server.carryPlacement(of: uri, through: byteEdits)
        server.openDocuments[uri] = (open.workspace, open.path, version)
        server.setOverlay(uri: uri, workspace: open.workspace, path: open.path, text: text, version: version)
    }
}

/// `textDocument/didClose`: the document reverts to its disk content (or leaves the model).
enum DidCloseTextDocumentNotification: NotificationHandler {
    static let method = "textDocument/didClose"

    static func handle(_ params: JSONValue, _ server: LanguageServer) {
        guard let uri = params["textDocument"]?["uri"]?.stringValue, let open = server.openDocuments.removeValue(forKey: uri) else { return }
        server.placementDiagnostics.removeValue(forKey: uri)
        server.placementStale.remove(uri)
        let workspace = open.workspace
        server.overlayTexts.removeValue(forKey: open.path + "@" + workspace.root.path)
        if workspace.isOnDisk && ConfigurationLoader.fileNames.contains(open.path) {
            // Unsaved changes to the configuration are gone: back to the disk's.
            server.reloadConfiguration(of: workspace)
            return
        }
        let generation = workspace.snapshot.glossaryGeneration
        if workspace.isOnDisk, workspace.admits(open.path), case .success(let bytes) = workspace.loader.read(open.path) {
            workspace.apply([.setDocument(path: open.path, text: SourceText(bytes: bytes), version: nil)])
        } else {
            workspace.apply([.removeDocument(path: open.path)])
        }
        if !server.clientPullsDiagnostics {
            server.publishedDiagnostics.removeValue(forKey: uri)
            server.notify("textDocument/publishDiagnostics", ["uri": .string(uri), "diagnostics": []])
        }
        if workspace.snapshot.glossaryGeneration != generation { server.diagnosticsChanged(in: workspace, changedURI: nil, glossaryChanged: true) }
        // The stand-in workspace of loose or untitled files goes with its last open file, so a long
        // session that opens files in many folders does not keep a workspace per folder.
        if !workspace.isOnDisk && !server.openDocuments.values.contains(where: { $0.workspace === workspace }) {
            server.workspaces.removeAll { $0 === workspace }
        }
    }
}

/// `textDocument/didSave`: a saved docent.json re-configures the workspace.
enum DidSaveTextDocumentNotification: NotificationHandler {
    static let method = "textDocument/didSave"

    static func handle(_ params: JSONValue, _ server: LanguageServer) {
        guard let uri = params["textDocument"]?["uri"]?.stringValue, let (workspace, path) = server.locate(uri, createIfMissing: false) else { return }
        if ConfigurationLoader.fileNames.contains(path) { server.reloadConfiguration(of: workspace) }
    }
}

/// `workspace/didChangeWatchedFiles`: files created, changed or deleted on disk.
enum DidChangeWatchedFilesNotification: NotificationHandler {
    static let method = "workspace/didChangeWatchedFiles"

    static func handle(_ params: JSONValue, _ server: LanguageServer) {
        var touched: [ServerWorkspace] = []
        for change in params["changes"]?.arrayValue ?? [] {
            guard let uri = change["uri"]?.stringValue, let type = change["type"]?.intValue,
                  let (workspace, path) = server.locate(uri, createIfMissing: false), workspace.isOnDisk else { continue }
            // Open buffers are the editor's truth; disk changes to them wait for didClose (`docent.json`
            // is read with its open buffer laid over it).
            if server.openDocuments[uri] != nil && !ConfigurationLoader.fileNames.contains(path) { continue }
            // A file or a whole folder (some watchers report a moved folder once). The deletion watcher
            // hears of every file; one that was no document changes nothing and republishes nothing.
            if server.refreshFromDisk(path, in: workspace, deleted: type == 3), !touched.contains(where: { $0 === workspace }) {
                touched.append(workspace)
            }
        }
        for workspace in touched { server.diagnosticsChanged(in: workspace, changedURI: nil, glossaryChanged: true) }
    }
}

/// `workspace/didChangeConfiguration`: editor settings changed; pulled with `workspace/configuration`
/// when the client supports it and did not send them.
enum DidChangeConfigurationNotification: NotificationHandler {
    static let method = "workspace/didChangeConfiguration"

    static func handle(_ params: JSONValue, _ server: LanguageServer) {
        if let settings = params["settings"], !settings.isNull, settings.objectValue?.isEmpty == false {
            apply(settings, server)
        } else if server.clientSupports("workspace", "configuration") {
            server.request("workspace/configuration", ["items": [["section": "docent"]]]) { result in
                if let first = result?[0] { apply(["docent": first], server) }
            }
        }
    }

    static func apply(_ settings: JSONValue, _ server: LanguageServer) {
        Settings.apply(settings, to: server)
        for workspace in server.workspaces {
            workspace.setEditorRules(server.pendingEditorRules)
            server.diagnosticsChanged(in: workspace, changedURI: nil, glossaryChanged: true)
        }
    }
}

/// `workspace/didChangeWorkspaceFolders`: folders added (read) and removed (dropped).
enum DidChangeWorkspaceFoldersNotification: NotificationHandler {
    static let method = "workspace/didChangeWorkspaceFolders"

    static func handle(_ params: JSONValue, _ server: LanguageServer) {
        let event = params["event"]
        for removed in event?["removed"]?.arrayValue ?? [] {
            guard let uri = removed["uri"]?.stringValue, let url = URL(string: uri) else { continue }
            server.workspaces.removeAll { $0.isOnDisk && $0.root.standardizedFileURL.path == url.standardizedFileURL.path }
        }
        var added: [ServerWorkspace] = []
        for folder in event?["added"]?.arrayValue ?? [] {
            guard let uri = folder["uri"]?.stringValue, let url = URL(string: uri), url.isFileURL else { continue }
            let workspace = ServerWorkspace(root: url, isOnDisk: true)
            server.workspaces.append(workspace)
            added.append(workspace)
        }
        // A folder added inside another (or removed from it) changes which files the outer one keeps.
        let reloaded = added + server.updateNestedFolders().filter { workspace in !added.contains { $0 === workspace } }
        server.rehomeOpenDocuments(loading: reloaded)
        server.loadWorkspaces(reloaded)
        server.updateWatchers()
    }
}

extension LanguageServer {
    /// After the workspace folders changed, each open file moves to the workspace that now serves it
    /// (`fileLocation`): a loose file into a folder added around it, a file of a removed folder to
    /// the folder added again (or to a stand-in workspace). Its buffer goes with it; the workspace it
    /// leaves reads the file from disk again. Workspaces in `loading` get the buffers when they load.
    func rehomeOpenDocuments(loading: [ServerWorkspace]) {
        var left: [ServerWorkspace] = []
        for (uri, open) in openDocuments.sorted(by: { $0.key < $1.key }) {
            guard open.workspace.base == nil, let url = URL(string: uri), url.isFileURL else { continue }
            let old = open.workspace
            let stillServed = workspaces.contains { $0 === old }
            // A file stays where it is while that workspace is still the one for it.
            if stillServed, let now = fileLocation(url, createIfMissing: false), now.workspace === old { continue }
            let oldKey = open.path + "@" + old.root.path
            let text = overlayTexts.removeValue(forKey: oldKey) ?? old.snapshot.document(open.path)?.text ?? SourceText("")
            openDocuments.removeValue(forKey: uri)
            placementDiagnostics.removeValue(forKey: uri)
            placementStale.remove(uri)
            if stillServed {
                if old.isOnDisk, old.admits(open.path), case .success(let bytes) = old.loader.read(open.path) {
                    old.apply([.setDocument(path: open.path, text: SourceText(bytes: bytes), version: nil)])
                } else {
                    old.apply([.removeDocument(path: open.path)])
                }
                if !left.contains(where: { $0 === old }) { left.append(old) }
            }
            guard let (workspace, path) = fileLocation(url, createIfMissing: true) else { continue }
            openDocuments[uri] = (workspace, path, open.version)
            if loading.contains(where: { $0 === workspace }) {
                overlayTexts[path + "@" + workspace.root.path] = text
            } else {
                setOverlay(uri: uri, workspace: workspace, path: path, text: text, version: open.version)
            }
        }
        for workspace in left {
            // A stand-in workspace goes with its last open file, as on didClose.
            if !workspace.isOnDisk && !openDocuments.values.contains(where: { $0.workspace === workspace }) {
                workspaces.removeAll { $0 === workspace }
            } else {
                diagnosticsChanged(in: workspace, changedURI: nil, glossaryChanged: true)
            }
        }
    }
}

/// `$/setTrace`.
enum SetTraceNotification: NotificationHandler {
    static let method = "$/setTrace"

    static func handle(_ params: JSONValue, _ server: LanguageServer) {
        server.trace = params["value"]?.stringValue ?? "off"
    }
}
