/// The `Content-Length` framing of LSP as a byte state machine (swift-tools-protocols
/// `MessageSplitting`): feed it bytes in any split, take complete message bodies out.
///
/// Header names are case-insensitive; a `Content-Type` whose charset is not UTF-8 (`utf-8`, or `utf8`,
/// which the specification accepts for backwards compatibility) sets its body apart, for the server
/// to refuse (the specification's only encoding is UTF-8); a body longer than
/// `maximumContentLength` is refused without allocating it, and its bytes are skipped so the stream
/// stays in step. After a wrong `Content-Length` the rest of a body runs into the next header block;
/// the framer reports it and resynchronises at the `Content-Length` in that block, so one bad length
/// costs one or two messages, not the rest of the session.
public struct MessageFramer {
    public static let defaultMaximumContentLength = 64 * 1024 * 1024

    public enum Event: Equatable {
        case message([UInt8])
        /// A body whose `Content-Type` names another charset than UTF-8 (the charset as written).
        case unsupportedCharset([UInt8], charset: String)
        /// A header block that could not be used; the stream resynchronises at the next header.
        case framingError(String)
    }

    private enum State {
        case header
        case body(length: Int, charset: String?)
        case skipping(remaining: Int)
    }

    private var state = State.header
    private var buffer: [UInt8] = []
    private var scanStart = 0
    public let maximumContentLength: Int

    public init(maximumContentLength: Int = MessageFramer.defaultMaximumContentLength) {
        self.maximumContentLength = maximumContentLength
    }

    /// Whether bytes of an unfinished message are buffered (for reporting a truncated stream at EOF).
    public var hasPartialMessage: Bool {
        switch state {
        case .header: return buffer.contains { $0 != 0x0D && $0 != 0x0A && $0 != 0x20 }
        case .body, .skipping: return true
        }
    }

    public mutating func feed(_ bytes: some Collection<UInt8>) -> [Event] {
        buffer.append(contentsOf: bytes)
        var events: [Event] = []
        while true {
            switch state {
            case .header:
                guard let end = headerEnd() else {
                    if buffer.count > 64 * 1024 {
                        events.append(.framingError("Header block longer than 64 KiB"))
                        buffer.removeAll()
                        scanStart = 0
                    }
                    return events
                }
                let header = Array(buffer[..<end.headerEnd])
                buffer.removeFirst(end.bodyStart)
                scanStart = 0
                var result = parseHeader(header)
                if case .failure(let message) = result, let resume = lastContentLengthHeader(in: header), resume > 0,
                   case .success = parseHeader(Array(header[resume...])) {
                    events.append(.framingError("\(message); skipped \(resume) bytes up to the next Content-Length header"))
                    result = parseHeader(Array(header[resume...]))
                }
                switch result {
                case .success(let length, let charset):
                    if length > maximumContentLength {
                        events.append(.framingError("Content-Length \(length) exceeds the limit of \(maximumContentLength) bytes"))
                        state = .skipping(remaining: length)
                    } else {
                        state = .body(length: length, charset: charset)
                    }
                case .failure(let message):
                    events.append(.framingError(message))
                }
            case .body(let length, let charset):
                guard buffer.count >= length else { return events }
                let body = Array(buffer[..<length])
                events.append(charset.map { .unsupportedCharset(body, charset: $0) } ?? .message(body))
                buffer.removeFirst(length)
                state = .header
            case .skipping(let remaining):
                let skipped = min(remaining, buffer.count)
                buffer.removeFirst(skipped)
                if skipped < remaining {
                    state = .skipping(remaining: remaining - skipped)
                    return events
                }
                state = .header
            }
        }
    }

    /// Finds `\r\n\r\n` (or a bare `\n\n`, tolerated) ending the header block.
    private mutating func headerEnd() -> (headerEnd: Int, bodyStart: Int)? {
        var index = max(0, scanStart)
        while index < buffer.count {
            if buffer[index] == 0x0A {
                if index >= 1 && buffer[index - 1] == 0x0A { return (index - 1, index + 1) }
                if index >= 3 && buffer[index - 1] == 0x0D && buffer[index - 2] == 0x0A && buffer[index - 3] == 0x0D { return (index - 3, index + 1) }
            }
            index += 1
        }
        scanStart = max(0, buffer.count - 3)
        return nil
    }

    /// The length, and the charset when it is not UTF-8.
    private enum HeaderResult { case success(Int, charset: String?), failure(String) }

    /// The offset of the last `content-length` (any case) in a header block.
    private func lastContentLengthHeader(in header: [UInt8]) -> Int? {
        let name = Array("content-length".utf8)
        guard header.count >= name.count else { return nil }
        var start = header.count - name.count
        while start >= 0 {
            var matches = true
            for (offset, byte) in name.enumerated() {
                let found = header[start + offset]
                if (found >= 0x41 && found <= 0x5A ? found | 0x20 : found) == byte { continue }
                matches = false
                break
            }
            if matches { return start }
            start -= 1
        }
        return nil
    }

    private func parseHeader(_ header: [UInt8]) -> HeaderResult {
        let text = String(decoding: header, as: UTF8.self)
        var length: Int?
        var charset: String?
        for rawLine in text.split(whereSeparator: { $0 == "\r\n" || $0 == "\n" || $0 == "\r" }) {
            let line = rawLine.trimmingCharacters()
            if line.isEmpty { continue }
            guard let colon = line.firstIndex(of: ":") else { return .failure("Malformed header line: \(line.prefix(80))") }
            let name = line[..<colon].trimmingCharacters().lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters()
            if name == "content-length" {
                guard let parsed = Int(value), parsed >= 0 else { return .failure("Invalid Content-Length: \(value.prefix(40))") }
                length = parsed
            } else if name == "content-type" {
                charset = Self.foreignCharset(ofContentType: value)
            }
        }
        guard let length else { return .failure("Missing Content-Length header") }
        return .success(length, charset: charset)
    }

    /// The `charset` parameter of a `Content-Type` value when it names anything but UTF-8
    /// (`application/vscode-jsonrpc; charset=utf-8`, the default, and `utf8` are UTF-8).
    static func foreignCharset(ofContentType value: String) -> String? {
        for parameter in value.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters() }
            guard pair.count == 2, pair[0].lowercased() == "charset" else { continue }
            var charset = Substring(pair[1])
            if charset.count >= 2, charset.first == "\"", charset.last == "\"" { charset = charset.dropFirst().dropLast() }
            return ["utf-8", "utf8"].contains(charset.lowercased()) ? nil : String(charset)
        }
        return nil
    }

    /// Frames a body for sending.
    public static func frame(_ body: [UInt8]) -> [UInt8] {
        Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body
    }
}

extension StringProtocol {
    func trimmingCharacters() -> String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice.removeFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice.removeLast() }
        return String(slice)
    }
}
