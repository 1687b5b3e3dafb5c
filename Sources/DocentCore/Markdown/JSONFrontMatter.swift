/// Reads JSON front matter, as Hugo accepts it: the page opens with a line that is only `{`, and the
/// object closes with the `}` that balances it (counted outside strings, as Hugo's lexer counts), alone
/// on its line. The members between them are the entries: strings (their ranges inside the quotes),
/// arrays, objects, and numbers, `true` and `false` kept as written; `null` is an empty value.
/// Anything JSON does not allow (an unquoted or single-quoted key or string, a missing or trailing
/// comma, comments, an unclosed string, array or object, an unknown escape) is read as well as it can
/// be and reported.
struct JSONFrontMatterReader {
    let text: SourceText
    let bytes: [UInt8]
    var index: Int
    /// The end of the members: the start of the closing `}`'s line.
    let end: Int
    var problems: [SyntaxProblem] = []
    /// How many arrays and objects enclose the value being read.
    private var depth = 0
    /// Set when a string ran to the end of its line unclosed: what follows on the next line is not
    /// then reported as missing its comma.
    private var stoppedAtLineEnd = false
    /// Deeper arrays and objects are kept as written, not descended into (no unbounded recursion).
    static let maximumDepth = 64

    init(text: SourceText, start: Int, end: Int) {
        self.text = text
        self.bytes = text.bytes
        self.index = start
        self.end = end
    }

    // MARK: The block

    /// The line of the `}` that closes the object opened by the `{` line (line 0, its brace at
    /// `open`), or nil: the balancing `}` when it stands alone on its line, else the first line that
    /// is only `}` (the block is then reported as broken inside), else none.
    static func closingLine(_ text: SourceText, open: Int) -> Int? {
        let bytes = text.bytes
        var depth = 0
        var index = open
        var quoted = false
        while index < bytes.count {
            let byte = bytes[index]
            if quoted {
                if byte == UInt8(ascii: "\\") { index += 2; continue }
                // A string ends at its quote, or (unclosed) at the end of its line.
                if byte == UInt8(ascii: "\"") || byte == 0x0A || byte == 0x0D { quoted = false }
            } else if byte == UInt8(ascii: "\"") {
                quoted = true
            } else if byte == UInt8(ascii: "{") {
                depth += 1
            } else if byte == UInt8(ascii: "}") {
                depth -= 1
                if depth == 0 {
                    let line = text.line(of: index)
                    if FrontMatterScalars.trim(bytes, text.lineRange(line)) == index..<(index + 1) { return line }
                    break
                }
            }
            index += 1
        }
        var line = 1
        while line < text.lineCount {
            let range = text.lineRange(line)
            if range.lowerBound < range.upperBound && bytes[range.lowerBound] == UInt8(ascii: "}")
                && FrontMatterScalars.trim(bytes, range).upperBound == range.lowerBound + 1 { return line }
            line += 1
        }
        return nil
    }

    /// The indentation of the first member, for a new one; two spaces when there is none.
    func memberIndent() -> String {
        var first = index
        while first < end && FrontMatterScalars.isSpace(bytes[first]) { first += 1 }
        guard first < end else { return "  " }
        let lineStart = text.lineRange(text.line(of: first)).lowerBound
        guard lineStart >= index else { return "  " }
        return text.string(in: lineStart..<first)
    }

    // MARK: Values

    /// Reads the members of an object up to `end` (the block's own object, `open` nil) or up to the
    /// `}` that closes the `{` at `open`.
    mutating func readMembers(open: Int? = nil) -> [FrontMatterEntry] {
        var entries: [FrontMatterEntry] = []
        var pendingComma: Int?
        var needsComma = false
        while true {
            skipWhitespace()
            guard index < end else {
                if let open { report("This object has no closing `}`", open..<(open + 1)) }
                if let comma = pendingComma { report("JSON allows no comma after the last member", comma..<(comma + 1)) }
                return entries
            }
            let byte = bytes[index]
            if open != nil && (byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]")) {
                if byte == UInt8(ascii: "]") {
                    // The `]` of an enclosing array: this object was left open.
                    report("This object has no closing `}`", open!..<(open! + 1))
                    return entries
                }
                if let comma = pendingComma { report("JSON allows no comma after the last member", comma..<(comma + 1)) }
                index += 1
                return entries
            }
            if byte == UInt8(ascii: ",") {
                if needsComma { pendingComma = index } else { report("Unexpected `,`", index..<(index + 1)) }
                needsComma = false
                index += 1
                continue
            }
            if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                report("Unexpected `\(Character(Unicode.Scalar(byte)))`", index..<(index + 1))
                index += 1
                continue
            }
            guard byte == UInt8(ascii: "\"") else {
                // The rest of the line is passed over.
                let lineEnd = trimmedLineEnd(index)
                let isComment = bytes[index] == UInt8(ascii: "/") && index + 1 < end && [UInt8(ascii: "/"), UInt8(ascii: "*")].contains(bytes[index + 1])
                report(isComment ? "JSON has no comments" : needsComma ? "Unexpected text after the value" : "Expected a key in double quotes", index..<lineEnd)
                index = lineEnd
                pendingComma = nil
                needsComma = false
                continue
            }
            let start = index
            let missingComma = beginEntry(needsComma: &needsComma, pendingComma: &pendingComma)
            guard let entry = readMember() else {
                needsComma = false
                continue
            }
            if missingComma { report("Expected `,` before this member", start..<min(index, trimmedLineEnd(start))) }
            if entries.contains(where: { $0.key == entry.key }) {
                report("Duplicate front-matter key `\(entry.key)`", entry.keyRange)
            }
            entries.append(entry)
        }
    }

    /// A `"key": value` member, at its key's opening quote; nil (reported) when it has no `:`.
    private mutating func readMember() -> FrontMatterEntry? {
        let keyStart = index
        guard let key = readString() else { return nil }
        let keyRange = keyStart..<index
        skipWhitespace()
        guard index < end, bytes[index] == UInt8(ascii: ":") else {
            report("Expected `:` after the key", keyRange)
            index = max(index, trimmedLineEnd(keyStart))
            return nil
        }
        index += 1
        while index < end && (bytes[index] == 0x20 || bytes[index] == 0x09) { index += 1 }
        let valueStart = index
        skipWhitespace()
        guard index < end, ![UInt8(ascii: ","), UInt8(ascii: "}")].contains(bytes[index]) else {
            report("This key has no value", keyRange)
            return FrontMatterEntry(key: key, keyRange: keyRange, value: .scalar(""), valueRange: valueStart..<valueStart)
        }
        let (value, range, items) = readValue()
        return FrontMatterEntry(key: key, keyRange: keyRange, value: value, valueRange: range, itemRanges: items)
    }

    /// The value at `index` (not space, not the end), its range (inside a string's quotes) and its
    /// items' ranges.
    private mutating func readValue() -> (FrontMatterValue, ByteRange, [ByteRange]) {
        let start = index
        switch bytes[start] {
        case UInt8(ascii: "\""):
            guard let value = readString() else {
                return (.scalar(text.string(in: (start + 1)..<index)), (start + 1)..<index, [])
            }
            return (.scalar(value), (start + 1)..<(index - 1), [])
        case UInt8(ascii: "'"):
            // A single-quoted string (YAML's, JavaScript's): read, and reported.
            let lineEnd = trimmedLineEnd(start)
            var close = start + 1
            while close < lineEnd && bytes[close] != UInt8(ascii: "'") { close += 1 }
            guard close < lineEnd else {
                report("Expected a JSON value; strings take double quotes", start..<lineEnd)
                index = lineEnd
                return (.scalar(text.string(in: start..<lineEnd)), start..<lineEnd, [])
            }
            index = close + 1
            report("JSON strings take double quotes", start..<index)
            return (.scalar(text.string(in: (start + 1)..<close)), (start + 1)..<close, [])
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            guard depth < Self.maximumDepth else { return skim() }
            depth += 1
            defer { depth -= 1 }
            index += 1
            if bytes[start] == UInt8(ascii: "{") {
                let entries = readMembers(open: start)
                return (.map(entries), start..<index, [])
            }
            return readArray(open: start)
        default:
            while index < end && !FrontMatterScalars.isSpace(bytes[index])
                    && ![UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}")].contains(bytes[index]) { index += 1 }
            guard index > start else {
                // A `]` where a member's value should be.
                index += 1
                report("Expected a value", start..<index)
                return (.scalar(""), start..<start, [])
            }
            let token = start..<index
            if bytes[token].elementsEqual("null".utf8) { return (.scalar(""), token, []) }
            if bytes[start] == UInt8(ascii: "-") || ByteClass.isDigit(bytes[start]) {
                // A number, or what was meant as one: say what is wrong with it.
                switch JSONNumber.scan(bytes[token], from: start) {
                case .number(let numberEnd) where numberEnd == index: break
                case .number(let numberEnd): report("Unexpected text after the number", numberEnd..<index)
                case .problem(let problem, _): report(problem.message, token)
                }
            } else if !bytes[token].elementsEqual("true".utf8) && !bytes[token].elementsEqual("false".utf8) {
                report("Expected a JSON value: a string in double quotes, a number, true, false, null, an array or an object", token)
            }
            return (.scalar(text.string(in: token)), token, [])
        }
    }

    /// The items of an array whose `[` is at `open` (`index` just after it).
    private mutating func readArray(open: Int) -> (FrontMatterValue, ByteRange, [ByteRange]) {
        var items: [FrontMatterValue] = []
        var ranges: [ByteRange] = []
        var pendingComma: Int?
        var needsComma = false
        while true {
            skipWhitespace()
            guard index < end else {
                report("This array has no closing `]`", open..<(open + 1))
                return (.list(items), open..<index, ranges)
            }
            let byte = bytes[index]
            if byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") {
                if byte == UInt8(ascii: "}") {
                    // The `}` of an enclosing object: this array was left open.
                    report("This array has no closing `]`", open..<(open + 1))
                    return (.list(items), open..<index, ranges)
                }
                if let comma = pendingComma { report("JSON allows no comma after the last item", comma..<(comma + 1)) }
                index += 1
                return (.list(items), open..<index, ranges)
            }
            if byte == UInt8(ascii: ",") {
                if needsComma { pendingComma = index } else { report("Unexpected `,`", index..<(index + 1)) }
                needsComma = false
                index += 1
                continue
            }
            let start = index
            let missingComma = beginEntry(needsComma: &needsComma, pendingComma: &pendingComma)
            let (value, range, _) = readValue()
            if missingComma { report("Expected `,` before this item", start..<min(index, trimmedLineEnd(start))) }
            items.append(value)
            ranges.append(range)
        }
    }

    /// An array or object nested too deeply to read: kept as written, up to its balancing bracket.
    private mutating func skim() -> (FrontMatterValue, ByteRange, [ByteRange]) {
        let start = index
        var level = 0
        var quoted = false
        while index < end {
            let byte = bytes[index]
            index += 1
            if quoted {
                if byte == UInt8(ascii: "\\") { index += 1 } else if byte == UInt8(ascii: "\"") || byte == 0x0A || byte == 0x0D { quoted = false }
            } else if byte == UInt8(ascii: "\"") {
                quoted = true
            } else if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") {
                level += 1
            } else if byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") {
                level -= 1
                if level == 0 { break }
            }
        }
        index = min(index, end)
        if level != 0 { report("This \(bytes[start] == UInt8(ascii: "[") ? "array has no closing `]`" : "object has no closing `}`")", start..<(start + 1)) }
        return (.scalar(text.string(in: start..<index)), start..<index, [])
    }

    /// The string whose opening quote is at `index`, unescaped; moves past its closing quote. An
    /// unclosed string (JSON strings end on their line) is reported, `index` left at its line's end,
    /// and nil returned.
    private mutating func readString() -> String? {
        let start = index
        var value: [UInt8] = []
        index += 1
        while index < end {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: value, as: UTF8.self)
            case 0x0A, 0x0D:
                report("This string has no closing \"", start..<trimmedLineEnd(start))
                stoppedAtLineEnd = true
                return nil
            case UInt8(ascii: "\\"):
                readEscape(into: &value)
            default:
                if byte < 0x20 { report("A JSON string cannot hold a tab or other control character unescaped", index..<(index + 1)) }
                value.append(byte)
                index += 1
            }
        }
        report("This string has no closing \"", start..<trimmedLineEnd(start))
        return nil
    }

    /// A member of an object or an item of an array starts: whether the comma owed after the value
    /// before it is missing (not said after a string that ran unclosed to its line's end, which is
    /// reported already), and from now on a comma is owed.
    private mutating func beginEntry(needsComma: inout Bool, pendingComma: inout Int?) -> Bool {
        let missing = needsComma && !stoppedAtLineEnd
        stoppedAtLineEnd = false
        pendingComma = nil
        needsComma = true
        return missing
    }

    /// The escape at `index` (a backslash), appended to `value` as UTF-8.
    private mutating func readEscape(into value: inout [UInt8]) {
        let start = index
        guard index + 1 < end, bytes[index + 1] != 0x0A, bytes[index + 1] != 0x0D else {
            index += 1
            return
        }
        let letter = bytes[index + 1]
        index += 2
        if let byte = JSONEscape.byte(for: letter) {
            value.append(byte)
            return
        }
        guard letter == UInt8(ascii: "u") else {
            // The escaped character, whole (it may take several bytes).
            while index < end && bytes[index] & 0xC0 == 0x80 { index += 1 }
            report("`\(text.string(in: start..<index))` is not a JSON escape", start..<index)
            value += bytes[(start + 1)..<index]
            return
        }
        let escape = JSONEscape.unicodeEscape(in: bytes, at: start, end: end)
        index = escape.range.upperBound
        if let problem = escape.problem { report(problem.message, escape.range) }
        if let scalar = escape.scalar { JSONEscape.appendUTF8(scalar, to: &value) }
    }

    // MARK: Helpers

    private mutating func report(_ message: String, _ range: ByteRange) {
        problems.append(SyntaxProblem(message: message, range: range))
    }

    private mutating func skipWhitespace() {
        while index < end && FrontMatterScalars.isSpace(bytes[index]) { index += 1 }
    }

    /// The end of the line holding `offset` (within the members), before trailing spaces.
    private func trimmedLineEnd(_ offset: Int) -> Int {
        let lineEnd = min(text.lineRange(text.line(of: offset)).upperBound, end)
        return max(offset, FrontMatterScalars.trim(bytes, offset..<lineEnd).upperBound)
    }
}
