import DocentCore
import DocentIO
import Testing
@testable import DocentLSP

/// The evidence of a placement finding (its related locations) in the JSON and SARIF reports.
@Suite struct CheckReportRelatedTests {
    static let text = "# Deploying search\n\nRun helm install, then kubectl apply.\n"
    static let snapshot = WorkspaceSnapshot(documents: [WorkspaceDocument(path: "docs/using/search.md", text: SourceText(text))])
    static let diagnostic = Diagnostic(code: "misplaced-document", severity: .warning, message: "Reads as Administrator documentation (helm, kubectl)",
                                       file: "docs/using/search.md", range: 2..<18,
                                       related: [RelatedLocation(file: "docs/using/search.md", range: 24..<28, message: "Administrator signal: helm"),
                                                 RelatedLocation(file: "docs/using/search.md", range: 43..<50, message: "Administrator signal: kubectl")])

    @Test func jsonListsTheRelatedLocations() throws {
        let report = try JSONParser.parse(Array(CheckReport.json([Self.diagnostic], snapshot: Self.snapshot).utf8))
        #expect(report[0]?["related"] == [
            ["file": "docs/using/search.md", "range": ["start": ["line": 2, "character": 4], "end": ["line": 2, "character": 8]], "message": "Administrator signal: helm"],
            ["file": "docs/using/search.md", "range": ["start": ["line": 2, "character": 23], "end": ["line": 2, "character": 30]], "message": "Administrator signal: kubectl"],
        ])
        // Without related locations the key is left out.
        var plain = Self.diagnostic
        plain.related = []
        #expect(try JSONParser.parse(Array(CheckReport.json([plain], snapshot: Self.snapshot).utf8))[0]?["related"] == nil)
    }

    @Test func sarifHasRelatedLocations() throws {
        let log = try JSONParser.parse(Array(CheckReport.sarif([Self.diagnostic], snapshot: Self.snapshot, rootPrefix: "site/", version: "1").utf8))
        #expect(log["runs"]?[0]?["results"]?[0]?["relatedLocations"] == [
            ["id": 1, "physicalLocation": ["artifactLocation": ["uri": "site/docs/using/search.md", "uriBaseId": "%SRCROOT%"],
                                           "region": ["startLine": 3, "startColumn": 5, "endLine": 3, "endColumn": 9]],
             "message": ["text": "Administrator signal: helm"]],
            ["id": 2, "physicalLocation": ["artifactLocation": ["uri": "site/docs/using/search.md", "uriBaseId": "%SRCROOT%"],
                                           "region": ["startLine": 3, "startColumn": 24, "endLine": 3, "endColumn": 31]],
             "message": ["text": "Administrator signal: kubectl"]],
        ])
    }
}
