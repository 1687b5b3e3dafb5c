import DocentCore
import DocentIO

/// `textDocument/definition`: from a use to its glossary entries.
enum DefinitionRequest: RequestHandler {
    static let method = "textDocument/definition"

    static func handle(_ params: JSONValue, _ context: RequestContext) throws(ResponseError) -> JSONValue {
        let server = context.server
        let (workspace, path, document) = try server.document(try params.textDocumentURI())
        let offset = try server.offset(params["position"], in: document)
        let locations = DefinitionFeature.definitions(at: offset, in: path, snapshot: workspace.snapshot)
        return .array(locations.compactMap { server.location($0, in: workspace) })
    }
}

/// `textDocument/references`: every use of the entry under the cursor across the workspace.
enum ReferencesRequest: RequestHandler {
    static let method = "textDocument/references"

    static func handle(_ params: JSONValue, _ context: RequestContext) throws(ResponseError) -> JSONValue {
        let server = context.server
        let (workspace, path, document) = try server.document(try params.textDocumentURI())
        let offset = try server.offset(params["position"], in: document)
        guard let entry = ReferencesFeature.entry(at: offset, in: path, snapshot: workspace.snapshot) else { return .array([]) }
        try context.checkCancellation()
        let includeDeclaration = params["context"]?["includeDeclaration"]?.boolValue ?? false
        let locations = ReferencesFeature.references(toEntry: entry, snapshot: workspace.snapshot, includeDeclaration: includeDeclaration)
        try context.checkCancellation()
        return .array(server.locations(locations, in: workspace))
    }
}

/// `textDocument/documentHighlight`: the uses in this page of the entry under the cursor (Read), and
/// its term when the page is the glossary that defines it (Write).
enum DocumentHighlightRequest: RequestHandler {
    static let method = "textDocument/documentHighlight"

    static func handle(_ params: JSONValue, _ context: RequestContext) throws(ResponseError) -> JSONValue {
        let server = context.server
        let (workspace, path, document) = try server.document(try params.textDocumentURI())
        let offset = try server.offset(params["position"], in: document)
        let highlights = ReferencesFeature.highlights(at: offset, in: path, snapshot: workspace.snapshot)
        return .array(highlights.map { ["range": server.range($0.range, in: document.text), "kind": $0.isDefinition ? 3 : 2] })
    }
}

/// `textDocument/documentSymbol`: headings as a tree; a glossary's entries.
enum DocumentSymbolRequest: RequestHandler {
    static let method = "textDocument/documentSymbol"

    static func handle(_ params: JSONValue, _ context: RequestContext) throws(ResponseError) -> JSONValue {
        let server = context.server
        let (workspace, path, document) = try server.document(try params.textDocumentURI())
        func convert(_ symbol: SymbolsFeature.Symbol) -> JSONValue {
            var object = JSONObject()
            object["name"] = .string(symbol.name.isEmpty ? "(untitled)" : symbol.name)
            if let detail = symbol.detail { object["detail"] = .string(detail) }
            object["kind"] = JSONValue(SymbolKinds.kind(symbol.kind))
            object["range"] = server.range(symbol.range, in: document.text)
            object["selectionRange"] = server.range(symbol.selectionRange, in: document.text)
            if !symbol.children.isEmpty { object["children"] = .array(symbol.children.map(convert)) }
            return .object(object)
        }
        let symbols = SymbolsFeature.documentSymbols(in: path, snapshot: workspace.snapshot)
        guard server.clientTakesSymbolTrees else {
            // A client without hierarchical support gets SymbolInformation, in document order, each
            // heading under the one that holds it (containerName).
            let uri = JSONValue.string(server.uri(of: path, in: workspace))
            var flat: [JSONValue] = []
            func add(_ symbol: SymbolsFeature.Symbol, container: String?) {
                let name = symbol.name.isEmpty ? "(untitled)" : symbol.name
                var object: JSONObject = ["name": .string(name), "kind": JSONValue(SymbolKinds.kind(symbol.kind)),
                                          "location": ["uri": uri, "range": server.range(symbol.range, in: document.text)]]
                if let container { object["containerName"] = .string(container) }
                flat.append(.object(object))
                for child in symbol.children { add(child, container: name) }
            }
            for symbol in symbols { add(symbol, container: nil) }
            return .array(flat)
        }
        return .array(symbols.map(convert))
    }
}

/// `workspace/symbol`: glossary terms and page titles of every workspace folder.
enum WorkspaceSymbolRequest: RequestHandler {
    static let method = "workspace/symbol"

    static func handle(_ params: JSONValue, _ context: RequestContext) throws(ResponseError) -> JSONValue {
        let server = context.server
        let query = params["query"]?.stringValue ?? ""
        var result: [JSONValue] = []
        for workspace in server.workspaces {
            try context.checkCancellation()
            for symbol in SymbolsFeature.workspaceSymbols(query: query, snapshot: workspace.snapshot) where !workspace.isInNestedFolder(symbol.file) {
                guard let location = server.location(WorkspaceLocation(file: symbol.file, range: symbol.selectionRange), in: workspace) else { continue }
                var object: JSONObject = ["name": .string(symbol.name), "kind": JSONValue(SymbolKinds.kind(symbol.kind)), "location": location]
                if let detail = symbol.detail { object["containerName"] = .string(detail) }
                result.append(.object(object))
            }
        }
        return .array(result)
    }
}

enum SymbolKinds {
    /// LSP SymbolKind: String (15) for headings, Constant (14) for terms, File (1) for pages.
    static func kind(_ kind: SymbolsFeature.Kind) -> Int {
        switch kind {
        case .heading: return 15
        case .term: return 14
        case .page: return 1
        }
    }
}
