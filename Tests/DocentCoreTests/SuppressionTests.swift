import Testing
@testable import DocentCore

/// Suppression comments (`docent-disable…`) and configuration (`rules`, `overrides`) silencing the
/// terminology rules. Uses the shared glossary of TerminologyRulesTests.swift.
@Suite struct SuppressionTests {
    @Test func disableNextLineWithoutCodesSilencesEveryRuleOnThatLineOnly() {
        checkTerminology("""
        <!-- docent-disable-next-line -->
        The dochub Scaffolder issues a JWT.
        But ⟦dochub⟧ here.

        """, [("term-casing", .warning, "Write “DocHub”, not “dochub”", "DocHub")])
    }

    @Test func disableNextLineWithACodeSilencesOnlyThatRule() {
        checkTerminology("""
        <!-- docent-disable-next-line term-casing -->
        The dochub ⟦Scaffolder⟧.

        """, [("term-alias", .information, "The glossary prefers “Blueprints” to “Scaffolder”", "Blueprints")])
    }

    @Test func disableNextLineWithSeveralCodes() {
        checkTerminology("""
        <!-- docent-disable-next-line term-casing, term-alias -->
        The dochub Scaffolder.

        """, [])
    }

    @Test func disableNextLineSkipsBlankLines() {
        checkTerminology("""
        <!-- docent-disable-next-line term-casing -->


        The dochub viewer.
        The ⟦dochub⟧ viewer.

        """, [("term-casing", .warning, "Write “DocHub”, not “dochub”", "DocHub")])
    }

    @Test func disableNextLineIndentedInAList() {
        checkTerminology("""
        - First item
          <!-- docent-disable-next-line term-casing -->
          about dochub.
        - Then ⟦dochub⟧.

        """, [("term-casing", .warning, "Write “DocHub”, not “dochub”", "DocHub")])
    }

    @Test func disableAndEnableOneCode() {
        checkTerminology("""
        Before ⟦dochub⟧.

        <!-- docent-disable term-casing -->

        Inside dochub and ⟦Scaffolder⟧.

        <!-- docent-enable term-casing -->

        After ⟦Oauth⟧.

        """, [
            ("term-casing", .warning, "Write “DocHub”, not “dochub”", "DocHub"),
            ("term-alias", .information, "The glossary prefers “Blueprints” to “Scaffolder”", "Blueprints"),
            ("term-casing", .warning, "Write “OAuth”, not “Oauth”", "OAuth"),
        ])
    }

    @Test func disableAndEnableEverything() {
        checkTerminology("""
        <!-- docent-disable -->
        Inside dochub, the Scaffolder and a JWT.
        <!-- docent-enable -->

        After ⟦dochub⟧.

        """, [("term-casing", .warning, "Write “DocHub”, not “dochub”", "DocHub")])
    }

    @Test func disableWithoutEnableLastsToTheEnd() {
        checkTerminology("Before ⟦dochub⟧.\n\n<!-- docent-disable term-casing -->\n\nAfter dochub.\n\nAnd dochub.\n", [
            ("term-casing", .warning, "Write “DocHub”, not “dochub”", "DocHub"),
        ])
    }

    @Test func enablingOneCodeKeepsAnotherDisabled() {
        checkTerminology("""
        <!-- docent-disable term-casing term-alias -->
        dochub and Scaffolder.
        <!-- docent-enable term-alias -->
        dochub and ⟦Scaffolder⟧.

        """, [("term-alias", .information, "The glossary prefers “Blueprints” to “Scaffolder”", "Blueprints")])
    }

    @Test func disableLineOnTheSameLine() {
        checkTerminology("""
        The dochub viewer. <!-- docent-disable-line term-casing -->
        The ⟦dochub⟧ viewer.
        | Tool | Notes |
        |---|---|
        | dochub | viewer | <!-- docent-disable-line -->

        """, [("term-casing", .warning, "Write “DocHub”, not “dochub”", "DocHub")])
    }

    @Test func disableFile() {
        checkTerminology("# Page\n\nThe ⟦Scaffolder⟧ and dochub.\n\n<!-- docent-disable-file term-casing -->\n\nMore dochub.\n", [
            ("term-alias", .information, "The glossary prefers “Blueprints” to “Scaffolder”", "Blueprints"),
        ])
        checkTerminology("<!-- docent-disable-file -->\n\nThe Scaffolder, a JWT and dochub.\n", [])
    }

    @Test func otherCommentsAndDirectivesInCodeDoNothing() {
        checkTerminology("""
        <!-- markdownlint-disable MD013 -->
        <!-- docent-unknown term-casing -->
        ```
        <!-- docent-disable -->
        ```
        The ⟦dochub⟧ viewer.

        """, [("term-casing", .warning, "Write “DocHub”, not “dochub”", "DocHub")])
    }

    @Test func rulesOffInConfiguration() {
        let configuration = Configuration(glossaries: [GlossarySource(pattern: "docs/glossary.md")],
                                          rules: ["term-casing": .off, "term-alias": .off, "term-abbreviation": .off])
        #expect(terminologyCodes("The dochub Scaffolder issues a JWT.\n", configuration: configuration) == [])
    }

    @Test func overridesPerGlob() {
        let configuration = Configuration(glossaries: [GlossarySource(pattern: "docs/glossary.md")],
                                          rules: ["term-alias": .severity(.warning)],
                                          overrides: [
                                              RuleOverride(files: ["docs/archive/**"], rules: ["term-casing": .off, "term-alias": .off]),
                                              RuleOverride(files: ["docs/strict/*.md"], rules: ["term-casing": .severity(.error)]),
                                          ])
        let text = "The dochub Scaffolder.\n"
        #expect(terminologyCodes(text, path: "docs/archive/2019/old.md", configuration: configuration) == [])
        let snapshot = terminologySnapshot(["docs/strict/page.md": text, "docs/page.md": text], configuration: configuration)
        let strict = RuleRegistry.diagnostics(for: "docs/strict/page.md", in: snapshot)
        #expect(strict.map(\.code) == ["term-casing", "term-alias"])
        #expect(strict.map(\.severity) == [.error, .warning])
        let normal = RuleRegistry.diagnostics(for: "docs/page.md", in: snapshot)
        #expect(normal.map(\.severity) == [.warning, .warning])
    }

    @Test func theLastMatchingOverrideWins() {
        let configuration = Configuration(glossaries: [GlossarySource(pattern: "docs/glossary.md")], overrides: [
            RuleOverride(files: ["docs/**"], rules: ["term-casing": .off]),
            RuleOverride(files: ["docs/api/**"], rules: ["term-casing": .severity(.hint)]),
        ])
        let snapshot = terminologySnapshot(["docs/a.md": "The dochub.\n", "docs/api/b.md": "The dochub.\n"], configuration: configuration)
        #expect(RuleRegistry.diagnostics(for: "docs/a.md", in: snapshot).isEmpty)
        #expect(RuleRegistry.diagnostics(for: "docs/api/b.md", in: snapshot).map(\.severity) == [.hint])
    }

    @Test func suppressionsDirectly() {
        let text = "a\n<!-- docent-disable-next-line term-casing -->\nb\n<!-- docent-disable term-alias -->\nc\n<!-- docent-enable -->\nd\n"
        let suppressions = Suppressions(document: WorkspaceDocument(path: "x.md", text: SourceText(text)))
        /// The byte offset of a one-letter line.
        func line(_ letter: String) -> Int {
            let found = text.range(of: "\n" + letter + "\n")!
            return text.utf8.distance(from: text.startIndex, to: found.lowerBound) + 1
        }
        #expect(!suppressions.isSuppressed("term-casing", at: 0))
        #expect(suppressions.isSuppressed("term-casing", at: line("b")))
        #expect(!suppressions.isSuppressed("term-alias", at: line("b")))
        #expect(suppressions.isSuppressed("term-alias", at: line("c")))
        #expect(!suppressions.isSuppressed("term-casing", at: line("c")))
        #expect(!suppressions.isSuppressed("term-alias", at: line("d")))
    }
}
