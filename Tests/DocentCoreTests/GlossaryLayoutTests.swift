import Testing
@testable import DocentCore

/// What one glossary entry must read as. Every field is compared, so defaults mean "none".
struct ExpectedEntry: Sendable, CustomStringConvertible {
    var term: String
    var qualifier: String? = nil
    var senses: [String]
    var aliases: [(String, AliasKind)] = []
    var preferredTerm: String? = nil
    var expansion: String? = nil
    var details: String? = nil
    var line: Int
    /// The source text of `termRange`.
    var termText: String
    var anchor: String? = nil

    var description: String { term }
}

/// Parses `markdown` as a glossary and compares every entry with `expected`, field by field.
func checkGlossary(_ markdown: String, path: String = "glossary.md", format: GlossaryFormat? = nil,
                   expectedFormat: GlossaryFormat, _ expected: [ExpectedEntry], sourceLocation: SourceLocation = #_sourceLocation) -> GlossaryFile {
    let text = SourceText(markdown)
    let file = GlossaryParser.parse(text, path: path, format: format)
    #expect(file.format == expectedFormat, sourceLocation: sourceLocation)
    #expect(file.entries.map(\.term) == expected.map(\.term), sourceLocation: sourceLocation)
    for (entry, want) in zip(file.entries, expected) {
        #expect(entry.qualifier == want.qualifier, "qualifier of \(want.term)", sourceLocation: sourceLocation)
        #expect(entry.senses == want.senses, "senses of \(want.term)", sourceLocation: sourceLocation)
        #expect(entry.aliases.map(\.name) == want.aliases.map(\.0), "alias names of \(want.term)", sourceLocation: sourceLocation)
        #expect(entry.aliases.map(\.kind) == want.aliases.map(\.1), "alias kinds of \(want.term)", sourceLocation: sourceLocation)
        #expect(entry.preferredTerm == want.preferredTerm, "preferred term of \(want.term)", sourceLocation: sourceLocation)
        #expect(entry.expansion == want.expansion, "expansion of \(want.term)", sourceLocation: sourceLocation)
        #expect(entry.details == want.details, "details of \(want.term)", sourceLocation: sourceLocation)
        #expect(entry.line == want.line, "line of \(want.term)", sourceLocation: sourceLocation)
        #expect(text.string(in: entry.termRange) == want.termText, "term range of \(want.term)", sourceLocation: sourceLocation)
        #expect(entry.anchor == want.anchor, "anchor of \(want.term)", sourceLocation: sourceLocation)
        #expect(entry.file == path, sourceLocation: sourceLocation)
        #expect(entry.format == expectedFormat, sourceLocation: sourceLocation)
    }
    return file
}

@Suite struct GlossaryLayoutTests {
    // MARK: Headings

    static let headingsGlossary = """
        # Glossary

        ## Access Token

        A credential that grants access to an API.

        ## Resource (catalog plugin)

        An entity the catalog tracks.

        ## Cloud Native Computing Foundation (AKA CNCF)

        The foundation that hosts the project.

        ## Group

        1. A set of users.
        2. A kind of entity in the catalog.

        ## Component

        A unit of software. Also known as the Service.

        ## Scaffolder

        Known as [Software Templates](#software-templates).

        ## Template

        Alternative term for a [Blueprint](#blueprint).

        ## Kind

        See [Entity Kind](#entity-kind).

        ## New Framework

        Refers to: Backstage 2.0, the new framework.

        ## OSS

        Open source software.
        """

    @Test func headingsLayout() {
        let file = checkGlossary(Self.headingsGlossary, expectedFormat: .headings, [
            ExpectedEntry(term: "Access Token", senses: ["A credential that grants access to an API."], line: 2, termText: "Access Token", anchor: "access-token"),
            ExpectedEntry(term: "Resource", qualifier: "catalog plugin", senses: ["An entity the catalog tracks."], line: 6,
                          termText: "Resource (catalog plugin)", anchor: "resource-catalog-plugin"),
            ExpectedEntry(term: "Cloud Native Computing Foundation", senses: ["The foundation that hosts the project."], aliases: [("CNCF", .aka)],
                          line: 10, termText: "Cloud Native Computing Foundation (AKA CNCF)", anchor: "cloud-native-computing-foundation-aka-cncf"),
            ExpectedEntry(term: "Group", senses: ["A set of users.", "A kind of entity in the catalog."], line: 14, termText: "Group", anchor: "group"),
            ExpectedEntry(term: "Component", senses: ["A unit of software. Also known as the Service."], aliases: [("Service", .alsoKnownAs)],
                          line: 19, termText: "Component", anchor: "component"),
            ExpectedEntry(term: "Scaffolder", senses: ["Known as [Software Templates](#software-templates)."], preferredTerm: "Software Templates",
                          line: 23, termText: "Scaffolder", anchor: "scaffolder"),
            ExpectedEntry(term: "Template", senses: ["Alternative term for a [Blueprint](#blueprint)."], preferredTerm: "Blueprint",
                          line: 27, termText: "Template", anchor: "template"),
            ExpectedEntry(term: "Kind", senses: ["See [Entity Kind](#entity-kind)."], preferredTerm: "Entity Kind", line: 31, termText: "Kind", anchor: "kind"),
            ExpectedEntry(term: "New Framework", senses: ["Refers to: Backstage 2.0, the new framework."], aliases: [("Backstage 2.0", .refersTo)],
                          line: 35, termText: "New Framework", anchor: "new-framework"),
            ExpectedEntry(term: "OSS", senses: ["Open source software."], expansion: "Open source software", line: 39, termText: "OSS", anchor: "oss"),
        ])
        #expect(file.problems == [])
        #expect(file.anchors.contains("glossary"))
        #expect(file.anchors.count == 11)
    }

    /// How a definition's wording makes its entry a redirect, an alias carrier, or neither.
    @Test(arguments: [
        ("Known as Software Templates.", "Software Templates", [String]()),
        ("Known as the [Software Templates](#software-templates).", "Software Templates", []),
        ("Alternative term for an Entity.", "Entity", []),
        ("See [Entity Kind](#entity-kind).", "Entity Kind", []),
        ("See: Entity Kind", "Entity Kind", []),
        // "See also" is a cross-reference; only a definition's first sentence can redirect; after
        // "See", a link that redirects leads to one entry, not to a page elsewhere.
        ("See also Entity Kind.", nil, []),
        ("See also [Entity Kind](#entity-kind).", nil, []),
        ("Known as Entity Kind. Older pages use this name.", "Entity Kind", []),
        ("Alternative term for Entity Kind. Older pages use this name.", "Entity Kind", []),
        ("See Entity Kind. Deprecated in 2023.", "Entity Kind", []),
        ("See [the kind reference](https://example.com/kinds) for the details.", nil, []),
        ("See [the kind reference](../reference/kinds.md).", nil, []),
        ("See the [kind reference][kinds].", nil, []),
        // After "Known as" or "Alternative term for", a link names the target wherever it leads.
        ("Alternative term for [Entity Kind](features/kinds.md).", "Entity Kind", []),
        ("Known as [Entity Kind](https://example.com/docs/kinds).", "Entity Kind", []),
        ("See [Entity Kind](#entity-kind) and [Other](#other).", nil, []),
        ("See [Entity Kind](reference/glossary.md#entity-kind).", "Entity Kind", []),
        ("Known as [the renamed kind](#other).", "Other", []),
        ("Same as Entity Kind.", "Entity Kind", []),
        ("Use Software Templates instead.", "Software Templates", []),
        ("Use the Software Templates.", "Software Templates", []),
        ("See Entity Kind, or ask a maintainer.", nil, []),
        ("A builder. Also known as a Forge, and known as Anvil.", nil, ["Forge", "Anvil"]),
        ("A builder. Also called the Forge.", nil, ["Forge"]),
        ("A builder. Refers to the Forge tool.", nil, ["Forge tool"]),
        ("A builder. It is also known as the Forge.", nil, ["Forge"]),
        ("A builder. The Scaffolder is also called Forge.", nil, ["Forge"]),
        ("A builder. This term refers to the Forge.", nil, ["Forge"]),
        ("A builder of the Scaffolder kind.", nil, []),
        // Only a phrase that starts the definition or one of its sentences names the term: elsewhere it
        // is about something else.
        ("A bundle of parts. In the catalog, this refers to pallet crates.", nil, []),
        ("A bundle of parts. This refers to pallet crates.", nil, []),
        ("A builder that talks to the identity provider, also known as the IdP.", nil, []),
        ("A builder, also called the Builder.", nil, []),
        ("A builder that uses a format known as YAML.", nil, []),
    ] as [(String, String?, [String])])
    func redirectAndAliasWording(_ definition: String, _ preferred: String?, _ aliases: [String]) throws {
        let file = GlossaryParser.parse(SourceText("## Scaffolder\n\n\(definition)\n\n## Other\n\nText.\n"), path: "glossary.md")
        let entry = try #require(file.entries.first)
        #expect(entry.preferredTerm == preferred)
        #expect(entry.aliases.map(\.name) == aliases)
    }

    @Test func headingReferencesAndAliasRanges() throws {
        let marked = MarkedText("""
            ## Cloud Native Computing Foundation (AKA 1️⃣CNCF2️⃣)

            Hosts projects such as 3️⃣[Kubernetes](#kubernetes)4️⃣ and 5️⃣[Envoy](../proxy/glossary.md#envoy)6️⃣. Also known as 7️⃣the Foundation8️⃣.

            ## Kubernetes

            An orchestrator.
            """)
        let file = GlossaryParser.parse(marked.source, path: "glossary.md")
        let entry = try #require(file.entries.first)
        #expect(entry.references == [
            GlossaryReference(text: "Kubernetes", destination: "#kubernetes", range: marked.range("3️⃣", "4️⃣")),
            GlossaryReference(text: "Envoy", destination: "../proxy/glossary.md#envoy", range: marked.range("5️⃣", "6️⃣")),
        ])
        #expect(entry.aliases == [
            GlossaryAlias(name: "CNCF", kind: .aka, range: marked.range("1️⃣", "2️⃣")),
            GlossaryAlias(name: "Foundation", kind: .alsoKnownAs, range: (marked["7️⃣"] + 4)..<marked["8️⃣"]),
        ])
        #expect(marked.source.string(in: entry.definitionRange).hasPrefix("Hosts projects"))
        #expect(marked.source.string(in: entry.definitionRange).hasSuffix("the Foundation."))
    }

    @Test func headingEntriesUseTheMostCommonLevel() {
        _ = checkGlossary("# Glossary\n\n## A\n\n### Subsection one\n\nText one.\n\n## B\n\nText two.\n", expectedFormat: .headings, [
            // A deeper heading inside an entry stays part of its definition, as Markdown.
            ExpectedEntry(term: "A", senses: ["### Subsection one\n\nText one."], line: 2, termText: "A", anchor: "a"),
            ExpectedEntry(term: "B", senses: ["Text two."], line: 8, termText: "B", anchor: "b"),
        ])
    }

    /// `#` headings are entries when the file has no deeper ones (one file per term, or a glossary of
    /// `# Term` headings): the term is the heading's text, never `# DocHub`. A first `#` heading that
    /// names the page ("Glossary") is its title, not an entry.
    @Test func topLevelHeadingsAreEntries() {
        _ = checkGlossary("# DocHub\n\nHub.\n", path: "docs/glossary/dochub.md", expectedFormat: .headings, [
            ExpectedEntry(term: "DocHub", senses: ["Hub."], line: 0, termText: "DocHub", anchor: "dochub"),
        ])
        _ = checkGlossary("# DocHub\n\nHub.\n\n# OAuth\n\nAuth.\n", expectedFormat: .headings, [
            ExpectedEntry(term: "DocHub", senses: ["Hub."], line: 0, termText: "DocHub", anchor: "dochub"),
            ExpectedEntry(term: "OAuth", senses: ["Auth."], line: 4, termText: "OAuth", anchor: "oauth"),
        ])
        let titled = checkGlossary("# Glossary\n\nWords we use.\n\n# DocHub\n\nHub.\n\n# OAuth\n\nAuth.\n", expectedFormat: .headings, [
            ExpectedEntry(term: "DocHub", senses: ["Hub."], line: 4, termText: "DocHub", anchor: "dochub"),
            ExpectedEntry(term: "OAuth", senses: ["Auth."], line: 8, termText: "OAuth", anchor: "oauth"),
        ])
        #expect(titled.problems == [])
        _ = checkGlossary("# Key terms\n\n# DocHub\n\nHub.\n", expectedFormat: .headings, [
            ExpectedEntry(term: "DocHub", senses: ["Hub."], line: 2, termText: "DocHub", anchor: "dochub"),
        ])
        // "Terms of Service" is a term, not a page title; a `##` inside a `#` entry is part of it.
        _ = checkGlossary("# Terms of Service\n\nThe rules.\n\n## History\n\nOld.\n\n# OAuth\n\nAuth.\n", expectedFormat: .headings, [
            ExpectedEntry(term: "Terms of Service", senses: ["The rules.\n\n## History\n\nOld."], line: 0, termText: "Terms of Service", anchor: "terms-of-service"),
            ExpectedEntry(term: "OAuth", senses: ["Auth."], line: 8, termText: "OAuth", anchor: "oauth"),
        ])
    }

    /// Text copied from a rendered page under a `#` title stays a term-lines glossary, and a term line
    /// written as a heading has the heading's text as its term.
    @Test func aTopLevelHeadingAboveTermLines() {
        _ = checkGlossary("# Portal\n\nThe developer portal.\n\nEntity\n\nA thing.\n", expectedFormat: .termLines, [
            ExpectedEntry(term: "Portal", senses: ["The developer portal."], line: 0, termText: "Portal"),
            ExpectedEntry(term: "Entity", senses: ["A thing."], line: 4, termText: "Entity"),
        ])
        _ = checkGlossary("# Acme\n\nEntity\n\nA thing.\n\nPlugin\n\nA module.\n", expectedFormat: .termLines, [
            ExpectedEntry(term: "Entity", senses: ["A thing."], line: 2, termText: "Entity"),
            ExpectedEntry(term: "Plugin", senses: ["A module."], line: 6, termText: "Plugin"),
        ])
    }

    @Test func numberedSensesKeepTheirPreambleAsDetails() {
        _ = checkGlossary("## Scope\n\nIn this portal:\n\n1. An OAuth grant.\n2. The reach of a rule.\n\n## Other\n\nText.", expectedFormat: .headings, [
            ExpectedEntry(term: "Scope", senses: ["An OAuth grant.", "The reach of a rule."], details: "In this portal:", line: 0, termText: "Scope", anchor: "scope"),
            ExpectedEntry(term: "Other", senses: ["Text."], line: 7, termText: "Other", anchor: "other"),
        ])
    }

    /// An intro followed by numbered steps is one definition: the steps are not senses, and the intro,
    /// the list and the paragraph after it stay in document order.
    @Test func introWithNumberedStepsIsOneDefinitionInDocumentOrder() {
        _ = checkGlossary("""
            ## Crate

            A box of parts that ships as one unit. To build one:

            1. Collect the parts.
            2. Seal them with the
               packer.

            In the warehouse view, this refers to pallet crates, not to software crates.

            ## Other

            Text.
            """, expectedFormat: .headings, [
            ExpectedEntry(term: "Crate", senses: ["""
                A box of parts that ships as one unit. To build one:

                1. Collect the parts.
                2. Seal them with the packer.

                In the warehouse view, this refers to pallet crates, not to software crates.
                """], line: 0, termText: "Crate", anchor: "crate"),
            ExpectedEntry(term: "Other", senses: ["Text."], line: 10, termText: "Other", anchor: "other"),
        ])
    }

    /// Numbered items are senses when they are the definition itself: the body starts with them, or a
    /// lead-in ending with a colon introduces items that read as definitions. Otherwise, one definition.
    @Test(arguments: [
        // The body starts with the list (as in the Backstage glossary); a paragraph after it is not glued onto sense 2.
        ("1. A set of users.\n2. A kind of catalog entity.\n\nBoth meanings appear in the admin pages.",
         ["A set of users.", "A kind of catalog entity."], "Both meanings appear in the admin pages."),
        ("1. A set of users.\n\n   Groups can nest.\n\n2. A kind of catalog entity.",
         ["A set of users.\n\nGroups can nest.", "A kind of catalog entity."], nil),
        ("Has two meanings:\n\n1. A set of users.\n2. [The catalog kind](#kind).",
         ["A set of users.", "[The catalog kind](#kind)."], "Has two meanings:"),
        // A lead-in, but the items are steps.
        ("Made like this:\n\n1. Pick users.\n2. Save the list.",
         ["Made like this:\n\n1. Pick users.\n2. Save the list."], nil),
        // Definition-like items, but the intro is a sentence, not a lead-in.
        ("A word with a history.\n\n1. A set of users.\n2. A kind of catalog entity.",
         ["A word with a history.\n\n1. A set of users.\n2. A kind of catalog entity."], nil),
        // A single numbered item that is the whole body.
        ("1. A set of users.", ["A set of users."], nil),
    ] as [(String, [String], String?)])
    func numberedItemsAreSensesOnlyWhenTheyAreTheDefinition(_ body: String, _ senses: [String], _ details: String?) throws {
        let file = GlossaryParser.parse(SourceText("## Group\n\n\(body)\n\n## Other\n\nText.\n"), path: "glossary.md")
        let entry = try #require(file.entries.first)
        #expect(entry.senses == senses)
        #expect(entry.details == details)
    }

    @Test func multiParagraphDefinitionIsOneSense() {
        _ = checkGlossary("## Entity\n\nFirst paragraph\nwrapped here.\n\nSecond paragraph.\n\n## Plugin\n\nA module.", expectedFormat: .headings, [
            ExpectedEntry(term: "Entity", senses: ["First paragraph wrapped here.\n\nSecond paragraph."], line: 0, termText: "Entity", anchor: "entity"),
            ExpectedEntry(term: "Plugin", senses: ["A module."], line: 7, termText: "Plugin", anchor: "plugin"),
        ])
    }

    // MARK: Table

    let tableGlossaryText = """
        Intro text.

        | Term | Explanation |
        | ---- | ----------- |
        | **Entity** | A thing the catalog knows about. |
        | Plugin (frontend) | Adds a **core** feature. |
        | JWT | JSON Web Token. |
        """

    @Test func tableLayout() {
        let file = checkGlossary(tableGlossaryText, expectedFormat: .table, [
                ExpectedEntry(term: "Entity", senses: ["A thing the catalog knows about."], line: 4, termText: "**Entity**"),
                ExpectedEntry(term: "Plugin", qualifier: "frontend", senses: ["Adds a **core** feature."], line: 5, termText: "Plugin (frontend)"),
                ExpectedEntry(term: "JWT", senses: ["JSON Web Token."], expansion: "JSON Web Token", line: 6, termText: "JWT"),
            ])
        #expect(file.entries.first.map { SourceText(tableGlossaryText).string(in: $0.range) } == "| **Entity** | A thing the catalog knows about. |")
    }

    @Test func tableColumnsFoundByHeaderNames() {
        _ = checkGlossary("| Notes | Acronym | Meaning |\n|---|---|---|\n| old | SLO | Service level objective |", expectedFormat: .table, [
            ExpectedEntry(term: "SLO", senses: ["Service level objective"], expansion: "Service level objective", line: 2, termText: "SLO"),
        ])
    }

    @Test func tableRowWithoutATermIsReported() {
        let marked = MarkedText("| Term | Definition |\n|---|---|\n| Entity | A thing. |\n|  1️⃣| Orphan definition. |\n")
        let file = GlossaryParser.parse(marked.source, path: "glossary.md")
        #expect(file.format == .table)
        #expect(file.entries.map(\.term) == ["Entity"])
        #expect(file.problems == [GlossaryProblem(kind: .missingTerm, message: "Glossary entry has no term", range: marked["1️⃣"]..<marked["1️⃣"])])
    }

    // MARK: Term lines

    static let termLinesGlossary = """
        Skip to main content

        Glossary

        Entity

        A thing the catalog knows about.

        Plugin

        A module that adds features.
        It wraps several lines.

        Group

          1. A set of users.
          2. A kind of entity.


        This definition lost its term line.

        Owner

        The team responsible for an entity.
        """

    @Test func termLinesLayout() {
        let text = SourceText(Self.termLinesGlossary)
        let file = checkGlossary(Self.termLinesGlossary, expectedFormat: .termLines, [
            ExpectedEntry(term: "Entity", senses: ["A thing the catalog knows about."], line: 4, termText: "Entity"),
            ExpectedEntry(term: "Plugin", senses: ["A module that adds features. It wraps several lines."], line: 8, termText: "Plugin"),
            ExpectedEntry(term: "Group", senses: ["A set of users.", "A kind of entity."], line: 13, termText: "Group"),
            ExpectedEntry(term: "Owner", senses: ["The team responsible for an entity."], line: 21, termText: "Owner"),
        ])
        #expect(file.problems.count == 1)
        #expect(file.problems.first?.kind == .missingTerm)
        #expect(file.problems.first?.message == "Definition without a term line (“This definition lost its term line.…”); its term line may have been lost")
        #expect(file.problems.first.map { text.string(in: $0.range) } == "This definition lost its term line.")
    }

    // MARK: Bullets

    @Test func bulletsLayout() {
        _ = checkGlossary("""
            # Terms

            - **Entity** - A thing the catalog
              knows about.
            - **Plugin**: Adds features.
            - **Kind** – The type of an entity.
            * __Owner__ — The team responsible.
            - **Scope** - First paragraph.

              Second paragraph.
            - not bold, skipped
            """, expectedFormat: .bullets, [
                ExpectedEntry(term: "Entity", senses: ["A thing the catalog knows about."], line: 2, termText: "Entity"),
                ExpectedEntry(term: "Plugin", senses: ["Adds features."], line: 4, termText: "Plugin"),
                ExpectedEntry(term: "Kind", senses: ["The type of an entity."], line: 5, termText: "Kind"),
                ExpectedEntry(term: "Owner", senses: ["The team responsible."], line: 6, termText: "Owner"),
                ExpectedEntry(term: "Scope", senses: ["First paragraph.\n\nSecond paragraph."], line: 7, termText: "Scope"),
            ])
    }

    /// A bullet that opens a bold term and never closes it is reported at the term, not dropped in
    /// silence. A term without a separator after it still reads; bullets that are not bold, and a bold
    /// phrase that wraps onto the item's next line, are prose.
    @Test func aBulletWhoseBoldTermIsNeverClosedIsReported() {
        let marked = MarkedText("""
            # Terms

            - **DocHub** - The hub.
            - **OAuth** Auth protocol without dash
            - 1️⃣**GraphQL - Query language2️⃣
            - not bold, skipped
            - **A bold phrase that
              wraps** is prose.
            * 3️⃣__Kind: The type.4️⃣
            - **Owner**: The team.
            """)
        let file = checkGlossary(marked.text, expectedFormat: .bullets, [
            ExpectedEntry(term: "DocHub", senses: ["The hub."], line: 2, termText: "DocHub"),
            ExpectedEntry(term: "OAuth", senses: ["Auth protocol without dash"], line: 3, termText: "OAuth"),
            ExpectedEntry(term: "Owner", senses: ["The team."], line: 9, termText: "Owner"),
        ])
        #expect(file.problems == [
            GlossaryProblem(kind: .syntax, message: "Expected `- **Term** - definition`: the term's ** is never closed, so this line is not read as an entry",
                            range: marked.range("1️⃣", "2️⃣")),
            GlossaryProblem(kind: .syntax, message: "Expected `- __Term__ - definition`: the term's __ is never closed, so this line is not read as an entry",
                            range: marked.range("3️⃣", "4️⃣")),
        ])
    }

    // MARK: Definition lists

    @Test func definitionListLayout() {
        let file = checkGlossary("""
            Entity
            : A thing the catalog knows about.
            : A row in the database.

            Plugin
            : A module that adds
              features to the portal.

            Template
            : Describes how to create
            a component lazily.
            """, expectedFormat: .definitionList, [
                ExpectedEntry(term: "Entity", senses: ["A thing the catalog knows about.", "A row in the database."], line: 0, termText: "Entity"),
                ExpectedEntry(term: "Plugin", senses: ["A module that adds features to the portal."], line: 4, termText: "Plugin"),
                ExpectedEntry(term: "Template", senses: ["Describes how to create a component lazily."], line: 8, termText: "Template"),
            ])
        #expect(file.problems == [])
    }

    /// A definition line without the space after its colon is reported (its term is not read); a
    /// `:` line with nothing after it is no sense, so its entry has no definition. Emoji shortcodes and
    /// admonitions that start a line are text.
    @Test func unreadableDefinitionLinesAreReported() {
        let marked = MarkedText("""
            Read this first.
            :warning: Shortcodes are text.

            Intro.

            :::note
            An admonition.
            :::

            DocHub
            : The hub.

            OAuth
            1️⃣:Auth without space2️⃣

            GraphQL
            :   

            Kind
            : The type.
            """)
        let file = checkGlossary(marked.text, expectedFormat: .definitionList, [
            ExpectedEntry(term: "DocHub", senses: ["The hub."], line: 9, termText: "DocHub"),
            ExpectedEntry(term: "GraphQL", senses: [], line: 15, termText: "GraphQL"),
            ExpectedEntry(term: "Kind", senses: ["The type."], line: 18, termText: "Kind"),
        ])
        #expect(file.entries[1].isEmpty)
        #expect(file.problems == [GlossaryProblem(kind: .syntax, message: "Expected `: definition`, with a space after the colon, so “OAuth” is not read as an entry",
                                                  range: marked.range("1️⃣", "2️⃣"))])
    }

    @Test func definitionWithoutTermIsReported() {
        let text = SourceText(": orphan definition\n\nTerm\n: Its meaning.")
        let file = GlossaryParser.parse(text, path: "glossary.md", format: .definitionList)
        #expect(file.entries.map(\.term) == ["Term"])
        #expect(file.problems == [GlossaryProblem(kind: .missingTerm, message: "Definition without a term line above it", range: 0..<19)])
    }

    // MARK: Term files

    @Test func termFileLayout() {
        _ = checkGlossary("""
            ---
            title: Pod
            id: pod
            short_description: >
              The smallest deployable unit.
            aka:
              - Pods
              - Workload unit
            tags:
              - fundamental
              - workload
            ---
            A Pod runs containers.

            <!--more-->

            Pods share storage and network.
            """, path: "glossary/pod.md", expectedFormat: .termFile, [
                ExpectedEntry(term: "Pod", senses: ["The smallest deployable unit."], aliases: [("Pods", .frontMatter), ("Workload unit", .frontMatter)],
                              details: "Pods share storage and network.", line: 1, termText: "Pod", anchor: "pod"),
            ])
    }

    /// A term file's long text is shown as written: a numbered list stays a list, and the text after it stays.
    @Test func termFileDetailsKeepTheirListInOrder() throws {
        let file = GlossaryParser.parse(SourceText("---\ntitle: Job\nshort_description: A task that runs to completion.\n---\n<!--more-->\n1. Write the spec.\n2. Apply it.\n\nIt stops when done.\n"),
                                        path: "glossary/job.md")
        let entry = try #require(file.entries.first)
        #expect(entry.senses == ["A task that runs to completion."])
        #expect(entry.details == "1. Write the spec.\n2. Apply it.\n\nIt stops when done.")
    }

    @Test func termFileTagsAndAliasRanges() throws {
        let marked = MarkedText("---\ntitle: Node\naka: [1️⃣Worker2️⃣, Minion]\ntags: [infra]\n---\nA machine in the cluster.\n")
        let file = GlossaryParser.parse(marked.source, path: "glossary/node.md")
        #expect(file.format == .termFile)
        let entry = try #require(file.entries.first)
        #expect(entry.senses == ["A machine in the cluster."])
        #expect(entry.tags == ["infra"])
        #expect(entry.aliases.map(\.name) == ["Worker", "Minion"])
        #expect(entry.aliases.first?.range == marked.range("1️⃣", "2️⃣"))
        #expect(entry.details == nil)
        #expect(entry.anchor == nil)
    }

    /// A term file whose front matter has only its `title`: the title is the term, the body its
    /// definition. Not when the body reads as term lines, or the title names a glossary page.
    @Test func termFileWithOnlyATitle() {
        _ = checkGlossary("---\ntitle: DocHub\n---\n\nHub.\n", path: "docs/glossary/dochub.md", expectedFormat: .termFile, [
            ExpectedEntry(term: "DocHub", senses: ["Hub."], line: 1, termText: "DocHub"),
        ])
        let file = checkGlossary("---\ntitle: OAuth (v2)\nid: oauth\n---\nAn authorization protocol.\nIt grants tokens.\n\n1. Not a sense list on its own.\n",
                                 path: "docs/glossary/oauth.md", expectedFormat: .termFile, [
            ExpectedEntry(term: "OAuth", qualifier: "v2", senses: ["An authorization protocol. It grants tokens.\n\n1. Not a sense list on its own."], line: 1,
                          termText: "OAuth (v2)", anchor: "oauth"),
        ])
        #expect(file.problems == [])
        _ = checkGlossary("---\ntitle: Glossary\n---\n\nEntity\n\nA thing.\n", expectedFormat: .termLines, [
            ExpectedEntry(term: "Entity", senses: ["A thing."], line: 4, termText: "Entity"),
        ])
        _ = checkGlossary("---\ntitle: Portal\n---\n\nEntity\n\nA thing.\n", expectedFormat: .termLines, [
            ExpectedEntry(term: "Entity", senses: ["A thing."], line: 4, termText: "Entity"),
        ])
        let page = GlossaryParser.parse(SourceText("---\ntitle: Glossary\n---\n\nComing soon.\n"), path: "glossary.md")
        #expect(page.format == .termLines)
        #expect(page.entries.isEmpty)
        // A glossary folder's own page is not a term's.
        let index = GlossaryParser.parse(SourceText("---\ntitle: Overview\n---\n\nThe terms of the portal.\n"), path: "docs/glossary/index.md")
        #expect(index.format == .termLines)
        #expect(index.entries.isEmpty)
    }

    @Test func termFileWithoutTitleIsAProblem() {
        let file = GlossaryParser.parse(SourceText("---\nshort_description: Orphan.\n---\n"), path: "glossary/x.md")
        #expect(file.entries.isEmpty)
        #expect(file.problems.map(\.kind) == [.missingTerm, .syntax])
        #expect(file.problems.first?.message == "Term file has no `title` in its front matter")
    }

    // MARK: Abbreviations

    @Test func abbreviationsLayout() {
        let file = checkGlossary("*[JWT]: JSON Web Token\n*[PKCE]: Proof Key for Code Exchange\n\n*[SSO] Single sign-on\n", path: "abbreviations.md", expectedFormat: .abbreviations, [
            ExpectedEntry(term: "JWT", senses: ["JSON Web Token"], expansion: "JSON Web Token", line: 0, termText: "JWT"),
            ExpectedEntry(term: "PKCE", senses: ["Proof Key for Code Exchange"], expansion: "Proof Key for Code Exchange", line: 1, termText: "PKCE"),
        ])
        #expect(file.problems == [GlossaryProblem(kind: .syntax, message: "Expected `*[ABBR]: expansion`", range: 61..<82)])
    }

    // MARK: Detection and failure

    @Test(arguments: [
        ("## A\n\nOne.\n\n## B\n\nTwo.", GlossaryFormat.headings),
        ("# Title\n\n## Only\n\nOne entry.", .headings),
        ("| Term | Definition |\n|---|---|\n| A | One. |", .table),
        ("| Left | Right |\n|---|---|\n| A | One. |", .termLines),
        ("- **A** - One.\n- **B** - Two.", .bullets),
        ("A\n: One.", .definitionList),
        ("---\ntitle: A\nshort_description: One.\n---\n", .termFile),
        ("---\ntitle: A\naka: [B]\n---\nOne.", .termFile),
        ("---\ntitle: A\n---\nOne.\n<!--more-->\nMore.", .termFile),
        ("---\ntitle: A\n---\nOne.", .termFile),
        ("---\ntitle: A\n---\n", .termFile),
        ("---\ntitle: Team glossary\n---\nOne.", .termLines),
        ("---\ntitle: Glossary\n---\n## A\n\nOne.\n\n## B\n\nTwo.", .headings),
        ("*[A]: One\n*[B]: Two\nSome prose line.", .abbreviations),
        ("*[A]: One\nProse one.\nProse two.", .termLines),
        ("# Abbreviations\n\n*[JWT]: JSON Web Token\n", .abbreviations),
        ("Entity\n\nA thing.", .termLines),
        ("# A\n\nOne.", .headings),
        ("# A\n\nOne.\n\n# B\n\nTwo.", .headings),
        ("# Glossary\n\n# A\n\nOne.", .headings),
        ("# Glossary\n\nEntity\n\nA thing.", .termLines),
        ("# Acme\n\nEntity\n\nA thing.", .termLines),
        ("# A\n\n- **X** - One.\n- **Y** - Two.\n\n# B\n\n- **Z** - Three.", .bullets),
        ("# A\n\nX\n: One.\n\n# B\n\nY\n: Two.", .definitionList),
    ] as [(String, GlossaryFormat)])
    func detectFormat(_ markdown: String, _ expected: GlossaryFormat) {
        let text = SourceText(markdown)
        #expect(GlossaryParser.detectFormat(text, document: MarkdownScanner.scan(text)) == expected)
    }

    /// A code fence that is never closed runs to the end of the file, as renderers show it: the entries
    /// in it are not read, and the fence is reported at its line instead of the entries vanishing.
    @Test func anUnclosedCodeFenceIsReportedAtItsLine() {
        let marked = MarkedText("# Glossary\n\n## DocHub\n\nHub.\n\n  1️⃣```yaml2️⃣\nkey: value\n\n## OAuth\n\nAuth protocol.\n\n## GraphQL\n\nQuery language.\n")
        let file = GlossaryParser.parse(marked.source, path: "glossary.md")
        #expect(file.format == .headings)
        #expect(file.entries.map(\.term) == ["DocHub"])
        #expect(file.problems == [GlossaryProblem(kind: .syntax, message: "This code fence is never closed, so the rest of the file is read as code and no glossary entry after it is read; close it with a ``` line",
                                                  range: marked.range("1️⃣", "2️⃣"))])
        // In any layout, with the fence's own marker; a closed fence is no problem.
        let tilde = MarkedText("- **DocHub** - Hub.\n\n  1️⃣~~~~2️⃣\n  x\n- **OAuth** - Auth.\n")
        #expect(GlossaryParser.parse(tilde.source, path: "glossary.md").problems == [GlossaryProblem(
            kind: .syntax, message: "This code fence is never closed, so the rest of the file is read as code and no glossary entry after it is read; close it with a ~~~~ line",
            range: tilde.range("1️⃣", "2️⃣"))])
        let closed = GlossaryParser.parse(SourceText("## DocHub\n\n```yaml\nkey: value\n```\n\n## OAuth\n\nAuth.\n"), path: "glossary.md")
        #expect(closed.entries.map(\.term) == ["DocHub", "OAuth"])
        #expect(closed.problems == [])
    }

    @Test func configuredFormatOverridesDetection() {
        let file = GlossaryParser.parse(SourceText("## A\n\nOne.\n\n## B\n\nTwo."), path: "glossary.md", format: .bullets)
        #expect(file.format == .bullets)
        #expect(file.entries.isEmpty)
        #expect(file.problems == [GlossaryProblem(kind: .syntax, message: "No glossary entries found (read as bullets layout)", range: 0..<4)])
    }

    @Test func fileWithNoEntriesReportsItsLayout() {
        let file = GlossaryParser.parse(SourceText("Just one line."), path: "glossary.md")
        #expect(file.entries.isEmpty)
        #expect(file.problems == [GlossaryProblem(kind: .syntax, message: "No glossary entries found (read as term-lines layout)", range: 0..<14)])
    }

    @Test func anEmptyFileSaysSo() {
        let file = GlossaryParser.parse(SourceText("\n  \n"), path: "glossary.md")
        #expect(file.entries.isEmpty)
        #expect(file.problems == [GlossaryProblem(kind: .syntax, message: "The glossary is empty", range: 0..<0)])
        #expect(GlossaryParser.parse(SourceText(""), path: "glossary.md").problems.map(\.message) == ["The glossary is empty"])
    }

    /// A row short of its definition cell is an entry without a definition; one without its term
    /// cell's text is a missing term. Neither is dropped in silence.
    @Test func shortTableRowsAreEntriesWithWhatTheyHave() {
        let text = SourceText("| Term | Definition |\n|---|---|\n| GraphQL |\n| | A definition without a term. |\n| DocHub | The viewer. |\n")
        let file = GlossaryParser.parse(text, path: "glossary.md")
        #expect(file.entries.map(\.term) == ["GraphQL", "DocHub"])
        #expect(file.entries[0].isEmpty)
        let graphQL = "| Term | Definition |\n|---|---|\n| ".utf8.count
        #expect(file.entries[0].termRange == graphQL..<(graphQL + 7))
        #expect(file.problems.map(\.message) == ["Glossary entry has no term"])
    }

    /// Every layout reads any bytes without crashing, and every range it reports lies inside the text.
    @Test(arguments: GlossaryFormat.allCases)
    func randomInputNeverCrashes(_ format: GlossaryFormat) {
        var generator = SeededGenerator(seed: 0xD0C5 &+ UInt64(format.rawValue.utf8.count))
        let pieces = ["## ", "# ", "- **", "**", " - ", ": ", "*[", "]: ", "| ", " |", "|---|---|", "---\n", "title: ", "aka: [", "<!--more-->",
                      "1. ", "(AKA ", ")", "Known as ", "See [", "](#", "Term", "word", "\n", "\n\n", "  ", "😀", "日本"]
        for iteration in 0..<500 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...30, using: &generator) {
                if Int.random(in: 0..<10, using: &generator) == 0 {
                    bytes.append(UInt8.random(in: 0x80...0xFF, using: &generator))
                } else {
                    bytes += Array(pieces.randomElement(using: &generator)!.utf8)
                }
            }
            let text = SourceText(bytes: bytes)
            let file = GlossaryParser.parse(text, path: "glossary.md", format: iteration % 3 == 0 ? nil : format)
            let bounds = 0...text.count
            for entry in file.entries {
                for range in [entry.termRange, entry.range, entry.definitionRange] + entry.aliases.map(\.range) + entry.references.map(\.range) {
                    #expect(bounds.contains(range.lowerBound) && bounds.contains(range.upperBound), "\(range) in \(bytes)")
                }
                #expect(!entry.term.isEmpty)
            }
            for problem in file.problems {
                #expect(bounds.contains(problem.range.lowerBound) && bounds.contains(problem.range.upperBound), "\(problem) in \(bytes)")
            }
            // The rules run on whatever the layout produced.
            let source = GlossarySource(pattern: "glossary.md", format: iteration % 3 == 0 ? nil : format)
            let snapshot = WorkspaceSnapshot(configuration: Configuration(glossaries: [source]), documents: [WorkspaceDocument(path: "glossary.md", text: text)])
            for diagnostic in RuleRegistry.diagnostics(for: "glossary.md", in: snapshot) {
                #expect(bounds.contains(diagnostic.range.lowerBound) && bounds.contains(diagnostic.range.upperBound), "\(diagnostic.code) in \(bytes)")
            }
        }
    }

    // MARK: Term splitting

    @Test(arguments: [
        ("Resource (catalog plugin)", "Resource", "catalog plugin", [String]()),
        ("Cloud Native Computing Foundation (AKA CNCF)", "Cloud Native Computing Foundation", nil, ["CNCF"]),
        ("Single sign-on (a.k.a. SSO)", "Single sign-on", nil, ["SSO"]),
        ("Entity (also known as Thing, or Item)", "Entity", nil, ["Thing", "Item"]),
        ("Token (auth) (AKA JWT)", "Token", "auth", ["JWT"]),
        ("**Bold** term", "Bold term", nil, []),
        ("(only parens)", "(only parens)", nil, []),
    ] as [(String, String, String?, [String])])
    func splitTerm(_ raw: String, _ term: String, _ qualifier: String?, _ aka: [String]) {
        let split = DefinitionReader.splitTerm(raw)
        #expect(split.term == term)
        #expect(split.qualifier == qualifier)
        #expect(split.aka == aka)
    }
}

@Suite struct DefinitionReaderTests {
    @Test(arguments: [
        ("JWT", true), ("CI/CD", true), ("K8s", false), ("Service Catalog", false), ("A", false),
        ("ABCDEFGH", true), ("ABCDEFGHI", false), ("SSO 2", false), ("ÉTÉ", true), ("Été", false),
    ])
    func abbreviations(term: String, expected: Bool) {
        #expect(DefinitionReader.isAbbreviation(term) == expected)
    }

    /// The searches of definitions (`range(of:)`, bytes for ASCII text, characters otherwise).
    @Test func search() throws {
        let plain = "also known as the portal"
        let found = try #require(plain.range(of: "known as "))
        #expect(plain.utf8.distance(from: plain.startIndex, to: found.lowerBound) == 5)
        #expect(plain[found] == "known as ")
        #expect("known a".range(of: "known as ") == nil)
        let accented = "café known as "
        let inAccented = try #require(accented.range(of: "known as "))
        #expect(accented[inAccented] == "known as ")
        #expect(plain.range(of: "known as ", from: found.upperBound) == nil)
        #expect("anything".range(of: "") == nil)
    }
}
