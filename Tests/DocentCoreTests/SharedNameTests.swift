import Foundation
import Testing
@testable import DocentCore

/// Two entries with the same term ("Component (service catalog)", "Component (UI kit)"): each use
/// belongs to the entry it means, and rename, references, highlights and the use count keep them apart.
@Suite struct SharedNameTests {
    static let glossary = """
    # Glossary

    ## Component (service catalog)

    A piece of software that a team owns, tracked in the [Service Catalog](#service-catalog).

    ## Component (UI kit)

    A reusable React building block. Pages combine components.

    ## Service Catalog

    The place that records who owns each piece of software.

    """

    static let files: [String: String] = [
        "docs/glossary.md": glossary,
        // The qualifier's words around the uses: the catalog's component.
        "docs/catalog.md": "# Registering a component\n\nAdd the component to the service catalog.\n",
        // "UI kit" next to the use.
        "docs/theming.md": "# Theming\n\nEvery UI kit component reads the theme.\n",
        // A link to an entry's anchor and a written qualifier decide, whatever else the page says.
        "docs/mixed.md": """
        # Notes

        See the [component](glossary.md#component-ui-kit) reference, and Component (service catalog)
        for the other. More [components][kit].

        [kit]: glossary.md#component-ui-kit

        """,
        // Nothing tells which one.
        "docs/plain.md": "# Plain\n\nA component can be many things.\n",
    ]

    static let snapshot = WorkspaceSnapshot(
        configuration: Configuration(glossaries: [GlossarySource(pattern: "docs/glossary.md")]),
        documents: files.map { WorkspaceDocument(path: $0.key, text: SourceText($0.value)) })

    static func entry(_ name: String) throws -> Int {
        try #require(snapshot.glossary.entries.firstIndex { $0.displayName == name })
    }

    /// The byte offset of the `occurrence`-th `needle` in a file.
    static func offset(of needle: String, occurrence: Int = 0, in path: String) throws -> Int {
        let text = try #require(files[path])
        var from = text.startIndex
        var found: Range<String.Index>?
        for _ in 0...occurrence {
            let match = try #require(text.range(of: needle, range: from..<text.endIndex))
            found = match
            from = match.upperBound
        }
        return text.utf8.distance(from: text.utf8.startIndex, to: found!.lowerBound)
    }

    static func location(_ needle: String, occurrence: Int = 0, in path: String) throws -> WorkspaceLocation {
        let start = try offset(of: needle, occurrence: occurrence, in: path)
        return WorkspaceLocation(file: path, range: start..<(start + needle.utf8.count))
    }

    static func applying(_ edits: [FileEdit]) -> [String: String] {
        files.reduce(into: [:]) { result, file in
            result[file.key] = String(decoding: TerminologyFixes.apply(edits.filter { $0.file == file.key }, to: Array(file.value.utf8)), as: UTF8.self)
        }
    }

    @Test func referencesListOnlyTheUsesThatMeanTheEntry() throws {
        let catalog = try Self.entry("Component (service catalog)")
        let kit = try Self.entry("Component (UI kit)")
        #expect(ReferencesFeature.references(toEntry: catalog, snapshot: Self.snapshot) == [
            try Self.location("component", in: "docs/catalog.md"),
            try Self.location("component", occurrence: 1, in: "docs/catalog.md"),
            try Self.location("Component", in: "docs/mixed.md"),
        ])
        #expect(ReferencesFeature.references(toEntry: kit, snapshot: Self.snapshot, includeDeclaration: true) == [
            WorkspaceLocation(file: "docs/glossary.md", range: Self.snapshot.glossary.entries[kit].termRange),
            try Self.location("components", in: "docs/glossary.md"),
            try Self.location("component", in: "docs/mixed.md"),
            try Self.location("components", in: "docs/mixed.md"),
            try Self.location("component", in: "docs/theming.md"),
        ])
        // The hover on an entry's heading counts the same uses.
        #expect(ReferencesFeature.useCount(ofEntry: catalog, snapshot: Self.snapshot) == 3)
        #expect(ReferencesFeature.useCount(ofEntry: kit, snapshot: Self.snapshot) == 4)
        // From a use: the entry it means.
        #expect(ReferencesFeature.entries(at: try Self.offset(of: "component]", in: "docs/mixed.md"), in: "docs/mixed.md", snapshot: Self.snapshot) == [kit])
        #expect(ReferencesFeature.entries(at: try Self.offset(of: "component", in: "docs/catalog.md"), in: "docs/catalog.md", snapshot: Self.snapshot) == [catalog])
    }

    /// From an ambiguous use, references take in both entries: every use of the name, the ambiguous
    /// one included (it is in neither entry's own list).
    @Test func anAmbiguousUseListsTheUsesOfEveryEntrySharingTheName() throws {
        let catalog = try Self.entry("Component (service catalog)")
        let kit = try Self.entry("Component (UI kit)")
        let plain = try Self.offset(of: "component", in: "docs/plain.md")
        #expect(ReferencesFeature.entries(at: plain + 2, in: "docs/plain.md", snapshot: Self.snapshot) == [catalog, kit])
        let all = ReferencesFeature.references(toEntries: [catalog, kit], snapshot: Self.snapshot)
        #expect(all.count == 8)
        #expect(all.contains(try Self.location("component", in: "docs/plain.md")))
        #expect(!ReferencesFeature.references(toEntry: catalog, snapshot: Self.snapshot).contains(try Self.location("component", in: "docs/plain.md")))
        #expect(!ReferencesFeature.references(toEntry: kit, snapshot: Self.snapshot).contains(try Self.location("component", in: "docs/plain.md")))
    }

    /// A reference link means the entry its definition's destination names, when the definition's
    /// title runs over lines too; the title's words are no uses.
    @Test func aDefinitionWithATitleOverLinesNamesTheEntry() throws {
        let page = "# Widgets\n\nMore [components][kit] here.\n\n[kit]: glossary.md#component-ui-kit \"The kit's component\n  pages\"\n"
        let snapshot = Self.snapshot.applying([.setDocument(path: "docs/widgets.md", text: SourceText(page), version: nil)])
        let use = page.utf8.count - page[page.range(of: "components]")!.lowerBound...].utf8.count
        let kit = try Self.entry("Component (UI kit)")
        let catalog = try Self.entry("Component (service catalog)")
        let term = try #require(TermLookup.term(at: use, in: "docs/widgets.md", snapshot: snapshot))
        #expect(term.entries == [kit, catalog])
        #expect(ReferencesFeature.references(toEntries: [catalog, kit], snapshot: snapshot).filter { $0.file == "docs/widgets.md" }
            == [WorkspaceLocation(file: "docs/widgets.md", range: use..<use + 10)])
    }

    /// A reference link's label matches its definition's as CommonMark matches them: case-folded,
    /// runs of whitespace (a line break too) as one space, even where the words around favour the other entry.
    @Test func aReferenceLabelMatchesItsDefinitionWithWhitespaceCollapsed() throws {
        let page = "# Lists\n\nThe service catalog lists [components][UI   Kit\nRef] too.\n\n[ui kit ref]: glossary.md#component-ui-kit\n"
        let snapshot = Self.snapshot.applying([.setDocument(path: "docs/lists.md", text: SourceText(page), version: nil)])
        let use = page.utf8.count - page[page.range(of: "components]")!.lowerBound...].utf8.count
        let kit = try Self.entry("Component (UI kit)")
        let catalog = try Self.entry("Component (service catalog)")
        #expect(try #require(TermLookup.term(at: use, in: "docs/lists.md", snapshot: snapshot)).entries == [kit, catalog])
        #expect(ReferencesFeature.references(toEntry: kit, snapshot: snapshot).filter { $0.file == "docs/lists.md" }
            == [WorkspaceLocation(file: "docs/lists.md", range: use..<use + 10)])
    }

    /// In a block quote, a label over lines is matched without the quote markers, in the definition
    /// and in a collapsed or full reference alike.
    @Test func aLabelOverLinesOfAQuoteMatchesItsDefinition() throws {
        let page = "# Quoted\n\n> The service catalog lists [components][UI kit\n> ref], and [Components][] too.\n>\n> [ui kit\n> ref]: glossary.md#component-ui-kit\n> [components]: glossary.md#component-ui-kit\n"
        let snapshot = Self.snapshot.applying([.setDocument(path: "docs/quoted.md", text: SourceText(page), version: nil)])
        let kit = try Self.entry("Component (UI kit)")
        let uses = ReferencesFeature.references(toEntry: kit, snapshot: snapshot).filter { $0.file == "docs/quoted.md" }
        #expect(uses.map { String(decoding: Array(page.utf8)[$0.range], as: UTF8.self) } == ["components", "Components"])
    }

    @Test func highlightsInAPageWithBothEntries() throws {
        let atLink = try Self.offset(of: "component]", in: "docs/mixed.md")
        let highlights = ReferencesFeature.highlights(at: atLink, in: "docs/mixed.md", snapshot: Self.snapshot)
        #expect(highlights.map(\.range) == [try Self.location("component", in: "docs/mixed.md").range, try Self.location("components", in: "docs/mixed.md").range])
        #expect(highlights.allSatisfy { !$0.isDefinition })
    }

    /// The hover puts first the entry a link or a written qualifier names, even where the page's
    /// words favour the other.
    @Test func theHoverPutsTheLinkedEntryFirst() throws {
        let catalog = try Self.entry("Component (service catalog)")
        let kit = try Self.entry("Component (UI kit)")
        let atLink = try #require(TermLookup.term(at: try Self.offset(of: "component]", in: "docs/mixed.md"), in: "docs/mixed.md", snapshot: Self.snapshot))
        #expect(atLink.entries == [kit, catalog])
        let qualified = try #require(TermLookup.term(at: try Self.offset(of: "Component", in: "docs/mixed.md"), in: "docs/mixed.md", snapshot: Self.snapshot))
        #expect(qualified.entries == [catalog, kit])
        let theming = try #require(TermLookup.term(at: try Self.offset(of: "component", in: "docs/theming.md"), in: "docs/theming.md", snapshot: Self.snapshot))
        #expect(theming.entries == [kit, catalog])
    }

    @Test func renamingOneEntryLeavesTheOthersUsesAndTheAmbiguousOnes() throws {
        let heading = try Self.offset(of: "## Component (UI kit)", in: "docs/glossary.md") + 3
        let plan = try RenameFeature.plan(at: heading, in: "docs/glossary.md", to: "Widget", snapshot: Self.snapshot).get()
        let after = Self.applying(plan.edits)
        #expect(after["docs/glossary.md"] == Self.glossary.replacingOccurrences(of: "## Component (UI kit)", with: "## Widget (UI kit)")
            .replacingOccurrences(of: "Pages combine components.", with: "Pages combine widgets."))
        #expect(after["docs/mixed.md"] == """
        # Notes

        See the [widget](glossary.md#widget-ui-kit) reference, and Component (service catalog)
        for the other. More [widgets][kit].

        [kit]: glossary.md#widget-ui-kit

        """)
        #expect(after["docs/theming.md"] == "# Theming\n\nEvery UI kit widget reads the theme.\n")
        #expect(after["docs/catalog.md"] == Self.files["docs/catalog.md"])
        #expect(after["docs/plain.md"] == Self.files["docs/plain.md"])
        // The ambiguous use is reported, with the edit it was not given.
        #expect(plan.ambiguousUses == [FileEdit(file: "docs/plain.md", range: try Self.location("component", in: "docs/plain.md").range, newText: "widget")])
        #expect(plan.skippedUses.isEmpty)

        let other = try Self.offset(of: "## Component (service catalog)", in: "docs/glossary.md") + 3
        let catalog = try RenameFeature.plan(at: other, in: "docs/glossary.md", to: "Workload", snapshot: Self.snapshot).get()
        let renamed = Self.applying(catalog.edits)
        #expect(renamed["docs/catalog.md"] == "# Registering a workload\n\nAdd the workload to the service catalog.\n")
        #expect(renamed["docs/mixed.md"] == Self.files["docs/mixed.md"]!.replacingOccurrences(of: "Component (service catalog)", with: "Workload (service catalog)"))
        #expect(renamed["docs/theming.md"] == Self.files["docs/theming.md"])
        #expect(renamed["docs/glossary.md"] == Self.glossary.replacingOccurrences(of: "## Component (service catalog)", with: "## Workload (service catalog)"))
        #expect(catalog.ambiguousUses.map(\.file) == ["docs/plain.md"])
        // At a use that means the entry, the same edits as at its heading.
        let atUse = try RenameFeature.plan(at: try Self.offset(of: "component", in: "docs/theming.md"), in: "docs/theming.md", to: "Widget", snapshot: Self.snapshot).get()
        #expect(Set(atUse.edits) == Set(plan.edits))
    }

    @Test func renameAtAnAmbiguousUseIsRefusedWithTheEntriesNamed() throws {
        let plain = try Self.offset(of: "component", in: "docs/plain.md") + 1
        let message = "“component” here could mean “Component (service catalog)” or “Component (UI kit)”: rename the entry at its heading in the glossary, or write the qualifier after the term"
        #expect(RenameFeature.prepare(at: plain, in: "docs/plain.md", snapshot: Self.snapshot) == nil)
        #expect(RenameFeature.rename(at: plain, in: "docs/plain.md", to: "Widget", snapshot: Self.snapshot) == .failure(.ambiguous(message)))
        guard case .failure(.ambiguous(let prepared)) = RenameFeature.preparation(at: plain, in: "docs/plain.md", snapshot: Self.snapshot) else {
            Issue.record("prepare did not refuse")
            return
        }
        #expect(prepared == message)
    }

    /// A qualifier word that is the term's own ("Permission (permission plugin)") is in every use and
    /// tells nothing; the whole qualifier written out still does.
    @Test func theTermsOwnWordsInTheQualifierDoNotDecide() throws {
        let glossary = "# Glossary\n\n## Permission (core framework)\n\nA right the framework defines.\n\n## Permission (permission plugin)\n\nA right the plugin checks.\n"
        let page = "# Access\n\nA permission is checked.\n"
        let plugin = "# Plugin\n\nThe permission plugin grants each permission.\n"
        let snapshot = WorkspaceSnapshot(configuration: Configuration(glossaries: [GlossarySource(pattern: "glossary.md")]),
                                         documents: [WorkspaceDocument(path: "glossary.md", text: SourceText(glossary)),
                                                     WorkspaceDocument(path: "page.md", text: SourceText(page)),
                                                     WorkspaceDocument(path: "plugin.md", text: SourceText(plugin))])
        let core = try #require(snapshot.glossary.entries.firstIndex { $0.qualifier == "core framework" })
        let checks = try #require(snapshot.glossary.entries.firstIndex { $0.qualifier == "permission plugin" })
        // Nothing fits either: glossary order, and the use belongs to neither.
        #expect(TermLookup.term(at: 13, in: "page.md", snapshot: snapshot)?.entries == [core, checks])
        #expect(ReferencesFeature.entries(at: 13, in: "page.md", snapshot: snapshot) == [core, checks])
        #expect(ReferencesFeature.references(toEntry: checks, snapshot: snapshot) == [
            WorkspaceLocation(file: "plugin.md", range: 14..<24),
            WorkspaceLocation(file: "plugin.md", range: 44..<54),
        ])
        #expect(ReferencesFeature.references(toEntry: core, snapshot: snapshot).isEmpty)
    }

    /// A qualifier word that only one entry's qualifier has decides when it stands right next to the
    /// use, generic words included ("the Kubernetes plugin", "the Kubernetes backend plugin"): a word
    /// of the other qualifier somewhere on the page does not outweigh it. A function word ends the
    /// neighbourhood ("deploy the portal to Kubernetes").
    @Test func aQualifierWordNextToTheUseDecides() throws {
        let glossary = "# Glossary\n\n## Kubernetes (container platform)\n\nRuns containers on a cluster.\n\n## Kubernetes (dashboard plugin)\n\nShows a service's workloads.\n"
        let page = """
        # Running on Kubernetes

        The Kubernetes plugin lists pods, once the Kubernetes backend plugin is installed. A plugin's
        page says so. Deploy the portal to Kubernetes on any platform; the Kubernetes' plugin reads it.

        """
        let snapshot = WorkspaceSnapshot(configuration: Configuration(glossaries: [GlossarySource(pattern: "glossary.md")]),
                                         documents: [WorkspaceDocument(path: "glossary.md", text: SourceText(glossary)),
                                                     WorkspaceDocument(path: "k8s.md", text: SourceText(page))])
        let platform = try #require(snapshot.glossary.entries.firstIndex { $0.qualifier == "container platform" })
        let plugin = try #require(snapshot.glossary.entries.firstIndex { $0.qualifier == "dashboard plugin" })
        let document = try #require(snapshot.document("k8s.md"))
        var resolver = UseResolver(path: "k8s.md", document: document, snapshot: snapshot)
        let meanings = snapshot.termMatches(in: "k8s.md").map { match in
            (document.text.string(in: match.range.lowerBound..<min(document.text.bytes.count, match.range.upperBound + 16)), resolver.meaning(of: match))
        }
        #expect(meanings.map(\.0) == ["Kubernetes\n\nThe Kubernetes", "Kubernetes plugin lists po", "Kubernetes backend plugin ", "Kubernetes on any platform", "Kubernetes' plugin reads i"])
        #expect(meanings.map(\.1) == [.entry(platform), .entry(plugin), .entry(plugin), .entry(platform), .entry(plugin)])
        // A line break inside the paragraph and a no-break space join words; a blank line or a list item does not.
        for (text, expected) in [("Install the Kubernetes\nplugin first.\n", Optional(plugin)), ("Install the Kubernetes\u{00A0}plugin.\n", plugin),
                                 ("The dashboard\nKubernetes view.\n", plugin), ("Run Kubernetes\r\nplugin pods.\n", plugin),
                                 ("Install Kubernetes\n\nplugin first.\n", nil), ("Install Kubernetes\n- plugin first\n", nil),
                                 // A participle hyphenated to the use makes an adjective of it; the noun after is its own.
                                 ("A Kubernetes-deployed plugin host.\n", nil), ("The Kubernetes-backend plugin.\n", plugin),
                                 // A verb or a plural noun right after the use ends its phrase; a noun in -ss does not.
                                 ("Kubernetes runs plugin pods.\n", nil), ("Kubernetes clusters plugin-free.\n", nil),
                                 ("The Kubernetes ingress plugin.\n", plugin)] {
            let wrapped = WorkspaceSnapshot(configuration: snapshot.configuration, documents: [WorkspaceDocument(path: "glossary.md", text: SourceText(glossary)),
                                                                                               WorkspaceDocument(path: "w.md", text: SourceText(text))])
            let use = try #require(wrapped.termMatches(in: "w.md").first)
            var wrappedResolver = UseResolver(path: "w.md", document: try #require(wrapped.document("w.md")), snapshot: wrapped)
            #expect(wrappedResolver.meaning(of: use) == (expected.map { .entry($0) } ?? .ambiguous([platform, plugin])), "\(text)")
        }
        // The hover ranks them the same way: on "The Kubernetes plugin", the plugin first.
        let secondUse = try #require(snapshot.termMatches(in: "k8s.md").dropFirst().first).range.lowerBound
        #expect(TermLookup.term(at: secondUse, in: "k8s.md", snapshot: snapshot)?.entries == [plugin, platform])
    }
}
