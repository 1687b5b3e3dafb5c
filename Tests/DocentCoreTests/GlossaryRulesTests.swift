import Testing
@testable import DocentCore

/// One diagnostic as a test states it: code, severity, message, and the marked range it covers.
struct ExpectedDiagnostic: Equatable, CustomStringConvertible {
    var code: String
    var severity: Severity
    var message: String
    var range: ByteRange

    var description: String { "\(code) \(severity) \(range) \(message)" }
}

private let glossaryOnly = Configuration(glossaries: [GlossarySource(pattern: "glossary.md")])

private func makeSnapshot(_ documents: [String: String], configuration: Configuration = glossaryOnly) -> WorkspaceSnapshot {
    WorkspaceSnapshot(configuration: configuration, documents: documents.map { WorkspaceDocument(path: $0.key, text: SourceText($0.value)) })
}

/// Runs every rule on `path` of a workspace whose documents are given with markers, and compares the
/// diagnostics with `expected`, whose ranges are written as marker pairs.
private func checkDiagnostics(_ marked: [String: String], path: String = "glossary.md", configuration: Configuration = glossaryOnly,
                              _ expected: [(code: String, severity: Severity, message: String, from: String, to: String)],
                              sourceLocation: SourceLocation = #_sourceLocation) -> [Diagnostic] {
    let texts = marked.mapValues(MarkedText.init)
    let snapshot = makeSnapshot(texts.mapValues(\.text), configuration: configuration)
    let diagnostics = RuleRegistry.diagnostics(for: path, in: snapshot)
    let document = texts[path]!
    let want = expected.map { ExpectedDiagnostic(code: $0.code, severity: $0.severity, message: $0.message, range: document.range($0.from, $0.to)) }
    let got = diagnostics.map { ExpectedDiagnostic(code: $0.code, severity: $0.severity, message: $0.message, range: $0.range) }
    #expect(got == want, sourceLocation: sourceLocation)
    #expect(diagnostics.allSatisfy { $0.file == path }, sourceLocation: sourceLocation)
    return diagnostics
}

@Suite struct GlossaryRulesTests {
    @Test func registryListsEveryRuleOnce() {
        let codes = RuleRegistry.descriptions.map(\.code)
        #expect(codes == codes.sorted())
        #expect(Set(codes).count == codes.count)
        #expect(Set(codes).isSuperset(of: [
            "glossary-dangling-reference", "glossary-duplicate", "glossary-empty", "glossary-missing-term", "glossary-self-definition",
            "term-abbreviation", "term-alias", "term-casing",
        ]))
        #expect(RuleRegistry.description(of: "glossary-self-definition")?.defaultSeverity == .information)
        #expect(RuleRegistry.description(of: "glossary-duplicate")?.documentationURL == "https://github.com/docent-lsp/docent#glossary-duplicate")
        #expect(RuleRegistry.description(of: "nope") == nil)
    }

    @Test func cleanGlossaryHasNoDiagnostics() {
        _ = checkDiagnostics(["glossary.md": "## Entity\n\nA thing the catalog tracks; see [plugins](#plugin).\n\n## Plugin\n\nA module that adds features.\n"], [])
    }

    // MARK: glossary-duplicate

    @Test func duplicateWithinAFile() throws {
        let diagnostics = checkDiagnostics(["glossary.md": "## 1️⃣Entity2️⃣\n\nA thing.\n\n## Plugin\n\nA module.\n\n## 3️⃣entity4️⃣\n\nAnother thing.\n"], [
            ("glossary-duplicate", .warning, "“entity” is already defined at line 1", "3️⃣", "4️⃣"),
        ])
        let marked = MarkedText("## 1️⃣Entity2️⃣\n")
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostic.related == [RelatedLocation(file: "glossary.md", range: marked.range("1️⃣", "2️⃣"), message: "First definition of “Entity”")])
        #expect(diagnostic.data == ["term": .string("entity"), "firstFile": .string("glossary.md"), "firstLine": .number(0)])
    }

    @Test func sameTermWithDifferentQualifiersIsNotADuplicate() {
        _ = checkDiagnostics(["glossary.md": "## Resource (catalog)\n\nA tracked thing.\n\n## Resource (search)\n\nAn indexed thing.\n\n## 1️⃣Resource (Catalog)2️⃣\n\nAgain.\n"], [
            ("glossary-duplicate", .warning, "“Resource (Catalog)” is already defined at line 1", "1️⃣", "2️⃣"),
        ])
    }

    @Test func duplicateAcrossFilesIsReportedInTheLaterFile() throws {
        let configuration = Configuration(glossaries: [GlossarySource(pattern: "glossary.md"), GlossarySource(pattern: "team/glossary.md")])
        let documents = [
            "glossary.md": "# Glossary\n\n## 1️⃣Entity2️⃣\n\nA thing.\n",
            "team/glossary.md": "## Plugin\n\nA module.\n\n## 3️⃣Entity4️⃣\n\nOur thing.\n",
        ]
        _ = checkDiagnostics(documents, path: "glossary.md", configuration: configuration, [])
        let diagnostics = checkDiagnostics(documents, path: "team/glossary.md", configuration: configuration, [
            ("glossary-duplicate", .warning, "“Entity” is already defined at glossary.md:3", "3️⃣", "4️⃣"),
        ])
        let first = MarkedText(documents["glossary.md"]!)
        #expect(diagnostics.first?.related == [RelatedLocation(file: "glossary.md", range: first.range("1️⃣", "2️⃣"), message: "First definition of “Entity”")])
    }

    @Test func abbreviationsAreNotDuplicatesOfTheirEntries() {
        let configuration = Configuration(glossaries: [GlossarySource(pattern: "glossary.md"), GlossarySource(pattern: "abbreviations.md")])
        let snapshot = makeSnapshot(["glossary.md": "## JWT\n\nJSON Web Token.\n\n## Other\n\nText.\n", "abbreviations.md": "*[JWT]: JSON Web Token\n"], configuration: configuration)
        #expect(RuleRegistry.diagnostics(for: "abbreviations.md", in: snapshot) == [])
        #expect(RuleRegistry.diagnostics(for: "glossary.md", in: snapshot) == [])
    }

    // MARK: glossary-empty

    @Test func emptyDefinition() {
        _ = checkDiagnostics(["glossary.md": "## 1️⃣Channel2️⃣\n\n## Plugin\n\nA module.\n"], [
            ("glossary-empty", .warning, "“Channel” has no definition", "1️⃣", "2️⃣"),
        ])
    }

    @Test func redirectIsNotEmpty() {
        _ = checkDiagnostics(["glossary.md": "## Scaffolder\n\nKnown as Software Templates.\n\n## Software Templates\n\nBlueprints.\n"], [])
    }

    // MARK: glossary-dangling-reference

    @Test func missingAnchorSuggestsTheEntry() throws {
        let diagnostics = checkDiagnostics(["glossary.md": "## Entity\n\nWorks with a 1️⃣[plugin](#plugins)2️⃣.\n\n## Plugin\n\nA module.\n"], [
            ("glossary-dangling-reference", .warning, "No entry has the anchor #plugins; did you mean #plugin?", "1️⃣", "2️⃣"),
        ])
        #expect(diagnostics.first?.data == ["anchor": .string("plugins"), "file": .string("glossary.md"), "suggestedAnchor": .string("plugin")])
    }

    @Test func missingAnchorWithoutSuggestion() {
        _ = checkDiagnostics(["glossary.md": "## Entity\n\nWorks with 1️⃣[widgets](#widget)2️⃣.\n\n## Plugin\n\nA module.\n"], [
            ("glossary-dangling-reference", .warning, "No entry has the anchor #widget", "1️⃣", "2️⃣"),
        ])
    }

    @Test func anchorWithDifferentCase() {
        _ = checkDiagnostics(["glossary.md": "## Dashboard\n\nCharts about one 1️⃣[widget](#Widget)2️⃣.\n\n## Widget\n\nA panel.\n"], [
            ("glossary-dangling-reference", .warning, "The anchor #Widget differs in case from #widget; anchors are case-sensitive", "1️⃣", "2️⃣"),
        ])
    }

    @Test func anchorsInOtherGlossaryFiles() {
        let configuration = Configuration(glossaries: [GlossarySource(pattern: "**/glossary.md")])
        _ = checkDiagnostics([
            "docs/glossary.md": "## Entity\n\nSee also [tokens](../auth/glossary.md#token) and 1️⃣[scopes](../auth/glossary.md#scopes)2️⃣, [the web](https://x.y/#a), [elsewhere](other.md#x).\n\n## Plugin\n\nA module.\n",
            "auth/glossary.md": "## Token\n\nA credential.\n\n## Scope\n\nA grant.\n",
        ], path: "docs/glossary.md", configuration: configuration, [
            ("glossary-dangling-reference", .warning, "No entry has the anchor #scopes; did you mean #scope?", "1️⃣", "2️⃣"),
        ])
    }

    @Test func seeAnUndefinedTerm() {
        _ = checkDiagnostics(["glossary.md": "## Kind\n\n1️⃣See Category.2️⃣\n\n## Entity\n\nA thing.\n"], [
            ("glossary-dangling-reference", .warning, "“Kind” points at “Category”, which the glossary does not define", "1️⃣", "2️⃣"),
        ])
    }

    @Test func seeADefinedTermInThePlural() {
        _ = checkDiagnostics(["glossary.md": "## Kinds\n\nSee entities.\n\n## Entity\n\nA thing.\n"], [])
    }

    @Test func brokenLinkInARedirect() {
        _ = checkDiagnostics(["glossary.md": "## Gadget\n\nSee 1️⃣[Nonexistent Thing](#nonexistent-thing)2️⃣.\n\n## Entity\n\nA thing.\n"], [
            ("glossary-dangling-reference", .warning, "No entry has the anchor #nonexistent-thing", "1️⃣", "2️⃣"),
        ])
    }

    // MARK: glossary-self-definition

    @Test func selfDefinitionInTheFirstSentence() {
        _ = checkDiagnostics(["glossary.md": "## Bundle\n\nA 1️⃣Bundle2️⃣ is a bundle of plugins that ship together.\n\n## Plugin\n\nA module.\n"], [
            ("glossary-self-definition", .information, "The definition of “Bundle” uses the term itself in its first sentence; explain it in other words", "1️⃣", "2️⃣"),
        ])
    }

    @Test func selfDefinitionCountsPlurals() {
        _ = checkDiagnostics(["glossary.md": "## Index\n\nOne of the 1️⃣indexes2️⃣ the search keeps.\n\n## Plugin\n\nA module.\n"], [
            ("glossary-self-definition", .information, "The definition of “Index” uses the term itself in its first sentence; explain it in other words", "1️⃣", "2️⃣"),
        ])
    }

    @Test func termOnlyInALinkTargetOrALaterSentenceIsFine() {
        _ = checkDiagnostics(["glossary.md": """
            ## Permission

            Grants access, as described under [access rules](#permission-rule).

            ## Permission Rule

            A condition on a request. A permission rule is written in YAML.

            ## Role

            A named set of grants.
            """], [])
    }

    /// A redirect whose target's name holds the term ("Template: See Software Template") sends the
    /// reader on; it does not define the term by itself, even while the target is missing.
    @Test func aRedirectWhoseTargetHoldsTheTermIsNoSelfDefinition() {
        let snapshot = makeSnapshot(["glossary.md": "## Template\n\nSee Software Template.\n\n## Plugin\n\nA module.\n"])
        #expect(RuleRegistry.diagnostics(for: "glossary.md", in: snapshot).map(\.code) == ["glossary-dangling-reference"])
    }

    /// A name two entries share: one entry's definition using it may mean the other (review: the
    /// Backstage plugin's "a view of Kubernetes resources" names the CNCF project). Alone, it is circular.
    @Test func aNameTwoEntriesShareMayMeanTheOther() {
        let kubernetes = """
            ## Kubernetes (CNCF project)

            A system that runs containers.

            ## Kubernetes (portal plugin)

            A plugin that shows Kubernetes resources.

            """
        _ = checkDiagnostics(["glossary.md": kubernetes], [])
        let alone = "## Kubernetes\n\nA system that runs containers.\n\n## Kubernetes Plugin\n\nA plugin that shows Kubernetes resources.\n"
        _ = checkDiagnostics(["glossary.md": alone], [])
        _ = checkDiagnostics(["glossary.md": "## Kubernetes (portal plugin)\n\nA plugin that shows 1️⃣Kubernetes2️⃣ resources.\n\n## Plugin\n\nA module.\n"], [
            ("glossary-self-definition", .information, "The definition of “Kubernetes (portal plugin)” uses the term itself in its first sentence; explain it in other words", "1️⃣", "2️⃣"),
        ])
    }

    /// A redirect that shares the name ("Bundle (legacy): Known as Package") is no other meaning the
    /// definition could have: the use is still circular.
    @Test func aRedirectSharingTheNameLeavesTheSelfDefinition() {
        _ = checkDiagnostics(["glossary.md": "## Bundle\n\nA 1️⃣bundle2️⃣ of files.\n\n## Bundle (legacy)\n\nKnown as [Package](#package).\n\n## Package\n\nA unit that ships.\n"], [
            ("glossary-self-definition", .information, "The definition of “Bundle” uses the term itself in its first sentence; explain it in other words", "1️⃣", "2️⃣"),
        ])
    }

    @Test func selfDefinitionSkipsLeadingSenseNumber() {
        _ = checkDiagnostics(["glossary.md": "## Group\n\n1. A set of users.\n2. A group entity.\n\n## Plugin\n\nA module.\n"], [])
    }

    @Test(arguments: [
        ("1. A group. Next.", 3..<10),
        ("Version 2.0 is out! Yes", 0..<18),
        ("Is it? Yes.", 0..<5),
        ("No end", 0..<6),
        ("Ends here.", 0..<9),
    ] as [(String, ByteRange)])
    func firstSentence(_ definition: String, _ expected: ByteRange) {
        let text = SourceText(definition)
        #expect(GlossarySelfDefinitionRule.firstSentence(text, in: 0..<text.count) == expected)
    }

    // MARK: glossary-missing-term

    @Test func missingTermInATermLinesGlossary() {
        _ = checkDiagnostics(["glossary.md": """
            Entity

            A thing the catalog knows about.


            1️⃣A definition whose term line was lost.2️⃣

            Plugin

            A module.
            """], [
                ("glossary-missing-term", .warning, "Definition without a term line (“A definition whose term line was lost.…”); its term line may have been lost", "1️⃣", "2️⃣"),
            ])
    }

    @Test func unreadableGlossaryIsReported() {
        let configuration = Configuration(glossaries: [GlossarySource(pattern: "glossary.md", format: .bullets)])
        _ = checkDiagnostics(["glossary.md": "1️⃣## Entity2️⃣\n\nA thing.\n"], configuration: configuration, [
            ("glossary-missing-term", .warning, "No glossary entries found (read as bullets layout)", "1️⃣", "2️⃣"),
        ])
    }

    @Test func unclosedCodeFenceInAGlossaryIsReported() {
        _ = checkDiagnostics(["glossary.md": "## DocHub\n\nHub.\n\n1️⃣```yaml2️⃣\nkey: value\n\n## OAuth\n\nAuth.\n"], [
            ("glossary-missing-term", .warning, "This code fence is never closed, so the rest of the file is read as code and no glossary entry after it is read; close it with a ``` line", "1️⃣", "2️⃣"),
        ])
    }

    @Test func unreadableEntryLinesAreReportedWhereTheyAre() {
        _ = checkDiagnostics(["glossary.md": "- **DocHub** - The hub.\n- 1️⃣**GraphQL - Query language2️⃣\n- **Kind** - The type.\n"], [
            ("glossary-missing-term", .warning, "Expected `- **Term** - definition`: the term's ** is never closed, so this line is not read as an entry", "1️⃣", "2️⃣"),
        ])
        _ = checkDiagnostics(["glossary.md": "DocHub\n: The hub.\n\nOAuth\n1️⃣:Auth without space2️⃣\n\n3️⃣GraphQL4️⃣\n:   \n"], [
            ("glossary-missing-term", .warning, "Expected `: definition`, with a space after the colon, so “OAuth” is not read as an entry", "1️⃣", "2️⃣"),
            ("glossary-empty", .warning, "“GraphQL” has no definition", "3️⃣", "4️⃣"),
        ])
    }

    // MARK: Configuration

    static let brokenGlossary = """
        ## Bundle

        A 1️⃣Bundle2️⃣ is a set of plugins.

        ## 3️⃣Channel4️⃣

        ## Plugin

        A module.

        ## 5️⃣Plugin6️⃣

        Another module.
        """

    @Test func severitiesFromRules() {
        var configuration = glossaryOnly
        configuration.rules = ["glossary-empty": .severity(.error), "glossary-self-definition": .severity(.hint), "glossary-duplicate": .off]
        _ = checkDiagnostics(["glossary.md": Self.brokenGlossary], configuration: configuration, [
            ("glossary-self-definition", .hint, "The definition of “Bundle” uses the term itself in its first sentence; explain it in other words", "1️⃣", "2️⃣"),
            ("glossary-empty", .error, "“Channel” has no definition", "3️⃣", "4️⃣"),
        ])
    }

    @Test func overridesApplyToMatchingFilesAndTheLastWins() {
        var configuration = Configuration(glossaries: [GlossarySource(pattern: "**/glossary.md")])
        configuration.rules = ["glossary-empty": .severity(.information)]
        configuration.overrides = [
            RuleOverride(files: ["drafts/**"], rules: ["glossary-empty": .off, "glossary-duplicate": .severity(.error)]),
            RuleOverride(files: ["drafts/old/**"], rules: ["glossary-duplicate": .off]),
        ]
        let documents = [
            "glossary.md": Self.brokenGlossary,
            "drafts/glossary.md": "## Gizmo\n\n## 1️⃣Gizmo2️⃣\n\nA tool.\n",
            "drafts/old/glossary.md": "## Widget\n\nA panel.\n\n## Widget\n\n## Gauge\n\nA dial.\n",
        ]
        _ = checkDiagnostics(documents, path: "glossary.md", configuration: configuration, [
            ("glossary-self-definition", .information, "The definition of “Bundle” uses the term itself in its first sentence; explain it in other words", "1️⃣", "2️⃣"),
            ("glossary-empty", .information, "“Channel” has no definition", "3️⃣", "4️⃣"),
            ("glossary-duplicate", .warning, "“Plugin” is already defined at line 7", "5️⃣", "6️⃣"),
        ])
        // drafts/**: empty definitions are off and duplicates are errors.
        _ = checkDiagnostics(documents, path: "drafts/glossary.md", configuration: configuration, [
            ("glossary-duplicate", .error, "“Gizmo” is already defined at line 1", "1️⃣", "2️⃣"),
        ])
        // drafts/old/** matches both overrides; the later one turns duplicates off.
        _ = checkDiagnostics(documents, path: "drafts/old/glossary.md", configuration: configuration, [])
    }

    @Test func settingLookup() {
        var configuration = Configuration()
        configuration.rules = ["glossary-empty": .severity(.hint)]
        configuration.overrides = [RuleOverride(files: ["docs/**"], rules: ["glossary-empty": .off])]
        #expect(configuration.setting(forRule: "glossary-empty", path: "glossary.md") == .severity(.hint))
        #expect(configuration.setting(forRule: "glossary-empty", path: "docs/glossary.md") == .off)
        #expect(configuration.setting(forRule: "glossary-duplicate", path: "docs/glossary.md") == nil)
    }

    @Test(arguments: [
        ("error", RuleSetting.severity(.error)), ("Warning", .severity(.warning)), ("info", .severity(.information)),
        ("information", .severity(.information)), ("hint", .severity(.hint)), ("off", .off), ("none", .off), ("false", .off),
    ] as [(String, RuleSetting)])
    func ruleSettingWords(_ word: String, _ expected: RuleSetting) {
        #expect(RuleSetting(word) == expected)
    }

    @Test func unknownSeverityWord() {
        #expect(RuleSetting("loud") == nil)
        #expect(RuleSetting("") == nil)
    }

    @Test func rulesOnlyRunOnGlossaryFiles() {
        let snapshot = makeSnapshot(["glossary.md": Self.brokenGlossary, "page.md": "## Channel\n\n## Channel\n"])
        #expect(RuleRegistry.diagnostics(for: "page.md", in: snapshot) == [])
        #expect(RuleRegistry.diagnostics(for: "missing.md", in: snapshot) == [])
    }

    /// Editing a definition keeps every page's term matches (the names are the same words); adding,
    /// renaming or removing a name changes them, and the pages see the new names at once.
    @Test func onlyANameChangeInvalidatesTermMatches() {
        let snapshot = makeSnapshot([
            "glossary.md": "## Entity\n\nA thing.\n\n## Plugin\n\nA module.\n",
            "extra-glossary.md": "## Widget\n\nA control.\n",
            "page.md": "An entity, a plugin, a widget and a gadget.\n",
        ], configuration: Configuration(glossaries: [GlossarySource(pattern: "glossary.md"), GlossarySource(pattern: "extra-glossary.md")]))
        let matches = snapshot.termMatches(in: "page.md").map(\.range)
        #expect(matches.count == 3)
        let reworded = snapshot.applying([.setDocument(path: "glossary.md", text: SourceText("## Entity\n\nSomething that exists.\n\n## Plugin\n\nAn add-on.\n"), version: 2)])
        #expect(reworded.glossary.matchingKey == snapshot.glossary.matchingKey)
        #expect(reworded.glossary.entries.first { $0.term == "Entity" }?.senses == ["Something that exists."])
        #expect(reworded.termMatches(in: "page.md").map(\.range) == matches)
        // The other glossary file was not edited: its parsed form is the same value.
        #expect(reworded.glossary.files.first { $0.path == "extra-glossary.md" }?.entries.map(\.term) == ["Widget"])
        let grown = reworded.applying([.setDocument(path: "glossary.md", text: SourceText("## Entity\n\nA thing.\n\n## Gadget\n\nA device.\n"), version: 3)])
        #expect(grown.glossary.matchingKey != snapshot.glossary.matchingKey)
        let names = grown.termMatches(in: "page.md").map { grown.glossary.names[$0.name].text }
        #expect(names == ["Entity", "Widget", "Gadget"])
    }

    @Test func glossaryRebuildsWhenAGlossaryFileChanges() {
        let snapshot = makeSnapshot(["glossary.md": "## Entity\n\nA thing.\n\n## Plugin\n\nA module.\n", "page.md": "Text"])
        let generation = snapshot.glossaryGeneration
        let edited = snapshot.applying([.setDocument(path: "page.md", text: SourceText("Other"), version: 2)])
        #expect(edited.glossaryGeneration == generation)
        #expect(edited.document("page.md")?.version == 2)
        let regrown = edited.applying([.setDocument(path: "glossary.md", text: SourceText("## Entity\n\nA thing.\n\n## Entity\n\nAgain.\n"), version: 1)])
        // Generations are unique across the process (tests run in parallel), so only "changed" holds.
        #expect(regrown.glossaryGeneration > generation)
        #expect(regrown.glossary.entries.map(\.term) == ["Entity", "Entity"])
        #expect(RuleRegistry.diagnostics(for: "glossary.md", in: regrown).map(\.code) == ["glossary-duplicate"])
        let removed = regrown.applying([.removeDocument(path: "glossary.md")])
        #expect(removed.glossary.entries.isEmpty)
        #expect(removed.isGlossary("glossary.md") == false)
        // The old snapshot is untouched.
        #expect(snapshot.glossary.entries.map(\.term) == ["Entity", "Plugin"])
    }
}
