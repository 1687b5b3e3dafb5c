import DocentCore
import DocentIO
import Foundation
import Testing
@testable import DocentLSP

/// A workspace for code actions: a heading glossary (`docs/glossary.md`) and a bullets glossary
/// (`docs/team/glossary.md`, used when the heading one is absent).
enum CodeActionWorkspace {
    static let glossary = """
    # Glossary

    ## Blueprints

    Starter projects a team copies to create a new service.

    ## DocHub

    The docs-as-code viewer of the portal.

    ## JWT

    JSON Web Token: a signed token that carries claims.

    ## Scaffolder

    Known as [Blueprints](#blueprints).

    ## Service Catalog

    The place that records who owns each piece of software.

    """

    static let bullets = """
    # Team glossary

    - **Blueprints** - Starter projects a team copies to create a new service.
    - **DocHub** - The docs-as-code viewer of the portal.
      It renders Markdown next to the code.
    - **Service Catalog** - The place that records who owns each piece of software.

    """

    static var files: [String: String] {
        ["docent.json": #"{ "glossaries": ["docs/glossary.md"] }"#, "docs/glossary.md": glossary]
    }

    static var bulletFiles: [String: String] {
        ["docent.json": #"{ "glossaries": ["docs/team/glossary.md"] }"#, "docs/team/glossary.md": bullets]
    }
}

/// The UTF-16 LSP range of the `occurrence`-th `needle` in `text`.
func lspRange(of needle: String, occurrence: Int = 0, in text: String) -> JSONValue {
    var from = text.startIndex
    var found = text.range(of: needle)!
    for _ in 0...occurrence {
        found = text.range(of: needle, range: from..<text.endIndex)!
        from = found.upperBound
    }
    let start = text.utf8.distance(from: text.startIndex, to: found.lowerBound)
    let source = SourceText(text)
    return LSPConversion.range(source.positionRange(of: start..<(start + needle.utf8.count), encoding: .utf16))
}

/// An empty LSP range at the start of a needle (an insertion point).
func lspPoint(before needle: String, in text: String) -> JSONValue {
    let start = lspRange(of: needle, in: text)["start"]!
    return ["start": start, "end": start]
}

extension TestClient {
    func codeActions(_ path: String, _ range: JSONValue, only: [String]? = nil) throws -> [JSONValue] {
        var context: JSONObject = ["diagnostics": []]
        if let only { context["only"] = .array(only.map { .string($0) }) }
        let result = try request("textDocument/codeAction", ["textDocument": ["uri": .string(uri(path))], "range": range, "context": .object(context)])
        return result.arrayValue ?? []
    }
}

@Suite struct CodeActionTests {
    @Test func quickFixForTermCasing() throws {
        let client = try TestClient(files: CodeActionWorkspace.files)
        // Non-ASCII before the use: LSP characters are UTF-16 code units.
        let page = MarkedText("# Café 🎉\n\nThe café 🎉 1️⃣dochub2️⃣ viewer.\n")
        client.open("docs/page.md", page.text)
        let actions = try client.codeActions("docs/page.md", ["start": page["1️⃣"], "end": page["1️⃣"]])
        // Fix-all is offered to this client (no `codeAction/resolve`) only when it asks for source actions.
        #expect(actions.map { $0["title"]?.stringValue } == ["Replace with “DocHub”", "Disable term-casing for this line"])
        let fix = actions[0]
        #expect(fix["kind"] == "quickfix")
        #expect(fix["isPreferred"] == true)
        #expect(fix["diagnostics"]?[0]?["code"] == "term-casing")
        #expect(fix["diagnostics"]?[0]?["range"] == ["start": page["1️⃣"], "end": page["2️⃣"]])
        #expect(fix["edit"] == ["changes": [client.uri("docs/page.md"): [["range": ["start": page["1️⃣"], "end": page["2️⃣"]], "newText": "DocHub"]]]])
        #expect(page["1️⃣"] == ["line": 2, "character": 12])

        let disable = actions[1]
        #expect(disable["kind"] == "quickfix")
        #expect(disable["isPreferred"] == nil)
        #expect(disable["edit"] == ["changes": [client.uri("docs/page.md"): [[
            "range": ["start": ["line": 2, "character": 0], "end": ["line": 2, "character": 0]],
            "newText": "<!-- docent-disable-next-line term-casing -->\n",
        ]]]])
    }

    @Test func quickFixForTermAlias() throws {
        let client = try TestClient(files: CodeActionWorkspace.files)
        let page = MarkedText("Ask the 1️⃣scaffolders2️⃣ for one.\n")
        client.open("docs/page.md", page.text)
        let actions = try client.codeActions("docs/page.md", ["start": page["1️⃣"], "end": page["2️⃣"]], only: ["quickfix"])
        #expect(actions.map { $0["title"]?.stringValue } == ["Replace with “Blueprints”", "Disable term-alias for this line"])
        #expect(actions[0]["isPreferred"] == true)
        #expect(actions[0]["diagnostics"]?[0]?["relatedInformation"]?[0]?["location"]?["uri"] == .string(client.uri("docs/glossary.md")))
        #expect(actions[0]["edit"]?["changes"]?[client.uri("docs/page.md")] == [["range": ["start": page["1️⃣"], "end": page["2️⃣"]], "newText": "Blueprints"]])
    }

    @Test func quickFixForTermAbbreviation() throws {
        let client = try TestClient(files: CodeActionWorkspace.files)
        let page = MarkedText("Send the 1️⃣JWT2️⃣ first. Then another JWT.\n")
        client.open("docs/page.md", page.text)
        let actions = try client.codeActions("docs/page.md", ["start": page["2️⃣"], "end": page["2️⃣"]], only: ["quickfix"])
        #expect(actions.map { $0["title"]?.stringValue } == ["Spell out as “JSON Web Token (JWT)”", "Disable term-abbreviation for this line"])
        #expect(actions[0]["isPreferred"] == true)
        #expect(actions[0]["diagnostics"]?[0]?["severity"] == 4)
        #expect(actions[0]["edit"]?["changes"]?[client.uri("docs/page.md")] == [["range": ["start": page["1️⃣"], "end": page["2️⃣"]], "newText": "JSON Web Token (JWT)"]])
    }

    @Test func disableForThisLineKeepsTheIndentation() throws {
        let client = try TestClient(files: CodeActionWorkspace.files)
        let page = MarkedText("- Item\n\n    The 1️⃣dochub viewer.\n")
        client.open("docs/page.md", page.text)
        let actions = try client.codeActions("docs/page.md", ["start": page["1️⃣"], "end": page["1️⃣"]], only: ["quickfix"])
        let disable = try #require(actions.first { $0["title"]?.stringValue == "Disable term-casing for this line" })
        #expect(disable["edit"]?["changes"]?[client.uri("docs/page.md")] == [[
            "range": ["start": ["line": 2, "character": 0], "end": ["line": 2, "character": 0]],
            "newText": "    <!-- docent-disable-next-line term-casing -->\n",
        ]])
    }

    @Test func disableForThisLineInATableRowAppendsDisableLine() throws {
        let client = try TestClient(files: CodeActionWorkspace.files)
        let page = MarkedText("| Tool | Notes |\n|---|---|\n| the 1️⃣dochub | viewer |2️⃣\n")
        client.open("docs/page.md", page.text)
        let actions = try client.codeActions("docs/page.md", ["start": page["1️⃣"], "end": page["1️⃣"]], only: ["quickfix"])
        let disable = try #require(actions.first { $0["title"]?.stringValue == "Disable term-casing for this line" })
        #expect(disable["edit"]?["changes"]?[client.uri("docs/page.md")] == [[
            "range": ["start": page["2️⃣"], "end": page["2️⃣"]], "newText": " <!-- docent-disable-line term-casing -->",
        ]])
    }

    @Test func noActionsAwayFromProblems() throws {
        let client = try TestClient(files: CodeActionWorkspace.files)
        let page = MarkedText("1️⃣The DocHub viewer.\n")
        client.open("docs/page.md", page.text)
        #expect(try client.codeActions("docs/page.md", ["start": page["1️⃣"], "end": page["1️⃣"]]) == [])
    }

    @Test func fixAllProducesEveryFix() throws {
        let client = try TestClient(files: CodeActionWorkspace.files)
        let page = MarkedText("1️⃣# Dochub\n\nSend a 2️⃣JWT3️⃣ to 4️⃣dochub5️⃣.\n\n<!-- docent-disable-next-line -->\nThe dochub stays.\n")
        client.open("docs/page.md", page.text)
        let heading = lspRange(of: "Dochub", in: page.text)
        let actions = try client.codeActions("docs/page.md", ["start": page["1️⃣"], "end": page["1️⃣"]], only: ["source.fixAll.docent"])
        #expect(actions.count == 1)
        let fixAll = try #require(actions.first)
        #expect(fixAll["title"] == "Fix all Docent problems (3)")
        #expect(fixAll["kind"] == "source.fixAll.docent")
        #expect(fixAll["edit"] == ["changes": [client.uri("docs/page.md"): [
            ["range": heading, "newText": "DocHub"],
            ["range": ["start": page["2️⃣"], "end": page["3️⃣"]], "newText": "JSON Web Token (JWT)"],
            ["range": ["start": page["4️⃣"], "end": page["5️⃣"]], "newText": "DocHub"],
        ]]])
        // "source" asks for every source action, fix-all included; "quickfix" does not.
        #expect(try client.codeActions("docs/page.md", ["start": page["1️⃣"], "end": page["1️⃣"]], only: ["source"]).map { $0["kind"] } == ["source.fixAll.docent"])
        #expect(try client.codeActions("docs/page.md", ["start": page["2️⃣"], "end": page["2️⃣"]], only: ["quickfix"]).allSatisfy { $0["kind"] == "quickfix" })
    }

    @Test func noFixAllWhenNothingIsFixable() throws {
        let client = try TestClient(files: CodeActionWorkspace.files)
        client.open("docs/page.md", "The DocHub viewer.\n")
        #expect(try client.codeActions("docs/page.md", ["start": ["line": 0, "character": 0], "end": ["line": 0, "character": 0]], only: ["source.fixAll.docent"]) == [])
    }

    @Test func addToGlossaryInTheHeadingLayout() throws {
        let client = try TestClient(files: CodeActionWorkspace.files)
        let page = MarkedText("Follow the 1️⃣Golden Path2️⃣ when you start.\n")
        client.open("docs/page.md", page.text)
        let actions = try client.codeActions("docs/page.md", ["start": page["1️⃣"], "end": page["2️⃣"]])
        #expect(actions.count == 1)
        let add = try #require(actions.first)
        #expect(add["title"] == "Add “Golden Path” to the glossary (docs/glossary.md)")
        #expect(add["kind"] == "refactor")
        #expect(add["edit"] == ["changes": [client.uri("docs/glossary.md"): [[
            "range": lspPoint(before: "## JWT", in: CodeActionWorkspace.glossary),
            "newText": "## Golden Path\n\nTODO: define Golden Path.\n\n",
        ]]]])
        #expect(lspPoint(before: "## JWT", in: CodeActionWorkspace.glossary) == ["start": ["line": 10, "character": 0], "end": ["line": 10, "character": 0]])
        // Not offered when only quick fixes are asked for.
        #expect(try client.codeActions("docs/page.md", ["start": page["1️⃣"], "end": page["2️⃣"]], only: ["quickfix"]) == [])
    }

    @Test func addToGlossaryInTheBulletsLayout() throws {
        let client = try TestClient(files: CodeActionWorkspace.bulletFiles)
        let page = MarkedText("Each 1️⃣Ecosystem2️⃣ grows.\n")
        client.open("docs/page.md", page.text)
        let actions = try client.codeActions("docs/page.md", ["start": page["1️⃣"], "end": page["2️⃣"]], only: ["refactor"])
        let add = try #require(actions.first)
        #expect(add["title"] == "Add “Ecosystem” to the glossary (docs/team/glossary.md)")
        // After DocHub's continuation line, before Service Catalog.
        #expect(add["edit"] == ["changes": [client.uri("docs/team/glossary.md"): [[
            "range": ["start": ["line": 5, "character": 0], "end": ["line": 5, "character": 0]],
            "newText": "- **Ecosystem** - TODO: define Ecosystem.\n",
        ]]]])
        #expect(lspPoint(before: "- **Service Catalog**", in: CodeActionWorkspace.bullets)["start"] == ["line": 5, "character": 0])
    }

    @Test func addToGlossaryIsNotOfferedForATermOrInCode() throws {
        let client = try TestClient(files: CodeActionWorkspace.files)
        let page = MarkedText("The 1️⃣Service Catalog2️⃣ and `3️⃣golden path4️⃣`.\n")
        client.open("docs/page.md", page.text)
        #expect(try client.codeActions("docs/page.md", ["start": page["1️⃣"], "end": page["2️⃣"]], only: ["refactor"]) == [])
        #expect(try client.codeActions("docs/page.md", ["start": page["3️⃣"], "end": page["4️⃣"]], only: ["refactor"]) == [])
    }

    @Test func documentChangesWithVersionsWhenTheClientSupportsThem() throws {
        let client = try TestClient(files: CodeActionWorkspace.files, capabilities: ["workspace": ["workspaceEdit": ["documentChanges": true]]])
        let page = MarkedText("Follow the 1️⃣Golden Path2️⃣ and 3️⃣dochub4️⃣.\n")
        client.open("docs/page.md", page.text, version: 7)
        let fix = try #require(try client.codeActions("docs/page.md", ["start": page["3️⃣"], "end": page["3️⃣"]], only: ["quickfix"]).first)
        #expect(fix["edit"] == ["documentChanges": [[
            "textDocument": ["uri": .string(client.uri("docs/page.md")), "version": 7],
            "edits": [["range": ["start": page["3️⃣"], "end": page["4️⃣"]], "newText": "DocHub"]],
        ]]])
        // A closed file has no version.
        let add = try #require(try client.codeActions("docs/page.md", ["start": page["1️⃣"], "end": page["2️⃣"]], only: ["refactor"]).first)
        #expect(add["edit"]?["documentChanges"]?[0]?["textDocument"] == ["uri": .string(client.uri("docs/glossary.md")), "version": .null])
        #expect(add["edit"]?["changes"] == nil)
    }

    @Test func plainChangesWithoutTheCapability() throws {
        let client = try TestClient(files: CodeActionWorkspace.files, capabilities: ["workspace": ["workspaceEdit": ["documentChanges": false]]])
        let page = MarkedText("The 1️⃣dochub2️⃣.\n")
        client.open("docs/page.md", page.text, version: 3)
        let fix = try #require(try client.codeActions("docs/page.md", ["start": page["1️⃣"], "end": page["1️⃣"]], only: ["quickfix"]).first)
        #expect(fix["edit"]?["documentChanges"] == nil)
        #expect(fix["edit"]?["changes"]?[client.uri("docs/page.md")] == [["range": ["start": page["1️⃣"], "end": page["2️⃣"]], "newText": "DocHub"]])
    }

    @Test func codeActionsFollowUnsavedEdits() throws {
        let client = try TestClient(files: CodeActionWorkspace.files)
        client.open("docs/page.md", "The DocHub viewer.\n")
        client.notify("textDocument/didChange", [
            "textDocument": ["uri": .string(client.uri("docs/page.md")), "version": 2],
            "contentChanges": [["range": ["start": ["line": 0, "character": 4], "end": ["line": 0, "character": 10]], "text": "dochub"]],
        ])
        let actions = try client.codeActions("docs/page.md", ["start": ["line": 0, "character": 5], "end": ["line": 0, "character": 5]], only: ["quickfix"])
        #expect(actions.first?["title"] == "Replace with “DocHub”")
    }

    @Test func codeActionErrors() throws {
        let client = try TestClient(files: CodeActionWorkspace.files)
        client.open("docs/page.md", "The dochub.\n")
        #expect(client.response("textDocument/codeAction", ["textDocument": ["uri": .string(client.uri("docs/page.md"))], "context": ["diagnostics": []]])["error"]?["code"] == -32602)
        #expect(client.response("textDocument/codeAction", ["textDocument": ["uri": .string(client.uri("docs/none.md"))],
                                                             "range": ["start": ["line": 0, "character": 0], "end": ["line": 0, "character": 0]]])["error"]?["code"] == -32602)
    }

    @Test func theServerAdvertisesCodeActionsAndRename() throws {
        let client = try TestClient(files: [:], initialize: false)
        let result = try client.request("initialize", ["capabilities": [:]])
        #expect(result["capabilities"]?["codeActionProvider"] == ["codeActionKinds": ["quickfix", "refactor", "source.fixAll.docent"], "resolveProvider": true])
        #expect(result["capabilities"]?["renameProvider"] == ["prepareProvider": true])
    }
}

@Suite struct RenameRequestTests {
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The files of `fixtures/rename`.
    static func files() throws -> [String: String] {
        var files: [String: String] = [:]
        for path in ["docent.json", "docs/glossary.md", "docs/guide.md", "docs/team/setup.md"] {
            files[path] = try String(contentsOf: repositoryRoot.appendingPathComponent("fixtures/rename/" + path), encoding: .utf8)
        }
        return files
    }

    @Test func prepareRenameAtAUseAndAtTheHeading() throws {
        let files = try Self.files()
        let client = try TestClient(files: files)
        let guide = try #require(files["docs/guide.md"])
        client.open("docs/guide.md", guide)
        let use = lspRange(of: "Dochubs", in: guide)
        let atUse = try client.request("textDocument/prepareRename", client.textDocumentPosition("docs/guide.md", use["start"]!))
        #expect(atUse == ["range": use, "placeholder": "DocHub"])
        // A closed glossary: the heading without its qualifier.
        let glossary = try #require(files["docs/glossary.md"])
        let component = lspRange(of: "Component", in: glossary)
        let atHeading = try client.request("textDocument/prepareRename", client.textDocumentPosition("docs/glossary.md", ["line": 2, "character": 5]))
        #expect(atHeading == ["range": component, "placeholder": "Component"])
        #expect(component == ["start": ["line": 2, "character": 3], "end": ["line": 2, "character": 12]])
    }

    @Test func prepareRenameIsNullOffATerm() throws {
        let files = try Self.files()
        let client = try TestClient(files: files)
        let guide = try #require(files["docs/guide.md"])
        client.open("docs/guide.md", guide)
        for needle in ["renders", "`DocHub`", "docs viewer"] {
            let position = lspRange(of: needle, in: guide)["start"]!
            let response = client.response("textDocument/prepareRename", client.textDocumentPosition("docs/guide.md", ["line": position["line"]!, "character": .number(Double(position["character"]!.intValue! + 1))]))
            #expect(response["error"] == nil, "\(needle)")
            #expect(response["result"] == .null, "\(needle)")
        }
    }

    @Test func renameAcrossTheWorkspace() throws {
        let files = try Self.files()
        let client = try TestClient(files: files)
        let guide = try #require(files["docs/guide.md"])
        client.open("docs/guide.md", guide)
        let result = try client.request("textDocument/rename", [
            "textDocument": ["uri": .string(client.uri("docs/guide.md"))], "position": lspRange(of: "DocHub's", in: guide)["start"]!, "newName": "DocViewer",
        ])
        let changes = try #require(result["changes"]?.objectValue)
        #expect(Set(changes.keys) == [client.uri("docs/glossary.md"), client.uri("docs/guide.md"), client.uri("docs/team/setup.md")])
        // Applying the edits gives the texts the Core rename tests expect.
        let glossary = try #require(files["docs/glossary.md"])
        #expect(try apply(changes[client.uri("docs/glossary.md")], to: glossary).contains("## DocViewer\n"))
        #expect(try apply(changes[client.uri("docs/glossary.md")], to: glossary).contains("see [DocViewer](#docviewer) for"))
        let newGuide = try apply(changes[client.uri("docs/guide.md")], to: guide)
        #expect(newGuide.hasPrefix("""
        # Writing with DocViewer

        DocViewer renders each page. Two DocViewers can share an index, and
        DocViewer's search covers both. Run the DocViewer command, or DOCVIEWER in capitals.
        The docs viewer is the same tool.
        """))
        #expect(newGuide.contains("[the viewer](glossary.md#docviewer)"))
        #expect(newGuide.contains("`DocHub` in code stays, as does https://example.com/dochub."))
        let setup = try apply(changes[client.uri("docs/team/setup.md")], to: try #require(files["docs/team/setup.md"]))
        #expect(setup.contains("Install DocViewer, then read the [entry](../glossary.md#docviewer)"))
        #expect(setup.contains("[viewer]: ../glossary.md#docviewer"))
        #expect(setup.contains("title: Setting up DocHub"))
        // The writer is told what was left as written.
        #expect(client.notifications("window/showMessage").last?["params"]?["message"]
            == "Docent: the rename left the front-matter title or description of docs/team/setup.md as written.")
    }

    @Test func renameAQualifiedEntryWithDocumentChanges() throws {
        let files = try Self.files()
        let client = try TestClient(files: files, capabilities: ["workspace": ["workspaceEdit": ["documentChanges": true]]])
        let guide = try #require(files["docs/guide.md"])
        client.open("docs/guide.md", guide, version: 4)
        let result = try client.request("textDocument/rename", [
            "textDocument": ["uri": .string(client.uri("docs/glossary.md"))], "position": ["line": 2, "character": 4], "newName": "Widget",
        ])
        let documentChanges = try #require(result["documentChanges"]?.arrayValue)
        let byURI = Dictionary(uniqueKeysWithValues: documentChanges.map { ($0["textDocument"]!["uri"]!.stringValue!, $0) })
        #expect(byURI[client.uri("docs/guide.md")]?["textDocument"]?["version"] == 4)
        #expect(byURI[client.uri("docs/glossary.md")]?["textDocument"]?["version"] == .null)
        #expect(byURI[client.uri("docs/team/setup.md")] == nil)
        let glossary = try apply(byURI[client.uri("docs/glossary.md")]?["edits"], to: try #require(files["docs/glossary.md"]))
        #expect(glossary.contains("## Widget (UI kit)\n"))
        #expect(glossary.contains("Pages combine\nwidgets; see"))
        let newGuide = try apply(byURI[client.uri("docs/guide.md")]?["edits"], to: guide)
        #expect(newGuide.contains("Each Widget is documented; a widget's props are listed. Read about\n[widgets](glossary.md#widget-ui-kit)"))
    }

    @Test func renameErrors() throws {
        let files = try Self.files()
        let client = try TestClient(files: files)
        let guide = try #require(files["docs/guide.md"])
        client.open("docs/guide.md", guide)
        let onTerm = lspRange(of: "DocHub renders", in: guide)["start"]!
        // A refused name is a valid request that failed (RequestFailed), with the reason; a missing
        // name is a malformed request (InvalidParams).
        for (name, message) in [("", "A term needs at least one word"), ("  ", "A term needs at least one word"), ("Doc\nViewer", "A term name is one line"),
                                ("# OAuth", "“# OAuth” cannot be a term name: at the start of a line “#” makes a heading"),
                                ("O[Auth]", "“O[Auth]” cannot be a term name: “[” would start a link")] {
            let response = client.response("textDocument/rename", ["textDocument": ["uri": .string(client.uri("docs/guide.md"))], "position": onTerm, "newName": .string(name)])
            #expect(response["error"] == ["code": -32803, "message": .string(message)], "“\(name)”")
        }
        let taken = client.response("textDocument/rename", ["textDocument": ["uri": .string(client.uri("docs/guide.md"))], "position": onTerm, "newName": "Page Template"])
        #expect(taken["error"]?["code"] == -32803)
        #expect(taken["error"]?["message"] == "“Page Template” is already a glossary term")
        let missing = client.response("textDocument/rename", ["textDocument": ["uri": .string(client.uri("docs/guide.md"))], "position": onTerm])
        #expect(missing["error"]?["code"] == -32602)
        let offTerm = client.response("textDocument/rename", ["textDocument": ["uri": .string(client.uri("docs/guide.md"))],
                                                               "position": lspRange(of: "renders", in: guide)["start"]!, "newName": "X"])
        #expect(offTerm["error"]?["code"] == -32803)
    }

    /// Every file of `fixtures/portal`, by workspace path.
    static func portalFiles() throws -> [String: String] {
        let root = repositoryRoot.appendingPathComponent("fixtures/portal")
        var files: [String: String] = [:]
        let enumerator = try #require(FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]))
        for case let url as URL in enumerator where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            files[String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))] = try String(contentsOf: url, encoding: .utf8)
        }
        return files
    }

    /// `fixtures/portal` has "Component (service catalog)" and "Component (UI kit)": references and
    /// rename of one leave the other's uses alone (review finding F1), and report the uses nothing ties
    /// to either.
    @Test func entriesSharingANameOnThePortalFixture() throws {
        let files = try Self.portalFiles()
        let client = try TestClient(files: files, capabilities: ["workspace": ["workspaceEdit": ["documentChanges": true]]])
        let glossaryPath = "docs/reference/glossary.md"
        let glossary = try #require(files[glossaryPath])
        let catalogHeading = lspRange(of: "Component (service catalog)", in: glossary)["start"]!
        let kitHeading = lspRange(of: "Component (UI kit)", in: glossary)["start"]!
        func references(_ position: JSONValue) throws -> [String] {
            try #require(try client.request("textDocument/references", ["textDocument": ["uri": .string(client.uri(glossaryPath))], "position": position,
                                                                          "context": ["includeDeclaration": false]]).arrayValue).map { location in
                let path = String(location["uri"]!.stringValue!.dropFirst(client.uri("").count))
                return "\(path):\(location["range"]!["start"]!["line"]!.intValue! + 1)"
            }
        }
        let kitUses = ["docs/framework/builder-guides/creating-a-plugin.md:63", "docs/framework/builder-guides/creating-a-plugin.md:65",
                       "docs/framework/builder-guides/theming.md:9", "docs/framework/builder-guides/theming.md:11", "docs/framework/builder-guides/theming.md:64",
                       "docs/framework/builder-guides/theming.md:65", "docs/framework/builder-guides/theming.md:68", "docs/framework/builder-guides/theming.md:84",
                       "docs/framework/builder-guides/theming.md:91"]
        #expect(try references(kitHeading) == kitUses)
        let catalogUses = try references(catalogHeading)
        #expect(catalogUses.count == 29)
        #expect(Set(catalogUses).isDisjoint(with: kitUses))
        // The link to the catalog entry's anchor and the page about registering one are the catalog's.
        #expect(catalogUses.contains("docs/reference/glossary.md:131"))
        #expect(catalogUses.contains("docs/portal/user-guides/registering-a-component.md:7"))

        let result = try client.request("textDocument/rename", ["textDocument": ["uri": .string(client.uri(glossaryPath))], "position": kitHeading, "newName": "Widget"])
        let changes = try #require(result["documentChanges"]?.arrayValue)
        var edited: [String] = []
        for change in changes {
            let path = String(change["textDocument"]!["uri"]!.stringValue!.dropFirst(client.uri("").count))
            for edit in change["edits"]?.arrayValue ?? [] { edited.append("\(path):\(edit["range"]!["start"]!["line"]!.intValue! + 1)") }
        }
        #expect(edited == ["docs/reference/glossary.md:44"] + kitUses)
        #expect(client.notifications("window/showMessage").last?["params"]?["message"] == """
            Docent: the rename left 2 uses that could as well mean another entry of the same name (docs/framework/builder-guides/testing-plugins.md) \
            and the front-matter title or description of docs/framework/builder-guides/testing-plugins.md as written.
            """)

        // At one of those uses a rename cannot tell which entry is meant, and says so.
        let testing = try #require(files["docs/framework/builder-guides/testing-plugins.md"])
        let ambiguous = client.response("textDocument/prepareRename", client.textDocumentPosition("docs/framework/builder-guides/testing-plugins.md",
                                                                                                    lspRange(of: "components through", in: testing)["start"]!))
        #expect(ambiguous["error"]?["code"] == -32803)
        #expect(ambiguous["error"]?["message"] == "“components” here could mean “Component (service catalog)” or “Component (UI kit)”: rename the entry at its heading in the glossary, or write the qualifier after the term")
    }

    /// Applies LSP text edits (UTF-16 ranges) to a text.
    func apply(_ edits: JSONValue?, to text: String) throws -> String {
        let source = SourceText(text)
        var bytes = Array(text.utf8)
        let list = try #require(edits?.arrayValue)
        let resolved = list.map { edit -> (ByteRange, String) in
            let start = source.offset(of: Position(line: edit["range"]!["start"]!["line"]!.intValue!, character: edit["range"]!["start"]!["character"]!.intValue!), encoding: .utf16)
            let end = source.offset(of: Position(line: edit["range"]!["end"]!["line"]!.intValue!, character: edit["range"]!["end"]!["character"]!.intValue!), encoding: .utf16)
            return (start..<end, edit["newText"]!.stringValue!)
        }
        for (range, newText) in resolved.sorted(by: { $0.0.lowerBound > $1.0.lowerBound }) {
            bytes.replaceSubrange(range, with: Array(newText.utf8))
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// The fix-all edit covers the whole document, so it is not computed into every lightbulb response
/// (review: 12.9 MB for a page with 110k findings): a client that resolves edits gets it from
/// `codeAction/resolve`; any other client only when it asks for source actions (fix on save).
@Suite struct FixAllOfferTests {
    /// What VS Code, Neovim and Eglot declare: literals, and the edit resolved lazily with `data` kept.
    static let resolving: JSONValue = ["textDocument": ["codeAction": [
        "codeActionLiteralSupport": ["codeActionKind": ["valueSet": ["quickfix", "refactor", "source"]]],
        "dataSupport": true, "resolveSupport": ["properties": ["edit"]],
    ]]]
    static let text = "# Dochub\n\nSend a JWT to dochub.\n"

    static func fixAllEdit(_ client: TestClient) -> JSONValue {
        ["changes": [client.uri("docs/page.md"): [
            ["range": lspRange(of: "Dochub", in: text), "newText": "DocHub"],
            ["range": lspRange(of: "JWT", in: text), "newText": "JSON Web Token (JWT)"],
            ["range": lspRange(of: "dochub", in: text), "newText": "DocHub"],
        ]]]
    }

    static let cursor: JSONValue = ["start": ["line": 2, "character": 16], "end": ["line": 2, "character": 16]]

    @Test func aClientThatResolvesEditsGetsFixAllWithoutItsEditThenResolvesIt() throws {
        let client = try TestClient(files: CodeActionWorkspace.files, capabilities: Self.resolving)
        client.open("docs/page.md", Self.text)
        let actions = try client.codeActions("docs/page.md", Self.cursor)
        let deferred: JSONValue = ["title": "Fix all Docent problems (3)", "kind": "source.fixAll.docent",
                                   "data": ["uri": .string(client.uri("docs/page.md")), "version": 1]]
        #expect(actions.map { $0["title"]?.stringValue } == ["Replace with “DocHub”", "Disable term-casing for this line", "Fix all Docent problems (3)"])
        #expect(actions.last == deferred)
        // Asked for on save, the same: the editor resolves it before applying it.
        #expect(try client.codeActions("docs/page.md", Self.cursor, only: ["source.fixAll"]) == [deferred])
        // Resolved: the action as it was sent, with the edit.
        let resolved = try client.request("codeAction/resolve", deferred)
        #expect(resolved == ["title": "Fix all Docent problems (3)", "kind": "source.fixAll.docent",
                             "data": ["uri": .string(client.uri("docs/page.md")), "version": 1], "edit": Self.fixAllEdit(client)])
        // Any other action comes back unchanged.
        let quickFix = try #require(actions.first)
        #expect(try client.request("codeAction/resolve", quickFix) == quickFix)
        // Not a code action (its title is required): InvalidParams, not the object echoed back.
        #expect(client.response("codeAction/resolve", [:])["error"]?["code"] == -32602)
        // Offered on a version the document no longer has: refused, nothing computed on other text.
        client.replace("docs/page.md", with: "The dochub viewer.\n", version: 2)
        let stale = client.response("codeAction/resolve", deferred)
        #expect(stale["error"]?["code"] == -32803)
        #expect(stale["error"]?["message"] == "The document changed since “Fix all Docent problems (3)” was offered; ask for code actions again")
    }

    @Test func aClientThatDoesNotResolveGetsFixAllOnlyWhenItAsksForSourceActions() throws {
        let client = try TestClient(files: CodeActionWorkspace.files)
        client.open("docs/page.md", Self.text)
        #expect(try client.codeActions("docs/page.md", Self.cursor).map { $0["kind"] } == ["quickfix", "quickfix"])
        #expect(try client.codeActions("docs/page.md", Self.cursor, only: ["quickfix"]).map { $0["kind"] } == ["quickfix", "quickfix"])
        let full: JSONValue = ["title": "Fix all Docent problems (3)", "kind": "source.fixAll.docent", "edit": Self.fixAllEdit(client)]
        for only in [["source"], ["source.fixAll"], ["source.fixAll.docent"], ["quickfix", "source.fixAll"]] {
            #expect(try client.codeActions("docs/page.md", Self.cursor, only: only).filter { $0["kind"] == "source.fixAll.docent" } == [full], "only: \(only)")
        }
        // Another server's fix-all kind is not Docent's.
        #expect(try client.codeActions("docs/page.md", Self.cursor, only: ["source.fixAll.eslint"]) == [])
    }
}
