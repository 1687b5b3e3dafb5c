import Foundation
import Testing
@testable import DocentLSP
import DocentIO

/// A page with more findings than a writer reads: the server sends the first 1,000 by severity and
/// position, says so once in the log, and a push and a pull agree.
@Suite struct DiagnosticCapTests {
    @Test func aPageWithThousandsOfFindingsSendsTheFirstThousand() throws {
        let client = try TestClient(files: SampleWorkspace.files)
        // 1,200 miscased names (warnings), then a persona declared that no persona has (an error).
        let page = "# Many\n\n" + String(repeating: "The Dochub viewer.\n", count: 1200)
        client.open("docs/many.md", "---\npersona: nobody\n---\n" + page)
        let pushed = try #require(client.publishedDiagnostics("docs/many.md")?["diagnostics"]?.arrayValue)
        #expect(pushed.count == LanguageServer.maximumReportedDiagnostics)
        // The error comes first, then the warnings in page order.
        #expect(pushed.first?["severity"] == 1)
        #expect(pushed.dropFirst().allSatisfy { $0["code"] == "term-casing" })
        let lines = pushed.dropFirst().compactMap { $0["range"]?["start"]?["line"]?.intValue }
        #expect(lines == Array(lines.sorted()) && lines.first == 5)
        let logs = client.notifications("window/logMessage").compactMap { $0["params"]?["message"]?.stringValue }
        #expect(logs.filter { $0.contains("docs/many.md: 1201 findings; the first 1000") }.count == 1)
        // Pulled, the same cut.
        let pulled = try client.request("textDocument/diagnostic", ["textDocument": ["uri": .string(client.uri("docs/many.md"))]])
        #expect(pulled["items"]?.arrayValue?.count == LanguageServer.maximumReportedDiagnostics)
    }
}
