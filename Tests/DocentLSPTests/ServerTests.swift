import DocentCore
import DocentIO
import Foundation
import Testing
@testable import DocentLSP

@Suite struct ServerProtocolTests {
    @Test func requestsBeforeInitializeAreRefused() throws {
        let client = try TestClient(files: [:], initialize: false)
        let response = client.response("textDocument/hover", ["textDocument": ["uri": "file:///x.md"], "position": ["line": 0, "character": 0]])
        #expect(response["error"]?["code"]?.intValue == -32002)
    }

    @Test func initializeAnswersCapabilitiesAndNegotiatesEncoding() throws {
        let client = try TestClient(files: [:], initialize: false)
        let utf16 = try client.request("initialize", ["capabilities": [:]])
        #expect(utf16["capabilities"]?["positionEncoding"]?.stringValue == "utf-16")
        #expect(utf16["capabilities"]?["textDocumentSync"]?["change"]?.intValue == 2)
        let other = try TestClient(files: [:], initialize: false)
        let utf8 = try other.request("initialize", ["capabilities": ["general": ["positionEncodings": ["utf-8", "utf-16"]]]])
        #expect(utf8["capabilities"]?["positionEncoding"]?.stringValue == "utf-8")
        // UTF-8 is taken wherever the client lists it: it is what Docent counts in.
        let later = try TestClient(files: [:], initialize: false)
        let second = try later.request("initialize", ["capabilities": ["general": ["positionEncodings": ["utf-16", "utf-8"]]]])
        #expect(second["capabilities"]?["positionEncoding"]?.stringValue == "utf-8")
        let none = try TestClient(files: [:], initialize: false)
        let utf32 = try none.request("initialize", ["capabilities": ["general": ["positionEncodings": ["utf-32"]]]])
        #expect(utf32["capabilities"]?["positionEncoding"]?.stringValue == "utf-16")
    }

    @Test func unknownRequestIsMethodNotFoundAndUnknownNotificationIsIgnored() throws {
        let client = try TestClient(files: SampleWorkspace.files)
        client.notify("$/somethingNew", [:])
        client.notify("custom/notification", [:])
        #expect(client.response("custom/request", [:])["error"]?["code"]?.intValue == -32601)
        // The server still answers.
        #expect(client.response("workspace/symbol", ["query": "dochub"])["result"]?.arrayValue?.isEmpty == false)
    }

    @Test func invalidParamsAndUnknownDocuments() throws {
        let client = try TestClient(files: SampleWorkspace.files)
        #expect(client.response("textDocument/hover", ["textDocument": ["uri": .string(client.uri("docs/closed.md"))]])["error"]?["code"]?.intValue == -32602)
        #expect(client.response("textDocument/hover", ["position": ["line": 0, "character": 0]])["error"]?["code"]?.intValue == -32602)
        #expect(client.response("textDocument/hover", client.textDocumentPosition("nowhere.md", ["line": 0, "character": 0]))["error"]?["code"]?.intValue == -32602)
    }

    @Test func malformedJSONGetsParseErrorWithNullIDAndTheServerKeepsRunning() throws {
        let client = try TestClient(files: SampleWorkspace.files)
        client.server.receive(Array("{\"jsonrpc\": \"2.0\", \"id\": 7, ".utf8))
        client.server.waitUntilIdle()
        let error = client.sink.messages.withLock { $0.last }
        #expect(error?["error"]?["code"]?.intValue == -32700)
        #expect(error?["id"] == .null)
        client.server.receive(Array("[1, 2]".utf8))
        client.server.waitUntilIdle()
        #expect(client.sink.messages.withLock { $0.last }?["error"]?["code"]?.intValue == -32600)
        #expect(client.response("shutdown", .null)["result"] == .null)
    }

    @Test func cancelledRequestAnswersRequestCancelled() throws {
        let client = try TestClient(files: SampleWorkspace.files)
        let response = client.responseCancelledWhileWaiting(id: 99, "workspace/symbol", ["query": ""])
        #expect(response?["error"]?["code"]?.intValue == -32800)
    }

    @Test func shutdownThenExitGivesZeroAndExitAloneGivesOne() throws {
        let client = try TestClient(files: [:])
        _ = try client.request("shutdown", .null)
        #expect(client.response("textDocument/hover", client.textDocumentPosition("a.md", ["line": 0, "character": 0]))["error"]?["code"]?.intValue == -32600)
        client.notify("exit", .null)
        #expect(client.server.exitCode == 0)
        let other = try TestClient(files: [:])
        other.notify("exit", .null)
        #expect(other.server.exitCode == 1)
    }
}

@Suite struct ServerFeatureTests {
    @Test func hoverShowsTheDefinitionWithItsSourceAndRange() throws {
        let client = try TestClient(files: SampleWorkspace.files)
        let page = MarkedText("# Page\n\nOpen the 1️⃣Service Catalog2️⃣ to find owners.\n")
        client.open("docs/page.md", page.text)
        let hover = try client.request("textDocument/hover", client.textDocumentPosition("docs/page.md", page["1️⃣"]))
        let value = try #require(hover["contents"]?["value"]?.stringValue)
        #expect(value == """
        **Service Catalog**

        The place that records who owns each piece of software.

        Defined in [docs/glossary.md:7](\(client.uri("docs/glossary.md"))#L7)
        """)
        #expect(hover["range"] == ["start": page["1️⃣"], "end": page["2️⃣"]])
    }

    @Test func hoverOnASharedNamePutsTheFittingQualifierFirst() throws {
        let client = try TestClient(files: SampleWorkspace.files)
        let page = MarkedText("# Access\n\nA policy decides whether a user may act on a 1️⃣resource under access control.\n")
        client.open("docs/page.md", page.text)
        let value = try #require(try client.request("textDocument/hover", client.textDocumentPosition("docs/page.md", page["1️⃣"]))["contents"]?["value"]?.stringValue)
        let sections = value.components(separatedBy: "\n\n---\n\n")
        #expect(sections.count == 2)
        #expect(sections.first?.hasPrefix("**Resource** *(access control)*") == true)
        #expect(sections.last?.hasPrefix("**Resource** *(service catalog)*") == true)
    }

    @Test func hoverOnAnEntryHeadingCountsItsUses() throws {
        let client = try TestClient(files: SampleWorkspace.files)
        client.open("docs/page.md", "The Service Catalog and the service catalog again.\n")
        let hover = try client.request("textDocument/hover", client.textDocumentPosition("docs/glossary.md", ["line": 6, "character": 4]))
        #expect(hover["contents"]?["value"]?.stringValue?.hasSuffix("Used 3 times in the workspace.") == true)
    }

    @Test func hoverInsideCodeFindsNothing() throws {
        let client = try TestClient(files: SampleWorkspace.files)
        let page = MarkedText("Run `1️⃣DocHub build`.\n\n```\n2️⃣DocHub\n```\n\nSee https://example.com/3️⃣DocHub.\n")
        client.open("docs/page.md", page.text)
        for marker in ["1️⃣", "2️⃣", "3️⃣"] {
            #expect(try client.request("textDocument/hover", client.textDocumentPosition("docs/page.md", page[marker])) == .null)
        }
    }

    @Test func completionOfAMultiWordTermReplacesExactlyWhatWasTyped() throws {
        let client = try TestClient(files: SampleWorkspace.files)
        let page = MarkedText("# Page\n\nOpen the 1️⃣service c2️⃣\n")
        client.open("docs/page.md", page.text)
        let result = try client.request("textDocument/completion", client.textDocumentPosition("docs/page.md", page["2️⃣"]))
        let first = try #require(result["items"]?[0])
        #expect(first["label"]?.stringValue == "Service Catalog")
        #expect(first["textEdit"] == ["range": ["start": page["1️⃣"], "end": page["2️⃣"]], "newText": "Service Catalog"])
        #expect(first["documentation"]?["value"]?.stringValue?.contains("records who owns") == true)
    }

    /// Review finding F3: the advertised trigger character (a space) offers the multi-word name at the
    /// end of a line as in its middle, and nothing after an ordinary word.
    @Test func aTypedSpaceCompletesTheSameAtTheEndOfALineAndMidLine() throws {
        let client = try TestClient(files: SampleWorkspace.files)
        let page = MarkedText("# Page\n\nIn the 1️⃣service 2️⃣\n\nIn the 3️⃣service 4️⃣ more words.\n\nIn the 5️⃣ more.\n")
        client.open("docs/page.md", page.text)
        func completion(_ marker: String) throws -> JSONValue {
            var params = try #require(client.textDocumentPosition("docs/page.md", page[marker]).objectValue)
            params["context"] = ["triggerKind": 2, "triggerCharacter": " "]
            return try client.request("textDocument/completion", .object(params))
        }
        let end = try completion("2️⃣")
        #expect(end["isIncomplete"] == true)
        #expect(end["items"]?.arrayValue?.map { $0["textEdit"] } == [["range": ["start": page["1️⃣"], "end": page["2️⃣"]], "newText": "Service Catalog"]])
        let middle = try completion("4️⃣")
        #expect(middle["isIncomplete"] == true)
        #expect(middle["items"]?.arrayValue?.map { $0["textEdit"] } == [["range": ["start": page["3️⃣"], "end": page["4️⃣"]], "newText": "Service Catalog"]])
        #expect(try completion("5️⃣") == ["isIncomplete": true, "items": []])
    }

    @Test func midWordCompletionOffersToReplaceTheWholeWord() throws {
        // The cursor sits inside "Servixyz": insert keeps "xyz", replace (the client's choice) takes it in.
        let client = try TestClient(files: SampleWorkspace.files, capabilities: ["textDocument": ["completion": ["completionItem": ["insertReplaceSupport": true]]]])
        let page = MarkedText("# Page\n\nOpen the 1️⃣Servi2️⃣xyz3️⃣ now\n")
        client.open("docs/page.md", page.text)
        let result = try client.request("textDocument/completion", client.textDocumentPosition("docs/page.md", page["2️⃣"]))
        let first = try #require(result["items"]?[0])
        #expect(first["label"]?.stringValue == "Service Catalog")
        #expect(first["textEdit"] == ["insert": ["start": page["1️⃣"], "end": page["2️⃣"]], "replace": ["start": page["1️⃣"], "end": page["3️⃣"]],
                                      "newText": "Service Catalog"])
        // A client without insert-replace support gets a plain edit of what was typed.
        let plain = try TestClient(files: SampleWorkspace.files)
        plain.open("docs/page.md", page.text)
        let items = try plain.request("textDocument/completion", plain.textDocumentPosition("docs/page.md", page["2️⃣"]))
        #expect(items["items"]?[0]?["textEdit"] == ["range": ["start": page["1️⃣"], "end": page["2️⃣"]], "newText": "Service Catalog"])
    }

    @Test func completionOffersTheCanonicalTermForAnAlias() throws {
        let client = try TestClient(files: SampleWorkspace.files, capabilities: ["textDocument": ["completion": ["completionItem": [
            "labelDetailsSupport": true, "resolveSupport": ["properties": ["documentation"]],
        ]]]])
        let page = MarkedText("Use the 1️⃣scaff2️⃣\n")
        client.open("docs/page.md", page.text)
        let result = try client.request("textDocument/completion", client.textDocumentPosition("docs/page.md", page["2️⃣"]))
        let first = try #require(result["items"]?[0])
        #expect(first["label"]?.stringValue == "Blueprints")
        #expect(first["labelDetails"]?["detail"]?.stringValue == " (for Scaffolder)")
        #expect(first["filterText"]?.stringValue == "Scaffolder")
        #expect(first["documentation"] == nil)
        let resolved = try client.request("completionItem/resolve", first)
        #expect(resolved["documentation"]?["value"]?.stringValue?.hasPrefix("**Blueprints**") == true)
        // Not a completion item (its label is required): InvalidParams, not the object echoed back.
        #expect(client.response("completionItem/resolve", [:])["error"]?["code"] == -32602)
        #expect(client.response("completionItem/resolve", ["data": first["data"] ?? .null])["error"]?["code"] == -32602)
    }

    /// A link in the completed term's definition opens the page heading it names, in the item's
    /// documentation and in the resolved one alike.
    @Test func completionDocumentationLinksOpenThePageHeading() throws {
        let files = [
            "docent.json": #"{ "glossaries": ["docs/glossary.md"] }"#,
            "docs/glossary.md": "# Glossary\n\n## System\n\nA set of parts with [package roles](guide.md#package-roles).\n",
            "docs/guide.md": "# Build\n\nIntro.\n\n## Package roles\n\nEach package has one.\n",
        ]
        let page = MarkedText("Every sys1️⃣\n")
        for resolves in [false, true] {
            let capabilities: JSONValue = resolves ? ["textDocument": ["completion": ["completionItem": ["resolveSupport": ["properties": ["documentation"]]]]]] : [:]
            let client = try TestClient(files: files, capabilities: capabilities)
            client.open("docs/page.md", page.text)
            let result = try client.request("textDocument/completion", client.textDocumentPosition("docs/page.md", page["1️⃣"]))
            var first = try #require(result["items"]?[0])
            #expect(first["label"]?.stringValue == "System")
            if resolves { first = try client.request("completionItem/resolve", first) }
            #expect(first["documentation"]?["value"]?.stringValue?.contains("docs/guide.md#L5)") == true, "resolves: \(resolves)")
        }
    }

    @Test func noCompletionInsideCodeOrLinkTargets() throws {
        let client = try TestClient(files: SampleWorkspace.files)
        let page = MarkedText("Inline `serv1️⃣` and [link](https://serv2️⃣.example) here.\n\n```\nserv3️⃣\n```\n")
        client.open("docs/page.md", page.text)
        for marker in ["1️⃣", "2️⃣", "3️⃣"] {
            let result = try client.request("textDocument/completion", client.textDocumentPosition("docs/page.md", page[marker]))
            #expect(result["items"]?.arrayValue?.isEmpty == true, "marker \(marker)")
        }
    }

    @Test func frontMatterCompletesPersonaValues() throws {
        let client = try TestClient(files: SampleWorkspace.files)
        let page = MarkedText("---\ntitle: A page\npersona: 1️⃣adm2️⃣\n---\n\n# A page\n")
        client.open("docs/page.md", page.text)
        let result = try client.request("textDocument/completion", client.textDocumentPosition("docs/page.md", page["2️⃣"]))
        let labels = result["items"]?.arrayValue?.compactMap { $0["label"]?.stringValue } ?? []
        #expect(labels.contains("administrator"))
        #expect(result["items"]?[0]?["textEdit"]?["range"] == ["start": page["1️⃣"], "end": page["2️⃣"]])
    }

    @Test func jsonFrontMatterKeysBringTheCommaTheMemberBeforeNeeds() throws {
        let client = try TestClient(files: SampleWorkspace.files)
        let page = MarkedText("{\n  \"title\": \"A page\"1️⃣\n  2️⃣per3️⃣\n}\n\n# A page\n")
        client.open("docs/page.md", page.text)
        let result = try client.request("textDocument/completion", client.textDocumentPosition("docs/page.md", page["3️⃣"]))
        let first = try #require(result["items"]?[0])
        #expect(first["label"] == "persona")
        #expect(first["textEdit"] == ["range": ["start": page["2️⃣"], "end": page["3️⃣"]], "newText": "\"persona\": "])
        #expect(first["additionalTextEdits"] == [["range": ["start": page["1️⃣"], "end": page["1️⃣"]], "newText": ","]])
    }

    /// A JSON key completed between two members brings the comma the next one needs to a client with
    /// snippet support: the member as a snippet, the cursor in its value and persona ids as a choice.
    /// Another gets the key alone, since its cursor ends after the text (a comma there would come
    /// before the value); `front-matter-syntax` then says what is missing.
    @Test func jsonFrontMatterKeysBringTheCommaTheNextMemberNeeds() throws {
        let page = MarkedText("{\n  \"title\": \"A page\",\n  1️⃣\"per2️⃣\n  \"slug\": \"a\"\n}\n\n# A page\n")
        let range: JSONValue = ["start": page["1️⃣"], "end": page["2️⃣"]]
        let snippets = try TestClient(files: SampleWorkspace.files, capabilities: ["textDocument": ["completion": ["completionItem": ["snippetSupport": true]]]])
        snippets.open("docs/page.md", page.text)
        let snippet = try #require(try snippets.request("textDocument/completion", snippets.textDocumentPosition("docs/page.md", page["2️⃣"]))["items"]?[0])
        #expect(snippet["label"] == "persona")
        #expect(snippet["textEdit"] == ["range": range, "newText": #""persona": "${1|end-user,administrator,integrator,contributor,business-stakeholder,evaluator|}","#])
        #expect(snippet["insertTextFormat"] == 2)
        #expect(snippet["additionalTextEdits"] == nil)
        let plain = try TestClient(files: SampleWorkspace.files)
        plain.open("docs/page.md", page.text)
        let text = try #require(try plain.request("textDocument/completion", plain.textDocumentPosition("docs/page.md", page["2️⃣"]))["items"]?[0])
        #expect(text["textEdit"] == ["range": range, "newText": #""persona": "#])
        #expect(text["insertTextFormat"] == nil)
        // Filled in, the block is valid JSON; without the comma it was not.
        var version = 1
        func syntaxProblems(_ member: String) -> [String] {
            version += 1
            plain.notify("textDocument/didChange", ["textDocument": ["uri": .string(plain.uri("docs/page.md")), "version": JSONValue(version)],
                                                    "contentChanges": [["text": .string("{\n  \"title\": \"A page\",\n  \(member)\n  \"slug\": \"a\"\n}\n\n# A page\n")]]])
            return (plain.publishedDiagnostics("docs/page.md")?["diagnostics"]?.arrayValue ?? []).filter { $0["code"] == "front-matter-syntax" }.compactMap { $0["message"]?.stringValue }
        }
        #expect(syntaxProblems(#""persona": "administrator","#) == [])
        #expect(syntaxProblems(#""persona": "administrator""#) == ["Expected `,` before this member"])
    }

    /// Front matter offers the workspace's personas: the built-in ones and those docent.json adds.
    @Test func frontMatterOffersThePersonasTheConfigurationAdds() throws {
        var files = SampleWorkspace.files
        files["docent.json"] = #"{ "glossaries": ["docs/glossary.md"], "personas": [{ "id": "Site Reliability", "signals": ["pager"] }] }"#
        let client = try TestClient(files: files, capabilities: ["textDocument": ["completion": ["completionItem": ["snippetSupport": true]]]])
        let ids = "end-user,administrator,integrator,contributor,business-stakeholder,evaluator,site-reliability"
        let value = MarkedText("---\npersona: 1️⃣\n---\n\n# Page\n")
        client.open("docs/value.md", value.text)
        let values = try client.request("textDocument/completion", client.textDocumentPosition("docs/value.md", value["1️⃣"]))["items"]?.arrayValue ?? []
        #expect(values.compactMap { $0["label"]?.stringValue }.joined(separator: ",") == ids)
        let key = MarkedText("---\ntitle: Page\nper1️⃣\n---\n\n# Page\n")
        client.open("docs/key.md", key.text)
        let keys = try client.request("textDocument/completion", client.textDocumentPosition("docs/key.md", key["1️⃣"]))["items"]?.arrayValue ?? []
        #expect(keys.first?["textEdit"]?["newText"] == .string("persona: ${1|" + ids + "|}"))
    }

    @Test func definitionAndReferencesSpanOpenAndClosedFiles() throws {
        let client = try TestClient(files: SampleWorkspace.files)
        let page = MarkedText("Both 1️⃣Service Catalogs are listed.\n")
        client.open("docs/page.md", page.text)
        let definition = try client.request("textDocument/definition", client.textDocumentPosition("docs/page.md", page["1️⃣"]))
        #expect(definition == [["uri": .string(client.uri("docs/glossary.md")), "range": ["start": ["line": 6, "character": 3], "end": ["line": 6, "character": 18]]]])
        let references = try client.request("textDocument/references", ["textDocument": ["uri": .string(client.uri("docs/page.md"))], "position": page["1️⃣"], "context": ["includeDeclaration": false]])
        let uris = references.arrayValue?.compactMap { $0["uri"]?.stringValue }.sorted()
        #expect(uris == [client.uri("docs/closed.md"), client.uri("docs/page.md")])
    }

    @Test func documentHighlightsAreTheEntrysUsesInThePage() throws {
        let client = try TestClient(files: SampleWorkspace.files)
        // An alias of the same entry counts; inline code and another entry do not; emoji shift UTF-16 columns.
        let page = MarkedText("🎉 The 1️⃣Service Catalog2️⃣ lists 🎉 services; `Service Catalog` is code.\nBoth 3️⃣service catalogs4️⃣ and the 5️⃣Blueprints plugin.\n")
        client.open("docs/page.md", page.text)
        let highlights = try client.request("textDocument/documentHighlight", client.textDocumentPosition("docs/page.md", page["3️⃣"]))
        #expect(highlights == [["range": ["start": page["1️⃣"], "end": page["2️⃣"]], "kind": 2],
                               ["range": ["start": page["3️⃣"], "end": page["4️⃣"]], "kind": 2]])
        // In the glossary, the entry's own term is the definition (Write), and nothing else here uses it.
        let glossary = try client.request("textDocument/documentHighlight", client.textDocumentPosition("docs/glossary.md", ["line": 6, "character": 5]))
        #expect(glossary == [["range": ["start": ["line": 6, "character": 3], "end": ["line": 6, "character": 18]], "kind": 3]])
        // Off any term: nothing.
        #expect(try client.request("textDocument/documentHighlight", client.textDocumentPosition("docs/page.md", ["line": 0, "character": 3])) == [])
    }

    @Test func documentSymbolsAreHeadingsOrGlossaryEntries() throws {
        let client = try TestClient(files: SampleWorkspace.files)
        client.open("docs/page.md", "# Top\n\n## One\n\ntext\n\n### Deep\n\n## Two\n")
        let symbols = try client.request("textDocument/documentSymbol", ["textDocument": ["uri": .string(client.uri("docs/page.md"))]])
        #expect(symbols[0]?["name"]?.stringValue == "Top")
        #expect(symbols[0]?["children"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["One", "Two"])
        #expect(symbols[0]?["children"]?[0]?["children"]?[0]?["name"]?.stringValue == "Deep")
        let entries = try client.request("textDocument/documentSymbol", ["textDocument": ["uri": .string(client.uri("docs/glossary.md"))]])
        #expect(entries.arrayValue?.compactMap { $0["name"]?.stringValue } == ["Service Catalog", "Blueprints", "Scaffolder", "Resource (service catalog)", "Resource (access control)", "DocHub"])
    }

    @Test func workspaceSymbolsFindTermsAndPageTitles() throws {
        let client = try TestClient(files: SampleWorkspace.files)
        let symbols = try client.request("workspace/symbol", ["query": "clo"])
        #expect(symbols.arrayValue?.compactMap { $0["name"]?.stringValue }.contains("Closed page") == true)
        let terms = try client.request("workspace/symbol", ["query": "doch"])
        #expect(terms[0]?["name"]?.stringValue == "DocHub")
    }

    /// A page symbol is where its name is written: the front-matter `title:` entry when the name comes
    /// from there, else the heading it comes from (review: a front-matter title jumped to `## Introduction`).
    @Test func aPageSymbolIsWhereItsTitleIsWritten() throws {
        let files = SampleWorkspace.files.merging([
            "docs/setup.md": "---\nsidebar_position: 2\ntitle: \"Setting up\"\n---\n\n## Introduction\n\nFirst steps.\n",
            "docs/toml.md": "+++\ntitle = \"Tuning\"\n+++\n\n# Tuning the search backend\n",
            "docs/headed.md": "Intro line.\n\n## Overview\n\n# Heading title\n",
        ]) { $1 }
        let client = try TestClient(files: files)
        func symbol(_ query: String) throws -> JSONValue? {
            try client.request("workspace/symbol", ["query": .string(query)]).arrayValue?.first { $0["kind"] == 1 }
        }
        func range(_ line: Int, _ start: Int, _ end: Int) -> JSONValue {
            ["start": ["line": JSONValue(line), "character": JSONValue(start)], "end": ["line": JSONValue(line), "character": JSONValue(end)]]
        }
        #expect(try symbol("setting") == ["name": "Setting up", "kind": 1,
                                         "location": ["uri": .string(client.uri("docs/setup.md")), "range": range(2, 0, 19)],
                                         "containerName": "docs/setup.md"])
        #expect(try symbol("tuning")?["location"]?["range"] == range(1, 0, 16))
        #expect(try symbol("tuning")?["name"] == "Tuning")
        #expect(try symbol("heading title")?["location"]?["range"] == range(4, 2, 15))
    }

    @Test func diagnosticsArePushedWithTheDocumentVersion() throws {
        let files = SampleWorkspace.files.merging(["docs/glossary.md": SampleWorkspace.glossary + "\n## DocHub\n\nAgain.\n"]) { $1 }
        let client = try TestClient(files: files)
        let text = try String(contentsOf: client.root.appendingPathComponent("docs/glossary.md"), encoding: .utf8)
        client.open("docs/glossary.md", text, version: 4)
        let published = try #require(client.publishedDiagnostics("docs/glossary.md"))
        #expect(published["version"]?.intValue == 4)
        let diagnostic = try #require(published["diagnostics"]?[0])
        #expect(diagnostic["code"]?.stringValue == "glossary-duplicate")
        #expect(diagnostic["source"]?.stringValue == "docent")
        #expect(diagnostic["severity"]?.intValue == 2)
        #expect(diagnostic["range"] == ["start": ["line": 30, "character": 3], "end": ["line": 30, "character": 9]])
        #expect(diagnostic["codeDescription"]?["href"]?.stringValue?.hasSuffix("#glossary-duplicate") == true)
        #expect(diagnostic["relatedInformation"]?[0]?["location"]?["range"]?["start"] == ["line": 26, "character": 3])
    }

    @Test func pullDiagnosticsReportUnchangedForTheSameResultID() throws {
        let files = SampleWorkspace.files.merging(["docs/glossary.md": SampleWorkspace.glossary + "\n## Empty\n"]) { $1 }
        let client = try TestClient(files: files, capabilities: ["textDocument": ["diagnostic": ["dynamicRegistration": false]]])
        let params: JSONValue = ["textDocument": ["uri": .string(client.uri("docs/glossary.md"))]]
        let full = try client.request("textDocument/diagnostic", params)
        #expect(full["kind"]?.stringValue == "full")
        #expect(full["items"]?[0]?["code"]?.stringValue == "glossary-empty")
        let resultID = try #require(full["resultId"]?.stringValue)
        let again = try client.request("textDocument/diagnostic", ["textDocument": ["uri": .string(client.uri("docs/glossary.md"))], "previousResultId": .string(resultID)])
        #expect(again == ["kind": "unchanged", "resultId": .string(resultID)])
        #expect(client.notifications("textDocument/publishDiagnostics").isEmpty)
        let workspace = try client.request("workspace/diagnostic", ["previousResultIds": []])
        #expect(workspace["items"]?.arrayValue?.compactMap { $0["uri"]?.stringValue }.sorted() == [client.uri("docs/closed.md"), client.uri("docs/glossary.md")])
    }

    @Test func anUnsavedGlossaryEntryIsLiveInOtherDocuments() throws {
        let client = try TestClient(files: SampleWorkspace.files)
        let page = MarkedText("The 1️⃣Golden Path is documented.\n")
        client.open("docs/page.md", page.text)
        #expect(try client.request("textDocument/hover", client.textDocumentPosition("docs/page.md", page["1️⃣"])) == .null)
        client.open("docs/glossary.md", SampleWorkspace.glossary)
        let lines = SampleWorkspace.glossary.split(separator: "\n", omittingEmptySubsequences: false).count
        client.notify("textDocument/didChange", ["textDocument": ["uri": .string(client.uri("docs/glossary.md")), "version": 2], "contentChanges": [[
            "range": ["start": ["line": JSONValue(lines - 1), "character": 0], "end": ["line": JSONValue(lines - 1), "character": 0]],
            "text": "## Golden Path\n\nThe supported way to build a service.\n",
        ]]])
        let hover = try client.request("textDocument/hover", client.textDocumentPosition("docs/page.md", page["1️⃣"]))
        #expect(hover["contents"]?["value"]?.stringValue?.hasPrefix("**Golden Path**\n\nThe supported way to build a service.") == true)
    }

    /// A change whose `range` is null (as some clients write it) or left out replaces the whole text.
    @Test func aChangeWithANullRangeReplacesTheWholeDocument() throws {
        let client = try TestClient(files: SampleWorkspace.files)
        let page = MarkedText("The 1️⃣DocHub page.\n")
        client.open("docs/page.md", "Nothing to see.\n")
        client.notify("textDocument/didChange", ["textDocument": ["uri": .string(client.uri("docs/page.md")), "version": 2],
                                                 "contentChanges": [["range": .null, "text": .string(page.text)]]])
        let hover = try client.request("textDocument/hover", client.textDocumentPosition("docs/page.md", page["1️⃣"]))
        #expect(hover["range"] == ["start": ["line": 0, "character": 4], "end": ["line": 0, "character": 10]])
        client.notify("textDocument/didChange", ["textDocument": ["uri": .string(client.uri("docs/page.md")), "version": 3],
                                                 "contentChanges": [["text": "Nothing to see.\n"]]])
        #expect(try client.request("textDocument/hover", client.textDocumentPosition("docs/page.md", page["1️⃣"])) == .null)
    }

    @Test func utf8PositionsWhenTheClientOffersThem() throws {
        let client = try TestClient(files: SampleWorkspace.files, capabilities: ["general": ["positionEncodings": ["utf-8"]]])
        let page = MarkedText("😀 服务 1️⃣DocHub2️⃣ here\n", encoding: .utf8)
        client.open("docs/page.md", page.text)
        let hover = try client.request("textDocument/hover", client.textDocumentPosition("docs/page.md", page["1️⃣"]))
        #expect(hover["range"] == ["start": ["line": 0, "character": 12], "end": ["line": 0, "character": 18]])
    }

    @Test func utf16PositionsCountSurrogatePairs() throws {
        let client = try TestClient(files: SampleWorkspace.files)
        let page = MarkedText("😀 服务 1️⃣DocHub2️⃣ here\n")
        client.open("docs/page.md", page.text)
        let hover = try client.request("textDocument/hover", client.textDocumentPosition("docs/page.md", page["1️⃣"]))
        #expect(hover["range"] == ["start": ["line": 0, "character": 6], "end": ["line": 0, "character": 12]])
    }

    @Test func positionsPastTheEndAreClamped() throws {
        let client = try TestClient(files: SampleWorkspace.files)
        client.open("docs/page.md", "DocHub\n")
        #expect(client.response("textDocument/hover", client.textDocumentPosition("docs/page.md", ["line": 500, "character": 9000]))["error"] == nil)
        #expect(client.response("textDocument/completion", client.textDocumentPosition("docs/page.md", ["line": 0, "character": -4]))["error"] == nil)
    }

    @Test func watchedFileChangesUpdateTheModel() throws {
        let client = try TestClient(files: SampleWorkspace.files)
        let url = client.root.appendingPathComponent("docs/new.md")
        try "The Service Catalog again.\n".write(to: url, atomically: true, encoding: .utf8)
        client.notify("workspace/didChangeWatchedFiles", ["changes": [["uri": .string(url.absoluteString), "type": 1]]])
        let references = try client.request("textDocument/references", ["textDocument": ["uri": .string(client.uri("docs/glossary.md"))], "position": ["line": 6, "character": 4], "context": ["includeDeclaration": false]])
        #expect(references.arrayValue?.compactMap { $0["uri"]?.stringValue }.contains(url.absoluteString) == true)
    }
}

/// Messages that are not JSON-RPC 2.0, and editor settings Docent cannot read (N6).
@Suite struct InvalidInputTests {
    @Test func aRequestOfAnotherJSONRPCVersionIsAnInvalidRequest() throws {
        let client = try TestClient(files: SampleWorkspace.files)
        client.send(["jsonrpc": "1.0", "id": 50, "method": "shutdown", "params": .null])
        let answer = client.sink.messages.withLock { $0.first { $0["id"]?.intValue == 50 } }
        #expect(answer?["error"]?["code"]?.intValue == -32600)
        #expect(answer?["error"]?["message"]?.stringValue == #""jsonrpc" must be "2.0", not "1.0""#)
        #expect(!client.server.hasShutDown)
        client.send(["id": 51, "method": "shutdown", "params": .null])
        #expect(client.sink.messages.withLock { $0.first { $0["id"]?.intValue == 51 } }?["error"]?["code"]?.intValue == -32600)
        #expect(!client.server.hasShutDown)
    }

    @Test func aNotificationOfAnotherJSONRPCVersionIsIgnored() throws {
        let client = try TestClient(files: SampleWorkspace.files)
        let before = client.sink.messages.withLock { $0.count }
        client.send(["jsonrpc": "1.0", "method": "textDocument/didOpen", "params": ["textDocument": [
            "uri": .string(client.uri("docs/new.md")), "languageId": "markdown", "version": 1, "text": "The dochub.\n"]]])
        // Not applied, and not answered.
        #expect(client.sink.messages.withLock { $0.count } == before)
        #expect(client.response("textDocument/hover", client.textDocumentPosition("docs/new.md", ["line": 0, "character": 5]))["error"]?["code"]?.intValue == -32602)
    }

    @Test func anUnknownSeverityInEditorSettingsIsSaid() throws {
        let client = try TestClient(files: SampleWorkspace.files, initializationOptions: ["docent": ["rules": ["term-casing": "bogus", "term-alias": "off", "no-such-rule": "hint"]]])
        let logged = client.notifications("window/logMessage").filter { $0["params"]?["type"]?.intValue == 2 }.compactMap { $0["params"]?["message"]?.stringValue }
        #expect(logged.contains(#"Editor setting docent.rules.term-casing: unknown severity "bogus" (expected "error", "warning", "information", "hint" or "off"); ignored"#))
        #expect(logged.contains("Editor setting docent.rules: unknown rule “no-such-rule”; see `docent rules`"))
        #expect(!logged.contains { $0.contains("term-alias") })
    }
}
