import DocentCore
import DocentIO
import Foundation
import Testing
@testable import DocentLSP

/// Placement reads the whole workspace, so the server recomputes it when typing pauses; between
/// keystrokes it reports the last placement diagnostics carried through the edits.
@Suite struct PlacementDeferralTests {
    static let page = "docs/portal/user-guides/deploy-search-backend.md"

    /// Every file of the bundled portal workspace, for an in-process client.
    static func portalFiles() throws -> [String: String] {
        let root = EndToEndTests.repositoryRoot.appendingPathComponent("fixtures/portal")
        var files: [String: String] = [:]
        let enumerator = try #require(FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]))
        for case let url as URL in enumerator where try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true {
            let relative = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
            files[relative] = try String(contentsOf: url, encoding: .utf8)
        }
        return files
    }

    static func misplaced(_ client: TestClient) -> [JSONValue] {
        (client.publishedDiagnostics(page)?["diagnostics"]?.arrayValue ?? []).filter { $0["code"]?.stringValue == "misplaced-document" }
    }

    static func change(_ client: TestClient, version: Int, line: Int, character: Int, endLine: Int, endCharacter: Int, text: String) {
        client.notify("textDocument/didChange", [
            "textDocument": ["uri": .string(client.uri(page)), "version": JSONValue(version)],
            "contentChanges": [["range": ["start": ["line": JSONValue(line), "character": JSONValue(character)],
                                          "end": ["line": JSONValue(endLine), "character": JSONValue(endCharacter)]],
                                "text": .string(text)]],
        ])
    }

    @Test func movingAMisplacedPageKeepsItsLinksAndTheLinksToItWorking() throws {
        var files = try Self.portalFiles()
        let linking = "docs/portal/user-guides/searching-the-portal.md"
        let text = try #require(files[Self.page]) + "\nSee [the Helm guide](../operator-guides/deploying-with-helm.md#values).\n"
        files[Self.page] = text
        files[linking] = try #require(files[linking]) + "\nOperators run it: [deploying search](deploy-search-backend.md).\n"
        let title: JSONValue = ["start": ["line": 6, "character": 2], "end": ["line": 6, "character": 2]]
        func move(_ client: TestClient) throws -> JSONValue? {
            client.open(Self.page, text)
            let result = try client.request("textDocument/codeAction", ["textDocument": ["uri": .string(client.uri(Self.page))], "range": title,
                                                                        "context": ["diagnostics": [], "only": ["quickfix"]]])
            return result.arrayValue?.first { $0["title"]?.stringValue?.hasPrefix("Move to") == true }
        }

        let renaming = try TestClient(files: files, capabilities: ["workspace": ["workspaceEdit": ["documentChanges": true, "resourceOperations": ["rename"]]]])
        let action = try #require(try move(renaming))
        #expect(action["title"] == "Move to Developer Portal › Operator Guides")
        let helmLine = text.split(separator: "\n", omittingEmptySubsequences: false).count - 2
        let linkingLine = try #require(files[linking]).split(separator: "\n", omittingEmptySubsequences: false).count - 2
        #expect(action["edit"]?["documentChanges"] == [
            ["textDocument": ["uri": .string(renaming.uri(Self.page)), "version": 1],
             "edits": [["range": ["start": ["line": JSONValue(helmLine), "character": 21], "end": ["line": JSONValue(helmLine), "character": 69]],
                        "newText": "deploying-with-helm.md#values"]]],
            ["textDocument": ["uri": .string(renaming.uri(linking)), "version": .null],
             "edits": [["range": ["start": ["line": JSONValue(linkingLine), "character": 37], "end": ["line": JSONValue(linkingLine), "character": 61]],
                        "newText": "../operator-guides/deploy-search-backend.md"]]],
            ["kind": "rename", "oldUri": .string(renaming.uri(Self.page)),
             "newUri": .string(renaming.uri("docs/portal/operator-guides/deploy-search-backend.md")),
             "options": ["overwrite": false, "ignoreIfExists": false]],
        ])

        // A client that cannot rename files is not offered a move that would only rewrite links; one
        // that shows disabled actions sees it greyed out, with the reason and no edit.
        #expect(try move(try TestClient(files: files)) == nil)
        let showsDisabled = try TestClient(files: files, capabilities: ["textDocument": ["codeAction": [
            "codeActionLiteralSupport": ["codeActionKind": ["valueSet": ["quickfix"]]], "disabledSupport": true]]])
        let disabled = try #require(try move(showsDisabled))
        #expect(disabled["title"] == "Move to Developer Portal › Operator Guides")
        #expect(disabled["disabled"] == ["reason": "This editor cannot rename files through the language server; the move would rewrite links to a file that does not move"])
        #expect(disabled["edit"] == nil && disabled["isPreferred"] == nil)
    }

    @Test func aMisplacedPartMovesToANewPageWhenTheClientCreatesFiles() throws {
        let files = try Self.portalFiles()
        let owners = "docs/portal/user-guides/finding-owners.md"
        let text = try #require(files[owners])
        let heading: JSONValue = ["start": ["line": 46, "character": 5], "end": ["line": 46, "character": 5]]
        func movePart(_ client: TestClient) throws -> JSONValue? {
            client.open(owners, text)
            let result = try client.request("textDocument/codeAction", ["textDocument": ["uri": .string(client.uri(owners))], "range": heading,
                                                                        "context": ["diagnostics": [], "only": ["quickfix"]]])
            return result.arrayValue?.first { $0["title"]?.stringValue?.hasPrefix("Move “") == true }
        }
        let creating = try TestClient(files: files, capabilities: ["workspace": ["workspaceEdit": ["documentChanges": true, "resourceOperations": ["create", "rename"]]]])
        let action = try #require(try movePart(creating))
        #expect(action["title"] == "Move “Running the ownership sync job on Kubernetes” to a new page in Developer Portal › Operator Guides")
        #expect(action["diagnostics"]?.arrayValue?.map { $0["code"] } == ["misplaced-section"])
        let changes = try #require(action["edit"]?["documentChanges"]?.arrayValue)
        try #require(changes.count == 3)
        let newURI = JSONValue.string(creating.uri("docs/portal/operator-guides/running-the-ownership-sync-job-on-kubernetes.md"))
        // The page keeps the heading and a link, from the end of the heading line to the end of the part.
        #expect(changes[0]["textDocument"] == ["uri": .string(creating.uri(owners)), "version": 1])
        #expect(changes[0]["edits"]?[0]?["range"]?["start"] == ["line": 46, "character": 47])
        #expect(changes[0]["edits"]?[0]?["newText"]
                == "\n\nSee [Running the ownership sync job on Kubernetes](../operator-guides/running-the-ownership-sync-job-on-kubernetes.md) in Developer Portal › Operator Guides.\n\n")
        // Then the new file, created and filled.
        #expect(changes[1] == ["kind": "create", "uri": newURI, "options": ["overwrite": false, "ignoreIfExists": false]])
        #expect(changes[2]["textDocument"] == ["uri": newURI, "version": .null])
        #expect(changes[2]["edits"]?[0]?["range"] == ["start": ["line": 0, "character": 0], "end": ["line": 0, "character": 0]])
        let created = try #require(changes[2]["edits"]?[0]?["newText"]?.stringValue)
        #expect(created.hasPrefix("# Running the ownership sync job on Kubernetes\n\nThe ownership data comes from a nightly job that compares the catalog with the\n"))

        // A client that can rename but not create files is not offered it.
        let renaming = try TestClient(files: files, capabilities: ["workspace": ["workspaceEdit": ["documentChanges": true, "resourceOperations": ["rename"]]]])
        #expect(try movePart(renaming) == nil)
        // Neovim 0.11 lists resource operations and not documentChanges, which they imply: offered,
        // with the same documentChanges (it was offered neither move).
        let neovim = try TestClient(files: files, capabilities: ["workspace": ["workspaceEdit": ["resourceOperations": ["rename", "create", "delete"]]]])
        let offered = try #require(try movePart(neovim))
        #expect(offered["edit"]?["documentChanges"]?.arrayValue?.count == 3)
        #expect(offered["edit"]?["documentChanges"]?[1] == ["kind": "create", "uri": .string(neovim.uri("docs/portal/operator-guides/running-the-ownership-sync-job-on-kubernetes.md")),
                                                             "options": ["overwrite": false, "ignoreIfExists": false]])
    }

    @Test func placementDiagnosticsFollowEditsUntilThePauseThenAreRecomputed() throws {
        let files = try Self.portalFiles()
        let text = try #require(files[Self.page])
        // A pause longer than the test: only `flushDeferredWork` recomputes.
        let client = try TestClient(files: files, placementDelay: 600)
        client.open(Self.page, text)
        let opened = Self.misplaced(client)
        try #require(opened.count == 1)
        #expect(opened[0]["range"] == ["start": ["line": 6, "character": 2], "end": ["line": 6, "character": 30]])

        // Two lines typed above the title: the warning moves down with it at once.
        Self.change(client, version: 2, line: 5, character: 0, endLine: 5, endCharacter: 0, text: "Draft note.\n\n")
        let moved = Self.misplaced(client)
        #expect(client.publishedDiagnostics(Self.page)?["version"] == 2)
        #expect(moved.count == 1)
        #expect(moved.first?["range"] == ["start": ["line": 8, "character": 2], "end": ["line": 8, "character": 30]])
        #expect(moved.first?["message"] == opened[0]["message"])

        // Words typed at the end of the title: the range takes them in.
        Self.change(client, version: 3, line: 8, character: 30, endLine: 8, endCharacter: 30, text: " on Helm")
        #expect(Self.misplaced(client).first?["range"] == ["start": ["line": 8, "character": 2], "end": ["line": 8, "character": 38]])

        // The page rewritten for end users: until the pause, the old warning stays (carried to the new
        // title's place); after it, placement is recomputed and the warning goes.
        let rewritten = """
        # Finding a team's components

        Open the portal, click **Catalog** in the sidebar and select the team in the owner filter.
        Click a component's name to open its page, then select the **Docs** tab to read about it.

        ## Saving the view

        Click the star next to the page title. Starred pages show on your home page.

        """
        client.notify("textDocument/didChange", [
            "textDocument": ["uri": .string(client.uri(Self.page)), "version": 4],
            "contentChanges": [["text": .string(rewritten)]],
        ])
        #expect(client.publishedDiagnostics(Self.page)?["version"] == 4)
        #expect(Self.misplaced(client).isEmpty, "a whole-document replacement removes what the warning pointed at")
        client.server.flushDeferredWork()
        #expect(Self.misplaced(client).isEmpty)

        // Back to the original: nothing carried (there is nothing), so the warning comes after the pause.
        client.notify("textDocument/didChange", [
            "textDocument": ["uri": .string(client.uri(Self.page)), "version": 5],
            "contentChanges": [["text": .string(text)]],
        ])
        #expect(Self.misplaced(client).isEmpty)
        client.server.flushDeferredWork()
        #expect(Self.misplaced(client).first?["range"] == opened[0]["range"])
        #expect(client.publishedDiagnostics(Self.page)?["version"] == 5)
    }

    /// Suppression comments are read from the current text at each report, not when placement was
    /// computed: a page opened with one shows the warning as soon as the comment is taken out, and
    /// typing it back silences the warning at once.
    @Test func suppressionsApplyAtOnceBeforeThePause() throws {
        let files = try Self.portalFiles()
        let text = try #require(files[Self.page])
        let comment = "<!-- docent-disable-file misplaced-document -->\n"
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let suppressed = (lines[..<5] + [Substring(comment.dropLast())] + lines[5...]).joined(separator: "\n")
        let client = try TestClient(files: files, placementDelay: 600)
        client.open(Self.page, suppressed)
        #expect(Self.misplaced(client).isEmpty)
        Self.change(client, version: 2, line: 5, character: 0, endLine: 6, endCharacter: 0, text: "")
        #expect(client.publishedDiagnostics(Self.page)?["version"] == 2)
        #expect(Self.misplaced(client).first?["range"] == ["start": ["line": 6, "character": 2], "end": ["line": 6, "character": 30]])
        Self.change(client, version: 3, line: 5, character: 0, endLine: 5, endCharacter: 0, text: comment)
        #expect(Self.misplaced(client).isEmpty)
    }

    /// The same page with the default pause: the recomputed diagnostics arrive by themselves.
    @Test func theRecomputationComesAfterThePause() throws {
        let files = try Self.portalFiles()
        let text = try #require(files[Self.page])
        let client = try TestClient(files: files, placementDelay: 0.05)
        client.open(Self.page, "# Notes\n\nClick **Catalog** and select a team.\n")
        #expect(Self.misplaced(client).isEmpty)
        client.notify("textDocument/didChange", [
            "textDocument": ["uri": .string(client.uri(Self.page)), "version": 2],
            "contentChanges": [["text": .string(text)]],
        ])
        #expect(Self.misplaced(client).isEmpty)
        let deadline = Date().addingTimeInterval(10)
        while Self.misplaced(client).isEmpty && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        #expect(Self.misplaced(client).count == 1)
    }

    @Test func byteEditsMapRanges() {
        // Insertion before, after, at either end and inside; deletions around and over a range.
        let range = 10..<20
        #expect(ByteEdit.map(range, through: [ByteEdit(range: 0..<0, newCount: 5)]) == 15..<25)
        #expect(ByteEdit.map(range, through: [ByteEdit(range: 30..<30, newCount: 5)]) == 10..<20)
        #expect(ByteEdit.map(range, through: [ByteEdit(range: 10..<10, newCount: 3)]) == 10..<23)
        #expect(ByteEdit.map(range, through: [ByteEdit(range: 20..<20, newCount: 3)]) == 10..<23)
        #expect(ByteEdit.map(range, through: [ByteEdit(range: 15..<15, newCount: 3)]) == 10..<23)
        #expect(ByteEdit.map(range, through: [ByteEdit(range: 5..<12, newCount: 0)]) == 5..<13)
        #expect(ByteEdit.map(range, through: [ByteEdit(range: 18..<25, newCount: 1)]) == 10..<19)
        #expect(ByteEdit.map(range, through: [ByteEdit(range: 5..<25, newCount: 4)]) == nil)
        #expect(ByteEdit.map(range, through: [ByteEdit(range: 10..<20, newCount: 0)]) == nil)
        #expect(ByteEdit.map(range, through: [ByteEdit(range: 0..<2, newCount: 0), ByteEdit(range: 8..<8, newCount: 1)]) == 8..<19)
    }
}

/// The placement hover is on the page title only (review: it was shown on line 0 of a page with no
/// title, ahead of a term's hover, and in untitled buffers, which have no section).
@Suite struct PlacementHoverPlacementTests {
    static let notes = "docs/portal/user-guides/notes.md"

    static func hover(_ client: TestClient, _ uri: String, line: Int, character: Int) throws -> String? {
        let result = try client.request("textDocument/hover", ["textDocument": ["uri": .string(uri)], "position": ["line": JSONValue(line), "character": JSONValue(character)]])
        return result["contents"]?["value"]?.stringValue
    }

    @Test func aPageWithoutATitleHasNoPlacementHoverOnItsFirstLine() throws {
        let client = try TestClient(files: try PlacementDeferralTests.portalFiles())
        client.open(Self.notes, "We sign in with OAuth before opening DocHub.\n\nDocHub shows the docs.\n")
        // On a term of the first line: the term's hover alone, its range the term.
        let term = try #require(try Self.hover(client, client.uri(Self.notes), line: 0, character: 17))
        #expect(term.hasPrefix("**OAuth**"))
        #expect(!term.contains("**Section:**"))
        let range = try client.request("textDocument/hover", client.textDocumentPosition(Self.notes, ["line": 0, "character": 17]))["range"]
        #expect(range == ["start": ["line": 0, "character": 16], "end": ["line": 0, "character": 21]])
        // Off any term on that line: nothing.
        #expect(try Self.hover(client, client.uri(Self.notes), line: 0, character: 3) == nil)
    }

    @Test func aTitledPageHasItOnItsTitleAndATermInProseHasItsOwnHover() throws {
        let client = try TestClient(files: try PlacementDeferralTests.portalFiles())
        client.open(Self.notes, "# Signing in\n\nWe sign in with OAuth before opening DocHub.\n")
        let title = try #require(try Self.hover(client, client.uri(Self.notes), line: 0, character: 4))
        #expect(title.hasPrefix("**Section:** Developer Portal › User Guides · **written for:** End User\n\n**Reads as:** "))
        let term = try #require(try Self.hover(client, client.uri(Self.notes), line: 2, character: 17))
        #expect(term.hasPrefix("**OAuth**"))
        #expect(!term.contains("**Section:**"))
    }

    @Test func anUntitledBufferHasNoPlacementHover() throws {
        let client = try TestClient(files: try PlacementDeferralTests.portalFiles())
        let uri = "untitled:Untitled-1"
        client.notify("textDocument/didOpen", ["textDocument": ["uri": .string(uri), "languageId": "markdown", "version": 1,
                                                                "text": "# Signing in with OAuth\n\nWe sign in with OAuth.\n"]])
        // On the title: the title's term only; on plain title words: nothing.
        let onTerm = try #require(try Self.hover(client, uri, line: 0, character: 20))
        #expect(onTerm.hasPrefix("**OAuth**"))
        #expect(!onTerm.contains("**Section:**"))
        #expect(try Self.hover(client, uri, line: 0, character: 4) == nil)
        #expect(try Self.hover(client, uri, line: 2, character: 17)?.hasPrefix("**OAuth**") == true)
    }
}
