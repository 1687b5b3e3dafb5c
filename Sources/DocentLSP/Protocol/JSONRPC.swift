import DocentIO

/// A JSON-RPC request id: a number or a string.
public enum RequestID: Hashable, Sendable, CustomStringConvertible {
    case number(Int)
    case string(String)

    init?(_ value: JSONValue) {
        if let number = value.intValue { self = .number(number) } else if let string = value.stringValue { self = .string(string) } else { return nil }
    }

    var json: JSONValue {
        switch self {
        case .number(let number): return JSONValue(number)
        case .string(let string): return .string(string)
        }
    }

    public var description: String {
        switch self {
        case .number(let number): return String(number)
        case .string(let string): return "\"\(string)\""
        }
    }
}

/// JSON-RPC and LSP error codes.
public enum ErrorCode: Int, Sendable {
    case parseError = -32700
    case invalidRequest = -32600
    case methodNotFound = -32601
    case invalidParams = -32602
    case internalError = -32603
    case serverNotInitialized = -32002
    case requestFailed = -32803
    case contentModified = -32801
    case requestCancelled = -32800
}

/// An error a handler returns; becomes the response's `error`.
public struct ResponseError: Error, Sendable {
    public var code: ErrorCode
    public var message: String
    /// Answered as a `null` result rather than an error: the request is about an open file that is
    /// not a document (excluded by the configuration), for which there is nothing to say.
    var answersNull = false

    public init(_ code: ErrorCode, _ message: String) {
        self.code = code
        self.message = message
    }

    public static func invalidParams(_ message: String) -> ResponseError { ResponseError(.invalidParams, message) }
}

/// A decoded incoming message.
public enum IncomingMessage: Sendable {
    case request(id: RequestID, method: String, params: JSONValue)
    case notification(method: String, params: JSONValue)
    case response(id: RequestID, result: JSONValue?, error: JSONValue?)
    /// Valid JSON that is not a JSON-RPC message; `id` when one could be read.
    case invalid(id: RequestID?, message: String)
    /// A message that cannot be answered (a notification or response that is not JSON-RPC 2.0): logged, not handled.
    case ignored(reason: String)

    /// Decodes one message body. Never fails: bad input becomes `.invalid` (or a parse error).
    public static func decode(_ body: [UInt8]) -> Result<IncomingMessage, JSONSyntaxError> {
        let value: JSONValue
        // A lone surrogate in a client's string is U+FFFD, as invalid UTF-8 is: the message is served.
        do { value = try JSONParser.parse(body, replacingLoneSurrogates: true) } catch { return .failure(error) }
        guard let object = value.objectValue else { return .success(.invalid(id: nil, message: "A message must be a JSON object")) }
        let id = object["id"].flatMap(RequestID.init)
        if let idValue = object["id"], id == nil, !idValue.isNull {
            return .success(.invalid(id: nil, message: "The id must be a number or a string"))
        }
        // Only JSON-RPC 2.0: a request of another version is answered InvalidRequest; a notification
        // or response cannot be answered, and is dropped (and logged).
        let version = object["jsonrpc"].map { JSONSerializer.string($0) } ?? "missing"
        let isVersion2 = object["jsonrpc"]?.stringValue == "2.0"
        if let method = object["method"] {
            guard let name = method.stringValue else { return .success(.invalid(id: id, message: "The method must be a string")) }
            let params = object["params"] ?? .null
            if let params = object["params"], params.objectValue == nil && params.arrayValue == nil && !params.isNull {
                return .success(.invalid(id: id, message: "params must be an object or an array"))
            }
            if !isVersion2 {
                if let id { return .success(.invalid(id: id, message: "\"jsonrpc\" must be \"2.0\", not \(version)")) }
                return .success(.ignored(reason: "Ignored the notification \(name): its \"jsonrpc\" is \(version), not \"2.0\""))
            }
            if let id { return .success(.request(id: id, method: name, params: params)) }
            return .success(.notification(method: name, params: params))
        }
        if let id, object["result"] != nil || object["error"] != nil {
            guard isVersion2 else { return .success(.ignored(reason: "Ignored a response to \(id): its \"jsonrpc\" is \(version), not \"2.0\"")) }
            return .success(.response(id: id, result: object["result"], error: object["error"]))
        }
        return .success(.invalid(id: id, message: "A message needs a method, or a result or error"))
    }
}

/// Building outgoing messages.
enum OutgoingMessage {
    static func response(id: RequestID?, result: JSONValue) -> JSONValue {
        ["jsonrpc": "2.0", "id": id?.json ?? .null, "result": result]
    }

    static func error(id: RequestID?, _ error: ResponseError) -> JSONValue {
        ["jsonrpc": "2.0", "id": id?.json ?? .null, "error": ["code": JSONValue(error.code.rawValue), "message": .string(error.message)]]
    }

    /// A notification; `.null` parameters are left out (`params?: array | object`: null is not allowed).
    static func notification(_ method: String, _ params: JSONValue) -> JSONValue {
        var message: JSONObject = ["jsonrpc": "2.0", "method": .string(method)]
        if params != .null { message["params"] = params }
        return .object(message)
    }

    /// A request to the client; `.null` parameters are left out (`workspace/diagnostic/refresh` has none).
    static func request(id: RequestID, _ method: String, _ params: JSONValue) -> JSONValue {
        var message: JSONObject = ["jsonrpc": "2.0", "id": id.json, "method": .string(method)]
        if params != .null { message["params"] = params }
        return .object(message)
    }
}
