import DocentIO
import Foundation

/// `docent lsp`: reads framed messages from stdin on this thread, hands them to the server, and exits
/// when the client says `exit` or closes the stream.
public enum LanguageServerMain {
    public static func runOnStandardStreams() -> Int32 {
        signal(SIGPIPE, SIG_IGN)
        let server = LanguageServer(sink: FileDescriptorSink(descriptor: STDOUT_FILENO))
        var framer = MessageFramer()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress!, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 {
                if framer.hasPartialMessage { ServerLog.write("the client closed the stream in the middle of a message") }
                server.waitUntilIdle()
                return server.exitCode ?? (server.hasShutDown ? 0 : 1)
            }
            for event in framer.feed(buffer[0..<count]) {
                switch event {
                case .message(let body): server.receive(body)
                case .framingError(let message): server.receiveFramingError(message)
                case .unsupportedCharset(let body, let charset): server.receiveUnsupportedCharset(body, charset: charset)
                }
            }
            if let code = server.exitCode {
                return code
            }
        }
    }
}
