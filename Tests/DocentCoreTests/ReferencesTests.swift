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

@Suite struct LinkTargetTests {
    let documents: Set<String> = ["docs/a/setup.md", "docs/a/index.md", "docs/b/README.md", "docs/b/guide.mdx", "docs/c d/page.md", "docs/日本/ページ.md"]

    func target(_ destination: String, from base: String = "docs/a/page.md") -> String? {
        WorkspacePath.linkTarget(destination, from: base, isDocument: documents.contains)
    }

    @Test func relativeLinksReachTheDocumentASiteGeneratorWould() {
        #expect(target("setup.md") == "docs/a/setup.md")
        #expect(target("./setup") == "docs/a/setup.md")
        #expect(target("../b/guide") == "docs/b/guide.mdx")
        #expect(target("../b/") == "docs/b/README.md")
        #expect(target("../a") == "docs/a/index.md")
        #expect(target("setup.md#install") == "docs/a/setup.md")
        #expect(target("setup.md?plain=1#L3") == "docs/a/setup.md")
        #expect(target("../c%20d/page.md") == "docs/c d/page.md")
        #expect(target("../%E6%97%A5%E6%9C%AC/%E3%83%9A%E3%83%BC%E3%82%B8.md") == "docs/日本/ページ.md")
        #expect(target("/docs/a/setup.md", from: "docs/b/guide.mdx") == "docs/a/setup.md")
    }

    @Test func urlsAnchorsSelfLinksAndMissingPagesReachNothing() {
        #expect(target("https://example.com/docs/a/setup.md") == nil)
        #expect(target("mailto:docs@example.com") == nil)
        #expect(target("vscode-file:setup.md") == nil)
        #expect(target("#setup") == nil)
        #expect(target("") == nil)
        #expect(target("setup.md", from: "docs/a/setup.md") == nil)
        #expect(target("index.md", from: "docs/a/index.md") == nil)
        #expect(target("missing.md") == nil)
        #expect(target("../../../outside.md") == nil)
        #expect(target("100%zz.md") == nil)
    }
}

@Suite struct LinkRelocationTests {
    @Test func relativePathsClimbOnlyAsFarAsTheFoldersDiffer() {
        #expect(LinkRelocation.relativePath(from: "docs/a/page.md", to: "docs/a/setup.md") == "setup.md")
        #expect(LinkRelocation.relativePath(from: "docs/a/page.md", to: "docs/b/c/guide.md") == "../b/c/guide.md")
        #expect(LinkRelocation.relativePath(from: "page.md", to: "docs/a.md") == "docs/a.md")
        #expect(LinkRelocation.relativePath(from: "docs/a/b/page.md", to: "top.md") == "../../../top.md")
        #expect(LinkRelocation.relativePath(from: "docs/a/page.md", to: "docs/a") == "../a")
    }

    @Test func aMovedPagesImagesAndOtherFilesStillLoad() {
        let snapshot = WorkspaceSnapshot(documents: [
            WorkspaceDocument(path: "docs/using/search.md", text: SourceText("# Search\n\n![box](../img/search%20box.png \"The box\") [example](./examples/app-config.yaml#L3), [root](/docs/running/setup.md), [site](/img/logo.png).\n")),
            WorkspaceDocument(path: "docs/running/setup.md", text: SourceText("# Setup\n\n![diagram](diagram.svg) and [search](/docs/using/search.md).\n")),
        ])
        let moved = LinkRelocation.relocated(snapshot, moves: ["docs/using/search.md": "docs/running/search.md"])
        let texts = Dictionary(uniqueKeysWithValues: moved.map { ($0.new, $0.text.string) })
        // Relative files are reached from the new folder (encoded as written); rooted links to files stay.
        #expect(texts["docs/running/search.md"] == "# Search\n\n![box](../img/search%20box.png \"The box\") [example](../using/examples/app-config.yaml#L3), [root](/docs/running/setup.md), [site](/img/logo.png).\n")
        // A rooted link to the moved page follows it; the unmoved page's image is left alone.
        #expect(texts["docs/running/setup.md"] == "# Setup\n\n![diagram](diagram.svg) and [search](/docs/running/search.md).\n")
    }

    @Test func movingAFolderOrAnImageRewritesTheLinksToThemInTheFormTheyWereWritten() {
        let snapshot = WorkspaceSnapshot(documents: [
            WorkspaceDocument(path: "docs/guides/setup/index.md", text: SourceText("# Setup\n\n![logo](../../../img/my%20logo.png) see [tips](./tips) and [home](../../../index.md).\n")),
            WorkspaceDocument(path: "docs/guides/setup/tips.md", text: SourceText("# Tips\n\nBack to [setup](./).\n")),
            WorkspaceDocument(path: "docs/using/search.md", text: SourceText("# Search\n\nRead [setup](../guides/setup/), [setup again](../guides/setup), [tips](../guides/setup/tips#top) and ![logo](/img/my%20logo.png).\n")),
            WorkspaceDocument(path: "index.md", text: SourceText("# Home\n\n[Setup](docs/guides/setup/index.md)\n")),
        ])
        // A folder moves with everything in it; an image moves on its own.
        let edits = LinkRelocation.edits(snapshot, moves: ["docs/guides/setup": "docs/running/install", "img/my logo.png": "assets/logo (dark).png"])
        let after = Dictionary(grouping: edits, by: \.file).mapValues { fileEdits in fileEdits.map(\.newText) }
        // Links inside the folder, and to pages as far up as before, need no change.
        #expect(after["docs/guides/setup/index.md"] == ["../../../assets/logo%20%28dark%29.png"])
        #expect(after["docs/guides/setup/tips.md"] == nil)
        #expect(after["docs/using/search.md"] == ["../running/install/", "../running/install", "../running/install/tips#top", "/assets/logo%20%28dark%29.png"])
        #expect(after["index.md"] == ["docs/running/install/index.md"])
    }

    /// A folder without an index page, linked as `guides/`: renaming it, or moving a page that links
    /// to it, keeps the trailing slash. A folder link that reached an index page which moves to a
    /// page of another name becomes a link to that page, with no slash after it.
    @Test func aFolderLinkKeepsItsTrailingSlash() {
        let snapshot = WorkspaceSnapshot(documents: [
            WorkspaceDocument(path: "docs/intro.md", text: SourceText("# Intro\n\nSee [guides](guides/), [again](./guides/) and [setup](setup/).\n")),
            WorkspaceDocument(path: "docs/guides/a.md", text: SourceText("# A\n\nBack to [the guides](../guides/).\n")),
            WorkspaceDocument(path: "docs/setup/index.md", text: SourceText("# Setup\n")),
        ])
        let renamed = LinkRelocation.edits(snapshot, moves: ["docs/guides": "docs/howto"])
        #expect(Dictionary(grouping: renamed, by: \.file).mapValues { $0.map(\.newText) }
            == ["docs/intro.md": ["howto/", "./howto/"], "docs/guides/a.md": ["../howto/"]])
        let moved = LinkRelocation.edits(snapshot, moves: ["docs/intro.md": "docs/a/intro.md", "docs/setup/index.md": "docs/setup.md"])
        #expect(moved.map(\.newText) == ["../guides/", "../guides/", "../setup.md"])
    }

    @Test func aMovedPagesLinksAndTheLinksToItStillReachTheSameDocuments() throws {
        let snapshot = WorkspaceSnapshot(documents: [
            WorkspaceDocument(path: "docs/using/search.md", text: SourceText("# Search\n\nSee [setup](../running/setup.md#helm), [tips](tips), [site](https://example.com/x.md) and [top](#search).\n\n[ref]: <../running/setup.md> \"Setup\"\n")),
            WorkspaceDocument(path: "docs/using/tips.md", text: SourceText("# Tips\n\nRead [search](search.md) and [setup](../running/setup.md).\n")),
            WorkspaceDocument(path: "docs/running/setup.md", text: SourceText("# Setup\n\nUsers read [search](../using/search.md?plain=1).\n")),
        ])
        let moves = ["docs/using/search.md": "docs/running/search/index.md"]
        let after = WorkspaceSnapshot(documents: LinkRelocation.relocated(snapshot, moves: moves).map { WorkspaceDocument(path: $0.new, text: $0.text) })
        #expect(after.document("docs/running/search/index.md")?.text.string
            == "# Search\n\nSee [setup](../setup.md#helm), [tips](../../using/tips), [site](https://example.com/x.md) and [top](#search).\n\n[ref]: <../setup.md> \"Setup\"\n")
        #expect(after.document("docs/using/tips.md")?.text.string == "# Tips\n\nRead [search](../running/search/index.md) and [setup](../running/setup.md).\n")
        #expect(after.document("docs/running/setup.md")?.text.string == "# Setup\n\nUsers read [search](search/index.md?plain=1).\n")
        // Every link that reached a document still reaches the same one.
        for (old, new) in [("docs/using/tips.md", "docs/using/tips.md"), ("docs/running/setup.md", "docs/running/setup.md"), ("docs/using/search.md", "docs/running/search/index.md")] {
            let before = snapshot.document(old)!.markdown.links.compactMap { WorkspacePath.linkTarget($0.destination, from: old, isDocument: { snapshot.document($0) != nil }) }
            let now = after.document(new)!.markdown.links.compactMap { WorkspacePath.linkTarget($0.destination, from: new, isDocument: { after.document($0) != nil }) }
            #expect(now == before.map { moves[$0] ?? $0 })
        }
    }
}
