import DocentCore
import Testing
@testable import DocentIO

/// `line:column severity message` for each problem of a configuration text, and the configuration.
private func load(_ json: String) -> (Configuration, [String]) {
    let (configuration, problems) = ConfigurationLoader.load(Array(json.utf8), file: "docent.json")
    return (configuration, problems.map { "\($0.line):\($0.column) \($0.isError ? "error" : "warning") \($0.message)" })
}

/// Configuration that used to be accepted without a word although it does nothing, or not what it says.
@Suite struct QuietConfigurationTests {
    /// The first entry for a folder applies (as it did: the lookup took the first); later ones are
    /// ignored, so `docent sections` no longer lists a section that can hold no page.
    @Test func aSecondSectionForTheSameFolderIsIgnoredAndSaid() {
        let (configuration, problems) = load("""
            {
              "sections": [
                { "path": "docs", "persona": "end-user" },
                { "path": "guides", "persona": "integrator" },
                { "path": "./docs/", "title": "Again", "persona": "administrator" },
                { "path": "docs/a/..", "persona": "wizard" }
              ]
            }
            """)
        #expect(problems == [
            "5:15 warning Section \"./docs/\" is configured twice; the first entry (line 3, column 15) applies and this one is ignored",
            "6:15 warning Section \"docs/a/..\" is configured twice; the first entry (line 3, column 15) applies and this one is ignored",
        ])
        #expect(configuration.sections == [
            SectionConfiguration(path: "docs", personas: ["end-user"]),
            SectionConfiguration(path: "guides", personas: ["integrator"]),
        ])
    }

    @Test func theRootSectionIsOneFolderHoweverWritten() {
        let (_, problems) = load(#"{"sections": [{"path": ".", "persona": "any"}, {"path": "./", "persona": "end-user"}]}"#)
        #expect(problems == ["1:57 warning Section \"./\" is configured twice; the first entry (line 1, column 24) applies and this one is ignored"])
    }

    @Test func anOverrideWithoutRulesIsAWarning() {
        let (configuration, problems) = load("{\n  \"overrides\": [{ \"files\": [\"docs/**\"] }, { \"files\": \"x/**\", \"rules\": {} }]\n}")
        #expect(problems == ["2:17 warning An override needs \"files\" and \"rules\"; without \"rules\" it changes nothing"])
        #expect(configuration.overrides == [RuleOverride(files: ["docs/**"], rules: [:]), RuleOverride(files: ["x/**"], rules: [:])])
    }

    @Test func anEmptyIncludeIsAWarning() {
        let (configuration, problems) = load("{\n  \"include\": []\n}")
        #expect(problems == ["2:14 warning \"include\" is empty, so no file is checked"])
        #expect(configuration.include == [])
        #expect(load(#"{"include": ["docs/**"]}"#).1 == [])
    }

    @Test func aMalformedSignalWeightIsAnErrorAtTheSignal() {
        let (configuration, problems) = load("""
            {
              "personas": [
                { "id": "administrator", "signals": ["helm*lots", "kubectl*3", "lang:hcl*0.5", "terraform*0", "chart*-2", "oops*", "helm*nan"] },
                { "id": "data-scientist", "signals": "notebook*many" }
              ]
            }
            """)
        let rule = "after \"*\" comes a positive number, as in \"helm*3\""
        #expect(problems == [
            "3:42 error The signal \"helm*lots\" has a malformed weight \"lots\": \(rule)",
            "3:84 error The signal \"terraform*0\" has a malformed weight \"0\": \(rule)",
            "3:99 error The signal \"chart*-2\" has a malformed weight \"-2\": \(rule)",
            "3:111 error The signal \"oops*\" has a malformed weight \"\": \(rule)",
            "3:120 error The signal \"helm*nan\" has a malformed weight \"nan\": \(rule)",
            "4:42 error The signal \"notebook*many\" has a malformed weight \"many\": \(rule)",
        ])
        #expect(configuration.personas.map(\.signals) == [["kubectl*3", "lang:hcl*0.5"], []])
    }

    @Test func signalWeights() {
        #expect(PersonaCatalog.malformedWeight(in: "helm") == nil)
        #expect(PersonaCatalog.malformedWeight(in: "helm*3") == nil)
        #expect(PersonaCatalog.malformedWeight(in: "a*b*2.5") == nil)
        #expect(PersonaCatalog.malformedWeight(in: "helm*lots") == "lots")
        #expect(PersonaCatalog.malformedWeight(in: "helm*inf") == "inf")
        let catalog = PersonaCatalog(configuration: [PersonaConfiguration(id: "administrator", signals: ["code:kubectl*3", "helm*nan"])])
        let added = catalog.persona(named: "administrator")!.signals.suffix(2)
        #expect(added.map(\.phrase) == ["kubectl", "helm*nan"])
        #expect(added.map(\.weight) == [3, 2])
    }
}
