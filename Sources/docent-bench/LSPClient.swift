import DocentIO
import DocentLSP
import Foundation
import Synchronization

/// A minimal LSP client over the pipes of a spawned `docent lsp`, for measuring round trips as an
/// editor sees them. A reader thread decodes frames; callers wait for a message matching a predicate.
final class PipeLSPClient: @unchecked Sendable {
    let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let inbox = Mutex<[JSONValue]>([])
    private let arrived = DispatchSemaphore(value: 0)
    private var nextID = 1

    init(binary: URL) throws {
        process.executableURL = binary
        process.arguments = ["lsp"]
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let handle = output.fileHandleForReading
        Thread.detachNewThread { [self] in
            var framer = MessageFramer()
            while true {
                let data = handle.availableData
                if data.isEmpty { return }
                for event in framer.feed([UInt8](data)) {
                    guard case .message(let body) = event, let message = try? JSONParser.parse(body) else { continue }
                    inbox.withLock { $0.append(message) }
                    arrived.signal()
                }
            }
        }
    }

    func send(_ message: JSONValue) {
        input.fileHandleForWriting.write(Data(MessageFramer.frame(JSONSerializer.bytes(message))))
    }

    func notify(_ method: String, _ params: JSONValue) {
        send(["jsonrpc": "2.0", "method": .string(method), "params": params])
    }

    /// Sends a request and returns (response, milliseconds until it arrived).
    func request(_ method: String, _ params: JSONValue) -> (JSONValue, Double) {
        let id = nextID
        nextID += 1
        let start = DispatchTime.now().uptimeNanoseconds
        send(["jsonrpc": "2.0", "id": JSONValue(id), "method": .string(method), "params": params])
        let response = wait { $0["id"]?.intValue == id && $0["method"] == nil }
        return (response, Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
    }

    /// Waits for (and removes) the first message matching `predicate`; answers server requests on the way.
    func wait(timeout: Double = 120, _ predicate: (JSONValue) -> Bool) -> JSONValue {
        let deadline = DispatchTime.now() + timeout
        while true {
            let found: JSONValue? = inbox.withLock { messages in
                // The server's own requests (registerCapability, workDoneProgress/create) get a null result.
                for message in messages where message["method"] != nil && message["id"] != nil {
                    send(["jsonrpc": "2.0", "id": message["id"]!, "result": .null])
                }
                messages.removeAll { $0["method"] != nil && $0["id"] != nil }
                guard let index = messages.firstIndex(where: predicate) else { return nil }
                return messages.remove(at: index)
            }
            if let found { return found }
            if arrived.wait(timeout: deadline) == .timedOut { return .null }
        }
    }

    /// Drops everything received so far.
    func drain() { inbox.withLock { $0.removeAll() } }

    func shutdown() {
        _ = request("shutdown", .null)
        notify("exit", .null)
        process.waitUntilExit()
    }
}
