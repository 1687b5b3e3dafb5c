import DocentCore
import DocentIO
import Foundation
import Testing
@testable import DocentLSP

/// The language server never writes to disk: a full session — opening, editing, hovering, completing,
/// code actions including fix-all, rename, references, symbols, pulled diagnostics, saving
/// `docent.json`, watched-file events, closing, shutting down — over a temporary workspace leaves every
/// file's bytes and modification time as they were, and adds no file. Edits come back as
/// `WorkspaceEdit`s for the editor to apply, never as writes.
@Suite struct ServerConfinementTests {
    /// Every file and folder under `root` (hidden ones too), with its modification time and bytes.
    static func state(of root: URL) throws -> [String: (Date?, Data?)] {
        var result: [String: (Date?, Data?)] = [:]
        let enumerator = try #require(FileManager.default.enumerator(atPath: root.path))
        for case let path as String in enumerator {
            let url = root.appendingPathComponent(path)
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            let isFile = attributes[.type] as? FileAttributeType == .typeRegular
            result[path] = (attributes[.modificationDate] as? Date, isFile ? try Data(contentsOf: url) : nil)
        }
        return result
    }

    @Test(arguments: [false, true])
    func aFullSessionWritesNothing(pullsDiagnostics: Bool) throws {
        var files = CodeActionWorkspace.files
        files["docs/page.md"] = "# Dochub\n\nSend a JWT to the scaffolder and the dochub.\n"
        files["docs/closed.md"] = "The Service Catalog and Blueprints.\n"
        var capabilities: JSONObject = ["workspace": ["applyEdit": true, "workspaceEdit": ["documentChanges": true], "configuration": true,
                                                      "didChangeWatchedFiles": ["dynamicRegistration": true]],
                                        "window": ["workDoneProgress": true]]
        if pullsDiagnostics { capabilities["textDocument"] = ["diagnostic": ["dynamicRegistration": false]] }
        let client = try TestClient(files: files, capabilities: .object(capabilities))
        let before = try Self.state(of: client.root)
        // Let a modification time that changed now differ from the one read.
        Thread.sleep(forTimeInterval: 0.01)

        let page = "docs/page.md"
        let text = try #require(files[page])
        client.open(page, text)
        client.notify("textDocument/didChange", ["textDocument": ["uri": .string(client.uri(page)), "version": 2],
                                                  "contentChanges": [["range": ["start": ["line": 2, "character": 0], "end": ["line": 2, "character": 0]], "text": "The dochub again. "]]])
        let whole: JSONValue = ["start": ["line": 0, "character": 0], "end": ["line": 3, "character": 0]]
        var answered = 0
        func ask(_ method: String, _ params: JSONValue) {
            let response = client.response(method, params)
            #expect(response["error"] == nil, "\(method): \(response)")
            answered += 1
        }
        for line in 0..<3 {
            for character in [0, 3, 8, 14, 20] {
                let position: JSONValue = ["line": JSONValue(line), "character": JSONValue(character)]
                ask("textDocument/hover", client.textDocumentPosition(page, position))
                ask("textDocument/completion", client.textDocumentPosition(page, position))
                ask("textDocument/definition", client.textDocumentPosition(page, position))
                ask("textDocument/prepareRename", client.textDocumentPosition(page, position))
            }
        }
        ask("textDocument/codeAction", ["textDocument": ["uri": .string(client.uri(page))], "range": whole, "context": ["diagnostics": []]])
        ask("textDocument/codeAction", ["textDocument": ["uri": .string(client.uri(page))], "range": whole, "context": ["diagnostics": [], "only": ["source.fixAll.docent"]]])
        let rename = client.response("textDocument/rename", client.textDocumentPosition("docs/glossary.md", ["line": 6, "character": 4]).merging(["newName": "Portal Docs"]))
        #expect(rename["result"]?["documentChanges"]?.arrayValue?.isEmpty == false, "the rename is an edit for the editor to apply: \(rename)")
        ask("textDocument/references", client.textDocumentPosition(page, ["line": 2, "character": 9]).merging(["context": ["includeDeclaration": true]]))
        ask("textDocument/documentSymbol", ["textDocument": ["uri": .string(client.uri(page))]])
        ask("workspace/symbol", ["query": "doc"])
        if pullsDiagnostics {
            ask("textDocument/diagnostic", ["textDocument": ["uri": .string(client.uri(page))]])
            ask("workspace/diagnostic", ["previousResultIds": []])
        }
        // Saving docent.json and watched-file events make the server re-read, never write.
        client.notify("textDocument/didSave", ["textDocument": ["uri": .string(client.uri("docent.json"))]])
        client.notify("workspace/didChangeWatchedFiles", ["changes": [["uri": .string(client.uri("docs/closed.md")), "type": 2],
                                                                       ["uri": .string(client.uri("docs/glossary.md")), "type": 2],
                                                                       ["uri": .string(client.uri("docent.json")), "type": 2]]])
        client.notify("workspace/didChangeConfiguration", ["settings": ["docent": ["rules": ["term-casing": "error"]]]])
        client.notify("textDocument/didClose", ["textDocument": ["uri": .string(client.uri(page))]])
        ask("shutdown", .null)
        client.notify("exit", .null)
        #expect(client.server.exitCode == 0)
        #expect(answered > 60)

        let after = try Self.state(of: client.root)
        #expect(Set(after.keys) == Set(before.keys), "no file was added or removed")
        for (path, (date, data)) in before {
            #expect(after[path]?.0 == date, "\(path) was touched")
            #expect(after[path]?.1 == data, "\(path) changed")
        }
        // The server asked the editor to apply nothing on its own.
        #expect(client.notifications("workspace/applyEdit").isEmpty)
    }
}

extension JSONValue {
    /// This object with `other`'s keys added (test helper).
    func merging(_ other: JSONObject) -> JSONValue {
        var object = objectValue ?? JSONObject()
        for (key, value) in other.entries { object[key] = value }
        return .object(object)
    }
}
