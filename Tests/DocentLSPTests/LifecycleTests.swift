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
}
