import DocentCore
import DocentIO

/// Core edits to an LSP `WorkspaceEdit`: `documentChanges` (with the versions of open documents and
/// file renames) when the client supports them, else the plain `changes` map. The server never
/// writes files itself; the client applies the edit.
extension LanguageServer {
    /// Whether the client applies file renames in a WorkspaceEdit (`documentChanges` with the `rename`
    /// resource operation).
    var clientRenamesFiles: Bool {
        clientSupports("workspace", "workspaceEdit", "documentChanges")
            && (clientCapability("workspace", "workspaceEdit", "resourceOperations")?.arrayValue ?? []).contains(.string("rename"))
    }

    func workspaceEdit(_ operations: [WorkspaceEditOperation], in workspace: ServerWorkspace) -> JSONValue {
        let supportsDocumentChanges = clientSupports("workspace", "workspaceEdit", "documentChanges")
        let renamesFiles = clientRenamesFiles
        var byFile: [String: [JSONValue]] = [:]
        var order: [String] = []
        var renames: [JSONValue] = []
        for operation in operations {
            switch operation {
            case .edit(let edit):
                guard let document = workspace.snapshot.document(edit.file) else { continue }
                if byFile[edit.file] == nil { order.append(edit.file) }
                byFile[edit.file, default: []].append(["range": range(edit.range, in: document.text), "newText": .string(edit.newText)])
            case .renameFile(let from, let to):
                guard renamesFiles else { continue }
                renames.append(["kind": "rename", "oldUri": .string(uri(of: from, in: workspace)), "newUri": .string(workspace.url(of: to).absoluteString),
                                "options": ["overwrite": false, "ignoreIfExists": false]])
            }
        }
        if supportsDocumentChanges {
            var changes: [JSONValue] = order.map { file in
                let documentURI = uri(of: file, in: workspace)
                let version: JSONValue = openDocuments[documentURI].map { JSONValue($0.version) } ?? .null
                return ["textDocument": ["uri": .string(documentURI), "version": version], "edits": .array(byFile[file]!)]
            }
            changes += renames
            return ["documentChanges": .array(changes)]
        }
        var changes = JSONObject()
        for file in order { changes[uri(of: file, in: workspace)] = .array(byFile[file]!) }
        return ["changes": .object(changes)]
    }
}
