import Testing
@testable import DocentCore

/// A glossary of bare terms, built directly from entries so the matcher is tested on its own.
func makeGlossary(_ terms: [String], aliases: [String: [String]] = [:]) -> Glossary {
    let entries = terms.enumerated().map { index, term in
        GlossaryEntry(term: term, senses: ["Definition \(index)."],
                      aliases: (aliases[term] ?? []).map { GlossaryAlias(name: $0, kind: .aka, range: 0..<0) },
                      file: "glossary.md", format: .headings, termRange: 0..<0, range: 0..<0, definitionRange: 0..<0, line: index)
    }
    return Glossary(files: [GlossaryFile(path: "glossary.md", format: .headings, entries: entries, problems: [], anchors: [])])
}

/// A document, the glossary terms, and every match as (text as written, glossary name).
struct MatchCase: Sendable, CustomTestStringConvertible {
    var name: String
    var terms: [String]
    var markdown: String
    var expected: [(String, String)]
    var aliases: [String: [String]] = [:]
    var testDescription: String { name }
}

private func matchPairs(_ terms: [String], _ markdown: String, aliases: [String: [String]] = [:]) -> [(String, String)] {
    let glossary = makeGlossary(terms, aliases: aliases)
    let text = SourceText(markdown)
    let matches = TermMatcher.matches(in: text, document: MarkdownScanner.scan(text, isMDX: false), glossary: glossary)
    return matches.map { (text.string(in: $0.range), glossary.names[$0.name].text) }
}

@Suite struct TermMatcherTests {
    static let cases: [MatchCase] = [
        MatchCase(name: "longest match wins", terms: ["Catalog", "Service Catalog"], markdown: "The Service Catalog lists every Catalog item.",
                  expected: [("Service Catalog", "Service Catalog"), ("Catalog", "Catalog")]),
        MatchCase(name: "a shorter term inside a longer one still matches alone", terms: ["Service Catalog", "Service"], markdown: "A Service here, a Service Catalog there.",
                  expected: [("Service", "Service"), ("Service Catalog", "Service Catalog")]),
        MatchCase(name: "case-insensitive, range as written", terms: ["Service Catalog"], markdown: "open the SERVICE catalog",
                  expected: [("SERVICE catalog", "Service Catalog")]),
        MatchCase(name: "plural with ies", terms: ["Entity"], markdown: "Two entities exist.", expected: [("entities", "Entity")]),
        MatchCase(name: "plural with s", terms: ["Plugin"], markdown: "Install plugins.", expected: [("plugins", "Plugin")]),
        MatchCase(name: "plural with es", terms: ["Class", "Cache"], markdown: "Classes and caches.", expected: [("Classes", "Class"), ("caches", "Cache")]),
        MatchCase(name: "plural of the last word of a phrase", terms: ["User Role"], markdown: "Assign user roles.", expected: [("user roles", "User Role")]),
        MatchCase(name: "possessive", terms: ["Harbor"], markdown: "Harbor's registry", expected: [("Harbor's", "Harbor")]),
        MatchCase(name: "curly possessive", terms: ["Harbor"], markdown: "Harbor’s registry", expected: [("Harbor’s", "Harbor")]),
        MatchCase(name: "plural possessive stops before the apostrophe", terms: ["Plugin"], markdown: "the plugins' settings", expected: [("plugins", "Plugin")]),
        MatchCase(name: "soft line break inside a term", terms: ["Service Catalog"], markdown: "Open the Service\nCatalog now.",
                  expected: [("Service\nCatalog", "Service Catalog")]),
        MatchCase(name: "an emphasis delimiter between words ends a use", terms: ["Service Catalog"], markdown: "the *Service* Catalog, the Service **Catalog**, the ~~Service~~ Catalog, the _Service_ Catalog", expected: []),
        MatchCase(name: "a use wholly inside one emphasis", terms: ["Service Catalog"], markdown: "the **Service Catalog** and _Service\nCatalog_", expected: [("Service Catalog", "Service Catalog"), ("Service\nCatalog", "Service Catalog")]),
        MatchCase(name: "hyphen joins words", terms: ["Service Catalog"], markdown: "a Service-Catalog page", expected: [("Service-Catalog", "Service Catalog")]),
        MatchCase(name: "no match across a sentence period", terms: ["Service Catalog", "Catalog"], markdown: "We run a Service. Catalog entries follow.",
                  expected: [("Catalog", "Catalog")]),
        MatchCase(name: "no match across a comma", terms: ["Service Catalog"], markdown: "Service, Catalog", expected: []),
        MatchCase(name: "no match across a code span", terms: ["Service Catalog"], markdown: "A Service `x` Catalog", expected: []),
        MatchCase(name: "no match across paragraphs", terms: ["Service Catalog"], markdown: "A Service\n\nCatalog", expected: []),
        MatchCase(name: "nothing in code, URLs, link targets, front matter or comments", terms: ["Entity"],
                  markdown: "---\ntitle: Entity\n---\nText `Entity` and https://example.com/Entity and [link](#entity) <!-- Entity -->\n\n```\nEntity\n```\n\n    Entity indented\n",
                  expected: []),
        MatchCase(name: "link text is prose", terms: ["Entity"], markdown: "See [entities](#entity).", expected: [("entities", "Entity")]),
        MatchCase(name: "HTML code elements are code, other elements prose", terms: ["Entity"],
                  markdown: "<code>entity</code>, <KBD>entity</KBD>, <samp class=\"x\">an\nentity</samp>, <var>entity</var >, <tt>entity</tt>; <b>entity</b> and <codex>entity</codex>",
                  expected: [("entity", "Entity"), ("entity", "Entity")]),
        MatchCase(name: "code elements one after another, and one left open", terms: ["Entity"],
                  markdown: "<code>entity</code> entity <code>entity</code> <kbd>x</kbd> entity <code>an open entity",
                  expected: [("entity", "Entity"), ("entity", "Entity"), ("entity", "Entity")]),
        MatchCase(name: "headings and table cells are prose", terms: ["Entity"], markdown: "## Entity\n\n| Name | Use |\n|---|---|\n| Entity | x |",
                  expected: [("Entity", "Entity"), ("Entity", "Entity")]),
        MatchCase(name: "a plural before a hyphen", terms: ["Tenant"], markdown: "The Tenants-API", expected: [("Tenants", "Tenant")]),
        MatchCase(name: "no match inside a longer word", terms: ["Catalog"], markdown: "Catalogue, Subcatalog, catalogs, Catalog2", expected: [("catalogs", "Catalog")]),
        MatchCase(name: "numbers and dots stay inside words", terms: ["Node.js", "Backstage 2.0"], markdown: "Run Node.js with Backstage 2.0.",
                  expected: [("Node.js", "Node.js"), ("Backstage 2.0", "Backstage 2.0")]),
        MatchCase(name: "aliases match too", terms: ["JSON Web Token"], markdown: "Send the JWT, a json web token.",
                  expected: [("JWT", "JWT"), ("json web token", "JSON Web Token")], aliases: ["JSON Web Token": ["JWT"]]),
        MatchCase(name: "CJK term inside CJK text", terms: ["服务"], markdown: "这个服务很好", expected: [("服务", "服务")]),
        MatchCase(name: "CJK term needs all its characters", terms: ["服务目录"], markdown: "服务很好，服务目录更好", expected: [("服务目录", "服务目录")]),
        MatchCase(name: "accented words", terms: ["Café"], markdown: "Le CAFÉ ouvre.", expected: [("CAFÉ", "Café")]),
        MatchCase(name: "short words are not inflected", terms: ["A"], markdown: "As is", expected: []),
    ]

    @Test(arguments: cases)
    func matches(_ example: MatchCase) {
        let found = matchPairs(example.terms, example.markdown, aliases: example.aliases)
        #expect(found.map(\.0) == example.expected.map(\.0))
        #expect(found.map(\.1) == example.expected.map(\.1))
    }

    @Test func emojiBeforeATermKeepsExactRanges() {
        let marked = MarkedText("😀 1️⃣Entity2️⃣ and 👩‍💻 3️⃣plugins4️⃣ 日本 5️⃣Entity6️⃣")
        let glossary = makeGlossary(["Entity", "Plugin"])
        let text = marked.source
        let matches = TermMatcher.matches(in: text, document: MarkdownScanner.scan(text), glossary: glossary)
        #expect(matches.map(\.range) == [marked.range("1️⃣", "2️⃣"), marked.range("3️⃣", "4️⃣"), marked.range("5️⃣", "6️⃣")])
        // And the ranges convert to the columns an editor shows.
        #expect(text.position(of: marked["1️⃣"], encoding: .utf16) == Position(line: 0, character: 3))
        #expect(text.position(of: marked["3️⃣"], encoding: .utf16) == Position(line: 0, character: 20))
    }

    @Test func inflectionIsRecorded() {
        let glossary = makeGlossary(["Entity", "Plugin", "Harbor", "Class"])
        let text = SourceText("entities plugins Harbor's classes Entity")
        let matches = TermMatcher.matches(in: text, document: MarkdownScanner.scan(text), glossary: glossary)
        #expect(matches.map(\.isInflected) == [true, true, true, true, false])
        #expect(matches.map(\.inflectionLength) == [3, 1, 2, 2, 0])
        #expect(matches.map(\.block) == [0, 0, 0, 0, 0])
    }

    @Test func matchesCarryTheirBlock() {
        let glossary = makeGlossary(["Entity"])
        let text = SourceText("# Entity\n\nAn entity.\n\n> Entity quoted")
        let matches = TermMatcher.matches(in: text, document: MarkdownScanner.scan(text), glossary: glossary)
        #expect(matches.map(\.block) == [0, 1, 2])
    }

    @Test func emptyGlossaryMatchesNothing() {
        let text = SourceText("Entity")
        #expect(TermMatcher.matches(in: text, document: MarkdownScanner.scan(text), glossary: .empty) == [])
    }

    @Test func plainRangeIgnoresMarkdown() {
        let glossary = makeGlossary(["Entity"])
        let marked = MarkedText("x `1️⃣Entity2️⃣` y 3️⃣Entity4️⃣")
        let matches = TermMatcher.matches(inPlainRange: 0..<marked.text.utf8.count, of: marked.source, glossary: glossary)
        #expect(matches.map(\.range) == [marked.range("1️⃣", "2️⃣"), marked.range("3️⃣", "4️⃣")])
        #expect(matches.map(\.block) == [-1, -1])
    }

    @Test func snapshotMatchesUseTheWorkspaceGlossary() {
        let snapshot = WorkspaceSnapshot(documents: [
            WorkspaceDocument(path: "docs/glossary.md", text: SourceText("## Service Catalog\n\nThe index of software.\n\n## Catalog\n\nA list.\n")),
            WorkspaceDocument(path: "docs/page.md", text: SourceText("Browse the service catalogs and the Catalog.")),
        ])
        let text = snapshot.document("docs/page.md")!.text
        #expect(snapshot.termMatches(in: "docs/page.md").map { text.string(in: $0.range) } == ["service catalogs", "Catalog"])
        #expect(snapshot.termMatches(in: "missing.md") == [])
    }

    @Test func randomProseNeverCrashesTheMatcher() {
        var generator = SeededGenerator(seed: 42)
        let glossary = makeGlossary(["Entity", "Service Catalog", "服务", "Harbor", "A B C"])
        let pieces = ["Entity", "entities", "Service", "Catalog", " ", "\n", "'", "’", "s", "-", "*", ".", "服", "务", "😀", "`", "[", "](x)", "\u{301}", "é"]
        for _ in 0..<2_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...24, using: &generator) {
                if Int.random(in: 0..<8, using: &generator) == 0 {
                    bytes.append(UInt8.random(in: 0x80...0xFF, using: &generator))
                } else {
                    bytes += Array(pieces.randomElement(using: &generator)!.utf8)
                }
            }
            let text = SourceText(bytes: bytes)
            let document = MarkdownScanner.scan(text)
            var previousEnd = 0
            for match in TermMatcher.matches(in: text, document: document, glossary: glossary) {
                #expect(match.range.lowerBound >= previousEnd && match.range.upperBound <= text.count && !match.range.isEmpty)
                #expect(match.name >= 0 && match.name < glossary.names.count)
                previousEnd = match.range.upperBound
            }
        }
    }
}

@Suite struct EdgeTableTests {
    /// Every key inserted is found with its last value through many growths (at half load, thousands of
    /// them share a first slot and are found by probing); absent keys are not; 0 is a key like any other.
    @Test func keysSurviveGrowthAndCollisions() {
        var table = EdgeTable()
        var generator = SeededGenerator(seed: 11)
        var keys: [UInt64] = [0, 2, 3]
        for _ in 0..<20_000 { keys.append(generator.next()) }
        // Keys that differ only in their lowest bits.
        for low in 0..<64 as Range<UInt64> { keys.append(0xABCD_0000_0000_0000 | low) }
        for (index, key) in keys.enumerated() { table.insert(key, Int32(index)) }
        table.insert(keys[5], -7)
        #expect(table.count == keys.count)
        for (index, key) in keys.enumerated() {
            #expect(table.value(for: key) == (index == 5 ? -7 : Int32(index)))
        }
        var absent = SeededGenerator(seed: 12)
        for _ in 0..<1_000 {
            let key = absent.next()
            if !keys.contains(key) { #expect(table.value(for: key) == nil) }
        }
        #expect(table.value(for: 0xABCD_0000_0000_0040) == nil)
    }
}
