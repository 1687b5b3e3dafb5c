import DocentCore
import DocentIO
import Testing
@testable import DocentLSP

@Suite struct CodeActionKindFilterTests {
    /// `only` filters by whole dot-separated kind segments (LSP): "quick" is not a prefix of
    /// "quickfix", "source.fix" not of "source.fixAll.docent".
    @Test func onlyMatchesWholeKindSegments() throws {
        let client = try TestClient(files: CodeActionWorkspace.files)
        let page = MarkedText("The 1️⃣dochub viewer.\n")
        client.open("docs/page.md", page.text)
        let here: JSONValue = ["start": page["1️⃣"], "end": page["1️⃣"]]
        #expect(try client.codeActions("docs/page.md", here, only: ["quickfix"]).count == 2)
        #expect(try client.codeActions("docs/page.md", here, only: ["quick"]) == [])
        #expect(try client.codeActions("docs/page.md", here, only: ["source.fix"]) == [])
    }
}
