import Testing
@testable import DocentCore

/// Placement rules and section maps at their edges: an `any` section, a glossary outside the
/// sections, a "." section, a persona named twice.
@Suite struct PlacementEdgeTests {
    private func codes(_ path: String, in snapshot: WorkspaceSnapshot) -> [String] {
        RuleRegistry.diagnostics(for: path, in: snapshot).map(\.code)
    }

    /// A page in a section for every reader (`any`) is not told it declares the wrong persona.
    @Test func declaringAPersonaInAnAnySectionIsQuiet() {
        let snapshot = PlacementTestWorkspace.snapshot(["docs/reference/config.md": "---\npersona: administrator\n---\n# Configuration keys\n\nThe keys of app-config.yaml.\n"])
        #expect(!codes("docs/reference/config.md", in: snapshot).contains("persona-mismatch"))
    }

    /// A glossary outside every configured section is not an unplaced page.
    @Test func aGlossaryOutsideTheSectionsIsNotUnplaced() {
        let snapshot = PlacementTestWorkspace.snapshot(["docs/glossary.md": "## Plugin\n\nA module that adds features.\n"])
        #expect(snapshot.isGlossary("docs/glossary.md"))
        #expect(!codes("docs/glossary.md", in: snapshot).contains("unplaced-document"))
        // An ordinary page there is still reported (the rule is on).
        let other = PlacementTestWorkspace.snapshot(["docs/notes.md": "# Notes\n\nSome notes.\n"])
        #expect(codes("docs/notes.md", in: other).contains("unplaced-document"))
    }

    /// A configured section path of "." is the whole workspace.
    @Test func aDotSectionCoversTheWorkspace() {
        let configuration = Configuration(sections: [SectionConfiguration(path: ".", title: "All", personas: ["end-user"])])
        let map = SectionMap(configuration: configuration, catalog: PersonaCatalog.builtIn, paths: [])
        #expect(map.section(for: "docs/a.md")?.title == "All")
    }

    /// A persona named twice in a section (by id and alias) counts once.
    @Test func aPersonaNamedTwiceInASectionCountsOnce() {
        let configuration = Configuration(sections: [SectionConfiguration(path: "docs/running", personas: ["administrator", "Operator"])])
        let map = SectionMap(configuration: configuration, catalog: PersonaCatalog.builtIn, paths: [])
        #expect(map.sections[0].personas.count == 1)
    }
}
