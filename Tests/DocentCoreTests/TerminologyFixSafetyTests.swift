import Testing
@testable import DocentCore

/// Fixes that `--fix` and fix-all must not apply, or must apply differently, because the plain
/// replacement would break the page's Markdown: a heading's anchor, a reference link's label, an
/// emphasis run, a block-quote marker.
let fixSafetyGlossary = """
# Glossary

## starter kit

A ready-made repository to copy from.

## Boilerplate

Alternative term for [starter kit](#starter-kit).

## Software Catalog

Where owned software is listed.

## Service Registry

Known as [Software Catalog](#software-catalog).

## JSON Web Token (AKA JWT)

A signed set of claims.

## kubectl

The cluster command line.

## Developer Portal

See [Hub](#hub).

## Hub

The home page of the portal.

"""

/// The page after every safe fix.
func fixedBySafeFixes(_ page: String, path: String = "docs/page.md", others: [String: String] = [:]) -> String {
    var documents = others
    documents[path] = page
    let snapshot = terminologySnapshot(documents, glossary: fixSafetyGlossary)
    return String(decoding: TerminologyFixes.apply(TerminologyFixes.fixAll(in: path, snapshot: snapshot), to: Array(page.utf8)), as: UTF8.self)
}

/// The terminology diagnostics of a page: code, the text of its range, and its replacement.
func terminologyFindings(_ page: String, path: String = "docs/page.md") -> [String] {
    let snapshot = terminologySnapshot([path: page], glossary: fixSafetyGlossary)
    let text = SourceText(page)
    return RuleRegistry.diagnostics(for: path, in: snapshot).filter { TerminologyFixes.fixableCodes.contains($0.code) }.map { diagnostic in
        var finding = "\(diagnostic.code) “\(text.string(in: diagnostic.range))”"
        if case .string(let replacement)? = diagnostic.data["replacement"] { finding += " → “\(replacement)”" }
        return finding
    }
}

@Suite struct HeadingAnchorFixTests {
    static let page = """
    # Setup

    ## Configure the Boilerplate

    Steps to follow.

    ## Boilerplate layout {#layout}

    ## The KUBECTL commands

    Read [configuring](#configure-the-boilerplate) first.

    """

    @Test func fixAllLeavesAHeadingWhoseAnchorWouldChange() {
        // The first heading's anchor comes from its text: "starter kit" would turn
        // #configure-the-boilerplate into #configure-the-starter-kit and break the link below.
        // An explicit {#layout} keeps its anchor, and a change of case slugs alike.
        #expect(fixedBySafeFixes(Self.page) == """
        # Setup

        ## Configure the Boilerplate

        Steps to follow.

        ## Starter kit layout {#layout}

        ## The kubectl commands

        Read [configuring](#configure-the-boilerplate) first.

        """)
    }

    @Test func theDiagnosticStaysAndItsQuickFixSaysWhatItChanges() throws {
        let snapshot = terminologySnapshot(["docs/page.md": Self.page], glossary: fixSafetyGlossary)
        let diagnostics = RuleRegistry.diagnostics(for: "docs/page.md", in: snapshot).filter { $0.code == "term-alias" }
        #expect(diagnostics.map(\.range) == [26..<37, 60..<71])
        #expect(diagnostics[0].data["changesAnchor"] == .string("configure-the-boilerplate"))
        #expect(diagnostics[1].data["changesAnchor"] == nil)
        let fix = try #require(TerminologyFixes.quickFix(for: diagnostics[0]))
        #expect(fix.title == "Replace with “starter kit” (changes the heading's anchor #configure-the-boilerplate: links to it must change too)")
        #expect(!fix.isSafe && !fix.isPreferred)
        #expect(fix.operations == [.edit(FileEdit(file: "docs/page.md", range: 26..<37, newText: "starter kit"))])
        let other = try #require(TerminologyFixes.quickFix(for: diagnostics[1]))
        #expect(other.title == "Replace with “Starter kit”" && other.isSafe)
    }

    @Test func aSetextHeadingIsJudgedTheSameWay() {
        let page = "Boilerplate notes\n-----------------\n\nThe Boilerplate folder.\n"
        #expect(fixedBySafeFixes(page) == "Boilerplate notes\n-----------------\n\nThe starter kit folder.\n")
    }
}

@Suite struct ReferenceLabelFixTests {
    @Test func aUseThatIsAlsoTheLabelKeepsItsLink() {
        // The definitions, which the fixes leave as they are.
        let definitions = """

        [boilerplate]: https://example.com/kit
        [bp]: https://example.com/bp
        [jwt]: https://example.com/jwt
        [service  registry]: https://example.com/registry
        [kubectl]: https://example.com/cli
        [the boilerplate guide]: https://example.com/guide

        """
        let page = """
        Start from the [Boilerplate] for services, or the [boilerplate][] in the wiki.
        Copy the [Boilerplate][bp] too, and see the [Service Registry].
        Tokens: [JWT]. Install [KUBECTL] first. A [Boilerplate note] is plain text, [the Boilerplate guide][] a link.

        """ + definitions
        // Shortcut and collapsed references become full references to the label as written; a full
        // reference's text is free; a change of case keeps the label (labels are case-insensitive);
        // brackets no definition names are text.
        #expect(fixedBySafeFixes(page) == """
        Start from the [starter kit][Boilerplate] for services, or the [starter kit][boilerplate] in the wiki.
        Copy the [starter kit][bp] too, and see the [Software Catalog][Service Registry].
        Tokens: [JSON Web Token (JWT)][JWT]. Install [kubectl] first. A [starter kit note] is plain text, [the starter kit guide][the Boilerplate guide] a link.

        """ + definitions)
    }

    @Test func theQuickFixRunsToTheEndOfTheBrackets() throws {
        let page = "See the [Boilerplate].\n\n[boilerplate]: https://example.com/kit\n"
        let snapshot = terminologySnapshot(["docs/page.md": page], glossary: fixSafetyGlossary)
        let document = try #require(snapshot.document("docs/page.md"))
        let diagnostic = try #require(RuleRegistry.diagnostics(for: "docs/page.md", in: snapshot).first)
        let fix = try #require(TerminologyFixes.quickFix(for: diagnostic, document: document))
        #expect(fix.title == "Replace with “starter kit”")
        // One edit from the use to the closing bracket: one fix, one edit.
        #expect(fix.operations == [.edit(FileEdit(file: "docs/page.md", range: 9..<21, newText: "starter kit][Boilerplate]"))])
        let actions = TerminologyFixes().actions(in: "docs/page.md", range: diagnostic.range, diagnostics: [diagnostic], snapshot: snapshot)
        #expect(actions.first == fix)
    }

    @Test func aLabelOverTwoLinesIsLeftToAPerson() throws {
        let page = "Read the [Service\nRegistry] notes.\n\n[service registry]: https://example.com/registry\n"
        #expect(fixedBySafeFixes(page) == page)
        #expect(terminologyFindings(page) == ["term-alias “Service\nRegistry” → “Software\nCatalog”"])
    }
}

@Suite struct EmphasisBoundaryTests {
    static let page = """
    A json **Web Token** is compact. The _Service_ Registry is old.
    Use the **Service Registry** today, not the ~~Service~~ Registry. A JWT is signed.

    """

    @Test func aUseDoesNotRunAcrossAnEmphasisDelimiter() {
        // Only the name wholly inside one emphasis is a use; "JSON **Web Token**" spells out JWT.
        #expect(terminologyFindings(Self.page) == ["term-alias “Service Registry” → “Software Catalog”"])
    }

    @Test func fixesKeepEmphasisBalanced() {
        #expect(fixedBySafeFixes(Self.page) == """
        A json **Web Token** is compact. The _Service_ Registry is old.
        Use the **Software Catalog** today, not the ~~Service~~ Registry. A JWT is signed.

        """)
    }
}

@Suite struct QuoteLineFixTests {
    static let page = """
    > Open the service
    > registry in a quote, then the developer
    > portal. A JSON Web
    > Token is here. JWT.

    - Open the json web
      token in a list.

    """

    @Test func aUseOverQuoteLinesReadsWithoutTheMarkers() throws {
        let snapshot = terminologySnapshot(["docs/page.md": Self.page], glossary: fixSafetyGlossary)
        let text = SourceText(Self.page)
        let found = RuleRegistry.diagnostics(for: "docs/page.md", in: snapshot).map { diagnostic -> String in
            var line = "\(diagnostic.code) “\(text.string(in: diagnostic.range))”: \(diagnostic.message)"
            if case .string(let replacement)? = diagnostic.data["replacement"] { line += " → “\(replacement)”" }
            return line
        }
        // The quote's JSON Web Token, spelled out over two lines, counts: JWT has no hint.
        #expect(found == [
            "term-alias “service\n> registry”: The glossary prefers “Software Catalog” to “service registry” → “Software\n> Catalog”",
            "term-alias “developer\n> portal”: The glossary prefers “Hub” to “developer portal”",
            "term-casing “json web\n  token”: Write “JSON Web Token”, not “json web token” → “JSON Web\n  Token”",
        ])
    }

    /// Wrapped in a plain paragraph, a use is fixed whatever the replacement's length: only a line
    /// break lies between its words, and the replacement takes one line.
    @Test func aUseWrappedInAParagraphIsFixedOnOneLine() {
        #expect(fixedBySafeFixes("Open the developer\nportal, then the service\nregistry.\n") == "Open the Hub, then the Software\nCatalog.\n")
    }

    @Test func fixesKeepTheMarkersOrAreNotMade() {
        // "developer / portal" → "Hub" leaves no word to carry the marker: that one waits for a person.
        #expect(fixedBySafeFixes(Self.page) == """
        > Open the Software
        > Catalog in a quote, then the developer
        > portal. A JSON Web
        > Token is here. JWT.

        - Open the JSON Web
          Token in a list.

        """)
    }
}

@Suite struct SentenceStartTests {
    @Test func aCapitalAtTheseSentenceStartsIsOrdinary() {
        let page = """
        > [!NOTE]
        > Kubectl is required.

        - [ ] Kubectl is installed.
        - [x] Boilerplate is copied.

        It is done.[^1] Kubectl comes next.
        Restart it. (This step is optional.) Kubectl then reloads.
        The button says “Done.” Kubectl then exits.
        Read [the whole guide.](guide.md) Kubectl follows it.
        Read [the short guide.][short] Kubectl follows it.
        It is done.<sup>1</sup> Kubectl comes next.

        [^1]: A note.
        [short]: guide.md

        """
        // No term-casing: each Kubectl starts a sentence. The alias at the task's start keeps its capital.
        #expect(terminologyFindings(page) == ["term-alias “Boilerplate” → “Starter kit”"])
        #expect(fixedBySafeFixes(page) == page.replacingOccurrences(of: "- [x] Boilerplate", with: "- [x] Starter kit"))
    }

    @Test func midSentenceCapitalsAreStillFound() {
        let page = """
        Read [the guide](guide.md) Kubectl follows. See (the notes) Kubectl too.
        A [box] Kubectl, a tag <b>bold</b> Kubectl, and a [^1] Kubectl.

        [^1]: A note.

        """
        #expect(terminologyFindings(page) == Array(repeating: "term-casing “Kubectl” → “kubectl”", count: 5))
    }
}
