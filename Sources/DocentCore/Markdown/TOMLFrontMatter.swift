/// Scalar and flow-list reading shared by the YAML and TOML front-matter readers.
enum FrontMatterScalars {
    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    static func trim(_ bytes: [UInt8], _ range: ByteRange) -> ByteRange {
        var start = range.lowerBound
        var end = range.upperBound
        while start < end && isSpace(bytes[start]) { start += 1 }
        while end > start && isSpace(bytes[end - 1]) { end -= 1 }
        return start..<end
    }

    /// The `]` that closes the `[` at `range.lowerBound`, outside quotes and `#` comments, or nil.
    static func closingBracket(_ bytes: [UInt8], _ range: ByteRange) -> Int? {
        var depth = 0
        var index = range.lowerBound
        var quote: UInt8?
        while index < range.upperBound {
            let byte = bytes[index]
            if let open = quote {
                if open == UInt8(ascii: "\"") && byte == UInt8(ascii: "\\") { index += 2; continue }
                if byte == open || byte == 0x0A { quote = nil }
            } else if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
                quote = byte
            } else if byte == UInt8(ascii: "#") && index > range.lowerBound && isSpace(bytes[index - 1]) {
                while index < range.upperBound && bytes[index] != 0x0A { index += 1 }
                continue
            } else if byte == UInt8(ascii: "[") {
                depth += 1
            } else if byte == UInt8(ascii: "]") {
                depth -= 1
                if depth == 0 { return index }
            }
            index += 1
        }
        return nil
    }

    /// The `]` that closes the flow list opening at `start` on line `line` (cut at `firstEnd`), read
    /// on over the lines before `endLine` (each cut by `lineEnd`), with the line it closes on.
    static func closeFlowList(_ text: SourceText, at start: Int, firstEnd: Int, line: Int, endLine: Int,
                              lineEnd: (ByteRange) -> Int) -> (close: Int, line: Int)? {
        var end = firstEnd
        var last = line
        while true {
            if let close = closingBracket(text.bytes, start..<end) { return (close, last) }
            guard last + 1 < endLine else { return nil }
            last += 1
            end = lineEnd(text.lineRange(last))
        }
    }

    static func skipSpaces(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Int {
        var index = start
        while index < end && (bytes[index] == 0x20 || bytes[index] == 0x09) { index += 1 }
        return index
    }

    /// Whether the closing `"` of `range` is escaped (`"a\"`).
    static func endsEscaped(_ bytes: [UInt8], _ range: ByteRange) -> Bool {
        var backslashes = 0
        var index = range.upperBound - 2
        while index > range.lowerBound && bytes[index] == UInt8(ascii: "\\") { backslashes += 1; index -= 1 }
        return backslashes % 2 == 1
    }

    /// The items of a flow list `[a, "b", 'c']` (possibly over several lines, with `#` comments), each
    /// unquoted, with the ranges of their text (inside quotes).
    static func flowItems(_ bytes: [UInt8], _ range: ByteRange, text: SourceText, toml: Bool = false) -> ([FrontMatterValue], [ByteRange]) {
        var end = range.upperBound
        if end > range.lowerBound && bytes[end - 1] == UInt8(ascii: "]") { end -= 1 }
        var items: [FrontMatterValue] = []
        var ranges: [ByteRange] = []
        // The current item runs from its first to its last byte that is neither space nor comment.
        var first: Int?
        var last = 0
        func mark(_ index: Int) {
            if first == nil { first = index }
            last = index
        }
        func add() {
            guard let start = first else { return }
            let item = start..<(last + 1)
            items.append(.scalar(unquote(bytes, item, text: text, toml: toml)))
            ranges.append(unquotedRange(bytes, item))
            first = nil
        }
        var index = range.lowerBound + 1
        var quote: UInt8?
        var depth = 0
        while index < end {
            let byte = bytes[index]
            if let open = quote {
                mark(index)
                if open == UInt8(ascii: "\"") && byte == UInt8(ascii: "\\") && index + 1 < end {
                    mark(index + 1)
                    index += 2
                    continue
                }
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "#") && isSpace(bytes[index - 1]) {
                // A comment runs to the end of its line.
                while index < end && bytes[index] != 0x0A { index += 1 }
                continue
            } else if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
                quote = byte
                mark(index)
            } else if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") {
                depth += 1
                mark(index)
            } else if (byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}")) && depth > 0 {
                depth -= 1
                mark(index)
            } else if byte == UInt8(ascii: ",") && depth == 0 {
                add()
            } else if !isSpace(byte) {
                mark(index)
            }
            index += 1
        }
        add()
        return (items, ranges)
    }

    /// A scalar's text: inside its quotes when it is quoted (and closed).
    static func unquotedRange(_ bytes: [UInt8], _ range: ByteRange) -> ByteRange {
        let trimmed = trim(bytes, range)
        guard trimmed.count >= 2 else { return trimmed }
        let first = bytes[trimmed.lowerBound]
        guard first == UInt8(ascii: "'") || first == UInt8(ascii: "\""), bytes[trimmed.upperBound - 1] == first else { return trimmed }
        return (trimmed.lowerBound + 1)..<(trimmed.upperBound - 1)
    }

    /// A scalar's value: YAML's `''` in single quotes and backslash escapes in double quotes; TOML's
    /// literal (`'…'`) strings keep every byte.
    static func unquote(_ bytes: [UInt8], _ range: ByteRange, text: SourceText, toml: Bool) -> String {
        let trimmed = trim(bytes, range)
        guard trimmed.count >= 2 else { return text.string(in: trimmed) }
        let first = bytes[trimmed.lowerBound]
        let last = bytes[trimmed.upperBound - 1]
        let inner = (trimmed.lowerBound + 1)..<(trimmed.upperBound - 1)
        if first == UInt8(ascii: "'") && last == UInt8(ascii: "'") {
            return toml ? text.string(in: inner) : text.string(in: inner).replacingAll("''", with: "'")
        }
        if first == UInt8(ascii: "\"") && last == UInt8(ascii: "\"") {
            return unescape(text.string(in: inner))
        }
        return text.string(in: trimmed)
    }

    /// A YAML double-quoted or TOML basic string's escapes, resolved: the one-letter ones JSON has
    /// too, and `\u`/`\U` code points.
    static func unescape(_ body: String) -> String {
        let bytes = Array(body.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count else {
                result.append(bytes[index])
                index += 1
                continue
            }
            let letter = bytes[index + 1]
            index += 2
            if let byte = JSONEscape.byte(for: letter) {
                result.append(byte)
            } else if letter == UInt8(ascii: "u") || letter == UInt8(ascii: "U"), case let digits = letter == UInt8(ascii: "u") ? 4 : 8,
                      index + digits <= bytes.count, let value = JSONEscape.hexValue(bytes[index..<(index + digits)]), let scalar = Unicode.Scalar(value) {
                // `\u0041` (YAML, TOML), `\U0001F600` (TOML, YAML): a code point.
                JSONEscape.appendUTF8(scalar, to: &result)
                index += digits
            } else {
                // Not an escape these readers know: the character as written.
                result.append(letter)
            }
        }
        return String(decoding: result, as: UTF8.self)
    }
}

/// Reads TOML front matter (`+++` … `+++`, Hugo's): `key = value` lines, `[table]` and `[[table]]`
/// headers (their keys become a map entry), basic, literal and multi-line strings, arrays over
/// several lines, and other values (numbers, dates, booleans, inline tables) kept as written.
struct TOMLReader {
    let text: SourceText
    var line: Int
    let endLine: Int
    var problems: [SyntaxProblem] = []
    /// Where the first table header starts: new top-level keys go before it.
    var firstTable: Int?

    init(text: SourceText, firstLine: Int, endLine: Int) {
        self.text = text
        self.line = firstLine
        self.endLine = endLine
    }

    private var bytes: [UInt8] { text.bytes }

    mutating func read() -> [FrontMatterEntry] {
        var entries: [FrontMatterEntry] = []
        var table: FrontMatterEntry?
        var tableEntries: [FrontMatterEntry] = []
        func closeTable() {
            guard var open = table else { return }
            open.value = .map(tableEntries)
            entries.append(open)
        }
        while line < endLine {
            let range = text.lineRange(line)
            let start = skipSpaces(range.lowerBound, range.upperBound)
            let end = trimEnd(range)
            if start >= end || bytes[start] == UInt8(ascii: "#") { line += 1; continue }
            if bytes[start] == UInt8(ascii: "[") {
                let isArray = start + 1 < end && bytes[start + 1] == UInt8(ascii: "[")
                let nameStart = skipSpaces(start + (isArray ? 2 : 1), end)
                guard let close = bytes[nameStart..<end].firstIndex(of: UInt8(ascii: "]")),
                      !isArray || (close + 1 < end && bytes[close + 1] == UInt8(ascii: "]")) else {
                    problems.append(SyntaxProblem(message: "This table header has no closing `\(isArray ? "]]" : "]")`", range: start..<end))
                    line += 1
                    continue
                }
                closeTable()
                tableEntries = []
                let name = FrontMatterScalars.trim(bytes, nameStart..<close)
                firstTable = firstTable ?? range.lowerBound
                table = FrontMatterEntry(key: text.string(in: name), keyRange: name, value: .map([]), valueRange: start..<end)
                expectNothing(after: close + (isArray ? 2 : 1), end)
                line += 1
                continue
            }
            guard let (key, keyRange, equals) = readKey(start, end) else {
                problems.append(SyntaxProblem(message: "Expected `key = value` in TOML front matter", range: start..<end))
                line += 1
                continue
            }
            let scope = table == nil ? entries : tableEntries
            if scope.contains(where: { $0.key == key }) {
                problems.append(SyntaxProblem(message: "Duplicate front-matter key `\(key)`", range: keyRange))
            }
            let (value, valueRange, items) = readValue(skipSpaces(equals + 1, end), end)
            let entry = FrontMatterEntry(key: key, keyRange: keyRange, value: value, valueRange: valueRange, itemRanges: items)
            if table == nil { entries.append(entry) } else { tableEntries.append(entry) }
        }
        closeTable()
        return entries
    }

    /// A bare (`a-b_1`, dotted `a.b`) or quoted key and the `=` after it.
    private func readKey(_ start: Int, _ end: Int) -> (String, ByteRange, Int)? {
        var index = start
        var key = ""
        if bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") {
            let quote = bytes[index]
            guard let close = bytes[(index + 1)..<end].firstIndex(of: quote) else { return nil }
            key = FrontMatterScalars.unquote(bytes, index..<(close + 1), text: text, toml: true)
            index = close + 1
        } else {
            while index < end && (ByteClass.isASCIIAlphanumeric(bytes[index]) || bytes[index] == UInt8(ascii: "_")
                                  || bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: ".")) { index += 1 }
            guard index > start else { return nil }
            key = text.string(in: start..<index)
        }
        let keyRange = start..<index
        index = skipSpaces(index, end)
        guard index < end, bytes[index] == UInt8(ascii: "=") else { return nil }
        return (key, keyRange, index)
    }

    /// The value at `start` (running over later lines for multi-line strings and arrays), its range
    /// (inside a string's quotes) and its items' ranges; moves past the lines it takes.
    private mutating func readValue(_ start: Int, _ end: Int) -> (FrontMatterValue, ByteRange, [ByteRange]) {
        guard start < end else {
            problems.append(SyntaxProblem(message: "This key has no value", range: start..<start))
            line += 1
            return (.scalar(""), start..<start, [])
        }
        let first = bytes[start]
        if first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") {
            let triple = start + 2 < end && bytes[start + 1] == first && bytes[start + 2] == first
            if triple { return readMultilineString(start, quote: first) }
            var index = start + 1
            while index < end && bytes[index] != first {
                if first == UInt8(ascii: "\"") && bytes[index] == UInt8(ascii: "\\") { index += 1 }
                index += 1
            }
            guard index < end else {
                problems.append(SyntaxProblem(message: "This string has no closing \(first == UInt8(ascii: "'") ? "'" : "\"")", range: start..<end))
                line += 1
                return (.scalar(text.string(in: (start + 1)..<end)), (start + 1)..<end, [])
            }
            expectNothing(after: index + 1, end)
            line += 1
            return (.scalar(FrontMatterScalars.unquote(bytes, start..<(index + 1), text: text, toml: true)), (start + 1)..<index, [])
        }
        if first == UInt8(ascii: "[") {
            guard let (close, last) = FrontMatterScalars.closeFlowList(text, at: start, firstEnd: end, line: line, endLine: endLine, lineEnd: { trimEnd($0) }) else {
                problems.append(SyntaxProblem(message: "This array has no closing `]`", range: start..<end))
                line += 1
                let (items, ranges) = FrontMatterScalars.flowItems(bytes, start..<end, text: text, toml: true)
                return (.list(items), start..<end, ranges)
            }
            line = last + 1
            expectNothing(after: close + 1, trimEnd(text.lineRange(last)))
            let (items, ranges) = FrontMatterScalars.flowItems(bytes, start..<(close + 1), text: text, toml: true)
            return (.list(items), start..<(close + 1), ranges)
        }
        // A number, date, boolean or inline table: kept as written, up to a comment.
        var valueEnd = end
        var depth = 0
        var index = start
        var quote: UInt8?
        while index < end {
            let byte = bytes[index]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: "{") {
                depth += 1
            } else if byte == UInt8(ascii: "}") {
                depth -= 1
            } else if byte == UInt8(ascii: "#") && depth == 0 {
                valueEnd = index
                break
            }
            index += 1
        }
        let range = FrontMatterScalars.trim(bytes, start..<valueEnd)
        line += 1
        return (.scalar(text.string(in: range)), range, [])
    }

    /// `"""…"""` or `'''…'''`, from the opening line to the closing one. A newline right after the
    /// opening delimiter is not part of the value.
    private mutating func readMultilineString(_ start: Int, quote: UInt8) -> (FrontMatterValue, ByteRange, [ByteRange]) {
        let delimiter = [quote, quote, quote]
        var contentStart = start + 3
        let firstLine = text.lineRange(line)
        if contentStart >= trimEnd(firstLine) { contentStart = line + 1 < endLine ? text.lineRange(line + 1).lowerBound : firstLine.upperBound }
        var index = start + 3
        let blockEnd = text.lineRange(endLine - 1).upperBound
        while index + 3 <= blockEnd {
            if bytes[index] == UInt8(ascii: "\\") && quote == UInt8(ascii: "\"") { index += 2; continue }
            if bytes[index..<(index + 3)].elementsEqual(delimiter) {
                let closeLine = text.line(of: index)
                line = closeLine + 1
                expectNothing(after: index + 3, trimEnd(text.lineRange(closeLine)))
                let content = min(contentStart, index)..<index
                let body = text.string(in: content)
                return (.scalar(quote == UInt8(ascii: "'") ? body : FrontMatterScalars.unescape(body)), content, [])
            }
            index += 1
        }
        problems.append(SyntaxProblem(message: "This string has no closing \(String(decoding: delimiter, as: UTF8.self))", range: start..<trimEnd(firstLine)))
        line = endLine
        let content = min(contentStart, blockEnd)..<blockEnd
        return (.scalar(text.string(in: content)), content, [])
    }

    /// Reports text after a value other than a comment.
    private mutating func expectNothing(after index: Int, _ end: Int) {
        let rest = skipSpaces(index, end)
        if rest < end && bytes[rest] != UInt8(ascii: "#") {
            problems.append(SyntaxProblem(message: "Unexpected text after the value", range: rest..<end))
        }
    }

    private func skipSpaces(_ start: Int, _ end: Int) -> Int { FrontMatterScalars.skipSpaces(bytes, start, end) }

    private func trimEnd(_ range: ByteRange) -> Int {
        var end = range.upperBound
        while end > range.lowerBound && FrontMatterScalars.isSpace(bytes[end - 1]) { end -= 1 }
        return end
    }
}
