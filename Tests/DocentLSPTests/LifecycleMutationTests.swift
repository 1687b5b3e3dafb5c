import DocentCore
import DocentIO
import Foundation
import Testing
@testable import DocentLSP

/// Lifecycle behaviour that mutation testing found unpinned: a second `initialize`, notifications
/// outside the running phase, a request cancelled while it waits, and a stream that ends right after
/// `shutdown`.
@Suite struct LifecycleMutationTests {
    /// A second `initialize` is InvalidRequest and changes nothing: the workspace read by the first
    /// stays served, in the encoding the first negotiated.
    @Test func aSecondInitializeIsRefusedAndChangesNothing() throws {
        let client = try TestClient(files: SampleWorkspace.files)
        let symbols = try client.request("workspace/symbol", ["query": ""])
        #expect(symbols.arrayValue?.isEmpty == false)
        let other = FileManager.default.temporaryDirectory.appendingPathComponent("docent-empty-\(UUID().uuidString)")
        let again = client.response("initialize", ["rootUri": .string(other.absoluteString),
                                                   "capabilities": ["general": ["positionEncodings": ["utf-8"]]]])
        #expect(again["error"]?["code"]?.intValue == -32600)
        #expect(again["error"]?["message"]?.stringValue == "The server is already initialized")
        #expect(again["result"] == nil)
        #expect(try client.request("workspace/symbol", ["query": ""]) == symbols)
        client.server.waitUntilIdle()
        #expect(client.server.workspaces.filter(\.isOnDisk).map(\.root.path) == [client.root.path])
        #expect(client.server.encoding == .utf16)
    }

    /// Before `initialize` a notification is dropped (the specification: "notifications should be
    /// dropped, except for the exit notification"); after `shutdown` too. A document opened then is
    /// not diagnosed, and is unknown once the server runs.
    @Test func notificationsOutsideTheRunningPhaseAreDropped() throws {
        let client = try TestClient(files: SampleWorkspace.files, initialize: false)
        let page = "# Notes\n\nOpen the dochub viewer.\n"
        client.open("docs/early.md", page)
        #expect(client.sink.messages.withLock { $0 } == [])
        _ = try client.request("initialize", ["rootUri": .string(client.root.absoluteString), "capabilities": [:]])
        client.notify("initialized", [:])
        #expect(client.publishedDiagnostics("docs/early.md") == nil)
        let hover = client.response("textDocument/hover", client.textDocumentPosition("docs/early.md", ["line": 2, "character": 10]))
        #expect(hover["error"]?["code"]?.intValue == -32602)

        _ = try client.request("shutdown", .null)
        let sent = client.sink.messages.withLock { $0.count }
        client.open("docs/late.md", page)
        client.notify("workspace/didChangeConfiguration", ["settings": ["docent": ["rules": ["term-casing": "error"]]]])
        #expect(client.sink.messages.withLock { $0.count } == sent)
    }

    /// A request cancelled while it waits is not run: a cancelled `shutdown` answers RequestCancelled
    /// and leaves the server running, so the requests after it are served.
    @Test func aCancelledShutdownDoesNotShutTheServerDown() throws {
        let client = try TestClient(files: SampleWorkspace.files)
        let response = client.responseCancelledWhileWaiting(id: 77, "shutdown")
        #expect(response?["error"]?["code"]?.intValue == -32800)
        #expect(!client.server.hasShutDown)
        #expect(client.response("workspace/symbol", ["query": ""])["error"] == nil)
        client.notify("exit", .null)
        #expect(client.server.exitCode == 1)
    }

    /// A request cancelled while it waits answers RequestCancelled whatever the phase: before
    /// `initialize` too (not ServerNotInitialized).
    @Test func aCancelledRequestBeforeInitializeAnswersRequestCancelled() throws {
        let client = try TestClient(files: SampleWorkspace.files, initialize: false)
        let response = client.responseCancelledWhileWaiting(id: 5, "workspace/symbol", ["query": ""])
        #expect(response?["error"]?["code"]?.intValue == -32800)
    }

    /// The stream ending right after `shutdown` (the client does not wait for the answer, nor send
    /// `exit`): everything received is handled first, so the server has shut down and exits with 0.
    @Test func endOfInputRightAfterShutdownExitsWithZero() throws {
        let binary = try #require(EndToEndTests.binary, "build docent first (swift build) or set DOCENT_BINARY")
        // A workspace large enough that reading it (on `initialized`) takes a while.
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("docent-eof-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("docs"), withIntermediateDirectories: true)
        try Data(SampleWorkspace.glossary.utf8).write(to: root.appendingPathComponent("docs/glossary.md"))
        try Data(#"{ "glossaries": ["docs/glossary.md"] }"#.utf8).write(to: root.appendingPathComponent("docent.json"))
        let body = String(repeating: "Open the dochub viewer and read the Service Catalog entry for each service. ", count: 40)
        for index in 0..<400 {
            try Data("# Page \(index)\n\n\(body)\n".utf8).write(to: root.appendingPathComponent("docs/page-\(index).md"))
        }
        let server = try ServerProcess(binary: binary)
        defer { server.terminate() }
        server.startReading()
        var bytes: [UInt8] = []
        for message: JSONValue in [
            ["jsonrpc": "2.0", "id": 1, "method": "initialize", "params": ["rootUri": .string(root.absoluteString), "capabilities": [:]]],
            ["jsonrpc": "2.0", "method": "initialized", "params": [:]],
            ["jsonrpc": "2.0", "id": 2, "method": "shutdown"],
        ] { bytes += MessageFramer.frame(JSONSerializer.bytes(message)) }
        server.sendRaw(bytes)
        server.closeInput()
        #expect(server.waitForExit(timeout: 60) == 0)
        let messages = server.waitForMessages(timeout: 5) { $0.contains { $0["id"] == 2 } }
        #expect(messages.first { $0["id"] == 2 }?["result"] == .null)
    }
}
