import DocentCore
import DocentIO
import Foundation
import Synchronization
import Testing
@testable import DocentLSP

/// Hostile protocol input: every malformed, misshapen or abusive thing a client can send is answered
/// (or, for a notification, said on stderr) and the server keeps serving. In process, the bytes go
/// through `MessageFramer` into the server exactly as `docent lsp` passes them; over real pipes, the
/// built binary is flooded, starved and cut off.
@Suite struct HostileProtocolTests {
    /// A server fed raw bytes the way `LanguageServerMain` feeds it.
    final class ByteStreamClient {
        let sink = CollectingSink()
        let server: LanguageServer
        var framer = MessageFramer()

        init(initialize: Bool = true, encodings: [String] = ["utf-16"]) {
            server = LanguageServer(sink: sink, diskPollInterval: 0)
            if initialize {
                feed(request(id: "init", "initialize", ["capabilities": ["general": ["positionEncodings": .array(encodings.map(JSONValue.string))]]]))
                feed(notification("initialized", [:]))
            }
        }

        func feed(_ bytes: [UInt8]) {
            for event in framer.feed(bytes) {
                switch event {
                case .message(let body): server.receive(body)
                case .framingError(let message): server.receiveFramingError(message)
                case .unsupportedCharset(let body, let charset): server.receiveUnsupportedCharset(body, charset: charset)
                }
            }
            server.waitUntilIdle()
        }

        func feed(_ text: String) { feed(Array(text.utf8)) }

        var messages: [JSONValue] { sink.messages.withLock { $0 } }

        func responses(id: JSONValue) -> [JSONValue] { messages.filter { $0["id"] == id && $0["method"] == nil } }

        /// Error responses with a null id (parse errors and invalid messages).
        var anonymousErrors: [JSONValue] { messages.filter { $0["id"] == .null && $0["error"] != nil } }

        func clear() { sink.messages.withLock { $0.removeAll() } }
    }

    static func frame(_ message: JSONValue) -> [UInt8] { MessageFramer.frame(JSONSerializer.bytes(message)) }

    static func request(id: JSONValue, _ method: String, _ params: JSONValue) -> [UInt8] {
        frame(["jsonrpc": "2.0", "id": id, "method": .string(method), "params": params])
    }

    static func notification(_ method: String, _ params: JSONValue) -> [UInt8] {
        frame(["jsonrpc": "2.0", "method": .string(method), "params": params])
    }

    func request(id: JSONValue, _ method: String, _ params: JSONValue) -> [UInt8] { Self.request(id: id, method, params) }
    func notification(_ method: String, _ params: JSONValue) -> [UInt8] { Self.notification(method, params) }

    static let page = "file:///hostile/docs/page.md"
    static let pageText = "# Page\n\nThe Service Catalog lists 😀 software.\r\nSecond line é\n"

    static func didOpen(_ uri: String = page, _ text: String = pageText, version: Int = 1) -> [UInt8] {
        notification("textDocument/didOpen", ["textDocument": ["uri": .string(uri), "languageId": "markdown", "version": JSONValue(version), "text": .string(text)]])
    }

    static func symbolRequest(_ id: Int) -> [UInt8] { request(id: JSONValue(id), "workspace/symbol", ["query": ""]) }

    // MARK: Framing

    @Test func missingWrongNegativeAndHugeContentLengthsAreAnsweredAndTheStreamRecovers() {
        let client = ByteStreamClient()
        client.clear()
        client.feed("Content-Type: application/vscode-jsonrpc\r\n\r\n")
        client.feed("Content-Length: -5\r\n\r\n")
        client.feed("Content-Length: twelve\r\n\r\n")
        client.feed("Content-Length: 99999999999999999999999\r\n\r\n")
        client.feed("Content-Length:\r\n\r\n")
        client.feed("no colon at all\r\n\r\n")
        #expect(client.anonymousErrors.count == 6)
        #expect(client.anonymousErrors.allSatisfy { $0["error"]?["code"] == -32700 })
        client.feed(Self.symbolRequest(1))
        #expect(client.responses(id: 1).count == 1, "the stream is in step after six bad headers")
    }

    @Test func aLengthOverTheLimitIsRefusedWithoutAllocatingIt() {
        let client = ByteStreamClient()
        client.clear()
        // One tebibyte: allocating it would end the process; the framer answers and skips instead.
        client.feed("Content-Length: \(1 << 40)\r\n\r\n{\"jsonrpc\":\"2.0\"")
        #expect(client.anonymousErrors.count == 1)
        #expect(client.anonymousErrors.first?["error"]?["message"]?.stringValue?.contains("exceeds the limit") == true)
        #expect(client.framer.hasPartialMessage, "the announced bytes are being skipped")

        // With a small limit the skipped body really passes and the next message is served.
        var small = MessageFramer(maximumContentLength: 100)
        let events = small.feed(Array("Content-Length: 400\r\n\r\n".utf8) + [UInt8](repeating: 0x7B, count: 400) + Self.symbolRequest(2))
        #expect(events.count == 2)
        #expect(events.last == .message(JSONSerializer.bytes(["jsonrpc": "2.0", "id": 2, "method": "workspace/symbol", "params": ["query": ""]])))
    }

    @Test func aTooShortContentLengthCostsOneMessageNotTheSession() {
        let client = ByteStreamClient()
        client.clear()
        let body = JSONSerializer.bytes(["jsonrpc": "2.0", "id": 1, "method": "workspace/symbol", "params": ["query": ""]])
        // The length says 10: the body is cut, its rest runs into the next header block.
        client.feed(Array("Content-Length: 10\r\n\r\n".utf8) + body)
        client.feed(Self.symbolRequest(2))
        client.feed(Self.symbolRequest(3))
        #expect(client.responses(id: 1).isEmpty)
        #expect(client.anonymousErrors.count == 2, "the cut body (ParseError) and the skipped rest (framing error)")
        #expect(client.responses(id: 2).count == 1)
        #expect(client.responses(id: 3).count == 1)
    }

    @Test func aTooLongContentLengthCostsTwoMessagesNotTheSession() {
        let client = ByteStreamClient()
        client.clear()
        let body = JSONSerializer.bytes(["jsonrpc": "2.0", "id": 1, "method": "workspace/symbol", "params": ["query": ""]])
        client.feed(Array("Content-Length: \(body.count + 30)\r\n\r\n".utf8) + body)
        client.feed(Self.symbolRequest(2))
        client.feed(Self.symbolRequest(3))
        client.feed(Self.symbolRequest(4))
        #expect(client.responses(id: 1).isEmpty && client.responses(id: 2).isEmpty)
        #expect(client.responses(id: 3).count == 1)
        #expect(client.responses(id: 4).count == 1)
    }

    @Test func aTruncatedBodyWaitsAndIsReportedAtTheEnd() {
        let client = ByteStreamClient()
        client.clear()
        client.feed("Content-Length: 200\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":1,")
        #expect(client.messages.isEmpty)
        #expect(client.framer.hasPartialMessage)
    }

    // MARK: Bodies

    @Test func nonUTF8BodiesAreAnswered() {
        let client = ByteStreamClient()
        client.clear()
        // Invalid UTF-8 inside a string is repaired to U+FFFD and the request served.
        let prefix = Array(#"{"jsonrpc":"2.0","id":1,"method":"workspace/symbol","params":{"query":""#.utf8)
        let suffix = Array(#""}}"#.utf8)
        client.feed(MessageFramer.frame(prefix + [0xFF, 0xC3, 0x28, 0xED, 0xA0, 0x80] + suffix))
        #expect(client.responses(id: 1).first?["result"] != nil)
        // Outside a string it is a parse error with a null id.
        client.feed(MessageFramer.frame([0x7B, 0xFF, 0xFE, 0x7D]))
        client.feed(MessageFramer.frame((0..<256).map(UInt8.init)))
        client.feed(MessageFramer.frame([0xEF, 0xBB, 0xBF] + Array("[]".utf8)))
        client.feed(MessageFramer.frame([]))
        #expect(client.anonymousErrors.count == 4)
        client.feed(Self.symbolRequest(2))
        #expect(client.responses(id: 2).count == 1)
    }

    /// A client's text may hold a lone surrogate (a JavaScript string can, and `JSON.stringify` writes
    /// it as an escape): the message is applied, the surrogate read as U+FFFD, as invalid UTF-8 is,
    /// not refused as a parse error (an edit lost).
    @Test func aLoneSurrogateInAClientStringIsReadAsReplacementCharacter() {
        let client = ByteStreamClient()
        client.clear()
        client.feed(MessageFramer.frame(Array(##"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///hostile/docs/page.md","languageId":"markdown","version":1,"text":"# Smile \ud83d\u0041\n"}}}"##.utf8)))
        #expect(client.anonymousErrors.isEmpty)
        client.feed(request(id: 1, "textDocument/documentSymbol", ["textDocument": ["uri": .string(Self.page)]]))
        #expect(client.responses(id: 1).first?["result"]?[0]?["name"] == "Smile \u{FFFD}A")
    }

    @Test func validJSONOfTheWrongShapeIsAnswered() {
        let client = ByteStreamClient()
        client.clear()
        let shapes = ["[]", "[1,2]", "42", "\"text\"", "null", "true", "{}", #"{"id":1}"#, #"{"id":{},"method":"textDocument/hover"}"#,
                      #"{"id":[1],"method":"x"}"#, #"{"id":true,"method":"x"}"#, #"{"id":1.5,"method":"x"}"#, #"{"method":42}"#,
                      #"{"id":7,"method":null}"#, #"{"id":8,"method":"textDocument/hover","params":"text"}"#,
                      #"{"id":9,"method":"textDocument/hover","params":12}"#, #"{"id":10,"result":1,"error":{"code":1}}"#,
                      String(repeating: "[", count: 2000) + String(repeating: "]", count: 2000)]
        for shape in shapes { client.feed(MessageFramer.frame(Array(shape.utf8))) }
        let answered = client.messages.filter { $0["error"] != nil }
        // Every shape but the response-like one (a response to nothing, dropped) gets an error.
        #expect(answered.count == shapes.count - 1)
        #expect(client.responses(id: 7).first?["error"]?["code"] == -32600)
        #expect(client.responses(id: 8).first?["error"]?["code"] == -32600)
        client.feed(Self.symbolRequest(11))
        #expect(client.responses(id: 11).first?["result"] != nil)
    }

    @Test func everyRequestWithMisshapenParamsIsAnsweredOnce() {
        let client = ByteStreamClient()
        client.feed(Self.didOpen())
        client.clear()
        let shapes: [JSONValue] = [
            .null, [:], [1, 2], ["textDocument": 5], ["textDocument": ["uri": 5]], ["textDocument": ["uri": .string(Self.page)]],
            ["textDocument": ["uri": .string(Self.page)], "position": "here"],
            ["textDocument": ["uri": .string(Self.page)], "position": ["line": "1", "character": []]],
            ["textDocument": ["uri": .string(Self.page)], "position": ["line": 1.5, "character": 1e300]],
            ["textDocument": ["uri": .string(Self.page)], "position": ["line": 0, "character": 0], "range": 7, "context": "x", "newName": 3, "query": [:]],
            ["textDocument": ["uri": .string(Self.page)], "range": ["start": ["line": 0], "end": [:]], "context": ["diagnostics": 5, "only": 1]],
            ["label": 1, "data": "x", "query": 5, "previousResultIds": "x", "identifier": []],
        ]
        var id = 100
        var sent: [(Int, String)] = []
        for method in MessageRegistry.requestTypes.map({ $0.method }) where !["initialize", "shutdown"].contains(method) {
            for shape in shapes {
                client.feed(request(id: JSONValue(id), method, shape))
                sent.append((id, method))
                id += 1
            }
        }
        for (id, method) in sent {
            #expect(client.responses(id: JSONValue(id)).count == 1, "\(method) #\(id)")
        }
        // Notifications of the wrong shape are survived silently or with a log message.
        for method in MessageRegistry.notificationTypes.map({ $0.method }) where method != "initialized" {
            for shape in shapes { client.feed(notification(method, shape)) }
        }
        client.feed(Self.symbolRequest(1))
        #expect(client.responses(id: 1).first?["result"] != nil)
    }

    // MARK: Ids

    @Test func idsOfEveryLegalTypeComeBackAsSent() {
        let client = ByteStreamClient()
        client.clear()
        let ids: [JSONValue] = [0, -1, 1, JSONValue(9_007_199_254_740_991), JSONValue(-9_007_199_254_740_991), "", "1", "é😀", "id with spaces", .string(String(repeating: "x", count: 10_000))]
        for id in ids { client.feed(request(id: id, "workspace/symbol", ["query": ""])) }
        for id in ids {
            let responses = client.responses(id: id)
            #expect(responses.count == 1, "id \(id)")
            #expect(responses.first?["result"] != nil, "id \(id)")
        }
        // The string "1" and the number 1 are different ids.
        #expect(client.messages.filter { $0["id"] == "1" }.count == 1)
        #expect(client.messages.filter { $0["id"] == 1 }.count == 1)
    }

    @Test func aNullIDMakesANotification() {
        let client = ByteStreamClient()
        client.feed(Self.frame(["jsonrpc": "2.0", "id": .null, "method": "textDocument/didOpen", "params": [
            "textDocument": ["uri": .string(Self.page), "languageId": "markdown", "version": 1, "text": "# Null id\n"]]]))
        client.clear()
        // Applied, and nothing answered (a notification has no response).
        client.feed(request(id: 1, "textDocument/documentSymbol", ["textDocument": ["uri": .string(Self.page)]]))
        #expect(client.messages.count == 1)
        #expect(client.responses(id: 1).first?["result"]?[0]?["name"] == "Null id")
    }

    @Test func notificationsWithIDsAreAppliedAndAnswered() {
        let client = ByteStreamClient()
        client.clear()
        client.feed(Self.frame(["jsonrpc": "2.0", "id": 41, "method": "textDocument/didOpen", "params": [
            "textDocument": ["uri": .string(Self.page), "languageId": "markdown", "version": 1, "text": "# Opened with an id\n"]]]))
        #expect(client.responses(id: 41).first?["result"] == .null)
        #expect(client.responses(id: 41).first?["error"] == nil)
        client.feed(Self.frame(["jsonrpc": "2.0", "id": 42, "method": "textDocument/didChange", "params": [
            "textDocument": ["uri": .string(Self.page), "version": 2],
            "contentChanges": [["range": ["start": ["line": 0, "character": 2], "end": ["line": 0, "character": 8]], "text": "Changed"]]]]))
        #expect(client.responses(id: 42).count == 1)
        client.feed(request(id: 1, "textDocument/documentSymbol", ["textDocument": ["uri": .string(Self.page)]]))
        #expect(client.responses(id: 1).first?["result"]?[0]?["name"] == "Changed with an id", "no edit was lost")
    }

    @Test func cancellingUnknownAndFinishedRequestsKeepsNothing() {
        let client = ByteStreamClient()
        client.feed(Self.symbolRequest(1))
        for id in 0..<1000 { client.feed(notification("$/cancelRequest", ["id": JSONValue(id)])) }
        client.feed(notification("$/cancelRequest", ["id": "never sent"]))
        client.feed(notification("$/cancelRequest", ["id": [1]]))
        // A cancellation of a finished id does not cancel a later request that reuses the id.
        client.feed(Self.symbolRequest(1))
        #expect(client.responses(id: 1).allSatisfy { $0["result"] != nil })
        #expect(client.responses(id: 1).count == 2)
    }

    // MARK: Documents and positions

    @Test func requestsForUnknownDocumentsAreInvalidParams() {
        let client = ByteStreamClient()
        client.clear()
        let position: JSONValue = ["line": 0, "character": 0]
        let range: JSONValue = ["start": position, "end": position]
        let methods: [(String, JSONValue)] = [
            ("textDocument/hover", ["position": position]), ("textDocument/completion", ["position": position]),
            ("textDocument/definition", ["position": position]), ("textDocument/references", ["position": position, "context": ["includeDeclaration": true]]),
            ("textDocument/documentSymbol", [:]), ("textDocument/codeAction", ["range": range, "context": ["diagnostics": []]]),
            ("textDocument/prepareRename", ["position": position]), ("textDocument/rename", ["position": position, "newName": "X"]),
            ("textDocument/diagnostic", [:]),
        ]
        for uri in ["file:///nowhere/missing.md", "untitled:Untitled-9", "not a uri at all", "", "file:///../../etc/passwd", "https://example.com/x.md"] {
            client.clear()
            for (index, (method, params)) in methods.enumerated() {
                var object = params.objectValue ?? JSONObject()
                object["textDocument"] = ["uri": .string(uri)]
                client.feed(request(id: JSONValue(index), method, .object(object)))
                let response = client.responses(id: JSONValue(index)).first
                #expect(response != nil, "\(method) \(uri)")
                // Either InvalidParams or an empty answer; never a crash, never a made-up document.
                if let error = response?["error"] { #expect(error["code"] == -32602, "\(method) \(uri)") }
            }
            client.feed(notification("textDocument/didChange", ["textDocument": ["uri": .string(uri), "version": 2], "contentChanges": [["text": "x"]]]))
            client.feed(notification("textDocument/didClose", ["textDocument": ["uri": .string(uri)]]))
            #expect(client.messages.contains { $0["method"] == "window/logMessage" && $0["params"]?["message"]?.stringValue?.contains("not open") == true })
        }
    }

    @Test func positionsFarOutsideTheDocumentAreClamped() {
        for encoding in ["utf-16", "utf-8"] {
            let client = ByteStreamClient(encodings: [encoding])
            client.feed(Self.didOpen())
            client.clear()
            let lines = Self.pageText.split(separator: "\n", omittingEmptySubsequences: false).count
            let far: [JSONValue] = [
                ["line": 1_000_000_000, "character": 1_000_000_000], ["line": -5, "character": -5], ["line": 2, "character": JSONValue(9_007_199_254_740_991)],
                ["line": JSONValue(9_007_199_254_740_991), "character": 0], ["line": 2, "character": 13], ["line": 2, "character": 24],
            ]
            var id = 1
            for position in far {
                for method in ["textDocument/hover", "textDocument/completion", "textDocument/definition", "textDocument/prepareRename"] {
                    client.feed(request(id: JSONValue(id), method, ["textDocument": ["uri": .string(Self.page)], "position": position]))
                    #expect(client.responses(id: JSONValue(id)).count == 1, "\(method) \(position)")
                    id += 1
                }
                client.feed(request(id: JSONValue(id), "textDocument/codeAction", ["textDocument": ["uri": .string(Self.page)],
                                                                                   "range": ["start": position, "end": ["line": 0, "character": 0]],
                                                                                   "context": ["diagnostics": []]]))
                #expect(client.responses(id: JSONValue(id)).count == 1)
                id += 1
            }
            // A position that is not an integer is InvalidParams.
            client.feed(request(id: "fraction", "textDocument/hover", ["textDocument": ["uri": .string(Self.page)], "position": ["line": 0.5, "character": 1e300]]))
            #expect(client.responses(id: "fraction").first?["error"]?["code"] == -32602)
            // Every range the server returned lies inside the document.
            for range in Self.ranges(in: .array(client.messages)) {
                for end in [range["start"], range["end"]] {
                    let line = end?["line"]?.intValue ?? -1
                    #expect(line >= 0 && line < lines, "\(range)")
                    #expect((end?["character"]?.intValue ?? -1) >= 0, "\(range)")
                }
            }
        }
    }

    /// Every `{"start": …, "end": …}` object anywhere in a JSON value.
    static func ranges(in value: JSONValue) -> [JSONValue] {
        switch value {
        case .array(let items): return items.flatMap(ranges(in:))
        case .object(let object):
            let own: [JSONValue] = object["start"]?["line"] != nil && object["end"]?["line"] != nil ? [value] : []
            return own + object.entries.flatMap { ranges(in: $0.value) }
        default: return []
        }
    }

    @Test func aDidChangeWhoseVersionGoesBackwardsIsAppliedAndSaid() {
        let client = ByteStreamClient()
        client.feed(Self.didOpen(version: 5))
        client.clear()
        client.feed(notification("textDocument/didChange", ["textDocument": ["uri": .string(Self.page), "version": 3],
                                                            "contentChanges": [["text": "# Older version\n"]]]))
        let warning = client.messages.first { $0["method"] == "window/logMessage" }
        #expect(warning?["params"]?["type"] == 2)
        #expect(warning?["params"]?["message"]?.stringValue?.contains("does not follow") == true)
        client.feed(request(id: 1, "textDocument/documentSymbol", ["textDocument": ["uri": .string(Self.page)]]))
        #expect(client.responses(id: 1).first?["result"]?[0]?["name"] == "Older version", "the editor's text is the truth")
        // A change whose range lies past the end is clamped to the end.
        client.feed(notification("textDocument/didChange", ["textDocument": ["uri": .string(Self.page), "version": 4],
                                                            "contentChanges": [["range": ["start": ["line": 99, "character": 0], "end": ["line": 99, "character": 5]], "text": "tail"]]]))
        client.server.queue.sync {
            let document = client.server.openDocuments[Self.page]
            #expect(document?.workspace.snapshot.document(document!.path)?.text.string == "# Older version\ntail")
        }
    }

    @Test func aMalformedChangeIsSkippedAndSaidNotReadAsAWholeReplacement() {
        let client = ByteStreamClient()
        client.feed(Self.didOpen(Self.page, "# Kept\n\nText.\n"))
        client.clear()
        let changes: [JSONValue] = [
            ["range": ["start": ["line": 0], "end": ["line": 0, "character": 2]], "text": "lost"],
            ["range": "whole", "text": "lost"],
            ["range": ["start": ["line": 0, "character": 2], "end": ["line": 0, "character": 6]]],
            // An end before the start.
            ["range": ["start": ["line": 2, "character": 0], "end": ["line": 0, "character": 1]], "text": "lost"],
            ["range": ["start": ["line": 0, "character": 2], "end": ["line": 0, "character": 6]], "text": "Still kept"],
        ]
        client.feed(notification("textDocument/didChange", ["textDocument": ["uri": .string(Self.page), "version": 2], "contentChanges": .array(changes)]))
        let warnings = client.messages.filter { $0["method"] == "window/logMessage" }.compactMap { $0["params"]?["message"]?.stringValue }
        #expect(warnings.filter { $0.contains("malformed range is skipped") }.count == 2)
        #expect(warnings.filter { $0.contains("without text is skipped") }.count == 1)
        #expect(warnings.filter { $0.contains("ends before it starts is skipped") }.count == 1)
        client.server.queue.sync {
            let document = client.server.openDocuments[Self.page]
            #expect(document?.workspace.snapshot.document(document!.path)?.text.string == "# Still kept\n\nText.\n")
        }
    }

    /// Review finding F10: a didChange for an open document whose contentChanges is no array says
    /// that, not that the document is not open, and leaves the document and its version as they were.
    @Test func contentChangesThatAreNoArrayAreSaidAsSuch() {
        let client = ByteStreamClient()
        client.feed(Self.didOpen(Self.page, "# Kept\n\nText.\n"))
        client.clear()
        for changes: JSONValue in ["x", ["text": "# Lost\n"], .null] {
            client.feed(notification("textDocument/didChange", ["textDocument": ["uri": .string(Self.page), "version": 2], "contentChanges": changes]))
        }
        client.feed(notification("textDocument/didChange", ["textDocument": ["uri": .string(Self.page), "version": 2]]))
        let warnings = client.messages.filter { $0["method"] == "window/logMessage" }.compactMap { $0["params"]?["message"]?.stringValue }
        #expect(warnings == Array(repeating: "didChange for \(Self.page): contentChanges is not an array; the change is ignored", count: 4))
        client.server.queue.sync {
            let document = client.server.openDocuments[Self.page]
            #expect(document?.version == 1)
            #expect(document?.workspace.snapshot.document(document!.path)?.text.string == "# Kept\n\nText.\n")
        }
        // Without a uri, and for a document not open, each is said for what it is.
        client.clear()
        client.feed(notification("textDocument/didChange", ["textDocument": ["version": 2], "contentChanges": [["text": "x"]]]))
        client.feed(notification("textDocument/didChange", ["textDocument": ["uri": "file:///elsewhere/closed.md", "version": 2], "contentChanges": [["text": "x"]]]))
        #expect(client.messages.filter { $0["method"] == "window/logMessage" }.compactMap { $0["params"]?["message"]?.stringValue } == [
            "didChange without a textDocument.uri is ignored",
            "didChange for file:///elsewhere/closed.md, a document that is not open, is ignored",
        ])
    }

    // MARK: Back-pressure

    /// A sink that blocks every send until opened, like a client that stopped reading its pipe.
    final class GatedSink: MessageSink {
        let gate = DispatchSemaphore(value: 0)
        let isOpen = Mutex(false)
        let messages = Mutex<[JSONValue]>([])
        func send(_ message: JSONValue) {
            if !isOpen.withLock({ $0 }) {
                gate.wait()
                gate.signal()
            }
            messages.withLock { $0.append(message) }
        }
        func open() {
            isOpen.withLock { $0 = true }
            gate.signal()
        }
    }

    @Test func aStalledClientMeetsBackPressureAndEveryRequestIsAnsweredOnceItReads() {
        let sink = GatedSink()
        let limit = 16 * 1024
        let server = LanguageServer(sink: sink, maximumBacklogBytes: limit, diskPollInterval: 0)
        server.receive(JSONSerializer.bytes(["jsonrpc": "2.0", "id": "init", "method": "initialize", "params": ["capabilities": [:]]]))
        let accepted = Atomic<Int>(0)
        let total = 2000
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            for id in 0..<total {
                server.receive(JSONSerializer.bytes(["jsonrpc": "2.0", "id": JSONValue(id), "method": "workspace/symbol", "params": ["query": ""]]))
                accepted.add(1, ordering: .relaxed)
            }
            done.signal()
        }
        // The reader fills the budget and then waits: it does not read (or buffer) everything.
        let body = JSONSerializer.bytes(["jsonrpc": "2.0", "id": 1000, "method": "workspace/symbol", "params": ["query": ""]]).count
        let cost = body + MessageBacklog.overheadPerMessage
        var polls = 0
        while server.backlog.pendingBytes + cost <= limit && polls < 2000 {
            Thread.sleep(forTimeInterval: 0.005)
            polls += 1
        }
        Thread.sleep(forTimeInterval: 0.2)
        let acceptedWhileStalled = accepted.load(ordering: .relaxed)
        #expect(acceptedWhileStalled < total)
        #expect(acceptedWhileStalled <= limit / cost + 2, "messages waiting stay within the budget")
        #expect(server.backlog.pendingBytes <= limit)
        // The client reads again: everything is answered, in order.
        sink.open()
        #expect(done.wait(timeout: .now() + 60) == .success)
        server.waitUntilIdle()
        let ids = sink.messages.withLock { $0.compactMap { $0["id"]?.intValue } }
        #expect(ids == Array(0..<total))
        #expect(server.backlog.pendingBytes == 0)
    }

    @Test func aMessageLargerThanTheBudgetStillPasses() {
        let sink = CollectingSink()
        let server = LanguageServer(sink: sink, maximumBacklogBytes: 1024, diskPollInterval: 0)
        server.receive(JSONSerializer.bytes(["jsonrpc": "2.0", "id": "init", "method": "initialize", "params": ["capabilities": [:]]]))
        server.receive(JSONSerializer.bytes(["jsonrpc": "2.0", "id": 1, "method": "workspace/symbol", "params": ["query": .string(String(repeating: "q", count: 100_000))]]))
        server.waitUntilIdle()
        #expect(sink.messages.withLock { $0.contains { $0["id"] == 1 } })
    }
}

/// The same attacks over real pipes to the built `docent lsp`.
@Suite(.serialized) struct HostileProtocolPipeTests {
    @Test func tenThousandRequestsWithoutReadingTheResponses() throws {
        let binary = try #require(EndToEndTests.binary, "build docent first (swift build) or set DOCENT_BINARY")
        let session = try ServerProcess(binary: binary)
        defer { session.terminate() }
        session.send(["jsonrpc": "2.0", "id": "init", "method": "initialize", "params": ["capabilities": [:]]])
        session.send(["jsonrpc": "2.0", "method": "initialized", "params": [:]])
        session.send(["jsonrpc": "2.0", "method": "textDocument/didOpen", "params": ["textDocument": [
            "uri": "file:///flood/page.md", "languageId": "markdown", "version": 1, "text": "# Flood\n\nSome text.\n"]]])
        let count = 10_000
        // Written from another thread: a client that writes everything before reading anything.
        let written = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            var batch: [UInt8] = []
            for id in 0..<count {
                let method = ["textDocument/hover", "textDocument/documentSymbol", "workspace/symbol", "textDocument/completion"][id % 4]
                batch += MessageFramer.frame(JSONSerializer.bytes(["jsonrpc": "2.0", "id": JSONValue(id), "method": .string(method), "params": [
                    "textDocument": ["uri": "file:///flood/page.md"], "position": ["line": 2, "character": 3], "query": "f"]]))
                if batch.count > 64 * 1024 { session.sendRaw(batch); batch = [] }
            }
            session.sendRaw(batch)
            written.signal()
        }
        let wroteEverything = written.wait(timeout: .now() + 120) == .success
        #expect(wroteEverything, "the server kept reading while its output was not read")
        let rssWhileStalled = session.residentMegabytes()
        // Now read: every response comes back.
        session.startReading()
        let responses = session.waitForMessages(timeout: 120) { messages in messages.filter { $0["id"]?.intValue != nil }.count >= count }
        let ids = Set(responses.compactMap { $0["id"]?.intValue })
        #expect(ids == Set(0..<count))
        print("flood: \(count) requests written before any was read; server RSS while its output was stalled \(rssWhileStalled.map { "\($0) MB" } ?? "?"), after answering \(session.residentMegabytes().map { "\($0) MB" } ?? "?")")
        if let rssWhileStalled { #expect(rssWhileStalled < 512, "resident memory while stalled: \(rssWhileStalled) MB") }
        session.send(["jsonrpc": "2.0", "id": "bye", "method": "shutdown"])
        _ = session.waitForMessages(timeout: 30) { $0.contains { $0["id"] == "bye" } }
        session.send(["jsonrpc": "2.0", "method": "exit"])
        #expect(session.waitForExit(timeout: 30) == 0)
    }

    /// A message in another charset than UTF-8 (review): a request gets InvalidRequest under its id,
    /// a notification an error without one; neither is applied, and the server goes on.
    @Test func aMessageInAnotherCharsetIsRefusedAndTheServerGoesOn() throws {
        let binary = try #require(EndToEndTests.binary, "build docent first (swift build) or set DOCENT_BINARY")
        let session = try ServerProcess(binary: binary)
        defer { session.terminate() }
        session.startReading()
        session.send(["jsonrpc": "2.0", "id": 1, "method": "initialize", "params": ["capabilities": [:]]])
        session.send(["jsonrpc": "2.0", "method": "initialized", "params": [:]])
        func latin1(_ message: JSONValue) -> [UInt8] {
            let body = JSONSerializer.bytes(message)
            return Array("Content-Length: \(body.count)\r\nContent-Type: application/vscode-jsonrpc; charset=latin1\r\n\r\n".utf8) + body
        }
        session.sendRaw(latin1(["jsonrpc": "2.0", "id": 2, "method": "workspace/symbol", "params": ["query": "x"]]))
        session.sendRaw(latin1(["jsonrpc": "2.0", "method": "textDocument/didOpen", "params": ["textDocument": [
            "uri": "file:///charset/page.md", "languageId": "markdown", "version": 1, "text": "# Page\n"]]]))
        session.send(["jsonrpc": "2.0", "id": 3, "method": "textDocument/documentSymbol", "params": ["textDocument": ["uri": "file:///charset/page.md"]]])
        let messages = session.waitForMessages(timeout: 30) { $0.contains { $0["id"] == 3 } }
        let message = "Messages must be UTF-8; this one says charset=latin1, so it was not read"
        #expect(messages.first { $0["id"] == 2 }?["error"] == ["code": -32600, "message": .string(message)])
        #expect(messages.contains { $0["id"] == .null && $0["error"]?["message"]?.stringValue == message })
        // The refused didOpen was not applied: the document is unknown.
        #expect(messages.first { $0["id"] == 3 }?["error"]?["code"] == -32602)
        session.send(["jsonrpc": "2.0", "id": 4, "method": "shutdown"])
        _ = session.waitForMessages(timeout: 30) { $0.contains { $0["id"] == 4 } }
        session.send(["jsonrpc": "2.0", "method": "exit"])
        #expect(session.waitForExit(timeout: 30) == 0)
    }

    @Test func endOfInputInTheMiddleOfAMessageExitsCleanly() throws {
        let binary = try #require(EndToEndTests.binary, "build docent first (swift build) or set DOCENT_BINARY")
        // Without shutdown: exit code 1, and stderr says why.
        let cut = try ServerProcess(binary: binary)
        cut.startReading()
        cut.send(["jsonrpc": "2.0", "id": 1, "method": "initialize", "params": ["capabilities": [:]]])
        _ = cut.waitForMessages(timeout: 30) { $0.contains { $0["id"] == 1 } }
        cut.sendRaw(Array("Content-Length: 300\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":2,\"meth".utf8))
        cut.closeInput()
        #expect(cut.waitForExit(timeout: 30) == 1)
        #expect(cut.standardError.contains("closed the stream in the middle of a message"))

        // After shutdown: exit code 0, even though the stream was cut.
        let polite = try ServerProcess(binary: binary)
        polite.startReading()
        polite.send(["jsonrpc": "2.0", "id": 1, "method": "initialize", "params": ["capabilities": [:]]])
        polite.send(["jsonrpc": "2.0", "id": 2, "method": "shutdown"])
        _ = polite.waitForMessages(timeout: 30) { $0.contains { $0["id"] == 2 } }
        polite.sendRaw(Array("Content-Length: 10\r\n\r\n{".utf8))
        polite.closeInput()
        #expect(polite.waitForExit(timeout: 30) == 0)

        // In the middle of a header.
        let header = try ServerProcess(binary: binary)
        header.sendRaw(Array("Content-Len".utf8))
        header.closeInput()
        #expect(header.waitForExit(timeout: 30) == 1)
    }

    @Test func aHugeContentLengthIsAnsweredWithoutAllocating() throws {
        let binary = try #require(EndToEndTests.binary, "build docent first (swift build) or set DOCENT_BINARY")
        let session = try ServerProcess(binary: binary)
        defer { session.terminate() }
        session.startReading()
        session.sendRaw(Array("Content-Length: \(1 << 50)\r\n\r\n".utf8) + [UInt8](repeating: 0x20, count: 1 << 20))
        let messages = session.waitForMessages(timeout: 30) { $0.contains { $0["error"]?["code"] == -32700 } }
        #expect(messages.first?["error"]?["message"]?.stringValue?.contains("exceeds the limit") == true)
        if let rss = session.residentMegabytes() { #expect(rss < 256, "resident memory \(rss) MB") }
        session.closeInput()
        #expect(session.waitForExit(timeout: 30) == 1)
    }
}

/// `docent lsp` over pipes: writes on the caller's thread, reads (once started) on a thread of its own,
/// and samples the server's resident memory from /proc.
final class ServerProcess: @unchecked Sendable {
    let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let errors = Pipe()
    private let state = Mutex<(messages: [JSONValue], standardError: [UInt8], responses: Int, errorResponses: Int)>(([], [], 0, 0))
    private let arrived = NSCondition()
    private var isReading = false
    /// Which messages are kept for `messages` (all by default); every response is counted either way.
    var keepsMessage: @Sendable (JSONValue) -> Bool = { _ in true }

    init(binary: URL, arguments: [String] = ["lsp", "--stdio"], currentDirectory: URL? = nil) throws {
        process.executableURL = binary
        process.arguments = arguments
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let errorDescriptor = errors.fileHandleForReading.fileDescriptor
        Thread.detachNewThread { [self] in
            var buffer = [UInt8](repeating: 0, count: 16 * 1024)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(errorDescriptor, $0.baseAddress!, $0.count) }
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { return }
                state.withLock { $0.standardError += buffer[0..<count] }
            }
        }
    }

    func send(_ message: JSONValue) { sendRaw(MessageFramer.frame(JSONSerializer.bytes(message))) }

    func sendRaw(_ bytes: [UInt8]) {
        let descriptor = input.fileHandleForWriting.fileDescriptor
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 && errno == EINTR { continue }
                if written <= 0 { return }
                offset += written
            }
        }
    }

    func closeInput() { try? input.fileHandleForWriting.close() }

    /// Starts draining stdout into messages (until then the server's output pipe fills up).
    func startReading() {
        guard !isReading else { return }
        isReading = true
        let descriptor = output.fileHandleForReading.fileDescriptor
        Thread.detachNewThread { [self] in
            var framer = MessageFramer(maximumContentLength: Int.max)
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
                if count < 0 && errno == EINTR { continue }
                let events = count > 0 ? framer.feed(buffer[0..<count]) : []
                arrived.lock()
                state.withLock { current in
                    for case .message(let body) in events {
                        guard let message = try? JSONParser.parse(body) else { continue }
                        if message["id"] != nil && message["method"] == nil {
                            current.responses += 1
                            if message["error"] != nil { current.errorResponses += 1 }
                        }
                        if keepsMessage(message) { current.messages.append(message) }
                    }
                }
                arrived.broadcast()
                arrived.unlock()
                if count <= 0 { return }
            }
        }
    }

    var messages: [JSONValue] { state.withLock { $0.messages } }
    /// Responses read so far, and how many of them were errors.
    var responseCounts: (all: Int, errors: Int) { state.withLock { ($0.responses, $0.errorResponses) } }
    var standardError: String { String(decoding: state.withLock { $0.standardError }, as: UTF8.self) }

    /// Waits until `condition` holds for the messages read so far (or the timeout passes); returns them.
    @discardableResult
    func waitForMessages(timeout: TimeInterval, until condition: ([JSONValue]) -> Bool) -> [JSONValue] {
        let deadline = Date().addingTimeInterval(timeout)
        arrived.lock()
        defer { arrived.unlock() }
        while !condition(messages) && Date() < deadline {
            _ = arrived.wait(until: min(deadline, Date().addingTimeInterval(0.5)))
        }
        return messages
    }

    /// The exit status, or nil when the process is still running after `timeout`.
    func waitForExit(timeout: TimeInterval) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        guard !process.isRunning else { return nil }
        // Let the stderr reader catch the last lines.
        Thread.sleep(forTimeInterval: 0.05)
        return process.terminationStatus
    }

    /// Resident memory (VmRSS) in MB, from /proc; nil where /proc is not there.
    func residentMegabytes() -> Int? { Self.residentMegabytes(of: process.processIdentifier) }

    static func residentMegabytes(of pid: Int32) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kilobytes = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") else { return nil }
        return kilobytes / 1024
    }

    func terminate() {
        if process.isRunning { process.terminate() }
        closeInput()
    }
}

/// A hostile docs tree served by the language server: what it skips or repairs is said in
/// `window/logMessage`, and the rest is served.
@Suite struct HostileWorkspaceServerTests {
    @Test func skippedAndRepairedFilesAreToldAsLogMessages() throws {
        let client = try TestClient(files: ["docs/page.md": "# Page\n\nThe Dochub viewer.\n", "docs/glossary.md": "## DocHub\n\nThe viewer.\n"], initialize: false)
        let docs = client.root.appendingPathComponent("docs")
        try Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x00, 0x0D]).write(to: docs.appendingPathComponent("image.md"))
        try Data(Array("# Caf".utf8) + [0xE9] + Array("\n\nThe Dochub.\n".utf8)).write(to: docs.appendingPathComponent("latin1.md"))
        try FileManager.default.createSymbolicLink(atPath: docs.appendingPathComponent("loop").path, withDestinationPath: "loop")
        try FileManager.default.createSymbolicLink(atPath: docs.appendingPathComponent("out").path, withDestinationPath: "/usr")
        _ = try client.request("initialize", ["rootUri": .string(client.root.absoluteString), "capabilities": [:]])
        client.notify("initialized", [:])
        let messages = client.notifications("window/logMessage").compactMap { $0["params"]?["message"]?.stringValue }
        #expect(messages.contains("Skipped docs/image.md: a binary file (it holds NUL bytes), not Markdown"))
        #expect(messages.contains("Skipped docs/loop: a symbolic link that loops or whose target is missing"))
        #expect(messages.contains("Skipped docs/out: a symbolic link that leaves the workspace"))
        #expect(messages.contains("docs/latin1.md: not valid UTF-8: 1 invalid byte sequence read as U+FFFD (the first on line 1)"))
        // The repaired file is served: its term use is found and checked.
        let symbols = try client.request("workspace/symbol", ["query": "Caf"])
        #expect(symbols.arrayValue?.contains { $0["name"]?.stringValue == "Caf\u{FFFD}" } == true)
        let diagnostics = try client.request("textDocument/diagnostic", ["textDocument": ["uri": .string(client.uri("docs/latin1.md"))]])
        #expect(diagnostics["items"]?.arrayValue?.contains { $0["code"] == "term-casing" } == true)
    }
}
