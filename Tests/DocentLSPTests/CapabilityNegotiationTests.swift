import DocentCore
import DocentIO
import Foundation
import Testing
@testable import DocentLSP

/// A minimal client: plain-text documentation only, no code action literals, flat document symbols.
@Suite struct CapabilityNegotiationTests {
    static let minimal: JSONValue = ["textDocument": [
        "hover": ["contentFormat": ["plaintext"]],
        "completion": ["completionItem": ["documentationFormat": ["plaintext"]]],
        "codeAction": ["dynamicRegistration": false],
        "documentSymbol": ["hierarchicalDocumentSymbolSupport": false],
    ]]

    @Test func hoverAndCompletionDocumentationArePlainText() throws {
        let client = try TestClient(files: SampleWorkspace.files, capabilities: Self.minimal)
        let hover = try client.request("textDocument/hover", client.textDocumentPosition("docs/closed.md", ["line": 2, "character": 6]))
        #expect(hover["contents"] == ["kind": "plaintext", "value": "Service Catalog\n\nThe place that records who owns each piece of software.\n\nDefined in docs/glossary.md:7"])
        client.open("docs/page.md", "The Doc\n")
        let completion = try client.request("textDocument/completion", client.textDocumentPosition("docs/page.md", ["line": 0, "character": 7]))
        #expect(completion["items"]?[0]?["documentation"] == ["kind": "plaintext", "value": "DocHub\n\nThe docs-as-code viewer of the portal.\n\nDefined in docs/glossary.md:27"])

        // A client that lists Markdown (anywhere) gets Markdown.
        let rich = try TestClient(files: SampleWorkspace.files, capabilities: ["textDocument": ["hover": ["contentFormat": ["plaintext", "markdown"]]]])
        let markdown = try rich.request("textDocument/hover", rich.textDocumentPosition("docs/closed.md", ["line": 2, "character": 6]))
        #expect(markdown["contents"]?["kind"] == "markdown")
        #expect(markdown["contents"]?["value"]?.stringValue?.hasPrefix("**Service Catalog**\n\n") == true)
    }

    /// A diagnostic carries related information, its rule's link and data only for a client that
    /// takes them (review: Eglot declares neither of the first two, and got them anyway); the flags
    /// count under `publishDiagnostics`, or under `diagnostic` as LSP 3.18 has them for pulled ones.
    @Test func diagnosticsCarryOnlyTheFieldsTheClientTakes() throws {
        let files = SampleWorkspace.files.merging(["docs/glossary.md": SampleWorkspace.glossary + "\n## DocHub\n\nAgain.\n"]) { $1 }
        func keys(_ capabilities: JSONValue) throws -> [String] {
            let client = try TestClient(files: files, capabilities: capabilities)
            let text = try String(contentsOf: client.root.appendingPathComponent("docs/glossary.md"), encoding: .utf8)
            client.open("docs/glossary.md", text)
            let diagnostic = try #require(client.publishedDiagnostics("docs/glossary.md")?["diagnostics"]?[0])
            #expect(diagnostic["code"] == "glossary-duplicate")
            return diagnostic.objectValue?.keys.sorted() ?? []
        }
        let eglot: JSONValue = ["textDocument": ["publishDiagnostics": ["relatedInformation": false, "codeDescriptionSupport": false, "tagSupport": ["valueSet": [1, 2]]]]]
        #expect(try keys(eglot) == ["code", "message", "range", "severity", "source"])
        let all = ["code", "codeDescription", "data", "message", "range", "relatedInformation", "severity", "source"]
        #expect(try keys(["textDocument": ["publishDiagnostics": ["relatedInformation": true, "codeDescriptionSupport": true, "dataSupport": true]]]) == all)
        #expect(try keys(["textDocument": ["publishDiagnostics": [:], "diagnostic": ["relatedInformation": true, "codeDescriptionSupport": true, "dataSupport": true]]]) == all)
        #expect(try keys(["textDocument": ["publishDiagnostics": ["relatedInformation": true]]]) == ["code", "message", "range", "relatedInformation", "severity", "source"])
    }

    @Test func markdownReadsAsPlainText() {
        #expect(PlainTextRendering.plainText(fromMarkdown: "### Term\n\n1. First `sense`.\n2. A [link](x.md#y).\n\n---\n\n> Quoted *text*\n  - item ~~old~~\n")
            == "Term\n\n1. First sense.\n2. A link.\n\n---\n\nQuoted text\n  - item old\n")
    }

    @Test func withoutLiteralSupportNoCodeActions() throws {
        let files = SampleWorkspace.files
        let client = try TestClient(files: files, capabilities: Self.minimal)
        client.open("docs/page.md", "Dochub here.\n")
        let range: JSONValue = ["start": ["line": 0, "character": 2], "end": ["line": 0, "character": 2]]
        let params: JSONValue = ["textDocument": ["uri": .string(client.uri("docs/page.md"))], "range": range, "context": ["diagnostics": []]]
        #expect(try client.request("textDocument/codeAction", params) == [])
        let literal = try TestClient(files: files)
        literal.open("docs/page.md", "Dochub here.\n")
        let actions = try literal.request("textDocument/codeAction", ["textDocument": ["uri": .string(literal.uri("docs/page.md"))], "range": range, "context": ["diagnostics": []]])
        #expect(actions.arrayValue?.isEmpty == false)
    }

    /// A client without code action literals that applies edits, `docs/page.md` open with `text`,
    /// and the code actions it gets for `range`.
    static func commands(on text: String, range: JSONValue) throws -> (TestClient, [JSONValue]) {
        var capabilities = try #require(minimal.objectValue)
        capabilities["workspace"] = ["applyEdit": true]
        let client = try TestClient(files: SampleWorkspace.files, capabilities: .object(capabilities))
        client.open("docs/page.md", text)
        let params: JSONValue = ["textDocument": ["uri": .string(client.uri("docs/page.md"))], "range": range, "context": ["diagnostics": []]]
        return (client, try #require(try client.request("textDocument/codeAction", params).arrayValue))
    }

    @Test func commandsForAClientThatAppliesEditsButTakesNoLiterals() throws {
        let range: JSONValue = ["start": ["line": 0, "character": 2], "end": ["line": 0, "character": 2]]
        let (client, commands) = try Self.commands(on: "Dochub here.\n", range: range)
        // A literal client that resolves edits is offered fix-all too (its edit resolved later).
        let literal = try TestClient(files: SampleWorkspace.files, capabilities: FixAllOfferTests.resolving)
        literal.open("docs/page.md", "Dochub here.\n")
        let literals = try #require(try literal.request("textDocument/codeAction", ["textDocument": ["uri": .string(literal.uri("docs/page.md"))], "range": range, "context": ["diagnostics": []]]).arrayValue)
        // The same actions, in the same order, as Commands that name them.
        #expect(commands.map { $0["title"] } == literals.map { $0["title"] })
        #expect(commands.last?["title"] == "Fix all Docent problems (1)")
        #expect(commands.count >= 2)
        let title = try #require(commands.first?["title"]?.stringValue)
        #expect(title == "Replace with “DocHub”")
        #expect(commands.first == ["title": .string(title), "command": "docent.applyCodeAction",
                                   "arguments": [["uri": .string(client.uri("docs/page.md")), "range": range, "title": .string(title), "occurrence": 0, "version": 1]]])
        // Executed, it asks the editor to apply the edit the literal carries; the server writes nothing.
        let execute: JSONValue = ["command": "docent.applyCodeAction", "arguments": commands[0]["arguments"] ?? .null]
        #expect(try client.request("workspace/executeCommand", execute) == .null)
        let applyEdits = client.sink.messages.withLock { $0.filter { $0["method"]?.stringValue == "workspace/applyEdit" } }
        try #require(applyEdits.count == 1)
        let change: JSONValue = [["range": ["start": ["line": 0, "character": 0], "end": ["line": 0, "character": 6]], "newText": "DocHub"]]
        let edit = JSONValue.object(["changes": .object([client.uri("docs/page.md"): change])])
        #expect(applyEdits[0]["params"] == ["label": .string(title), "edit": edit])
        #expect(literals[0]["edit"] == .object(["changes": .object([literal.uri("docs/page.md"): change])]))
        #expect(!FileManager.default.fileExists(atPath: client.root.appendingPathComponent("docs/page.md").path))
        // An editor that refuses the edit: the author is told why.
        client.send(["jsonrpc": "2.0", "id": applyEdits[0]["id"] ?? .null, "result": ["applied": false, "failureReason": "the buffer is read-only"]])
        #expect(client.notifications("window/showMessage").last?["params"] == ["type": 2, "message": .string("The editor did not apply “\(title)”: the buffer is read-only")])
        // Offered on version 1, executed on version 2: refused rather than applied to text it was not computed for.
        client.replace("docs/page.md", with: "Some Dochub here.\n", version: 2)
        let stale = client.response("workspace/executeCommand", execute)["error"]
        #expect(stale?["code"] == -32803)
        #expect(stale?["message"] == .string("The document changed since “\(title)” was offered; ask for code actions again"))
        // An action that is gone is refused the same way; an unknown command is an invalid request.
        var gone = try #require(commands[0]["arguments"]?[0]?.objectValue)
        gone["version"] = 2
        gone["title"] = "Replace with “Dochubs”"
        #expect(client.response("workspace/executeCommand", ["command": "docent.applyCodeAction", "arguments": [.object(gone)]])["error"]?["code"] == -32803)
        #expect(client.response("workspace/executeCommand", ["command": "docent.other", "arguments": []])["error"]?["code"] == -32602)
        #expect(client.sink.messages.withLock { $0.filter { $0["method"]?.stringValue == "workspace/applyEdit" }.count } == 1)
        let capabilitiesAnswer = client.sink.messages.withLock { $0.first { $0["result"]?["capabilities"] != nil } }
        #expect(capabilitiesAnswer?["result"]?["capabilities"]?["executeCommandProvider"] == ["commands": ["docent.applyCodeAction"]])
    }

    /// Two uses of a term in the range: each Command has a title of its own (`CodeActionTitleTests`)
    /// and applies its own edit.
    @Test func commandsForTwoUsesApplyTheirOwnEdit() throws {
        let range: JSONValue = ["start": ["line": 0, "character": 0], "end": ["line": 0, "character": 29]]
        let (client, commands) = try Self.commands(on: "Dochub here and Dochub there.\n", range: range)
        let replacements = commands.filter { $0["title"]?.stringValue?.hasPrefix("Replace with “DocHub”") == true }
        try #require(replacements.count == 2)
        #expect(replacements.map { $0["title"] } == ["Replace with “DocHub” (line 1, column 1)", "Replace with “DocHub” (line 1, column 17)"])
        #expect(replacements.map { $0["arguments"]?[0]?["title"] } == replacements.map { $0["title"] })
        #expect(replacements.map { $0["arguments"]?[0]?["occurrence"] } == [0, 0])
        _ = try client.request("workspace/executeCommand", ["command": "docent.applyCodeAction", "arguments": replacements[1]["arguments"] ?? .null])
        let sent = client.sink.messages.withLock { $0.last { $0["method"]?.stringValue == "workspace/applyEdit" } }
        let edits = sent?["params"]?["edit"]?["changes"]?[client.uri("docs/page.md")]
        #expect(edits == [["range": ["start": ["line": 0, "character": 16], "end": ["line": 0, "character": 22]], "newText": "DocHub"]])
    }

    @Test func flatSymbolsWithoutHierarchicalSupport() throws {
        let client = try TestClient(files: SampleWorkspace.files, capabilities: Self.minimal)
        client.open("docs/page.md", "# Top\n\n## One\n\ntext\n\n### Deep\n")
        let symbols = try client.request("textDocument/documentSymbol", ["textDocument": ["uri": .string(client.uri("docs/page.md"))]])
        let uri = JSONValue.string(client.uri("docs/page.md"))
        let items = symbols.arrayValue ?? []
        let names: [String] = items.compactMap { $0["name"]?.stringValue }
        let containers: [String] = items.map { $0["containerName"]?.stringValue ?? "-" }
        #expect(names == ["Top", "One", "Deep"])
        #expect(containers == ["-", "Top", "One"])
        for item in items {
            #expect(item["location"]?["uri"] == uri)
            #expect(item["kind"] == 15)
            #expect(item["children"] == nil)
            #expect(item["range"] == nil)
        }
        #expect(items.first?["location"]?["range"]?["start"] == ["line": 0, "character": 0])
    }
}
