import Testing
@testable import DocentCore

@Suite struct RenameAnchorLinkTests {
    /// Only links to the glossary's own anchor follow a rename; a link to another page's heading
    /// that happens to have the same anchor is left alone.
    @Test func linksToAnotherPagesAnchorOfTheSameNameStay() throws {
        let snapshot = terminologySnapshot([
            "docs/page.md": "# Page\n\nSee [the glossary](glossary.md#dochub) and [the tool page](tool.md#dochub).\n",
            "docs/tool.md": "# Tool\n\n## DocHub\n\nAbout it.\n",
        ])
        let heading = try #require(terminologyGlossary.utf8.firstRange(of: "## DocHub".utf8))
        let offset = terminologyGlossary.utf8.distance(from: terminologyGlossary.startIndex, to: heading.lowerBound) + 3
        let edits = try RenameFeature.rename(at: offset, in: "docs/glossary.md", to: "DocViewer", snapshot: snapshot).get()
        #expect(edits.filter { $0.file == "docs/page.md" }.map(\.newText) == ["glossary.md#docviewer"])
    }
}
