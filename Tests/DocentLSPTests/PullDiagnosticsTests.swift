import DocentCore
import DocentIO
import Foundation
import Testing
@testable import DocentLSP

extension TestClient {
    /// How many `workspace/diagnostic/refresh` requests the server sent so far.
    var refreshes: Int {
        sink.messages.withLock { $0.filter { $0["method"] == "workspace/diagnostic/refresh" && $0["id"] != nil }.count }
    }

    /// Opens docent.json in the editor (as a JSON document).
    func openConfiguration(_ text: String, version: Int = 1, path: String = "docent.json") {
        notify("textDocument/didOpen", ["textDocument": ["uri": .string(uri(path)), "languageId": "json", "version": JSONValue(version), "text": .string(text)]])
    }

    /// The codes and severities of a pulled report's items.
    static func codes(_ report: JSONValue) -> [String] {
        (report["items"]?.arrayValue ?? []).map { "\($0["code"]?.stringValue ?? "?")/\($0["severity"]?.intValue ?? 0)" }
    }
}

/// A client that pulls diagnostics and takes `workspace/diagnostic/refresh` (review F10).
@Suite struct DiagnosticRefreshTests {
    static let capabilities: JSONValue = ["textDocument": ["diagnostic": ["dynamicRegistration": false]],
                                          "workspace": ["diagnostics": ["refreshSupport": true]]]
    static let config = ConfigurationInEditorTests.config
    static let files = ConfigurationInEditorTests.files

    func pull(_ client: TestClient, _ path: String) throws -> JSONValue {
        try client.request("textDocument/diagnostic", ["textDocument": ["uri": .string(client.uri(path))]])
    }

    /// One keystroke in docent.json re-reads the configuration, re-checks the open pages and
    /// recomputes placement: the client is asked to refresh once, not once per step.
    @Test func oneKeystrokeInTheConfigurationAsksForOneRefresh() throws {
        let client = try TestClient(files: Self.files, capabilities: Self.capabilities)
        client.open("docs/page.md", Self.files["docs/page.md"]!)
        #expect(TestClient.codes(try pull(client, "docs/page.md")) == ["term-casing/1", "term-abbreviation/4"])
        var before = client.refreshes
        client.openConfiguration(Self.config)
        #expect(client.refreshes == before + 1)
        before = client.refreshes
        // "error" → "errors" → "error" → "hint", one character at a time: each keystroke that
        // parses changes the configuration in force, and asks once.
        client.replace("docent.json", with: Self.config.replacingOccurrences(of: "\"error\"", with: "\"hint\""), version: 2)
        #expect(client.refreshes == before + 1)
        #expect(TestClient.codes(try pull(client, "docs/page.md")) == ["term-casing/4", "term-abbreviation/4"])
        client.replace("docent.json", with: Self.config.replacingOccurrences(of: "\"error\"", with: "\"warning\""), version: 3)
        #expect(client.refreshes == before + 2)
        #expect(TestClient.codes(try pull(client, "docs/page.md")) == ["term-casing/2", "term-abbreviation/4"])
        // No push for the page, whatever happened.
        #expect(client.publications("docs/page.md").isEmpty)
    }

    /// The review's sequence (t_pull2.py), with the real pause before placement is recomputed:
    /// docent.json opened, one keystroke, then the pause. docent.json has no placement, and the
    /// page's did not change, so the pause asks for nothing more.
    @Test func theKeystrokeAndThePauseAfterItAskOnce() throws {
        let client = try TestClient(files: Self.files, capabilities: Self.capabilities, placementDelay: 600)
        client.open("docs/page.md", Self.files["docs/page.md"]!)
        client.server.flushDeferredWork()
        let before = client.refreshes
        client.openConfiguration(Self.config)
        #expect(client.refreshes == before + 1)
        client.replace("docent.json", with: Self.config.replacingOccurrences(of: "\"error\"", with: "\"hint\""), version: 2)
        #expect(client.refreshes == before + 2)
        client.server.flushDeferredWork()
        #expect(client.refreshes == before + 2)
        #expect(TestClient.codes(try pull(client, "docs/page.md")) == ["term-casing/4", "term-abbreviation/4"])
    }

    /// An edit that leaves the configuration in force and its problems as they were (typing inside
    /// a value that still fails to parse at the same place) changes no report: no refresh.
    @Test func anEditThatChangesNoReportAsksForNoRefresh() throws {
        let client = try TestClient(files: Self.files, capabilities: Self.capabilities)
        client.open("docs/page.md", Self.files["docs/page.md"]!)
        let broken = "{\n  \"glossaries\": [\"docs/glossary.md\"],\n  \"rules\": { \"term-casing\": \"error\" },\n}\n"
        client.openConfiguration(broken)
        let before = client.refreshes
        client.replace("docent.json", with: broken.replacingOccurrences(of: "docs/glossary.md", with: "docs/glossary.mdx"), version: 2)
        #expect(client.refreshes == before)
        // A page edit: the client pulls the page it edits itself; nothing else changed.
        client.replace("docs/page.md", with: "# Page\n\nThe dochub viewer.\n", version: 2)
        #expect(client.refreshes == before)
        #expect(TestClient.codes(try pull(client, "docs/page.md")) == ["term-casing/1"])
    }

    /// A glossary edit changes other pages' diagnostics: one refresh, and the pull shows the change.
    @Test func aGlossaryEditAsksForOneRefresh() throws {
        let client = try TestClient(files: Self.files, capabilities: Self.capabilities)
        client.open("docs/page.md", Self.files["docs/page.md"]!)
        let glossary = Self.files["docs/glossary.md"]!
        client.open("docs/glossary.md", glossary)
        let before = client.refreshes
        client.replace("docs/glossary.md", with: glossary.replacingOccurrences(of: "## JWT\n", with: "## JWTs\n"), version: 2)
        #expect(client.refreshes == before + 1)
        #expect(TestClient.codes(try pull(client, "docs/page.md")) == ["term-casing/1"])
    }

    /// Placement recomputed after the pause, outside any message: the refresh it needs still goes out.
    @Test func placementRecomputedAfterThePauseAsksForOneRefresh() throws {
        let files = try PlacementDeferralTests.portalFiles()
        let page = PlacementDeferralTests.page
        let text = try #require(files[page])
        let client = try TestClient(files: files, capabilities: Self.capabilities, placementDelay: 600)
        client.open(page, "# Notes\n\nClick **Catalog** and select a team.\n")
        #expect(try pull(client, page)["items"] == [])
        let before = client.refreshes
        client.replace(page, with: text, version: 2)
        #expect(client.refreshes == before)
        client.server.flushDeferredWork()
        #expect(client.refreshes == before + 1)
        let codes = (try pull(client, page)["items"]?.arrayValue ?? []).compactMap { $0["code"]?.stringValue }
        #expect(codes.filter { $0 == "misplaced-document" }.count == 1)
        // Nothing more to recompute: no further refresh.
        client.server.flushDeferredWork()
        #expect(client.refreshes == before + 1)
    }

    /// A client without refreshSupport is never asked.
    @Test func noRefreshWithoutRefreshSupport() throws {
        let client = try TestClient(files: Self.files, capabilities: ["textDocument": ["diagnostic": [:]]])
        client.open("docs/page.md", Self.files["docs/page.md"]!)
        client.openConfiguration(Self.config)
        client.replace("docent.json", with: Self.config.replacingOccurrences(of: "\"error\"", with: "\"hint\""), version: 2)
        #expect(client.refreshes == 0)
    }
}
