import DocentCore
import DocentIO
import Foundation
import Synchronization
import Testing
@testable import DocentLSP

/// The lifecycle as the specification has it: the client process watched, `initialized` once,
/// error codes by phase, progress only on a token the client accepted.
@Suite struct LifecycleTests {
    @Test func theServerLeavesWhenTheClientProcessIsGone() throws {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/sleep")
        child.arguments = ["0.3"]
        try child.run()
        let exitCodes = Mutex<[Int32]>([])
        let server = LanguageServer(sink: CollectingSink(), parentCheckInterval: 0.05, parentGone: { code in exitCodes.withLock { $0.append(code) } })
        server.receive(JSONSerializer.bytes(["jsonrpc": "2.0", "id": 1, "method": "initialize",
                                             "params": ["processId": JSONValue(Int(child.processIdentifier)), "capabilities": [:]]]))
        server.waitUntilIdle()
        Thread.sleep(forTimeInterval: 0.15)
        #expect(exitCodes.withLock { $0 } == [])
        child.waitUntilExit()
        let deadline = Date().addingTimeInterval(5)
        while exitCodes.withLock({ $0.isEmpty }) && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        Thread.sleep(forTimeInterval: 0.2)
        // Said once, with 1: the client never sent shutdown.
        #expect(exitCodes.withLock { $0 } == [1])
    }

    @Test func aLiveOrAbsentClientProcessKeepsTheServer() throws {
        let exitCodes = Mutex<[Int32]>([])
        for processId: JSONValue in [JSONValue(Int(ProcessInfo.processInfo.processIdentifier)), .null] {
            let server = LanguageServer(sink: CollectingSink(), parentCheckInterval: 0.02, parentGone: { code in exitCodes.withLock { $0.append(code) } })
            server.receive(JSONSerializer.bytes(["jsonrpc": "2.0", "id": 1, "method": "initialize", "params": ["processId": processId, "capabilities": [:]]]))
            server.waitUntilIdle()
            Thread.sleep(forTimeInterval: 0.1)
        }
        #expect(exitCodes.withLock { $0 } == [])
    }

    static func progressKinds(_ client: TestClient) -> [String] {
        client.notifications("$/progress").compactMap { $0["params"]?["value"]?["kind"]?.stringValue }
    }

    static func createRequestID(_ client: TestClient) throws -> JSONValue {
        let create = client.sink.messages.withLock { $0.last { $0["method"] == "window/workDoneProgress/create" } }
        return try #require(create?["id"])
    }

    @Test func progressWaitsForTheClientToAcceptItsToken() throws {
        let refusing = try TestClient(files: SampleWorkspace.files, capabilities: ["window": ["workDoneProgress": true]])
        // Indexing is done, the client has not answered yet: nothing was sent on the token.
        #expect(Self.progressKinds(refusing) == [])
        refusing.send(["jsonrpc": "2.0", "id": try Self.createRequestID(refusing), "error": ["code": -32603, "message": "no progress here"]])
        #expect(Self.progressKinds(refusing) == [])

        let accepting = try TestClient(files: SampleWorkspace.files, capabilities: ["window": ["workDoneProgress": true]])
        #expect(Self.progressKinds(accepting) == [])
        accepting.send(["jsonrpc": "2.0", "id": try Self.createRequestID(accepting), "result": .null])
        // Accepted after indexing: the progress begins and ends, so the token closes.
        #expect(Self.progressKinds(accepting) == ["begin", "end"])
        #expect(accepting.notifications("$/progress").last?["params"]?["value"]?["message"] == "2 documents")
    }

    @Test func progressAcceptedDuringIndexingIsReportedFromThen() {
        let sink = CollectingSink()
        let accepted = IndexingProgress(token: "t", sink: sink)
        accepted.report("1/3 files", percentage: 33)
        accepted.answered(accepted: true)
        accepted.report("2/3 files", percentage: 66)
        accepted.end("3 documents")
        accepted.catchUp()
        #expect(sink.messages.withLock { $0.compactMap { $0["params"]?["value"]?["kind"]?.stringValue } } == ["begin", "report", "end"])

        let refusedSink = CollectingSink()
        let refused = IndexingProgress(token: "t", sink: refusedSink)
        refused.answered(accepted: false)
        refused.report("1/3 files", percentage: 33)
        refused.end("3 documents")
        refused.catchUp()
        #expect(refusedSink.messages.withLock { $0 } == [])
    }

    @Test func initializedIsHandledOnce() throws {
        let client = try TestClient(files: SampleWorkspace.files, capabilities: [
            "window": ["workDoneProgress": true], "workspace": ["didChangeWatchedFiles": ["dynamicRegistration": true]],
        ])
        func requests(_ method: String) -> Int { client.sink.messages.withLock { $0.filter { $0["method"]?.stringValue == method && $0["id"] != nil }.count } }
        #expect(requests("client/registerCapability") == 1)
        #expect(requests("window/workDoneProgress/create") == 1)
        client.notify("initialized", [:])
        #expect(requests("client/registerCapability") == 1)
        #expect(requests("window/workDoneProgress/create") == 1)
        #expect(client.notifications("window/logMessage").contains { $0["params"]?["message"] == "initialized came again; ignored" })
        _ = try client.request("shutdown", .null)
        let sent = client.sink.messages.withLock { $0.count }
        client.notify("initialized", [:])
        #expect(client.sink.messages.withLock { $0.count } == sent)
    }

    @Test func unknownRequestsAreAnsweredByPhase() throws {
        let client = try TestClient(files: SampleWorkspace.files, initialize: false)
        func code(_ method: String) -> Int? { client.response(method, [:])["error"]?["code"]?.intValue }
        #expect(code("foo/bar") == -32002)
        #expect(code("textDocument/hover") == -32002)
        _ = try client.request("initialize", ["rootUri": .string(client.root.absoluteString), "capabilities": [:]])
        client.notify("initialized", [:])
        #expect(code("foo/bar") == -32601)
        _ = try client.request("shutdown", .null)
        #expect(code("foo/bar") == -32600)
        #expect(code("textDocument/hover") == -32600)
        // A second shutdown is a request after shutdown as well (review: it was answered with null).
        #expect(code("shutdown") == -32600)
    }
}
