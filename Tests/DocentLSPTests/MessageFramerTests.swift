import Testing
@testable import DocentLSP

@Suite struct MessageFramerTests {
    let first = Array(#"{"jsonrpc":"2.0","id":1,"method":"a"}"#.utf8)
    let second = Array(#"{"jsonrpc":"2.0","method":"b","params":{"text":"é😀"}}"#.utf8)

    @Test func messageSplitAtEveryByteComesOutWhole() {
        let stream = MessageFramer.frame(first) + MessageFramer.frame(second)
        for split in 0...stream.count {
            var framer = MessageFramer()
            let events = framer.feed(stream[..<split]) + framer.feed(stream[split...])
            #expect(events == [.message(first), .message(second)], "split at \(split)")
        }
    }

    @Test func byteByByteFeeding() {
        var framer = MessageFramer()
        var events: [MessageFramer.Event] = []
        for byte in MessageFramer.frame(second) { events += framer.feed([byte]) }
        #expect(events == [.message(second)])
    }

    @Test func severalMessagesInOneRead() {
        var framer = MessageFramer()
        let events = framer.feed(MessageFramer.frame(first) + MessageFramer.frame(second) + MessageFramer.frame(first))
        #expect(events == [.message(first), .message(second), .message(first)])
    }

    @Test func headersAreCaseInsensitiveAndContentTypeIsIgnored() {
        var framer = MessageFramer()
        let header = Array("content-length: \(first.count)\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n".utf8)
        #expect(framer.feed(header + first) == [.message(first)])
    }

    /// Another charset than UTF-8 sets the body apart, for the server to refuse; `utf8` (accepted by
    /// the specification for backwards compatibility), quotes and any case are UTF-8 still.
    @Test func aCharsetOtherThanUTF8IsSetApart() {
        func events(_ contentType: String) -> [MessageFramer.Event] {
            var framer = MessageFramer()
            return framer.feed(Array("Content-Length: \(first.count)\r\nContent-Type: \(contentType)\r\n\r\n".utf8) + first + MessageFramer.frame(second))
        }
        #expect(events("application/vscode-jsonrpc; charset=latin1") == [.unsupportedCharset(first, charset: "latin1"), .message(second)])
        #expect(events("application/vscode-jsonrpc; charset=\"UTF-16\"") == [.unsupportedCharset(first, charset: "UTF-16"), .message(second)])
        // A parameter's name is case-insensitive (RFC 9110).
        #expect(events("application/vscode-jsonrpc; Charset=latin1") == [.unsupportedCharset(first, charset: "latin1"), .message(second)])
        for utf8 in ["application/vscode-jsonrpc; charset=utf8", "application/vscode-jsonrpc;charset=\"UTF-8\"", "application/vscode-jsonrpc", "text/plain; format=x"] {
            #expect(events(utf8) == [.message(first), .message(second)], "\(utf8)")
        }
    }

    /// `params?: array | object`: a notification or request to the client without parameters leaves
    /// the member out rather than sending `null`.
    @Test func outgoingMessagesLeaveOutNullParameters() {
        #expect(OutgoingMessage.notification("a", .null) == ["jsonrpc": "2.0", "method": "a"])
        #expect(OutgoingMessage.notification("a", ["x": 1]) == ["jsonrpc": "2.0", "method": "a", "params": ["x": 1]])
        #expect(OutgoingMessage.request(id: .number(3), "b", .null) == ["jsonrpc": "2.0", "id": 3, "method": "b"])
    }

    @Test func missingContentLengthIsAnErrorAndTheNextMessageStillArrives() {
        var framer = MessageFramer()
        let events = framer.feed(Array("Content-Type: x\r\n\r\n".utf8) + MessageFramer.frame(first))
        #expect(events == [.framingError("Missing Content-Length header"), .message(first)])
    }

    @Test func invalidAndNegativeLengthsAreErrors() {
        var framer = MessageFramer()
        #expect(framer.feed(Array("Content-Length: -5\r\n\r\n".utf8)) == [.framingError("Invalid Content-Length: -5")])
        #expect(framer.feed(Array("Content-Length: abc\r\n\r\n".utf8)) == [.framingError("Invalid Content-Length: abc")])
        #expect(framer.feed(MessageFramer.frame(first)) == [.message(first)])
    }

    @Test func zeroLengthBodyIsAnEmptyMessage() {
        var framer = MessageFramer()
        #expect(framer.feed(Array("Content-Length: 0\r\n\r\n".utf8)) == [.message([])])
    }

    @Test func oversizedBodyIsRefusedWithoutBufferingAndSkipped() {
        var framer = MessageFramer(maximumContentLength: 10)
        let events = framer.feed(Array("Content-Length: 20\r\n\r\n".utf8) + [UInt8](repeating: 0x41, count: 20) + MessageFramer.frame(Array("{}".utf8)))
        #expect(events == [.framingError("Content-Length 20 exceeds the limit of 10 bytes"), .message(Array("{}".utf8))])
    }

    /// The limit is the largest body taken, not the first refused.
    @Test func aBodyOfExactlyTheLimitIsTaken() {
        var framer = MessageFramer(maximumContentLength: 2)
        #expect(framer.feed(Array("Content-Length: 2\r\n\r\n{}".utf8)) == [.message(Array("{}".utf8))])
    }

    /// Some clients and hand-written scripts end header lines with a bare line feed.
    @Test func bareLineFeedsEndTheHeader() {
        var framer = MessageFramer()
        #expect(framer.feed(Array("Content-Length: 2\nContent-Type: x\n\n{}".utf8)) == [.message(Array("{}".utf8))])
    }

    @Test func truncatedBodyIsPartial() {
        var framer = MessageFramer()
        #expect(framer.feed(Array("Content-Length: 10\r\n\r\n{\"a\"".utf8)).isEmpty)
        #expect(framer.hasPartialMessage)
    }
}
