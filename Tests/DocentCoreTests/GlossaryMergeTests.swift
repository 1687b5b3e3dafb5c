import Testing
@testable import DocentCore

private func glossary(_ files: [(path: String, markdown: String)]) -> (Glossary, [String: SourceText]) {
    var texts: [String: SourceText] = [:]
    let parsed = files.map { file -> GlossaryFile in
        let text = SourceText(file.markdown)
        texts[file.path] = text
        return GlossaryParser.parse(text, path: file.path)
    }
    return (Glossary(files: parsed), texts)
}

@Suite struct GlossaryMergeTests {
    @Test func redirectMakesItsTermADiscouragedAliasOfThePreferredEntry() throws {
        let (glossary, texts) = glossary([("glossary.md", """
            ## Software Templates

            Blueprints for new components, also known as the Scaffolder.

            ## Scaffolder

            Known as [Software Templates](#software-templates).
            """)])
        let preferred = glossary.entries[0]
        #expect(preferred.term == "Software Templates")
        // The "also known as" alias of the same name is replaced: the redirect decides.
        #expect(preferred.aliases.map(\.name) == ["Scaffolder"])
        #expect(preferred.aliases.map(\.kind) == [.discouraged])
        let text = try #require(texts["glossary.md"])
        #expect(text.string(in: preferred.aliases[0].range) == "Scaffolder")
        #expect(preferred.aliases[0].range == glossary.entries[1].termRange)
        // The name "Scaffolder" means the redirect entry first (its term), then the preferred entry.
        #expect(glossary.entries(named: "scaffolder") == [1, 0])
        let name = try #require(glossary.names.first { $0.text == "Scaffolder" })
        #expect(name.targets == [TermTarget(entry: 1, kind: .term), TermTarget(entry: 0, kind: .alias(.discouraged))])
    }

    @Test func redirectToAPluralFindsTheSingularEntry() {
        let (glossary, _) = glossary([("glossary.md", "## User Role\n\nA set of permissions.\n\n## Persona\n\nSee user roles.\n")])
        #expect(glossary.entries[1].preferredTerm == "user roles")
        #expect(glossary.entries[0].aliases.map(\.name) == ["Persona"])
        #expect(glossary.entries[0].aliases.map(\.kind) == [.discouraged])
    }

    @Test func redirectToAPluralInIesFindsTheEntry() {
        let (glossary, _) = glossary([("glossary.md", "## Policy\n\nA rule.\n\n## Guardrail\n\nSee policies.\n")])
        #expect(glossary.entries[0].aliases.map(\.name) == ["Guardrail"])
        #expect(glossary.entries[0].aliases.map(\.kind) == [.discouraged])
    }

    @Test func redirectToAnUnknownTermAddsNothing() {
        let (glossary, _) = glossary([("glossary.md", "## Kind\n\nSee Category.\n\n## Entity\n\nA thing.\n")])
        #expect(glossary.entries.allSatisfy { $0.aliases.isEmpty })
        #expect(glossary.entries(named: "Category") == [])
    }

    @Test func abbreviationFileAddsAnAliasToTheEntryItExpands() throws {
        let (glossary, texts) = glossary([
            ("glossary.md", "## JSON Web Token\n\nA signed token.\n\n## Single Sign-On (AKA SSO)\n\nOne login for every tool.\n"),
            ("abbreviations.md", "*[JWT]: JSON Web Token\n*[SSO]: Single Sign-On\n*[TLA]: Three letter acronym\n"),
        ])
        #expect(glossary.entries.map(\.term) == ["JSON Web Token", "Single Sign-On", "JWT", "SSO", "TLA"])
        let token = glossary.entries[0]
        #expect(token.aliases.map(\.name) == ["JWT"])
        #expect(token.aliases.map(\.kind) == [.aka])
        #expect(texts["abbreviations.md"]?.string(in: token.aliases[0].range) == "JWT")
        // An alias the entry already has is not added twice.
        #expect(glossary.entries[1].aliases.map(\.name) == ["SSO"])
        #expect(glossary.entries(named: "JWT") == [2, 0])
        #expect(glossary.entries(named: "TLA") == [4])
    }

    struct LookupCase: Sendable, CustomTestStringConvertible {
        var name: String
        var entries: [Int]
        var testDescription: String { name }
    }

    static let lookupGlossary = """
        ## User Role

        A set of permissions.

        ## Resource (catalog plugin)

        An entity the catalog tracks.

        ## Resource (search plugin)

        A document the search index holds.

        ## Policy

        A rule. Also known as a Guardrail.

        ## Class

        A kind of thing.
        """

    static let lookupCases: [LookupCase] = [
        LookupCase(name: "User Role", entries: [0]),
        LookupCase(name: "user role", entries: [0]),
        LookupCase(name: "the user role", entries: [0]),
        LookupCase(name: "a user role", entries: [0]),
        LookupCase(name: "User Roles", entries: [0]),
        LookupCase(name: "policies", entries: [3]),
        LookupCase(name: "classes", entries: [4]),
        LookupCase(name: "Guardrail", entries: [3]),
        LookupCase(name: "guardrails", entries: [3]),
        LookupCase(name: "Resource", entries: [1, 2]),
        LookupCase(name: "Resource (search plugin)", entries: [2]),
        LookupCase(name: "resource (Catalog Plugin)", entries: [1]),
        LookupCase(name: "Resource (other plugin)", entries: []),
        LookupCase(name: "the", entries: []),
        LookupCase(name: "Role", entries: []),
        LookupCase(name: "", entries: []),
    ]

    @Test(arguments: lookupCases)
    func entriesNamed(_ example: LookupCase) {
        let (glossary, _) = glossary([("glossary.md", Self.lookupGlossary)])
        #expect(glossary.entries(named: example.name) == example.entries)
    }

    @Test func namesListTermsThenAliasesOnce() {
        let (glossary, _) = glossary([("glossary.md", Self.lookupGlossary)])
        #expect(glossary.names.map(\.text) == ["User Role", "Resource", "Policy", "Class", "Guardrail"])
        #expect(glossary.names.map(\.words) == [
            [Array("user".utf8), Array("role".utf8)], [Array("resource".utf8)], [Array("policy".utf8)], [Array("class".utf8)], [Array("guardrail".utf8)],
        ])
        #expect(glossary.names[1].targets == [TermTarget(entry: 1, kind: .term), TermTarget(entry: 2, kind: .term)])
        #expect(glossary.entries(inFile: "glossary.md") == [0, 1, 2, 3, 4])
        #expect(glossary.entries(inFile: "other.md") == [])
        #expect(glossary.file("glossary.md")?.entries.count == 5)
    }

    @Test func entriesFromSeveralFilesKeepFileOrder() {
        let (glossary, _) = glossary([("a/glossary.md", "## Alpha\n\nFirst.\n\n## Beta\n\nSecond."), ("b/glossary.md", "## Alpha\n\nAgain.\n\n## Gamma\n\nThird.")])
        #expect(glossary.entries.map(\.term) == ["Alpha", "Beta", "Alpha", "Gamma"])
        #expect(glossary.entries.map(\.file) == ["a/glossary.md", "a/glossary.md", "b/glossary.md", "b/glossary.md"])
        #expect(glossary.entries(named: "alpha") == [0, 2])
    }
}
