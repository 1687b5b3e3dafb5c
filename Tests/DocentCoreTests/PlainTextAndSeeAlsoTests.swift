import Testing
@testable import DocentCore

@Suite struct PlainTextCodeSpanTests {
    /// A code span's content loses one space at each end only when it has one at both ends.
    @Test func aCodeSpanWithASpaceAtOneEndKeepsItsText() {
        #expect(MarkdownText.plainText("Run `ls ` first") == "Run ls first")
        #expect(MarkdownText.plainText("Run ` ls ` first") == "Run ls first")
        // Its whitespace collapses with the text's: one space, not two.
        #expect(MarkdownText.plainText("Run ` ls` first") == "Run ls first")
        #expect(MarkdownText.plainText("Run `ls  -la` first") == "Run ls -la first")
    }

}

@Suite struct SeeAlsoTests {
    /// An entry's link to itself is no "See also".
    @Test func anEntryDoesNotSeeAlsoItself() throws {
        let text = "# Access\n\n## Token\n\nA credential. Each [token](#token) expires; see [Scope](#scope).\n\n## Scope\n\nWhat it may do.\n"
        let glossary = Glossary(files: [GlossaryParser.parse(SourceText(text), path: "docs/glossary.md")])
        let entry = try #require(glossary.entries.first { $0.term == "Token" })
        let hover = EntryPresentation.markdown(entry, glossary: glossary) { path, line in "\(path):\(line + 1)" }
        #expect(hover.split(separator: "\n").filter { $0.hasPrefix("See also:") } == ["See also: [Scope](docs/glossary.md:7)"])
    }
}
