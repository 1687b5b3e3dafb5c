import DocentCore
import DocentIO
import Foundation
import Testing
@testable import DocentLSP

/// Configuration problems through the `docent` binary: what stderr says, and the exit status.
@Suite(.serialized) struct ConfigurationProblemCommandTests {
    @Test func aFolderNamedDocentJSONExitsWithAConfigurationError() throws {
        let root = try CheckCommandTests.workspace(["docent.json/readme.txt": "", "docs/page.md": "# Page\n\nOpen Dochub.\n",
                                                    "docs/glossary.md": "# Glossary\n\n## DocHub\n\nThe viewer.\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try CheckCommandTests.run(["check", "."], in: root)
        #expect(run.stderr == "docent.json:1:1: error: cannot read the configuration file: Is a directory\n")
        #expect(run.stdout == "")
        #expect(run.status == 2)
    }

    @Test func aGlossaryOutsideIncludeIsReadAndCheckedByTheGlossaryRules() throws {
        let root = try CheckCommandTests.workspace([
            "docent.json": #"{ "include": ["docs/**/*.md"], "glossaries": ["glossary.md"] }"#,
            "glossary.md": "# Glossary\n\n## DocHub\n\nThe docs viewer.\n\n## Empty\n", "docs/page.md": "# Page\n\nOpen Dochub.\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let check = try CheckCommandTests.run(["check", "--strict", "."], in: root)
        #expect(check.stdout == "docs/page.md:3:6: warning[term-casing] Write “DocHub”, not “Dochub”\n"
                + "glossary.md:7:4: warning[glossary-empty] “Empty” has no definition\n0 errors, 2 warnings, 0 infos, 0 hints in 2 files (2 checked)\n")
        #expect(check.stderr == "")
        #expect(check.status == 1)
        let terms = try CheckCommandTests.run(["terms", "."], in: root)
        #expect(terms.stdout == "DocHub  (glossary.md:3)\nEmpty  (glossary.md:7)\n2 entries in 1 glossary file: glossary.md\n")
        #expect(terms.status == 0)
    }
}

extension ConfigurationProblemCommandTests {
    @Test func aGlossaryEntryThatMatchesNoFileIsAWarning() throws {
        let root = try CheckCommandTests.workspace([
            "docent.json": #"{ "glossaries": ["glosary.md"] }"#,
            "glossary.md": "# Glossary\n\n## DocHub\n\nThe docs viewer.\n", "docs/page.md": "# Page\n\nOpen Dochub.\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try CheckCommandTests.run(["check", "."], in: root)
        #expect(run.stderr == "docent.json:1:18: warning: Glossary \"glosary.md\" matches no file\n")
        #expect(run.stdout == "0 errors, 0 warnings, 0 infos, 0 hints in 0 files (2 checked), plus 1 configuration warning\n")
        #expect(run.status == 0)
    }
}

extension ConfigurationProblemCommandTests {
    /// A typo in a section's persona used to turn placement off for the section without a word.
    @Test func anUnknownSectionPersonaExitsWithAConfigurationError() throws {
        let root = try CheckCommandTests.workspace([
            "docent.json": "{\n  \"sections\": [{ \"path\": \"docs/user-guides\", \"persona\": \"end-usr\" }]\n}\n",
            "docs/user-guides/page.md": "# Page\n\nClick Save.\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try CheckCommandTests.run(["check", "."], in: root)
        #expect(run.stderr == "docent.json:2:57: error: Unknown persona \"end-usr\"; known personas: end-user (User), administrator (Operator, Admin), "
            + "integrator (Builder, Plugin Developer), contributor (Maintainer), business-stakeholder (Product Manager, Business, Stakeholder), evaluator, "
            + "or \"any\" for a section for every reader\n")
        #expect(run.stdout == "")
        #expect(run.status == 2)
    }
}

extension ConfigurationProblemCommandTests {
    /// Configuration that used to be accepted without a word (`repro/13-config-accepted-silently.sh`).
    @Test(arguments: [
        (#"{"sections": [{"path": "docs", "persona": "end-user"}, {"path": "docs", "persona": "administrator"}]}"#,
         "docent.json:1:65: warning: Section \"docs\" is configured twice; the first entry (line 1, column 24) applies and this one is ignored\n", 1, 1),
        (#"{"overrides": [{"files": ["docs/**"]}]}"#,
         "docent.json:1:16: warning: An override needs \"files\" and \"rules\"; without \"rules\" it changes nothing\n", 1, 1),
        (#"{"include": []}"#, "docent.json:1:13: warning: \"include\" is empty, so no file is checked\n", 0, 1),
        (#"{"personas": [{"id": "administrator", "signals": ["helm*lots"]}]}"#,
         "docent.json:1:51: error: The signal \"helm*lots\" has a malformed weight \"lots\": after \"*\" comes a positive number, as in \"helm*3\"\n", nil, 2),
    ] as [(String, String, Int?, Int32)])
    func configurationThatDoesNothingIsSaid(_ configuration: String, _ stderr: String, _ checked: Int?, _ status: Int32) throws {
        let root = try CheckCommandTests.workspace(["docent.json": configuration, "docs/page.md": "# Page\n\nPlain text.\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try CheckCommandTests.run(["check", "--strict", "."], in: root)
        #expect(run.stderr == stderr)
        // Under --strict a configuration warning fails the check, as a warning in a page does.
        #expect(run.stdout == checked.map { "0 errors, 0 warnings, 0 infos, 0 hints in 0 files (\($0) checked), plus 1 configuration warning\n" } ?? "")
        #expect(run.status == status)
    }

    @Test func sectionsListsADoubledFolderOnce() throws {
        let root = try CheckCommandTests.workspace([
            "docent.json": #"{"sections": [{"path": "docs", "persona": "end-user"}, {"path": "docs", "persona": "administrator"}]}"#,
            "docs/page.md": "# Page\n\nPlain text.\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try CheckCommandTests.run(["sections", "--json", "."], in: root)
        let sections = try #require(try JSONParser.parse(Array(run.stdout.utf8)).arrayValue)
        #expect(sections.map { $0["path"] } == ["docs"])
        #expect(sections.map { $0["personas"] } == [["end-user"]])
        #expect(run.status == 0)
    }
}

/// Configuration problems in the language server: logged, shown once, and diagnostics on the file.
@Suite struct ConfigurationProblemServerTests {
    @Test func aFolderNamedDocentJSONIsReportedLikeOtherConfigurationErrors() throws {
        let client = try TestClient(files: ["docent.json/readme.txt": "", "docs/page.md": "# Page\n\nOpen Dochub.\n"])
        let diagnostics = try #require(client.publishedDiagnostics("docent.json")?["diagnostics"]?.arrayValue)
        #expect(diagnostics == [["range": ["start": ["line": 0, "character": 0], "end": ["line": 0, "character": 0]], "severity": 1, "source": "docent",
                                 "code": "configuration", "message": "cannot read the configuration file: Is a directory"]])
        #expect(client.notifications("window/showMessage").compactMap { $0["params"]?["message"]?.stringValue } ==
            ["Docent: docent.json:1:1: cannot read the configuration file: Is a directory (no valid configuration was read before: the defaults stand in for what cannot be read)"])
    }
}

/// A glossary that `include` leaves out, in the language server: read, followed on disk and in the
/// editor, and checked by the glossary rules alone.
@Suite struct ConfiguredGlossaryServerTests {
    static let glossary = "# Glossary\n\n## DocHub\n\nThe docs viewer.\n\n## Empty\n"
    static let page = "# Page\n\nOpen Dochub.\n"
    static let files = [
        "docent.json": #"{ "include": ["docs/**/*.md"], "glossaries": ["glossary.md"] }"#,
        "glossary.md": glossary, "docs/page.md": page,
    ]

    @Test func aGlossaryOutsideIncludeServesThePagesAndFollowsItsChanges() throws {
        let client = try TestClient(files: Self.files)
        client.open("docs/page.md", Self.page)
        #expect(client.pushed("docs/page.md") == ["term-casing/2"])
        let reports = try client.request("workspace/diagnostic", ["previousResultIds": []])["items"]?.arrayValue ?? []
        #expect(reports.compactMap { $0["uri"]?.stringValue } == [client.uri("docs/page.md"), client.uri("glossary.md")])
        #expect(reports.last?["items"]?.arrayValue?.map { $0["code"] } == ["glossary-empty"])
        // Changed on disk: read again.
        try client.writeFile("glossary.md", "# Glossary\n\n## Pagebook\n\nAnother tool.\n")
        #expect(client.pushed("docs/page.md") == [])
        // Opened in the editor: its buffer is the glossary, and it gets the glossary rules' findings.
        client.open("glossary.md", Self.glossary)
        #expect(client.pushed("glossary.md") == ["glossary-empty/2"])
        #expect(client.pushed("docs/page.md") == ["term-casing/2"])
        client.replace("glossary.md", with: "# Glossary\n\n## Empty\n", version: 2)
        #expect(client.pushed("docs/page.md") == [])
        #expect(client.pushed("glossary.md") == ["glossary-empty/2"])
    }

    @Test func aGlossaryOutsideIncludeGetsTheGlossaryRulesWhenPulled() throws {
        let client = try TestClient(files: Self.files, capabilities: ["textDocument": ["diagnostic": [:]]])
        client.open("glossary.md", Self.glossary)
        let report = try client.request("textDocument/diagnostic", ["textDocument": ["uri": .string(client.uri("glossary.md"))]])
        #expect(report["items"]?.arrayValue?.map { $0["code"] } == ["glossary-empty"])
        let page = try client.request("textDocument/diagnostic", ["textDocument": ["uri": .string(client.uri("docs/page.md"))]])
        #expect(page["items"]?.arrayValue?.map { $0["code"] } == ["term-casing"])
    }
}

extension ConfiguredGlossaryServerTests {
    /// The warning about a `glossaries` entry that matches no file comes and goes with the file.
    @Test func anUnmatchedGlossaryEntryIsAWarningUntilTheFileExists() throws {
        let client = try TestClient(files: ["docent.json": #"{ "glossaries": ["glossary.md"] }"#, "docs/page.md": Self.page])
        client.open("docs/page.md", Self.page)
        let warning: JSONValue = ["range": ["start": ["line": 0, "character": 17], "end": ["line": 0, "character": 30]], "severity": 2, "source": "docent",
                                  "code": "configuration", "message": "Glossary \"glossary.md\" matches no file"]
        #expect(client.publishedDiagnostics("docent.json")?["diagnostics"] == [warning])
        #expect(client.pushed("docs/page.md") == [])
        try client.writeFile("glossary.md", Self.glossary)
        #expect(client.publishedDiagnostics("docent.json")?["diagnostics"] == [])
        #expect(client.pushed("docs/page.md") == ["term-casing/2"])
        try FileManager.default.removeItem(at: client.root.appendingPathComponent("glossary.md"))
        client.notify("workspace/didChangeWatchedFiles", ["changes": [["uri": .string(client.uri("glossary.md")), "type": 3]]])
        #expect(client.publishedDiagnostics("docent.json")?["diagnostics"] == [warning])
        #expect(client.pushed("docs/page.md") == [])
        // A warning is logged, never shown as a message.
        #expect(client.notifications("window/showMessage") == [])
        // Reconfigured to a file that exists: no warning.
        try client.writeFile("glossary.md", Self.glossary)
        try client.writeFile("docent.json", #"{ "glossaries": ["glossary.md", "more.md"] }"#)
        #expect(client.publishedDiagnostics("docent.json")?["diagnostics"]?.arrayValue?.map { $0["message"] } == ["Glossary \"more.md\" matches no file"])
    }

    /// So does the warning about a section whose folder holds no file, with no glossary configured.
    @Test func anEmptySectionIsAWarningUntilAFileArrives() throws {
        let configuration = #"{ "sections": [{ "path": "guides", "persona": "end-user" }, { "path": "ops", "persona": "administrator" }] }"#
        let client = try TestClient(files: ["docent.json": configuration, "guides/page.md": Self.page])
        client.open("guides/page.md", Self.page)
        #expect(client.publishedDiagnostics("docent.json")?["diagnostics"]?.arrayValue?.map { $0["message"] }
                == [#"Section "ops" holds no file the workspace reads: the folder is missing, empty or left out by include and exclude"#])
        try FileManager.default.createDirectory(at: client.root.appendingPathComponent("ops"), withIntermediateDirectories: true)
        try "# Running\n\nRun it.\n".write(to: client.root.appendingPathComponent("ops/run.md"), atomically: true, encoding: .utf8)
        client.notify("workspace/didChangeWatchedFiles", ["changes": [["uri": .string(client.uri("ops/run.md")), "type": 1]]])
        #expect(client.publishedDiagnostics("docent.json")?["diagnostics"] == [])
    }
}
