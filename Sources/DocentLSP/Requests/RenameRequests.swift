import DocentCore
import DocentIO

/// `textDocument/prepareRename`: the term under the cursor and its canonical spelling.
enum PrepareRenameRequest: RequestHandler {
    static let method = "textDocument/prepareRename"

    static func handle(_ params: JSONValue, _ context: RequestContext) throws(ResponseError) -> JSONValue {
        let server = context.server
        let (workspace, path, document) = try server.document(try params.textDocumentURI())
        let offset = try server.offset(params["position"], in: document)
        guard let preparation = RenameFeature.prepare(at: offset, in: path, snapshot: workspace.snapshot) else { return .null }
        return ["range": server.range(preparation.range, in: document.text), "placeholder": .string(preparation.placeholder)]
    }
}

/// `textDocument/rename`: the entry and every use across the workspace, as one WorkspaceEdit.
enum RenameRequest: RequestHandler {
    static let method = "textDocument/rename"

    static func handle(_ params: JSONValue, _ context: RequestContext) throws(ResponseError) -> JSONValue {
        let server = context.server
        let (workspace, path, document) = try server.document(try params.textDocumentURI())
        let offset = try server.offset(params["position"], in: document)
        let newName = try params.requiredString("newName")
        switch RenameFeature.rename(at: offset, in: path, to: newName, snapshot: workspace.snapshot) {
        case .success(let edits):
            return server.workspaceEdit(edits.map { .edit($0) }, in: workspace)
        case .failure(.notATerm):
            throw ResponseError(.requestFailed, "There is no glossary term at this position")
        case .failure(.invalidName(let message)):
            throw ResponseError(.invalidParams, message)
        }
    }
}
