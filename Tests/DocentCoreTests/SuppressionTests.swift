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

    /// A directive whose codes go on the next line of a file with CRLF line ends: the line break
    /// separates words as in a file with LF ones.
    @Test func aDirectiveOverCRLFLines() {
        checkTerminology("<!-- docent-disable-next-line\r\nterm-casing\r\n-->\r\nThe dochub viewer.\r\n", [])
        checkTerminology("<!-- docent-disable\r\nterm-casing -->\r\nThe dochub viewer.\r\n", [])
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

/// `suppression-comment`: a misspelt directive or rule code silences nothing, and says so at the word.
@Suite struct SuppressionCommentTests {
    @Test func aMisspeltRuleCodeIsFlaggedAndItsFindingStays() {
        checkTerminology("""
        <!-- docent-disable-next-line ⟦term-casng⟧ -->
        The ⟦dochub⟧ viewer.

        """, [("suppression-comment", .warning, "No rule is called “term-casng”, so “docent-disable-next-line” does not apply to it; did you mean “term-casing”?", nil),
              ("term-casing", .warning, "Write “DocHub”, not “dochub”", "DocHub")])
    }

    @Test func aMisspeltDirectiveIsFlagged() {
        checkTerminology("""
        <!-- ⟦docent-disable-nextline⟧ term-casing -->
        The ⟦dochub⟧ viewer.
        <!-- ⟦docent-disabled⟧ -->
        <!-- ⟦docent-enable-all⟧ -->

        """, [("suppression-comment", .warning, "“docent-disable-nextline” is no Docent directive, so this comment silences nothing; did you mean “docent-disable-next-line”?", nil),
              ("term-casing", .warning, "Write “DocHub”, not “dochub”", "DocHub"),
              ("suppression-comment", .warning, "“docent-disabled” is no Docent directive, so this comment silences nothing; did you mean “docent-disable”?", nil),
              ("suppression-comment", .warning, "“docent-enable-all” is no Docent directive, so this comment silences nothing; the directives are “docent-disable”, “docent-enable”, “docent-disable-next-line”, “docent-disable-line”, “docent-disable-file”", nil)])
    }

    /// A misspelt directive's codes are checked too, so one pass over the comment finds both mistakes.
    @Test func theCodesOfAMisspeltDirectiveAreCheckedToo() {
        checkTerminology("""
        <!-- ⟦docent-disable-nextline⟧ term-alias ⟦term-casng⟧ -- a note -->
        The ⟦dochub⟧ viewer.
        <!-- ⟦docent-disable-everything⟧ ⟦glosary-empty⟧ -->

        """, [("suppression-comment", .warning, "“docent-disable-nextline” is no Docent directive, so this comment silences nothing; did you mean “docent-disable-next-line”?", nil),
              ("suppression-comment", .warning, "No rule is called “term-casng”; did you mean “term-casing”?", nil),
              ("term-casing", .warning, "Write “DocHub”, not “dochub”", "DocHub"),
              ("suppression-comment", .warning, "“docent-disable-everything” is no Docent directive, so this comment silences nothing; the directives are “docent-disable”, “docent-enable”, “docent-disable-next-line”, “docent-disable-line”, “docent-disable-file”", nil),
              ("suppression-comment", .warning, "No rule is called “glosary-empty”; did you mean “glossary-empty”?", nil)])
    }

    /// Each unknown code of a list, however separated; known codes, a note after `--`, comments that
    /// only mention a `docent-` word, and a comment inside code are left alone.
    @Test func onlyUnknownCodesOfRealDirectives() {
        checkTerminology("""
        <!-- docent-disable term-alias,⟦term-aliases⟧ ⟦glosary-empty⟧ -- the old UI's label -->
        <!-- docent-enable -->
        <!-- docent-lsp runs this check; docent-rc is its config -->
        The dochub viewer. <!-- docent-disable-line -->
        `<!-- docent-disable-line term-casng -->`

        """, [("suppression-comment", .warning, "No rule is called “term-aliases”, so “docent-disable” does not apply to it; did you mean “term-alias”?", nil),
              ("suppression-comment", .warning, "No rule is called “glosary-empty”, so “docent-disable” does not apply to it; did you mean “glossary-empty”?", nil)])
    }

    /// The guess is a quick fix (preferred, not safe: `--fix` leaves it), for a code or a directive;
    /// a code in capitals is flagged with its lower-case rule.
    @Test func theGuessIsAQuickFix() throws {
        let text = "<!-- docent-disable-nextline -->\nThe viewer.\n\n<!-- docent-disable-next-line TERM-CASING -->\nThe dochub viewer.\n"
        let snapshot = terminologySnapshot(["docs/page.md": text])
        let found = RuleRegistry.diagnostics(for: "docs/page.md", in: snapshot).filter { $0.code == "suppression-comment" }
        #expect(found.map(\.message) == ["“docent-disable-nextline” is no Docent directive, so this comment silences nothing; did you mean “docent-disable-next-line”?",
                                          "No rule is called “TERM-CASING”, so “docent-disable-next-line” does not apply to it; did you mean “term-casing”?"])
        let fixes = CodeActionRegistry.actions(in: "docs/page.md", range: 0..<0, diagnostics: found, snapshot: snapshot).filter { $0.title.hasPrefix("Replace") }
        #expect(fixes.map(\.title) == ["Replace with “docent-disable-next-line”", "Replace with “term-casing”"])
        #expect(fixes.allSatisfy { $0.isPreferred && !$0.isSafe && $0.kind == "quickfix" })
        var fixed = Array(text.utf8)
        for fix in fixes.reversed() {
            guard case .edit(let edit) = fix.operations.first else { continue }
            fixed.replaceSubrange(edit.range, with: Array(edit.newText.utf8))
        }
        #expect(String(decoding: fixed, as: UTF8.self) == "<!-- docent-disable-next-line -->\nThe viewer.\n\n<!-- docent-disable-next-line term-casing -->\nThe dochub viewer.\n")
        // Fixed, the comment silences the finding below it, and says nothing of itself.
        #expect(RuleRegistry.diagnostics(for: "docs/page.md", in: terminologySnapshot(["docs/page.md": String(decoding: fixed, as: UTF8.self)])) == [])
    }

    /// A comment never closed ends with the document: its last word is whole.
    @Test func aCommentNeverClosed() {
        checkTerminology("The viewer.\n\n<!-- docent-disable-line ⟦term-casng⟧", [
            ("suppression-comment", .warning, "No rule is called “term-casng”, so “docent-disable-line” does not apply to it; did you mean “term-casing”?", nil),
        ])
    }

    /// A directive and its code on lines of a CRLF file: the CR is no part of a word.
    @Test func crlfLineBreaksSeparateWords() {
        checkTerminology("<!-- docent-disable-next-line\r\n⟦term-casng⟧\r\n-->\r\nThe ⟦dochub⟧ viewer.\r\n", [
            ("suppression-comment", .warning, "No rule is called “term-casng”, so “docent-disable-next-line” does not apply to it; did you mean “term-casing”?", nil),
            ("term-casing", .warning, "Write “DocHub”, not “dochub”", "DocHub"),
        ])
    }

    /// The quick fix is for the diagnostics of the file it is asked about.
    @Test func noQuickFixForAnotherFilesDiagnostic() {
        let snapshot = terminologySnapshot(["docs/page.md": "<!-- docent-disable-next-line term-casng -->\nThe viewer.\n", "docs/other.md": "Other.\n"])
        let found = RuleRegistry.diagnostics(for: "docs/page.md", in: snapshot).filter { $0.code == "suppression-comment" }
        #expect(found.count == 1)
        #expect(SuppressionCommentFixes().actions(in: "docs/page.md", range: 0..<0, diagnostics: found, snapshot: snapshot).count == 1)
        #expect(SuppressionCommentFixes().actions(in: "docs/other.md", range: 0..<0, diagnostics: found, snapshot: snapshot).isEmpty)
    }

    @Test func aCodeFarFromEveryRuleGetsNoGuess() {
        checkTerminology("""
        The DocHub viewer. <!-- docent-disable-line ⟦spelling⟧ -->

        """, [("suppression-comment", .warning, "No rule is called “spelling”, so “docent-disable-line” does not apply to it (`docent rules` lists them)", nil)])
    }

    @Test func nearestNames() {
        let codes = RuleRegistry.descriptions.map(\.code)
        #expect(Spelling.suggestion(for: "term-casng", among: codes) == "term-casing")
        #expect(Spelling.suggestion(for: "Term-Casing", among: codes) == "term-casing")
        #expect(Spelling.suggestion(for: "term-casing", among: codes) == nil)
        #expect(Spelling.suggestion(for: "term-csaing", among: codes) == "term-casing")
        #expect(Spelling.suggestion(for: "casing", among: codes) == nil)
        #expect(Spelling.distance(Array("kitten".unicodeScalars), Array("sitting".unicodeScalars)) == 3)
        #expect(Spelling.distance(Array("ab".unicodeScalars), Array("ba".unicodeScalars)) == 1)
        #expect(Spelling.distance([], Array("abc".unicodeScalars)) == 3)
    }

    /// A swap is of two neighbours only: "xa" → "ay" is two edits, not one.
    @Test func aSwapNeedsBothNeighboursExchanged() {
        #expect(Spelling.distance(Array("xa".unicodeScalars), Array("ay".unicodeScalars)) == 2)
        #expect(Spelling.distance(Array("abcd".unicodeScalars), Array("acbd".unicodeScalars)) == 1)
    }

    /// How near is near enough: a third of the word's length, at least 1, at most 3.
    @Test func theLimitIsAThirdOfTheWordBetweenOneAndThree() {
        // Six letters: two edits are near, three are not.
        #expect(Spelling.suggestion(for: "abcdef", among: ["abcdxy"]) == "abcdxy")
        #expect(Spelling.suggestion(for: "abcdef", among: ["abcxyz"]) == nil)
        // Two letters: still one edit.
        #expect(Spelling.suggestion(for: "ab", among: ["ax"]) == "ax")
        #expect(Spelling.suggestion(for: "ab", among: ["xy"]) == nil)
        // Fifteen letters: three edits, never four.
        #expect(Spelling.suggestion(for: "abcdefghijklmno", among: ["abcdefghijklxyz"]) == "abcdefghijklxyz")
        #expect(Spelling.suggestion(for: "abcdefghijklmno", among: ["abcdefghijkwxyz"]) == nil)
        // An explicit maximum replaces the default.
        #expect(Spelling.suggestion(for: "abcdef", among: ["abcxyz"], maximum: 3) == "abcxyz")
    }

    /// The nearest candidate wins; on a tie, the first listed.
    @Test func theNearestAndOnATieTheFirst() {
        #expect(Spelling.suggestion(for: "abcdef", among: ["abcdxy", "abcdex"]) == "abcdex")
        #expect(Spelling.suggestion(for: "abcdef", among: ["abcdex", "abcdey"]) == "abcdex")
        #expect(Spelling.suggestion(for: "abcdef", among: ["abcdey", "abcdex"]) == "abcdey")
    }
}
