import DocentCore
import Testing
@testable import DocentIO

/// `line:column severity message` for each problem of a configuration text.
private func problems(_ json: String) -> [String] {
    ConfigurationLoader.load(Array(json.utf8), file: "docent.json").1.map { "\($0.line):\($0.column) \($0.isError ? "error" : "warning") \($0.message)" }
}

/// A section persona that names no persona is a configuration error at the name, as an unknown
/// persona in front matter is a `persona-mismatch` error.
@Suite struct SectionPersonaTests {
    static let builtInNames = "end-user (User), administrator (Operator, Admin), integrator (Builder, Plugin Developer), contributor (Maintainer), "
        + "business-stakeholder (Product Manager, Business, Stakeholder), evaluator"

    @Test func anUnknownPersonaIsAnErrorAtTheName() {
        #expect(problems("""
            {
              "sections": [
                { "path": "docs/user-guides", "persona": "end-usr" },
                { "path": "docs/admin", "personas": ["operator", "wizard"] }
              ]
            }
            """) == [
                "3:46 error Unknown persona \"end-usr\"; known personas: \(Self.builtInNames), or \"any\" for a section for every reader",
                "4:54 error Unknown persona \"wizard\"; known personas: \(Self.builtInNames), or \"any\" for a section for every reader",
            ])
    }

    /// The list is front matter's (`persona-mismatch`).
    @Test func theMessageNamesThePersonasAsFrontMatterDoes() {
        #expect(PersonaMismatchRule.knownPersonas(PersonaCatalog.builtIn) == Self.builtInNames)
    }

    @Test func knownIdsAliasesTitlesAndEveryoneAreAccepted() {
        #expect(problems(#"{"sections": [{"path": "a", "persona": "End User"}, {"path": "b", "persona": ["admin", "Builders"]}, {"path": "c", "persona": "any"}, {"path": "d", "persona": "ALL"}]}"#) == [])
    }

    @Test func configuredPersonasAndTheirAliasesAreKnown() {
        let json = #"{"sections": [{"path": "a", "persona": "data-scientist"}, {"path": "b", "persona": "analyst"}, {"path": "c", "persona": "sre"}], "#
            + #""personas": [{"id": "data-scientist", "aliases": ["Analyst"]}, {"id": "administrator", "aliases": ["SRE"]}]}"#
        #expect(problems(json) == [])
        // Named with the configured personas too.
        let unknown = problems(#"{"sections": [{"path": "a", "persona": "chemist"}], "personas": [{"id": "data-scientist", "aliases": ["Analyst"]}]}"#)
        #expect(unknown == ["1:40 error Unknown persona \"chemist\"; known personas: \(Self.builtInNames), data-scientist (Analyst), or \"any\" for a section for every reader"])
    }

    /// A name belongs to one persona: a configured persona's alias or title that already names another
    /// is an error at the name, and the other persona keeps it (it does not become the new one).
    @Test func aNameOfAnotherPersonaIsAnErrorAndStaysWithIt() throws {
        let json = #"{"personas": [{"id": "data-scientist", "title": "Data Scientist", "aliases": ["Analyst", "Admin"]}, {"id": "sre", "title": "Operator"}]}"#
        #expect(problems(json) == [
            "1:90 error \"Admin\" already names the persona Administrator (administrator); a name belongs to one persona",
            "1:124 error \"Operator\" already names the persona Administrator (administrator); a name belongs to one persona",
        ])
        let configuration = ConfigurationLoader.load(Array(json.utf8), file: "docent.json").0
        let catalog = PersonaCatalog(configuration: configuration.personas)
        let administrator = try #require(catalog.persona(named: "Admin"))
        #expect(administrator.id == "administrator" && administrator.title == "Administrator")
        #expect(catalog.persona(named: "data-scientist")?.aliases == ["Analyst"])
        #expect(catalog.persona(named: "Operator")?.id == "administrator")
        #expect(catalog.persona(named: "sre")?.title == "Sre")
        // Extending a persona by its id or alias may repeat its own names, but not take another's.
        #expect(problems(#"{"personas": [{"id": "operator", "title": "Admin", "aliases": ["Admin", "SRE"]}]}"#) == [])
        #expect(problems(#"{"personas": [{"id": "administrator", "title": "Contributor"}]}"#)
                == ["1:48 error \"Contributor\" already names the persona Contributor (contributor); a name belongs to one persona"])
        #expect(PersonaCatalog(configuration: [PersonaConfiguration(id: "administrator", title: "Contributor")]).personas.map(\.title).contains("Administrator"))
    }

    @Test func aPersonaConfiguredTwiceOrNamedAnyOrLookingForNothingIsReported() {
        #expect(problems("""
            {
              "personas": [
                { "id": "data-scientist", "title": "Data Scientist" },
                { "id": "Data Scientist", "title": "Dup" },
                { "id": "any" },
                { "id": "writer", "signals": ["code:", " ", "prose:click", "lang: *2"], "colour": "red" },
                "editor"
              ]
            }
            """) == [
                "4:13 warning Persona \"Data Scientist\" is configured twice; the first entry (line 3, column 13) applies and this one is ignored",
                "5:13 error \"any\" is no persona id: a section for every reader says \"persona\": \"any\"",
                "6:35 error The signal \"code:\" names no word to look for",
                "6:44 error The signal \" \" names no word to look for",
                "6:64 error The signal \"lang: *2\" names no word to look for",
                "6:77 warning Unknown key \"colour\" in a persona",
                "7:5 error A persona is an object {\"id\", \"title\", \"aliases\", \"signals\"}",
            ])
    }

    @Test func sectionEntriesAreCheckedLikeTheTopLevel() {
        #expect(problems("""
            {
              "sections": [
                "docs/search",
                { "path": 7, "persona": "any" },
                { "path": "a", "title": 5, "Persona": "any", "persona": [] },
                { "path": "b", "persona": ["any", "end-user"] },
                { "path": "c", "persona": "end-user", "personas": ["administrator"] }
              ]
            }
            """) == [
                "3:5 error A section is an object {\"path\", \"title\", \"persona\"}",
                "4:15 error Expected a string",
                "5:29 error Expected a string",
                "5:32 warning Unknown key \"Persona\" in a section (did you mean \"persona\"?)",
                "5:61 error A section needs at least one persona, or \"any\"",
                "6:32 warning \"any\" serves every reader, so the section's other personas are ignored",
                "7:43 warning A section has both \"persona\" and \"personas\"; \"personas\" is ignored",
            ])
    }

    /// A section whose folder holds no file is a warning at its path, as a glossary that matches no
    /// file is; repeated slashes are read as one.
    @Test func aSectionThatHoldsNoFileIsAWarning() {
        let loaded = ConfigurationLoader.read(Array("""
            {
              "sections": [
                { "path": "docs/guides/", "persona": "end-user" },
                { "path": "docs//ops", "persona": "administrator" },
                { "path": "Docs/Guides", "persona": "end-user" },
                { "path": "docs/guides/setup.md", "persona": "end-user" }
              ]
            }
            """.utf8), file: "docent.json")
        #expect(loaded.configuration.sections.map(\.path) == ["docs/guides/", "docs/ops", "Docs/Guides", "docs/guides/setup.md"])
        let problems = loaded.unmatchedPaths(among: ["docs/guides/setup.md", "docs/ops/deploy.md", "README.md"])
        #expect(problems.map { "\($0.line):\($0.column) \($0.message)" } == [
            "5:15 Section \"Docs/Guides\" holds no file the workspace reads: the folder is missing, empty or left out by include and exclude",
            "6:15 Section \"docs/guides/setup.md\" holds no file the workspace reads: the folder is missing, empty or left out by include and exclude",
        ])
    }
}
