import Testing
@testable import DocentCore

/// Hostile documents and glossaries for the pure core: each one scans, parses and checks to a value
/// plus problems — nothing thrown, nothing trapped, no unbounded recursion — and what the writer should
/// hear about is a diagnostic. Sizes are bounded so the suite stays quick; times are measured by
/// `Tests/reliability/hostile-workspace.sh`, not asserted here.
@Suite struct HostileInputTests {
    static let glossary = "## Service Catalog\n\nThe place that records who owns software.\n\n## Blueprints\n\nTemplates for new projects.\n"

    static func snapshot(page: String, glossary: String = HostileInputTests.glossary) -> WorkspaceSnapshot {
        WorkspaceSnapshot(configuration: Configuration(glossaries: [GlossarySource(pattern: "glossary.md")]), documents: [
            WorkspaceDocument(path: "glossary.md", text: SourceText(glossary)),
            WorkspaceDocument(path: "page.md", text: SourceText(page)),
        ])
    }

    static func termMatches(_ page: String) -> [String] {
        let snapshot = snapshot(page: page)
        let document = snapshot.document("page.md")!
        return TermMatcher.matches(in: document.text, document: document.markdown, glossary: snapshot.glossary).map { document.text.string(in: $0.range) }
    }

    // MARK: Nesting

    @Test func deeplyNestedBlockQuotes() {
        let page = String(repeating: "> ", count: 100_000) + "The Service Catalog\n"
        let matches = Self.termMatches(page)
        #expect(matches == ["Service Catalog"])
        _ = RuleRegistry.diagnostics(for: "page.md", in: Self.snapshot(page: page))
    }

    @Test func deeplyNestedListMarkers() {
        let page = String(repeating: "- ", count: 100_000) + "The Service Catalog\n"
        _ = Self.termMatches(page)
        _ = RuleRegistry.diagnostics(for: "page.md", in: Self.snapshot(page: page))
    }

    @Test func listsIndentedThousandsOfLevels() {
        // Every item one level deeper: 3,000 levels, 9 MB of indentation.
        let page = (0..<3000).map { String(repeating: "  ", count: $0) + "- item about the Service Catalog\n" }.joined()
        let snapshot = Self.snapshot(page: page)
        #expect(snapshot.document("page.md") != nil)
        _ = RuleRegistry.diagnostics(for: "page.md", in: snapshot)
    }

    @Test func mixedQuotesListsAndNumbers() {
        let page = String(repeating: "> - 1. ", count: 30_000) + "Blueprints\n" + String(repeating: ">", count: 50_000) + "\n"
        _ = Self.termMatches(page)
        _ = RuleRegistry.diagnostics(for: "page.md", in: Self.snapshot(page: page))
    }

    @Test func headingsAndFencesWithoutEnd() {
        let page = String(repeating: "#", count: 100_000) + " x\n" + String(repeating: "```\n", count: 20_001) + String(repeating: "~", count: 100_000)
        let document = MarkdownScanner.scan(SourceText(page))
        #expect(document.codeBlocks.count >= 1)
    }

    // MARK: Odd text

    @Test func controlCharactersAndNULsInText() {
        // The language server takes any JSON string, NUL included, as document text.
        let page = "# Title\u{0}\n\nThe Service\u{0}Catalog \u{1}\u{7F}\u{FEFF} Blueprints\r\r\r\n\u{0}"
        let matches = Self.termMatches(page)
        #expect(matches.contains("Blueprints"))
        _ = RuleRegistry.diagnostics(for: "page.md", in: Self.snapshot(page: page))
    }

    @Test func invalidUTF8IsRepairedToReplacementCharacters() {
        let bytes: [UInt8] = Array("The Service ".utf8) + [0xFF, 0xC3, 0x28, 0xED, 0xA0, 0x80, 0xF4, 0x90, 0x80, 0x80] + Array(" Catalog\n".utf8)
        let text = SourceText(bytes: bytes)
        #expect(String(validating: text.bytes, as: UTF8.self) != nil)
        #expect(text.string.contains("\u{FFFD}"))
        for offset in 0...text.count {
            let position = text.position(of: offset)
            #expect(text.offset(of: position) <= offset)
        }
    }

    @Test func oneBaseCharacterWithAMillionCombiningMarks() {
        let page = "The e" + String(repeating: "\u{301}", count: 1_000_000) + " Service Catalog\n"
        let text = SourceText(page)
        // A position in the middle of the grapheme converts both ways (UTF-16 columns, one per mark).
        let position = text.position(of: 500_000, encoding: .utf16)
        #expect(position.line == 0)
        #expect(text.offset(of: position, encoding: .utf16) == 500_000 || text.offset(of: position, encoding: .utf16) == 499_999)
        #expect(Self.termMatches(page) == ["Service Catalog"])
    }

    @Test func aWordAMillionBytesLong() {
        let page = "Service " + String(repeating: "Catalog", count: 150_000) + " Service Catalog " + String(repeating: "日", count: 300_000) + "\n"
        #expect(Self.termMatches(page) == ["Service Catalog"])
    }

    @Test func onlyLineEnds() {
        for page in [String(repeating: "\r", count: 200_000), String(repeating: "\r\n", count: 100_000), String(repeating: "\n\r", count: 100_000)] {
            let text = SourceText(page)
            #expect(text.lineTable.lineCount > 100_000)
            #expect(text.position(of: text.count).line == text.lineTable.lineCount - 1)
            _ = RuleRegistry.diagnostics(for: "page.md", in: Self.snapshot(page: page))
        }
    }

    /// Regression: on one long line that is not ASCII, each position conversion walked from the start
    /// of the line, so a 50 MB line with a finding every few words took hours to report (found by
    /// `Tests/reliability/hostile-workspace.sh`). Conversions now start from checkpoints; they must
    /// give exactly what the walk from the line start gives, in every encoding, both ways.
    @Test func positionsOnALongNonASCIILineMatchAWalkFromTheLineStart() {
        let line = (0..<3000).map { ["The Dochub ", "日本語 ", "😀‍👩 ", "e\u{301} ", "ascii words here "][$0 % 5] }.joined()
        let text = SourceText("short é line\r\n" + line + "\n" + line + "\rtail 😀")
        for encoding in [PositionEncoding.utf8, .utf16, .utf32] {
            for lineIndex in 0..<text.lineTable.lineCount {
                let range = text.lineRange(lineIndex)
                let content = text.string(in: range)
                var offset = range.lowerBound
                var column = 0
                for scalar in content.unicodeScalars {
                    #expect(text.position(of: offset, encoding: encoding) == Position(line: lineIndex, character: column))
                    #expect(text.offset(of: Position(line: lineIndex, character: column), encoding: encoding) == offset)
                    // A column inside a surrogate pair (or a UTF-8 sequence) rounds down to the scalar.
                    let width = encoding == .utf8 ? UTF8.width(scalar) : encoding == .utf16 ? UTF16.width(scalar) : 1
                    if width > 1 { #expect(text.offset(of: Position(line: lineIndex, character: column + 1), encoding: encoding) == offset) }
                    offset += UTF8.width(scalar)
                    column += width
                }
                #expect(text.position(of: range.upperBound, encoding: encoding) == Position(line: lineIndex, character: column))
                #expect(text.offset(of: Position(line: lineIndex, character: column + 1000), encoding: encoding) == range.upperBound)
            }
        }
    }

    @Test func aLongLineWithAFindingEveryFewWords() {
        let glossary = "## DocHub\n\nThe docs viewer.\n"
        let page = String(repeating: "The Dochub lists 日本語 and e\u{301}. ", count: 20_000)
        let snapshot = Self.snapshot(page: page, glossary: glossary)
        let findings = RuleRegistry.diagnostics(for: "page.md", in: snapshot)
        #expect(findings.count == 20_000)
        let text = snapshot.document("page.md")!.text
        let last = text.positionRange(of: findings.last!.range)
        #expect(last.start == Position(line: 0, character: 19_999 * 29 + 4))
    }

    // MARK: Glossaries

    @Test func anEntryThatRedirectsToItselfIsReported() {
        // Names are compared as matching compares them: "See loop." under "Loop" names the entry itself.
        let glossary = "## Loop\n\nSee [loop](#loop).\n\n## Self\n\nKnown as SELF.\n\n## Service Catalog\n\nThe catalog.\n"
        let file = GlossaryParser.parse(SourceText(glossary), path: "glossary.md")
        #expect(file.entries.count == 3)
        #expect(file.entries.allSatisfy { $0.preferredTerm == nil }, "a term is not a discouraged name of itself")
        #expect(file.problems.map(\.message) == [
            "“Loop” refers to itself; a redirect (See, Known as, Alternative term for) must name another entry",
            "“Self” refers to itself; a redirect (See, Known as, Alternative term for) must name another entry",
        ])
        let snapshot = Self.snapshot(page: "Loop and Self and the Service Catalog.\n", glossary: glossary)
        let codes = RuleRegistry.diagnostics(for: "glossary.md", in: snapshot).map(\.code)
        #expect(codes.filter { $0 == "glossary-missing-term" }.count == 2)
        // Hover on the page terminates and shows the entry itself.
        let hover = HoverFeature.hover(at: 1, in: "page.md", snapshot: snapshot) { file, line in "\(file):\(line)" }
        #expect(hover != nil)
    }

    @Test func redirectsInACycleTerminate() {
        let glossary = "## Alpha\n\nAlternative term for Beta.\n\n## Beta\n\nAlternative term for Gamma.\n\n## Gamma\n\nAlternative term for Alpha.\n"
        let snapshot = Self.snapshot(page: "Alpha, Beta and Gamma.\n", glossary: glossary)
        for path in ["glossary.md", "page.md"] { _ = RuleRegistry.diagnostics(for: path, in: snapshot) }
        for offset in [0, 8, 16] {
            _ = HoverFeature.hover(at: offset, in: "page.md", snapshot: snapshot) { file, line in "\(file):\(line)" }
            _ = DefinitionFeature.definitions(at: offset, in: "page.md", snapshot: snapshot)
        }
    }

    @Test func aGlossaryWithManyEntriesAndDuplicates() {
        // 5,000 entries (the 100,000-entry case runs in the script), every tenth a duplicate.
        var glossary = ""
        for index in 0..<5000 {
            glossary += "## Term \(index % 10 == 0 ? 0 : index)\n\nDefinition number \(index), see [Term 1](#term-1).\n\n"
        }
        let file = GlossaryParser.parse(SourceText(glossary), path: "glossary.md")
        #expect(file.entries.count == 5000)
        let snapshot = Self.snapshot(page: "Term 42 and Term 4999 and Term 0.\n", glossary: glossary)
        let duplicates = RuleRegistry.diagnostics(for: "glossary.md", in: snapshot).filter { $0.code == "glossary-duplicate" }
        #expect(duplicates.count >= 499)
    }

    @Test func everyLayoutForcedOnEveryOtherLayout() {
        let samples = [
            "## A\n\nOne.\n", "| Term | Definition |\n|---|---|\n| A | One |\n", "A\n\nOne.\n", "- **A** - one\n", "A\n: one\n",
            "---\ntitle: A\nshort_description: One\n---\n<!--more-->\n", "*[A]: One\n", "", "\u{0}\u{FFFD}", String(repeating: "|", count: 10_000),
        ]
        for sample in samples {
            for format in GlossaryFormat.allCases {
                let file = GlossaryParser.parse(SourceText(sample), path: "glossary.md", format: format)
                for entry in file.entries { #expect(entry.range.upperBound <= sample.utf8.count) }
            }
        }
    }
}
