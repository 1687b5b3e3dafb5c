import DocentIO
import Foundation
import Synchronization

/// Where the server's outgoing messages go: stdout for `docent lsp`, a buffer for in-process tests.
public protocol MessageSink: Sendable {
    func send(_ message: JSONValue)
}

/// Writes framed messages to a file descriptor, one at a time.
public final class FileDescriptorSink: MessageSink {
    private let descriptor: Int32
    private let lock = Mutex<Void>(())

    public init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    public func send(_ message: JSONValue) {
        let bytes = MessageFramer.frame(JSONSerializer.bytes(message))
        lock.withLock { _ in
            bytes.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                    if written <= 0 {
                        if written < 0 && errno == EINTR { continue }
                        return  // The client went away; the reader sees EOF and the server exits.
                    }
                    offset += written
                }
            }
        }
    }
}

/// Logs to stderr only (stdout carries the protocol).
enum ServerLog {
    static func write(_ message: String) {
        FileHandle.standardError.write(Data(("docent: " + message + "\n").utf8))
    }
}
