import DocentCore
import DocentIO
import Foundation
import Testing
@testable import DocentLSP

/// Workspace folders added and removed while documents are open: each open document is served by
/// the workspace that holds it now.
@Suite struct WorkspaceFolderTests {
    static let glossaryConfig = #"{ "glossaries": ["docs/glossary.md"] }"#
    static let files: [String: String] = [
        "ws1/docent.json": glossaryConfig,
        "ws1/docs/glossary.md": "# Glossary\n\n## Harbor\n\nThe registry.\n",
        "ws1/docs/page.md": "# Page\n\nThe harbor.\n",
        "wsL/docent.json": glossaryConfig,
        "wsL/docs/glossary.md": "# Glossary\n\n## DocHub\n\nThe viewer.\n",
        "wsL/docs/late.md": "Dochub here.\n",
    ]

    /// A client whose workspace folders are `folders` (paths under its temporary root).
    static func client(files: [String: String] = files, folders: [String]) throws -> TestClient {
        let client = try TestClient(files: files, initialize: false)
        let list: [JSONValue] = folders.map { ["uri": .string(client.uri($0)), "name": .string($0)] }
        _ = try client.request("initialize", ["capabilities": [:], "workspaceFolders": .array(list)])
        client.notify("initialized", [:])
        return client
    }

    static func folderEvent(_ client: TestClient, added: [String] = [], removed: [String] = []) {
        func list(_ folders: [String]) -> JSONValue { .array(folders.map { ["uri": .string(client.uri($0)), "name": .string($0)] }) }
        client.notify("workspace/didChangeWorkspaceFolders", ["event": ["added": list(added), "removed": list(removed)]])
    }

    static func codes(_ client: TestClient, _ path: String) -> [String] {
        client.publishedDiagnostics(path)?["diagnostics"]?.arrayValue?.compactMap { $0["code"]?.stringValue } ?? ["(none published)"]
    }

    static func hover(_ client: TestClient, _ path: String) throws -> JSONValue {
        try client.request("textDocument/hover", client.textDocumentPosition(path, ["line": 0, "character": 2]))
    }

    @Test func aLooseFileMovesIntoAFolderAddedAroundIt() throws {
        let client = try Self.client(folders: ["ws1"])
        client.open("wsL/docs/late.md", "Dochub here.\n")
        #expect(Self.codes(client, "wsL/docs/late.md") == [])
        #expect(try Self.hover(client, "wsL/docs/late.md") == .null)

        Self.folderEvent(client, added: ["wsL"])
        #expect(Self.codes(client, "wsL/docs/late.md") == ["term-casing"])
        #expect(try Self.hover(client, "wsL/docs/late.md") != .null)
        // Edits go to the folder's workspace, and the stand-in workspace is gone.
        client.notify("textDocument/didChange", ["textDocument": ["uri": .string(client.uri("wsL/docs/late.md")), "version": 2],
                                                 "contentChanges": [["text": "Dochub and dochub.\n"]]])
        #expect(Self.codes(client, "wsL/docs/late.md") == ["term-casing", "term-casing"])
        #expect(client.server.queue.sync { client.server.workspaces.map { $0.root.lastPathComponent } } == ["ws1", "wsL"])
    }

    @Test func aFolderRemovedAndAddedAgainServesItsOpenDocuments() throws {
        let client = try Self.client(folders: ["ws1", "wsL"])
        client.open("wsL/docs/late.md", "Dochub here.\n")
        #expect(Self.codes(client, "wsL/docs/late.md") == ["term-casing"])

        Self.folderEvent(client, removed: ["wsL"])
        Self.folderEvent(client, added: ["wsL"])
        #expect(Self.codes(client, "wsL/docs/late.md") == ["term-casing"])
        // The glossary goes on disk: the open page of the new workspace hears of it.
        try FileManager.default.removeItem(at: client.root.appendingPathComponent("wsL/docs/glossary.md"))
        client.notify("workspace/didChangeWatchedFiles", ["changes": [["uri": .string(client.uri("wsL/docs/glossary.md")), "type": 3]]])
        #expect(Self.codes(client, "wsL/docs/late.md") == [])
        #expect(try Self.hover(client, "wsL/docs/late.md") == .null)
        let symbols = try client.request("workspace/symbol", ["query": "DocHub"]).arrayValue ?? []
        #expect(symbols.filter { $0["name"] == "DocHub" }.isEmpty)
    }

    @Test func aFileOfARemovedFolderIsServedAlone() throws {
        let client = try Self.client(folders: ["ws1", "wsL"])
        client.open("wsL/docs/late.md", "Dochub here.\n")
        Self.folderEvent(client, removed: ["wsL"])
        #expect(Self.codes(client, "wsL/docs/late.md") == [])
        #expect(try Self.hover(client, "wsL/docs/late.md") == .null)
    }
}

/// A workspace folder inside another: each file belongs to the innermost folder only, so workspace
/// reports name it once, and as the document's own reports do.
@Suite struct NestedWorkspaceFolderTests {
    static let files: [String: String] = [
        "outer/docent.json": #"{ "glossaries": ["docs/portal/glossary.md"] }"#,
        "outer/docs/intro.md": "# Intro\n\nDochub intro.\n",
        "outer/docs/portal/glossary.md": "# Glossary\n\n## DocHub\n\nThe viewer.\n",
        "outer/docs/portal/page.md": "# Page\n\nDochub page.\n",
        "outer/docs/portal/docent.json": #"{ "rules": { "term-casing": "off" } }"#,
    ]

    static func workspaceReports(_ client: TestClient) throws -> [String: [String]] {
        let items = try client.request("workspace/diagnostic", ["previousResultIds": []])["items"]?.arrayValue ?? []
        var reports: [String: [String]] = [:]
        for item in items {
            let uri = item["uri"]?.stringValue ?? ""
            let name = String(uri.dropFirst(client.root.absoluteString.count + 1))
            #expect(reports[name] == nil, "\(name) reported twice")
            reports[name] = (item["items"]?.arrayValue ?? []).compactMap { $0["code"]?.stringValue }
        }
        return reports
    }

    static func documentReport(_ client: TestClient, _ path: String) throws -> [String] {
        let report = try client.request("textDocument/diagnostic", ["textDocument": ["uri": .string(client.uri(path))]])
        return (report["items"]?.arrayValue ?? []).compactMap { $0["code"]?.stringValue }
    }

    @Test func eachFileIsReportedOnceByItsInnermostFolder() throws {
        let client = try WorkspaceFolderTests.client(files: Self.files, folders: ["outer"])
        WorkspaceFolderTests.folderEvent(client, added: ["outer/docs/portal"])
        let reports = try Self.workspaceReports(client)
        #expect(reports.keys.sorted() == ["outer/docs/intro.md", "outer/docs/portal/glossary.md", "outer/docs/portal/page.md"])
        // The outer folder keeps its glossary, though it lies in the nested folder.
        #expect(reports["outer/docs/intro.md"] == ["term-casing"])
        // The nested folder's configuration turns term-casing off for its pages.
        #expect(reports["outer/docs/portal/page.md"] == [])
        #expect(try Self.documentReport(client, "outer/docs/portal/page.md") == [])
        let symbols = try client.request("workspace/symbol", ["query": ""]).arrayValue ?? []
        let uris = symbols.compactMap { $0["location"]?["uri"]?.stringValue }.filter { $0.hasSuffix("page.md") }
        #expect(uris == [client.uri("outer/docs/portal/page.md")])

        // Without the nested folder, its files are the outer folder's again.
        WorkspaceFolderTests.folderEvent(client, removed: ["outer/docs/portal"])
        let after = try Self.workspaceReports(client)
        #expect(after["outer/docs/portal/page.md"] == ["term-casing"])
        #expect(try Self.documentReport(client, "outer/docs/portal/page.md") == ["term-casing"])
    }

    @Test func foldersNestedFromTheStartAreSplitToo() throws {
        let client = try WorkspaceFolderTests.client(files: Self.files, folders: ["outer/docs/portal", "outer"])
        let reports = try Self.workspaceReports(client)
        #expect(reports["outer/docs/intro.md"] == ["term-casing"])
        #expect(reports["outer/docs/portal/page.md"] == [])
        #expect(reports.count == 3)
    }
}
