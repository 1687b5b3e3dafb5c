import DocentIO
import Foundation
import Testing

/// `docent classify` and `docent sections` through the built binary, on a copy of `fixtures/portal`.
@Suite(.serialized) struct PlacementCommandTests {
    /// A copy of `fixtures/portal` with `edits` (path → new text from the old) applied.
    static func portal(_ edits: [String: (String) -> String] = [:]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("docent-portal-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: EndToEndTests.repositoryRoot.appendingPathComponent("fixtures/portal"), to: root)
        for (path, edit) in edits {
            let url = root.appendingPathComponent(path)
            let text = try String(contentsOf: url, encoding: .utf8)
            try edit(text).write(to: url, atomically: true, encoding: .utf8)
        }
        return root
    }

    /// Adds `persona: <id>` to a fixture page's front matter (after its `id:` line).
    static func declaring(_ persona: String) -> (String) -> String {
        { text in
            guard let end = text.range(of: "\n", range: text.range(of: "\nid: ")!.upperBound..<text.endIndex) else { return text }
            return text.replacingCharacters(in: end, with: "\npersona: \(persona)\n")
        }
    }

    static func line(_ prefix: String, in output: String) -> String? {
        output.split(separator: "\n", omittingEmptySubsequences: false).first { $0.hasPrefix(prefix) }.map(String.init)
    }

    @Test func classifyAgreesWithCheckOnDeclaredPersonas() throws {
        let mismatched = "docs/portal/user-guides/logging-in.md"
        let quieted = "docs/portal/user-guides/deploy-search-backend.md"
        let root = try Self.portal([mismatched: Self.declaring("administrator"), quieted: Self.declaring("end-user")])
        defer { try? FileManager.default.removeItem(at: root) }
        let check = try CheckCommandTests.run(["check", "docs/portal/user-guides"], in: root)
        #expect(check.stdout.contains("logging-in.md:3:10: error[persona-mismatch] Declares persona Administrator but sits in Developer Portal › User Guides (End User)."))
        #expect(!check.stdout.contains("deploy-search-backend.md"))
        let first = try CheckCommandTests.run(["classify", mismatched], in: root)
        #expect(first.status == 0)
        #expect(Self.line("  verdict:", in: first.stdout)
                == "  verdict:   persona-mismatch — declares Administrator, but Developer Portal › User Guides is for End User (docent check reports it)")
        let second = try CheckCommandTests.run(["classify", quieted], in: root)
        #expect(Self.line("  declared:", in: second.stdout) == "  declared:  End User")
        // Evaluator has no section in the portal: left out of "reads as".
        #expect(Self.line("  reads as:", in: second.stdout)
                == "  reads as:  Administrator 84 % · Integrator 4 % · End User 3 % · Contributor 3 % · Business Stakeholder 3 %  (183 words of prose)")
        #expect(Self.line("  verdict:", in: second.stdout)
                == "  verdict:   declares End User, which keeps it quiet: it reads as Administrator (84 %) and would otherwise be flagged misplaced")
    }

    @Test func tablesNeverCutALongTitleIntoTheNextColumn() throws {
        let long = "Developer Portal › Operator Guides › Running Harbor in Production"
        let root = try Self.portal(["docent.json": { $0.replacingOccurrences(of: "\"title\": \"Developer Portal › Operator Guides\"", with: "\"title\": \"\(long)\"") }])
        defer { try? FileManager.default.removeItem(at: root) }
        let sections = try CheckCommandTests.run(["sections"], in: root)
        #expect(sections.status == 0)
        #expect(sections.stdout == """
            Sections of . (configured in docent.json):

              docs/access                        Reference › Access                                                 any                   1 page
              docs/framework/builder-guides      Framework › Builder Guides                                         Integrator            10 pages  1 misplaced
              docs/framework/contributor-guides  Framework › Contributor Guides                                     Contributor           6 pages
              docs/portal/business               Developer Portal › Business Stakeholder Guides                     Business Stakeholder  6 pages
              docs/portal/operator-guides        Developer Portal › Operator Guides › Running Harbor in Production  Administrator         10 pages  1 persona mismatch
              docs/portal/overview               Developer Portal › Overview                                        any                   3 pages
              docs/portal/user-guides            Developer Portal › User Guides                                     End User              10 pages  1 misplaced · 1 misplaced part
              docs/reference                     Reference                                                          any                   7 pages
              docs/search                        Reference › Search                                                 any                   1 page
              (no section)                                                                                                                2 pages

            """)
        let classify = try CheckCommandTests.run(["classify", "docs/portal/user-guides/deploy-search-backend.md"], in: root)
        let affinities = classify.stdout.components(separatedBy: "\n\nAffinity with each section's other pages (learned log-odds, higher is closer):\n").last?
            .components(separatedBy: "\n\n").first
        #expect(affinities == """
              \(long)  6.96
              Framework › Builder Guides                                         2.37
              Framework › Contributor Guides                                     1.47
              Developer Portal › User Guides                                     1.44
              Developer Portal › Business Stakeholder Guides                     1.22
            """)
        #expect(classify.stdout.contains("\n  Administrator  helm ×4                  +4.2  lines 13, 19, 20, 22\n"))
    }

    /// A section labelled with the wrong persona is questioned as a whole: its pages are compared with
    /// each other, so no page of it is flagged, but their built-in signals lead with another persona
    /// (review: a TechDocs folder labelled End User "read as End User 83 %" on setup pages).
    @Test func aSectionMostOfWhosePagesCarryAnotherPersonasSignalsIsQuestioned() throws {
        let root = try Self.portal(["docent.json": {
            $0.replacingOccurrences(of: "\"title\": \"Developer Portal › Operator Guides\", \"persona\": \"administrator\"",
                                    with: "\"title\": \"Developer Portal › Operator Guides\", \"persona\": \"end-user\"")
        }])
        defer { try? FileManager.default.removeItem(at: root) }
        let sections = try CheckCommandTests.run(["sections"], in: root)
        #expect(sections.stdout.hasSuffix("""
              (no section)                                                                                             2 pages

            Developer Portal › Operator Guides is for End User, but 10 of its 10 pages carry mostly Administrator signals: \
            if it is written for Administrator, say so in docent.json (pages are compared with their section's own pages, \
            so a section's persona is not questioned page by page).

            """))
        let (_, report) = try EndToEndTests.runJSON(["sections", "--json", root.path])
        let row = try #require(report.arrayValue?.first { $0["path"] == "docs/portal/operator-guides" })
        #expect(row["signalsSuggest"] == "administrator")
        #expect(row["signalLeads"]?["administrator"] == 10)
        // Correctly labelled, no section is questioned.
        let (_, fixture) = try EndToEndTests.runJSON(["sections", "--json", EndToEndTests.repositoryRoot.appendingPathComponent("fixtures/portal").path])
        #expect(fixture.arrayValue?.allSatisfy { $0["signalsSuggest"] == .null } == true)
    }

    @Test func sectionsJSONGivesPersonasAlwaysAsAnArray() throws {
        let (status, report) = try EndToEndTests.runJSON(["sections", "--json", EndToEndTests.repositoryRoot.appendingPathComponent("fixtures/portal").path])
        #expect(status == 0)
        let rows = try #require(report.arrayValue)
        #expect(rows.first { $0["path"] == "docs/access" }.map { [$0["personas"], $0["everyone"]] } == [[], true])
        #expect(rows.first { $0["path"] == "docs/portal/user-guides" }.map { [$0["personas"], $0["everyone"]] } == [["end-user"], false])
        // The pages in no section: a row with the same keys.
        let unplaced = try #require(rows.first { $0["path"] == .null })
        #expect(unplaced["title"] == .null && unplaced["personas"] == [] && unplaced["everyone"] == false && unplaced["inferred"] == false)
        #expect(Set(unplaced.objectValue?.keys ?? []) == Set(rows[0].objectValue?.keys ?? []))
        #expect((unplaced["pages"]?.doubleValue ?? 0) > 0)
        let (_, page) = try EndToEndTests.runJSON(["classify", "--json", EndToEndTests.repositoryRoot.appendingPathComponent("fixtures/portal/docs/reference/roles.md").path])
        #expect(page["section"]?["personas"] == [] && page["section"]?["everyone"] == true)
        // A section for everyone is not judged: no verdict.
        #expect(page["verdict"] == .null && page["verdictText"] == .null)
    }

    @Test func classifySaysWhyALeadingPersonaDoesNotWarn() throws {
        let run = try CheckCommandTests.run(["classify", "docs/framework/builder-guides/local-development.md"], in: EndToEndTests.repositoryRoot.appendingPathComponent("fixtures/portal"))
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).prefix(5).map(String.init)
        #expect(lines == [
            "docs/framework/builder-guides/local-development.md",
            "  section:   Framework › Builder Guides (docs/framework/builder-guides/) · Integrator",
            "  reads as:  Administrator 50 % · Integrator 24 % · Contributor 14 % · End User 5 % · Business Stakeholder 3 %  (264 words of prose)",
            "  verdict:   fits its section (or the evidence is too weak to say otherwise)",
            "             Administrator leads, but not clearly enough to warn (needs 30 % and 2× the section's share with the section at most 15 %, or 60 % and 5×).",
        ])
        // --json says the same, with the verdict's code.
        let (_, json) = try EndToEndTests.runJSON(["classify", "--json", EndToEndTests.repositoryRoot.appendingPathComponent("fixtures/portal/docs/framework/builder-guides/local-development.md").path])
        #expect(json["verdict"] == "fits")
        #expect(json["verdictText"]?.stringValue == String(lines[3].dropFirst("  verdict:   ".count)))
        #expect(json["whyNoWarning"]?.stringValue == lines[4].trimmingCharacters(in: .whitespaces))
    }

    /// The verdict codes for a declared persona its section does not serve and for a page with one
    /// part written for another audience: the diagnostics `docent check` gives them.
    @Test func classifyJSONVerdictCodes() throws {
        let root = EndToEndTests.repositoryRoot.appendingPathComponent("fixtures/portal")
        let (_, mismatch) = try EndToEndTests.runJSON(["classify", "--json", root.appendingPathComponent("docs/portal/operator-guides/search-tuning.md").path])
        #expect(mismatch["verdict"] == "persona-mismatch")
        #expect(mismatch["verdictText"]?.stringValue?.hasPrefix("persona-mismatch — declares End User, but Developer Portal › Operator Guides is for Administrator") == true)
        let (_, part) = try EndToEndTests.runJSON(["classify", "--json", root.appendingPathComponent("docs/portal/user-guides/finding-owners.md").path])
        #expect(part["verdict"] == "misplaced-section")
        #expect(part["finding"] == .null)
        #expect(part["parts"]?.arrayValue?.compactMap { $0["finding"]?["suggestedPersona"]?.stringValue } == ["administrator"])
    }
}
