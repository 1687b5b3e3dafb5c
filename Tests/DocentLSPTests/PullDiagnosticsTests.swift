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

/// A client that could pull diagnostics but cannot be asked to refresh them (Neovim 0.11): it gets
/// them pushed, as a change elsewhere (a glossary edited in another buffer) would otherwise leave
/// its findings stale until the next keystroke in the page, and no `diagnosticProvider`, so that it
/// does not pull the same findings a second time.
@Suite struct PullWithoutRefreshTests {
    @Test func aClientThatCannotRefreshGetsPushedDiagnostics() throws {
        let noRefresh: JSONValue = ["textDocument": ["diagnostic": ["dynamicRegistration": false]]]
        let client = try TestClient(files: DiagnosticRefreshTests.files, capabilities: noRefresh)
        #expect(client.initializeResult?["capabilities"]?["diagnosticProvider"] == nil)
        client.open("docs/page.md", DiagnosticRefreshTests.files["docs/page.md"]!)
        #expect(client.pushed("docs/page.md") == ["term-casing/1", "term-abbreviation/4"])
        // The configuration changed elsewhere: pushed again at once.
        client.openConfiguration(DiagnosticRefreshTests.config)
        client.replace("docent.json", with: DiagnosticRefreshTests.config.replacingOccurrences(of: "\"error\"", with: "\"hint\""), version: 2)
        #expect(client.pushed("docs/page.md") == ["term-casing/4", "term-abbreviation/4"])
        // With refresh, it pulls, and the provider is there.
        let pulling = try TestClient(files: DiagnosticRefreshTests.files, capabilities: DiagnosticRefreshTests.capabilities)
        #expect(pulling.initializeResult?["capabilities"]?["diagnosticProvider"]?["identifier"] == "docent")
        pulling.open("docs/page.md", DiagnosticRefreshTests.files["docs/page.md"]!)
        #expect(pulling.publications("docs/page.md").isEmpty)
    }

    /// Refresh without pull diagnostics is no pulling client: it gets them pushed, and no provider.
    @Test func aClientThatRefreshesButCannotPullGetsPushedDiagnostics() throws {
        let client = try TestClient(files: DiagnosticRefreshTests.files, capabilities: ["workspace": ["diagnostics": ["refreshSupport": true]]])
        #expect(client.initializeResult?["capabilities"]?["diagnosticProvider"] == nil)
        client.open("docs/page.md", DiagnosticRefreshTests.files["docs/page.md"]!)
        #expect(client.pushed("docs/page.md") == ["term-casing/1", "term-abbreviation/4"])
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
    /// recomputes placement: the client is asked to refresh once, not once per step, and not at
    /// all when the configuration in force stays the same.
    @Test func oneKeystrokeInTheConfigurationAsksForOneRefresh() throws {
        let client = try TestClient(files: Self.files, capabilities: Self.capabilities)
        client.open("docs/page.md", Self.files["docs/page.md"]!)
        #expect(TestClient.codes(try pull(client, "docs/page.md")) == ["term-casing/1", "term-abbreviation/4"])
        let before = client.refreshes
        // Opened as it is on disk, then a space typed: the same configuration, nothing to refresh.
        client.openConfiguration(Self.config)
        #expect(client.refreshes == before)
        client.replace("docent.json", with: Self.config.replacingOccurrences(of: "{", with: "{ "), version: 2)
        #expect(client.refreshes == before)
        // Each keystroke that changes the configuration in force asks once.
        client.replace("docent.json", with: Self.config.replacingOccurrences(of: "\"error\"", with: "\"hint\""), version: 3)
        #expect(client.refreshes == before + 1)
        // A request without parameters leaves `params` out (`params?: array | object`; it was null).
        let refresh = client.sink.messages.withLock { $0.last { $0["method"] == "workspace/diagnostic/refresh" } }
        #expect(refresh?.objectValue.map { $0.keys.sorted() } == ["id", "jsonrpc", "method"])
        #expect(TestClient.codes(try pull(client, "docs/page.md")) == ["term-casing/4", "term-abbreviation/4"])
        client.replace("docent.json", with: Self.config.replacingOccurrences(of: "\"error\"", with: "\"warning\""), version: 4)
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
        #expect(client.refreshes == before)
        client.replace("docent.json", with: Self.config.replacingOccurrences(of: "\"error\"", with: "\"hint\""), version: 2)
        #expect(client.refreshes == before + 1)
        client.server.flushDeferredWork()
        #expect(client.refreshes == before + 1)
        // A request without parameters leaves `params` out (`params?: array | object`; it was null).
        let refresh = client.sink.messages.withLock { $0.last { $0["method"] == "workspace/diagnostic/refresh" } }
        #expect(refresh?.objectValue.map { $0.keys.sorted() } == ["id", "jsonrpc", "method"])
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

/// docent.json's problems for a client that pulls diagnostics (review F10): pulled like a page's,
/// through `textDocument/diagnostic` and `workspace/diagnostic`, and never pushed.
@Suite struct ConfigurationPullTests {
    static let capabilities = DiagnosticRefreshTests.capabilities
    static let config = ConfigurationInEditorTests.config
    static let files = ConfigurationInEditorTests.files
    /// A trailing comma (an error at the comma, line 3) and a glossary that matches no file (a warning).
    static let broken = "{\n  \"glossaries\": [\"docs/glossary.md\", \"docs/terms.md\"],\n  \"rules\": { \"term-casing\": \"error\" },\n}\n"
    static let brokenProblem: JSONValue = ["range": ["start": ["line": 2, "character": 37], "end": ["line": 2, "character": 38]], "severity": 1,
                                           "source": "docent", "code": "configuration", "message": "Trailing comma in object"]
    static let unmatched = "{\n  \"glossaries\": [\"docs/glossary.md\", \"docs/terms.md\"]\n}\n"
    static let unmatchedProblem: JSONValue = ["range": ["start": ["line": 1, "character": 37], "end": ["line": 1, "character": 52]], "severity": 2,
                                              "source": "docent", "code": "configuration", "message": "Glossary \"docs/terms.md\" matches no file"]

    func pull(_ client: TestClient, _ path: String, previous: String? = nil) throws -> JSONValue {
        var params: JSONObject = ["textDocument": ["uri": .string(client.uri(path))]]
        if let previous { params["previousResultId"] = .string(previous) }
        return try client.request("textDocument/diagnostic", .object(params))
    }

    func workspaceReport(_ client: TestClient, _ path: String, previous: [String: String] = [:]) throws -> JSONValue? {
        let ids: [JSONValue] = previous.sorted { $0.key < $1.key }.map { ["uri": .string(client.uri($0.key)), "value": .string($0.value)] }
        let items = try client.request("workspace/diagnostic", ["previousResultIds": .array(ids)])["items"]?.arrayValue ?? []
        return items.first { $0["uri"]?.stringValue == client.uri(path) }
    }

    @Test func anEditedConfigurationIsPulledAndNotPushed() throws {
        let client = try TestClient(files: Self.files, capabilities: Self.capabilities)
        client.openConfiguration(Self.config)
        let clean = try pull(client, "docent.json")
        #expect(clean["kind"] == "full")
        #expect(clean["items"] == [])
        let before = client.refreshes
        client.replace("docent.json", with: Self.broken, version: 2)
        // Its problems changed: the client is asked to pull again, once.
        #expect(client.refreshes == before + 1)
        let report = try pull(client, "docent.json", previous: clean["resultId"]?.stringValue)
        #expect(report["kind"] == "full")
        #expect(report["items"] == [Self.brokenProblem])
        let resultID = try #require(report["resultId"]?.stringValue)
        #expect(try pull(client, "docent.json", previous: resultID) == ["kind": "unchanged", "resultId": .string(resultID)])
        // The workspace report has it too, for the open buffer's version.
        #expect(try workspaceReport(client, "docent.json")
            == ["kind": "full", "uri": .string(client.uri("docent.json")), "version": 2, "resultId": .string(resultID), "items": [Self.brokenProblem]])
        #expect(try workspaceReport(client, "docent.json", previous: ["docent.json": resultID])
            == ["kind": "unchanged", "uri": .string(client.uri("docent.json")), "version": 2, "resultId": .string(resultID)])
        // Fixed: an empty report, in the workspace report too while the client holds the old one.
        client.replace("docent.json", with: Self.config, version: 3)
        #expect(client.refreshes == before + 2)
        #expect(try pull(client, "docent.json", previous: resultID)["items"] == [])
        #expect(try workspaceReport(client, "docent.json", previous: ["docent.json": resultID])?["items"] == [])
        #expect(try workspaceReport(client, "docent.json") == nil)
        // Said once in a message as before, never pushed as diagnostics.
        #expect(client.notifications("window/showMessage").count == 1)
        #expect(client.notifications("textDocument/publishDiagnostics") == [])
    }

    @Test func aConfigurationBrokenOnDiskIsInTheWorkspaceReport() throws {
        let client = try TestClient(files: Self.files.merging(["docent.json": Self.broken]) { $1 }, capabilities: Self.capabilities)
        #expect(client.notifications("textDocument/publishDiagnostics") == [])
        let report = try #require(try workspaceReport(client, "docent.json"))
        #expect(report["kind"] == "full")
        #expect(report["version"] == .null)
        #expect(report["items"] == [Self.brokenProblem])
        // Fixed on disk with a warning left: asked to refresh, and the warning is what is pulled.
        let before = client.refreshes
        try client.writeFile("docent.json", Self.unmatched)
        #expect(client.refreshes == before + 1)
        #expect(try workspaceReport(client, "docent.json")?["items"] == [Self.unmatchedProblem])
        #expect(try pull(client, "docent.json")["items"] == [Self.unmatchedProblem])
        // .docent.json is not the file in force while docent.json is there: nothing of it.
        #expect(try pull(client, ".docent.json")["items"] == [])
        #expect(try workspaceReport(client, ".docent.json") == nil)
        #expect(client.notifications("textDocument/publishDiagnostics") == [])
    }

    /// What a pull client pulls is what a push client is pushed.
    @Test func pulledAndPushedConfigurationDiagnosticsAreTheSame() throws {
        for text in [Self.broken, Self.unmatched, "{ \"$schema\": \"😀😀\", \"rules\": { \"term-casing\": \"loud\" } }"] {
            let pushing = try TestClient(files: Self.files.merging(["docent.json": text]) { $1 })
            let pulling = try TestClient(files: Self.files.merging(["docent.json": text]) { $1 }, capabilities: Self.capabilities)
            let pushed = try #require(pushing.publishedDiagnostics("docent.json")?["diagnostics"])
            #expect(pushed.arrayValue?.isEmpty == false)
            #expect(try pull(pulling, "docent.json")["items"] == pushed, "\(text)")
            #expect(try workspaceReport(pulling, "docent.json")?["items"] == pushed, "\(text)")
        }
    }
}

/// Configuration problems count columns in UTF-16 code units (`JSONParser.lineAndColumn`); the
/// diagnostic's range starts where the message's column says, in the client's encoding.
@Suite struct ConfigurationColumnTests {
    static let text = "{ \"$schema\": \"😀😀\", \"rules\": { \"term-casing\": \"loud\" } }"

    @Test func aProblemAfterAstralCharactersStartsAtItsValue() throws {
        let files = ConfigurationInEditorTests.files.merging(["docent.json": Self.text]) { $1 }
        let message = #"Severity must be "error", "warning", "information", "hint" or "off""#
        // "loud" is at UTF-16 column 48 (two emoji of two code units each before it), UTF-8 column 52.
        let utf16 = try TestClient(files: files)
        #expect(utf16.notifications("window/showMessage").first?["params"]?["message"]?.stringValue?.hasPrefix("Docent: docent.json:1:48: \(message)") == true)
        #expect(utf16.publishedDiagnostics("docent.json")?["diagnostics"]?[0]?["range"]
            == ["start": ["line": 0, "character": 47], "end": ["line": 0, "character": 53]])
        let utf8 = try TestClient(files: files, capabilities: ["general": ["positionEncodings": ["utf-8"]]])
        #expect(utf8.publishedDiagnostics("docent.json")?["diagnostics"]?[0]?["range"]
            == ["start": ["line": 0, "character": 51], "end": ["line": 0, "character": 57]])
    }
}

/// Pages that leave the model (deleted, renamed, newly excluded, their folder removed): a pull client
/// that holds a report of one gets an empty report for it, so the editor drops its problems.
@Suite struct PagesLeavingTheModelTests {
    static let capabilities = DiagnosticRefreshTests.capabilities
    static let finding: JSONValue = ["range": ["start": ["line": 2, "character": 4], "end": ["line": 2, "character": 10]], "severity": 2,
                                     "code": "term-casing", "codeDescription": ["href": "https://github.com/docent-lsp/docent#term-casing"],
                                     "source": "docent", "message": "Write “DocHub”, not “Dochub”",
                                     "data": ["replacement": "DocHub", "term": "DocHub", "written": "Dochub"]]
    static let files: [String: String] = [
        "docent.json": #"{ "glossaries": ["docs/glossary.md"] }"#,
        "docs/glossary.md": "# Glossary\n\n## DocHub\n\nThe docs-as-code viewer of the portal.\n",
        "docs/page.md": "# Page\n\nThe Dochub viewer.\n",
        "docs/other.md": "# Other\n\nThe DocHub viewer.\n",
    ]

    /// Every report of a `workspace/diagnostic` answer, by path, given the result ids the client holds.
    static func workspaceReports(_ client: TestClient, holding previous: [String: String]) throws -> [String: JSONValue] {
        let ids: [JSONValue] = previous.sorted { $0.key < $1.key }.map { ["uri": .string(client.uri($0.key)), "value": .string($0.value)] }
        let items = try client.request("workspace/diagnostic", ["previousResultIds": .array(ids)])["items"]?.arrayValue ?? []
        var reports: [String: JSONValue] = [:]
        for item in items {
            guard let uri = item["uri"]?.stringValue else { continue }
            reports[uri.replacingOccurrences(of: client.root.absoluteString + "/", with: "")] = item
        }
        return reports
    }

    /// The client's state after a first pull: the page's report, and the ids it holds.
    static func firstPull(_ client: TestClient) throws -> [String: String] {
        let reports = try workspaceReports(client, holding: [:])
        #expect(reports["docs/page.md"]?["items"] == [finding])
        return reports.compactMapValues { $0["resultId"]?.stringValue }
    }

    static func emptyReport(_ client: TestClient, _ path: String) -> JSONValue {
        ["kind": "full", "uri": .string(client.uri(path)), "version": .null, "resultId": .string(ResultID.make([])), "items": []]
    }

    static func pull(_ client: TestClient, _ path: String) throws -> JSONValue {
        try client.request("textDocument/diagnostic", ["textDocument": ["uri": .string(client.uri(path))]])
    }

    /// A URI the client spells another way (`%40` for `@`) names a file still reported: it gets no
    /// empty report that would wipe that file's findings.
    @Test func aURISpelledAnotherWayIsNotAPageThatLeft() throws {
        var files = Self.files
        files["docs/c@d.md"] = "# C\n\nThe Dochub viewer.\n"
        let client = try TestClient(files: files, capabilities: Self.capabilities)
        let spelled = client.uri("docs/c@d.md").replacingOccurrences(of: "@", with: "%40")
        #expect(spelled != client.uri("docs/c@d.md"))
        let items = try client.request("workspace/diagnostic", ["previousResultIds": [["uri": .string(spelled), "value": "stale"]]])["items"]?.arrayValue ?? []
        let forFile = items.filter { $0["uri"]?.stringValue?.contains("docs/c") == true }
        #expect(forFile.count == 1)
        #expect(forFile.first?["items"]?.arrayValue?.count == 1)
    }

    @Test func aDeletedPageGetsAnEmptyReport() throws {
        let client = try TestClient(files: Self.files, capabilities: Self.capabilities)
        let held = try Self.firstPull(client)
        #expect(Set(held.keys) == ["docs/glossary.md", "docs/page.md", "docs/other.md"])
        try FileManager.default.removeItem(at: client.root.appendingPathComponent("docs/page.md"))
        client.notify("workspace/didChangeWatchedFiles", ["changes": [["uri": .string(client.uri("docs/page.md")), "type": 3]]])
        let reports = try Self.workspaceReports(client, holding: held)
        #expect(reports["docs/page.md"] == Self.emptyReport(client, "docs/page.md"))
        #expect(reports["docs/other.md"]?["kind"] == "unchanged")
        #expect(Set(reports.keys) == ["docs/glossary.md", "docs/page.md", "docs/other.md"])
        // Once the client holds the empty report, it is unchanged; once it holds none, none is sent.
        let empty = ResultID.make([])
        #expect(try Self.workspaceReports(client, holding: ["docs/page.md": empty])["docs/page.md"]?["kind"] == "unchanged")
        #expect(try Self.workspaceReports(client, holding: [:])["docs/page.md"] == nil)
        // Pulled on its own, the page has nothing either.
        #expect(try Self.pull(client, "docs/page.md") == ["kind": "full", "resultId": .string(empty), "items": []])
    }

    @Test func aRenamedPageIsReportedUnderItsNewURIAndEmptyUnderItsOldOne() throws {
        let client = try TestClient(files: Self.files, capabilities: Self.capabilities)
        let held = try Self.firstPull(client)
        try FileManager.default.moveItem(at: client.root.appendingPathComponent("docs/page.md"), to: client.root.appendingPathComponent("docs/moved.md"))
        client.notify("workspace/didRenameFiles", ["files": [["oldUri": .string(client.uri("docs/page.md")), "newUri": .string(client.uri("docs/moved.md"))]]])
        let reports = try Self.workspaceReports(client, holding: held)
        #expect(reports["docs/page.md"] == Self.emptyReport(client, "docs/page.md"))
        #expect(reports["docs/moved.md"]?["items"] == [Self.finding])
    }

    @Test func aPageNewlyExcludedGetsAnEmptyReport() throws {
        let client = try TestClient(files: Self.files, capabilities: Self.capabilities)
        let held = try Self.firstPull(client)
        try client.writeFile("docent.json", #"{ "glossaries": ["docs/glossary.md"], "exclude": ["docs/page.md"] }"#)
        let reports = try Self.workspaceReports(client, holding: held)
        #expect(reports["docs/page.md"] == Self.emptyReport(client, "docs/page.md"))
        #expect(try Self.pull(client, "docs/page.md")["items"] == [])
    }

    @Test func thePagesOfARemovedFolderGetEmptyReports() throws {
        var files: [String: String] = [:]
        for (path, text) in Self.files { files["site/" + path] = text }
        let client = try WorkspaceFolderTests.client(files: files, folders: ["site"])
        var held: [String: String] = [:]
        for (path, report) in try Self.workspaceReports(client, holding: [:]) { held[path] = report["resultId"]?.stringValue }
        #expect(Set(held.keys) == ["site/docs/glossary.md", "site/docs/page.md", "site/docs/other.md"])
        WorkspaceFolderTests.folderEvent(client, removed: ["site"])
        let reports = try Self.workspaceReports(client, holding: held)
        // The clean pages' reports were empty already: unchanged.
        func unchanged(_ path: String) -> JSONValue {
            ["kind": "unchanged", "uri": .string(client.uri(path)), "version": .null, "resultId": .string(ResultID.make([]))]
        }
        #expect(reports == ["site/docs/glossary.md": unchanged("site/docs/glossary.md"),
                            "site/docs/page.md": Self.emptyReport(client, "site/docs/page.md"),
                            "site/docs/other.md": unchanged("site/docs/other.md")])
    }

    /// Pushed diagnostics: only open pages get them, and an open page that leaves the model (newly
    /// excluded, closed after its file went) gets an empty publication.
    @Test func anOpenPageThatLeavesTheModelIsClearedForAPushClient() throws {
        let client = try TestClient(files: Self.files)
        client.open("docs/page.md", Self.files["docs/page.md"]!)
        #expect(client.pushed("docs/page.md") == ["term-casing/2"])
        try client.writeFile("docent.json", #"{ "glossaries": ["docs/glossary.md"], "exclude": ["docs/page.md"] }"#)
        #expect(client.publications("docs/page.md").last == [])
        // A closed page was never pushed: its deletion has nothing to clear.
        try FileManager.default.removeItem(at: client.root.appendingPathComponent("docs/other.md"))
        client.notify("workspace/didChangeWatchedFiles", ["changes": [["uri": .string(client.uri("docs/other.md")), "type": 3]]])
        #expect(client.publications("docs/other.md") == [])
    }
}
