import DocentCore
import DocentIO

/// `textDocument/codeAction`: quick fixes for the diagnostics in the range, "Disable for this line",
/// "Add to glossary" for a selected phrase, and `source.fixAll.docent`.
///
/// A client that takes code action literals gets each action with its WorkspaceEdit. A client that
/// only takes Commands (LSP before 3.8, and minimal clients) but applies edits gets Commands of
/// `docent.applyCodeAction` that name the action; `workspace/executeCommand` computes it again on
/// the document as it is then and sends its edit with `workspace/applyEdit`.
///
/// The fix-all edit covers the whole document (megabytes on a page with many findings), so it is
/// never sent with every lightbulb request: a client that resolves edits (`codeAction/resolve`) gets
/// the action without it, and `CodeActionResolveRequest` computes it when it is chosen; any other
/// client gets it, edit included, only when it asks for source actions (`only` naming `source`,
/// `source.fixAll` or the kind itself), as editors do to fix on save.
enum CodeActionRequest: RequestHandler {
    static let method = "textDocument/codeAction"
    static let fixAllKind = "source.fixAll.docent"

    /// How the fix-all action is offered.
    enum FixAll {
        /// Not offered.
        case none
        /// Offered with its edit.
        case inline
        /// Offered without its edit, which `codeAction/resolve` computes.
        case deferred
    }

    /// One action on offer, before it is written as a literal or a Command.
    struct Offer {
        var title: String
        var kind: String
        var diagnostics: [Diagnostic]
        var isPreferred: Bool
        var operations: [WorkspaceEditOperation]
        /// Why the action cannot be applied in this client (it cannot rename or create files): shown
        /// greyed out by a client that supports `disabled`, left out otherwise.
        var disabledReason: String? = nil
    }

    static func handle(_ params: JSONValue, _ context: RequestContext) throws(ResponseError) -> JSONValue {
        let server = context.server
        let uri = try params.textDocumentURI()
        let (workspace, _, document) = try server.document(uri)
        let literals = server.clientTakesCodeActionLiterals
        // Every action is an edit: a client that neither takes literals nor applies edits gets none.
        guard literals || server.clientSupports("workspace", "applyEdit") else { return .array([]) }
        guard let range = params["range"] else { throw .invalidParams("Missing range") }
        let only = (params["context"]?["only"]?.arrayValue ?? []).compactMap(\.stringValue)
        let fixAll: FixAll
        if !literals {
            // A Command carries no edit: the command computes it when executed.
            fixAll = .inline
        } else if server.clientResolvesCodeActionEdits {
            fixAll = .deferred
        } else {
            fixAll = only.isEmpty ? .none : .inline
        }
        let found = try offers(uri: uri, range: range, only: only, fixAll: fixAll, server: server)
        if !literals {
            // Titles are told apart (`distinguished`); the command also names its place among actions
            // of its title, should two still share one.
            var seen: [String: Int] = [:]
            return .array(found.map { offer in
                let occurrence = seen[offer.title, default: 0]
                seen[offer.title] = occurrence + 1
                return ["title": .string(offer.title), "command": .string(ApplyCodeActionCommand.name), "arguments": [[
                    "uri": .string(uri), "range": range, "title": .string(offer.title), "occurrence": JSONValue(occurrence),
                    "version": document.version.map { JSONValue($0) } ?? .null,
                ]]]
            })
        }
        return .array(found.map { offer in
            var object = JSONObject()
            object["title"] = .string(offer.title)
            object["kind"] = .string(offer.kind)
            if !offer.diagnostics.isEmpty {
                object["diagnostics"] = .array(offer.diagnostics.map { DiagnosticConversion.lsp($0, text: document.text, server: server, workspace: workspace) })
            }
            if let reason = offer.disabledReason {
                // Nothing to apply.
                object["disabled"] = ["reason": .string(reason)]
                return .object(object)
            }
            if offer.isPreferred { object["isPreferred"] = true }
            if offer.kind == fixAllKind && fixAll == .deferred {
                object["data"] = ["uri": .string(uri), "version": document.version.map { JSONValue($0) } ?? .null]
            } else {
                object["edit"] = server.workspaceEdit(offer.operations, in: workspace)
            }
            return .object(object)
        })
    }

    /// The fix-all edits of the document at `path` as the server reports it (its diagnostics now).
    static func fixAllEdits(of path: String, in workspace: ServerWorkspace, server: LanguageServer) -> [FileEdit] {
        guard let document = workspace.snapshot.document(path) else { return [] }
        return TerminologyFixes.fixAll(of: server.currentDiagnostics(for: path, in: workspace), document: document)
    }

    /// The actions for the LSP `range` of the document at `uri`, of the kinds in `only` (all when
    /// empty); the fix-all action unless `fixAll` is `.none`, with its edits (its count is in its title).
    static func offers(uri: String, range: JSONValue, only: [String], fixAll: FixAll, server: LanguageServer) throws(ResponseError) -> [Offer] {
        let (workspace, path, document) = try server.document(uri)
        guard let start = range["start"], let end = range["end"] else { throw .invalidParams("Missing range") }
        let startOffset = try server.offset(start, in: document)
        let endOffset = try server.offset(end, in: document)
        let range = min(startOffset, endOffset)..<max(startOffset, endOffset)
        func wanted(_ kind: String) -> Bool {
            only.isEmpty || only.contains { kind == $0 || kind.hasPrefix($0 + ".") }
        }
        let snapshot = workspace.snapshot
        let all = server.currentDiagnostics(for: path, in: workspace)
        // Diagnostics touching the range, ends included: a cursor right after "dochub" is on it.
        let here = all.filter { $0.range.lowerBound <= range.upperBound && range.lowerBound <= $0.range.upperBound }
        var offers: [Offer] = []
        // A move needs the client to rename or create files; without that, its link edits alone would
        // do harm: it is shown disabled, with the reason, to a literal client that can show that.
        let showsDisabled = server.clientTakesCodeActionLiterals && server.clientSupports("textDocument", "codeAction", "disabledSupport")
        for proposal in CodeActionRegistry.actions(in: path, range: range, diagnostics: here, snapshot: snapshot) where wanted(proposal.kind) {
            var offer = Offer(title: proposal.title, kind: proposal.kind, diagnostics: proposal.fixes, isPreferred: proposal.isPreferred, operations: proposal.operations)
            if !server.clientApplies(proposal.operations) {
                guard showsDisabled else { continue }
                offer.disabledReason = "This editor cannot \(proposal.operations.contains { if case .newFile = $0 { true } else { false } } ? "create" : "rename") files through the language server; "
                    + "the move would rewrite links to a file that does not move"
            }
            offers.append(offer)
        }
        if fixAll != .none && wanted(fixAllKind) {
            // From the diagnostics just computed, not a second run of every rule.
            let edits = TerminologyFixes.fixAll(of: all, document: document)
            if !edits.isEmpty {
                offers.append(Offer(title: "Fix all Docent problems (\(edits.count))", kind: fixAllKind, diagnostics: [], isPreferred: false, operations: edits.map { .edit($0) }))
            }
        }
        return distinguished(offers, in: path, text: document.text, encoding: server.encoding)
    }

    /// Actions that would be the same menu item twice tell themselves apart. Several of one title
    /// ("Replace with “DocHub”" for two uses in the range) each say where they apply: "(line 3)", or
    /// "(line 3, column 5)" when two of them are on one line (1-based, columns in the position
    /// encoding). One that does exactly what an earlier one of its title does is left out, and the
    /// earlier one lists the diagnostics of both.
    static func distinguished(_ offers: [Offer], in path: String, text: SourceText, encoding: PositionEncoding) -> [Offer] {
        var result: [Offer] = []
        for offer in offers {
            if let same = result.firstIndex(where: { $0.title == offer.title && $0.kind == offer.kind && $0.operations == offer.operations }) {
                result[same].diagnostics += offer.diagnostics.filter { !result[same].diagnostics.contains($0) }
                result[same].isPreferred = result[same].isPreferred || offer.isPreferred
            } else {
                result.append(offer)
            }
        }
        var byTitle: [String: [Int]] = [:]
        for (index, offer) in result.enumerated() { byTitle[offer.title, default: []].append(index) }
        for indices in byTitle.values where indices.count > 1 {
            let places = indices.compactMap { place(of: result[$0], in: path).map { text.position(of: $0, encoding: encoding) } }
            guard places.count == indices.count else { continue }
            let oneALine = Set(places.map(\.line)).count == places.count
            for (index, place) in zip(indices, places) {
                result[index].title += oneALine ? " (line \(place.line + 1))" : " (line \(place.line + 1), column \(place.character + 1))"
            }
        }
        return result
    }

    /// Where an action applies in the document: the first diagnostic it fixes there, else its first edit there.
    static func place(of offer: Offer, in path: String) -> Int? {
        if let diagnostic = offer.diagnostics.first(where: { $0.file == path }) { return diagnostic.range.lowerBound }
        for case .edit(let edit) in offer.operations where edit.file == path { return edit.range.lowerBound }
        return nil
    }
}

/// `workspace/executeCommand` for `docent.applyCodeAction` (the Command form of a code action): finds
/// the action again by its title (and its place among actions of that title) on the document as it
/// is now and asks the client to apply its edit (`workspace/applyEdit`). The server itself writes
/// nothing. An action offered on an older version of the document, or no longer on offer, is refused
/// with RequestFailed and a message saying why, rather than applied to text it was not computed for.
enum ExecuteCommandRequest: RequestHandler {
    static let method = "workspace/executeCommand"

    static func handle(_ params: JSONValue, _ context: RequestContext) throws(ResponseError) -> JSONValue {
        let command = try params.requiredString("command")
        guard command == ApplyCodeActionCommand.name else { throw .invalidParams("Unknown command \(command)") }
        guard let arguments = params["arguments"]?[0], let uri = arguments["uri"]?.stringValue, let title = arguments["title"]?.stringValue,
              let range = arguments["range"] else {
            throw .invalidParams("\(command) takes one argument: { uri, range, title, occurrence, version }")
        }
        let server = context.server
        guard server.clientSupports("workspace", "applyEdit") else { throw ResponseError(.requestFailed, "The client does not apply workspace edits") }
        let (workspace, _, document) = try server.document(uri)
        if let version = arguments["version"]?.intValue, version != document.version {
            throw ResponseError(.requestFailed, "The document changed since “\(title)” was offered; ask for code actions again")
        }
        let occurrence = arguments["occurrence"]?.intValue ?? 0
        let named = try CodeActionRequest.offers(uri: uri, range: range, only: [], fixAll: .inline, server: server).filter { $0.title == title && $0.disabledReason == nil }
        guard occurrence >= 0, occurrence < named.count else { throw ResponseError(.requestFailed, "“\(title)” no longer applies here") }
        let offer = named[occurrence]
        // Cancelled while it was computed: no edit goes out.
        try context.checkCancellation()
        server.request("workspace/applyEdit", ["label": .string(title), "edit": server.workspaceEdit(offer.operations, in: workspace)]) { [weak server] result in
            guard let server, result?["applied"]?.boolValue != true else { return }
            let reason = result?["failureReason"]?.stringValue.map { ": \($0)" } ?? ""
            server.notify("window/showMessage", ["type": 2, "message": .string("The editor did not apply “\(title)”\(reason)")])
        }
        return .null
    }
}

/// `codeAction/resolve`: the edit of a fix-all action offered without it (`CodeActionRequest.FixAll.deferred`),
/// computed on the document as it is now. The action comes back as it was sent, with its edit; one
/// offered on an older version of the document is refused (RequestFailed), as a Command's is.
enum CodeActionResolveRequest: RequestHandler {
    static let method = "codeAction/resolve"

    static func handle(_ params: JSONValue, _ context: RequestContext) throws(ResponseError) -> JSONValue {
        guard var action = params.objectValue, params["title"]?.stringValue != nil else { throw .invalidParams("codeAction/resolve takes a CodeAction (with its title)") }
        // Only the fix-all action is deferred; any other comes back as it is.
        guard params["kind"]?.stringValue == CodeActionRequest.fixAllKind, params["edit"] == nil else { return params }
        guard let uri = params["data"]?["uri"]?.stringValue else { throw .invalidParams("The fix-all action's data has no uri") }
        let server = context.server
        let (workspace, path, document) = try server.document(uri)
        if let version = params["data"]?["version"]?.intValue, version != document.version {
            throw ResponseError(.requestFailed, "The document changed since “\(params["title"]?.stringValue ?? "Fix all")” was offered; ask for code actions again")
        }
        let edits = CodeActionRequest.fixAllEdits(of: path, in: workspace, server: server)
        try context.checkCancellation()
        action["edit"] = server.workspaceEdit(edits.map { .edit($0) }, in: workspace)
        return .object(action)
    }
}

enum ApplyCodeActionCommand {
    static let name = "docent.applyCodeAction"
}
