import Testing
@testable import DocentCore

@Suite struct FixAllAdjacencyTests {
    /// A fix that starts exactly where the previous one ends does not overlap it and is kept.
    @Test func adjacentFixesAreBothApplied() {
        let document = WorkspaceDocument(path: "docs/page.md", text: SourceText("abcdef\n"))
        let first = Diagnostic(code: "term-casing", severity: .warning, message: "", file: "docs/page.md", range: 0..<3, data: ["replacement": .string("ABC")])
        let second = Diagnostic(code: "term-casing", severity: .warning, message: "", file: "docs/page.md", range: 3..<6, data: ["replacement": .string("DEF")])
        let edits = TerminologyFixes.fixAll(of: [second, first], document: document)
        #expect(edits.map(\.newText) == ["ABC", "DEF"])
    }
}
