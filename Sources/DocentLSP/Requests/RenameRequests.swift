import DocentCore
import DocentIO

/// `textDocument/prepareRename`: the term under the cursor and its canonical spelling.
enum PrepareRenameRequest: RequestHandler {
    static let method = "textDocument/prepareRename"

    static func handle(_ params: JSONValue, _ context: RequestContext) throws(ResponseError) -> JSONValue {
        let server = context.server
        let (workspace, path, document) = try server.document(try params.textDocumentURI())
        let offset = try server.offset(params["position"], in: document)
        switch RenameFeature.preparation(at: offset, in: path, snapshot: workspace.snapshot) {
        case .success(let found):
            return ["range": server.range(found.preparation.range, in: document.text), "placeholder": .string(found.preparation.placeholder)]
        case .failure(.ambiguous(let message)):
            // A term, but not one a rename here could pick: the client shows why.
            throw ResponseError(.requestFailed, message)
        case .failure:
            return .null
        }
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
        switch RenameFeature.plan(at: offset, in: path, to: newName, snapshot: workspace.snapshot) {
        case .success(let plan):
            if let note = note(plan) { server.notify("window/showMessage", ["type": 3, "message": .string(note)]) }
            return server.workspaceEdit(plan.edits.map { .edit($0) }, in: workspace)
        case .failure(.notATerm):
            throw ResponseError(.requestFailed, "There is no glossary term at this position")
        case .failure(.invalidName(let message)), .failure(.ambiguous(let message)):
            // The request is well formed; the rename it asks for is refused (LSP 3.17 RequestFailed:
            // a valid request that failed, with a message saying why).
            throw ResponseError(.requestFailed, message)
        }
    }

    /// What the rename left as written, for the writer to check: uses fenced off with `docent-disable`
    /// comments, and front-matter titles or descriptions that mention the term. Nil when nothing was left.
    static func note(_ plan: RenameFeature.Plan) -> String? {
        var parts: [String] = []
        if !plan.skippedUses.isEmpty {
            let files = Set(plan.skippedUses.map(\.file)).count
            parts.append("\(plan.skippedUses.count) \(plan.skippedUses.count == 1 ? "use" : "uses") inside docent-disable comments (\(files) \(files == 1 ? "file" : "files"))")
        }
        if !plan.ambiguousUses.isEmpty {
            var files: [String] = []
            for use in plan.ambiguousUses where !files.contains(use.file) { files.append(use.file) }
            let shown = files.prefix(3).joined(separator: ", ") + (files.count > 3 ? " and \(files.count - 3) more" : "")
            parts.append("\(plan.ambiguousUses.count) \(plan.ambiguousUses.count == 1 ? "use" : "uses") that could as well mean another entry of the same name (\(shown))")
        }
        if !plan.frontMatterMentions.isEmpty {
            parts.append("the front-matter title or description of " + plan.frontMatterMentions.joined(separator: ", "))
        }
        return parts.isEmpty ? nil : "Docent: the rename left " + parts.joined(separator: " and ") + " as written."
    }
}
