import DocentCore
import DocentIO

/// `textDocument/diagnostic`: pull diagnostics with result ids; unchanged reports when nothing changed.
enum DocumentDiagnosticRequest: RequestHandler {
    static let method = "textDocument/diagnostic"

    static func handle(_ params: JSONValue, _ context: RequestContext) throws(ResponseError) -> JSONValue {
        let server = context.server
        let uri = try params.textDocumentURI()
        if let (workspace, inForce) = server.configurationFile(at: uri) {
            // docent.json is no Markdown document: its diagnostics are its configuration problems.
            return report(inForce ? server.configurationDiagnostics(of: workspace) : [], previousResultID: params["previousResultId"]?.stringValue)
        }
        guard let (workspace, path) = server.locate(uri, createIfMissing: false), workspace.snapshot.document(path) != nil else {
            // Not a document (an excluded file, a deleted or renamed page, a file of a folder no longer
            // open): nothing to report, so the client drops what it showed for it.
            return report([], previousResultID: params["previousResultId"]?.stringValue)
        }
        return report(server.diagnostics(for: path, in: workspace), previousResultID: params["previousResultId"]?.stringValue)
    }

    /// A full report of `items`, or an unchanged one when the client has it already.
    static func report(_ items: [JSONValue], previousResultID: String?) -> JSONValue {
        let resultID = ResultID.make(items)
        if previousResultID == resultID {
            return ["kind": "unchanged", "resultId": .string(resultID)]
        }
        return ["kind": "full", "resultId": .string(resultID), "items": .array(items)]
    }
}

/// `workspace/diagnostic`: every document of every workspace folder, open or not, each folder's
/// configuration file while it has problems (or the client holds a report of it, which may be stale),
/// and an empty report for every other URI the client holds a report of: a page that left the model
/// (deleted, renamed, newly excluded, its folder removed), which editors would otherwise keep showing.
enum WorkspaceDiagnosticRequest: RequestHandler {
    static let method = "workspace/diagnostic"

    static func handle(_ params: JSONValue, _ context: RequestContext) throws(ResponseError) -> JSONValue {
        let server = context.server
        var previous: [String: String] = [:]
        for item in params["previousResultIds"]?.arrayValue ?? [] {
            if let uri = item["uri"]?.stringValue, let value = item["value"]?.stringValue { previous[uri] = value }
        }
        var reports: [JSONValue] = []
        func add(uri: String, items: [JSONValue]) {
            let resultID = ResultID.make(items)
            let version: JSONValue = server.openDocuments[uri].map { JSONValue($0.version) } ?? .null
            if previous[uri] == resultID {
                reports.append(["kind": "unchanged", "uri": .string(uri), "version": version, "resultId": .string(resultID)])
            } else {
                reports.append(["kind": "full", "uri": .string(uri), "version": version, "resultId": .string(resultID), "items": .array(items)])
            }
        }
        for workspace in server.workspaces {
            try context.checkCancellation()
            // A configuration file the client holds a report of gets a new one, empty once its problems
            // are gone (or it is no longer the file in force).
            for name in ConfigurationLoader.fileNames where workspace.isOnDisk {
                let uri = server.uri(of: name, in: workspace)
                let items = name == workspace.configurationFile ? server.configurationDiagnostics(of: workspace) : []
                if !items.isEmpty || previous[uri] != nil { add(uri: uri, items: items) }
            }
            // The rules run on every core; conversion to LSP follows in order.
            let snapshot = workspace.snapshot
            // A nested workspace folder reports its own files; a glossary outside `include` gets the
            // glossary rules' findings alone.
            let paths = snapshot.reportedPaths.filter { !workspace.isInNestedFolder($0) }
            let cache = AnalysisCache()
            let found = ParallelMap.map(paths) { RuleRegistry.diagnostics(for: $0, in: snapshot, cache: cache) }
            for (path, diagnostics) in zip(paths, found) {
                try context.checkCancellation()
                let uri = server.uri(of: path, in: workspace)
                guard let text = snapshot.document(path)?.text else { continue }
                add(uri: uri, items: server.reported(diagnostics, path: path).map { DiagnosticConversion.lsp($0, text: text, server: server, workspace: workspace) })
            }
        }
        // The files reported, by workspace and path: a client may spell a URI another way
        // (`c%40d.md` for `c@d.md`), which names the same file, not one that left.
        struct File: Hashable {
            var workspace: ObjectIdentifier
            var path: String
        }
        func file(_ uri: String) -> File? { server.locate(uri, createIfMissing: false).map { File(workspace: ObjectIdentifier($0.workspace), path: $0.path) } }
        let reported = Set(reports.compactMap { $0["uri"]?.stringValue })
        let reportedFiles = Set(reported.compactMap(file))
        for uri in previous.keys.sorted() where !reported.contains(uri) {
            if let held = file(uri), reportedFiles.contains(held) { continue }
            // An open document served outside the workspace folders (an untitled buffer, a loose
            // file) is still checked: the client pulls it with `textDocument/diagnostic`.
            if let open = server.openDocuments[uri], !open.workspace.isOnDisk { continue }
            add(uri: uri, items: [])
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
