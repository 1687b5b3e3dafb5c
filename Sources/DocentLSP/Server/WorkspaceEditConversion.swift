import DocentCore
import DocentIO

/// Core edits to an LSP `WorkspaceEdit`: `documentChanges` (with the versions of open documents and
/// file renames) when the client supports them, else the plain `changes` map. The server never
/// writes files itself; the client applies the edit.
extension LanguageServer {
    /// Whether the client applies the file operation `kind` ("create", "rename", "delete") in a
    /// WorkspaceEdit (`documentChanges` with that resource operation). Resource operations exist
    /// only in `documentChanges`, so a client that lists them takes `documentChanges` even without
    /// saying so (Neovim 0.11 lists create, rename and delete, and no `documentChanges`).
    func clientAppliesResourceOperation(_ kind: String) -> Bool {
        (clientCapability("workspace", "workspaceEdit", "resourceOperations")?.arrayValue ?? []).contains(.string(kind))
    }

    /// Whether the client takes `documentChanges` in a WorkspaceEdit: said, or implied by resource
    /// operations.
    var clientTakesDocumentChanges: Bool {
        clientSupports("workspace", "workspaceEdit", "documentChanges")
            || !(clientCapability("workspace", "workspaceEdit", "resourceOperations")?.arrayValue ?? []).isEmpty
    }

    /// Whether the client applies every file operation among `operations`: without that, the text
    /// edits alone (link rewrites for a move that does not happen) would do harm.
    func clientApplies(_ operations: [WorkspaceEditOperation]) -> Bool {
        operations.allSatisfy { operation in
            switch operation {
            case .edit: true
            case .renameFile: clientAppliesResourceOperation("rename")
            case .newFile: clientAppliesResourceOperation("create")
            }
        }
    }

    /// `documentChanges` in order: edits to existing files, then each new file with the edit that
    /// fills it, then renames (edits are in the files' current paths).
    func workspaceEdit(_ operations: [WorkspaceEditOperation], in workspace: ServerWorkspace) -> JSONValue {
        let supportsDocumentChanges = clientTakesDocumentChanges
        var byFile: [String: [JSONValue]] = [:]
        var order: [String] = []
        var creations: [JSONValue] = []
        var renames: [JSONValue] = []
        for operation in operations {
            switch operation {
            case .edit(let edit):
                guard let document = workspace.snapshot.document(edit.file) else { continue }
                if byFile[edit.file] == nil { order.append(edit.file) }
                byFile[edit.file, default: []].append(textEdit(edit, in: document.text))
            case .renameFile(let from, let to):
                guard clientAppliesResourceOperation("rename") else { continue }
                renames.append(["kind": "rename", "oldUri": .string(uri(of: from, in: workspace)), "newUri": .string(workspace.url(of: to).absoluteString),
                                "options": ["overwrite": false, "ignoreIfExists": false]])
            case .newFile(let path, let text):
                guard clientAppliesResourceOperation("create") else { continue }
                let newURI = JSONValue.string(workspace.url(of: path).absoluteString)
                let start: JSONValue = ["line": 0, "character": 0]
                creations.append(["kind": "create", "uri": newURI, "options": ["overwrite": false, "ignoreIfExists": false]])
                creations.append(["textDocument": ["uri": newURI, "version": .null],
                                  "edits": [["range": ["start": start, "end": start], "newText": .string(text)]]])
            }
        }
        if supportsDocumentChanges {
            var changes: [JSONValue] = order.map { file in
                let documentURI = uri(of: file, in: workspace)
                let version: JSONValue = openDocuments[documentURI].map { JSONValue($0.version) } ?? .null
                return ["textDocument": ["uri": .string(documentURI), "version": version], "edits": .array(byFile[file]!)]
            }
            changes += creations + renames
            return ["documentChanges": .array(changes)]
        }
        var changes = JSONObject()
        for file in order { changes[uri(of: file, in: workspace)] = .array(byFile[file]!) }
        return ["changes": .object(changes)]
    }
}
