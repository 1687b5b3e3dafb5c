import Testing
@testable import DocentCore

/// Links in a definition are relative to its glossary file; shown elsewhere (a hover, `docent explain`)
/// they are rewritten to what the glossary file means.
@Suite struct GlossaryLinkTests {
    static let reference = """
        # Glossary

        ## Developer Portal

        A site for teams.

        ## Backstage

        A framework for [developer portals](#developer-portal), set up as in [the guide](../guides/setup.md#install "Setup"). See [Scope](../access/glossary.md#Scope), ![logo](./img/logo.png), [the site](https://backstage.io/docs), [mail](mailto:team@example.com), [the intro](/docs/intro) and [nowhere](../../../x.md).
        """
    static let access = "# Access\n\n## Token\n\nA credential.\n\n## Scope\n\nWhat a [token](#token) may do.\n"

    static func glossary() -> Glossary {
        Glossary(files: [GlossaryParser.parse(SourceText(reference), path: "docs/reference/glossary.md"),
                         GlossaryParser.parse(SourceText(access), path: "docs/access/glossary.md")])
    }

    @Test func definitionLinksAreResolvedAgainstTheGlossaryFile() throws {
        let glossary = Self.glossary()
        let entry = try #require(glossary.entries.first { $0.term == "Backstage" })
        let resolved = glossary.resolvingLinks(of: entry) { path, line in "file:///ws/\(path)#L\(line + 1)" }
        #expect(resolved.senses == ["""
            A framework for [developer portals](file:///ws/docs/reference/glossary.md#L3), set up as in [the guide](file:///ws/docs/guides/setup.md#L1 "Setup"). \
            See [Scope](file:///ws/docs/access/glossary.md#L7), ![logo](file:///ws/docs/reference/img/logo.png#L1), [the site](https://backstage.io/docs), \
            [mail](mailto:team@example.com), [the intro](/docs/intro) and [nowhere](../../../x.md).
            """])
        // The entry in the model keeps the links as written.
        #expect(entry.senses[0].hasPrefix("A framework for [developer portals](#developer-portal), "))
    }

    @Test func theHoverShowsResolvedLinks() throws {
        let glossary = Self.glossary()
        let entry = try #require(glossary.entries.first { $0.term == "Scope" })
        let hover = EntryPresentation.markdown(entry, glossary: glossary) { path, line in "file:///ws/\(path)#L\(line + 1)" }
        #expect(hover == "**Scope**\n\nWhat a [token](file:///ws/docs/access/glossary.md#L3) may do.\n\nSee also: [Token](file:///ws/docs/access/glossary.md#L3)\n\nDefined in [docs/access/glossary.md:7](file:///ws/docs/access/glossary.md#L7)")
    }

    @Test func anEntryOfAnotherGlossaryResolvesAgainstItsOwnFile() throws {
        let glossary = Self.glossary()
        let entry = try #require(glossary.entries.first { $0.term == "Scope" })
        #expect(glossary.resolvingLinks(of: entry) { path, line in "\(path):\(line + 1)" }.senses == ["What a [token](docs/access/glossary.md:3) may do."])
    }

    @Test func angleBracketDestinationsAndTextWithoutLinks() {
        let glossary = Self.glossary()
        let location: (String, Int) -> String = { path, line in "file:///ws/\(path)#L\(line + 1)" }
        #expect(glossary.resolvingLinks(in: "See [notes](<my notes.md>).", from: "docs/glossary.md", location: location) == "See [notes](<file:///ws/docs/my notes.md#L1>).")
        #expect(glossary.resolvingLinks(in: "Plain (no links) [here].", from: "docs/glossary.md", location: location) == "Plain (no links) [here].")
    }

    @Test(arguments: [
        ("#scope", "docs/glossary.md", "scope"),
        ("other.md", "docs/other.md", nil),
        ("./a/b.md?x=1#part", "docs/a/b.md", "part"),
        ("../README.md#", "README.md", nil),
    ] as [(String, String, String?)])
    func relativeTargets(_ destination: String, _ path: String, _ anchor: String?) throws {
        let target = try #require(Glossary.target(of: destination, from: "docs/glossary.md"))
        #expect(target.path == path)
        #expect(target.anchor == anchor)
    }

    @Test(arguments: ["https://example.com", "mailto:a@example.com", "/docs/intro", "//cdn.example.com/x.png", "../../x.md", ""])
    func destinationsKeptAsWritten(_ destination: String) {
        #expect(Glossary.target(of: destination, from: "docs/glossary.md") == nil)
    }
}
