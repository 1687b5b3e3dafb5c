import DocentIO
import Foundation
import Testing
@testable import DocentLSP

/// Renaming and moving files in the editor: `workspace/willRenameFiles` answers with the link edits
/// that keep every link working, and `workspace/didRenameFiles` moves the pages in the model.
@Suite struct FileOperationTests {
    static let files = [
        "docs/a/setup.md": "# Setup\n\nSee [tips](tips.md) and ![shot](img/shot.png).\n",
        "docs/a/tips.md": "# Tips\n\nBack to [setup](setup.md#install).\n",
        "docs/b/index.md": "# B\n\n[Setup](../a/setup)\n",
    ]

    static func range(_ line: Int, _ start: Int, _ end: Int) -> JSONValue {
        ["start": ["line": JSONValue(line), "character": JSONValue(start)], "end": ["line": JSONValue(line), "character": JSONValue(end)]]
    }

    static func rename(_ client: TestClient, _ old: String, _ new: String) throws -> JSONValue {
        try client.request("workspace/willRenameFiles", ["files": [["oldUri": .string(client.uri(old)), "newUri": .string(client.uri(new))]]])
    }

    @Test func serverAsksForRenamesOfEveryFileAndFolder() throws {
        let client = try TestClient(files: Self.files)
        let initialize = client.sink.messages.withLock { $0.first { $0["id"]?.intValue == 1 } }
        let operations = initialize?["result"]?["capabilities"]?["workspace"]?["fileOperations"]
        let filters: JSONValue = ["filters": [["scheme": "file", "pattern": ["glob": "**/*", "matches": "file"]],
                                              ["scheme": "file", "pattern": ["glob": "**/*", "matches": "folder"]]]]
        #expect(operations == ["willRename": filters, "didRename": filters])
    }

    @Test func movingAPageRewritesItsLinksAndTheLinksToItInTheirWrittenForm() throws {
        let client = try TestClient(files: Self.files, capabilities: ["workspace": ["workspaceEdit": ["documentChanges": true]]])
        client.open("docs/a/tips.md", Self.files["docs/a/tips.md"]!, version: 4)
        let edit = try Self.rename(client, "docs/a/setup.md", "docs/b/setup.md")
        // Edits name the files where they are now: the editor applies them, then renames.
        #expect(edit == ["documentChanges": [
            ["textDocument": ["uri": .string(client.uri("docs/a/setup.md")), "version": .null],
             "edits": [["range": Self.range(2, 11, 18), "newText": "../a/tips.md"], ["range": Self.range(2, 32, 44), "newText": "../a/img/shot.png"]]],
            ["textDocument": ["uri": .string(client.uri("docs/a/tips.md")), "version": 4],
             "edits": [["range": Self.range(2, 16, 32), "newText": "../b/setup.md#install"]]],
            ["textDocument": ["uri": .string(client.uri("docs/b/index.md")), "version": .null],
             "edits": [["range": Self.range(2, 8, 18), "newText": "setup"]]],
        ]])

        // A client without documentChanges gets the plain map.
        let plain = try TestClient(files: Self.files)
        let map = try Self.rename(plain, "docs/a/setup.md", "docs/b/setup.md")
        #expect(map["changes"]?[plain.uri("docs/b/index.md")] == [["range": Self.range(2, 8, 18), "newText": "setup"]])
        #expect(map["changes"]?.objectValue?.keys.count == 3)
    }

    @Test func renamingAFolderOrAnImageKeepsTheLinksToThemWorking() throws {
        let client = try TestClient(files: Self.files)
        // The folder: only the page outside it links in; links inside it need no change.
        let folder = try Self.rename(client, "docs/a", "guides/a")
        #expect(folder == ["changes": [client.uri("docs/b/index.md"): [["range": Self.range(2, 8, 18), "newText": "../../guides/a/setup"]]]])
        // An image is not a page, but a page shows it.
        let image = try Self.rename(client, "docs/a/img/shot.png", "docs/img/shot.png")
        #expect(image == ["changes": [client.uri("docs/a/setup.md"): [["range": Self.range(2, 32, 44), "newText": "../img/shot.png"]]]])
        // Nothing to rewrite, or a move out of the workspace: no edit.
        #expect(try Self.rename(client, "docs/b/index.md", "docs/b/index.md") == .null)
        #expect(try client.request("workspace/willRenameFiles", ["files": [["oldUri": .string(client.uri("docs/a/tips.md")), "newUri": "file:///elsewhere/tips.md"]]]) == .null)
        // Malformed parameters are an error, and the server goes on.
        #expect(throws: TestClient.ErrorResponse.self) { try client.request("workspace/willRenameFiles", ["renames": []]) }
        #expect(try Self.rename(client, "docs/b/index.md", "docs/index.md") != .null)
    }

    @Test func afterARenameThePagesAreKnownByTheirNewPaths() throws {
        let client = try TestClient(files: Self.files)
        func titles() throws -> [String] {
            let symbols = try client.request("workspace/symbol", ["query": ""]).arrayValue ?? []
            return symbols.compactMap { symbol in
                guard symbol["kind"]?.intValue != nil, let uri = symbol["location"]?["uri"]?.stringValue else { return nil }
                return uri.replacingOccurrences(of: client.root.absoluteString + "/", with: "")
            }.sorted()
        }
        #expect(Set(try titles()) == ["docs/a/setup.md", "docs/a/tips.md", "docs/b/index.md"])

        // The editor moves the folder on disk, then tells the server.
        try FileManager.default.createDirectory(at: client.root.appendingPathComponent("guides"), withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: client.root.appendingPathComponent("docs/a"), to: client.root.appendingPathComponent("guides/a"))
        client.notify("workspace/didRenameFiles", ["files": [["oldUri": .string(client.uri("docs/a")), "newUri": .string(client.uri("guides/a"))]]])
        #expect(Set(try titles()) == ["guides/a/setup.md", "guides/a/tips.md", "docs/b/index.md"])

        // A file watcher that reports the folder alone does the same.
        try FileManager.default.moveItem(at: client.root.appendingPathComponent("guides/a"), to: client.root.appendingPathComponent("docs/c"))
        client.notify("workspace/didChangeWatchedFiles", ["changes": [["uri": .string(client.uri("guides/a")), "type": 3],
                                                                      ["uri": .string(client.uri("docs/c")), "type": 1]]])
        #expect(Set(try titles()) == ["docs/c/setup.md", "docs/c/tips.md", "docs/b/index.md"])
    }
}

/// Folder deletions reach the server: a watcher for deletions of anything, since `**/*.md` watchers
/// hear nothing when a folder of pages goes.
@Suite struct FolderWatcherTests {
    @Test func theServerWatchesDeletionsOfFoldersAndDropsTheirPages() throws {
        let client = try TestClient(files: FileOperationTests.files, capabilities: ["workspace": ["didChangeWatchedFiles": ["dynamicRegistration": true]]])
        let registration = client.sink.messages.withLock { $0.first { $0["method"] == "client/registerCapability" } }
        let watchers = registration?["params"]?["registrations"]?[0]?["registerOptions"]?["watchers"]
        #expect(watchers == [["globPattern": "**/*.md"], ["globPattern": "**/*.mdx"], ["globPattern": "**/docent.json"],
                             ["globPattern": "**/.docent.json"], ["globPattern": "**/*", "kind": 4]])

        func pages() throws -> Set<String> {
            let symbols = try client.request("workspace/symbol", ["query": ""]).arrayValue ?? []
            return Set(symbols.compactMap { $0["location"]?["uri"]?.stringValue }.map { String($0.dropFirst(client.root.absoluteString.count + 1)) })
        }
        #expect(try pages() == ["docs/a/setup.md", "docs/a/tips.md", "docs/b/index.md"])
        try FileManager.default.removeItem(at: client.root.appendingPathComponent("docs/a"))
        client.notify("workspace/didChangeWatchedFiles", ["changes": [["uri": .string(client.uri("docs/a")), "type": 3]]])
        #expect(try pages() == ["docs/b/index.md"])
        // The deletion of a file that was no page changes nothing and republishes nothing.
        client.open("docs/b/index.md", "# B\n")
        let published = client.notifications("textDocument/publishDiagnostics").count
        client.notify("workspace/didChangeWatchedFiles", ["changes": [["uri": .string(client.uri("docs/b/picture.png")), "type": 3]]])
        #expect(client.notifications("textDocument/publishDiagnostics").count == published)
    }
}
