import DocentCore
import DocentIO
import Foundation

/// `workspace/willRenameFiles`: before the editor renames or moves pages, images or folders, the
/// link edits that keep every link reaching the same file — links in the moved pages and links to
/// them, as "Move to" does. The editor applies them with the rename; the server writes nothing.
enum WillRenameFilesRequest: RequestHandler {
    static let method = "workspace/willRenameFiles"

    static func handle(_ params: JSONValue, _ context: RequestContext) throws(ResponseError) -> JSONValue {
        guard let files = params["files"]?.arrayValue else { throw .invalidParams("workspace/willRenameFiles needs \"files\"") }
        let server = context.server
        var moves: [(workspace: ServerWorkspace, moves: [String: String])] = []
        for file in files {
            guard let (workspace, old, new) = server.renamedPaths(file), old != new else { continue }
            if let index = moves.firstIndex(where: { $0.workspace === workspace }) {
                moves[index].moves[old] = new
            } else {
                moves.append((workspace, [old: new]))
            }
        }
        // One WorkspaceEdit, also when the renames reach several workspace folders.
        var documentChanges: [JSONValue] = []
        var changes = JSONObject()
        for (workspace, workspaceMoves) in moves {
            let edits = LinkRelocation.edits(workspace.snapshot, moves: workspaceMoves)
            guard !edits.isEmpty else { continue }
            let edit = server.workspaceEdit(edits.map { .edit($0) }, in: workspace)
            documentChanges += edit["documentChanges"]?.arrayValue ?? []
            if let map = edit["changes"]?.objectValue { for uri in map.keys { changes[uri] = map[uri] } }
        }
        if !documentChanges.isEmpty { return ["documentChanges": .array(documentChanges)] }
        if !changes.isEmpty { return ["changes": .object(changes)] }
        return .null
    }
}

/// `workspace/didRenameFiles`: the renamed pages (or the pages of a renamed folder) leave their old
/// paths and are read at their new ones, at once rather than when the file watcher reports.
enum DidRenameFilesNotification: NotificationHandler {
    static let method = "workspace/didRenameFiles"

    static func handle(_ params: JSONValue, _ server: LanguageServer) {
        var touched: [ServerWorkspace] = []
        for file in params["files"]?.arrayValue ?? [] {
            guard let (workspace, old, new) = server.renamedPaths(file), workspace.isOnDisk, old != new else { continue }
            let left = server.refreshFromDisk(old, in: workspace, deleted: true)
            let arrived = server.refreshFromDisk(new, in: workspace, deleted: false)
            if (left || arrived) && !touched.contains(where: { $0 === workspace }) { touched.append(workspace) }
        }
        for workspace in touched { server.diagnosticsChanged(in: workspace, changedURI: nil, glossaryChanged: true) }
    }
}

extension LanguageServer {
    /// The workspace and both paths of a `FileRename` (`oldUri`, `newUri`), when both lie in the
    /// same workspace folder.
    func renamedPaths(_ file: JSONValue) -> (ServerWorkspace, String, String)? {
        guard let oldURI = file["oldUri"]?.stringValue, let newURI = file["newUri"]?.stringValue,
              let newURL = URL(string: newURI), newURL.isFileURL,
              let (workspace, old) = locate(oldURI, createIfMissing: false), workspace.isOnDisk,
              let new = workspace.relativePath(of: newURL) else { return nil }
        return (workspace, WorkspacePath.trimmingTrailingSlashes(old), WorkspacePath.trimmingTrailingSlashes(new))
    }

    /// Brings the model in line with the disk at `path`, a file or a folder: gone (`deleted`), or
    /// read again. Open documents keep the editor's text; `docent.json` reloads the configuration,
    /// and a glossary that came or went says whether its `glossaries` entry matches a file.
    /// Returns whether the model changed (a file that is no document changes nothing).
    @discardableResult
    func refreshFromDisk(_ path: String, in workspace: ServerWorkspace, deleted: Bool) -> Bool {
        if ConfigurationLoader.fileNames.contains(path) {
            reloadConfiguration(of: workspace)
            return true
        }
        let folder = path + "/"
        if deleted {
            let gone = workspace.snapshot.sortedPaths.filter { ($0 == path || $0.hasPrefix(folder)) && openURI($0, in: workspace) == nil }
            guard !gone.isEmpty else { return false }
            workspace.apply(gone.map { .removeDocument(path: $0) })
            if workspace.refreshPathProblems() { reportConfigurationProblems(of: workspace) }
            return true
        }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: workspace.url(of: path).path, isDirectory: &isFolder) else { return false }
        var paths = [path]
        if isFolder.boolValue {
            var skipped: [WorkspaceLoader.SkippedFile] = []
            var sizes: [String: Int] = [:]
            paths = workspace.ownFiles(configuration: workspace.snapshot.configuration, skipped: &skipped, sizes: &sizes).filter { $0.hasPrefix(folder) }
        }
        var changes: [WorkspaceChange] = []
        for file in paths where workspace.admits(file) && openURI(file, in: workspace) == nil {
            switch workspace.loader.read(file) {
            case .success(let bytes):
                changes.append(.setDocument(path: file, text: SourceText(bytes: bytes), version: nil))
                if let note = WorkspaceLoader.note(about: bytes) { logMessage("\(file): \(note)", type: 2) }
            case .failure(let failure): logMessage("Cannot read \(file): \(failure.message)", type: 2)
            }
        }
        guard !changes.isEmpty else { return false }
        workspace.apply(changes)
        if workspace.refreshPathProblems() { reportConfigurationProblems(of: workspace) }
        return true
    }
}
