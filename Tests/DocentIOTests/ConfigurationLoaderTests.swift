import DocentCore
import Testing
@testable import DocentIO

/// A problem as a test states it: `line:column severity message`, so a whole list compares at once.
private func describe(_ problems: [ConfigurationProblem]) -> [String] {
    problems.map { "\($0.line):\($0.column) \($0.isError ? "error" : "warning") \($0.message)" }
}

private func load(_ json: String) -> (Configuration, [String]) {
    let (configuration, problems) = ConfigurationLoader.load(Array(json.utf8), file: "docent.json")
    #expect(problems.allSatisfy { $0.file == "docent.json" })
    return (configuration, describe(problems))
}

@Suite struct ConfigurationLoaderTests {
    @Test func emptyObjectGivesTheDefaults() {
        let (configuration, problems) = load("{}")
        #expect(problems == [])
        #expect(configuration == Configuration())
        #expect(configuration.include == ["**/*.md", "**/*.mdx"])
    }

    @Test func fullConfiguration() {
        let (configuration, problems) = load("""
            {
              "$schema": "https://example.com/docent.schema.json",
              "include": ["docs/**/*.md"],
              "exclude": "docs/drafts/**",
              "glossaries": ["docs/glossary.md", {"path": "docs/terms/*.md", "format": "term-file"}],
              "rules": {"glossary-empty": "info", "glossary-duplicate": "off", "glossary-dangling-reference": "ERROR", "term-casing": "hint"},
              "overrides": [{"files": ["docs/legacy/**"], "rules": {"glossary-self-definition": "off"}}],
              "sections": [
                {"path": "docs/admin", "persona": "operator"},
                {"path": "./docs/dev", "title": "Developers", "personas": ["plugin developer", "integrator"]}
              ],
              "personas": [{"id": "operator", "title": "Operator", "aliases": ["ops", "sre"], "signals": "kubectl"}],
              "properNames": ["Backstage"]
            }
            """)
        #expect(problems == [])
        #expect(configuration.include == ["docs/**/*.md"])
        #expect(configuration.exclude == ["docs/drafts/**"])
        #expect(configuration.glossaries == [GlossarySource(pattern: "docs/glossary.md"), GlossarySource(pattern: "docs/terms/*.md", format: .termFile)])
        #expect(configuration.rules == [
            "glossary-empty": .severity(.information), "glossary-duplicate": .off,
            "glossary-dangling-reference": .severity(.error), "term-casing": .severity(.hint),
        ])
        #expect(configuration.overrides == [RuleOverride(files: ["docs/legacy/**"], rules: ["glossary-self-definition": .off])])
        #expect(configuration.sections == [
            SectionConfiguration(path: "docs/admin", personas: ["operator"]),
            SectionConfiguration(path: "docs/dev", title: "Developers", personas: ["plugin developer", "integrator"]),
        ])
        #expect(configuration.personas == [PersonaConfiguration(id: "operator", title: "Operator", aliases: ["ops", "sre"], signals: ["kubectl"])])
        #expect(configuration.properNames == ["Backstage"])
    }

    @Test(arguments: [
        ("{\n  \"Include\": []\n}", ["2:3 warning Unknown key \"Include\" (did you mean \"include\"?)"]),
        ("{\"include\": [\"docs/**\"], \"extra\": 1}", ["1:26 warning Unknown key \"extra\""]),
        ("{\n  \"glossaries\": [{\"path\": \"g.md\", \"layout\": \"table\"}]\n}", ["2:35 warning Unknown key \"layout\" in a glossary"]),
        ("{\"rules\": {\"made-up\": \"warning\"}}", ["1:12 warning Unknown rule \"made-up\""]),
        ("{\"rules\": {\"term-casng\": \"off\"}}", ["1:12 warning Unknown rule \"term-casng\" (did you mean \"term-casing\"?)"]),
        // A key written twice: the last is used, and said at the second.
        ("{\n  \"sections\": [{ \"path\": \"docs\", \"persona\": \"end-user\", \"persona\": \"administrator\" }],\n  \"exclude\": [], \"exclude\": [\"x\"]\n}",
         ["2:57 warning \"persona\" is written twice in this object; the last one is used", "3:18 warning \"exclude\" is written twice in this object; the last one is used"]),
    ] as [(String, [String])])
    func unknownKeysAreWarningsInPlace(_ json: String, _ expected: [String]) {
        #expect(load(json).1 == expected)
    }

    @Test(arguments: [
        ("[]", ["1:1 error The configuration must be a JSON object"]),
        ("{\"include\": 3}", ["1:13 error Expected a string or an array of strings"]),
        ("{\"include\": [\"a\", 2]}", ["1:19 error Expected a string"]),
        ("{\n  \"rules\": []\n}", ["2:12 error \"rules\" must be an object of rule codes to severities"]),
        ("{\"rules\": {\"glossary-empty\": \"loud\"}}", ["1:30 error Severity must be \"error\", \"warning\", \"information\", \"hint\" or \"off\""]),
        ("{\"rules\": {\"glossary-empty\": true}}", ["1:30 error Severity must be \"error\", \"warning\", \"information\", \"hint\" or \"off\""]),
        ("{\"overrides\": {}}", ["1:15 error \"overrides\" must be an array"]),
        ("{\"overrides\": [{\"rules\": {}}]}", ["1:16 error An override needs \"files\" and \"rules\""]),
        ("{\"sections\": [{\"path\": \"docs\"}]}", ["1:15 error A section needs a \"persona\""]),
        ("{\"sections\": [{\"persona\": \"x\"}]}", ["1:15 error A section needs a \"path\""]),
        ("{\"personas\": [{\"title\": \"x\"}]}", ["1:15 error A persona needs an \"id\""]),
        ("{\"personas\": [{\"id\": \"\"}, {\"id\": \"sre: oncall\"}, {\"id\": \"#sre\"}, {\"id\": \"True\"}, {\"id\": \"2024\"}]}",
         ["1:22 error The persona id \"\" must be letters (at least one), digits, spaces, \"-\", \"_\" or \".\" and no YAML word such as true or null (as in \"site-reliability\"), because front matter writes it bare; its title may say anything",
          "1:34 error The persona id \"sre: oncall\" must be letters (at least one), digits, spaces, \"-\", \"_\" or \".\" and no YAML word such as true or null (as in \"site-reliability\"), because front matter writes it bare; its title may say anything",
          "1:57 error The persona id \"#sre\" must be letters (at least one), digits, spaces, \"-\", \"_\" or \".\" and no YAML word such as true or null (as in \"site-reliability\"), because front matter writes it bare; its title may say anything",
          "1:73 error The persona id \"True\" must be letters (at least one), digits, spaces, \"-\", \"_\" or \".\" and no YAML word such as true or null (as in \"site-reliability\"), because front matter writes it bare; its title may say anything",
          "1:89 error The persona id \"2024\" must be letters (at least one), digits, spaces, \"-\", \"_\" or \".\" and no YAML word such as true or null (as in \"site-reliability\"), because front matter writes it bare; its title may say anything"]),
        ("{\"glossaries\": [42]}", ["1:17 error A glossary is a path or an object {\"path\", \"format\"}"]),
        ("{\"glossaries\": [{\"format\": \"table\"}]}", ["1:17 error A glossary needs a \"path\""]),
        ("{\"glossaries\": [{\"path\": \"g.md\", \"format\": \"wiki\"}]}",
         ["1:44 error Unknown glossary format \"wiki\"; expected one of: headings, table, term-lines, bullets, definition-list, term-file, abbreviations"]),
    ] as [(String, [String])])
    func wrongTypesAreErrorsInPlace(_ json: String, _ expected: [String]) {
        #expect(load(json).1 == expected)
    }

    /// Ids are written as Docent normalizes them (lower case, one hyphen for spaces and underscores),
    /// so those spellings are fine, and letters beyond ASCII too; a bad id is reported but kept, so
    /// the sections that name it are not reported again.
    @Test func personaIdsThatNormalizeToABareWordAreAccepted() {
        let (configuration, problems) = load("""
        {"personas": [{"id": "site reliability"}, {"id": "Data_Scientist"}, {"id": "développeur"}, {"id": "sre.v2"}, {"id": "on"}],
         "sections": [{"path": "ops", "persona": "site-reliability"}, {"path": "x", "persona": "on"}]}
        """)
        #expect(configuration.personas.map(\.id) == ["site reliability", "Data_Scientist", "développeur", "sre.v2", "on"])
        #expect(PersonaCatalog(configuration: configuration.personas).personas.suffix(5).map(\.id) == ["site-reliability", "data-scientist", "développeur", "sre.v2", "on"])
        #expect(problems.map { $0.split(separator: " ").prefix(2).joined(separator: " ") } == ["1:117 error"])
    }

    /// A refused id is not listed among the known personas when another section names an unknown
    /// one (the list offered "true").
    @Test func aRefusedIdIsNotOfferedAsAKnownPersona() {
        let (_, problems) = load(#"{"personas": [{"id": "true"}, {"id": "sre"}], "sections": [{"path": "ops", "persona": "operatorr"}, {"path": "x", "persona": "true"}]}"#)
        #expect(problems.count == 2)
        let unknown = problems.first { $0.contains("Unknown persona \"operatorr\"") }
        #expect(unknown?.contains("known personas: ") == true && unknown?.contains("sre") == true)
        #expect(unknown?.contains("true") == false)
    }

    @Test func sectionWithoutPersonaIsStillKept() {
        let (configuration, _) = load("{\"sections\": [{\"path\": \"docs\"}]}")
        #expect(configuration.sections == [SectionConfiguration(path: "docs", personas: [])])
    }

    @Test(arguments: [
        ("../outside", "The path \"../outside\" leaves the workspace root; it is refused"),
        ("docs/../../x", "The path \"docs/../../x\" leaves the workspace root; it is refused"),
        ("/etc/docs", "The path \"/etc/docs\" is absolute; paths are relative to the workspace root"),
        ("~/docs", "The path \"~/docs\" is absolute; paths are relative to the workspace root"),
        ("C:/docs", "The path \"C:/docs\" is absolute; paths are relative to the workspace root"),
    ])
    func pathsOutsideTheWorkspaceAreRefused(_ path: String, _ message: String) {
        let (configuration, problems) = load("{\"include\": [\"docs/**\", \"\(path)\"], \"glossaries\": \"\(path)\"}")
        #expect(configuration.include == ["docs/**"])
        #expect(configuration.glossaries == [])
        #expect(problems == ["1:25 error \(message)", "1:\(44 + path.count) error \(message)"])
    }

    @Test func pathsThatStayInsideAreKept() {
        let (configuration, problems) = load(#"{"include": ["./docs/**", "docs/../guides/*.md"], "sections": [{"path": "docs/a/..", "persona": "any"}]}"#)
        #expect(problems == [])
        #expect(configuration.include == ["docs/**", "guides/*.md"])
        #expect(configuration.sections.map(\.path) == ["docs"])
    }

    @Test func invalidJSONIsOneErrorAndTheDefaults() {
        let (configuration, problems) = load("{\n  \"include\": [\"docs/**\",]\n}")
        #expect(problems == ["2:24 error Trailing comma in array"])
        #expect(configuration == Configuration())
    }

    @Test func problemsAreReportedTogether() {
        let (configuration, problems) = load("""
            {
              "includes": [],
              "rules": {"glossary-empty": "loud", "glossary-duplicate": "error"},
              "glossaries": ["../shared/glossary.md", "glossary.md"]
            }
            """)
        // In the order of the file, whatever order the keys are read in.
        #expect(problems == [
            "2:3 warning Unknown key \"includes\"",
            "3:31 error Severity must be \"error\", \"warning\", \"information\", \"hint\" or \"off\"",
            "4:18 error The path \"../shared/glossary.md\" leaves the workspace root; it is refused",
        ])
        #expect(configuration.rules == ["glossary-duplicate": .severity(.error)])
        #expect(configuration.glossaries == [GlossarySource(pattern: "glossary.md")])
    }

    @Test func everyFutureRuleCodeIsAccepted() {
        let rules = RuleCatalog.futureCodes.sorted().map { "\"\($0)\": \"warning\"" }.joined(separator: ", ")
        let (configuration, problems) = load("{\"rules\": {\(rules)}}")
        #expect(problems == [])
        #expect(configuration.rules.count == RuleCatalog.futureCodes.count)
    }
}

/// What a configuration problem underlines in the editor, SARIF and GitHub annotations: the value or
/// key it is about, not the rest of its line (the first of three refused paths underlined all three).
@Suite struct ConfigurationProblemRangeTests {
    static func underlined(_ json: String) -> [String] {
        let text = SourceText(json)
        let (_, problems) = ConfigurationLoader.load(text.bytes, file: "docent.json")
        return problems.map { String(decoding: text.bytes[$0.diagnostic(in: text).range], as: UTF8.self) }
    }

    @Test func eachProblemUnderlinesItsOwnToken() {
        #expect(Self.underlined(#"{"glossaries": ["/etc/passwd", "../outside.md", "docs/a.md"], "includes": ["x"]}"#)
            == [#""/etc/passwd""#, #""../outside.md""#, #""includes""#])
        // A number, a literal, an object on its line, one that runs over lines (its brace alone), and
        // a string with an escaped quote.
        #expect(Self.underlined(#"{"rules": 12, "sections": true}"#) == ["12", "true"])
        #expect(Self.underlined(#"{"rules": {"term-casing": "loud"}, "personas": {"a": [1, "]"]}}"#) == [#""loud""#, #"{"a": [1, "]"]}"#])
        #expect(Self.underlined("{\"personas\": {\n  \"a\": 1\n}}") == ["{"])
        #expect(Self.underlined(#"{"include": ["a\"b/**", 3]}"#) == ["3"])
    }

    /// Escaped quotes inside strings (alone and in an object), an object whose line goes on but whose
    /// brace closes on a later line (its opening brace alone), and a negative number.
    @Test func escapesObjectsOverLinesAndNegativeNumbers() {
        #expect(Self.underlined(#"{"glossaries": ["/etc/\"x"]}"#) == [#""/etc/\"x""#])
        #expect(Self.underlined(#"{"personas": {"a\"]": 1}}"#) == [#"{"a\"]": 1}"#])
        #expect(Self.underlined("{\"personas\": {\"a\":\n 1}}") == ["{"])
        #expect(Self.underlined(#"{"rules": -12}"#) == ["-12"])
    }

    @Test func aSyntaxErrorUnderlinesOneCharacter() {
        #expect(Self.underlined("{\"include\": [\"docs/**\"],\n}") == [","])
        #expect(Self.underlined("{\"include\": [\"docs/**\"] \"exclude\": []}") == [#""exclude""#])
    }
}
