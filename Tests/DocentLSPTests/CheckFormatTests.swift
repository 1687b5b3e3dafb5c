import DocentCore
import DocentIO
import Foundation
import Testing
@testable import DocentLSP

/// A workspace that draws one diagnostic of each severity: glossary-empty as an error (configured),
/// term-casing (warning), term-alias (information) and term-abbreviation (hint).
enum CheckWorkspace {
    static let glossary = """
    # Glossary

    ## DocHub

    The docs-as-code viewer of the portal.

    ## Empty Term

    ## JWT

    JSON Web Token: a signed token that carries claims.

    ## Scaffolder

    Known as [DocHub](#dochub).

    """
    /// "Café 🎉 " before the use: UTF-16 columns differ from UTF-8 bytes and from characters.
    static let page = "# Page\n\nCafé 🎉 dochub.\nAsk the Scaffolder for a JWT.\n"
    static let config = #"{ "glossaries": ["docs/glossary.md"], "rules": { "glossary-empty": "error" } }"#

    static var files: [String: String] {
        ["docent.json": config, "docs/glossary.md": glossary, "docs/page.md": page]
    }

    static var configuration: Configuration {
        Configuration(glossaries: [GlossarySource(pattern: "docs/glossary.md")], rules: ["glossary-empty": .severity(.error)])
    }

    static func snapshot(extra: [String: String] = [:]) -> WorkspaceSnapshot {
        var documents = ["docs/glossary.md": glossary, "docs/page.md": page]
        for (path, text) in extra { documents[path] = text }
        return WorkspaceSnapshot(configuration: configuration, documents: documents.map { WorkspaceDocument(path: $0.key, text: SourceText($0.value)) })
    }

    static func diagnostics(_ snapshot: WorkspaceSnapshot = snapshot()) -> [Diagnostic] {
        Checker.check(paths: snapshot.sortedPaths, in: snapshot)
    }
}

@Suite struct CheckReportTests {
    @Test func theWorkspaceDrawsEverySeverity() {
        let diagnostics = CheckWorkspace.diagnostics()
        #expect(diagnostics.map(\.code) == ["glossary-empty", "term-casing", "term-alias", "term-abbreviation"])
        #expect(diagnostics.map(\.severity) == [.error, .warning, .information, .hint])
    }

    @Test func jsonShape() throws {
        let snapshot = CheckWorkspace.snapshot()
        let report = try JSONParser.parse(Array(CheckReport.json(CheckWorkspace.diagnostics(snapshot), snapshot: snapshot).utf8))
        let items = try #require(report.arrayValue)
        #expect(items.count == 4)
        for item in items {
            // `related` only where the diagnostic has related locations.
            #expect(Set(item.objectValue?.keys ?? []).subtracting(["related"]) == ["file", "range", "severity", "code", "message", "data"])
        }
        #expect(items.map { $0["severity"] } == ["error", "warning", "information", "hint"])
        #expect(items[0] == [
            "file": "docs/glossary.md",
            "range": ["start": ["line": 6, "character": 3], "end": ["line": 6, "character": 13]],
            "severity": "error", "code": "glossary-empty", "message": "“Empty Term” has no definition",
            "data": ["term": "Empty Term"],
        ])
        // 0-based line, UTF-16 character: "Café 🎉 " is 8 code units (the emoji is two).
        #expect(items[1] == [
            "file": "docs/page.md",
            "range": ["start": ["line": 2, "character": 8], "end": ["line": 2, "character": 14]],
            "severity": "warning", "code": "term-casing", "message": "Write “DocHub”, not “dochub”",
            "data": ["replacement": "DocHub", "term": "DocHub", "written": "dochub"],
        ])
        #expect(items[2]["data"] == ["alias": "Scaffolder", "changesNumber": false, "replacement": "DocHub", "term": "DocHub"])
        #expect(items[3]["range"] == ["start": ["line": 3, "character": 25], "end": ["line": 3, "character": 28]])
    }

    @Test func jsonOfNothingIsAnEmptyArray() throws {
        let snapshot = WorkspaceSnapshot(configuration: CheckWorkspace.configuration, documents: [])
        #expect(try JSONParser.parse(Array(CheckReport.json([], snapshot: snapshot).utf8)) == [])
    }

    /// The SARIF 2.1.0 essentials GitHub code scanning relies on.
    static func checkSARIFStructure(_ log: JSONValue, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(log["version"] == "2.1.0", sourceLocation: sourceLocation)
        #expect(log["$schema"]?.stringValue?.contains("sarif") == true, sourceLocation: sourceLocation)
        let runs = try #require(log["runs"]?.arrayValue, sourceLocation: sourceLocation)
        #expect(runs.count == 1, sourceLocation: sourceLocation)
        let driver = try #require(runs.first?["tool"]?["driver"], sourceLocation: sourceLocation)
        #expect(driver["name"] == "docent", sourceLocation: sourceLocation)
        let rules = try #require(driver["rules"]?.arrayValue, sourceLocation: sourceLocation)
        let ids = rules.compactMap { $0["id"]?.stringValue }
        #expect(ids.count == rules.count && !ids.isEmpty, sourceLocation: sourceLocation)
        #expect(Set(ids).count == ids.count, sourceLocation: sourceLocation)
        for rule in rules {
            #expect(rule["shortDescription"]?["text"]?.stringValue?.isEmpty == false, sourceLocation: sourceLocation)
            #expect(["error", "warning", "note", "none"].contains(rule["defaultConfiguration"]?["level"]?.stringValue ?? "none"), sourceLocation: sourceLocation)
        }
        let results = try #require(runs.first?["results"]?.arrayValue, sourceLocation: sourceLocation)
        for result in results {
            let ruleID = try #require(result["ruleId"]?.stringValue, sourceLocation: sourceLocation)
            #expect(ids.contains(ruleID), sourceLocation: sourceLocation)
            if let index = result["ruleIndex"]?.intValue { #expect(ids[index] == ruleID, sourceLocation: sourceLocation) }
            #expect(["error", "warning", "note", "none"].contains(result["level"]?.stringValue ?? ""), sourceLocation: sourceLocation)
            #expect(result["message"]?["text"]?.stringValue?.isEmpty == false, sourceLocation: sourceLocation)
            let location = try #require(result["locations"]?[0]?["physicalLocation"], sourceLocation: sourceLocation)
            let uri = try #require(location["artifactLocation"]?["uri"]?.stringValue, sourceLocation: sourceLocation)
            // A relative URI reference: no scheme, no spaces or other characters a URI cannot hold.
            #expect(!uri.isEmpty && !uri.hasPrefix("/") && URL(string: uri) != nil && !uri.contains(" "), sourceLocation: sourceLocation)
            let region = try #require(location["region"], sourceLocation: sourceLocation)
            let startLine = try #require(region["startLine"]?.intValue, sourceLocation: sourceLocation)
            let startColumn = try #require(region["startColumn"]?.intValue, sourceLocation: sourceLocation)
            #expect(startLine >= 1 && startColumn >= 1, sourceLocation: sourceLocation)
            if let endLine = region["endLine"]?.intValue {
                #expect(endLine >= startLine, sourceLocation: sourceLocation)
                if endLine == startLine, let endColumn = region["endColumn"]?.intValue { #expect(endColumn >= startColumn, sourceLocation: sourceLocation) }
            }
        }
    }

    @Test func sarifStructure() throws {
        let snapshot = CheckWorkspace.snapshot()
        let text = CheckReport.sarif(CheckWorkspace.diagnostics(snapshot), snapshot: snapshot, rootPrefix: "", version: "9.9.9")
        let log = try JSONParser.parse(Array(text.utf8))
        try Self.checkSARIFStructure(log)
        let run = try #require(log["runs"]?[0])
        #expect(run["tool"]?["driver"]?["version"] == "9.9.9")
        // Every rule, and `configuration` for docent.json's problems.
        #expect(run["tool"]?["driver"]?["rules"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == RuleRegistry.descriptions.map(\.code) + ["configuration"])
        #expect(run["columnKind"] == "utf16CodeUnits")
        let results = try #require(run["results"]?.arrayValue)
        #expect(results.map { $0["level"] } == ["error", "warning", "note", "note"])
        #expect(results.map { $0["ruleId"] } == ["glossary-empty", "term-casing", "term-alias", "term-abbreviation"])
        let casing = results[1]
        #expect(casing["message"]?["text"] == "Write “DocHub”, not “dochub”")
        #expect(casing["locations"]?[0]?["physicalLocation"]?["artifactLocation"] == ["uri": "docs/page.md", "uriBaseId": "%SRCROOT%"])
        // 1-based line and column, UTF-16 columns.
        #expect(casing["locations"]?[0]?["physicalLocation"]?["region"] == ["startLine": 3, "startColumn": 9, "endLine": 3, "endColumn": 15])
        #expect(casing["properties"] == ["replacement": "DocHub", "term": "DocHub", "written": "dochub"])
    }

    @Test func sarifURIsAreEncoded() throws {
        let snapshot = CheckWorkspace.snapshot(extra: ["docs/my page é.md": "The dochub.\n"])
        let log = try JSONParser.parse(Array(CheckReport.sarif(CheckWorkspace.diagnostics(snapshot), snapshot: snapshot, rootPrefix: "", version: "1").utf8))
        try Self.checkSARIFStructure(log)
        let uris = log["runs"]?[0]?["results"]?.arrayValue?.compactMap { $0["locations"]?[0]?["physicalLocation"]?["artifactLocation"]?["uri"]?.stringValue }
        #expect(uris?.contains("docs/my%20page%20%C3%A9.md") == true)
    }

    @Test func sarifWithNoResults() throws {
        let snapshot = WorkspaceSnapshot(configuration: CheckWorkspace.configuration, documents: [])
        let log = try JSONParser.parse(Array(CheckReport.sarif([], snapshot: snapshot, rootPrefix: "", version: "1").utf8))
        try Self.checkSARIFStructure(log)
        #expect(log["runs"]?[0]?["results"] == [])
    }

    @Test func githubAnnotations() {
        let snapshot = CheckWorkspace.snapshot()
        let lines = CheckReport.github(CheckWorkspace.diagnostics(snapshot), snapshot: snapshot, rootPrefix: "site/").split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines == [
            "::error file=site/docs/glossary.md,line=7,col=4,endLine=7,endColumn=14,title=docent glossary-empty::“Empty Term” has no definition",
            "::warning file=site/docs/page.md,line=3,col=9,endLine=3,endColumn=15,title=docent term-casing::Write “DocHub”, not “dochub”",
            "::notice file=site/docs/page.md,line=4,col=9,endLine=4,endColumn=19,title=docent term-alias::The glossary prefers “DocHub” to “Scaffolder”",
            "::notice file=site/docs/page.md,line=4,col=26,endLine=4,endColumn=29,title=docent term-abbreviation::Spell out “JWT” on its first use: “JSON Web Token (JWT)”",
            "",
        ])
    }

    @Test func githubEscaping() {
        let snapshot = CheckWorkspace.snapshot(extra: ["docs/a,b:c%.md": "x\n"])
        let diagnostic = Diagnostic(code: "term-casing", severity: .hint, message: "100% sure\nsecond line\r", file: "docs/a,b:c%.md", range: 0..<1)
        #expect(CheckReport.github([diagnostic], snapshot: snapshot, rootPrefix: "") ==
            "::notice file=docs/a%2Cb%3Ac%25.md,line=1,col=1,endLine=1,endColumn=2,title=docent term-casing::100%25 sure%0Asecond line%0D\n")
    }

    @Test func textFormat() {
        let snapshot = CheckWorkspace.snapshot()
        let text = CheckReport.text(CheckWorkspace.diagnostics(snapshot), snapshot: snapshot, fileCount: 3, color: false)
        #expect(text == """
        docs/glossary.md:7:4: error[glossary-empty] “Empty Term” has no definition
        docs/page.md:3:9: warning[term-casing] Write “DocHub”, not “dochub”
        docs/page.md:4:9: information[term-alias] The glossary prefers “DocHub” to “Scaffolder”
        docs/page.md:4:26: hint[term-abbreviation] Spell out “JWT” on its first use: “JSON Web Token (JWT)”
        1 error, 1 warning, 1 info, 1 hint in 2 files (3 checked)

        """)
        #expect(CheckReport.text([], snapshot: snapshot, fileCount: 1, color: false) == "0 errors, 0 warnings, 0 infos, 0 hints in 0 files (1 checked)\n")
    }

    /// Text paths are what `displayPath` makes of the workspace paths.
    @Test func textFormatWithDisplayPaths() {
        let snapshot = CheckWorkspace.snapshot()
        let text = CheckReport.text(CheckWorkspace.diagnostics(snapshot), snapshot: snapshot, fileCount: 3, color: false, displayPath: { "../site/" + $0 })
        #expect(text.split(separator: "\n").map { String($0.prefix { $0 != " " }) } == [
            "../site/docs/glossary.md:7:4:", "../site/docs/page.md:3:9:", "../site/docs/page.md:4:9:", "../site/docs/page.md:4:26:", "1",
        ])
    }

    @Test func colouredTextGroupsByFile() {
        let snapshot = CheckWorkspace.snapshot()
        let text = CheckReport.text(CheckWorkspace.diagnostics(snapshot), snapshot: snapshot, fileCount: 2, color: true)
        #expect(text.components(separatedBy: "docs/page.md").count == 2)
        #expect(text.contains("\u{1B}[31merror\u{1B}[0m[glossary-empty]"))
        #expect(text.hasSuffix("1 error, 1 warning, 1 info, 1 hint in 2 files (2 checked)\n"))
        // Each file's header is its path from the current directory.
        let routed = CheckReport.text(CheckWorkspace.diagnostics(snapshot), snapshot: snapshot, fileCount: 2, color: true, displayPath: { "site/" + $0 })
        #expect(routed.hasPrefix("\u{1B}[1msite/docs/glossary.md\u{1B}[0m\n"))
        #expect(routed.contains("\n\n\u{1B}[1msite/docs/page.md\u{1B}[0m\n"))
        // NO_COLOR or --no-color on a terminal: the same grouping, without escape codes.
        let plain = CheckReport.text(CheckWorkspace.diagnostics(snapshot), snapshot: snapshot, fileCount: 2, color: false, grouped: true)
        #expect(!plain.contains("\u{1B}"))
        #expect(plain == text.replacingOccurrences(of: "\u{1B}[1m", with: "").replacingOccurrences(of: "\u{1B}[2m", with: "")
                    .replacingOccurrences(of: "\u{1B}[0m", with: "").replacingOccurrences(of: "\u{1B}[31m", with: "")
                    .replacingOccurrences(of: "\u{1B}[33m", with: "").replacingOccurrences(of: "\u{1B}[36m", with: "").replacingOccurrences(of: "\u{1B}[34m", with: ""))
        #expect(plain.hasPrefix("docs/glossary.md\n  "))
    }
}

/// `docent check` through the built binary (`DOCENT_BINARY`, else `.build/debug/docent`).
@Suite(.serialized) struct CheckCommandTests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String], in directory: URL? = nil) throws -> Run {
        let binary = try #require(EndToEndTests.binary, "build docent first (swift build) or set DOCENT_BINARY")
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        // stderr to a file, so a full stderr pipe cannot block the process while stdout is read.
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("docent-stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorFile) }
        let error = try FileHandle(forWritingTo: errorFile)
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try error.close()
        let errorData = try Data(contentsOf: errorFile)
        return Run(status: process.terminationStatus, stdout: String(decoding: outputData, as: UTF8.self), stderr: String(decoding: errorData, as: UTF8.self))
    }

    /// A temporary workspace with `files`, removed by the caller.
    static func workspace(_ files: [String: String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("docent-check-\(UUID().uuidString)")
        for (path, content) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try content.write(to: url, atomically: true, encoding: .utf8)
        }
        return root
    }

    /// `docent rules` lists every rule once, in the registry's order, in aligned columns.
    @Test func rulesListsEveryCodeWithItsSeverityAndSummary() throws {
        let run = try Self.run(["rules"])
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.map { String($0.prefix { $0 != " " }) } == RuleRegistry.descriptions.map(\.code))
        // The code column is as wide as the longest code plus two spaces; so is the severity column.
        #expect(lines.contains("persona-mismatch             error        A page declares a persona its section is not written for"))
        #expect(lines.contains("glossary-self-definition     information  A definition's first sentence uses the term it defines"))
        let summaryColumn = "glossary-dangling-reference  information  ".count
        for (line, description) in zip(lines, RuleRegistry.descriptions) {
            #expect(String(line.dropFirst(summaryColumn)) == description.summary, "\(line)")
        }
    }

    @Test func jsonThroughTheBinary() throws {
        let root = try Self.workspace(CheckWorkspace.files)
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try Self.run(["check", "--format", "json", root.path])
        // glossary-empty is an error here.
        #expect(run.status == 1)
        let items = try #require(try JSONParser.parse(Array(run.stdout.utf8)).arrayValue)
        #expect(items.map { $0["code"] } == ["glossary-empty", "term-casing", "term-alias", "term-abbreviation"])
        #expect(items.map { $0["file"] } == ["docs/glossary.md", "docs/page.md", "docs/page.md", "docs/page.md"])
        #expect(items[1]["range"] == ["start": ["line": 2, "character": 8], "end": ["line": 2, "character": 14]])
    }

    @Test func exitCodes() throws {
        var files = CheckWorkspace.files
        files["docent.json"] = #"{ "glossaries": ["docs/glossary.md"], "rules": { "glossary-empty": "off" } }"#
        let root = try Self.workspace(files)
        defer { try? FileManager.default.removeItem(at: root) }
        // Warnings only: 0, or 1 with --strict.
        let plain = try Self.run(["check", root.path])
        #expect(plain.status == 0)
        #expect(plain.stdout.hasSuffix("0 errors, 1 warning, 1 info, 1 hint in 1 file (2 checked)\n"))
        #expect(plain.stdout.contains("docs/page.md:3:9: warning[term-casing] Write “DocHub”, not “dochub”\n"))
        #expect(try Self.run(["check", "--strict", root.path]).status == 1)
        // Informations and hints do not fail --strict.
        try #"{ "glossaries": ["docs/glossary.md"], "rules": { "glossary-empty": "off", "term-casing": "hint" } }"#.write(to: root.appendingPathComponent("docent.json"), atomically: true, encoding: .utf8)
        #expect(try Self.run(["check", "--strict", root.path]).status == 0)
        // A bad format is a usage error.
        let badFormat = try Self.run(["check", "--format", "xml", root.path])
        #expect(badFormat.status == 2)
        #expect(badFormat.stderr.contains("unknown format 'xml'"))
        #expect(badFormat.stdout.isEmpty)
        #expect(try Self.run(["check", root.appendingPathComponent("missing").path]).status == 2)
    }

    @Test func brokenConfigurationIsAUsageErrorWithItsPosition() throws {
        var files = CheckWorkspace.files
        files["docent.json"] = "{\n  \"glossaries\": [\"docs/glossary.md\"],\n  \"rules\": { \"term-casing\": \"loud\" }\n}\n"
        let root = try Self.workspace(files)
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try Self.run(["check", "--format", "json", root.path])
        #expect(run.status == 2)
        // The report holds the configuration's error alone (CommandLineToolTests has the formats).
        #expect(try JSONParser.parse(Array(run.stdout.utf8)).arrayValue?.map { $0["code"] } == ["configuration"])
        let line = try #require(run.stderr.split(separator: "\n").first { $0.contains("docent.json:") })
        // file:line:column: error: message
        let parts = line.split(separator: ":", maxSplits: 4).map { String($0).trimmingCharacters(in: .whitespaces) }
        #expect(parts.count == 5)
        #expect(parts[0].hasSuffix("docent.json"))
        #expect(parts[1] == "3")
        #expect(Int(parts[2]) != nil)
        #expect(parts[3] == "error")

        try "{\n  \"glossaries\": [\n".write(to: root.appendingPathComponent("docent.json"), atomically: true, encoding: .utf8)
        let truncated = try Self.run(["check", root.path])
        #expect(truncated.status == 2)
        #expect(truncated.stderr.range(of: #"docent\.json:\d+:\d+: error: "#, options: .regularExpression) != nil)
    }

    @Test func sarifThroughTheBinary() throws {
        let root = try Self.workspace(CheckWorkspace.files)
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try Self.run(["check", "--format", "sarif", root.path])
        #expect(run.status == 1)
        let log = try JSONParser.parse(Array(run.stdout.utf8))
        try CheckReportTests.checkSARIFStructure(log)
        #expect(log["runs"]?[0]?["results"]?.arrayValue?.count == 4)
    }

    /// With `SARIF_SCHEMA` pointing at the SARIF 2.1.0 JSON schema and Python's `jsonschema`
    /// installed, the report is validated against the schema itself. Neither is in the repository;
    /// the structural test above always runs.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["SARIF_SCHEMA"] != nil))
    func sarifAgainstTheSchema() throws {
        let schema = try #require(ProcessInfo.processInfo.environment["SARIF_SCHEMA"])
        let root = try Self.workspace(CheckWorkspace.files)
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try Self.run(["check", "--format", "sarif", root.path])
        let report = root.appendingPathComponent("report.sarif")
        try run.stdout.write(to: report, atomically: true, encoding: .utf8)
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", "import json, sys, jsonschema; jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1]))); print('valid')", schema, report.path]
        let output = Pipe()
        python.standardOutput = output
        try python.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        python.waitUntilExit()
        #expect(python.terminationStatus == 0)
        #expect(text.contains("valid"))
    }

    @Test func githubThroughTheBinaryIsRelativeToTheCurrentDirectory() throws {
        let parent = try Self.workspace([:])
        defer { try? FileManager.default.removeItem(at: parent) }
        for (path, content) in CheckWorkspace.files {
            let url = parent.appendingPathComponent("site/" + path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try content.write(to: url, atomically: true, encoding: .utf8)
        }
        let run = try Self.run(["check", "--format", "github", "site"], in: parent)
        #expect(run.status == 1)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[1] == "::warning file=site/docs/page.md,line=3,col=9,endLine=3,endColumn=15,title=docent term-casing::Write “DocHub”, not “dochub”")
        #expect(lines[0].hasPrefix("::error file=site/docs/glossary.md,"))
        #expect(lines[2].hasPrefix("::notice ") && lines[3].hasPrefix("::notice "))
    }

    /// The workspace `site` of a temporary folder, which the caller removes.
    static func siteWorkspace() throws -> URL {
        let parent = try Self.workspace([:])
        for (path, content) in CheckWorkspace.files {
            let url = parent.appendingPathComponent("site/" + path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try content.write(to: url, atomically: true, encoding: .utf8)
        }
        return parent
    }

    /// From a folder inside the workspace, the paths go up to the root and down again.
    @Test func githubPathsFromBelowTheRootGoUp() throws {
        let parent = try Self.siteWorkspace()
        defer { try? FileManager.default.removeItem(at: parent) }
        let run = try Self.run(["check", "--format", "github", ".."], in: parent.appendingPathComponent("site/docs"))
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[0].hasPrefix("::error file=../docs/glossary.md,line=7,"))
        #expect(lines[1] == "::warning file=../docs/page.md,line=3,col=9,endLine=3,endColumn=15,title=docent term-casing::Write “DocHub”, not “dochub”")
        // A sibling folder.
        try FileManager.default.createDirectory(at: parent.appendingPathComponent("other"), withIntermediateDirectories: true)
        let sibling = try Self.run(["check", "--format", "github", "../site"], in: parent.appendingPathComponent("other"))
        #expect(sibling.stdout.split(separator: "\n")[1].hasPrefix("::warning file=../site/docs/page.md,line=3,"))
    }

    /// SARIF uris are relative to the folder docent ran in, which `%SRCROOT%` names.
    @Test func sarifURIsAreRelativeToTheCurrentDirectory() throws {
        let parent = try Self.siteWorkspace()
        defer { try? FileManager.default.removeItem(at: parent) }
        let log = try JSONParser.parse(Array(try Self.run(["check", "--format", "sarif", "site"], in: parent).stdout.utf8))
        try CheckReportTests.checkSARIFStructure(log)
        let run = try #require(log["runs"]?[0])
        #expect(run["results"]?[1]?["locations"]?[0]?["physicalLocation"]?["artifactLocation"] == ["uri": "site/docs/page.md", "uriBaseId": "%SRCROOT%"])
        let base = parent.standardizedFileURL.resolvingSymlinksInPath().path + "/"
        #expect(run["originalUriBaseIds"] == ["%SRCROOT%": ["uri": .string(URL(fileURLWithPath: base, isDirectory: true).absoluteString)]])
        #expect(run["originalUriBaseIds"]?["%SRCROOT%"]?["uri"]?.stringValue?.hasSuffix("/") == true)
        let below = try JSONParser.parse(Array(try Self.run(["check", "--format", "sarif", ".."], in: parent.appendingPathComponent("site/docs")).stdout.utf8))
        #expect(below["runs"]?[0]?["results"]?[1]?["locations"]?[0]?["physicalLocation"]?["artifactLocation"]?["uri"] == "../docs/page.md")
    }

    @Test func fixRewritesTheFilesAtomicallyAndKeepsTheirMode() throws {
        // A copy of fixtures/fix.
        let source = EndToEndTests.repositoryRoot.appendingPathComponent("fixtures/fix")
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("docent-fix-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: source, to: root)
        defer { try? FileManager.default.removeItem(at: root) }
        let graphql = root.appendingPathComponent("docs/graphql.md")
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: graphql.path)
        let kubectl = root.appendingPathComponent("docs/kubectl.md")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: kubectl.path)
        let clean = root.appendingPathComponent("docs/clean.md")
        let cleanDate = try FileManager.default.attributesOfItem(atPath: clean.path)[.modificationDate] as? Date

        let run = try Self.run(["check", "--fix", "--format", "json", root.path])
        #expect(run.status == 0)
        #expect(run.stderr.contains("docent: fixed 18 problems in 3 files"))
        // What is reported is what is left after fixing: the two uses of the singular "Scaffolder",
        // whose plural preferred term "Blueprints" would leave the sentence disagreeing.
        let left = try JSONParser.parse(Array(run.stdout.utf8)).arrayValue ?? []
        #expect(left.map { $0["message"]?.stringValue } == ["The glossary prefers “Blueprints” to “Scaffolder”", "The glossary prefers “Blueprints” to “Scaffolder's”"])
        #expect(left.map { $0["file"]?.stringValue } == ["docs/getting-started.md", "docs/getting-started.md"])

        for page in ["clean.md", "getting-started.md", "graphql.md", "kubectl.md"] {
            let fixed = try Data(contentsOf: root.appendingPathComponent("docs/" + page))
            let expected = try Data(contentsOf: source.appendingPathComponent("expected/" + page))
            #expect(fixed == expected, "docs/\(page)")
        }
        #expect(try FileManager.default.attributesOfItem(atPath: graphql.path)[.posixPermissions] as? Int == 0o640)
        #expect(try FileManager.default.attributesOfItem(atPath: kubectl.path)[.posixPermissions] as? Int == 0o755)
        // An untouched file is not rewritten.
        #expect(try FileManager.default.attributesOfItem(atPath: clean.path)[.modificationDate] as? Date == cleanDate)
        // No temporary file is left behind.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("docs").path).filter { $0.hasPrefix(".") }
        #expect(leftovers == [])
        // The glossary is not touched.
        #expect(try Data(contentsOf: root.appendingPathComponent("reference/glossary.md")) == Data(contentsOf: source.appendingPathComponent("reference/glossary.md")))

        // A second run has nothing left to fix.
        let again = try Self.run(["check", "--fix", root.path])
        #expect(again.status == 0)
        #expect(!again.stderr.contains("fixed"))
    }

    @Test func invalidUTF8IsSaidOnStderrAndTheReportStaysValid() throws {
        let root = try Self.workspace(["docs/glossary.md": "## DocHub\n\nThe viewer.\n", "docs/good.md": "The dochub.\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        // Latin-1 bytes: "Café" on line 2, then a fixable use.
        let latin1 = root.appendingPathComponent("docs/latin1.md")
        let bytes: [UInt8] = Array("# Menu\nCaf".utf8) + [0xE9] + Array(" and na".utf8) + [0xEF, 0x76] + Array("e dochub.\n".utf8)
        try Data(bytes).write(to: latin1)
        let note = "docent: docs/latin1.md: not valid UTF-8: 2 invalid byte sequences read as U+FFFD (the first on line 2)"
        for format in ["json", "sarif", "text", "github"] {
            let run = try Self.run(["check", "--format", format, "."], in: root)
            #expect(run.status == 0)
            #expect(run.stderr.contains(note), "\(format): \(run.stderr)")
            #expect(!run.stdout.contains("not valid UTF-8"))
            if format == "json" || format == "sarif" { #expect(throws: Never.self) { try JSONParser.parse(Array(run.stdout.utf8)) } }
        }
        // --fix leaves such a file alone and says why (not "changed on disk"); other files are fixed.
        let fixed = try Self.run(["check", "--fix", "--format", "json"], in: root)
        #expect(fixed.stderr.contains("docent check --fix: docs/latin1.md: not fixed: not valid UTF-8, and writing it would replace the invalid bytes with U+FFFD"), "\(fixed.stderr)")
        #expect(!fixed.stderr.contains("changed on disk"))
        #expect(fixed.stderr.contains("docent: fixed 1 problem in 1 file"))
        #expect([UInt8](try Data(contentsOf: latin1)) == bytes)
        #expect(try String(contentsOf: root.appendingPathComponent("docs/good.md"), encoding: .utf8) == "The DocHub.\n")
    }

    @Test func fixOfOneFileOnly() throws {
        let source = EndToEndTests.repositoryRoot.appendingPathComponent("fixtures/fix")
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("docent-fix-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: source, to: root)
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try Self.run(["check", "--fix", root.appendingPathComponent("docs/kubectl.md").path])
        #expect(run.status == 0)
        #expect(run.stderr.contains("docent: fixed 2 problems in 1 file"))
        #expect(try Data(contentsOf: root.appendingPathComponent("docs/kubectl.md")) == Data(contentsOf: source.appendingPathComponent("expected/kubectl.md")))
        #expect(try Data(contentsOf: root.appendingPathComponent("docs/graphql.md")) == Data(contentsOf: source.appendingPathComponent("docs/graphql.md")))
    }
}
