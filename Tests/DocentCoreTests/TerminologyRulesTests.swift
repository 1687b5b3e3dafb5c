import Foundation
import Testing
@testable import DocentCore

// MARK: Shared by the terminology, suppression, fix and rename tests

/// The glossary the terminology tests share: a special-cased term, an acronym with its expansion, a
/// lower-case tool name, a plain Title Case term, and three redirects ("Known as", "Alternative term
/// for", "See").
let terminologyGlossary = """
# Glossary

## Blueprints

A plugin that creates new projects from templates.

## DocHub

The docs-as-code viewer of the portal.

## JWT

JSON Web Token: a signed token that carries claims.

## kubectl

The command-line tool for Kubernetes clusters.

## OAuth

An open standard for delegated authorization.

## Persona

Alternative term for [user role](#user-role).

## Scaffolder

Known as [Blueprints](#blueprints).

## Service Catalog

The place that records who owns each piece of software.

## Templates

See Blueprints.

## User Role

A named set of permissions.

"""

let terminologyConfiguration = Configuration(glossaries: [GlossarySource(pattern: "docs/glossary.md")])

/// The finding on a first use of "JWT" that is not spelled out, as many tests expect it.
let spellOutJWT: (code: String, severity: Severity, message: String, replacement: String?) =
    ("term-abbreviation", .hint, "Spell out “JWT” on its first use: “JSON Web Token (JWT)”", "JSON Web Token (JWT)")

/// A workspace of `docs/glossary.md` (the shared glossary unless given) and the other documents.
func terminologySnapshot(_ documents: [String: String], glossary: String = terminologyGlossary,
                         configuration: Configuration = terminologyConfiguration) -> WorkspaceSnapshot {
    var all = documents
    if all["docs/glossary.md"] == nil { all["docs/glossary.md"] = glossary }
    return WorkspaceSnapshot(configuration: configuration, documents: all.map { WorkspaceDocument(path: $0.key, text: SourceText($0.value)) })
}

/// Text whose expected diagnostic ranges are written in brackets, `We use ⟦dochub⟧ daily`: the text
/// without brackets, and each bracketed byte range in order.
struct BracketedText {
    let text: String
    let ranges: [ByteRange]

    init(_ marked: String) {
        var clean = ""
        var ranges: [ByteRange] = []
        var start: Int?
        for character in marked {
            switch character {
            case "⟦":
                precondition(start == nil, "nested ⟦")
                start = clean.utf8.count
            case "⟧":
                ranges.append(start!..<clean.utf8.count)
                start = nil
            default:
                clean.append(character)
            }
        }
        precondition(start == nil, "unclosed ⟦")
        text = clean
        self.ranges = ranges
    }
}

/// One diagnostic as the terminology tests state it.
struct TermExpectation: Equatable, CustomStringConvertible {
    var code: String
    var severity: Severity
    var message: String
    var range: ByteRange
    var replacement: String?

    var description: String { "\(code) \(severity) \(range) \(message) → \(replacement ?? "nil")" }
}

/// Runs every rule on `path` (a page by default) and compares code, severity, message, range and
/// `data["replacement"]`; ranges are the bracketed parts of `marked`, in order.
@discardableResult
func checkTerminology(_ marked: String, path: String = "docs/page.md", others: [String: String] = [:],
                      glossary: String = terminologyGlossary, configuration: Configuration = terminologyConfiguration,
                      _ expected: [(code: String, severity: Severity, message: String, replacement: String?)],
                      sourceLocation: SourceLocation = #_sourceLocation) -> [Diagnostic] {
    let document = BracketedText(marked)
    var documents = others
    documents[path] = document.text
    let snapshot = terminologySnapshot(documents, glossary: glossary, configuration: configuration)
    let diagnostics = RuleRegistry.diagnostics(for: path, in: snapshot)
    guard document.ranges.count == expected.count else {
        Issue.record("\(document.ranges.count) bracketed ranges but \(expected.count) expectations", sourceLocation: sourceLocation)
        return diagnostics
    }
    let want = zip(expected, document.ranges).map { TermExpectation(code: $0.code, severity: $0.severity, message: $0.message, range: $1, replacement: $0.replacement) }
    let got = diagnostics.map { diagnostic -> TermExpectation in
        var replacement: String?
        if case .string(let text)? = diagnostic.data["replacement"] { replacement = text }
        return TermExpectation(code: diagnostic.code, severity: diagnostic.severity, message: diagnostic.message, range: diagnostic.range, replacement: replacement)
    }
    #expect(got == want, sourceLocation: sourceLocation)
    #expect(diagnostics.allSatisfy { $0.file == path }, sourceLocation: sourceLocation)
    return diagnostics
}

/// The codes of the diagnostics of `path`, for tests that only count.
func terminologyCodes(_ text: String, path: String = "docs/page.md", configuration: Configuration = terminologyConfiguration) -> [String] {
    RuleRegistry.diagnostics(for: path, in: terminologySnapshot([path: text], configuration: configuration)).map(\.code)
}

// MARK: term-casing

@Suite struct TermCasingTests {
    @Test func wrongCasingsOfAnInternalCapitalsTerm() {
        let diagnostics = checkTerminology("We use ⟦dochub⟧ daily, ⟦DOCHUB⟧ too, and ⟦Dochub⟧ here.\n", [
            ("term-casing", .warning, "Write “DocHub”, not “dochub”", "DocHub"),
            ("term-casing", .warning, "Write “DocHub”, not “DOCHUB”", "DocHub"),
            ("term-casing", .warning, "Write “DocHub”, not “Dochub”", "DocHub"),
        ])
        #expect(diagnostics.first?.data == ["term": .string("DocHub"), "written": .string("dochub"), "replacement": .string("DocHub")])
    }

    @Test func eitherSpellingOfATermDefinedTwiceIsAccepted() {
        let glossary = "# Glossary\n\n## ID token\n\nA signed statement of who the user is.\n\n## ID Token\n\nThe same token, as the sign-in pages spell it.\n"
        checkTerminology("An ID Token and an ID token are both fine; an ⟦id token⟧ is not.\n", glossary: glossary, [
            ("term-casing", .warning, "Write “ID token”, not “id token”", "ID token"),
        ])
    }

    @Test func aCapitalAtASentenceStartDoesNotExcuseLostInternalCapitals() {
        checkTerminology("⟦Dochub⟧ renders pages. ⟦Oauth⟧ signs people in.\n", [
            ("term-casing", .warning, "Write “DocHub”, not “Dochub”", "DocHub"),
            ("term-casing", .warning, "Write “OAuth”, not “Oauth”", "OAuth"),
        ])
    }

    @Test func anAcronymWrittenInTitleCase() {
        // "JWT" is also an abbreviation; spelled out first, only the casing is left to report.
        checkTerminology("A JSON Web Token, or ⟦Jwt⟧, carries claims.\n", [
            ("term-casing", .warning, "Write “JWT”, not “Jwt”", "JWT"),
        ])
    }

    @Test func pluralAndPossessiveKeepTheirEnding() {
        let diagnostics = checkTerminology("Two ⟦Dochubs⟧ and one ⟦Dochub's⟧ index; ⟦dochubs⟧ and ⟦oauth's⟧ flows.\n", [
            // The message names the spelling to write, ending included.
            ("term-casing", .warning, "Write “DocHubs”, not “Dochubs”", "DocHubs"),
            ("term-casing", .warning, "Write “DocHub's”, not “Dochub's”", "DocHub's"),
            ("term-casing", .warning, "Write “DocHubs”, not “dochubs”", "DocHubs"),
            ("term-casing", .warning, "Write “OAuth's”, not “oauth's”", "OAuth's"),
        ])
        #expect(diagnostics.first?.data["written"] == .string("Dochubs"))
    }

    @Test func theCanonicalSpellingIsFine() {
        checkTerminology("DocHub, DocHubs and DocHub's pages; OAuth and JSON Web Token (JWT) sign-in; kubectl runs.\n", [])
    }

    @Test func aPlainTitleCaseTermInLowerCaseIsFine() {
        checkTerminology("The service catalog lists it. Service catalog entries and the Service Catalog too.\n", [])
    }

    @Test func aProperNameFromConfigurationIsFlaggedInLowerCase() {
        let configuration = Configuration(glossaries: [GlossarySource(pattern: "docs/glossary.md")], properNames: ["Service Catalog"])
        checkTerminology("The ⟦service catalog⟧ lists it; the Service Catalog agrees. ⟦Service catalog⟧ entries.\n", configuration: configuration, [
            ("term-casing", .warning, "Write “Service Catalog”, not “service catalog”", "Service Catalog"),
            ("term-casing", .warning, "Write “Service Catalog”, not “Service catalog”", "Service Catalog"),
        ])
    }

    @Test func aProperNameAcrossASoftLineBreakKeepsTheBreak() {
        let configuration = Configuration(glossaries: [GlossarySource(pattern: "docs/glossary.md")], properNames: ["service catalog"])
        checkTerminology("Open the ⟦service\ncatalog⟧ page.\n", configuration: configuration, [
            ("term-casing", .warning, "Write “Service Catalog”, not “service catalog”", "Service\nCatalog"),
        ])
    }

    @Test func aLowerCaseTermMayBeCapitalisedAtASentenceStartOrInAHeading() {
        checkTerminology("""
        # Installing Kubectl

        ## Kubectl basics

        Kubectl talks to clusters. Then: Kubectl again. "Kubectl" is quoted. **Kubectl** is bold.

        Run kubectl, not ⟦Kubectl⟧ or ⟦KUBECTL⟧, mid-sentence.

        """, [
            ("term-casing", .warning, "Write “kubectl”, not “Kubectl”", "kubectl"),
            ("term-casing", .warning, "Write “kubectl”, not “KUBECTL”", "kubectl"),
        ])
    }

    /// The same for a term of several words in a title-case heading.
    @Test func aLowerCaseTermOfSeveralWordsMayBeCapitalisedInAHeading() {
        checkTerminology("# Install the Starter Kit\n\nUse the starter kit, not the ⟦Starter Kit⟧.\n", glossary: terminologyGlossary + "\n## starter kit\n\nA template repository.\n", [
            ("term-casing", .warning, "Write “starter kit”, not “Starter Kit”", "starter kit"),
        ])
    }

    @Test func headingsStillReportLostInternalCapitals() {
        checkTerminology("# Using ⟦Dochub⟧\n\n## Setting Up OAuth\n\nText.\n", [
            ("term-casing", .warning, "Write “DocHub”, not “Dochub”", "DocHub"),
        ])
    }

    @Test func anAllCapitalsHeadingIsNotFlagged() {
        checkTerminology("# DOCHUB SETUP\n\n## OAUTH AND KUBECTL\n\nText.\n", [])
    }

    @Test func codeIsNeverFlagged() {
        checkTerminology("""
        Inline `dochub serve` and ``Oauth`` code.

        ```sh
        dochub build --oauth
        ```

        ~~~
        Dochub
        ~~~

            dochub indented code

        """, [])
    }

    @Test func indentedCodeInsideAListItemIsNotFlagged() {
        // Found in the Backstage release notes: a code block indented four columns past a list
        // item's content: code, not prose.
        checkTerminology("- Added a plugin\n\n  It needs:\n\n      createApiFactory({\n          api: dochubApiRef,\n          dochub: true,\n      })\n", [])
        // A lower-case hyphen compound names code, not the term.
        checkTerminology("Install the dochub-backend package and the api-docs plugin.\n", [])
    }

    @Test func urlsLinksAndAutolinksAreNotFlagged() {
        checkTerminology("""
        See [the viewer](https://example.com/dochub/setup) and [ref][viewer], https://dochub.example.com/dochub/x,
        <https://dochub.io/oauth> and <dochub@example.com>.

        [viewer]: https://example.com/dochub "Docs"

        """, [])
    }

    /// A definition's title is no prose, on the destination's line or on lines of its own; words that
    /// are no title after a definition are.
    @Test func titlesOfDefinitionsOverLinesAreNotFlagged() {
        checkTerminology("""
        See [the viewer][viewer] and [the standard][oauth].

        [viewer]: https://example.com/viewer
          "The Dochub
          viewer"
        [oauth]: https://example.com/oauth 'Oauth, the
        standard'
        "⟦Dochub⟧" is no title here.

        """, [("term-casing", .warning, "Write “DocHub”, not “Dochub”", "DocHub")])
    }

    @Test func htmlAndCommentsAreNotFlagged() {
        checkTerminology("<!-- dochub comment -->\n\n<div class=\"dochub\">\n</div>\n\nText <span title=\"dochub\">here</span>.\n", [])
    }

    /// CommonMark HTML blocks 3–5 run to their closer, blank lines included; the text after it is prose.
    @Test func processingInstructionsDeclarationsAndCDATAAreNotFlagged() {
        checkTerminology("""
        Intro about ⟦Dochub⟧.
        <?php echo "Dochub";

        echo "Oauth"; ?>
        <!DOCTYPE dochub>
        <![CDATA[ Dochub

        Oauth ]]>

        After them, ⟦Dochub⟧ again. A <?php "Dochub" ?> inline is not a block start: <!x> neither.

        """, [
            ("term-casing", .warning, "Write “DocHub”, not “Dochub”", "DocHub"),
            ("term-casing", .warning, "Write “DocHub”, not “Dochub”", "DocHub"),
        ])
    }

    @Test func frontMatterValuesAreNotFlagged() {
        checkTerminology("---\ntitle: Dochub and Oauth\ntags: [dochub, jwt]\n---\n\n# Page\n\nText.\n", [])
        // Hugo's TOML front matter: a slug rewritten to "DocHub" would change the page's URL.
        checkTerminology("+++\ntitle = \"Dochub and Oauth\"\nslug = \"dochub\"\nkeywords = [\n  \"dochub\",\n  \"jwt\",\n]\n+++\n\n# Page\n\nText about ⟦Dochub⟧.\n", [
            ("term-casing", .warning, "Write “DocHub”, not “Dochub”", "DocHub"),
        ])
    }

    /// Hugo's JSON front matter: its values are data, not prose, in Markdown. In MDX a `{` line is a
    /// JavaScript expression, not front matter, and is not prose either.
    @Test func jsonFrontMatterValuesAreNotFlagged() {
        let page = "{\n  \"title\": \"Dochub and Oauth\",\n  \"slug\": \"dochub\",\n  \"keywords\": [\n    \"dochub\",\n    \"jwt\"\n  ]\n}\n\n# Page\n\nText about ⟦Dochub⟧.\n"
        checkTerminology(page, [("term-casing", .warning, "Write “DocHub”, not “Dochub”", "DocHub")])
        let diagnostics = checkTerminology(page, path: "docs/page.mdx", [("term-casing", .warning, "Write “DocHub”, not “Dochub”", "DocHub")])
        #expect(diagnostics.count == 1)
    }

    @Test func frontMatterThatCannotBeReadIsReported() {
        checkTerminology("---\ntitle: ⟦\"Logging in⟧\npersona: ⟦[administrator⟧\n---\n\nText.\n", [
            ("front-matter-syntax", .warning, "This value has no closing \"", nil),
            ("front-matter-syntax", .warning, "This list has no closing `]`", nil),
        ])
        checkTerminology("+++\n⟦title: Logging in⟧\n+++\n\nText.\n", [
            ("front-matter-syntax", .warning, "Expected `key = value` in TOML front matter", nil),
        ])
        let json = checkTerminology("{\n  \"title\": ⟦\"Logging in⟧\n  \"persona\": ⟦[⟧\"administrator\"\n}\n\nText.\n", [
            ("front-matter-syntax", .warning, "This string has no closing \"", nil),
            ("front-matter-syntax", .warning, "This array has no closing `]`", nil),
        ])
        // `data.syntax` names the block's language for tools.
        #expect(json.map { $0.data["syntax"] } == [.string("json"), .string("json")])
        #expect(RuleRegistry.diagnostics(for: "docs/page.md", in: terminologySnapshot(["docs/page.md": "+++\ntitle: x\n+++\n"])).map { $0.data["syntax"] } == [.string("toml")])
        #expect(RuleRegistry.diagnostics(for: "docs/page.md", in: terminologySnapshot(["docs/page.md": "---\ntitle: \"x\n---\n"])).map { $0.data["syntax"] } == [.string("yaml")])
    }

    /// A lone lower-case word in straight quotes is a value of code; typographic quotes and a quoted
    /// phrase are prose.
    @Test func quotedValuesAreNotFlagged() {
        checkTerminology("""
        Results of type "dochub" and 'dochub' come first; "oauth" is the provider id.
        The so-called “⟦dochub⟧” viewer, "the ⟦dochub⟧ viewer" and "⟦Dochub⟧" are prose.

        """, [
            ("term-casing", .warning, "Write “DocHub”, not “dochub”", "DocHub"),
            ("term-casing", .warning, "Write “DocHub”, not “dochub”", "DocHub"),
            ("term-casing", .warning, "Write “DocHub”, not “Dochub”", "DocHub"),
        ])
    }

    @Test func packageNamesPathsAndIdentifiersInPlainTextAreNotFlagged() {
        checkTerminology("""
        Install @harbor/plugin-dochub-backend@1.2.0 first.
        Then edit docs/dochub/setup.md and run dochub_build or open dochub.yaml.
        Relative and home paths: ./dochub, ../dochub, /dochub and ~/dochub.

        """, [])
    }

    @Test func linkTextAndTableCellsAreProse() {
        checkTerminology("""
        Read [the ⟦Dochub⟧ guide](https://example.com/dochub).

        | Tool | Notes |
        |---|---|
        | ⟦Dochub⟧ | Uses OAuth |

        """, [
            ("term-casing", .warning, "Write “DocHub”, not “Dochub”", "DocHub"),
            ("term-casing", .warning, "Write “DocHub”, not “Dochub”", "DocHub"),
        ])
    }

    @Test func channelsHandlesAndKebabCaseNamesAreNotFlagged() {
        checkTerminology("""
        Ask in #dochub or ping @dochub; the #Dochub channel and @Oauth too.
        Updates Dochub-cli, the Oauth-client and oauth-server, Dochub-based-backend and non-Dochub-cli.
        The ⟦Dochub⟧ viewer and ⟦oauth⟧ - with spaced dashes - still count.

        """, [
            ("term-casing", .warning, "Write “DocHub”, not “Dochub”", "DocHub"),
            ("term-casing", .warning, "Write “OAuth”, not “oauth”", "OAuth"),
        ])
    }

    @Test func aCompoundOfProseIsAUseOfTheTerm() {
        // "-based", "non-": words English hyphenates to a name in running text, so the name is the term.
        // A lower-case compound may still name code ("non-dochub" as a package), and an abbreviation in
        // a compound is not where it is spelled out.
        checkTerminology("""
        An ⟦Oauth⟧-based flow for non-⟦Dochub⟧ pages and ⟦Dochub⟧-powered, Self-⟦Dochub⟧-hosted sites.
        ⟦Scaffolder⟧-generated projects, JWT-based sessions, non-dochub pages.

        """, [
            ("term-casing", .warning, "Write “OAuth”, not “Oauth”", "OAuth"),
            ("term-casing", .warning, "Write “DocHub”, not “Dochub”", "DocHub"),
            ("term-casing", .warning, "Write “DocHub”, not “Dochub”", "DocHub"),
            ("term-casing", .warning, "Write “DocHub”, not “Dochub”", "DocHub"),
            ("term-alias", .information, "The glossary prefers “Blueprints” to “Scaffolder”", "Blueprints"),
        ])
    }

    /// The words a hyphen joins are compared whole and in any case, however many there are, in any
    /// order; a hyphen with no ASCII letter or digit after it (at the end of a word, doubled) joins
    /// nothing; a word with a cased letter beyond ASCII is no identifier's, so its compound is prose;
    /// typographic punctuation, a no-break space and ideographs end a word.
    @Test func compoundFormersAreWholeWordsInAnyCase() {
        let casing = ("term-casing", Severity.warning, "Write “DocHub”, not “Dochub”", "DocHub" as String?)
        checkTerminology("""
        NON-⟦Dochub⟧ pages, ⟦Dochub⟧-BASED sites, anti-non-⟦Dochub⟧-generated-free ones, ⟦Dochub⟧-independent builds.
        Dochub-bas, Dochub-basedx, Dochub-independently, re-Dochub-cli and Dochub-2 name code.
        ⟦Dochub⟧- and ⟦Dochub⟧--based and ⟦Dochub⟧‑based (a non-breaking hyphen) join nothing.
        ⟦Dochub⟧-ähnlich, é-⟦Dochub⟧, ⟦Dochub⟧-café, Straße-⟦Dochub⟧, re-⟦Dochub⟧-naïve, café-⟦Dochub⟧-cli, cli-⟦Dochub⟧-café and cli-⟦Dochub⟧-ähnlich are prose.
        Install “Dochub-cli” first, then Dochub-cli—the tool—and Dochub-cli… or Dochub-cli\u{00A0}now; “cli-Dochub”.
        安装Dochub-cli工具。Dochub-cli之后。

        """, Array(repeating: casing, count: 15))
    }

    @Test func aTableCellThatIsOneLowerCaseIdentifierIsNotFlagged() {
        checkTerminology("""
        | Input | Purpose |
        |---|---|
        | dochub | The ⟦dochub⟧ pages. |
        |  oauth  | Sign-in |
        | ⟦Dochub⟧ | A name, not an identifier |
        | ⟦dochub⟧ pages | Two words |

        """, [
            ("term-casing", .warning, "Write “DocHub”, not “dochub”", "DocHub"),
            ("term-casing", .warning, "Write “DocHub”, not “Dochub”", "DocHub"),
            ("term-casing", .warning, "Write “DocHub”, not “dochub”", "DocHub"),
        ])
    }

    @Test func theGlossaryEntryOwnHeadingAndDefinitionAreNotFlagged() {
        let glossary = """
        # Glossary

        ## DocHub

        The docs-as-code viewer of the portal. Dochub renders pages; dochub is its command.

        ## OAuth

        An open standard. Oauth tokens are checked by ⟦Dochub⟧.

        """
        checkTerminology(glossary, path: "docs/glossary.md", glossary: "", [
            ("term-casing", .warning, "Write “DocHub”, not “Dochub”", "DocHub"),
        ])
    }

    @Test func offInConfigurationAndSeverityOverride() {
        let off = Configuration(glossaries: [GlossarySource(pattern: "docs/glossary.md")], rules: ["term-casing": .off])
        #expect(terminologyCodes("We use dochub.\n", configuration: off) == [])
        let error = Configuration(glossaries: [GlossarySource(pattern: "docs/glossary.md")], rules: ["term-casing": .severity(.error)])
        checkTerminology("We use ⟦dochub⟧.\n", configuration: error, [("term-casing", .error, "Write “DocHub”, not “dochub”", "DocHub")])
    }
}

// MARK: replacement spelling

@Suite struct TermSpellingTests {
    @Test func replacementKeepsTheUsesEnding() {
        #expect(TermSpelling.replacement(canonical: "DocHub", written: "Dochubs", inflectionLength: 1) == "DocHubs")
        #expect(TermSpelling.replacement(canonical: "DocHub", written: "dochub's", inflectionLength: 2) == "DocHub's")
        #expect(TermSpelling.replacement(canonical: "JWT", written: "jwts", inflectionLength: 1) == "JWTs")
        #expect(TermSpelling.replacement(canonical: "Policy", written: "policies", inflectionLength: 3) == "Policies")
        #expect(TermSpelling.replacement(canonical: "Box", written: "boxes", inflectionLength: 2) == "Boxes")
        #expect(TermSpelling.replacement(canonical: "Service Catalog", written: "service\ncatalogs", inflectionLength: 1) == "Service\nCatalogs")
    }

    @Test func aPluralEndingIsReformedForAnotherWord() {
        // term-alias and rename put another word in the use's place.
        #expect(TermSpelling.replacement(canonical: "Blueprints", written: "scaffolders", inflectionLength: 1, lowercased: true) == "blueprints")
        #expect(TermSpelling.replacement(canonical: "Entity", written: "components", inflectionLength: 1) == "Entities")
        #expect(TermSpelling.replacement(canonical: "Widget", written: "entities", inflectionLength: 3) == "Widgets")
        #expect(TermSpelling.replacement(canonical: "Status", written: "components", inflectionLength: 1) == "Statuses")
        #expect(TermSpelling.replacement(canonical: "Key", written: "components", inflectionLength: 1) == "Keys")
        #expect(TermSpelling.replacement(canonical: "Blueprints", written: "templates'", inflectionLength: 2) == "Blueprints'")
    }

    @Test func specialSpellings() {
        #expect(TermSpelling.isSpecial("DocHub"))
        #expect(TermSpelling.isSpecial("OAuth"))
        #expect(TermSpelling.isSpecial("JWT"))
        #expect(TermSpelling.isSpecial("iOS"))
        #expect(TermSpelling.isSpecial("Single Sign-On API"))
        #expect(!TermSpelling.isSpecial("Service Catalog"))
        #expect(!TermSpelling.isSpecial("kubectl"))
        #expect(!TermSpelling.isSpecial("X"))
        #expect(TermSpelling.isSpecial("A/B testing"))
        #expect(!TermSpelling.isSpecial("e2e tests"))
        #expect(!TermSpelling.isSpecial("Sign-On"))
        // Outside ASCII the Unicode properties decide.
        #expect(TermSpelling.isSpecial("ÉCOLE"))
        #expect(!TermSpelling.isSpecial("Émile Zola"))
        #expect(TermSpelling.isSpecial("Ärzte-GmbH"))
    }
}

// MARK: term-alias

@Suite struct TermAliasTests {
    /// The alias quoted as a name, glossed by the preferred term in parentheses, or naming a piece of
    /// software ("the scaffolder plugin") is kept on purpose; the same alias in running prose is not.
    @Test func mentionsGlossesAndComponentNamesAreQuiet() {
        checkTerminology("""
        ## Scaffolder Settings (Blueprints)

        Some call it "the scaffolder" or “Scaffolder”. Blueprints (formerly the Scaffolder) replace
        the Scaffolder (see Blueprints). Install the scaffolder plugin, its Scaffolder actions and the scaffolder backend.
        Then the ⟦Scaffolder⟧ runs, and the "old ⟦scaffolder⟧ tool still runs" (he said), and Blueprints, unlike the
        ⟦Scaffolder⟧, are documented (in full). Say 'the scaffolder' if you must.
        Click "Create" and the ⟦scaffolder⟧ opens "Templates".

        """, [
            ("term-alias", .information, "The glossary prefers “Blueprints” to “Scaffolder”", "Blueprints"),
            ("term-alias", .information, "The glossary prefers “Blueprints” to “scaffolder”", "Blueprints"),
            ("term-alias", .information, "The glossary prefers “Blueprints” to “Scaffolder”", "Blueprints"),
            // Two quotations, with the use between them, hold no quotation of it.
            ("term-alias", .information, "The glossary prefers “Blueprints” to “scaffolder”", "Blueprints"),
        ])
    }

    @Test func aKnownAsRedirect() throws {
        let diagnostics = checkTerminology("Create it with the ⟦Scaffolder⟧. Two ⟦scaffolders⟧ and the ⟦Scaffolders⟧.\n", [
            ("term-alias", .information, "The glossary prefers “Blueprints” to “Scaffolder”", "Blueprints"),
            // "Blueprints" is already plural: the use's plural ending is not added again. The glossary
            // spells it with a capital: a name keeps its spelling whatever case the alias had.
            ("term-alias", .information, "The glossary prefers “Blueprints” to “scaffolders”", "Blueprints"),
            ("term-alias", .information, "The glossary prefers “Blueprints” to “Scaffolders”", "Blueprints"),
        ])
        let first = try #require(diagnostics.first)
        // A singular alias, a plural term.
        #expect(first.data == ["term": .string("Blueprints"), "alias": .string("Scaffolder"), "replacement": .string("Blueprints"), "changesNumber": .bool(true)])
        #expect(diagnostics.map { $0.data["changesNumber"] } == [.bool(true), .bool(false), .bool(false)])
        // The related location is the preferred entry's heading.
        let glossary = BracketedText(terminologyGlossary.replacingOccurrences(of: "## Blueprints", with: "## ⟦Blueprints⟧"))
        #expect(first.related == [RelatedLocation(file: "docs/glossary.md", range: glossary.ranges[0], message: "“Blueprints” in the glossary")])
    }

    @Test func anAlternativeTermForRedirectFollowsHowTheGlossaryWritesTheTerm() throws {
        // The glossary heads "User Role" in Title Case but writes "a [user role]" in its own prose: a
        // common noun, written in lower case where the writer writes lower case (review: "other
        // personas" became "other User Roles"), and with its capitals where the writer capitalised.
        let diagnostics = checkTerminology("⟦Persona⟧ pages. Pick a ⟦persona⟧ or two ⟦personas⟧.\n", [
            ("term-alias", .information, "The glossary prefers “User Role” to “Persona”", "User Role"),
            ("term-alias", .information, "The glossary prefers “User Role” to “persona”", "user role"),
            ("term-alias", .information, "The glossary prefers “User Role” to “personas”", "user roles"),
        ])
        #expect(diagnostics.map { $0.data["changesNumber"] } == [.bool(false), .bool(false), .bool(false)])
        let glossary = BracketedText(terminologyGlossary.replacingOccurrences(of: "## User Role", with: "## ⟦User Role⟧"))
        #expect(diagnostics.first?.related.map(\.range) == [glossary.ranges[0]])
        // A glossary whose prose keeps the capitals ("a [User Role]") makes it a name: kept.
        checkTerminology("Pick a ⟦persona⟧ or two ⟦personas⟧.\n", glossary: terminologyGlossary.replacingOccurrences(of: "[user role](#user-role)", with: "[User Role](#user-role)"), [
            ("term-alias", .information, "The glossary prefers “User Role” to “persona”", "User Role"),
            ("term-alias", .information, "The glossary prefers “User Role” to “personas”", "User Roles"),
        ])
        // So does a proper name in docent.json.
        let configured = terminologySnapshot(["docs/page.md": "Pick a persona.\n"], configuration: Configuration(glossaries: [GlossarySource(pattern: "docs/glossary.md")], properNames: ["User Role"]))
        #expect(RuleRegistry.diagnostics(for: "docs/page.md", in: configured).map { $0.data["replacement"] } == [.string("User Role")])
    }

    /// "Scaffolder templates" already says the preferred term's last word: the pair is replaced, in
    /// that word's number (review: the fix wrote "Software Templates templates").
    @Test func anAliasBeforeThePreferredTermsLastWordIsReplacedWithIt() throws {
        let glossary = "# Glossary\n\n## Scaffolder\n\nKnown as [Software Templates](#software-templates).\n\n## Software Templates\n\nThe feature that creates projects.\n"
        let diagnostics = checkTerminology("""
        ⟦Scaffolder templates⟧ can be tested. Run your ⟦scaffolder templates⟧. The ⟦Scaffolder template⟧ is kept.
        The ⟦Scaffolder⟧ runs. A ⟦Scaffolder⟧ templating engine.

        ### ⟦Scaffolder Templates⟧

        """, glossary: glossary, [
            ("term-alias", .information, "The glossary prefers “Software Templates” to “Scaffolder”", "Software Templates"),
            ("term-alias", .information, "The glossary prefers “Software Templates” to “scaffolder”", "Software Templates"),
            ("term-alias", .information, "The glossary prefers “Software Templates” to “Scaffolder”", "Software Template"),
            ("term-alias", .information, "The glossary prefers “Software Templates” to “Scaffolder”", "Software Templates"),
            ("term-alias", .information, "The glossary prefers “Software Templates” to “Scaffolder”", "Software Templates"),
            ("term-alias", .information, "The glossary prefers “Software Templates” to “Scaffolder”", "Software Templates"),
        ])
        // Only the lone singular changes number; the heading's new text changes its anchor.
        #expect(diagnostics.map { $0.data["changesNumber"] } == [.bool(false), .bool(false), .bool(false), .bool(true), .bool(true), .bool(false)])
        #expect(diagnostics.map { $0.data["changesAnchor"] } == [nil, nil, nil, nil, nil, .string("scaffolder-templates")])
        let fixes = diagnostics.compactMap(TerminologyFixes.quickFix(for:))
        #expect(fixes.prefix(3).map(\.title) == ["Replace with “Software Templates”", "Replace with “Software Templates”", "Replace with “Software Template”"])
    }

    /// Where the alias names the software rather than the feature, by the words after it (review).
    @Test func anAliasNamingTheSoftwareIsLeftAlone() {
        checkTerminology("""
        We split up the catalog, scaffolder, and search plugin into three deployments.
        Allow both the scaffolder and search plugin to speak. Deny the scaffolder and
        search plugins. Reduce what the Scaffolder service may do; list the scaffolder tasks.

        | Plugin | Package |
        |---|---|
        | Scaffolder .NET Actions | dotnet |
        | Scaffolder Git Actions | git |

        - Better integration with [Scaffolder V2](https://example.com/issues/2771) and Scaffolder 1.4.
        - The ⟦scaffolder⟧ and the catalog run; the ⟦Scaffolder⟧, the catalog, and the search
          index wait. The ⟦Scaffolder⟧ Git repository.

        """, [
            ("term-alias", .information, "The glossary prefers “Blueprints” to “scaffolder”", "Blueprints"),
            ("term-alias", .information, "The glossary prefers “Blueprints” to “Scaffolder”", "Blueprints"),
            ("term-alias", .information, "The glossary prefers “Blueprints” to “Scaffolder”", "Blueprints"),
        ])
    }

    @Test func aSeeRedirect() {
        checkTerminology("Pick from the ⟦templates⟧.\n", [
            ("term-alias", .information, "The glossary prefers “Blueprints” to “templates”", "Blueprints"),
        ])
    }

    @Test func aLowerCaseTermIsCapitalisedOnlyToStartASentence() {
        let glossary = "# Glossary\n\n## Boilerplate\n\nKnown as [starter kit](#starter-kit).\n\n## starter kit\n\nFiles a new service begins from.\n"
        checkTerminology("⟦Boilerplate⟧ helps. Copy the ⟦Boilerplate⟧, or two ⟦boilerplates⟧.\n\n# The ⟦Boilerplate⟧\n", glossary: glossary, [
            ("term-alias", .information, "The glossary prefers “starter kit” to “Boilerplate”", "Starter kit"),
            ("term-alias", .information, "The glossary prefers “starter kit” to “Boilerplate”", "starter kit"),
            ("term-alias", .information, "The glossary prefers “starter kit” to “boilerplates”", "starter kits"),
            ("term-alias", .information, "The glossary prefers “starter kit” to “Boilerplate”", "starter kit"),
        ])
    }

    @Test func aReplacementThatChangesNumberIsOfferedButNotAppliedByFixAll() throws {
        // "the Scaffolder runs" → "the Blueprints runs" would leave the verb behind; "two scaffolders
        // wait" → "two Blueprints wait" reads right.
        let text = "The Scaffolder runs each step. Two scaffolders wait, and the Scaffolder's form asks.\n"
        let snapshot = terminologySnapshot(["docs/page.md": text])
        let diagnostics = RuleRegistry.diagnostics(for: "docs/page.md", in: snapshot)
        let fixes = diagnostics.compactMap(TerminologyFixes.quickFix(for:))
        #expect(fixes.map(\.title) == [
            "Replace with “Blueprints” (singular → plural: check the sentence still agrees)",
            "Replace with “Blueprints”",
            "Replace with “Blueprints'” (singular → plural: check the sentence still agrees)",
        ])
        #expect(fixes.map(\.isSafe) == [false, true, false])
        #expect(fixes.map(\.isPreferred) == [false, true, false])
        let fixed = String(decoding: TerminologyFixes.apply(TerminologyFixes.fixAll(in: "docs/page.md", snapshot: snapshot), to: Array(text.utf8)), as: UTF8.self)
        #expect(fixed == "The Scaffolder runs each step. Two Blueprints wait, and the Scaffolder's form asks.\n")
    }

    @Test func anAliasInACompoundIsOfferedButNotAppliedByFixAll() throws {
        // "Persona-based" → "User Role-based", "Scaffolder-generated" → "Blueprints-generated": the
        // compound may want rewording ("Blueprint-generated"); number does not matter in a modifier.
        let text = "Persona-based pages and Scaffolder-generated projects. The Scaffolders run.\n"
        let snapshot = terminologySnapshot(["docs/page.md": text])
        let diagnostics = RuleRegistry.diagnostics(for: "docs/page.md", in: snapshot)
        #expect(diagnostics.map { $0.data["inCompound"] } == [.bool(true), .bool(true), nil])
        #expect(diagnostics.map { $0.data["changesNumber"] } == [.bool(false), .bool(false), .bool(false)])
        let fixes = diagnostics.compactMap(TerminologyFixes.quickFix(for:))
        #expect(fixes.map(\.title) == ["Replace with “User Role” (in a hyphenated compound: check the wording)",
                                       "Replace with “Blueprints” (in a hyphenated compound: check the wording)", "Replace with “Blueprints”"])
        #expect(fixes.map(\.isSafe) == [false, false, true])
        let fixed = String(decoding: TerminologyFixes.apply(TerminologyFixes.fixAll(in: "docs/page.md", snapshot: snapshot), to: Array(text.utf8)), as: UTF8.self)
        #expect(fixed == "Persona-based pages and Scaffolder-generated projects. The Blueprints run.\n")
    }

    @Test func aPluralAliasForASingularTermKeepsItsNumber() {
        // "personas" → "User Roles": the ending moves over, so the number is unchanged.
        let text = "Two personas read it; the persona writes.\n"
        let snapshot = terminologySnapshot(["docs/page.md": text])
        let fixed = String(decoding: TerminologyFixes.apply(TerminologyFixes.fixAll(in: "docs/page.md", snapshot: snapshot), to: Array(text.utf8)), as: UTF8.self)
        #expect(fixed == "Two user roles read it; the user role writes.\n")
    }

    @Test func conventionalCommitScopesAreNotTerms() {
        checkTerminology("""
        - 4f2a9c1: fix(scaffolder): keep the form open
        - feat(dochub)!: faster index
        - 2. chore(api, Dochub): bump

        fix(Scaffolder): at a paragraph start

        > refactor(dochub/core): quoted changelog

        The tool (⟦scaffolder⟧): it runs, and docs (⟦dochub⟧): a viewer.

        """, [
            ("term-alias", .information, "The glossary prefers “Blueprints” to “scaffolder”", "Blueprints"),
            ("term-casing", .warning, "Write “DocHub”, not “dochub”", "DocHub"),
        ])
    }

    @Test func aliasesInCodeAndHeadingsOfCodeAreNotReported() {
        checkTerminology("Run `scaffolder` or open https://example.com/scaffolder.\n\n```\nScaffolder\n```\n", [])
    }

    @Test func theRedirectEntryItselfIsNotReported() {
        // The redirect entries' headings and pointers are the glossary's own words.
        checkTerminology(terminologyGlossary, path: "docs/glossary.md", [])
    }

    /// A common noun the writer writes in lower case at a sentence start takes the sentence's
    /// capital: "User role", not "user role" nor "User Role".
    @Test func aLowerCaseAliasStartingASentenceIsCapitalisedOnce() {
        checkTerminology("Intro. ⟦persona⟧ pages are kept.\n", [
            ("term-alias", .information, "The glossary prefers “User Role” to “persona”", "User role"),
        ])
    }

    /// Only a bare alias absorbs the next word: an inflected one ("Scaffolder's templates"), one in
    /// a hyphenated compound ("pre-Scaffolder templates") and one across a line break keep their
    /// own range, and a singular term takes the plural of a plural next word.
    @Test func onlyABareAliasAbsorbsThePreferredTermsLastWord() {
        let glossary = "# Glossary\n\n## Scaffolder\n\nKnown as [Software Templates](#software-templates).\n\n## Software Templates\n\nThe feature that creates projects.\n"
        checkTerminology("The ⟦Scaffolder's⟧ templates run. A pre-⟦Scaffolder⟧ templates run.\n", glossary: glossary, [
            ("term-alias", .information, "The glossary prefers “Software Templates” to “Scaffolder's”", "Software Templates'"),
            ("term-alias", .information, "The glossary prefers “Software Templates” to “Scaffolder”", "Software Templates"),
        ])
        let twoWords = "# Glossary\n\n## Scaffolder Tool\n\nKnown as [Software Templates](#software-templates).\n\n## Software Templates\n\nThe feature that creates projects.\n"
        checkTerminology("Run the ⟦Scaffolder\nTool⟧ templates now.\n", glossary: twoWords, [
            ("term-alias", .information, "The glossary prefers “Software Templates” to “Scaffolder Tool”", "Software\nTemplates"),
        ])
        let singular = "# Glossary\n\n## Scaffolder\n\nKnown as [Software Template](#software-template).\n\n## Software Template\n\nThe feature that creates projects.\n"
        checkTerminology("Two ⟦Scaffolder templates⟧ run. One ⟦Scaffolder template⟧ runs.\n", glossary: singular, [
            ("term-alias", .information, "The glossary prefers “Software Template” to “Scaffolder”", "Software Templates"),
            ("term-alias", .information, "The glossary prefers “Software Template” to “Scaffolder”", "Software Template"),
        ])
    }

    /// The edges of "names the software": a component noun after a comma starts a list, not a
    /// name; capitalised words lead to the noun only after a capitalised name and only two of them;
    /// a coordination allows two words an item; words up to 24 letters count; a lone "v" is no
    /// version.
    @Test func theEdgesOfAnAliasNamingTheSoftware() {
        checkTerminology("""
        Run the ⟦scaffolder⟧, plugins and themes. Run the ⟦scaffolder⟧ Git actions. The ⟦Scaffolder⟧ runs actions.
        Deploy the ⟦scaffolder⟧, big search index and plugins. Compare the ⟦Scaffolder⟧ v. the catalog.

        Run the Scaffolder Azure DevOps Actions. Deploy the scaffolder, catalog search, search index, and plugins.
        Deny the scaffolder and authentication plugins.

        """, [
            ("term-alias", .information, "The glossary prefers “Blueprints” to “scaffolder”", "Blueprints"),
            ("term-alias", .information, "The glossary prefers “Blueprints” to “scaffolder”", "Blueprints"),
            ("term-alias", .information, "The glossary prefers “Blueprints” to “Scaffolder”", "Blueprints"),
            ("term-alias", .information, "The glossary prefers “Blueprints” to “scaffolder”", "Blueprints"),
            ("term-alias", .information, "The glossary prefers “Blueprints” to “Scaffolder”", "Blueprints"),
        ])
    }

    @Test func offPerRule() {
        let off = Configuration(glossaries: [GlossarySource(pattern: "docs/glossary.md")], rules: ["term-alias": .off])
        #expect(terminologyCodes("The Scaffolder.\n", configuration: off) == [])
    }
}

// MARK: term-abbreviation

@Suite struct TermAbbreviationTests {
    @Test func theFirstUseWithoutItsExpansion() {
        let diagnostics = checkTerminology("Send the ⟦JWT⟧ first. Every JWT expires; so does this JWT.\n", [
            spellOutJWT,
        ])
        #expect(diagnostics.first?.data == ["abbreviation": .string("JWT"), "expansion": .string("JSON Web Token"), "replacement": .string("JSON Web Token (JWT)")])
    }

    @Test func spelledOutEarlierAcrossALineBreakAndInAnotherCase() {
        checkTerminology("Sign a json web\ntoken first. Then the JWT is sent.\n", [])
    }

    @Test func spelledOutRightAfter() {
        checkTerminology("Use a JWT (JSON Web Token) here. Then JWT again.\n", [])
    }

    @Test func headingsDoNotCountAsTheFirstUse() {
        checkTerminology("# JWT setup\n\n## About JWT\n\nSend the ⟦JWT⟧ first.\n", [
            spellOutJWT,
        ])
    }

    /// Only an expansion before (or right after) the first use spells it out; one further down is too late.
    @Test func anExpansionLaterInThePageDoesNotCount() {
        checkTerminology("Send the ⟦JWT⟧ first. Later, a JSON Web Token expires.\n", [
            spellOutJWT,
        ])
    }

    @Test func codeDoesNotCountAsTheFirstUse() {
        checkTerminology("Set `JWT` in the header.\n\n```\nJWT=1\n```\n\nThen send the ⟦JWT⟧.\n", [
            spellOutJWT,
        ])
    }

    @Test func eachDocumentHasItsOwnFirstUse() {
        let snapshot = terminologySnapshot(["docs/a.md": "JSON Web Token (JWT) here.\n", "docs/b.md": "A JWT there.\n"])
        #expect(RuleRegistry.diagnostics(for: "docs/a.md", in: snapshot).isEmpty)
        #expect(RuleRegistry.diagnostics(for: "docs/b.md", in: snapshot).map(\.code) == ["term-abbreviation"])
    }

    @Test func anAbbreviationsFileGivesTheExpansion() {
        let configuration = Configuration(glossaries: [GlossarySource(pattern: "docs/glossary.md"), GlossarySource(pattern: "docs/abbreviations.md", format: .abbreviations)])
        checkTerminology("Founded by the ⟦CNCF⟧.\n", others: ["docs/abbreviations.md": "*[CNCF]: Cloud Native Computing Foundation\n"],
                         configuration: configuration, [
            ("term-abbreviation", .hint, "Spell out “CNCF” on its first use: “Cloud Native Computing Foundation (CNCF)”", "Cloud Native Computing Foundation (CNCF)"),
        ])
    }

    @Test func aPluralFirstUseSpellsOutAPlural() {
        let text = "The portal hands out ⟦JWTs⟧ at sign-in, and each JWT expires.\n"
        checkTerminology(text, [
            ("term-abbreviation", .hint, "Spell out “JWT” on its first use: “JSON Web Tokens (JWTs)”", "JSON Web Tokens (JWTs)"),
        ])
        // Applied, the fix leaves nothing to spell out: the plural expansion counts as spelled out.
        let page = BracketedText(text).text
        let snapshot = terminologySnapshot(["docs/page.md": page])
        let fixed = String(decoding: TerminologyFixes.apply(TerminologyFixes.fixAll(in: "docs/page.md", snapshot: snapshot), to: Array(page.utf8)), as: UTF8.self)
        #expect(fixed == "The portal hands out JSON Web Tokens (JWTs) at sign-in, and each JWT expires.\n")
        #expect(terminologyCodes(fixed) == [])
    }

    /// A quoted label or quotation is not rewritten: the first use outside quotes is the one to spell out.
    @Test func aUseInsideDoubleQuotesIsNotTheFirstUse() {
        checkTerminology("Click \"Get JWT Audience Code\", then the “JWT claims” tab, then send the ⟦JWT⟧.\n", [
            spellOutJWT,
        ])
    }

    /// "JWT token" says the expansion's last word already: the finding takes it in, and the fix
    /// writes "JSON Web Token (JWT)", not "JSON Web Token (JWT) token". A compound is left alone.
    @Test func theExpansionsLastWordAfterTheUseIsTakenIn() {
        checkTerminology("The ⟦JWT token⟧ is signed, then the JWT is sent.\n", [
            spellOutJWT,
        ])
        checkTerminology("Send ⟦JWT tokens⟧ here.\n", [
            ("term-abbreviation", .hint, "Spell out “JWT” on its first use: “JSON Web Tokens (JWTs)”", "JSON Web Tokens (JWTs)"),
        ])
        checkTerminology("A ⟦JWT⟧ tokenizer.\n", [
            spellOutJWT,
        ])
    }

    @Test func aPossessiveFirstUseKeepsItsEndingAfterTheParenthesis() {
        checkTerminology("Check the ⟦JWT's⟧ claims.\n", [
            ("term-abbreviation", .hint, "Spell out “JWT” on its first use: “JSON Web Token (JWT)'s”", "JSON Web Token (JWT)'s"),
        ])
    }

    @Test func aSentenceCaseExpansionIsLowerCasedMidSentence() {
        let glossary = "# Glossary\n\n## OSS\n\nOpen source software: code anyone may read and change.\n\n## CNCF\n\nCloud Native Computing Foundation: the home of Kubernetes.\n"
        checkTerminology("Most ⟦OSS⟧ projects, like those of the ⟦CNCF⟧, take patches.\n", glossary: glossary, [
            ("term-abbreviation", .hint, "Spell out “OSS” on its first use: “open source software (OSS)”", "open source software (OSS)"),
            ("term-abbreviation", .hint, "Spell out “CNCF” on its first use: “Cloud Native Computing Foundation (CNCF)”", "Cloud Native Computing Foundation (CNCF)"),
        ])
        checkTerminology("⟦OSS⟧ projects take patches.\n", glossary: glossary, [
            ("term-abbreviation", .hint, "Spell out “OSS” on its first use: “Open source software (OSS)”", "Open source software (OSS)"),
        ])
    }

    @Test func aMiscasedFirstUseIsSpelledOutInCanonicalForm() {
        // Both rules report "Jwt"; the spelled-out replacement does not keep the wrong casing.
        let text = "Send a Jwt.\n"
        let diagnostics = RuleRegistry.diagnostics(for: "docs/page.md", in: terminologySnapshot(["docs/page.md": text]))
        #expect(diagnostics.map(\.code) == ["term-abbreviation", "term-casing"])
        #expect(diagnostics.allSatisfy { $0.range == 7..<10 })
        #expect(diagnostics.map { $0.data["replacement"] } == [.string("JSON Web Token (JWT)"), .string("JWT")])
    }
}

/// A discouraged one-word name that is a word of its preferred term ("Role: See User Role") is
/// ordinary English, which term-alias leaves alone; the hover says where the term applies instead of
/// telling the writer to change it (review: "use a role for S3" hovered as "Use User Role instead").
@Suite struct OrdinaryWordHoverTests {
    @Test func theHoverOnAnOrdinaryWordDoesNotPrescribeTheTerm() throws {
        let glossary = "# Glossary\n\n## Role\n\nSee [User Role](#user-role).\n\n## Persona\n\nSee [User Role](#user-role).\n\n## User Role\n\nA kind of reader the docs serve.\n"
        let page = MarkedText("Assume a ro1️⃣le for S3. Each pers2️⃣ona reads.\n")
        let snapshot = terminologySnapshot(["docs/page.md": page.text], glossary: glossary)
        #expect(RuleRegistry.diagnostics(for: "docs/page.md", in: snapshot).map(\.message) == ["The glossary prefers “User Role” to “persona”"])
        let role = try #require(HoverFeature.hover(at: page["1️⃣"], in: "docs/page.md", snapshot: snapshot, location: { file, line in "\(file):\(line)" }))
        #expect(role.markdown.hasPrefix("**Role**\n\nWhere “role” means the glossary's term, write **User Role**; as an ordinary word it is fine.\n\n"))
        // A discouraged name that is no word of the term is still one to change.
        let persona = try #require(HoverFeature.hover(at: page["2️⃣"], in: "docs/page.md", snapshot: snapshot, location: { file, line in "\(file):\(line)" }))
        #expect(persona.markdown.hasPrefix("**Persona**\n\nUse **User Role** instead.\n\n"))
    }
}

/// Links in a definition open where they point (review: both became line 1 of their file): a link to
/// a page's heading opens that heading's line; a same-file anchor no heading has opens the entry its
/// text names, as "See also" does.
@Suite struct DefinitionLinkLineTests {
    @Test func linksInADefinitionOpenTheirHeadingOrTheEntryTheyName() throws {
        let glossary = "# Glossary\n\n## Component (catalog)\n\nA unit of software.\n\n## System\n\nA set of [components](#component) with [package roles](../guide/build.md#package-roles).\n"
        let guide = "# Build\n\nIntro.\n\n## Package roles\n\nEach package has one.\n"
        let page = MarkedText("Every sys1️⃣tem has an owner.\n")
        let snapshot = terminologySnapshot(["docs/page.md": page.text, "guide/build.md": guide], glossary: glossary)
        let hover = try #require(HoverFeature.hover(at: page["1️⃣"], in: "docs/page.md", snapshot: snapshot, location: { file, line in "\(file):\(line)" }))
        #expect(hover.markdown.contains("A set of [components](docs/glossary.md:2) with [package roles](guide/build.md:4)."))
    }

    /// The same on the glossary's own heading; a page anchor matches ignoring case; the entry a link
    /// text names is looked for in the file the link points into, not in another glossary.
    @Test func linksOpenTheirTargetFromTheEntryItselfIgnoringCaseAndInTheirOwnFile() throws {
        let glossary = MarkedText("# Glossary\n\n## Sys1️⃣tem\n\nA set of [components](#component) with [package roles](../guide/build.md#Package-Roles).\n")
        let other = "# More terms\n\nIntro.\n\n## Component\n\nA unit of software.\n"
        let guide = "# Build\n\nIntro.\n\n## Package roles\n\nEach package has one.\n"
        let configuration = Configuration(glossaries: [GlossarySource(pattern: "docs/glossary.md"), GlossarySource(pattern: "docs/more.md")])
        let snapshot = terminologySnapshot(["docs/more.md": other, "guide/build.md": guide], glossary: glossary.text, configuration: configuration)
        let hover = try #require(HoverFeature.hover(at: glossary["1️⃣"], in: "docs/glossary.md", snapshot: snapshot, location: { file, line in "\(file):\(line)" }))
        #expect(hover.markdown.contains("A set of [components](docs/glossary.md:0) with [package roles](guide/build.md:4)."))
    }
}

/// A Title Case name the glossary's own definitions capitalise mid-sentence at least three times,
/// and never write in lower case, is a proper name (review: the Backstage glossary writes
/// "Backstage" 41 times, and "backstage" in 64 places of prose went unflagged without `properNames`).
@Suite struct CapitalisedByTheGlossaryTests {
    static func glossary(_ uses: [String]) -> String {
        "# Glossary\n\n## Portal Hub\n\nThe site every team reads.\n\n" + uses.enumerated().map { "## Thing \($0.offset)\n\nA page of the \($0.element).\n\n" }.joined()
    }

    @Test func aNameTheGlossaryAlwaysCapitalisesIsProper() {
        checkTerminology("Open the ⟦portal hub⟧ and the Portal Hub.\n", glossary: Self.glossary(["Portal Hub", "Portal Hub", "Portal Hub"]), [
            ("term-casing", .warning, "Write “Portal Hub”, not “portal hub”", "Portal Hub"),
        ])
        // Twice is not enough evidence, and once in lower case makes it a common noun.
        checkTerminology("Open the portal hub.\n", glossary: Self.glossary(["Portal Hub", "Portal Hub"]), [])
        checkTerminology("Open the portal hub.\n", glossary: Self.glossary(["Portal Hub", "Portal Hub", "Portal Hub", "portal hub"]), [])
    }
}
