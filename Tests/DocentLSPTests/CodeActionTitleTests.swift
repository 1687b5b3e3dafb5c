import DocentCore
import DocentIO
import Foundation
import Testing
@testable import DocentLSP

/// Two actions in one response never share a title (review F10: two uses of a term in the range
/// gave "Replace with “DocHub”" twice, and nothing in the menu told them apart).
@Suite struct CodeActionTitleTests {
    func titles(_ text: String, from: String, to: String, capabilities: JSONValue = [:]) throws -> [String] {
        let client = try TestClient(files: CodeActionWorkspace.files, capabilities: capabilities)
        client.open("docs/page.md", text)
        let start = lspRange(of: from, in: text)["start"]!
        let end = lspRange(of: to, in: text)["end"]!
        return try client.codeActions("docs/page.md", ["start": start, "end": end]).compactMap { $0["title"]?.stringValue }
    }

    @Test func usesOnDifferentLinesSayTheirLine() throws {
        let text = "# Page\n\nThe dochub viewer is here.\nAnother Dochub page.\n"
        let found = try titles(text, from: "dochub", to: "Dochub page")
        #expect(found == [
            "Replace with “DocHub” (line 3)",
            "Replace with “DocHub” (line 4)",
            "Disable term-casing for this line (line 3)",
            "Disable term-casing for this line (line 4)",
        ])
    }

    @Test func usesOnOneLineSayTheirLineAndColumn() throws {
        let text = "Dochub here and Dochub there. The scaffolders too.\n"
        let found = try titles(text, from: "Dochub here", to: "scaffolders")
        #expect(found == [
            "Replace with “DocHub” (line 1, column 1)",
            "Replace with “DocHub” (line 1, column 17)",
            "Replace with “Blueprints”",
            "Disable term-casing for this line",
            "Disable term-alias for this line",
        ])
    }

    /// Columns count in the position encoding the client and server agreed on, as its positions do.
    @Test func columnsCountInThePositionEncoding() throws {
        let text = "🎉 dochub, dochub.\n"
        let utf16 = try titles(text, from: "dochub", to: "dochub.")
        #expect(utf16.prefix(2) == ["Replace with “DocHub” (line 1, column 4)", "Replace with “DocHub” (line 1, column 12)"])
        let utf8 = try titles(text, from: "dochub", to: "dochub.", capabilities: ["general": ["positionEncodings": ["utf-8"]]])
        #expect(utf8.prefix(2) == ["Replace with “DocHub” (line 1, column 6)", "Replace with “DocHub” (line 1, column 14)"])
    }

    /// One use, or one use of each of two terms: nothing to tell apart, titles as they were.
    @Test func distinctTitlesStayAsTheyAre() throws {
        let found = try titles("The dochub viewer.\n", from: "dochub", to: "dochub")
        #expect(found == [
            "Replace with “DocHub”", "Disable term-casing for this line",
        ])
    }

    /// The qualified actions keep their own edits and diagnostics.
    @Test func eachQualifiedActionEditsItsOwnUse() throws {
        let client = try TestClient(files: CodeActionWorkspace.files)
        let text = "Dochub here and Dochub there.\n"
        client.open("docs/page.md", text)
        let actions = try client.codeActions("docs/page.md", ["start": ["line": 0, "character": 0], "end": ["line": 0, "character": 29]], only: ["quickfix"])
        let second = try #require(actions.first { $0["title"] == "Replace with “DocHub” (line 1, column 17)" })
        let range: JSONValue = ["start": ["line": 0, "character": 16], "end": ["line": 0, "character": 22]]
        #expect(second["edit"] == ["changes": [client.uri("docs/page.md"): [["range": range, "newText": "DocHub"]]]])
        #expect(second["diagnostics"]?.arrayValue?.map { $0["range"] } == [range])
        #expect(second["isPreferred"] == true)
    }

    /// Offers that would be the same action twice (same title, same edit) are one, listing the
    /// diagnostics of both.
    @Test func identicalOffersAreOne() {
        let diagnostic = { (code: String) in Diagnostic(code: code, severity: .warning, message: code, file: "docs/page.md", range: 4..<10) }
        let edit = WorkspaceEditOperation.edit(FileEdit(file: "docs/page.md", range: 4..<10, newText: "DocHub"))
        let offers = [
            CodeActionRequest.Offer(title: "Replace with “DocHub”", kind: "quickfix", diagnostics: [diagnostic("term-casing")], isPreferred: false, operations: [edit]),
            CodeActionRequest.Offer(title: "Replace with “DocHub”", kind: "quickfix", diagnostics: [diagnostic("term-alias")], isPreferred: true, operations: [edit]),
        ]
        let result = CodeActionRequest.distinguished(offers, in: "docs/page.md", text: SourceText("The dochub viewer.\n"), encoding: .utf16)
        #expect(result.map(\.title) == ["Replace with “DocHub”"])
        #expect(result.first?.diagnostics.map(\.code) == ["term-casing", "term-alias"])
        #expect(result.first?.isPreferred == true)
    }
}
