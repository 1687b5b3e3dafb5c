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
}

/// Configuration problems in the language server: logged, shown once, and diagnostics on the file.
@Suite struct ConfigurationProblemServerTests {
    @Test func aFolderNamedDocentJSONIsReportedLikeOtherConfigurationErrors() throws {
        let client = try TestClient(files: ["docent.json/readme.txt": "", "docs/page.md": "# Page\n\nOpen Dochub.\n"])
        let diagnostics = try #require(client.publishedDiagnostics("docent.json")?["diagnostics"]?.arrayValue)
        #expect(diagnostics == [["range": ["start": ["line": 0, "character": 0], "end": ["line": 0, "character": 0]], "severity": 1, "source": "docent",
                                 "code": "configuration", "message": "cannot read the configuration file: Is a directory"]])
        #expect(client.notifications("window/showMessage").compactMap { $0["params"]?["message"]?.stringValue } ==
            ["Docent: docent.json:1:1: cannot read the configuration file: Is a directory (the last valid configuration stays in force)"])
    }
}
