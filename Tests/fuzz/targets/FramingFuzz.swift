import DocentIO
import DocentLSP

/// Fuzz target: LSP framing, JSON-RPC decoding and dispatch.
///
/// The input is a byte stream from a client. It is fed to `MessageFramer` in two pieces (split where
/// the first byte says), every body is decoded on its own, and the whole stream is served by a fresh
/// `LanguageServer` whose output is discarded. The server is initialized first unless the first byte
/// is odd, so most inputs reach the request handlers rather than ServerNotInitialized.
///
/// Inputs that name workspace folders are skipped: they would make the server read the disk
/// (`rootUri: file:///`), which is slow, not wrong, and is covered by the workspace tests.
final class DiscardingSink: MessageSink {
    func send(_ message: JSONValue) {
        // Serialize, as the real sink does, so the output path is fuzzed too.
        _ = MessageFramer.frame(JSONSerializer.bytes(message))
    }
}

private let diskReachingWords: [[UInt8]] = ["rootUri", "rootPath", "workspaceFolders", "WorkspaceFolders", "didChangeWatchedFiles", "didSave"].map { Array($0.utf8) }

private func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
    guard haystack.count >= needle.count, let first = needle.first else { return false }
    var index = 0
    while index <= haystack.count - needle.count {
        if haystack[index] == first {
            var matched = true
            for offset in 1..<needle.count where haystack[index + offset] != needle[offset] { matched = false; break }
            if matched { return true }
        }
        index += 1
    }
    return false
}

private func initializeMessage(utf8: Bool) -> [UInt8] {
    let encodings = utf8 ? #"["utf-8","utf-16"]"# : #"["utf-16"]"#
    let body = #"{"jsonrpc":"2.0","id":"fuzz-init","method":"initialize","params":{"capabilities":{"general":{"positionEncodings":\#(encodings)}}}}"#
    return MessageFramer.frame(Array(body.utf8)) + MessageFramer.frame(Array(#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#.utf8))
}

@_cdecl("LLVMFuzzerTestOneInput")
public func framingFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = UnsafeBufferPointer(start: data, count: size)
    if diskReachingWords.contains(where: { contains(input, $0) }) { return -1 }
    let control = size > 0 ? input[0] : 0
    let stream = Array(input.dropFirst(size > 0 ? 1 : 0))

    // Framing with a small limit, split at a chosen place, so the oversize path is reached.
    var framer = MessageFramer(maximumContentLength: 4096)
    let split = stream.isEmpty ? 0 : Int(control) % (stream.count + 1)
    var bodies: [[UInt8]] = []
    for event in framer.feed(stream[..<split]) + framer.feed(stream[split...]) {
        if case .message(let body) = event { bodies.append(body) }
    }
    _ = framer.hasPartialMessage

    // Each body alone, and the raw stream as one body (most fuzz inputs are not framed at all).
    for body in bodies { _ = IncomingMessage.decode(body) }
    _ = IncomingMessage.decode(stream)

    // The whole session through a server.
    let server = LanguageServer(sink: DiscardingSink(), diskPollInterval: 0)
    var serverFramer = MessageFramer()
    var events = control & 1 == 0 ? serverFramer.feed(initializeMessage(utf8: control & 2 == 0)) : []
    events += serverFramer.feed(stream)
    for event in events {
        switch event {
        case .message(let body): server.receive(body)
        case .framingError(let message): server.receiveFramingError(message)
        case .unsupportedCharset(let body, let charset): server.receiveUnsupportedCharset(body, charset: charset)
        }
        if server.exitCode != nil { break }
    }
    // Unframed input is served as a single body too.
    if bodies.isEmpty && server.exitCode == nil { server.receive(stream) }
    server.waitUntilIdle()
    return 0
}
