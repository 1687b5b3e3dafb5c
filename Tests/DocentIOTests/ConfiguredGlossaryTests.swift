import DocentCore
import Foundation
import Testing
@testable import DocentIO

/// Glossaries named in `glossaries` are read whether or not `include` covers them; `include` and
/// `exclude` say only whether they are checked as pages too.
@Suite struct ConfiguredGlossaryTests {
    static let glossary = "# Glossary\n\n## DocHub\n\nThe docs viewer.\n\n## Empty\n"
    static let page = "# Page\n\nOpen Dochub.\n"

    /// `file:line:column code message` for every diagnostic of every checked document.
    static func report(_ snapshot: WorkspaceSnapshot) -> [String] {
        snapshot.checkedPaths.flatMap { path in
            RuleRegistry.diagnostics(for: path, in: snapshot).map { diagnostic in
                let position = snapshot.document(path)!.text.position(of: diagnostic.range.lowerBound, encoding: .utf16)
                return "\(path):\(position.line + 1):\(position.character + 1) \(diagnostic.code) \(diagnostic.message)"
            }
        }
    }

    @Test func aGlossaryOutsideIncludeIsReadAndCheckedByTheGlossaryRulesAlone() throws {
        let workspace = try ScratchWorkspace([
            "docent.json": #"{ "include": ["docs/**/*.md"], "glossaries": ["glossary.md"] }"#,
            "glossary.md": Self.glossary, "docs/page.md": Self.page, "notes/other.md": "Dochub.\n",
        ])
        defer { workspace.remove() }
        let result = WorkspaceLoader(root: workspace.root).load()
        let snapshot = result.snapshot
        #expect(snapshot.configurationProblems == [])
        #expect(snapshot.sortedPaths == ["docs/page.md", "glossary.md"])
        #expect(snapshot.glossaryPaths == ["glossary.md"])
        #expect(snapshot.glossary.entries.map(\.term) == ["DocHub", "Empty"])
        #expect(snapshot.checkedPaths == ["docs/page.md"])
        #expect(!snapshot.isChecked("glossary.md"))
        #expect(snapshot.reportedPaths == ["docs/page.md", "glossary.md"])
        // The page is checked against it; the glossary gets the glossary rules' findings (its empty
        // entry), as a glossary anywhere does.
        #expect(Self.report(snapshot) == ["docs/page.md:3:6 term-casing Write “DocHub”, not “Dochub”"])
        #expect(RuleRegistry.diagnostics(for: "glossary.md", in: snapshot).map(\.code) == ["glossary-empty"])
        // Not the page rules: a misspelt term in a definition is not flagged there.
        let misspelt = snapshot.applying([.setDocument(path: "glossary.md", text: SourceText("# Glossary\n\n## DocHub\n\nThe docs viewer.\n\n## Pagebook\n\nLike Dochub, for books.\n\n## Empty\n"), version: nil)])
        #expect(RuleRegistry.diagnostics(for: "glossary.md", in: misspelt).map(\.code) == ["glossary-empty"])
    }

    @Test func anIncludedGlossaryIsStillCheckedAsAPage() throws {
        let workspace = try ScratchWorkspace([
            "docent.json": #"{ "glossaries": ["glossary.md"] }"#, "glossary.md": Self.glossary, "docs/page.md": Self.page,
        ])
        defer { workspace.remove() }
        let snapshot = WorkspaceLoader(root: workspace.root).load().snapshot
        #expect(snapshot.checkedPaths == ["docs/page.md", "glossary.md"])
        #expect(Self.report(snapshot) == [
            "docs/page.md:3:6 term-casing Write “DocHub”, not “Dochub”",
            "glossary.md:7:4 glossary-empty “Empty” has no definition",
        ])
    }

    @Test func anExcludedGlossaryIsReadButNotChecked() throws {
        let workspace = try ScratchWorkspace([
            "docent.json": #"{ "exclude": ["reference/**"], "glossaries": ["reference/glossary.md"] }"#,
            "reference/glossary.md": Self.glossary, "reference/other.md": "Dochub.\n", "docs/page.md": Self.page,
        ])
        defer { workspace.remove() }
        let snapshot = WorkspaceLoader(root: workspace.root).load().snapshot
        #expect(snapshot.sortedPaths == ["docs/page.md", "reference/glossary.md"])
        #expect(snapshot.checkedPaths == ["docs/page.md"])
        #expect(Self.report(snapshot) == ["docs/page.md:3:6 term-casing Write “DocHub”, not “Dochub”"])
    }

    @Test func aGlossaryNamedByItsPathIsReadInAHiddenFolder() throws {
        let workspace = try ScratchWorkspace([
            "docent.json": #"{ "glossaries": [".docs/glossary.md", "**/terms.md"] }"#,
            ".docs/glossary.md": Self.glossary, ".hidden/terms.md": "## Hidden\n\nNot read: a pattern does not enter hidden folders.\n",
            "docs/page.md": Self.page,
        ])
        defer { workspace.remove() }
        let snapshot = WorkspaceLoader(root: workspace.root).load().snapshot
        #expect(snapshot.sortedPaths == [".docs/glossary.md", "docs/page.md"])
        #expect(snapshot.glossaryPaths == [".docs/glossary.md"])
        // `**/*.md` (the default include) covers it, so it is checked as a page too.
        #expect(Self.report(snapshot) == [
            ".docs/glossary.md:7:4 glossary-empty “Empty” has no definition",
            "docs/page.md:3:6 term-casing Write “DocHub”, not “Dochub”",
        ])
    }

    @Test func theDefaultExclusionsStillHold() throws {
        let configuration = Configuration(glossaries: [GlossarySource(pattern: "**/glossary.md")])
        #expect(configuration.reads("docs/glossary.md"))
        #expect(configuration.reads("other/glossary.md"))
        #expect(!configuration.reads("node_modules/pkg/glossary.md"))
        #expect(!configuration.reads(".build/checkouts/pkg/glossary.md"))
        // Without `glossaries`, glossaries are found by name among the included files only.
        let byName = Configuration(include: ["docs/**/*.md"])
        #expect(!byName.reads("glossary.md"))
        #expect(byName.reads("docs/glossary.md"))
    }
}

/// A `glossaries` entry that matches no file is a warning at the entry.
@Suite struct UnmatchedGlossaryTests {
    static func problems(_ files: [String: String]) throws -> [String] {
        let workspace = try ScratchWorkspace(files)
        defer { workspace.remove() }
        return WorkspaceLoader(root: workspace.root).load().snapshot.configurationProblems.map {
            "\($0.file):\($0.line):\($0.column): \($0.isError ? "error" : "warning"): \($0.message)"
        }
    }

    @Test func aTypoIsAWarningAtTheEntry() throws {
        #expect(try Self.problems(["docent.json": #"{"glossaries": ["glosary.md"]}"#, "glossary.md": "## DocHub\n\nThe viewer.\n"])
            == [#"docent.json:1:17: warning: Glossary "glosary.md" matches no file"#])
        #expect(try Self.problems(["docent.json": #"{"glossaries": "glosary.md"}"#, "glossary.md": "## DocHub\n\nThe viewer.\n"])
            == [#"docent.json:1:16: warning: Glossary "glosary.md" matches no file"#])
    }

    @Test func eachUnmatchedEntryIsReportedAtItsPath() throws {
        let configuration = """
        {
          "glossaries": [
            "docs/glossary.md",
            { "path": "docs/**/terms.md", "format": "headings" },
            "./docs/terms/*.md"
          ]
        }
        """
        #expect(try Self.problems(["docent.json": configuration, "docs/glossary.md": "## DocHub\n\nThe viewer.\n"]) == [
            #"docent.json:4:15: warning: Glossary "docs/**/terms.md" matches no file"#,
            #"docent.json:5:5: warning: Glossary "docs/terms/*.md" matches no file"#,
        ])
        #expect(try Self.problems(["docent.json": configuration, "docs/glossary.md": "## DocHub\n\nThe viewer.\n",
                                   "docs/terms/deep/terms.md": "## Pagebook\n\nA book.\n", "docs/terms/more.md": "## Wiki\n\nPages.\n"]) == [])
    }

    @Test func aFoundFileThatCannotBeReadStillMatches() throws {
        // Skipped with its reason instead.
        let workspace = try ScratchWorkspace(["docent.json": #"{"glossaries": ["glossary.md"]}"#, "glossary.md": "## DocHub\n\u{0}\n"])
        defer { workspace.remove() }
        let result = WorkspaceLoader(root: workspace.root).load()
        #expect(result.snapshot.configurationProblems == [])
        #expect(result.skipped == [WorkspaceLoader.SkippedFile(path: "glossary.md", reason: "a binary file (it holds NUL bytes), not Markdown")])
    }

    @Test func aFileInTheDefaultExclusionsMatchesNothing() throws {
        #expect(try Self.problems(["docent.json": #"{"glossaries": ["node_modules/pkg/glossary.md"]}"#, "node_modules/pkg/glossary.md": "## DocHub\n\nThe viewer.\n"])
            == [#"docent.json:1:17: warning: Glossary "node_modules/pkg/glossary.md" matches no file"#])
    }

    /// An include pattern that lets in no file (a typo, a moved folder, or exclude dropping all it
    /// matches) is a warning at the pattern: the check would otherwise pass, having checked nothing.
    @Test func anIncludePatternThatMatchesNoFileIsAWarning() throws {
        let configuration = #"{"include": ["doc/**/*.md", "docs/**/*.md", "docs/old/*.md"], "exclude": ["docs/old/**"]}"#
        #expect(try Self.problems(["docent.json": configuration, "docs/a.md": "# A\n", "docs/old/b.md": "# B\n"]) == [
            #"docent.json:1:14: warning: Include "doc/**/*.md" matches no file (none exists, or exclude drops each)"#,
            #"docent.json:1:45: warning: Include "docs/old/*.md" matches no file (none exists, or exclude drops each)"#,
        ])
        // A single pattern (a string, not an array) is placed at its value.
        #expect(try Self.problems(["docent.json": "{\n  \"include\": \"guide/**\"\n}\n", "docs/a.md": "# A\n"])
            == [#"docent.json:2:14: warning: Include "guide/**" matches no file (none exists, or exclude drops each)"#])
    }

    /// A file that exclude, or a default exclusion, drops lets no include pattern in, even when it
    /// is among the paths (a document open in the editor).
    @Test func anExcludedPathMatchesNoIncludePattern() {
        let loaded = ConfigurationLoader.read(Array(#"{"include": ["docs/old/*.md", "node_modules/**", "docs/**"], "exclude": ["docs/old/**"]}"#.utf8), file: "docent.json")
        #expect(loaded.unmatchedPaths(among: ["docs/a.md", "docs/old/b.md", "node_modules/pkg/README.md"]).map(\.message) == [
            #"Include "docs/old/*.md" matches no file (none exists, or exclude drops each)"#,
            #"Include "node_modules/**" matches no file (none exists, or exclude drops each)"#,
        ])
    }

    @Test func withoutGlossariesNothingIsReported() throws {
        #expect(try Self.problems(["docent.json": #"{"include": ["docs/**"]}"#, "docs/a.md": "# A\n"]) == [])
        let loaded = ConfigurationLoader.read(Array(#"{"glossaries": ["a.md", {"path": "b.md"}]}"#.utf8), file: "docent.json")
        #expect(loaded.glossaryPlaces == [LoadedConfiguration.Place(line: 1, column: 17), LoadedConfiguration.Place(line: 1, column: 34)])
        #expect(loaded.unmatchedPaths(among: ["a.md", "b.md"]) == [])
        #expect(loaded.unmatchedPaths(among: ["b.md"]).map(\.message) == [#"Glossary "a.md" matches no file"#])
    }
}
