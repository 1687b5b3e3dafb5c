import DocentCore
import DocentIO
import Foundation
import Testing
@testable import DocentLSP

extension TestClient {
    /// Replaces a whole open document.
    func replace(_ path: String, with text: String, version: Int) {
        notify("textDocument/didChange", ["textDocument": ["uri": .string(uri(path)), "version": JSONValue(version)],
                                          "contentChanges": [["text": .string(text)]]])
    }

    /// The codes and severities of the last diagnostics pushed for a document.
    func pushed(_ path: String) -> [String] {
        (publishedDiagnostics(path)?["diagnostics"]?.arrayValue ?? []).map { "\($0["code"]?.stringValue ?? "?")/\($0["severity"]?.intValue ?? 0)" }
    }

    /// Every diagnostics notification sent for a document.
    func publications(_ path: String) -> [JSONValue] {
        notifications("textDocument/publishDiagnostics").filter { $0["params"]?["uri"]?.stringValue == uri(path) }.compactMap { $0["params"]?["diagnostics"] }
    }

    func writeFile(_ path: String, _ text: String) throws {
        try text.write(to: root.appendingPathComponent(path), atomically: true, encoding: .utf8)
        notify("workspace/didChangeWatchedFiles", ["changes": [["uri": .string(uri(path)), "type": 2]]])
    }
}

/// Files the configuration excludes, opened in the editor (B3).
@Suite struct ExcludedFileTests {
    static let files: [String: String] = [
        "docent.json": #"{ "glossaries": ["docs/glossary.md"], "exclude": ["docs/drafts/**"] }"#,
        "docs/glossary.md": "# Glossary\n\n## DocHub\n\nThe docs-as-code viewer of the portal.\n",
        "docs/page.md": "# Page\n\nThe DocHub viewer.\n",
        "docs/drafts/draft.md": "# Draft\n\nA dochub draft.\n",
    ]

    @Test func anOpenedExcludedFileGetsNoDiagnosticsAndStaysOutOfTheWorkspace() throws {
        let client = try TestClient(files: Self.files)
        client.open("docs/drafts/draft.md", Self.files["docs/drafts/draft.md"]!)
        #expect(client.publications("docs/drafts/draft.md") == [[]])
        // Not in the workspace model: no workspace report, no reference to it, no hover.
        let reports = try client.request("workspace/diagnostic", ["previousResultIds": []])["items"]?.arrayValue ?? []
        #expect(reports.compactMap { $0["uri"]?.stringValue }.sorted() == [client.uri("docs/glossary.md"), client.uri("docs/page.md")])
        let references = try client.request("textDocument/references", ["textDocument": ["uri": .string(client.uri("docs/page.md"))],
                                                                         "position": ["line": 2, "character": 5], "context": ["includeDeclaration": false]])
        #expect(references.arrayValue?.compactMap { $0["uri"]?.stringValue } == [client.uri("docs/page.md")])
        let hover = client.response("textDocument/hover", client.textDocumentPosition("docs/drafts/draft.md", ["line": 2, "character": 3]))
        #expect(hover["error"] == nil)
        #expect(hover["result"] == .null)
        // Edits keep it quiet, and are kept: when the configuration stops excluding it, the edited
        // buffer is the document.
        client.replace("docs/drafts/draft.md", with: "# Draft\n\nTwo dochub words.\n", version: 2)
        #expect(client.pushed("docs/drafts/draft.md") == [])
        try client.writeFile("docent.json", #"{ "glossaries": ["docs/glossary.md"] }"#)
        let diagnostics = try #require(client.publishedDiagnostics("docs/drafts/draft.md")?["diagnostics"]?.arrayValue)
        #expect(diagnostics.map { $0["code"] } == ["term-casing"])
        #expect(diagnostics.first?["range"] == ["start": ["line": 2, "character": 4], "end": ["line": 2, "character": 10]])
    }

    @Test func pulledDiagnosticsOfAnExcludedFileAreEmpty() throws {
        let client = try TestClient(files: Self.files, capabilities: ["textDocument": ["diagnostic": [:]]])
        client.open("docs/drafts/draft.md", Self.files["docs/drafts/draft.md"]!)
        let report = try client.request("textDocument/diagnostic", ["textDocument": ["uri": .string(client.uri("docs/drafts/draft.md"))]])
        #expect(report["kind"] == "full")
        #expect(report["items"] == [])
    }
}

/// docent.json opened and edited in the editor (B10), and broken on disk (B11).
@Suite struct ConfigurationInEditorTests {
    /// term-casing is an error by configuration (a warning by default), so which configuration is
    /// in force shows in the page's diagnostics.
    static let config = """
    {
      "$schema": "Dochub schema",
      "glossaries": ["docs/glossary.md"],
      "rules": { "term-casing": "error" }
    }

    """
    static let files: [String: String] = [
        "docent.json": config,
        "docs/glossary.md": "# Glossary\n\n## DocHub\n\nThe docs-as-code viewer of the portal.\n\n## JWT\n\nJSON Web Token: a signed token that carries claims.\n",
        "docs/page.md": "# Page\n\nThe dochub viewer asks for a JWT.\n",
    ]

    @Test func docentJSONIsNotAMarkdownDocument() throws {
        let client = try TestClient(files: Self.files)
        client.notify("textDocument/didOpen", ["textDocument": ["uri": .string(client.uri("docent.json")), "languageId": "json", "version": 1, "text": .string(Self.config)]])
        #expect(client.publications("docent.json").allSatisfy { $0 == [] })
        let reports = try client.request("workspace/diagnostic", ["previousResultIds": []])["items"]?.arrayValue ?? []
        #expect(!reports.contains { $0["uri"]?.stringValue == client.uri("docent.json") })
        client.open("docs/page.md", Self.files["docs/page.md"]!)
        #expect(client.pushed("docs/page.md") == ["term-casing/1", "term-abbreviation/4"])
    }

    @Test func anOpenConfigurationKeepsTheEditorsRules() throws {
        let client = try TestClient(files: Self.files, initializationOptions: ["docent": ["rules": ["term-abbreviation": "off"]]])
        client.open("docs/page.md", Self.files["docs/page.md"]!)
        #expect(client.pushed("docs/page.md") == ["term-casing/1"])
        client.notify("textDocument/didOpen", ["textDocument": ["uri": .string(client.uri("docent.json")), "languageId": "json", "version": 1, "text": .string(Self.config)]])
        #expect(client.pushed("docs/page.md") == ["term-casing/1"])
        // An edit of the buffer applies at once, still under the editor's rules.
        client.replace("docent.json", with: Self.config.replacingOccurrences(of: "\"error\"", with: "\"hint\""), version: 2)
        #expect(client.pushed("docs/page.md") == ["term-casing/4"])
    }

    /// Review finding F6: settings without `docent.rules` (sent, or answered to
    /// `workspace/configuration` as null or without the key) drop the rules the editor set before.
    @Test func settingsWithoutRulesDropTheEditorsEarlierRules() throws {
        let client = try TestClient(files: Self.files, capabilities: ["workspace": ["configuration": true]])
        client.open("docs/page.md", Self.files["docs/page.md"]!)
        #expect(client.pushed("docs/page.md") == ["term-casing/1", "term-abbreviation/4"])
        let off: JSONValue = ["settings": ["docent": ["rules": ["term-abbreviation": "off"]]]]
        client.notify("workspace/didChangeConfiguration", off)
        #expect(client.pushed("docs/page.md") == ["term-casing/1"])
        client.notify("workspace/didChangeConfiguration", ["settings": ["docent": [:]]])
        #expect(client.pushed("docs/page.md") == ["term-casing/1", "term-abbreviation/4"])
        // Settings not sent: the server asks, and the client has none (null) or none for rules.
        for answer: JSONValue in [.null, [:], ["rules": .null]] {
            client.notify("workspace/didChangeConfiguration", off)
            #expect(client.pushed("docs/page.md") == ["term-casing/1"])
            client.notify("workspace/didChangeConfiguration", ["settings": .null])
            let asked = try #require(client.notifications("workspace/configuration").last)
            #expect(asked["params"] == ["items": [["section": "docent"]]])
            client.send(["jsonrpc": "2.0", "id": asked["id"] ?? .null, "result": [answer]])
            #expect(client.pushed("docs/page.md") == ["term-casing/1", "term-abbreviation/4"], "\(answer)")
        }
        // Rules that are no object are said to be ignored, and set none.
        client.notify("workspace/didChangeConfiguration", off)
        client.notify("workspace/didChangeConfiguration", ["settings": ["docent": ["rules": "off"]]])
        #expect(client.pushed("docs/page.md") == ["term-casing/1", "term-abbreviation/4"])
        #expect(client.notifications("window/logMessage").last?["params"]
            == ["type": 2, "message": "Editor setting docent.rules: expected an object of rule severities, got \"off\"; ignored"])
    }

    @Test func anInvalidBufferKeepsTheLastGoodConfigurationAndIsADiagnosticUntilFixed() throws {
        let client = try TestClient(files: Self.files)
        client.open("docs/page.md", Self.files["docs/page.md"]!)
        client.notify("textDocument/didOpen", ["textDocument": ["uri": .string(client.uri("docent.json")), "languageId": "json", "version": 1, "text": .string(Self.config)]])
        let broken = Self.config.replacingOccurrences(of: "\"error\" }", with: "\"error\" },\n  \"x\": ")
        client.replace("docent.json", with: broken, version: 2)
        #expect(client.pushed("docs/page.md") == ["term-casing/1", "term-abbreviation/4"])
        let problem = try #require(client.publishedDiagnostics("docent.json")?["diagnostics"]?.arrayValue)
        #expect(problem == [["range": ["start": ["line": 5, "character": 0], "end": ["line": 5, "character": 1]], "severity": 1, "source": "docent",
                             "code": "configuration", "message": "Unexpected character `}`; expected a JSON value"]])
        #expect(client.notifications("window/showMessage").compactMap { $0["params"]?["message"]?.stringValue } ==
            ["Docent: docent.json:6:1: Unexpected character `}`; expected a JSON value (the last valid configuration stays in force)"])
        // The same error again (one more space) is not shown again.
        client.replace("docent.json", with: broken.replacingOccurrences(of: "\"x\": ", with: "\"x\":  "), version: 3)
        #expect(client.notifications("window/showMessage").count == 1)
        #expect(client.pushed("docs/page.md") == ["term-casing/1", "term-abbreviation/4"])
        // A semantic error keeps the last configuration too.
        client.replace("docent.json", with: Self.config.replacingOccurrences(of: "\"error\"", with: "\"loud\""), version: 4)
        #expect(client.pushed("docs/page.md") == ["term-casing/1", "term-abbreviation/4"])
        #expect(client.pushed("docent.json") == ["configuration/1"])
        // Fixed: the diagnostic goes, and the new configuration applies.
        client.replace("docent.json", with: Self.config.replacingOccurrences(of: "\"error\"", with: "\"warning\""), version: 5)
        #expect(client.publishedDiagnostics("docent.json")?["diagnostics"] == [])
        #expect(client.pushed("docs/page.md") == ["term-casing/2", "term-abbreviation/4"])
    }

    /// Review finding F10: diagnostics of an open docent.json carry its buffer's version, each new
    /// version's even when the problems stay the same; closed, they carry none.
    @Test func diagnosticsOfAnOpenConfigurationCarryItsVersion() throws {
        var files = Self.files
        let broken = Self.config.replacingOccurrences(of: "\"error\" }", with: "\"error\" },\n  \"x\": ")
        files["docent.json"] = broken
        let client = try TestClient(files: files)
        let problem: JSONValue = [["range": ["start": ["line": 5, "character": 0], "end": ["line": 5, "character": 1]], "severity": 1, "source": "docent",
                                   "code": "configuration", "message": "Unexpected character `}`; expected a JSON value"]]
        #expect(client.publishedDiagnostics("docent.json") == ["uri": .string(client.uri("docent.json")), "diagnostics": problem])
        client.notify("textDocument/didOpen", ["textDocument": ["uri": .string(client.uri("docent.json")), "languageId": "json", "version": 7, "text": .string(broken)]])
        #expect(client.publishedDiagnostics("docent.json") == ["uri": .string(client.uri("docent.json")), "diagnostics": problem, "version": 7])
        // An edit that leaves the problem where it was: the same diagnostics, for the new version.
        client.replace("docent.json", with: broken + "\n", version: 8)
        #expect(client.publishedDiagnostics("docent.json") == ["uri": .string(client.uri("docent.json")), "diagnostics": problem, "version": 8])
        client.replace("docent.json", with: Self.config, version: 9)
        #expect(client.publishedDiagnostics("docent.json") == ["uri": .string(client.uri("docent.json")), "diagnostics": [], "version": 9])
        #expect(client.notifications("window/showMessage").count == 1)
    }

    @Test func anInvalidFileOnDiskKeepsTheLastGoodConfiguration() throws {
        let client = try TestClient(files: Self.files)
        client.open("docs/page.md", Self.files["docs/page.md"]!)
        try client.writeFile("docent.json", "{\n  \"rules\": { \"term-casing\": \"off\" },\n}\n")
        #expect(client.pushed("docs/page.md") == ["term-casing/1", "term-abbreviation/4"])
        #expect(client.pushed("docent.json") == ["configuration/1"])
        #expect(client.publishedDiagnostics("docent.json")?["diagnostics"]?[0]?["range"]?["start"] == ["line": 1, "character": 35])
        #expect(client.notifications("window/showMessage").count == 1)
        try client.writeFile("docent.json", "{\n  \"glossaries\": [\"docs/glossary.md\"],\n  \"rules\": { \"term-casing\": \"off\" }\n}\n")
        #expect(client.pushed("docs/page.md") == ["term-abbreviation/4"])
        #expect(client.publishedDiagnostics("docent.json")?["diagnostics"] == [])
    }

    @Test func aBrokenConfigurationAtStartIsADiagnostic() throws {
        var files = Self.files
        files["docent.json"] = "{ \"rules\": { \"term-casing\": \"loud\" } }"
        let client = try TestClient(files: files)
        let diagnostics = try #require(client.publishedDiagnostics("docent.json")?["diagnostics"]?.arrayValue)
        #expect(diagnostics.map { $0["severity"] } == [1])
        #expect(diagnostics[0]["source"] == "docent")
        // There was no valid configuration before this one, so none stays in force (review F10).
        #expect(client.notifications("window/showMessage").compactMap { $0["params"]?["message"]?.stringValue } == [
            #"Docent: docent.json:1:29: Severity must be "error", "warning", "information", "hint" or "off" (no valid configuration was read before: the defaults stand in for what cannot be read)"#,
        ])
        // Fixed, then broken again: now the fixed one stays.
        client.notify("textDocument/didOpen", ["textDocument": ["uri": .string(client.uri("docent.json")), "languageId": "json", "version": 1, "text": .string(Self.config)]])
        client.replace("docent.json", with: Self.config + "}", version: 2)
        #expect(client.notifications("window/showMessage").last?["params"]?["message"]?.stringValue?.hasSuffix(" (the last valid configuration stays in force)") == true)
    }
}

/// Untitled buffers with one workspace folder open (R10).
@Suite struct UntitledDocumentTests {
    static let uri = "untitled:Untitled-1"

    func open(_ client: TestClient, _ text: String) {
        client.notify("textDocument/didOpen", ["textDocument": ["uri": .string(Self.uri), "languageId": "markdown", "version": 1, "text": .string(text)]])
    }

    func pushed(_ client: TestClient) -> [JSONValue]? {
        client.notifications("textDocument/publishDiagnostics").last { $0["params"]?["uri"]?.stringValue == Self.uri }?["params"]?["diagnostics"]?.arrayValue
    }

    @Test func anUntitledDocumentIsServedAgainstTheOneWorkspaceFolder() throws {
        let client = try TestClient(files: SampleWorkspace.files)
        open(client, "The Dochub text about the Service Catalog.\n")
        let hover = try client.request("textDocument/hover", ["textDocument": ["uri": .string(Self.uri)], "position": ["line": 0, "character": 6]])
        #expect(hover["contents"]?["value"]?.stringValue?.hasPrefix("**DocHub**") == true)
        let completion = try client.request("textDocument/completion", ["textDocument": ["uri": .string(Self.uri)], "position": ["line": 0, "character": 7]])
        #expect(completion["items"]?.arrayValue?.compactMap { $0["label"]?.stringValue }.contains("DocHub") == true)
        #expect(pushed(client)?.map { $0["code"] } == ["term-casing"])
        // Not part of the folder's results.
        let reports = try client.request("workspace/diagnostic", ["previousResultIds": []])["items"]?.arrayValue ?? []
        #expect(!reports.contains { $0["uri"]?.stringValue == Self.uri })
        let references = try client.request("textDocument/references", ["textDocument": ["uri": .string(client.uri("docs/closed.md"))],
                                                                         "position": ["line": 2, "character": 6], "context": ["includeDeclaration": false]])
        #expect(references.arrayValue?.compactMap { $0["uri"]?.stringValue } == [client.uri("docs/closed.md")])
        // It follows the folder's glossary.
        try client.writeFile("docs/glossary.md", SampleWorkspace.glossary.replacingOccurrences(of: "## DocHub\n\nThe docs-as-code viewer of the portal.\n", with: ""))
        #expect(pushed(client) == [])
        // Nothing is written for it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: client.root.path).sorted() == ["docent.json", "docs"])
    }
}
