import Testing
@testable import DocentCore

@Suite struct PersonaCatalogTests {
    @Test func builtInPersonasHaveStableIdsAndTitles() {
        let catalog = PersonaCatalog.builtIn
        #expect(catalog.personas.map(\.id) == ["end-user", "administrator", "integrator", "contributor", "business-stakeholder", "evaluator"])
        #expect(catalog.personas.map(\.title) == ["End User", "Administrator", "Integrator", "Contributor", "Business Stakeholder", "Evaluator"])
        #expect(catalog.personas.allSatisfy { persona in !persona.style.isEmpty && !persona.signals.isEmpty })
    }

    @Test func aliasesResolveInAnySpelling() {
        let catalog = PersonaCatalog.builtIn
        func id(_ name: String) -> String? { catalog.persona(named: name)?.id }
        #expect(id("User") == "end-user")
        #expect(id("End User") == "end-user")
        #expect(id("end_users") == "end-user")
        #expect(id("Operator") == "administrator")
        #expect(id("ADMIN") == "administrator")
        #expect(id("Builder") == "integrator")
        #expect(id("builders") == "integrator")
        #expect(id("Product Manager") == "business-stakeholder")
        #expect(id("business") == "business-stakeholder")
        #expect(id("contributor") == "contributor")
        #expect(id("Evaluator") == "evaluator")
        #expect(id("astronaut") == nil)
        #expect(id("") == nil)
    }

    @Test func configurationExtendsAndAddsPersonas() throws {
        let catalog = PersonaCatalog(configuration: [
            PersonaConfiguration(id: "operator", title: "Platform Operator", aliases: ["SRE"], signals: ["code:ansible*3", "runbook"]),
            PersonaConfiguration(id: "data scientist", aliases: ["Analyst"], signals: ["lang:python", "prose:notebook*1.5"]),
        ])
        let administrator = try #require(catalog.persona(named: "sre"))
        #expect(administrator.id == "administrator")
        #expect(administrator.title == "Platform Operator")
        #expect(administrator.signals.suffix(2) == [PersonaSignal("ansible", 3, .code), PersonaSignal("runbook", 2, .anywhere)])
        let scientist = try #require(catalog.persona(named: "Analyst"))
        #expect(scientist.id == "data-scientist")
        #expect(scientist.title == "Data Scientist")
        #expect(scientist.signals == [PersonaSignal("python", 2, .codeLanguage), PersonaSignal("notebook", 1.5, .prose)])
        #expect(catalog.personas.count == PersonaCatalog.builtIn.personas.count + 1)
    }
}

@Suite struct SectionMapTests {
    let catalog = PersonaCatalog.builtIn

    @Test func longestConfiguredPrefixWins() throws {
        let configuration = Configuration(sections: [
            SectionConfiguration(path: "docs/portal", title: "Developer Portal", personas: ["any"]),
            SectionConfiguration(path: "docs/portal/user-guides/", title: "Developer Portal › User Guides", personas: ["User"]),
            SectionConfiguration(path: "docs/framework", personas: ["Builder", "contributor", "wizard"]),
        ])
        let map = SectionMap(configuration: configuration, catalog: catalog, paths: [])
        #expect(map.isConfigured)
        #expect(map.section(for: "docs/portal/user-guides/logging-in.md")?.title == "Developer Portal › User Guides")
        #expect(map.section(for: "docs/portal/user-guides/deep/nested/page.mdx")?.personas == [0])
        #expect(map.section(for: "docs/portal/what-is-it.md")?.servesEveryone == true)
        #expect(map.section(for: "docs/portal/what-is-it.md")?.isChecked == false)
        #expect(map.section(for: "docs/portal-extra/page.md") == nil)
        #expect(map.section(for: "docs/user-guides.md") == nil)
        let framework = try #require(map.section(for: "docs/framework/plugins/a.md"))
        #expect(framework.title == "Framework")
        #expect(framework.personas == [2, 3])
        #expect(framework.unknownPersonas == ["wizard"])
    }

    @Test func sectionsAreInferredFromFolderNamesWithoutConfiguration() throws {
        let paths = [
            "docs/portal/user-guides/a.md", "docs/portal/operator-guides/b.md", "docs/admin-handbook/c.md",
            "docs/framework/builder/d.md", "docs/framework/plugins/e.md", "docs/contributing/f.md", "docs/product-managers/g.md",
            "docs/business/h.md", "docs/overview/i.md", "docs/misc/j.md", "README.md",
        ]
        let map = SectionMap(configuration: Configuration(), catalog: catalog, paths: paths)
        #expect(!map.isConfigured)
        #expect(map.sections.allSatisfy { $0.isInferred })
        func persona(_ path: String) -> String? { map.section(for: path).flatMap { $0.personas.first }.map { catalog.personas[$0].id } }
        #expect(persona("docs/portal/user-guides/a.md") == "end-user")
        #expect(persona("docs/portal/operator-guides/b.md") == "administrator")
        #expect(persona("docs/admin-handbook/c.md") == "administrator")
        #expect(persona("docs/framework/builder/d.md") == "integrator")
        #expect(persona("docs/framework/plugins/e.md") == "integrator")
        #expect(persona("docs/contributing/f.md") == "contributor")
        #expect(persona("docs/product-managers/g.md") == "business-stakeholder")
        #expect(persona("docs/business/h.md") == "business-stakeholder")
        #expect(map.section(for: "docs/overview/i.md")?.servesEveryone == true)
        #expect(map.section(for: "docs/misc/j.md") == nil)
        #expect(map.section(for: "README.md") == nil)
        #expect(map.section(for: "docs/portal/user-guides/a.md")?.title == "Portal › User Guides")
    }

    @Test func titlesComeFromFolderNames() {
        #expect(SectionMap.title(forFolder: "docs/framework/builder-guides") == "Framework › Builder Guides")
        #expect(SectionMap.title(forFolder: "guides/product_managers") == "Guides › Product Managers")
        #expect(SectionMap.title(forFolder: "") == "Workspace")
    }
}

@Suite struct PlacementTokenizerTests {
    @Test func inflectionsShareAStem() {
        let hashes = ["deploy", "deploys", "deploying", "deployed"].map { PlacementTokenizer.wordHashes($0) }
        #expect(Set(hashes).count == 1)
        #expect(PlacementTokenizer.wordHashes("policies") == PlacementTokenizer.wordHashes("policy"))
        #expect(PlacementTokenizer.wordHashes("Configuring") == PlacementTokenizer.wordHashes("configure"))
        // Short words keep their endings, so a pronoun never meets a noun.
        #expect(PlacementTokenizer.wordHashes("them") != PlacementTokenizer.wordHashes("theme"))
        #expect(PlacementTokenizer.wordHashes("thing") != PlacementTokenizer.wordHashes("th"))
        #expect(PlacementTokenizer.wordHashes("access") != PlacementTokenizer.wordHashes("acces"))
    }

    @Test func punctuationAndSymbolsSeparateWords() {
        #expect(PlacementTokenizer.wordHashes("app-config.yaml") == PlacementTokenizer.wordHashes("app config yaml"))
        #expect(PlacementTokenizer.wordHashes("“Catalog”—entities›page") == PlacementTokenizer.wordHashes("catalog entities page"))
        #expect(PlacementTokenizer.wordHashes("a 42 b") == [])
        #expect(PlacementTokenizer.wordHashes("Ünïcode café").count == 2)
    }

    private func hits(_ markdown: String, path: String = "page.md") -> [(String, String)] {
        let document = WorkspaceDocument(path: path, text: SourceText(markdown))
        let table = SignalTable(catalog: .builtIn)
        let features = FeatureExtractor.extract(document.text, markdown: document.markdown, signals: table)
        return features.hits.map { (table.signals[Int($0.signal)].label, document.text.string(in: $0.range)) }
    }

    @Test func longerPhrasesReplaceTheShorterOnesTheyContain() {
        let found = hits("Set the port in `app-config.yaml` and install the helm chart.\n")
        #expect(found.map(\.0).contains("app-config.yaml"))
        #expect(!found.map(\.0).contains("app-config"))
        #expect(found.contains { $0 == ("helm chart", "helm chart") })
        #expect(!found.contains { $0.0 == "helm" })
    }

    @Test func gapPhrasesAndScopes() {
        let found = hits("Open the Catalog page and click **Register**.\n\n```ts\nconst click = 1;\n```\n")
        #expect(found.contains { $0 == ("open … page", "Open the Catalog page") })
        // `click` in code is not a UI verb.
        #expect(found.filter { $0.0 == "click" }.count == 1)
        #expect(found.contains { $0.0 == "ts code" })
    }

    @Test func aWalkThroughOfTheScreenReadsAsAnEndUser() {
        let found = hits("""
        Type in a name for the project. You should see the summary screen; press `Create` to finish.
        The same form is in the UI under Settings. Run `press` in a shell? That is code, not a key.

        """)
        #expect(found.map(\.0) == ["type in", "you should see", "screen", "press", "form", "in the ui"])
        #expect(found.map(\.1) == ["Type in", "You should see", "screen", "press", "form", "in the UI"])
    }

    @Test func glossaryTermsBecomeTermsOfTheirPart() {
        let text = "# Page\n\nThe Service Catalog lists services.\n\n## Later\n\nThe Service Catalog again.\n"
        let document = WorkspaceDocument(path: "page.md", text: SourceText(text))
        let term = "service catalog".hashValueFNV
        let first = 12..<27, second = 59..<74
        #expect(document.text.string(in: first) == "Service Catalog" && document.text.string(in: second) == "Service Catalog")
        let uses = [FeatureExtractor.GlossaryUse(range: first, term: term), FeatureExtractor.GlossaryUse(range: second, term: term)]
        let key = term ^ PlacementTokenizer.glossarySalt
        let features = FeatureExtractor.extract(document.text, markdown: document.markdown, signals: SignalTable(catalog: .builtIn), glossaryUses: uses, glossaryWeight: 2)
        #expect(features.parts.indices.map { features.weight(of: key, inPart: $0) } == [2, 2])
        #expect(features.weight(of: key) == 4)
        let raw = FeatureExtractor.extractRaw(document.text, markdown: document.markdown, signals: SignalTable(catalog: .builtIn), glossaryUses: uses, glossaryWeight: 2)
        #expect(PageFeatures.sum(raw.parts)[key]?.firstStart == 12)
        let without = FeatureExtractor.extract(document.text, markdown: document.markdown, signals: SignalTable(catalog: .builtIn), glossaryUses: uses, glossaryWeight: 0)
        #expect(without.weight(of: key) == nil)
    }

    @Test func environmentVariablesAndReactComponentsInCode() {
        let found = hits("""
        ```yaml
        auth:
          clientSecret: ${GITHUB_CLIENT_SECRET}
        ```

        ```tsx
        const MAX_ITEMS = 3;
        export const Page = () => <EntityLayout><Grid /></EntityLayout>;
        ```

        """)
        #expect(found.filter { $0.0 == "env vars" }.map(\.1) == ["GITHUB_CLIENT_SECRET"])
        #expect(found.filter { $0.0 == "React components" }.map(\.1) == ["EntityLayout", "Grid", "EntityLayout"])
    }

    /// A TypeScript type argument is no JSX element (review: `Promise<PolicyDecision>` counted as React
    /// components five times on a page without React); an element after `(`, `=`, `>` or a space is.
    @Test func typeArgumentsAreNotReactComponents() {
        let found = hits("""
        ```ts
        async function handle(): Promise<PolicyDecision> { return decide<Rule>(items[0]<Limit ? a : b); }
        const list: Array<Entity> = useState<Entity>([]);
        const page = (<EntityLayout>{cond && <Grid />}</EntityLayout>);
        ```

        """)
        #expect(found.filter { $0.0 == "React components" }.map(\.1) == ["EntityLayout", "Grid", "EntityLayout"])
    }
}
