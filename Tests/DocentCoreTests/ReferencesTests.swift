import Testing
@testable import DocentCore

@Suite struct ReferencesTests {
    static let snapshot = WorkspaceSnapshot(
        configuration: Configuration(glossaries: [GlossarySource(pattern: "glossary.md")]),
        documents: [
            WorkspaceDocument(path: "glossary.md", text: SourceText("## Widget\n\nA control. See also the gadget.\n\n## Gadget\n\nA device, not a widget.\n\n## Gizmo\n\nA gadget's cousin.\n")),
            WorkspaceDocument(path: "b.md", text: SourceText("Two widgets and a gadget.\n")),
            WorkspaceDocument(path: "a.md", text: SourceText("A widget.\n")),
        ])

    /// Uses across the workspace in path order, the entries' own headings left out; the hover's count
    /// agrees with the list.
    @Test func usesInPathOrderWithoutHeadings() throws {
        let gadget = try #require(Self.snapshot.glossary.entries.firstIndex { $0.term == "Gadget" })
        let uses = ReferencesFeature.references(toEntry: gadget, snapshot: Self.snapshot)
        let texts = uses.map { Self.snapshot.document($0.file)!.text.string(in: $0.range) }
        #expect(uses.map(\.file) == ["b.md", "glossary.md", "glossary.md"])
        #expect(texts == ["gadget", "gadget", "gadget's"])
        #expect(ReferencesFeature.useCount(ofEntry: gadget, snapshot: Self.snapshot) == 3)
        let widget = try #require(Self.snapshot.glossary.entries.firstIndex { $0.term == "Widget" })
        #expect(ReferencesFeature.useCount(ofEntry: widget, snapshot: Self.snapshot) == 3)
    }

    @Test func overlapWithSortedRanges() {
        let headings = [2..<8, 20..<25, 40..<41]
        #expect(ReferencesFeature.overlapsAny(5..<6, sorted: headings))
        #expect(ReferencesFeature.overlapsAny(24..<30, sorted: headings))
        #expect(ReferencesFeature.overlapsAny(0..<50, sorted: headings))
        #expect(!ReferencesFeature.overlapsAny(8..<20, sorted: headings))
        #expect(!ReferencesFeature.overlapsAny(41..<45, sorted: headings))
        #expect(!ReferencesFeature.overlapsAny(0..<2, sorted: headings))
        #expect(!ReferencesFeature.overlapsAny(5..<6, sorted: []))
    }
}
