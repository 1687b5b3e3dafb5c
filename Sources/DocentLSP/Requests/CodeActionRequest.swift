import DocentCore
import DocentIO

/// `textDocument/codeAction`: quick fixes for the diagnostics in the range, "Disable for this line",
/// "Add to glossary" for a selected phrase, and `source.fixAll.docent`.
enum CodeActionRequest: RequestHandler {
    static let method = "textDocument/codeAction"
    static let fixAllKind = "source.fixAll.docent"

    static func handle(_ params: JSONValue, _ context: RequestContext) throws(ResponseError) -> JSONValue {
        let server = context.server
        let (workspace, path, document) = try server.document(try params.textDocumentURI())
        // Every action is an edit: a client that takes only Commands gets none.
        guard server.clientTakesCodeActionLiterals else { return .array([]) }
        guard let start = params["range"]?["start"], let end = params["range"]?["end"] else { throw .invalidParams("Missing range") }
        let startOffset = try server.offset(start, in: document)
        let endOffset = try server.offset(end, in: document)
        let range = min(startOffset, endOffset)..<max(startOffset, endOffset)
        let only = (params["context"]?["only"]?.arrayValue ?? []).compactMap(\.stringValue)
        func wanted(_ kind: String) -> Bool {
            only.isEmpty || only.contains { kind == $0 || kind.hasPrefix($0 + ".") }
        }
        let snapshot = workspace.snapshot
        let all = server.currentDiagnostics(for: path, in: workspace)
        // Diagnostics touching the range, ends included: a cursor right after "dochub" is on it.
        let here = all.filter { $0.range.lowerBound <= range.upperBound && range.lowerBound <= $0.range.upperBound }
        var actions: [JSONValue] = []
        // A move needs the client to rename or create files; without that, its link edits alone would do harm.
        for proposal in CodeActionRegistry.actions(in: path, range: range, diagnostics: here, snapshot: snapshot) where wanted(proposal.kind) {
            if !server.clientApplies(proposal.operations) { continue }
            var object = JSONObject()
            object["title"] = .string(proposal.title)
            object["kind"] = .string(proposal.kind)
            if !proposal.fixes.isEmpty {
                object["diagnostics"] = .array(proposal.fixes.map { DiagnosticConversion.lsp($0, text: document.text, server: server, workspace: workspace) })
            }
            if proposal.isPreferred { object["isPreferred"] = true }
            object["edit"] = server.workspaceEdit(proposal.operations, in: workspace)
            actions.append(.object(object))
        }
        if wanted(fixAllKind) {
            let edits = TerminologyFixes.fixAll(in: path, snapshot: snapshot)
            if !edits.isEmpty {
                actions.append(["title": .string("Fix all Docent problems (\(edits.count))"), "kind": .string(fixAllKind),
                                "edit": server.workspaceEdit(edits.map { .edit($0) }, in: workspace)])
            }
        }
        return .array(actions)
    }
}
