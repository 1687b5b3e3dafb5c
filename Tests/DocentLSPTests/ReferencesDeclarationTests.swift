import DocentCore
import DocentIO
import Testing
@testable import DocentLSP

@Suite struct ReferencesDeclarationTests {
    /// The entry's own heading is listed only when the client asks for the declaration.
    @Test func theDeclarationIsListedOnlyWhenAskedFor() throws {
        let client = try TestClient(files: CodeActionWorkspace.files)
        client.open("docs/page.md", "# Page\n\nThe DocHub viewer.\n")
        func files(_ context: JSONValue?) throws -> [String] {
            var params: JSONObject = ["textDocument": ["uri": .string(client.uri("docs/page.md"))], "position": ["line": 2, "character": 5]]
            if let context { params["context"] = context }
            return try #require(try client.request("textDocument/references", .object(params)).arrayValue).compactMap { $0["uri"]?.stringValue }
        }
        #expect(try files(["includeDeclaration": true]) == [client.uri("docs/glossary.md"), client.uri("docs/page.md")])
        #expect(try files(["includeDeclaration": false]) == [client.uri("docs/page.md")])
        // A client that leaves the context out gets the uses alone.
        #expect(try files(nil) == [client.uri("docs/page.md")])
    }
}
