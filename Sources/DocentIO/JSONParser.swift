import DocentCore
/// A JSON syntax error with its place (1-based line and column, the column in UTF-16 code units as
/// every position Docent reports).
public struct JSONSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public var offset: Int
    public var line: Int
    public var column: Int

    public var description: String { "\(line):\(column): \(message)" }
}

/// A strict RFC 8259 parser over UTF-8 bytes, with a nesting limit so hostile input cannot exhaust
/// the stack. Also records where each object key of the top-level tree was written, for messages.
public struct JSONParser {
    public static let maximumDepth = 512

    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0
    /// Byte offset of each value, keyed by its JSON pointer path (`/rules/term-casing`).
    public private(set) var locations: [String: Int] = [:]
    /// Keys written twice in one object, when locations are recorded (see `parseWithLocationsAndDuplicates`).
    private(set) var duplicateKeys: [(key: String, offset: Int)] = []
    private var path: [String] = []
    private let recordsLocations: Bool
    /// Whether a `\u` escape of a lone UTF-16 surrogate (`"\uD83D"`) is read as U+FFFD rather than
    /// reported (`JSONEscape.unicodeEscape`).
    private let replacesLoneSurrogates: Bool

    /// Parses `bytes`; a lone surrogate's escape is an error, as in Foundation's JSONSerialization,
    /// unless `replacingLoneSurrogates` (for messages from a client, whose strings may hold one: a
    /// JavaScript string can, and `JSON.stringify` writes it as an escape), when it is U+FFFD, as
    /// invalid UTF-8 is.
    public static func parse(_ bytes: [UInt8], replacingLoneSurrogates: Bool = false) throws(JSONSyntaxError) -> JSONValue {
        var parser = JSONParser(bytes: bytes, recordsLocations: false, replacesLoneSurrogates: replacingLoneSurrogates)
        return try parser.parseDocument()
    }

    public static func parse(_ string: String) throws(JSONSyntaxError) -> JSONValue {
        try parse(Array(string.utf8))
    }

    /// Parses and returns the offset of every value by JSON pointer, for reporting problems in place.
    public static func parseWithLocations(_ bytes: [UInt8]) throws(JSONSyntaxError) -> (JSONValue, [String: Int]) {
        let parsed = try parseWithLocationsAndDuplicates(bytes)
        return (parsed.value, parsed.locations)
    }

    /// `parseWithLocations`, and every key written a second time in its object (its text and the
    /// offset of its opening quote): JSON keeps the last, and a configuration wants to say so.
    public static func parseWithLocationsAndDuplicates(_ bytes: [UInt8]) throws(JSONSyntaxError)
        -> (value: JSONValue, locations: [String: Int], duplicates: [(key: String, offset: Int)]) {
        var parser = JSONParser(bytes: bytes, recordsLocations: true, replacesLoneSurrogates: false)
        let value = try parser.parseDocument()
        return (value, parser.locations, parser.duplicateKeys)
    }

    init(bytes: [UInt8], recordsLocations: Bool, replacesLoneSurrogates: Bool) {
        self.bytes = bytes
        self.recordsLocations = recordsLocations
        self.replacesLoneSurrogates = replacesLoneSurrogates
    }

    /// 1-based line and column of a byte offset, the column in UTF-16 code units (a character beyond
    /// the Basic Multilingual Plane, such as an emoji, counts 2), as `docent check` and the editor count.
    public static func lineAndColumn(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        var index = 0
        let end = min(offset, bytes.count)
        while index < end {
            let byte = bytes[index]
            if byte == 0x0A { line += 1; column = 1 } else if byte >= 0xF0 { column += 2 } else if byte & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return (line, column)
    }

    private func error(_ message: String, at offset: Int? = nil) -> JSONSyntaxError {
        let at = offset ?? index
        let (line, column) = Self.lineAndColumn(of: at, in: bytes)
        // A comment where a token belongs is the likeliest cause: JSON has none (JSONC does).
        if at + 1 < bytes.count && bytes[at] == UInt8(ascii: "/") && (bytes[at + 1] == UInt8(ascii: "/") || bytes[at + 1] == UInt8(ascii: "*")) {
            return JSONSyntaxError(message: "Comments are not allowed in JSON", offset: at, line: line, column: column)
        }
        return JSONSyntaxError(message: message, offset: at, line: line, column: column)
    }

    private mutating func parseDocument() throws(JSONSyntaxError) -> JSONValue {
        // A UTF-8 byte-order mark is tolerated.
        if bytes.starts(with: UTF8Scalars.byteOrderMark) { index = UTF8Scalars.byteOrderMark.count }
        skipWhitespace()
        guard index < bytes.count else { throw error("Expected a JSON value, found the end of the input") }
        let value = try parseValue()
        skipWhitespace()
        guard index == bytes.count else { throw error("Unexpected text after the JSON value") }
        return value
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func parseValue() throws(JSONSyntaxError) -> JSONValue {
        if recordsLocations { locations["/" + path.joined(separator: "/")] = index }
        guard index < bytes.count else { throw error("Unexpected end of input") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default:
            throw error("Unexpected character \(describe(at: index)); expected a JSON value")
        }
    }

    /// The character at `offset` in backticks, as the front-matter messages quote code (`` `😀` (U+1F600) ``
    /// beyond ASCII; a backtick in double ones); a control character or invalid UTF-8 by its code
    /// point or byte.
    private func describe(at offset: Int) -> String {
        let byte = bytes[offset]
        if byte == UInt8(ascii: "`") { return "`` ` ``" }
        if byte >= 0x20 && byte < 0x7F { return "`\(Character(Unicode.Scalar(byte)))`" }
        var iterator = bytes[offset...].makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        guard byte >= 0x80, case .valid(let encoded) = parser.parseScalar(from: &iterator) else {
            return byte < 0x80 ? "U+\(hex(UInt32(byte)))" : "byte 0x\(String(byte, radix: 16, uppercase: true)) (not UTF-8)"
        }
        let scalar = Unicode.UTF8.decode(encoded)
        let code = "U+\(hex(scalar.value))"
        return scalar.properties.generalCategory == .control || scalar.properties.isWhitespace ? code : "`\(Character(scalar))` (\(code))"
    }

    private func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONSyntaxError) {
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw error("Invalid literal") }
        for offset in 0..<count where bytes[index + offset] != literal.utf8Start[offset] {
            throw error("Invalid literal; expected \(literal)")
        }
        index += count
    }

    private mutating func enter() throws(JSONSyntaxError) {
        depth += 1
        if depth > Self.maximumDepth { throw error("JSON nested deeper than \(Self.maximumDepth) levels") }
    }

    private mutating func parseObject() throws(JSONSyntaxError) -> JSONValue {
        try enter()
        defer { depth -= 1 }
        index += 1
        var object = JSONObject()
        skipWhitespace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "}") { index += 1; return .object(object) }
        // Where the last comma was: a trailing comma is reported there, where it is to be deleted.
        var comma: Int?
        while true {
            skipWhitespace()
            guard index < bytes.count else { throw error("Unterminated object: expected `}`") }
            guard bytes[index] == UInt8(ascii: "\"") else {
                if bytes[index] == UInt8(ascii: "}"), let comma { throw error("Trailing comma in object", at: comma) }
                throw error("Expected a string key in double quotes")
            }
            let keyOffset = index
            let key = try parseString()
            if recordsLocations && object[key] != nil { duplicateKeys.append((key, keyOffset)) }
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("Expected `:` after the key \"\(key)\"") }
            index += 1
            skipWhitespace()
            if recordsLocations { path.append(escapePointer(key)) }
            object[key] = try parseValue()
            if recordsLocations {
                locations["/" + path.joined(separator: "/") + "#key"] = keyOffset
                path.removeLast()
            }
            skipWhitespace()
            guard index < bytes.count else { throw error("Unterminated object: expected `,` or `}`") }
            if bytes[index] == UInt8(ascii: ",") { comma = index; index += 1; continue }
            if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(object) }
            throw error("Expected `,` or `}` in object, found \(describe(at: index))")
        }
    }

    private func escapePointer(_ key: String) -> String {
        key.replacingOccurrencesOf("~", "~0").replacingOccurrencesOf("/", "~1")
    }

    private mutating func parseArray() throws(JSONSyntaxError) -> JSONValue {
        try enter()
        defer { depth -= 1 }
        index += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
        var comma: Int?
        while true {
            skipWhitespace()
            if index < bytes.count && bytes[index] == UInt8(ascii: "]"), let comma { throw error("Trailing comma in array", at: comma) }
            if recordsLocations { path.append(String(items.count)) }
            items.append(try parseValue())
            if recordsLocations { path.removeLast() }
            skipWhitespace()
            guard index < bytes.count else { throw error("Unterminated array: expected `,` or `]`") }
            if bytes[index] == UInt8(ascii: ",") { comma = index; index += 1; continue }
            if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
            throw error("Expected `,` or `]` in array, found \(describe(at: index))")
        }
    }

    private mutating func parseString() throws(JSONSyntaxError) -> String {
        let start = index
        index += 1
        var scalars: [UInt8] = []
        var runStart = index
        while true {
            guard index < bytes.count else { throw error("Unterminated string", at: start) }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                scalars.append(contentsOf: bytes[runStart..<index])
                index += 1
                break
            }
            if byte < 0x20 { throw error("Control character in string; escape it") }
            if byte == UInt8(ascii: "\\") {
                scalars.append(contentsOf: bytes[runStart..<index])
                index += 1
                guard index < bytes.count else { throw error("Unterminated escape") }
                let escape = bytes[index]
                index += 1
                if let byte = JSONEscape.byte(for: escape) {
                    scalars.append(byte)
                    runStart = index
                    continue
                }
                guard escape == UInt8(ascii: "u") else {
                    throw error("`\\\(Character(Unicode.Scalar(escape)))` is not a JSON escape", at: index - 2)
                }
                let unicode = JSONEscape.unicodeEscape(in: bytes, at: index - 2, end: bytes.count)
                // A lone surrogate is an error, or U+FFFD when the parser replaces it.
                if let problem = unicode.problem, unicode.scalar == nil || !replacesLoneSurrogates {
                    throw error(problem.message, at: unicode.range.lowerBound)
                }
                if let scalar = unicode.scalar { JSONEscape.appendUTF8(scalar, to: &scalars) }
                index = unicode.range.upperBound
                runStart = index
                continue
            }
            index += 1
        }
        return String(decoding: scalars, as: UTF8.self)
    }

    private mutating func parseNumber() throws(JSONSyntaxError) -> JSONValue {
        let start = index
        switch JSONNumber.scan(bytes[...], from: start) {
        case .problem(let problem, let offset):
            throw error(problem.message, at: offset)
        case .number(let end):
            index = end
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let value = Double(text) else { throw error("Invalid number", at: start) }
        return .number(value)
    }
}

extension String {
    public func replacingOccurrencesOf(_ target: String, _ replacement: String) -> String {
        guard contains(target) else { return self }
        return split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
