import Foundation
import Testing
@testable import DocentCore

/// `fixtures/fix`: a glossary, pages with problems, and the pages as they should read after every safe
/// fix. The configuration here is what `fixtures/fix/docent.json` says.
enum FixFixture {
    static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("fixtures/fix")
    }
    static let configuration = Configuration(include: ["docs/**/*.md", "reference/**/*.md"], glossaries: [GlossarySource(pattern: "reference/glossary.md")])

    static func pages() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("docs").path).filter { $0.hasSuffix(".md") }.sorted()
    }

    static func bytes(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: root.appendingPathComponent(path)))
    }

    /// The fixture workspace, with `replacing` texts instead of the files' own.
    static func snapshot(replacing: [String: [UInt8]] = [:]) throws -> WorkspaceSnapshot {
        var documents = [WorkspaceDocument(path: "reference/glossary.md", text: SourceText(bytes: try bytes("reference/glossary.md")))]
        for page in try pages() {
            let path = "docs/" + page
            documents.append(WorkspaceDocument(path: path, text: SourceText(bytes: try replacing[path] ?? bytes(path))))
        }
        return WorkspaceSnapshot(configuration: configuration, documents: documents)
    }
}

@Suite struct FixOutputTests {
    @Test func theFixtureHasPagesAndExpectations() throws {
        let pages = try FixFixture.pages()
        #expect(pages.count >= 4)
        for page in pages {
            #expect(FileManager.default.fileExists(atPath: FixFixture.root.appendingPathComponent("expected/" + page).path), "no expected/\(page)")
        }
    }

    @Test(arguments: ["clean.md", "getting-started.md", "graphql.md", "kubectl.md"])
    func fixAllGivesTheExpectedFile(page: String) throws {
        let snapshot = try FixFixture.snapshot()
        let path = "docs/" + page
        let document = try #require(snapshot.document(path))
        let fixed = TerminologyFixes.apply(TerminologyFixes.fixAll(in: path, snapshot: snapshot), to: document.text.bytes)
        let expected = try FixFixture.bytes("expected/" + page)
        #expect(fixed == expected, "\(page):\n\(String(decoding: fixed, as: UTF8.self))")
    }

    @Test func everyPageInTheFixtureIsCompared() throws {
        // The parameterised test above names the pages; a new page must be added there too.
        #expect(try FixFixture.pages() == ["clean.md", "getting-started.md", "graphql.md", "kubectl.md"])
    }

    @Test func theExpectedFilesNeedNoFurtherFixes() throws {
        var replacing: [String: [UInt8]] = [:]
        for page in try FixFixture.pages() { replacing["docs/" + page] = try FixFixture.bytes("expected/" + page) }
        let snapshot = try FixFixture.snapshot(replacing: replacing)
        for page in try FixFixture.pages() {
            #expect(TerminologyFixes.fixAll(in: "docs/" + page, snapshot: snapshot) == [], "docs/\(page)")
        }
        // What stays is what fixes cannot touch: the suppressed line.
        #expect(RuleRegistry.diagnostics(for: "docs/graphql.md", in: snapshot).isEmpty)
    }

    @Test func theFixtureGlossaryIsClean() throws {
        let snapshot = try FixFixture.snapshot()
        #expect(RuleRegistry.diagnostics(for: "reference/glossary.md", in: snapshot).isEmpty)
        #expect(TerminologyFixes.fixAll(in: "reference/glossary.md", snapshot: snapshot).isEmpty)
    }
}

@Suite struct FixTests {
    @Test func fixAllEditsAreInOrderAndDoNotOverlap() throws {
        // "Jwt" draws both term-abbreviation and term-casing at the same range: one edit only.
        let text = "Send a Jwt to dochub, then the Scaffolders.\n"
        let snapshot = terminologySnapshot(["docs/page.md": text])
        let edits = TerminologyFixes.fixAll(in: "docs/page.md", snapshot: snapshot)
        #expect(edits == [
            FileEdit(file: "docs/page.md", range: 7..<10, newText: "JSON Web Token (JWT)"),
            FileEdit(file: "docs/page.md", range: 14..<20, newText: "DocHub"),
            FileEdit(file: "docs/page.md", range: 31..<42, newText: "Blueprints"),
        ])
        let fixed = String(decoding: TerminologyFixes.apply(edits, to: Array(text.utf8)), as: UTF8.self)
        #expect(fixed == "Send a JSON Web Token (JWT) to DocHub, then the Blueprints.\n")
    }

    @Test func fixAllRespectsSuppressionsAndConfiguration() {
        let configuration = Configuration(glossaries: [GlossarySource(pattern: "docs/glossary.md")], rules: ["term-alias": .off])
        let text = "<!-- docent-disable-next-line -->\nThe dochub.\nThe Scaffolder and dochub.\n"
        let snapshot = terminologySnapshot(["docs/page.md": text], configuration: configuration)
        let fixed = String(decoding: TerminologyFixes.apply(TerminologyFixes.fixAll(in: "docs/page.md", snapshot: snapshot), to: Array(text.utf8)), as: UTF8.self)
        #expect(fixed == "<!-- docent-disable-next-line -->\nThe dochub.\nThe Scaffolder and DocHub.\n")
    }

    /// Fixes never rewrite front matter, whatever its syntax: a slug or a keyword is data.
    @Test func fixAllLeavesFrontMatterAlone() {
        for frontMatter in ["---\ntitle: Dochub docs\nslug: dochub\n---\n", "+++\ntitle = \"Dochub docs\"\nslug = \"dochub\"\n+++\n",
                            "{\n  \"title\": \"Dochub docs\",\n  \"slug\": \"dochub\",\n  \"keywords\": [\"Dochub\", \"Scaffolder\"]\n}\n"] {
            let text = frontMatter + "\nThe dochub.\n"
            let snapshot = terminologySnapshot(["docs/page.md": text])
            let start = frontMatter.utf8.count + 5
            #expect(TerminologyFixes.fixAll(in: "docs/page.md", snapshot: snapshot) == [FileEdit(file: "docs/page.md", range: start..<(start + 6), newText: "DocHub")], "\(frontMatter)")
        }
    }

    @Test func applyWorksBackToFrontOnBytes() {
        let bytes = Array("aé b c".utf8)
        let edits = [FileEdit(file: "x", range: 0..<3, newText: "ü"), FileEdit(file: "x", range: 6..<7, newText: "CC"), FileEdit(file: "x", range: 4..<4, newText: "+")]
        #expect(String(decoding: TerminologyFixes.apply(edits, to: bytes), as: UTF8.self) == "ü +b CC")
    }

    @Test func quickFixForEachRule() throws {
        let text = "Send a JWT to dochub, then the Scaffolders.\n"
        let snapshot = terminologySnapshot(["docs/page.md": text])
        let diagnostics = RuleRegistry.diagnostics(for: "docs/page.md", in: snapshot)
        #expect(diagnostics.map(\.code) == ["term-abbreviation", "term-casing", "term-alias"])
        let fixes = diagnostics.compactMap(TerminologyFixes.quickFix(for:))
        #expect(fixes.map(\.title) == ["Spell out as “JSON Web Token (JWT)”", "Replace with “DocHub”", "Replace with “Blueprints”"])
        #expect(fixes.allSatisfy { $0.kind == "quickfix" && $0.isPreferred && $0.isSafe })
        #expect(fixes.map(\.fixes) == diagnostics.map { [$0] })
        #expect(fixes.map(\.operations) == [
            [.edit(FileEdit(file: "docs/page.md", range: 7..<10, newText: "JSON Web Token (JWT)"))],
            [.edit(FileEdit(file: "docs/page.md", range: 14..<20, newText: "DocHub"))],
            [.edit(FileEdit(file: "docs/page.md", range: 31..<42, newText: "Blueprints"))],
        ])
    }

    /// Review finding F7: a use over a soft line break keeps its line break in the edit, but the title,
    /// a one-line menu item, reads with single spaces as the message does.
    @Test func aTitleIsOneLineWhenTheUseRunsOverALineBreak() throws {
        let text = "The Json Web\n   Token again.\n"
        let snapshot = terminologySnapshot(["docs/page.md": text], glossary: terminologyGlossary + "\n## JSON Web Token\n\nA signed token.\n")
        let diagnostics = RuleRegistry.diagnostics(for: "docs/page.md", in: snapshot).filter { $0.code == "term-casing" }
        #expect(diagnostics.map(\.message) == ["Write “JSON Web Token”, not “Json Web Token”"])
        let fix = try #require(diagnostics.first.flatMap(TerminologyFixes.quickFix(for:)))
        #expect(fix.title == "Replace with “JSON Web Token”")
        #expect(fix.operations == [.edit(FileEdit(file: "docs/page.md", range: 4..<21, newText: "JSON Web\n   Token"))])
        // The same for a replacement that changes number, and for a spelled-out abbreviation.
        let plural = Diagnostic(code: "term-alias", severity: .warning, message: "", file: "docs/page.md", range: 0..<3,
                                data: ["replacement": .string("User\n  Roles"), "changesNumber": .bool(true)])
        #expect(TerminologyFixes.quickFix(for: plural)?.title == "Replace with “User Roles” (singular → plural: check the sentence still agrees)")
        let abbreviation = Diagnostic(code: "term-abbreviation", severity: .information, message: "", file: "docs/page.md", range: 0..<3,
                                      data: ["replacement": .string("JSON Web\r\nToken (JWT)")])
        #expect(TerminologyFixes.quickFix(for: abbreviation)?.title == "Spell out as “JSON Web Token (JWT)”")
    }

    @Test func aShoutedPluralOrPossessiveGetsTheGlossarySpelling() throws {
        // Written in capitals with a plural or possessive ending: the ending follows the canonical
        // spelling ("DocHubs"), never the shout ("DocHubS").
        let text = "We run two DOCHUBS. The DOCHUB'S index is shared by all PERSONAS and every PERSONA’S admin.\n"
        let snapshot = terminologySnapshot(["docs/page.md": text])
        let fixed = String(decoding: TerminologyFixes.apply(TerminologyFixes.fixAll(in: "docs/page.md", snapshot: snapshot), to: Array(text.utf8)), as: UTF8.self)
        #expect(fixed == "We run two DocHubs. The DocHub's index is shared by all User Roles and every User Role’s admin.\n")
        let titles = RuleRegistry.diagnostics(for: "docs/page.md", in: snapshot).compactMap(TerminologyFixes.quickFix(for:)).map(\.title)
        #expect(titles.contains("Replace with “DocHubs”"))
        #expect(!titles.contains { $0.contains("DocHubS") || $0.contains("RoleS") })
    }

    /// The replacement for `written` (whose last `inflection` bytes are its ending) by `canonical`.
    func replaced(_ canonical: String, _ written: String, _ inflection: Int) -> String {
        TermSpelling.replacement(canonical: canonical, written: written, inflectionLength: inflection)
    }

    @Test func endingsFollowTheCaseOfTheReplacement() {
        #expect(replaced("DocHub", "DOCHUBS", 1) == "DocHubs")
        #expect(replaced("DocHub", "DOCHUB'S", 2) == "DocHub's")
        #expect(replaced("DocHub", "DOCHUBS'", 2) == "DocHubs'")
        #expect(replaced("Entity", "ENTITIES", 3) == "Entities")
        #expect(replaced("Box", "BOXES", 2) == "Boxes")
        // An abbreviation is in capitals itself: the ending stays as the writer chose.
        #expect(replaced("JWT", "JWTS", 1) == "JWTS")
        #expect(replaced("JWT", "jwts", 1) == "JWTs")
        #expect(replaced("API", "Api's", 2) == "API's")
    }

    @Test func aPossessiveOfAPluralPreferredTermTakesTheApostropheAlone() throws {
        // "Scaffolder" is known as "Blueprints", a plural: "Blueprints'" is English, "Blueprints's" is not.
        let text = "The Scaffolder's form asks for a name. Both scaffolders' owners agree; the scaffolder’s log is kept.\n"
        let snapshot = terminologySnapshot(["docs/page.md": text])
        let diagnostics = RuleRegistry.diagnostics(for: "docs/page.md", in: snapshot)
        #expect(diagnostics.map { $0.data["replacement"] } == [.string("Blueprints'"), .string("Blueprints"), .string("Blueprints’")])
        // A singular owner becoming a plural one is left for the writer to apply.
        let fixed = String(decoding: TerminologyFixes.apply(TerminologyFixes.fixAll(in: "docs/page.md", snapshot: snapshot), to: Array(text.utf8)), as: UTF8.self)
        #expect(fixed == "The Scaffolder's form asks for a name. Both Blueprints' owners agree; the scaffolder’s log is kept.\n")
    }

    @Test func possessivesAfterOtherEndingsInS() {
        #expect(replaced("Software Templates", "Scaffolder's", 2) == "Software Templates'")
        #expect(replaced("Software Templates", "Scaffolder’s", 4) == "Software Templates’")
        #expect(replaced("Software Templates", "Scaffolders'", 2) == "Software Templates'")
        // Singular words ending in "ss", "us", "is" keep "'s"; so does every other term.
        #expect(replaced("Access", "Acess's", 2) == "Access's")
        #expect(replaced("Status", "Statu's", 2) == "Status's")
        #expect(replaced("Analysis", "Analysi's", 2) == "Analysis's")
        #expect(replaced("DocHub", "Dochub's", 2) == "DocHub's")
    }

    @Test func noQuickFixForOtherRules() {
        let diagnostic = Diagnostic(code: "glossary-empty", severity: .warning, message: "x", file: "g.md", range: 0..<1, data: ["replacement": .string("y")])
        #expect(TerminologyFixes.quickFix(for: diagnostic) == nil)
        let withoutReplacement = Diagnostic(code: "term-casing", severity: .warning, message: "x", file: "g.md", range: 0..<1)
        #expect(TerminologyFixes.quickFix(for: withoutReplacement) == nil)
    }

    @Test func disableForLineKeepsTheIndentation() throws {
        let text = "- Item\n\n  The dochub viewer.\n"
        let snapshot = terminologySnapshot(["docs/page.md": text])
        let diagnostic = try #require(RuleRegistry.diagnostics(for: "docs/page.md", in: snapshot).first)
        let action = TerminologyFixes.disableForLine(diagnostic, document: try #require(snapshot.document("docs/page.md")))
        #expect(action.title == "Disable term-casing for this line")
        #expect(action.kind == "quickfix")
        #expect(!action.isSafe)
        #expect(action.operations == [.edit(FileEdit(file: "docs/page.md", range: 8..<8, newText: "  <!-- docent-disable-next-line term-casing -->\n"))])
        // Applied, the comment silences the diagnostic.
        let fixed = String(decoding: TerminologyFixes.apply([FileEdit(file: "docs/page.md", range: 8..<8, newText: "  <!-- docent-disable-next-line term-casing -->\n")], to: Array(text.utf8)), as: UTF8.self)
        #expect(terminologyCodes(fixed) == [])
    }

    @Test func disableForLineWithCRLFLineEnds() throws {
        let text = "# Page\r\n\r\nThe dochub viewer.\r\n"
        let snapshot = terminologySnapshot(["docs/page.md": text])
        let diagnostic = try #require(RuleRegistry.diagnostics(for: "docs/page.md", in: snapshot).first)
        let action = TerminologyFixes.disableForLine(diagnostic, document: try #require(snapshot.document("docs/page.md")))
        #expect(action.operations == [.edit(FileEdit(file: "docs/page.md", range: 10..<10, newText: "<!-- docent-disable-next-line term-casing -->\r\n"))])
    }

    @Test func disableForLineWithLoneCRLineEnds() throws {
        let text = "# CR\r\rDochub here.\rNext line.\r"
        let snapshot = terminologySnapshot(["docs/page.md": text])
        let diagnostic = try #require(RuleRegistry.diagnostics(for: "docs/page.md", in: snapshot).first)
        let action = TerminologyFixes.disableForLine(diagnostic, document: try #require(snapshot.document("docs/page.md")))
        #expect(action.operations == [.edit(FileEdit(file: "docs/page.md", range: 6..<6, newText: "<!-- docent-disable-next-line term-casing -->\r"))])
        let fixed = String(decoding: TerminologyFixes.apply([FileEdit(file: "docs/page.md", range: 6..<6, newText: "<!-- docent-disable-next-line term-casing -->\r")], to: Array(text.utf8)), as: UTF8.self)
        #expect(terminologyCodes(fixed) == [])
    }

    @Test func aLineBreakIsTheFilesOwn() {
        #expect(SourceText("a\rb\r").lineBreak(after: SourceText("a\rb\r").lineRange(0)) == "\r")
        #expect(SourceText("a\r\nb").lineBreak(after: SourceText("a\r\nb").lineRange(0)) == "\r\n")
        #expect(SourceText("a\nb").lineBreak(after: SourceText("a\nb").lineRange(0)) == "\n")
        // The last line without a break takes the file's first one.
        #expect(SourceText("a\rb").lineBreak(after: SourceText("a\rb").lineRange(1)) == "\r")
        #expect(SourceText("a\r\nb").lineBreak(after: SourceText("a\r\nb").lineRange(1)) == "\r\n")
        #expect(SourceText("one line").lineBreak(after: SourceText("one line").lineRange(0)) == "\n")
    }

    @Test func disableForLineInATableRowUsesDisableLine() throws {
        let text = "| Tool | Notes |\n|---|---|\n| the dochub | viewer |\n"
        let snapshot = terminologySnapshot(["docs/page.md": text])
        let diagnostic = try #require(RuleRegistry.diagnostics(for: "docs/page.md", in: snapshot).first)
        let action = TerminologyFixes.disableForLine(diagnostic, document: try #require(snapshot.document("docs/page.md")))
        let end = text.utf8.count - 1
        #expect(action.operations == [.edit(FileEdit(file: "docs/page.md", range: end..<end, newText: " <!-- docent-disable-line term-casing -->"))])
        let fixed = String(decoding: TerminologyFixes.apply([FileEdit(file: "docs/page.md", range: end..<end, newText: " <!-- docent-disable-line term-casing -->")], to: Array(text.utf8)), as: UTF8.self)
        #expect(terminologyCodes(fixed) == [])
    }

    @Test func disableInFrontMatterDisablesForTheFileAfterTheFrontMatter() throws {
        // A comment inside front matter would be YAML, not a directive.
        let path = "docs/using/finding-a-service.md"
        let head = "---\ntitle: Finding one\npersona: astronaut\n---"
        let text = head + "\n\n" + PlacementTestWorkspace.pages[path]!
        let snapshot = PlacementTestWorkspace.snapshot([path: text])
        let diagnostic = try #require(RuleRegistry.diagnostics(for: path, in: snapshot).first { $0.code == "persona-mismatch" })
        let action = TerminologyFixes.disableForLine(diagnostic, document: try #require(snapshot.document(path)))
        #expect(action.title == "Disable persona-mismatch for this file")
        let at = head.utf8.count
        let edit = FileEdit(file: path, range: at..<at, newText: "\n<!-- docent-disable-file persona-mismatch -->")
        #expect(action.operations == [.edit(edit)])
        // Applied: the front matter still reads, and the finding is gone.
        let fixed = TerminologyFixes.apply([edit], to: Array(text.utf8))
        #expect(String(decoding: fixed, as: UTF8.self).hasPrefix(head + "\n<!-- docent-disable-file persona-mismatch -->\n\n# "))
        let after = PlacementTestWorkspace.snapshot([path: String(decoding: fixed, as: UTF8.self)])
        #expect(after.document(path)?.markdown.frontMatter?.string("persona") == "astronaut")
        #expect(after.document(path)?.markdown.frontMatter?.string("title") == "Finding one")
        #expect(!RuleRegistry.diagnostics(for: path, in: after).contains { $0.code == "persona-mismatch" })
    }

    /// The "Disable for this line" edit for the first diagnostic of `marked` (whose ⟦⟧ marks where the
    /// comment goes), checked to silence it without changing the page's blocks.
    func checkDisableInsideABlock(_ marked: String, _ comment: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let spot = BracketedText(marked)
        let text = spot.text
        let snapshot = terminologySnapshot(["docs/page.md": text])
        let document = try #require(snapshot.document("docs/page.md"))
        let diagnostic = try #require(RuleRegistry.diagnostics(for: "docs/page.md", in: snapshot).first)
        let action = TerminologyFixes.disableForLine(diagnostic, document: document)
        let at = spot.ranges[0].lowerBound
        let edit = FileEdit(file: "docs/page.md", range: at..<at, newText: comment)
        #expect(action.operations == [.edit(edit)], sourceLocation: sourceLocation)
        let fixed = String(decoding: TerminologyFixes.apply([edit], to: Array(text.utf8)), as: UTF8.self)
        #expect(terminologyCodes(fixed) == [], sourceLocation: sourceLocation)
        let fixedDocument = try #require(terminologySnapshot(["docs/page.md": fixed]).document("docs/page.md"))
        #expect(fixedDocument.markdown.proseBlocks.map(\.kind) == document.markdown.proseBlocks.map(\.kind), sourceLocation: sourceLocation)
        #expect(fixedDocument.markdown.htmlComments.count == document.markdown.htmlComments.count + 1, sourceLocation: sourceLocation)
    }

    @Test func disableInsideABlockAppendsDisableLine() throws {
        let comment = " <!-- docent-disable-line term-casing -->"
        // A paragraph's second line, a quote's second line, a list item's first and second lines.
        try checkDisableInsideABlock("A paragraph that\nnames dochub midway⟦⟧\nand goes on.\n", comment)
        try checkDisableInsideABlock("> A quoted line\n> with Dochub inside.⟦⟧\n", comment)
        try checkDisableInsideABlock("> First paragraph.\n>\n> Then Dochub here.⟦⟧\n", comment)
        try checkDisableInsideABlock("- The dochub list item⟦⟧\n- Another\n", comment)
        try checkDisableInsideABlock("1. First\n   then dochub again⟦⟧\n2. Second\n", comment)
        // Before a hard line break's trailing spaces or backslash, which must stay last on the line.
        try checkDisableInsideABlock("A line\nwith dochub⟦⟧  \nbroken hard.\n", comment)
        try checkDisableInsideABlock("A line\nwith dochub⟦⟧\\\nbroken hard.\n", comment)
    }

    @Test func aParagraphOrHeadingStartingItsLineGetsTheCommentAbove() throws {
        try checkDisableInsideABlock("Intro.\n\n⟦⟧The dochub viewer\ncontinues.\n", "<!-- docent-disable-next-line term-casing -->\n")
        try checkDisableInsideABlock("Intro.\n\n⟦⟧## Dochub setup\n\nText.\n", "<!-- docent-disable-next-line term-casing -->\n")
    }

    @Test func actionsOfferOneDisablePerCodeAndLine() throws {
        let text = "The dochub and Dochub.\n"
        let snapshot = terminologySnapshot(["docs/page.md": text])
        let diagnostics = RuleRegistry.diagnostics(for: "docs/page.md", in: snapshot)
        let actions = TerminologyFixes().actions(in: "docs/page.md", range: 0..<0, diagnostics: diagnostics, snapshot: snapshot)
        #expect(actions.map(\.title) == ["Replace with “DocHub”", "Replace with “DocHub”", "Disable term-casing for this line"])
        // Over two lines, each line gets its own: the paragraph's first line a comment above it, the
        // continuation line one at its end.
        let twoLines = "The dochub viewer\nand the Dochub page.\n"
        let twoSnapshot = terminologySnapshot(["docs/page.md": twoLines])
        let twoDiagnostics = RuleRegistry.diagnostics(for: "docs/page.md", in: twoSnapshot)
        let disables = TerminologyFixes().actions(in: "docs/page.md", range: 0..<twoLines.utf8.count, diagnostics: twoDiagnostics, snapshot: twoSnapshot)
            .filter { $0.title.hasPrefix("Disable") }
        #expect(disables.map(\.title) == ["Disable term-casing for this line", "Disable term-casing for this line"])
        #expect(disables.flatMap(\.operations) == [
            .edit(FileEdit(file: "docs/page.md", range: 0..<0, newText: "<!-- docent-disable-next-line term-casing -->\n")),
            .edit(FileEdit(file: "docs/page.md", range: 38..<38, newText: " <!-- docent-disable-line term-casing -->")),
        ])
        // Two problems on two lines of front matter share one file directive: one action.
        let broken = "---\ntitle: \"Open\npersona: [administrator\n---\n\nText.\n"
        let brokenSnapshot = terminologySnapshot(["docs/page.md": broken])
        let brokenDiagnostics = RuleRegistry.diagnostics(for: "docs/page.md", in: brokenSnapshot)
        #expect(brokenDiagnostics.map(\.code) == ["front-matter-syntax", "front-matter-syntax"])
        let fileWide = TerminologyFixes().actions(in: "docs/page.md", range: 0..<broken.utf8.count, diagnostics: brokenDiagnostics, snapshot: brokenSnapshot)
        #expect(fileWide.map(\.title) == ["Disable front-matter-syntax for this file"])
    }
}

@Suite struct AddToGlossaryTests {
    static let headings = "# Glossary\n\n## Blueprints\n\nStarter projects.\n\n## DocHub\n\nThe viewer.\n\n## Service Catalog\n\nThe register.\n"
    static let bullets = "# Glossary\n\n- **Blueprints** - Starter projects.\n- **DocHub** - The viewer.\n  It renders Markdown.\n- **Service Catalog** - The register.\n"

    func offsets(of phrase: String, in text: String) -> ByteRange {
        let found = text.range(of: phrase)!
        let start = text.utf8.distance(from: text.startIndex, to: found.lowerBound)
        return start..<(start + phrase.utf8.count)
    }

    func proposal(_ page: String, selecting phrase: String, glossary: String) -> CodeActionProposal? {
        let snapshot = terminologySnapshot(["docs/page.md": page], glossary: glossary)
        return AddToGlossary.action(selection: offsets(of: phrase, in: page), in: "docs/page.md", snapshot: snapshot)
    }

    @Test func headingLayoutInSortedPosition() throws {
        let glossary = Self.headings
        let action = try #require(proposal("Each Golden Path is documented.\n", selecting: "Golden Path", glossary: glossary))
        #expect(action.title == "Add “Golden Path” to the glossary (docs/glossary.md)")
        #expect(action.kind == "refactor")
        let at = offsets(of: "## Service Catalog", in: glossary).lowerBound
        #expect(action.operations == [.edit(FileEdit(file: "docs/glossary.md", range: at..<at, newText: "## Golden Path\n\nTODO: define Golden Path.\n\n"))])
        // The result parses as one more entry.
        let edited = String(decoding: TerminologyFixes.apply([FileEdit(file: "docs/glossary.md", range: at..<at, newText: "## Golden Path\n\nTODO: define Golden Path.\n\n")], to: Array(glossary.utf8)), as: UTF8.self)
        #expect(terminologySnapshot([:], glossary: edited).glossary.entries.map(\.term) == ["Blueprints", "DocHub", "Golden Path", "Service Catalog"])
    }

    @Test func headingLayoutFirstAndLast() throws {
        let glossary = Self.headings
        let first = try #require(proposal("An Access Token.\n", selecting: "Access Token", glossary: glossary))
        let at = offsets(of: "## Blueprints", in: glossary).lowerBound
        #expect(first.operations == [.edit(FileEdit(file: "docs/glossary.md", range: at..<at, newText: "## Access Token\n\nTODO: define Access Token.\n\n"))])
        let last = try #require(proposal("A Zone map.\n", selecting: "Zone", glossary: glossary))
        let end = glossary.utf8.count
        #expect(last.operations == [.edit(FileEdit(file: "docs/glossary.md", range: end..<end, newText: "\n## Zone\n\nTODO: define Zone.\n"))])
    }

    @Test func bulletsLayoutInSortedPosition() throws {
        let glossary = Self.bullets
        let action = try #require(proposal("Each golden path is documented.\n", selecting: "golden path", glossary: glossary))
        #expect(action.title == "Add “golden path” to the glossary (docs/glossary.md)")
        let at = offsets(of: "- **Service Catalog**", in: glossary).lowerBound
        #expect(action.operations == [.edit(FileEdit(file: "docs/glossary.md", range: at..<at, newText: "- **golden path** - TODO: define golden path.\n"))])
        let edited = String(decoding: TerminologyFixes.apply([FileEdit(file: "docs/glossary.md", range: at..<at, newText: "- **golden path** - TODO: define golden path.\n")], to: Array(glossary.utf8)), as: UTF8.self)
        let snapshot = terminologySnapshot([:], glossary: edited)
        #expect(snapshot.glossary.files.first?.format == .bullets)
        #expect(snapshot.glossary.entries.map(\.term) == ["Blueprints", "DocHub", "golden path", "Service Catalog"])
    }

    @Test func bulletsLayoutAfterAContinuationLine() throws {
        let glossary = Self.bullets
        // "Ecosystem" sorts after "DocHub", whose entry has an indented continuation line.
        let action = try #require(proposal("The Ecosystem grows.\n", selecting: "Ecosystem", glossary: glossary))
        let at = offsets(of: "- **Service Catalog**", in: glossary).lowerBound
        #expect(action.operations == [.edit(FileEdit(file: "docs/glossary.md", range: at..<at, newText: "- **Ecosystem** - TODO: define Ecosystem.\n"))])
    }

    @Test func bulletsLayoutAtTheEnd() throws {
        let glossary = Self.bullets
        let action = try #require(proposal("A Zone map.\n", selecting: "Zone", glossary: glossary))
        // At the end of the last entry's line, before its line break.
        let end = glossary.utf8.count - 1
        let edit = FileEdit(file: "docs/glossary.md", range: end..<end, newText: "\n- **Zone** - TODO: define Zone.")
        #expect(action.operations == [.edit(edit)])
        #expect(String(decoding: TerminologyFixes.apply([edit], to: Array(glossary.utf8)), as: UTF8.self) == glossary + "- **Zone** - TODO: define Zone.\n")
    }

    /// The glossary the "Add to glossary" action for "golden path" in a page writes to.
    func target(glossaries: [String], configured: [String]) -> String? {
        let page = "Each golden path is documented.\n"
        var documents = [WorkspaceDocument(path: "docs/page.md", text: SourceText(page))]
        for path in glossaries { documents.append(WorkspaceDocument(path: path, text: SourceText(Self.headings))) }
        let snapshot = WorkspaceSnapshot(configuration: Configuration(glossaries: configured.map { GlossarySource(pattern: $0) }), documents: documents)
        let action = AddToGlossary.action(selection: offsets(of: "golden path", in: page), in: "docs/page.md", snapshot: snapshot)
        guard case .edit(let edit)? = action?.operations.first else { return nil }
        #expect(action?.title == "Add “golden path” to the glossary (\(edit.file))")
        return edit.file
    }

    @Test func theFirstConfiguredGlossaryTakesTheEntry() {
        // Not the first by path ("docs/access/…" sorts first).
        let files = ["docs/access/glossary.md", "docs/reference/glossary.md"]
        #expect(target(glossaries: files, configured: ["docs/reference/glossary.md", "docs/access/glossary.md"]) == "docs/reference/glossary.md")
        #expect(target(glossaries: files, configured: ["docs/access/glossary.md", "docs/reference/glossary.md"]) == "docs/access/glossary.md")
        // A pattern matching several: nearest the root first.
        #expect(target(glossaries: ["docs/a/b/glossary.md", "docs/z/glossary.md"], configured: ["docs/**/glossary.md"]) == "docs/z/glossary.md")
    }

    @Test func withNoneConfiguredTheGlossaryMdNearestTheRootTakesTheEntry() {
        let files = ["docs/access/auth-glossary.md", "docs/guides/deep/glossary.md", "docs/reference/glossary.md"]
        #expect(target(glossaries: files, configured: []) == "docs/reference/glossary.md")
    }

    @Test func notForLongSelectionsOrAWholeHeading() throws {
        let glossary = Self.headings
        #expect(proposal("Run the nightly ownership sync job on Kubernetes.\n", selecting: "nightly ownership sync job on Kubernetes", glossary: glossary) == nil)
        #expect(proposal("Run the nightly ownership sync job on Kubernetes.\n", selecting: "nightly ownership sync job on", glossary: glossary)?.title
                == "Add “nightly ownership sync job on” to the glossary (docs/glossary.md)")
        #expect(proposal("# Deploying the search backend\n\nText.\n", selecting: "Deploying the search backend", glossary: glossary) == nil)
        #expect(proposal("Intro\n=====\n\nText.\n", selecting: "Intro", glossary: glossary) == nil)
        // Part of a heading is a phrase like any other.
        #expect(proposal("# Deploying the search backend\n\nText.\n", selecting: "search backend", glossary: glossary)?.title
                == "Add “search backend” to the glossary (docs/glossary.md)")
    }

    /// Review finding F8: a term's possessive is the term, not a new one (as its plural is).
    @Test func notForAPossessiveOfATermOrAnAlias() {
        let glossary = Self.headings + "\n## User Role\n\nA named set of permissions. Also known as the persona.\n"
        for (page, selection) in [("The DocHub's page.\n", "DocHub's"), ("The Service Catalog's owners.\n", "Service Catalog's"),
                                  ("The dochub’s page.\n", "dochub’s"), ("Every User Roles' list.\n", "User Roles'"),
                                  ("The DOCHUB'S page.\n", "DOCHUB'S"), ("The persona's rights.\n", "persona's"),
                                  ("The Service\nCatalog's owners.\n", "Service\nCatalog's"), ("The DocHubs here.\n", "DocHubs")] {
            #expect(proposal(page, selecting: selection, glossary: glossary) == nil, "\(selection)")
        }
        // A selection that only starts with a term's possessive is a phrase like any other.
        #expect(proposal("The DocHub's search page.\n", selecting: "DocHub's search page", glossary: glossary)?.title
                == "Add “DocHub's search page” to the glossary (docs/glossary.md)")
    }

    @Test func notForExistingTermsEmptySelectionsOrCode() {
        #expect(proposal("The DocHub viewer.\n", selecting: "DocHub", glossary: Self.headings) == nil)
        #expect(proposal("The dochub viewer.\n", selecting: "dochub", glossary: Self.headings) == nil)
        #expect(proposal("Run `golden path` now.\n", selecting: "golden path", glossary: Self.headings) == nil)
        #expect(proposal("A 42 here.\n", selecting: "42", glossary: Self.headings) == nil)
        let snapshot = terminologySnapshot(["docs/page.md": "Each Golden Path.\n"], glossary: Self.headings)
        #expect(AddToGlossary.action(selection: 5..<5, in: "docs/page.md", snapshot: snapshot) == nil)
    }
}
