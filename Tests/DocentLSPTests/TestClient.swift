import DocentCore
import DocentIO
import Foundation
import Synchronization
import Testing
@testable import DocentLSP

/// Collects what the server sends.
final class CollectingSink: MessageSink {
    let messages = Mutex<[JSONValue]>([])
    func send(_ message: JSONValue) { messages.withLock { $0.append(message) } }
}

/// Text with 1️⃣ 2️⃣ … markers: the clean text and each marker's position (UTF-16 by default).
struct MarkedText {
    static let markers = ["1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣"]
    let text: String
    var positions: [String: Position] = [:]

    init(_ marked: String, encoding: PositionEncoding = .utf16) {
        var clean = marked
        var offsets: [(String, Int)] = []
        while let (marker, range) = Self.markers.compactMap({ marker in clean.range(of: marker).map { (marker, $0) } }).min(by: { $0.1.lowerBound < $1.1.lowerBound }) {
            offsets.append((marker, clean.utf8.distance(from: clean.startIndex, to: range.lowerBound)))
            clean.removeSubrange(range)
        }
        text = clean
        let source = SourceText(clean)
        for (marker, offset) in offsets { positions[marker] = source.position(of: offset, encoding: encoding) }
    }

    subscript(_ marker: String) -> JSONValue {
        let position = positions[marker]!
        return ["line": JSONValue(position.line), "character": JSONValue(position.character)]
    }
}

/// An in-process LSP client: a temporary workspace on disk and a server it talks to directly
/// (sourcekit-lsp `TestSourceKitLSPClient`).
final class TestClient {
    let root: URL
    let sink = CollectingSink()
    let server: LanguageServer
    private var nextID = 1
    /// What `initialize` answered (nil when the client was made without initializing).
    private(set) var initializeResult: JSONValue?

    init(files: [String: String], capabilities: JSONValue = [:], initializationOptions: JSONValue? = nil, initialize: Bool = true,
         placementDelay: Double = 0, diskPollInterval: Double = 0) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("docent-test-\(UUID().uuidString)")
        for (path, content) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try content.write(to: url, atomically: true, encoding: .utf8)
        }
        // By default placement is recomputed at once after each change, so a test sees final
        // diagnostics; `PlacementDeferralTests` covers the pause.
        // The disk is looked at only when a test asks (`pollDiskNow`), unless it sets an interval.
        server = LanguageServer(sink: sink, placementDelay: placementDelay, diskPollInterval: diskPollInterval)
        if initialize {
            var params: JSONObject = ["rootUri": .string(root.absoluteString), "capabilities": Self.withEditorDefaults(capabilities)]
            if let initializationOptions { params["initializationOptions"] = initializationOptions }
            initializeResult = try request("initialize", .object(params))
            notify("initialized", [:])
        }
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// `capabilities` with what every current editor declares unless the test says otherwise: code
    /// action literals, document symbol trees, and diagnostics with related information, links to
    /// their rule and data (`CapabilityNegotiationTests` covers clients without).
    static func withEditorDefaults(_ capabilities: JSONValue) -> JSONValue {
        guard var object = capabilities.objectValue else { return capabilities }
        var textDocument = object["textDocument"]?.objectValue ?? JSONObject()
        if textDocument["codeAction"] == nil {
            textDocument["codeAction"] = ["codeActionLiteralSupport": ["codeActionKind": ["valueSet": ["quickfix", "refactor", "source"]]]]
        }
        if textDocument["documentSymbol"] == nil { textDocument["documentSymbol"] = ["hierarchicalDocumentSymbolSupport": true] }
        if textDocument["publishDiagnostics"] == nil {
            textDocument["publishDiagnostics"] = ["relatedInformation": true, "codeDescriptionSupport": true, "dataSupport": true]
        }
        object["textDocument"] = .object(textDocument)
        return .object(object)
    }

    func uri(_ path: String) -> String { root.appendingPathComponent(path).absoluteString }

    func send(_ message: JSONValue) {
        server.receive(JSONSerializer.bytes(message))
        server.waitUntilIdle()
    }

    func notify(_ method: String, _ params: JSONValue) {
        send(["jsonrpc": "2.0", "method": .string(method), "params": params])
    }

    /// Sends a request and returns its whole response message.
    func response(_ method: String, _ params: JSONValue) -> JSONValue {
        let id = nextID
        nextID += 1
        send(["jsonrpc": "2.0", "id": JSONValue(id), "method": .string(method), "params": params])
        return sink.messages.withLock { messages in messages.first { $0["id"]?.intValue == id } } ?? .null
    }

    /// The response to a request cancelled while it waits: the server's queue is held so the request
    /// is still queued when `$/cancelRequest` arrives.
    func responseCancelledWhileWaiting(id: Int, _ method: String, _ params: JSONValue? = nil) -> JSONValue? {
        let gate = DispatchSemaphore(value: 0)
        server.queue.async { gate.wait() }
        var request: JSONObject = ["jsonrpc": "2.0", "id": JSONValue(id), "method": .string(method)]
        if let params { request["params"] = params }
        server.receive(JSONSerializer.bytes(.object(request)))
        server.receive(JSONSerializer.bytes(["jsonrpc": "2.0", "method": "$/cancelRequest", "params": ["id": JSONValue(id)]]))
        gate.signal()
        server.waitUntilIdle()
        return sink.messages.withLock { $0.first { $0["id"]?.intValue == id } }
    }

    struct ErrorResponse: Error { var code: Int; var message: String }

    func request(_ method: String, _ params: JSONValue) throws -> JSONValue {
        let message = response(method, params)
        if let error = message["error"] { throw ErrorResponse(code: error["code"]?.intValue ?? 0, message: error["message"]?.stringValue ?? "") }
        return message["result"] ?? .null
    }

    func open(_ path: String, _ text: String, version: Int = 1) {
        notify("textDocument/didOpen", ["textDocument": ["uri": .string(uri(path)), "languageId": "markdown", "version": JSONValue(version), "text": .string(text)]])
    }

    func textDocumentPosition(_ path: String, _ position: JSONValue) -> JSONValue {
        ["textDocument": ["uri": .string(uri(path))], "position": position]
    }

    /// The last diagnostics pushed for a document.
    func publishedDiagnostics(_ path: String) -> JSONValue? {
        sink.messages.withLock { messages in
            messages.last { $0["method"]?.stringValue == "textDocument/publishDiagnostics" && $0["params"]?["uri"]?.stringValue == uri(path) }?["params"]
        }
    }

    func notifications(_ method: String) -> [JSONValue] {
        sink.messages.withLock { $0.filter { $0["method"]?.stringValue == method } }
    }
}

/// A small workspace written for these tests: a heading glossary and two pages.
enum SampleWorkspace {
    static let glossary = """
    ---
    title: Glossary
    ---

    # Glossary

    ## Service Catalog

    The place that records who owns each piece of software.

    ## Blueprints

    A plugin that creates new projects from templates. Also known as the scaffolder.

    ## Scaffolder

    Known as [Blueprints](#blueprints).

    ## Resource (service catalog)

    A piece of infrastructure, such as a database, that a component needs.

    ## Resource (access control)

    Something a user can be allowed or denied to act on, under a policy.

    ## DocHub

    The docs-as-code viewer of the portal.

    """

    static let config = #"{ "glossaries": ["docs/glossary.md"] }"#

    static var files: [String: String] {
        [
            "docent.json": config,
            "docs/glossary.md": glossary,
            "docs/closed.md": "# Closed page\n\nThe Service Catalog lists everything.\n",
        ]
    }
}
