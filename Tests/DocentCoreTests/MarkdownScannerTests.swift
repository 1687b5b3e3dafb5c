import Testing
@testable import DocentCore

/// A document and the exact prose spans the scanner must find in it, in order.
struct ProseCase: Sendable, CustomTestStringConvertible {
    var name: String
    var markdown: String
    var isMDX = false
    var prose: [String]
    var testDescription: String { name }
}

private func scan(_ markdown: String, isMDX: Bool = false) -> (SourceText, MarkdownDocument) {
    let text = SourceText(markdown)
    return (text, MarkdownScanner.scan(text, isMDX: isMDX))
}

private func proseTexts(_ markdown: String, isMDX: Bool = false) -> [String] {
    let (text, document) = scan(markdown, isMDX: isMDX)
    return document.proseSpans.map { text.string(in: $0.range) }
}

@Suite struct MarkdownScannerTests {
    static let proseCases: [ProseCase] = [
        ProseCase(name: "backtick fence", markdown: "Before\n\n```yaml\nkind: Component\n```\n\nAfter", prose: ["Before", "After"]),
        ProseCase(name: "tilde fence", markdown: "~~~\ncode here\n~~~\ntext", prose: ["text"]),
        ProseCase(name: "a longer fence is not closed by a shorter one", markdown: "````\n```\nstill code\n````\nout", prose: ["out"]),
        ProseCase(name: "fence inside a block quote closes", markdown: "> ```\n> let x = 1\n> ```\n\nAfter", prose: ["After"]),
        ProseCase(name: "a code line starting with > stays code", markdown: "```\n>>> print(1)\n```\nAfter", prose: ["After"]),
        ProseCase(name: "unclosed fence runs to the end", markdown: "Intro\n\n```\nnever closed\n\nstill code", prose: ["Intro"]),
        ProseCase(name: "indented code", markdown: "Para\n\n    indented code\n    more code\n\nAfter", prose: ["Para", "After"]),
        ProseCase(name: "inline code span", markdown: "Use `kubectl apply` now", prose: ["Use ", " now"]),
        ProseCase(name: "double-backtick code span", markdown: "Run ``a ` b`` then", prose: ["Run ", " then"]),
        ProseCase(name: "unmatched backtick is prose", markdown: "a ` b", prose: ["a ` b"]),
        ProseCase(name: "link text is prose, destination is not", markdown: "See [the catalog](https://example.com/catalog) here", prose: ["See ", "the catalog", " here"]),
        ProseCase(name: "reference link", markdown: "Read [the guide][guide] first", prose: ["Read ", "the guide", " first"]),
        ProseCase(name: "image", markdown: "An ![diagram of flow](img/flow.png) shows", prose: ["An ", " shows"]),
        ProseCase(name: "autolink", markdown: "Visit <https://docs.example.com> today", prose: ["Visit ", " today"]),
        ProseCase(name: "bare URLs", markdown: "Go to https://example.com/a. Then www.example.org, ok", prose: ["Go to ", ". Then ", ", ok"]),
        ProseCase(name: "HTML block", markdown: "<div class=\"note\">\nInside html\n</div>\n\nAfter", prose: ["After"]),
        ProseCase(name: "raw HTML block runs to its closing tag", markdown: "<script>\nlet x = 1\n\nlet y = 2\n</script>\nAfter", prose: ["After"]),
        ProseCase(name: "inline HTML tags", markdown: "Press <b>Ctrl</b> now", prose: ["Press ", "Ctrl", " now"]),
        ProseCase(name: "an HTML code element is code", markdown: "Press <kbd>Ctrl</kbd> now", prose: ["Press ", " now"]),
        ProseCase(name: "inline HTML comment", markdown: "Text <!-- docent-ignore --> more", prose: ["Text ", " more"]),
        ProseCase(name: "block HTML comment", markdown: "<!--\n  hidden words\n-->\nAfter", prose: ["After"]),
        ProseCase(name: "front matter", markdown: "---\ntitle: Catalog\n---\nBody text", prose: ["Body text"]),
        ProseCase(name: "MDX import and export lines", markdown: "import Tabs from '@theme/Tabs';\nexport const x = 1;\n\nProse here", isMDX: true, prose: ["Prose here"]),
        ProseCase(name: "multi-line MDX export", markdown: "export const meta = {\n  title: 'x',\n};\n\nText", isMDX: true, prose: ["Text"]),
        ProseCase(name: "import in plain prose is prose", markdown: "import your data first", prose: ["import your data first"]),
        ProseCase(name: "MDX import after a link definition", markdown: "[d]: ./a.md\nimport Term from './Term'\nexport const term = 1\n\nProse", isMDX: true, prose: ["Prose"]),
        ProseCase(name: "MDX import after a definition whose title runs over lines is the title's", markdown: "[d]: ./a.md \"one\nimport x from 'y'\"\n\nProse", isMDX: true, prose: ["Prose"]),
        ProseCase(name: "an import line after paragraph text stays that paragraph's", markdown: "Read this\nimport x from 'y'", isMDX: true, prose: ["Read this", "import x from 'y'"]),
        ProseCase(name: "JSX tag lines", markdown: "<Tabs>\n<TabItem value=\"a\">\n\nInside tab\n\n</TabItem>\n</Tabs>", isMDX: true, prose: ["Inside tab"]),
        ProseCase(name: "JSX tag spanning lines", markdown: "<Admonition\n  type=\"tip\"\n>\n\nBody", isMDX: true, prose: ["Body"]),
        ProseCase(name: "MDX expression", markdown: "Total {props.count} items", isMDX: true, prose: ["Total ", " items"]),
        ProseCase(name: "admonition title is prose, marker is not", markdown: ":::note Read this first\nBody of the note\n:::", prose: ["Read this first", "Body of the note"]),
        ProseCase(name: "admonition without title", markdown: ":::tip\nJust a body\n:::", prose: ["Just a body"]),
        ProseCase(name: "reference definition", markdown: "Text here.\n\n[docs]: https://example.com/docs \"Docs\"", prose: ["Text here."]),
        ProseCase(name: "abbreviation line", markdown: "*[JWT]: JSON Web Token\n\nA JWT is signed.", prose: ["A JWT is signed."]),
        ProseCase(name: "footnote reference is not prose, footnote text is", markdown: "Claim[^1] stands.\n\n[^1]: The source.", prose: ["Claim", " stands.", "The source."]),
        ProseCase(name: "entity", markdown: "A&nbsp;B", prose: ["A", "B"]),
        ProseCase(name: "escaped bracket stays prose", markdown: "a \\[not a link](x) b", prose: ["a \\[not a link](x) b"]),
        ProseCase(name: "block quote marker is not prose", markdown: "> Quoted text\n> second line", prose: ["Quoted text", "second line"]),
        ProseCase(name: "nested block quote", markdown: "> > deep", prose: ["deep"]),
        ProseCase(name: "list items", markdown: "- first item\n- second item\n\n1. numbered", prose: ["first item", "second item", "numbered"]),
        ProseCase(name: "thematic breaks", markdown: "***\nText\n\n- - -", prose: ["Text"]),
        ProseCase(name: "ATX heading", markdown: "## Title ##", prose: ["Title"]),
        ProseCase(name: "definition list definition", markdown: "Term\n: The meaning", prose: ["Term", "The meaning"]),
    ]

    @Test(arguments: proseCases)
    func proseSpans(_ example: ProseCase) {
        #expect(proseTexts(example.markdown, isMDX: example.isMDX) == example.prose)
    }

    @Test func fencedCodeBlockRecordsLanguageInfoAndContent() throws {
        let (text, document) = scan("Intro\n\n```yaml title=\"app-config.yaml\"\nkind: Component\n```\n")
        let block = try #require(document.codeBlocks.first)
        #expect(document.codeBlocks.count == 1)
        #expect(block.language == "yaml")
        #expect(block.info == "title=\"app-config.yaml\"")
        #expect(block.isFenced)
        #expect(text.string(in: block.contentRange) == "kind: Component\n")
        #expect(text.string(in: block.range) == "```yaml title=\"app-config.yaml\"\nkind: Component\n```")
    }

    /// CommonMark: the info string of a backtick fence may not hold a backtick, so this line is a
    /// code span in a paragraph, and the rest of the page stays prose.
    @Test func aBacktickInABacktickFencesInfoMakesItNoFence() {
        let (text, document) = scan("``` aa ```\nfoo\n")
        #expect(document.codeBlocks.isEmpty)
        #expect(document.codeSpans.map { text.string(in: $0) } == ["``` aa ```"])
        #expect(document.proseSpans.map { text.string(in: $0.range) }.contains { $0.contains("foo") })
    }

    @Test func unclosedFenceRunsToTheEnd() {
        let (text, document) = scan("```\nnever closed\n")
        #expect(document.codeBlocks.count == 1)
        #expect(document.codeBlocks[0].range == 0..<text.count)
        #expect(text.string(in: document.codeBlocks[0].contentRange) == "never closed\n")
    }

    @Test func fenceInsideBlockQuoteIsOneCodeBlock() {
        let (text, document) = scan("> ```sh\n> make\n> ```\n> Quoted prose")
        #expect(document.codeBlocks.count == 1)
        #expect(document.codeBlocks.first?.language == "sh")
        #expect(document.codeBlocks.first.map { text.string(in: $0.range) } == "> ```sh\n> make\n> ```")
        #expect(document.proseSpans.map { text.string(in: $0.range) } == ["Quoted prose"])
    }

    @Test func indentedCodeBlockRange() {
        let (text, document) = scan("Para\n\n    let x = 1\n    let y = 2\n\nAfter")
        #expect(document.codeBlocks.count == 1)
        #expect(document.codeBlocks[0].isFenced == false)
        #expect(text.string(in: document.codeBlocks[0].range) == "    let x = 1\n    let y = 2")
    }

    @Test func codeSpanRanges() {
        let marked = MarkedText("Use 1️⃣`kubectl`2️⃣ and 3️⃣``a ` b``4️⃣.")
        let (_, document) = scan(marked.text)
        #expect(document.codeSpans == [marked.range("1️⃣", "2️⃣"), marked.range("3️⃣", "4️⃣")])
    }

    @Test func linksRecordKindDestinationAndRanges() {
        let marked = MarkedText("1️⃣[2️⃣the catalog3️⃣](4️⃣https://example.com/c5️⃣ \"Title\")6️⃣ and 7️⃣<8️⃣mailto:a@b.c9️⃣>")
        let (_, document) = scan(marked.text)
        #expect(document.links.count == 2)
        let inline = document.links[0]
        #expect(inline.kind == .inline)
        #expect(inline.range == marked.range("1️⃣", "6️⃣"))
        #expect(inline.textRange == marked.range("2️⃣", "3️⃣"))
        #expect(inline.destinationRange == marked.range("4️⃣", "5️⃣"))
        #expect(inline.destination == "https://example.com/c")
        let autolink = document.links[1]
        #expect(autolink.kind == .autolink)
        #expect(autolink.destination == "mailto:a@b.c")
        #expect(autolink.destinationRange == marked.range("8️⃣", "9️⃣"))
        #expect(autolink.range.lowerBound == marked["7️⃣"])
    }

    @Test func bareURLsExcludeTrailingPunctuation() {
        let marked = MarkedText("See 1️⃣https://example.com/a_(b)2️⃣). Or 3️⃣www.example.org4️⃣, or 5️⃣http://x.io/p6️⃣!")
        let (_, document) = scan(marked.text)
        #expect(document.links.map(\.kind) == [.bareURL, .bareURL, .bareURL])
        #expect(document.links.map(\.range) == [marked.range("1️⃣", "2️⃣"), marked.range("3️⃣", "4️⃣"), marked.range("5️⃣", "6️⃣")])
        #expect(document.links.map(\.destination) == ["https://example.com/a_(b)", "www.example.org", "http://x.io/p"])
    }

    @Test func bareURLNeedsAWordBoundary() {
        let (_, document) = scan("nowww.example.org and xhttps://a.b/c")
        #expect(document.links.isEmpty)
    }

    @Test func imageLink() {
        let (_, document) = scan("![alt text](pic.png)")
        #expect(document.links.map(\.kind) == [.image])
        #expect(document.links.first?.destination == "pic.png")
    }

    /// A full reference's label is all between its brackets, spaces included; a collapsed one's is empty.
    @Test func aFullReferenceKeepsItsWholeLabel() {
        let marked = MarkedText("See [the guide][1️⃣Setup  guide2️⃣] and [it][] and ![pic][3️⃣Logo Image4️⃣].")
        let (_, document) = scan(marked.text)
        #expect(document.links.map(\.kind) == [.reference, .reference, .image])
        #expect(document.links.map(\.destination) == ["Setup  guide", "", "Logo Image"])
        #expect(document.links[0].destinationRange == marked.range("1️⃣", "2️⃣"))
        #expect(document.links[2].destinationRange == marked.range("3️⃣", "4️⃣"))
    }

    @Test func referenceDefinitionIsALinkNotProse() {
        let marked = MarkedText("1️⃣[docs]: 2️⃣https://example.com/docs3️⃣ \"Docs\"4️⃣")
        let (_, document) = scan(marked.text)
        #expect(document.proseSpans.isEmpty)
        #expect(document.links.count == 1)
        #expect(document.links[0].kind == .definition)
        #expect(document.links[0].destination == "https://example.com/docs")
        #expect(document.links[0].destinationRange == marked.range("2️⃣", "3️⃣"))
        #expect(document.links[0].range == marked.range("1️⃣", "4️⃣"))
    }

    /// A definition that opens a list item is a definition, as CommonMark reads the item's content; a
    /// footnote's text there stays prose, an abbreviation's does not.
    @Test func definitionsThatOpenAListItem() {
        let marked = MarkedText("- 1️⃣[docs]: 2️⃣../docs/setup.md3️⃣\n- [^1]: 4️⃣A footnote5️⃣\n- *[API]: Application programming interface\n\nSee [the setup][docs].\n")
        let (_, document) = scan(marked.text)
        let definitions = document.links.filter { $0.kind == .definition }
        #expect(definitions.map(\.destination) == ["../docs/setup.md"])
        #expect(definitions.first?.destinationRange == marked.range("2️⃣", "3️⃣"))
        #expect(definitions.first?.range == marked.range("1️⃣", "3️⃣"))
        #expect(document.proseSpans.first?.range == marked.range("4️⃣", "5️⃣"))
        #expect(!document.proseSpans.contains { marked.text.utf8.count > $0.range.lowerBound && String(decoding: Array(marked.text.utf8)[$0.range], as: UTF8.self).contains("Application") })
    }

    /// Words after a definition's destination that are no title make the line a paragraph: prose.
    @Test func aLabelFollowedByWordsIsAParagraph() {
        let (_, document) = scan("[Note]: read this first\n\n- [Tip]: keep it short\n\n[ok]: https://example.com 'A title'\n[hack]: <> (a comment)\n")
        #expect(document.links.filter { $0.kind == .definition }.map(\.destination) == ["https://example.com", ""])
        #expect(document.proseSpans.count == 2)
    }

    struct DefinitionCase: Sendable, CustomTestStringConvertible {
        var name: String
        var markdown: String
        /// Each link reference definition as `label → destination`, the label as written.
        var definitions: [String]
        var prose: [String]
        var testDescription: String { name }
    }

    /// CommonMark 0.31's examples of link reference definitions (192–218) and a writer's: a title may
    /// start on the line after the destination and run over lines; what fails to be a title on the
    /// next line is a paragraph of its own, on the destination's line it leaves no definition.
    static let definitionCases: [DefinitionCase] = [
        DefinitionCase(name: "192 title in quotes", markdown: "[foo]: /url \"title\"\n\n[foo]\n", definitions: ["foo → /url"], prose: ["[foo]"]),
        DefinitionCase(name: "193 destination and title on lines of their own", markdown: "   [foo]: \n      /url  \n           'the title'  \n\n[foo]\n",
                       definitions: ["foo → /url"], prose: ["[foo]"]),
        DefinitionCase(name: "194 escaped bracket in the label", markdown: "[Foo*bar\\]]:my_(url) 'title (with parens)'\n\n[Foo*bar\\]]\n",
                       definitions: ["Foo*bar\\] → my_(url)"], prose: ["[Foo*bar\\]]"]),
        DefinitionCase(name: "195 destination in angle brackets on the next line", markdown: "[Foo bar]:\n<my url>\n'title'\n\n[Foo bar]\n",
                       definitions: ["Foo bar → my url"], prose: ["[Foo bar]"]),
        DefinitionCase(name: "196 title over several lines", markdown: "[foo]: /url '\ntitle\nline1\nline2\n'\n\n[foo]\n", definitions: ["foo → /url"], prose: ["[foo]"]),
        DefinitionCase(name: "197 a title with a blank line is none", markdown: "[foo]: /url 'title\n\nwith blank line'\n\n[foo]\n",
                       definitions: [], prose: ["[foo]: ", " 'title", "with blank line'", "[foo]"]),
        DefinitionCase(name: "198 destination on the next line", markdown: "[foo]:\n/url\n\n[foo]\n", definitions: ["foo → /url"], prose: ["[foo]"]),
        DefinitionCase(name: "199 no destination", markdown: "[foo]:\n\n[foo]\n", definitions: [], prose: ["[foo]:", "[foo]"]),
        DefinitionCase(name: "200 empty destination", markdown: "[foo]: <>\n\n[foo]\n", definitions: ["foo → "], prose: ["[foo]"]),
        DefinitionCase(name: "201 title without a space before it", markdown: "[foo]: <bar>(baz)\n\n[foo]\n", definitions: [], prose: ["[foo]: ", "(baz)", "[foo]"]),
        DefinitionCase(name: "202 escapes", markdown: "[foo]: /url\\bar\\*baz \"foo\\\"bar\\baz\"\n\n[foo]\n", definitions: ["foo → /url\\bar\\*baz"], prose: ["[foo]"]),
        DefinitionCase(name: "204 two of one label", markdown: "[foo]\n\n[foo]: first\n[foo]: second\n", definitions: ["foo → first", "foo → second"], prose: ["[foo]"]),
        DefinitionCase(name: "208 label over lines", markdown: "[\nfoo\n]: /url\nbar\n", definitions: ["\nfoo\n → /url"], prose: ["bar"]),
        DefinitionCase(name: "209 words after the title", markdown: "[foo]: /url \"title\" ok\n", definitions: [], prose: ["[foo]: ", " \"title\" ok"]),
        DefinitionCase(name: "210 words after a title on the next line", markdown: "[foo]: /url\n\"title\" ok\n", definitions: ["foo → /url"], prose: ["\"title\" ok"]),
        DefinitionCase(name: "211 indented code", markdown: "    [foo]: /url \"title\"\n\n[foo]\n", definitions: [], prose: ["[foo]"]),
        DefinitionCase(name: "212 fenced code", markdown: "```\n[foo]: /url\n```\n\n[foo]\n", definitions: [], prose: ["[foo]"]),
        DefinitionCase(name: "213 no definition inside a paragraph", markdown: "Foo\n[bar]: /baz\n\n[bar]\n", definitions: [], prose: ["Foo", "[bar]: ", "[bar]"]),
        DefinitionCase(name: "214 after a heading, before a quote", markdown: "# [Foo]\n[foo]: /url\n> bar\n", definitions: ["foo → /url"], prose: ["[Foo]", "bar"]),
        DefinitionCase(name: "215 before a setext heading", markdown: "[foo]: /url\nbar\n===\n[foo]\n", definitions: ["foo → /url"], prose: ["bar", "[foo]"]),
        DefinitionCase(name: "216 no setext heading of definitions alone", markdown: "[foo]: /url\n===\n[foo]\n", definitions: ["foo → /url"], prose: ["===", "[foo]"]),
        DefinitionCase(name: "217 one after another", markdown: "[foo]: /foo-url \"foo\"\n[bar]: /bar-url\n  \"bar\"\n[baz]: /baz-url\n\n[foo],\n[bar],\n[baz]\n",
                       definitions: ["foo → /foo-url", "bar → /bar-url", "baz → /baz-url"], prose: ["[foo],", "[bar],", "[baz]"]),
        DefinitionCase(name: "218 in a block quote", markdown: "[foo]\n\n> [foo]: /url\n", definitions: ["foo → /url"], prose: ["[foo]"]),
        DefinitionCase(name: "a title over lines, indented", markdown: "[docs]: ../docs/setup.md\n  \"The setup\n  guide\"\n\nRead [the guide][docs].\n",
                       definitions: ["docs → ../docs/setup.md"], prose: ["Read ", "the guide", "."]),
        DefinitionCase(name: "a title on the next line", markdown: "[docs]: ../docs/setup.md\n'Setup guide'\nRead it.\n",
                       definitions: ["docs → ../docs/setup.md"], prose: ["Read it."]),
        DefinitionCase(name: "a title in parentheses over lines", markdown: "[docs]: ../docs/setup.md (The setup\nguide)\n", definitions: ["docs → ../docs/setup.md"], prose: []),
        DefinitionCase(name: "no parenthesis inside a title in parentheses", markdown: "[docs]: ../docs/setup.md\n(The (setup) guide)\n",
                       definitions: ["docs → ../docs/setup.md"], prose: ["(The (setup) guide)"]),
        DefinitionCase(name: "a title over lines in a block quote", markdown: "> [docs]: ../docs/setup.md\n>   \"The setup\n>   guide\"\n>\n> Read it.\n",
                       definitions: ["docs → ../docs/setup.md"], prose: ["Read it."]),
        DefinitionCase(name: "a title over lines in a list item", markdown: "- [docs]: ../docs/setup.md\n  'The setup\n  guide'\n- Read it.\n",
                       definitions: ["docs → ../docs/setup.md"], prose: ["Read it."]),
        DefinitionCase(name: "an unclosed title on the next line is a paragraph", markdown: "[docs]: ../docs/setup.md\n\"The setup\n\nguide\"\n",
                       definitions: ["docs → ../docs/setup.md"], prose: ["\"The setup", "guide\""]),
        DefinitionCase(name: "an unclosed title on the destination's line leaves no definition", markdown: "[docs]: ../docs/setup.md \"The setup\n\nguide\"\n",
                       definitions: [], prose: ["[docs]: ", " \"The setup", "guide\""]),
        DefinitionCase(name: "a list item ends a title", markdown: "[docs]: ../docs/setup.md \"The setup\n- guide\"\n",
                       definitions: [], prose: ["[docs]: ", " \"The setup", "guide\""]),
        DefinitionCase(name: "unbalanced parentheses in the destination", markdown: "[a]: /url)\n\n[b]: /url(x\n\n[c]: /url(x)\n", definitions: ["c → /url(x)"],
                       prose: ["[a]: ", ")", "[b]: ", "(x"]),
        DefinitionCase(name: "a table after definitions", markdown: "[docs]: ../docs/setup.md\n| Term | Meaning |\n| --- | --- |\n| API | An interface |\n",
                       definitions: ["docs → ../docs/setup.md"], prose: ["Term", "Meaning", "API", "An interface"]),
    ]

    @Test(arguments: definitionCases)
    func linkReferenceDefinitions(_ example: DefinitionCase) {
        let (text, document) = scan(example.markdown)
        let links = document.links.filter { $0.kind == .definition }
        #expect(links.map { "\(text.string(in: $0.textRange)) → \($0.destination)" } == example.definitions)
        #expect(document.definitions.filter { $0.kind == .link }.map { text.string(in: $0.labelRange) } == links.map { text.string(in: $0.textRange) })
        #expect(document.proseSpans.map { text.string(in: $0.range) } == example.prose)
    }

    /// A definition's link runs from its label to the end of its title; its record takes every line,
    /// each without the quote markers it sits in.
    @Test func aDefinitionOverLinesTakesThemAll() {
        let marked = MarkedText("Intro.\n\n3️⃣> 1️⃣[docs]: 4️⃣../docs/setup.md5️⃣\n>   \"The setup\n> guide\"2️⃣\n8️⃣> [api]: 9️⃣/api\n")
        let (text, document) = scan(marked.text)
        let links = document.links.filter { $0.kind == .definition }
        #expect(links.map(\.range) == [marked.range("1️⃣", "2️⃣"), marked["9️⃣"] - 7..<marked["9️⃣"] + 4])
        #expect(links.first?.destinationRange == marked.range("4️⃣", "5️⃣"))
        #expect(document.definitions.map(\.kind) == [.link, .link])
        #expect(document.definitions.map(\.range) == [marked.range("3️⃣", "2️⃣"), marked["8️⃣"]..<marked["9️⃣"] + 4])
        #expect(document.definitions.map { $0.lines.map { text.string(in: $0) } } == [
            ["[docs]: ../docs/setup.md", "  \"The setup", "guide\""], ["[api]: /api"],
        ])
        #expect(document.proseSpans.map { text.string(in: $0.range) } == ["Intro."])
    }

    /// Footnote and abbreviation definitions are recorded wherever they are written, with every line
    /// they take (a footnote's indented continuation lines, and the blank lines between them), each
    /// without the markers of the quotes and list items around it.
    @Test func footnoteAndAbbreviationDefinitionsAreRecordedWithTheirLines() {
        let marked = MarkedText("""
            Text[^a] and the KSA.

            1️⃣> - [^a]: A note
            >       that runs on
            >
            >       with a second paragraph.2️⃣
            >
            >   Not the note's.

            3️⃣- 1. *[KSA]: Kubernetes service account4️⃣
            5️⃣-\t[^b]: Tabbed
            \t    on6️⃣
            <div>
            [^c]: raw HTML, no definition
            </div>

            """)
        let (text, document) = scan(marked.text)
        #expect(document.definitions.map(\.kind) == [.footnote, .abbreviation, .footnote])
        #expect(document.definitions.map { text.string(in: $0.labelRange) } == ["a", "KSA", "b"])
        #expect(document.definitions.map(\.range) == [marked.range("1️⃣", "2️⃣"), marked.range("3️⃣", "4️⃣"), marked.range("5️⃣", "6️⃣")])
        #expect(document.definitions.map { $0.lines.map { text.string(in: $0) } } == [
            ["[^a]: A note", "    that runs on", "", "    with a second paragraph."], ["*[KSA]: Kubernetes service account"], ["[^b]: Tabbed", "    on"],
        ])
        #expect(!document.proseSpans.contains { text.string(in: $0.range).contains("Kubernetes") })
        #expect(document.proseSpans.contains { text.string(in: $0.range) == "A note" })
    }

    /// An admonition's title is no paragraph, so it holds no link reference definition; a label may
    /// take 999 characters, however many bytes they are (CommonMark).
    @Test func definitionsWhereCommonMarkReadsThem() {
        let (text, admonition) = scan(":::note [Read this]: carefully\nBody.\n:::\n")
        #expect(admonition.definitions.isEmpty)
        #expect(admonition.proseBlocks.map { text.string(in: $0.range) } == ["[Read this]: carefully", "Body."])
        let long = String(repeating: "é", count: 999)
        #expect(scan("[\(long)]: /url\n").1.definitions.map(\.kind) == [.link])
        #expect(scan("[\(long)é]: /url\n").1.definitions.isEmpty)
    }

    /// A footnote's next paragraph, indented four columns after a blank line, is prose (GFM); eight
    /// columns make code inside the footnote; an unindented line ends the footnote.
    @Test func aFootnotesNextParagraphIsProse() {
        let (text, document) = scan("Text[^1].\n\n[^1]: First part.\n\n    Second part.\n\n        let code = 1\n\n    Third part.\n\nAfter.\n\n    Code again.\n")
        #expect(document.proseBlocks.map { text.string(in: $0.range) } == ["Text[^1].", "First part.", "Second part.", "Third part.", "After."])
        #expect(document.codeBlocks.map { text.string(in: $0.range) } == ["        let code = 1", "    Code again."])
    }

    /// A footnote definition interrupts a paragraph, as GFM reads one, and so does an abbreviation
    /// definition, as Python-Markdown reads one; a link reference definition does not (CommonMark).
    @Test func footnoteAndAbbreviationDefinitionsInterruptAParagraph() {
        let (text, document) = scan("The KSA signs it[^1].\n*[KSA]: Kubernetes service account\n[^1]: Once a night.\n[docs]: ../docs.md\n")
        #expect(document.definitions.map(\.kind) == [.abbreviation, .footnote])
        // The link reference definition cannot interrupt the footnote's paragraph: it is the footnote's lazy text.
        #expect(document.definitions.map { text.string(in: $0.range) } == ["*[KSA]: Kubernetes service account", "[^1]: Once a night.\n[docs]: ../docs.md"])
        #expect(document.links.filter { $0.kind == .definition }.isEmpty)
        #expect(document.proseSpans.map { text.string(in: $0.range) } == ["The KSA signs it", ".", "Once a night.", "[docs]: "])
    }

    @Test func htmlCommentsAreRecordedWithTrimmedContent() {
        let marked = MarkedText("1️⃣<!-- docent-ignore-next-line term-casing -->2️⃣\nText 3️⃣<!--inline-->4️⃣ here\n\n5️⃣<!--\n  multi\n  line\n-->6️⃣\n")
        let (_, document) = scan(marked.text)
        #expect(document.htmlComments.map(\.content) == ["docent-ignore-next-line term-casing", "inline", "multi\n  line"])
        #expect(document.htmlComments.map(\.range) == [marked.range("1️⃣", "2️⃣"), marked.range("3️⃣", "4️⃣"), marked.range("5️⃣", "6️⃣")])
    }

    @Test func commentsInsideHTMLBlocksAreRecorded() {
        let (_, document) = scan("<div>\n<!-- hidden -->\n</div>")
        #expect(document.htmlComments.map(\.content) == ["hidden"])
        #expect(document.proseSpans.isEmpty)
    }

    @Test func unclosedCommentRunsToTheEnd() {
        let (text, document) = scan("Intro\n\n<!-- never closed\nstill comment")
        #expect(document.proseSpans.map { text.string(in: $0.range) } == ["Intro"])
        #expect(document.htmlComments.map(\.content) == ["never closed\nstill comment"])
    }

    @Test func frontMatterIsReadAndSkipped() {
        let (_, document) = scan("---\ntitle: Service Catalog\n---\n# Heading\n")
        #expect(document.frontMatter?.string("title") == "Service Catalog")
        #expect(document.frontMatter?.range == 0..<31)
        #expect(document.title == "Service Catalog")
        #expect(document.headings.map(\.text) == ["Heading"])
    }

    /// Where the title's text is written: the front-matter `title` value, or the heading's text.
    private func writtenTitle(_ document: MarkdownDocument, _ text: SourceText) -> String? {
        switch document.titleSource {
        case .frontMatter(let entry): text.string(in: entry.reportedRange)
        case .heading(let heading): text.string(in: heading.textRange)
        case nil: nil
        }
    }

    @Test func documentTitleFallsBackToFirstLevelOneHeading() {
        let (text, document) = scan("## Intro\n\n# Real Title\n")
        #expect(document.title == "Real Title")
        #expect(writtenTitle(document, text) == "Real Title")
    }

    /// The title's text comes from a front-matter `title` before a `#` heading (as Docusaurus and
    /// MkDocs read it); an empty one does not count; a page with neither has none.
    @Test func theTitleSourceIsWhereTheTitleIsWritten() {
        let (text, titled) = scan("---\ntitle: \"Setting up\"\n---\n\n# Getting started\n\n## Introduction\n")
        #expect(titled.title == "Setting up")
        #expect(writtenTitle(titled, text) == "\"Setting up\"")
        let (emptyText, emptyTitle) = scan("---\ntitle: \"\"\n---\n\n## Introduction\n")
        #expect(emptyTitle.title == "Introduction")
        #expect(writtenTitle(emptyTitle, emptyText) == "Introduction")
        let (_, untitled) = scan("We use OAuth.\n\nMore text.\n")
        #expect(untitled.title == nil)
        #expect(untitled.titleSource == nil)
    }

    // MARK: Headings

    struct HeadingCase: Sendable, CustomTestStringConvertible {
        var markdown: String
        var levels: [Int]
        var texts: [String]
        var anchors: [String]
        var testDescription: String { markdown.debugDescription }
    }

    static let headingCases: [HeadingCase] = [
        HeadingCase(markdown: "# Title #", levels: [1], texts: ["Title"], anchors: ["title"]),
        HeadingCase(markdown: "## Access Token ##   ", levels: [2], texts: ["Access Token"], anchors: ["access-token"]),
        HeadingCase(markdown: "### C# basics", levels: [3], texts: ["C# basics"], anchors: ["c-basics"]),
        HeadingCase(markdown: "#NotAHeading", levels: [], texts: [], anchors: []),
        HeadingCase(markdown: "####### seven", levels: [], texts: [], anchors: []),
        HeadingCase(markdown: "Setext One\n==========\n\nSetext Two\n----------", levels: [1, 2], texts: ["Setext One", "Setext Two"], anchors: ["setext-one", "setext-two"]),
        HeadingCase(markdown: "Two line\nsetext heading\n===", levels: [1], texts: ["Two line setext heading"], anchors: ["two-line-setext-heading"]),
        HeadingCase(markdown: "## Install {#custom-install}", levels: [2], texts: ["Install"], anchors: ["custom-install"]),
        HeadingCase(markdown: "## What's new in 2.0?", levels: [2], texts: ["What's new in 2.0?"], anchors: ["whats-new-in-20"]),
        HeadingCase(markdown: "## The `docent check` command", levels: [2], texts: ["The `docent check` command"], anchors: ["the-docent-check-command"]),
        HeadingCase(markdown: "## [Linked](https://x.y) title", levels: [2], texts: ["[Linked](https://x.y) title"], anchors: ["linked-title"]),
        HeadingCase(markdown: "## Setup\n## Setup\n## Setup", levels: [2, 2, 2], texts: ["Setup", "Setup", "Setup"], anchors: ["setup", "setup-1", "setup-2"]),
        HeadingCase(markdown: "- item\n---", levels: [], texts: [], anchors: []),
        HeadingCase(markdown: "```\n# not a heading\n```", levels: [], texts: [], anchors: []),
    ]

    @Test(arguments: headingCases)
    func headings(_ example: HeadingCase) {
        let (_, document) = scan(example.markdown)
        #expect(document.headings.map(\.level) == example.levels)
        #expect(document.headings.map(\.text) == example.texts)
        #expect(document.headings.map(\.anchor) == example.anchors)
    }

    @Test func headingRanges() {
        let marked = MarkedText("1️⃣## 2️⃣Install3️⃣ {#setup}4️⃣\n\n5️⃣6️⃣Setext7️⃣\n------8️⃣\n")
        let (_, document) = scan(marked.text)
        #expect(document.headings.count == 2)
        #expect(document.headings[0].range == marked.range("1️⃣", "4️⃣"))
        #expect(document.headings[0].textRange == marked.range("2️⃣", "3️⃣"))
        #expect(document.headings[1].range == marked.range("5️⃣", "8️⃣"))
        #expect(document.headings[1].textRange == marked.range("6️⃣", "7️⃣"))
    }

    @Test func sectionRangesRunToTheNextHeadingOfTheSameOrHigherLevel() {
        let marked = MarkedText("1️⃣# A\ntext\n2️⃣## B\nmore\n3️⃣## C\nend\n4️⃣# D\nlast5️⃣")
        let (_, document) = scan(marked.text)
        #expect(document.headings.map(\.sectionRange) == [
            marked.range("1️⃣", "4️⃣"), marked.range("2️⃣", "3️⃣"), marked.range("3️⃣", "4️⃣"), marked.range("4️⃣", "5️⃣"),
        ])
        #expect(document.heading(containing: marked["3️⃣"] + 6)?.text == "C")
        #expect(document.heading(containing: 0)?.text == "A")
    }

    /// A block quote interrupts a paragraph; a line in fewer quotes than its paragraph is a lazy
    /// continuation of it (CommonMark 5.1); a quote's title cannot run on into a deeper quote.
    @Test func aBlockQuoteInterruptsAParagraph() {
        func blocks(_ markdown: String) -> [String] {
            let (text, document) = scan(markdown)
            return document.proseBlocks.map { text.string(in: $0.range) }
        }
        #expect(blocks("Some text\n> quoted here\n") == ["Some text", "quoted here"])
        #expect(blocks("> quoted\nlazy line\n") == ["quoted\nlazy line"])
        #expect(blocks("> outer\n> > inner\n") == ["outer", "inner"])
        #expect(blocks("> > inner\n> lazy\n") == ["inner\n> lazy"])
        let (_, titled) = scan("[a]: /url 'title\n> more'\n")
        #expect(titled.links.filter { $0.kind == .definition }.isEmpty)
        // A quote on the next line is no title, destination or label of the definition above it (example 215).
        let (text, quoted) = scan("[foo]: /url\n> \"Kubernetes title\"\n")
        #expect(quoted.links.map(\.destination) == ["/url"])
        #expect(quoted.definitions.map { text.string(in: $0.range) } == ["[foo]: /url"])
        #expect(quoted.proseSpans.map { text.string(in: $0.range) } == ["\"Kubernetes title\""])
        let (destinationText, destination) = scan("[foo]:\n> /url\n")
        #expect(destination.definitions.isEmpty)
        #expect(destination.proseBlocks.map { destinationText.string(in: $0.range) } == ["[foo]:", "/url"])
        #expect(scan("[foo\n> bar]: /url\n").1.definitions.isEmpty)
    }

    @Test func headingIsAProseBlock() {
        let (_, document) = scan("## Service Catalog\n\nBody")
        #expect(document.proseBlocks.map(\.kind) == [.heading(level: 2), .paragraph])
    }

    // MARK: Tables

    @Test func tableRowsAndCells() throws {
        let markdown = "| Term | Meaning |\n| --- | :---: |\n| Entity | A **thing** in the catalog |\n| `code|pipe` | escaped \\| pipe |\n\nAfter"
        let (text, document) = scan(markdown)
        let table = try #require(document.tables.first)
        #expect(document.tables.count == 1)
        #expect(table.rows.map { $0.map { text.string(in: $0) } } == [
            ["Term", "Meaning"],
            ["Entity", "A **thing** in the catalog"],
            ["`code|pipe`", "escaped \\| pipe"],
        ])
        #expect(text.string(in: table.range) == "| Term | Meaning |\n| --- | :---: |\n| Entity | A **thing** in the catalog |\n| `code|pipe` | escaped \\| pipe |")
        #expect(document.proseBlocks.filter { $0.kind == .tableCell }.count == 6)
        #expect(document.proseBlocks.last?.kind == .paragraph)
        #expect(document.proseBlocks.filter { $0.kind == .tableCell }.map { text.string(in: $0.range) } == table.rows.flatMap { $0 }.map { text.string(in: $0) })
    }

    @Test func tableCellProseLeavesCodeOut() {
        let texts = proseTexts("Name | Use\n--- | ---\n`cli` | Run it")
        #expect(texts == ["Name", "Use", "Run it"])
    }

    @Test func pipeWithoutDelimiterRowIsNotATable() {
        let (_, document) = scan("a | b\nnot a delimiter")
        #expect(document.tables.isEmpty)
        #expect(document.proseBlocks.map(\.kind) == [.paragraph])
    }

    // MARK: Joining

    @Test func softLineBreakJoinsSpans() {
        let marked = MarkedText("1️⃣A Service2️⃣\n3️⃣Catalog lists things.4️⃣")
        let (_, document) = scan(marked.text)
        #expect(document.proseSpans == [
            ProseSpan(range: marked.range("1️⃣", "2️⃣"), block: 0, joinsPrevious: false),
            ProseSpan(range: marked.range("3️⃣", "4️⃣"), block: 0, joinsPrevious: true),
        ])
    }

    @Test func spanAfterACodeSpanDoesNotJoin() {
        let (_, document) = scan("Run `x` then\nnext")
        #expect(document.proseSpans.map(\.joinsPrevious) == [false, false, true])
    }

    @Test func spansInSeparateParagraphsBelongToSeparateBlocks() {
        let (_, document) = scan("One\n\nTwo")
        #expect(document.proseSpans.map(\.block) == [0, 1])
        #expect(document.proseSpans.map(\.joinsPrevious) == [false, false])
    }

    @Test func blockQuoteSpansStartAfterTheMarker() {
        let marked = MarkedText("> 1️⃣Quoted2️⃣\n>3️⃣next4️⃣")
        let (_, document) = scan(marked.text)
        #expect(document.proseSpans.map(\.range) == [marked.range("1️⃣", "2️⃣"), marked.range("3️⃣", "4️⃣")])
        #expect(document.proseSpans.map(\.joinsPrevious) == [false, true])
    }

    @Test func linkTextWrappedOverTwoLines() {
        let texts = proseTexts("See [the service\ncatalog](#x) now")
        #expect(texts == ["See ", "the service", "catalog", " now"])
    }

    // MARK: Never fails

    @Test(arguments: [
        String(repeating: ">", count: 10_000),
        String(repeating: "[", count: 10_000),
        String(repeating: "[a](", count: 3_000),
        String(repeating: "`", count: 10_000),
        String(repeating: "<", count: 10_000),
        String(repeating: "- ", count: 5_000),
        String(repeating: "> - ", count: 3_000) + "text",
        String(repeating: "*", count: 10_000),
        String(repeating: "{", count: 10_000),
        String(repeating: "<!--", count: 3_000),
        String(repeating: "\n", count: 10_000),
        String(repeating: "|", count: 5_000) + "\n" + String(repeating: "-|", count: 2_500),
        "---\n" + String(repeating: "  - a\n", count: 2_000),
        // A title never closed, with lines that might each end it or open a table.
        "[a]: /u '\n" + String(repeating: "|-|\n", count: 20_000),
        "- [a]: /u (\n" + String(repeating: "===\n", count: 5_000),
        String(repeating: "[", count: 998) + "\n" + String(repeating: "a]: /u\n", count: 2_000),
        String(repeating: "> [^a]: b\n>     c\n", count: 2_000),
    ])
    func pathologicalInputStaysInBounds(_ markdown: String) {
        for isMDX in [false, true] {
            let text = SourceText(markdown)
            assertInBounds(MarkdownScanner.scan(text, isMDX: isMDX), count: text.count, input: String(markdown.prefix(12)) + "…")
        }
    }

    @Test func randomBytesNeverCrash() {
        var generator = SeededGenerator(seed: 0x5EED_D0C5)
        let alphabet = Array("`~<>[]()!*_-#|:{}\\/\"'=.^&;@ \t\n\r\n    abcHTw1".utf8)
        for iteration in 0..<4_000 {
            let length = Int.random(in: 0...48, using: &generator)
            var bytes: [UInt8] = []
            for _ in 0..<length {
                switch Int.random(in: 0..<10, using: &generator) {
                case 0: bytes.append(UInt8.random(in: 0x80...0xFF, using: &generator))
                case 1: bytes.append(UInt8.random(in: 0...0x7F, using: &generator))
                case 2: bytes += Array(["```", "---\n", "<!--", "-->", "http://", "www.", ":::", "    ", "| --- |", "😀", "日"].randomElement(using: &generator)!.utf8)
                default: bytes.append(alphabet.randomElement(using: &generator)!)
                }
            }
            let text = SourceText(bytes: bytes)
            let document = MarkdownScanner.scan(text, isMDX: iteration % 2 == 1)
            assertInBounds(document, count: text.count, input: "iteration \(iteration): \(bytes)")
        }
    }

    /// Every range the scanner reports lies inside the text; `input` names the text in failures.
    private func assertInBounds(_ document: MarkdownDocument, count: Int, input: String) {
        func check(_ range: ByteRange, _ what: String) {
            #expect(range.lowerBound >= 0 && range.upperBound <= count, "\(what) \(range) outside 0..<\(count) in \(input)")
        }
        var previousEnd = 0
        for span in document.proseSpans {
            check(span.range, "prose span")
            #expect(!span.range.isEmpty, "empty prose span in \(input)")
            #expect(span.block >= 0 && span.block < document.proseBlocks.count)
            // Prose spans come in document order and never overlap.
            #expect(span.range.lowerBound >= previousEnd, "prose span \(span.range) overlaps or precedes the one before in \(input)")
            previousEnd = span.range.upperBound
        }
        for block in document.proseBlocks { check(block.range, "prose block") }
        for heading in document.headings {
            check(heading.range, "heading")
            check(heading.textRange, "heading text")
            check(heading.sectionRange, "section")
        }
        for block in document.codeBlocks {
            check(block.range, "code block")
            check(block.contentRange, "code content")
        }
        for span in document.codeSpans { check(span, "code span") }
        for link in document.links {
            check(link.range, "link")
            check(link.textRange, "link text")
            check(link.destinationRange, "link destination")
        }
        for definition in document.definitions {
            check(definition.range, "definition")
            check(definition.labelRange, "definition label")
            for line in definition.lines { check(line, "definition line") }
        }
        for comment in document.htmlComments { check(comment.range, "comment") }
        for table in document.tables {
            check(table.range, "table")
            for row in table.rows { for cell in row { check(cell, "cell") } }
        }
        if let frontMatter = document.frontMatter {
            check(frontMatter.range, "front matter")
            check(frontMatter.contentRange, "front matter content")
        }
    }
}

/// SplitMix64: a small deterministic generator, so a failing random input can be reproduced.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
