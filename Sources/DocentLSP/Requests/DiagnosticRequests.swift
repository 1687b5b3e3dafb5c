import DocentCore
import DocentIO

/// `textDocument/diagnostic`: pull diagnostics with result ids; unchanged reports when nothing changed.
enum DocumentDiagnosticRequest: RequestHandler {
    static let method = "textDocument/diagnostic"

    static func handle(_ params: JSONValue, _ context: RequestContext) throws(ResponseError) -> JSONValue {
        let server = context.server
        let uri = try params.textDocumentURI()
        if let open = server.openDocuments[uri], open.workspace.snapshot.document(open.path) == nil {
            // An open file that is not a document (excluded, or docent.json): nothing to report.
            return ["kind": "full", "resultId": "none", "items": []]
        }
        let (workspace, path, _) = try server.document(uri)
        let items = server.diagnostics(for: path, in: workspace)
        let resultID = ResultID.make(items)
        if params["previousResultId"]?.stringValue == resultID {
            return ["kind": "unchanged", "resultId": .string(resultID)]
        }
        return ["kind": "full", "resultId": .string(resultID), "items": .array(items)]
    }
}

/// `workspace/diagnostic`: every document of every workspace folder, open or not.
enum WorkspaceDiagnosticRequest: RequestHandler {
    static let method = "workspace/diagnostic"

    static func handle(_ params: JSONValue, _ context: RequestContext) throws(ResponseError) -> JSONValue {
        let server = context.server
        var previous: [String: String] = [:]
        for item in params["previousResultIds"]?.arrayValue ?? [] {
            if let uri = item["uri"]?.stringValue, let value = item["value"]?.stringValue { previous[uri] = value }
        }
        var reports: [JSONValue] = []
        for workspace in server.workspaces {
            try context.checkCancellation()
            // The rules run on every core; conversion to LSP follows in order.
            let snapshot = workspace.snapshot
            // A nested workspace folder reports its own files; a glossary outside `include` is not checked.
            let paths = snapshot.checkedPaths.filter { !workspace.isInNestedFolder($0) }
            let cache = AnalysisCache()
            let found = ParallelMap.map(paths) { RuleRegistry.diagnostics(for: $0, in: snapshot, cache: cache) }
            for (path, diagnostics) in zip(paths, found) {
                try context.checkCancellation()
                let uri = server.uri(of: path, in: workspace)
                guard let text = snapshot.document(path)?.text else { continue }
                let items = diagnostics.map { DiagnosticConversion.lsp($0, text: text, server: server, workspace: workspace) }
                let resultID = ResultID.make(items)
                let version: JSONValue = server.openDocuments[uri].map { JSONValue($0.version) } ?? .null
                if previous[uri] == resultID {
                    reports.append(["kind": "unchanged", "uri": .string(uri), "version": version, "resultId": .string(resultID)])
                } else {
                    reports.append(["kind": "full", "uri": .string(uri), "version": version, "resultId": .string(resultID), "items": .array(items)])
                }
            }
        }
        return ["items": .array(reports)]
    }
}

/// A result id derived from the diagnostics themselves: equal ids mean equal reports.
enum ResultID {
    static func make(_ items: [JSONValue]) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in JSONSerializer.bytes(.array(items)) { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return String(hash, radix: 36)
    }
}
