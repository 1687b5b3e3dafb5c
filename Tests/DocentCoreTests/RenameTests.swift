import Foundation
import Testing
@testable import DocentCore

/// `fixtures/rename`: a heading glossary, two pages (one in a subfolder) that use its terms and link
/// to its anchors, and a page whose front-matter title is a term. The configuration is what `fixtures/rename/docent.json` says.
enum RenameFixture {
    static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("fixtures/rename")
    }
    static let paths = ["docs/dochub.md", "docs/glossary.md", "docs/guide.md", "docs/team/setup.md"]

    static func text(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    static func snapshot() throws -> WorkspaceSnapshot {
        WorkspaceSnapshot(configuration: Configuration(glossaries: [GlossarySource(pattern: "docs/glossary.md")]),
                          documents: try paths.map { WorkspaceDocument(path: $0, text: SourceText(try text($0))) })
    }

    /// The offset of the `occurrence`-th (0-based) appearance of `needle` in a fixture file, plus `shift`.
    static func offset(of needle: String, occurrence: Int = 0, shift: Int = 0, in path: String) throws -> Int {
        let text = try text(path)
        var from = text.startIndex
        var found: Range<String.Index>?
        for _ in 0...occurrence {
            guard let match = text[from...].range(of: needle) else {
                Issue.record("\(needle) not in \(path)")
                throw MissingText()
            }
            found = match
            from = found!.upperBound
        }
        return text.utf8.distance(from: text.startIndex, to: found!.lowerBound) + shift
    }

    /// Every file's text after `edits`.
    static func applying(_ edits: [FileEdit]) throws -> [String: String] {
        var result: [String: String] = [:]
        for path in paths {
            let mine = edits.filter { $0.file == path }
            result[path] = String(decoding: TerminologyFixes.apply(mine, to: Array(try text(path).utf8)), as: UTF8.self)
        }
        return result
    }
}

@Suite struct RenameTests {
    static let glossaryAfterDocHub = """
    # Glossary

    ## Component (UI kit)

    A reusable piece of the interface, such as a button. Pages combine
    components; see [DocViewer](#docviewer) for how they are shown.

    ## DocViewer

    The docs-as-code viewer of the portal. Also known as the docs viewer.

    ## Page Template

    A layout that places each component on a page.

    """

    static let guideAfterDocHub = """
    # Writing with DocViewer

    DocViewer renders each page. Two DocViewers can share an index, and
    DocViewer's search covers both. Run the DocViewer command, or DOCVIEWER in capitals.
    The docs viewer is the same tool.

    Each Component is documented; a component's props are listed. Read about
    [components](glossary.md#component-ui-kit) and [the viewer](glossary.md#docviewer).

    `DocHub` in code stays, as does https://example.com/dochub.

    """

    static let setupAfterDocHub = """
    ---
    title: Setting up DocHub
    ---

    # Setup

    Install DocViewer, then read the [entry](../glossary.md#docviewer) and the
    [template reference](../glossary.md#page-template).

    See also [the viewer][viewer].

    [viewer]: ../glossary.md#docviewer

    """

    static let pageAfterDocHub = """
    ---
    title: "DocViewer"
    sidebar_label: DocHub
    description: What DocHub shows and where
    ---

    # The viewer

    This page is about DocViewer itself.

    """

    @Test func renameAtAUseAcrossTheWorkspace() throws {
        let snapshot = try RenameFixture.snapshot()
        // On "Dochubs" in the guide: a use in another case and plural.
        let offset = try RenameFixture.offset(of: "Dochubs", shift: 2, in: "docs/guide.md")
        let edits = try RenameFeature.rename(at: offset, in: "docs/guide.md", to: "DocViewer", snapshot: snapshot).get()
        let after = try RenameFixture.applying(edits)
        #expect(after["docs/glossary.md"] == Self.glossaryAfterDocHub)
        #expect(after["docs/guide.md"] == Self.guideAfterDocHub)
        #expect(after["docs/team/setup.md"] == Self.setupAfterDocHub)
        // The title that is the term follows; the title that mentions it and the other keys do not.
        #expect(after["docs/dochub.md"] == Self.pageAfterDocHub)
    }

    @Test func renameAtTheEntryHeadingGivesTheSameEdits() throws {
        let snapshot = try RenameFixture.snapshot()
        let atUse = try RenameFeature.rename(at: try RenameFixture.offset(of: "DocHub's", in: "docs/guide.md"), in: "docs/guide.md", to: "DocViewer", snapshot: snapshot).get()
        let atHeading = try RenameFeature.rename(at: try RenameFixture.offset(of: "## DocHub", shift: 4, in: "docs/glossary.md"), in: "docs/glossary.md", to: "DocViewer", snapshot: snapshot).get()
        #expect(Set(atHeading) == Set(atUse))
        #expect(try RenameFixture.applying(atHeading)["docs/guide.md"] == Self.guideAfterDocHub)
    }

    @Test func eachUseKeepsItsForm() throws {
        let snapshot = try RenameFixture.snapshot()
        let edits = try RenameFeature.rename(at: try RenameFixture.offset(of: "Install DocHub", shift: 8, in: "docs/team/setup.md"), in: "docs/team/setup.md", to: "DocViewer", snapshot: snapshot).get()
        let guide = try RenameFixture.text("docs/guide.md")
        let forms = edits.filter { $0.file == "docs/guide.md" }.sorted { $0.range.lowerBound < $1.range.lowerBound }.map { edit in
            (String(decoding: Array(guide.utf8)[edit.range], as: UTF8.self), edit.newText)
        }
        #expect(forms.map(\.0) == ["DocHub", "DocHub", "Dochubs", "DocHub's", "dochub", "DOCHUB", "glossary.md#dochub"])
        #expect(forms.map(\.1) == ["DocViewer", "DocViewer", "DocViewers", "DocViewer's", "DocViewer", "DOCVIEWER", "glossary.md#docviewer"])
    }

    @Test func aQualifiedHeadingKeepsItsQualifierAndLinksFollowTheAnchor() throws {
        let snapshot = try RenameFixture.snapshot()
        let offset = try RenameFixture.offset(of: "Each Component", shift: 6, in: "docs/guide.md")
        let edits = try RenameFeature.rename(at: offset, in: "docs/guide.md", to: "Widget", snapshot: snapshot).get()
        let after = try RenameFixture.applying(edits)
        #expect(after["docs/glossary.md"] == """
        # Glossary

        ## Widget (UI kit)

        A reusable piece of the interface, such as a button. Pages combine
        widgets; see [DocHub](#dochub) for how they are shown.

        ## DocHub

        The docs-as-code viewer of the portal. Also known as the docs viewer.

        ## Page Template

        A layout that places each widget on a page.

        """)
        #expect(after["docs/guide.md"] == """
        # Writing with DocHub

        DocHub renders each page. Two Dochubs can share an index, and
        DocHub's search covers both. Run the dochub command, or DOCHUB in capitals.
        The docs viewer is the same tool.

        Each Widget is documented; a widget's props are listed. Read about
        [widgets](glossary.md#widget-ui-kit) and [the viewer](glossary.md#dochub).

        `DocHub` in code stays, as does https://example.com/dochub.

        """)
        #expect(after["docs/team/setup.md"] == (try RenameFixture.text("docs/team/setup.md")))
    }

    @Test func aMultiWordTermKeepsTheWritersCase() throws {
        let snapshot = try RenameFixture.snapshot()
        let offset = try RenameFixture.offset(of: "## Page Template", shift: 3, in: "docs/glossary.md")
        let edits = try RenameFeature.rename(at: offset, in: "docs/glossary.md", to: "Page Layout", snapshot: snapshot).get()
        let after = try RenameFixture.applying(edits)
        #expect(after["docs/glossary.md"]?.contains("## Page Layout\n") == true)
        #expect(after["docs/team/setup.md"]?.contains("[template reference](../glossary.md#page-layout)") == true)
    }

    @Test func aliasesAreNotRewritten() throws {
        let snapshot = try RenameFixture.snapshot()
        let edits = try RenameFeature.rename(at: try RenameFixture.offset(of: "DocHub renders", in: "docs/guide.md"), in: "docs/guide.md", to: "DocViewer", snapshot: snapshot).get()
        // "docs viewer" is an alias of DocHub ("Also known as the docs viewer"): neither its uses nor
        // the glossary's own wording change.
        let aliasUse = try RenameFixture.offset(of: "docs viewer", in: "docs/guide.md")
        let aliasInGlossary = try RenameFixture.offset(of: "docs viewer", in: "docs/glossary.md")
        #expect(!edits.contains { $0.file == "docs/guide.md" && $0.range.contains(aliasUse) })
        #expect(!edits.contains { $0.file == "docs/glossary.md" && $0.range.contains(aliasInGlossary) })
        #expect(snapshot.glossary.entries.first { $0.term == "DocHub" }?.aliases.map(\.name) == ["docs viewer"])
    }

    @Test func prepareAtAUseAndAtTheHeading() throws {
        let snapshot = try RenameFixture.snapshot()
        let use = try RenameFixture.offset(of: "Dochubs", in: "docs/guide.md")
        let atUse = try #require(RenameFeature.prepare(at: use + 1, in: "docs/guide.md", snapshot: snapshot))
        #expect(atUse.range == use..<(use + "Dochubs".utf8.count))
        #expect(atUse.placeholder == "DocHub")
        let heading = try RenameFixture.offset(of: "## Component (UI kit)", in: "docs/glossary.md")
        let atHeading = try #require(RenameFeature.prepare(at: heading + 5, in: "docs/glossary.md", snapshot: snapshot))
        // The term's own words, without the qualifier.
        #expect(atHeading.range == (heading + 3)..<(heading + 3 + "Component".utf8.count))
        #expect(atHeading.placeholder == "Component")
    }

    @Test func prepareIsNilOffATermInCodeOrOnAnAlias() throws {
        let snapshot = try RenameFixture.snapshot()
        #expect(RenameFeature.prepare(at: try RenameFixture.offset(of: "renders", in: "docs/guide.md"), in: "docs/guide.md", snapshot: snapshot) == nil)
        #expect(RenameFeature.prepare(at: try RenameFixture.offset(of: "`DocHub`", shift: 2, in: "docs/guide.md"), in: "docs/guide.md", snapshot: snapshot) == nil)
        #expect(RenameFeature.prepare(at: try RenameFixture.offset(of: "docs viewer", shift: 1, in: "docs/guide.md"), in: "docs/guide.md", snapshot: snapshot) == nil)
        #expect(RenameFeature.rename(at: try RenameFixture.offset(of: "renders", in: "docs/guide.md"), in: "docs/guide.md", to: "X", snapshot: snapshot) == .failure(.notATerm))
    }

    @Test func anEmptyOrMultiLineNameIsInvalid() throws {
        let snapshot = try RenameFixture.snapshot()
        let offset = try RenameFixture.offset(of: "DocHub renders", in: "docs/guide.md")
        for name in ["", "   ", "Doc\nViewer", "--"] {
            guard case .failure(.invalidName) = RenameFeature.rename(at: offset, in: "docs/guide.md", to: name, snapshot: snapshot) else {
                Issue.record("“\(name)” was accepted")
                continue
            }
        }
        // Surrounding spaces are trimmed.
        let edits = try RenameFeature.rename(at: offset, in: "docs/guide.md", to: "  DocViewer ", snapshot: snapshot).get()
        #expect(edits.allSatisfy { !$0.newText.hasPrefix(" ") && !$0.newText.hasSuffix(" ") })
    }

    @Test func aLineBreakInTheNameIsRefusedWithItsOwnMessage() throws {
        let snapshot = try RenameFixture.snapshot()
        let offset = try RenameFixture.offset(of: "DocHub renders", in: "docs/guide.md")
        for name in ["Doc\nViewer", "Doc\r\nViewer", "Doc\rViewer"] {
            #expect(RenameFeature.rename(at: offset, in: "docs/guide.md", to: name, snapshot: snapshot) == .failure(.invalidName("A term name is one line")), "\(name.debugDescription)")
        }
    }

    /// A new name that would change the Markdown it is written into (in the glossary, in prose, in a
    /// heading or table cell) or that the glossary would read back as another term is refused, with
    /// why (review: `# OAuth`, `O[Auth]` and the like were accepted).
    @Test func aNameThatChangesTheMarkdownIsRefusedWithWhy() throws {
        let snapshot = try RenameFixture.snapshot()
        let offset = try RenameFixture.offset(of: "DocHub renders", in: "docs/guide.md")
        let refusals: [(String, String)] = [
            ("# OAuth", "at the start of a line “#” makes a heading"),
            ("> OAuth", "at the start of a line “>” makes a block quote"),
            ("- OAuth", "at the start of a line “- ” makes a list item"),
            ("1. OAuth", "at the start of a line “1.” makes a numbered list item"),
            ("OAuth #", "a trailing “#” would be read as a heading's closing #s"),
            ("O[Auth]", "“[” would start a link"),
            ("OAuth]", "“]” would start a link"),
            ("O*Auth*", "“*” would start emphasis"),
            ("_OAuth", "“_” at the edge of a word would start emphasis"),
            ("OAuth_ 2", "“_” at the edge of a word would start emphasis"),
            ("`OAuth`", "“`” would start a code span"),
            ("<OAuth>", "“<” would start HTML or an autolink"),
            ("OAuth | SSO", "“|” would split a table cell"),
            ("OAuth\\2", "“\\” would escape the character after it"),
            ("~OAuth~", "“~” would start strikethrough"),
            ("{OAuth}", "“{” would start an expression in MDX pages"),
            ("R&amp;D", "“&…;” would be read as a character reference"),
            ("OAuth (v2)", "the glossary would read it as “OAuth” with the qualifier “v2”"),
            ("OAuth (AKA Open Authorization)", "the glossary would read it as “OAuth” also known as “Open Authorization”"),
        ]
        for (name, why) in refusals {
            #expect(RenameFeature.rename(at: offset, in: "docs/guide.md", to: name, snapshot: snapshot) == .failure(.invalidName("“\(name)” cannot be a term name: \(why)")))
        }
    }

    /// Names glossaries do have stay renameable, and read back from the glossary as that very term.
    @Test func namesWithHyphensDotsSlashesAndInnerParenthesesRoundTrip() throws {
        let snapshot = try RenameFixture.snapshot()
        let offset = try RenameFixture.offset(of: "DocHub renders", in: "docs/guide.md")
        for name in ["CI/CD", "Node.js", "C#", "C++", "Single Sign-On", "O'Reilly", "R&D", "snake_case", "Doc (v2) Hub", "OAuth 2.0", "#1 viewer", "-viewer"] {
            let edits = try RenameFeature.rename(at: offset, in: "docs/guide.md", to: name, snapshot: snapshot).get()
            let glossary = try #require(snapshot.document("docs/glossary.md"))
            let renamed = TerminologyFixes.apply(edits.filter { $0.file == "docs/glossary.md" }, to: glossary.text.bytes)
            let reread = WorkspaceSnapshot(configuration: snapshot.configuration,
                                           documents: [WorkspaceDocument(path: "docs/glossary.md", text: SourceText(bytes: renamed))])
            #expect(reread.glossary.entries.contains { $0.term == name }, "“\(name)” does not read back as a term")
        }
    }

    @Test func theNameOfAnotherEntryIsRefused() throws {
        // Accepted, the rename would merge two terms into one name.
        let snapshot = try RenameFixture.snapshot()
        let offset = try RenameFixture.offset(of: "DocHub renders", in: "docs/guide.md")
        #expect(RenameFeature.rename(at: offset, in: "docs/guide.md", to: "Page Template", snapshot: snapshot) == .failure(.invalidName("“Page Template” is already a glossary term")))
        #expect(RenameFeature.rename(at: offset, in: "docs/guide.md", to: " page  template ", snapshot: snapshot) == .failure(.invalidName("“page  template” is already a glossary term")))
        let template = try RenameFixture.offset(of: "## Page Template", shift: 3, in: "docs/glossary.md")
        #expect(RenameFeature.rename(at: template, in: "docs/glossary.md", to: "docs viewer", snapshot: snapshot) == .failure(.invalidName("“docs viewer” is already a name of the glossary term “DocHub”")))
        // The entry's own names are not another entry's: a change of case, or its own alias.
        #expect((try? RenameFeature.rename(at: offset, in: "docs/guide.md", to: "Dochub", snapshot: snapshot).get())?.isEmpty == false)
        #expect((try? RenameFeature.rename(at: offset, in: "docs/guide.md", to: "Docs Viewer", snapshot: snapshot).get())?.isEmpty == false)
    }

    /// The edits of renaming the shared glossary's `term` (at its heading) to `newName`, applied to `page`.
    func renamed(_ term: String, to newName: String, page: String, glossary: String = terminologyGlossary) throws -> String {
        let snapshot = terminologySnapshot(["docs/page.md": page], glossary: glossary)
        let heading = try #require(glossary.utf8.firstRange(of: "## \(term)\n".utf8))
        let offset = glossary.utf8.distance(from: glossary.utf8.startIndex, to: heading.lowerBound) + 3
        let edits = try RenameFeature.rename(at: offset, in: "docs/glossary.md", to: newName, snapshot: snapshot).get()
        return String(decoding: TerminologyFixes.apply(edits.filter { $0.file == "docs/page.md" }, to: Array(page.utf8)), as: UTF8.self)
    }

    @Test func usesTheWriterFencedOffAreLeftAndCounted() throws {
        let page = """
        ---
        title: Setting up DocHub
        description: How the pages get built
        ---

        Intro uses DocHub.

        <!-- docent-disable-next-line -->
        Back then DocHub was new.

        <!-- docent-disable term-casing -->
        Old notes on dochub pages.
        <!-- docent-enable term-casing -->

        Now DocHub again.
        And <!-- docent-disable-line term-alias --> DocHub here.

        """
        let titled = "---\ntitle: DocHub\n---\n\nAbout DocHub.\n"
        let snapshot = terminologySnapshot(["docs/page.md": page, "docs/titled.md": titled])
        let offset = try #require(terminologyGlossary.utf8.firstRange(of: "## DocHub\n".utf8).map { terminologyGlossary.utf8.distance(from: terminologyGlossary.utf8.startIndex, to: $0.lowerBound) + 3 })
        let plan = try RenameFeature.plan(at: offset, in: "docs/glossary.md", to: "DocSite", snapshot: snapshot).get()
        let edits = try RenameFeature.rename(at: offset, in: "docs/glossary.md", to: "DocSite", snapshot: snapshot).get()
        let fixed = String(decoding: TerminologyFixes.apply(edits.filter { $0.file == "docs/page.md" }, to: Array(page.utf8)), as: UTF8.self)
        #expect(fixed == page.replacingOccurrences(of: "Intro uses DocHub", with: "Intro uses DocSite").replacingOccurrences(of: "Now DocHub again", with: "Now DocSite again"))
        // Three uses fenced off (one with codes for another rule: any rule counts); the title mentioning the term stays.
        #expect(plan.skippedUses.map(\.file) == ["docs/page.md", "docs/page.md", "docs/page.md"])
        #expect(plan.skippedUses.map(\.newText) == ["DocSite", "DocSite", "DocSite"])
        #expect(plan.frontMatterMentions == ["docs/page.md"])
        // A title that is the term follows the rename, and is no mention.
        let titledFixed = String(decoding: TerminologyFixes.apply(plan.edits.filter { $0.file == "docs/titled.md" }, to: Array(titled.utf8)), as: UTF8.self)
        #expect(titledFixed == "---\ntitle: DocSite\n---\n\nAbout DocSite.\n")
        #expect(edits == plan.edits)
    }

    @Test func aFrontMatterTitleThatIsTheTermKeepsItsCaseAndQuoting() throws {
        #expect(try renamed("DocHub", to: "DocViewer", page: "---\ntitle: DocHub\n---\n\nText.\n") == "---\ntitle: DocViewer\n---\n\nText.\n")
        #expect(try renamed("Service Catalog", to: "Software Catalog", page: "---\ntitle: service catalog # lower on purpose\n---\n") == "---\ntitle: software catalog # lower on purpose\n---\n")
        #expect(try renamed("Service Catalog", to: "Software Catalog", page: "---\ntitle:   'SERVICE CATALOG'  \n---\n") == "---\ntitle:   'SOFTWARE CATALOG'  \n---\n")
        #expect(try renamed("Service Catalog", to: "Software  Catalog", page: "---\ntitle: \"Service Catalog\"\n---\n") == "---\ntitle: \"Software Catalog\"\n---\n")
        // Quoting the new name needs: escapes inside quotes, quotes around a plain value YAML would misread.
        #expect(try renamed("DocHub", to: "Doc \"Hub\"", page: "---\ntitle: \"DocHub\"\n---\n") == "---\ntitle: \"Doc \\\"Hub\\\"\"\n---\n")
        #expect(try renamed("DocHub", to: "Bob's Hub", page: "---\ntitle: 'DocHub'\n---\n") == "---\ntitle: 'Bob''s Hub'\n---\n")
        #expect(try renamed("DocHub", to: "Hub: Docs", page: "---\ntitle: DocHub\n---\n") == "---\ntitle: \"Hub: Docs\"\n---\n")
    }

    /// TOML and JSON titles are written in their own quoting: a TOML literal string cannot hold a `'`,
    /// and JSON has only double quotes.
    @Test func tomlAndJSONTitlesAreWrittenInTheirOwnSyntax() throws {
        #expect(try renamed("DocHub", to: "DocViewer", page: "+++\ntitle = \"DocHub\"\n+++\n") == "+++\ntitle = \"DocViewer\"\n+++\n")
        #expect(try renamed("DocHub", to: "Doc \"Hub\"", page: "+++\ntitle = \"DocHub\"\n+++\n") == "+++\ntitle = \"Doc \\\"Hub\\\"\"\n+++\n")
        #expect(try renamed("DocHub", to: "DocViewer", page: "+++\ntitle = 'DocHub'\n+++\n") == "+++\ntitle = 'DocViewer'\n+++\n")
        #expect(try renamed("DocHub", to: "Bob's Hub", page: "+++\ntitle = 'DocHub'\n+++\n") == "+++\ntitle = \"Bob's Hub\"\n+++\n")
        #expect(try renamed("DocHub", to: "DocViewer", page: "{\n  \"title\": \"DocHub\",\n  \"slug\": \"x\"\n}\n") == "{\n  \"title\": \"DocViewer\",\n  \"slug\": \"x\"\n}\n")
        #expect(try renamed("DocHub", to: "Doc \"Hub\"", page: "{\n  \"title\": \"DocHub\"\n}\n") == "{\n  \"title\": \"Doc \\\"Hub\\\"\"\n}\n")
    }

    @Test func otherFrontMatterIsNotRenamed() throws {
        for page in [
            "---\ntitle: Setting up DocHub\ndescription: DocHub\n---\n",
            "---\nsidebar_label: DocHub\ntags: [DocHub]\n---\n",
            "---\nseo:\n  title: DocHub\n---\n",
            "---\ntitle: >\n  DocHub\n---\n",
            "---\ntitle: DocHubs\n---\n",
        ] {
            let after = try renamed("DocHub", to: "DocViewer", page: page)
            #expect(after == page, "\(after)")
        }
    }

    @Test func aTermFileTitleIsRenamedOnce() throws {
        // In the term-file layout the title is the entry's term: one edit, not two overlapping ones.
        let file = "---\ntitle: Pod\nid: pod\nshort_description: >\n  The smallest unit.\naka:\ntags:\n- fundamental\n---\nA group of containers.\n"
        let snapshot = WorkspaceSnapshot(configuration: Configuration(glossaries: [GlossarySource(pattern: "glossary/*.md")]),
                                         documents: [WorkspaceDocument(path: "glossary/pod.md", text: SourceText(file)),
                                                     WorkspaceDocument(path: "docs/page.md", text: SourceText("---\ntitle: pod\n---\nEach Pod runs.\n"))])
        let offset = try #require(file.utf8.firstRange(of: "Pod".utf8)).lowerBound.utf16Offset(in: file)
        let edits = try RenameFeature.rename(at: offset, in: "glossary/pod.md", to: "Workload", snapshot: snapshot).get()
        #expect(edits.filter { $0.file == "glossary/pod.md" }.count == 1)
        let page = edits.filter { $0.file == "docs/page.md" }
        #expect(String(decoding: TerminologyFixes.apply(page, to: Array("---\ntitle: pod\n---\nEach Pod runs.\n".utf8)), as: UTF8.self) == "---\ntitle: workload\n---\nEach Workload runs.\n")
    }

    @Test func inflectDirectly() {
        #expect(RenameFeature.inflect("Widget", like: "components", canonical: "Component", inflectionLength: 1) == "widgets")
        #expect(RenameFeature.inflect("Widget", like: "Component's", canonical: "Component", inflectionLength: 2) == "Widget's")
        #expect(RenameFeature.inflect("Widget", like: "COMPONENT", canonical: "Component", inflectionLength: 0) == "WIDGET")
        #expect(RenameFeature.inflect("Entity", like: "components", canonical: "Component", inflectionLength: 1) == "entities")
        #expect(RenameFeature.inflect("kubectl", like: "Kubectl", canonical: "kubectl", inflectionLength: 0) == "Kubectl")
        #expect(RenameFeature.inflect("User Role", like: "page\ntemplates", canonical: "Page Template", inflectionLength: 1) == "user\nroles")
        #expect(RenameFeature.inflect("Widget", like: "entities", canonical: "Entity", inflectionLength: 3) == "widgets")
        #expect(RenameFeature.inflect("Index", like: "Components", canonical: "Component", inflectionLength: 1) == "Indexes")
        #expect(RenameFeature.inflect("Widget", like: "components'", canonical: "Component", inflectionLength: 2) == "widgets'")
        #expect(RenameFeature.inflect("Blueprints", like: "Templates", canonical: "Template", inflectionLength: 1) == "Blueprints")
    }
}

/// Thrown when a test's text lacks what it looks for (the issue is recorded first).
private struct MissingText: Error {}
