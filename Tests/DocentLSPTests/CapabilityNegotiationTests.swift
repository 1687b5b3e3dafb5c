import DocentCore
import DocentIO
import Foundation
import Testing
@testable import DocentLSP

/// A minimal client: plain-text documentation only, no code action literals, flat document symbols.
@Suite struct CapabilityNegotiationTests {
    static let minimal: JSONValue = ["textDocument": [
        "hover": ["contentFormat": ["plaintext"]],
        "completion": ["completionItem": ["documentationFormat": ["plaintext"]]],
        "codeAction": ["dynamicRegistration": false],
        "documentSymbol": ["hierarchicalDocumentSymbolSupport": false],
    ]]

    @Test func hoverAndCompletionDocumentationArePlainText() throws {
        let client = try TestClient(files: SampleWorkspace.files, capabilities: Self.minimal)
        let hover = try client.request("textDocument/hover", client.textDocumentPosition("docs/closed.md", ["line": 2, "character": 6]))
        #expect(hover["contents"] == ["kind": "plaintext", "value": "Service Catalog\n\nThe place that records who owns each piece of software.\n\nDefined in docs/glossary.md:7"])
        client.open("docs/page.md", "The Doc\n")
        let completion = try client.request("textDocument/completion", client.textDocumentPosition("docs/page.md", ["line": 0, "character": 7]))
        #expect(completion["items"]?[0]?["documentation"] == ["kind": "plaintext", "value": "DocHub\n\nThe docs-as-code viewer of the portal.\n\nDefined in docs/glossary.md:27"])

        // A client that lists Markdown (anywhere) gets Markdown.
        let rich = try TestClient(files: SampleWorkspace.files, capabilities: ["textDocument": ["hover": ["contentFormat": ["plaintext", "markdown"]]]])
        let markdown = try rich.request("textDocument/hover", rich.textDocumentPosition("docs/closed.md", ["line": 2, "character": 6]))
        #expect(markdown["contents"]?["kind"] == "markdown")
        #expect(markdown["contents"]?["value"]?.stringValue?.hasPrefix("**Service Catalog**\n\n") == true)
    }

    @Test func markdownReadsAsPlainText() {
        #expect(PlainTextRendering.plainText(fromMarkdown: "### Term\n\n1. First `sense`.\n2. A [link](x.md#y).\n\n---\n\n> Quoted *text*\n  - item ~~old~~\n")
            == "Term\n\n1. First sense.\n2. A link.\n\n---\n\nQuoted text\n  - item old\n")
    }

    @Test func withoutLiteralSupportNoCodeActions() throws {
        let files = SampleWorkspace.files
        let client = try TestClient(files: files, capabilities: Self.minimal)
        client.open("docs/page.md", "Dochub here.\n")
        let range: JSONValue = ["start": ["line": 0, "character": 2], "end": ["line": 0, "character": 2]]
        let params: JSONValue = ["textDocument": ["uri": .string(client.uri("docs/page.md"))], "range": range, "context": ["diagnostics": []]]
        #expect(try client.request("textDocument/codeAction", params) == [])
        let literal = try TestClient(files: files)
        literal.open("docs/page.md", "Dochub here.\n")
        let actions = try literal.request("textDocument/codeAction", ["textDocument": ["uri": .string(literal.uri("docs/page.md"))], "range": range, "context": ["diagnostics": []]])
        #expect(actions.arrayValue?.isEmpty == false)
    }

    @Test func flatSymbolsWithoutHierarchicalSupport() throws {
        let client = try TestClient(files: SampleWorkspace.files, capabilities: Self.minimal)
        client.open("docs/page.md", "# Top\n\n## One\n\ntext\n\n### Deep\n")
        let symbols = try client.request("textDocument/documentSymbol", ["textDocument": ["uri": .string(client.uri("docs/page.md"))]])
        let uri = JSONValue.string(client.uri("docs/page.md"))
        let items = symbols.arrayValue ?? []
        let names: [String] = items.compactMap { $0["name"]?.stringValue }
        let containers: [String] = items.map { $0["containerName"]?.stringValue ?? "-" }
        #expect(names == ["Top", "One", "Deep"])
        #expect(containers == ["-", "Top", "One"])
        for item in items {
            #expect(item["location"]?["uri"] == uri)
            #expect(item["kind"] == 15)
            #expect(item["children"] == nil)
            #expect(item["range"] == nil)
        }
        #expect(items.first?["location"]?["range"]?["start"] == ["line": 0, "character": 0])
    }
}
