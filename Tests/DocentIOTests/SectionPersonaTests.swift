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
}
