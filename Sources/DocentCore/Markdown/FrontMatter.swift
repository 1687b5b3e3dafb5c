/// A front-matter block: YAML (`---` … `---`), read with the subset of YAML docs sites use: plain,
/// single- and double-quoted scalars, `#` comments, block and flow lists, nested maps, and `|`/`>`
/// block scalars with chomping indicators; TOML (`+++` … `+++`, as Hugo writes it), read with
/// strings, arrays, tables and other values kept as written; or JSON (`{` … `}`, Hugo's too). Anything
/// else is kept as a plain scalar and reported.
public struct FrontMatter: Sendable {
    /// The whole block, delimiters included.
    public var range: ByteRange
    /// The lines between the delimiters.
    public var contentRange: ByteRange
    public var entries: [FrontMatterEntry]
    public var problems: [SyntaxProblem]
    public var syntax: FrontMatterSyntax = .yaml
    /// Where a new top-level key goes: the end of the block, in TOML before the first table, in JSON
    /// before the first member (so no other member needs a comma added).
    public var insertionPoint: Int?
    /// The indentation of a new top-level key: JSON members are indented like the first one (two
    /// spaces in an empty object); YAML and TOML keys are not.
    public var entryIndent = ""

    /// A new top-level `key` with a string `value`, written as the block's syntax wants. A JSON member
    /// ends with a comma when members follow it.
    public func line(_ key: String, _ value: String) -> String {
        switch syntax {
        case .yaml: "\(key): \(value)"
        case .toml: "\(key) = \(JSONEscape.quoted(value))"
        case .json: "\(entryIndent)\(JSONEscape.quoted(key)): \(JSONEscape.quoted(value))\(entries.isEmpty ? "" : ",")"
        }
    }

    public func entry(_ key: String) -> FrontMatterEntry? { entries.first { $0.key == key } }

    /// `text` as a YAML value: plain, unless a plain scalar would read it as something else (an
    /// indicator first, `: ` or ` #` inside, a colon at the end, spaces at either end), then in
    /// double quotes with JSON's escapes, which YAML reads the same.
    public static func yamlScalar(_ text: String) -> String {
        guard let first = text.first else { return JSONEscape.quoted(text) }
        let needsQuotes = "-?:,[]{}#&*!|>'\"%@`".contains(first) || text.contains(": ") || text.contains(" #") || text.hasSuffix(":")
            || first == " " || text.last == " "
        return needsQuotes ? JSONEscape.quoted(text) : text
    }

    /// The value of `key` as a string (a scalar, or a list's items joined with ", ").
    public func string(_ key: String) -> String? {
        guard let value = entry(key)?.value else { return nil }
        switch value {
        case .scalar(let text): return text
        case .list(let items): return items.compactMap { $0.scalarText }.joined(separator: ", ")
        case .map: return nil
        }
    }

    /// The value of `key` as a list of strings (a scalar counts as a list of one).
    public func strings(_ key: String) -> [String] {
        guard let value = entry(key)?.value else { return [] }
        switch value {
        case .scalar(let text): return text.isEmpty ? [] : [text]
        case .list(let items): return items.compactMap { $0.scalarText }
        case .map: return []
        }
    }
}

public enum FrontMatterSyntax: Sendable {
    case yaml
    case toml
    case json
}

public struct FrontMatterEntry: Sendable {
    public var key: String
    public var keyRange: ByteRange
    public var value: FrontMatterValue
    /// Where the value is written (empty at the end of the key's line when the value is missing). A
    /// TOML string's range is inside its quotes.
    public var valueRange: ByteRange
    /// For a list, where each item is written (parallel to its items; inside quotes for a quoted item).
    public var itemRanges: [ByteRange] = []

    public init(key: String, keyRange: ByteRange, value: FrontMatterValue, valueRange: ByteRange, itemRanges: [ByteRange] = []) {
        self.key = key
        self.keyRange = keyRange
        self.value = value
        self.valueRange = valueRange
        self.itemRanges = itemRanges
    }

    /// Where a diagnostic about the entry points: its value, or its key when the value is empty.
    public var reportedRange: ByteRange { valueRange.isEmpty ? keyRange : valueRange }

    /// The value's range with its quotes, when it is one quoted string (`"…"` or `'…'`, empty
    /// included): YAML's ranges hold the quotes, TOML's and JSON's stand inside them. Nil for a value
    /// in no quotes (a plain scalar, an array, `null`) and for a missing one.
    public func quotedValueRange(in bytes: [UInt8]) -> ByteRange? { Self.quoted(valueRange, in: bytes) }

    /// `range` with the quotes that hold it or that it holds (see `quotedValueRange`).
    public static func quoted(_ range: ByteRange, in bytes: [UInt8]) -> ByteRange? {
        func isQuote(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") }
        if range.count >= 2, isQuote(bytes[range.lowerBound]), bytes[range.upperBound - 1] == bytes[range.lowerBound] {
            return range
        }
        guard range.lowerBound > 0, range.upperBound < bytes.count, isQuote(bytes[range.upperBound]),
              bytes[range.lowerBound - 1] == bytes[range.upperBound] else { return nil }
        return (range.lowerBound - 1)..<(range.upperBound + 1)
    }
}

public indirect enum FrontMatterValue: Sendable {
    case scalar(String)
    case list([FrontMatterValue])
    case map([FrontMatterEntry])

    public var scalarText: String? {
        if case .scalar(let text) = self { return text }
        return nil
    }
}

/// A problem found while reading text, with its byte range. The core never throws; it reports these.
public struct SyntaxProblem: Hashable, Sendable {
    public var message: String
    public var range: ByteRange

    public init(message: String, range: ByteRange) {
        self.message = message
        self.range = range
    }
}

/// Reads front matter from the start of a document.
public enum FrontMatterReader {
    /// Reads the front-matter block at the very start of `text`, if there is one. A YAML block opens
    /// with a `---` line on line 0 and closes with a `---` or `...` line; a TOML block opens and closes
    /// with `+++`; a JSON block opens with a line that is only `{` and closes with the `}` that
    /// balances it, alone on its line (`JSONFrontMatterReader.closingLine`). Without a closing line
    /// there is none.
    ///
    /// In MDX (`isMDX`) a `{` line is not front matter: it opens a JavaScript expression, which may
    /// run over several lines (`{` … `}`), and MDX reads front matter only as YAML (or TOML with
    /// remark-frontmatter), never as JSON. The scanner reads such an expression as an expression.
    public static func read(_ text: SourceText, isMDX: Bool = false) -> FrontMatter? {
        let table = text.lineTable
        guard table.lineCount >= 2 else { return nil }
        var first = text.lineRange(0)
        // A byte-order mark (kept by a client that sends it as part of the text) does not hide the block.
        if text.bytes.starts(with: UTF8Scalars.byteOrderMark) { first = min(UTF8Scalars.byteOrderMark.count, first.upperBound)..<first.upperBound }
        if !isMDX && isDelimiter(text.bytes, first, "{") {
            guard let line = JSONFrontMatterReader.closingLine(text, open: first.lowerBound) else { return nil }
            let contentStart = table.lineStarts[1]
            let contentEnd = table.lineStarts[line]
            let blockEnd = line + 1 < table.lineCount ? table.lineStarts[line + 1] : text.count
            var reader = JSONFrontMatterReader(text: text, start: contentStart, end: contentEnd)
            let indent = reader.memberIndent()
            let entries = reader.readMembers()
            return FrontMatter(range: 0..<blockEnd, contentRange: contentStart..<contentEnd, entries: entries, problems: reader.problems,
                               syntax: .json, insertionPoint: contentStart, entryIndent: indent)
        }
        let isTOML = isDelimiter(text.bytes, first, "+++")
        guard isTOML || isDelimiter(text.bytes, first, "---") else { return nil }
        var line = 1
        while line < table.lineCount {
            let range = text.lineRange(line)
            if isTOML ? isDelimiter(text.bytes, range, "+++") : isDelimiter(text.bytes, range, "---") || isDelimiter(text.bytes, range, "...") {
                let contentStart = table.lineStarts[1]
                let contentEnd = table.lineStarts[line]
                let blockEnd = line + 1 < table.lineCount ? table.lineStarts[line + 1] : text.count
                if isTOML {
                    var reader = TOMLReader(text: text, firstLine: 1, endLine: line)
                    let entries = reader.read()
                    return FrontMatter(range: 0..<blockEnd, contentRange: contentStart..<contentEnd, entries: entries, problems: reader.problems,
                                       syntax: .toml, insertionPoint: reader.firstTable ?? contentEnd)
                }
                var reader = BlockReader(text: text, firstLine: 1, endLine: line)
                let entries = reader.readMap(indent: 0)
                return FrontMatter(range: 0..<blockEnd, contentRange: contentStart..<contentEnd, entries: entries, problems: reader.problems,
                                   insertionPoint: contentEnd)
            }
            line += 1
        }
        return nil
    }

    private static func isDelimiter(_ bytes: [UInt8], _ range: ByteRange, _ delimiter: String) -> Bool {
        var end = range.upperBound
        while end > range.lowerBound && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
        return bytes[range.lowerBound..<end].elementsEqual(delimiter.utf8)
    }
}

/// A line-oriented reader for the YAML subset. Lines are indexed between `firstLine` and `endLine`.
private struct BlockReader {
    let text: SourceText
    var line: Int
    let endLine: Int
    var problems: [SyntaxProblem] = []

    init(text: SourceText, firstLine: Int, endLine: Int) {
        self.text = text
        self.line = firstLine
        self.endLine = endLine
    }

    private var bytes: [UInt8] { text.bytes }

    /// The indentation of a line and whether it holds nothing but whitespace or a comment.
    private func measure(_ line: Int) -> (indent: Int, isBlank: Bool) {
        let range = text.lineRange(line)
        var index = range.lowerBound
        while index < range.upperBound && (bytes[index] == 0x20 || bytes[index] == 0x09) { index += 1 }
        let isBlank = index == range.upperBound || bytes[index] == UInt8(ascii: "#")
        return (index - range.lowerBound, isBlank)
    }

    private mutating func skipBlankLines() {
        while line < endLine && measure(line).isBlank { line += 1 }
    }

    mutating func readMap(indent: Int) -> [FrontMatterEntry] {
        var entries: [FrontMatterEntry] = []
        while true {
            skipBlankLines()
            guard line < endLine else { break }
            let (lineIndent, _) = measure(line)
            if lineIndent < indent { break }
            let range = text.lineRange(line)
            let start = range.lowerBound + lineIndent
            if lineIndent > indent {
                problems.append(SyntaxProblem(message: "Unexpected indentation in front matter", range: start..<range.upperBound))
                line += 1
                continue
            }
            if bytes[start] == UInt8(ascii: "\t") || (start > range.lowerBound && bytes[range.lowerBound..<start].contains(0x09)) {
                problems.append(SyntaxProblem(message: "Tabs are not allowed for indentation in YAML", range: range.lowerBound..<start))
            }
            guard let colon = findMappingColon(start..<range.upperBound) else {
                if bytes[start] == UInt8(ascii: "-") {
                    problems.append(SyntaxProblem(message: "A list item needs a key above it", range: start..<range.upperBound))
                } else {
                    problems.append(SyntaxProblem(message: "Expected `key: value` in front matter", range: start..<range.upperBound))
                }
                line += 1
                continue
            }
            var keyEnd = colon
            while keyEnd > start && bytes[keyEnd - 1] == 0x20 { keyEnd -= 1 }
            let key = unquote(start..<keyEnd)
            if entries.contains(where: { $0.key == key }) {
                problems.append(SyntaxProblem(message: "Duplicate front-matter key `\(key)`", range: start..<keyEnd))
            }
            let valueStart = skipSpaces(colon + 1, range.upperBound)
            let (value, valueRange, items) = readValue(from: valueStart, lineEnd: range.upperBound, parentIndent: indent)
            entries.append(FrontMatterEntry(key: key, keyRange: start..<keyEnd, value: value, valueRange: valueRange, itemRanges: items))
        }
        return entries
    }

    /// Reads the value that follows `key:` on the current line (at `from`) and any lines it owns, with
    /// where a list's items are written.
    private mutating func readValue(from start: Int, lineEnd: Int, parentIndent: Int) -> (FrontMatterValue, ByteRange, [ByteRange]) {
        let inlineEnd = trimComment(start..<lineEnd)
        if start < inlineEnd {
            let first = bytes[start]
            if first == UInt8(ascii: "|") || first == UInt8(ascii: ">") {
                line += 1
                let (value, range) = readBlockScalar(folded: first == UInt8(ascii: ">"), header: start..<inlineEnd, parentIndent: parentIndent)
                return (value, range, [])
            }
            if first == UInt8(ascii: "[") {
                // A flow list may run over several lines, up to its closing bracket.
                guard let (close, last) = FrontMatterScalars.closeFlowList(text, at: start, firstEnd: inlineEnd, line: line, endLine: endLine,
                                                                           lineEnd: { trimComment($0) }) else {
                    problems.append(SyntaxProblem(message: "This list has no closing `]`", range: start..<inlineEnd))
                    line += 1
                    let (items, ranges) = FrontMatterScalars.flowItems(bytes, start..<inlineEnd, text: text)
                    return (.list(items), start..<inlineEnd, ranges)
                }
                line = last + 1
                let (items, ranges) = FrontMatterScalars.flowItems(bytes, start..<(close + 1), text: text)
                return (.list(items), start..<(close + 1), ranges)
            }
            line += 1
            checkQuotes(start..<inlineEnd)
            return (.scalar(scalar(start..<inlineEnd)), start..<inlineEnd, [])
        }
        // Nothing on the key's line: a nested list or map may follow, indented (lists may sit at the same indent).
        line += 1
        skipBlankLines()
        guard line < endLine else { return (.scalar(""), lineEnd..<lineEnd, []) }
        let (indent, _) = measure(line)
        let range = text.lineRange(line)
        let first = range.lowerBound + indent
        let isListItem = bytes[first] == UInt8(ascii: "-") && (first + 1 == range.upperBound || bytes[first + 1] == 0x20)
        if isListItem && indent >= parentIndent {
            let begin = first
            let (items, ranges) = readList(indent: indent)
            return (.list(items), begin..<text.lineRange(max(line - 1, 0)).upperBound, ranges)
        }
        if indent > parentIndent, bytes[first] != UInt8(ascii: "'"), bytes[first] != UInt8(ascii: "\""), findMappingColon(first..<range.upperBound) == nil {
            // A plain scalar on the lines below its key, more indented than it: its lines folded into
            // one, each trimmed, joined by a space (YAML).
            var words: [String] = []
            var end = first
            while line < endLine {
                let (lineIndent, isBlank) = measure(line)
                let lineRange = text.lineRange(line)
                let lineStart = lineRange.lowerBound + lineIndent
                guard !isBlank, lineIndent > parentIndent, findMappingColon(lineStart..<lineRange.upperBound) == nil else { break }
                let lineEnd = trimSpaces(lineStart..<trimComment(lineStart..<lineRange.upperBound)).upperBound
                words.append(text.string(in: lineStart..<lineEnd))
                end = lineEnd
                line += 1
            }
            return (.scalar(words.joined(separator: " ")), first..<end, [])
        }
        if indent > parentIndent {
            let begin = first
            let entries = readMap(indent: indent)
            return (.map(entries), begin..<text.lineRange(max(line - 1, 0)).upperBound, [])
        }
        return (.scalar(""), lineEnd..<lineEnd, [])
    }

    /// Reports a quoted scalar whose closing quote is missing.
    private mutating func checkQuotes(_ range: ByteRange) {
        let trimmed = trimSpaces(range)
        guard let first = trimmed.first.map({ bytes[$0] }), first == UInt8(ascii: "'") || first == UInt8(ascii: "\"") else { return }
        if trimmed.count < 2 || bytes[trimmed.upperBound - 1] != first || (first == UInt8(ascii: "\"") && FrontMatterScalars.endsEscaped(bytes, trimmed)) {
            problems.append(SyntaxProblem(message: "This value has no closing \(first == UInt8(ascii: "'") ? "'" : "\"")", range: trimmed))
        }
    }

    private mutating func readList(indent: Int) -> ([FrontMatterValue], [ByteRange]) {
        var items: [FrontMatterValue] = []
        var ranges: [ByteRange] = []
        while true {
            skipBlankLines()
            guard line < endLine else { break }
            let (lineIndent, _) = measure(line)
            let range = text.lineRange(line)
            let start = range.lowerBound + lineIndent
            guard lineIndent == indent, bytes[start] == UInt8(ascii: "-"),
                  start + 1 == range.upperBound || bytes[start + 1] == 0x20 else { break }
            let itemStart = skipSpaces(start + 1, range.upperBound)
            if findMappingColon(itemStart..<range.upperBound) != nil {
                // `- key: value`: a map inside a list; its further keys align with the first one.
                let itemIndent = itemStart - range.lowerBound
                var nested = BlockReader(text: text, firstLine: line, endLine: endLine)
                nested.problems = []
                let entries = nested.readMapStartingMidLine(at: itemStart, indent: itemIndent)
                problems += nested.problems
                line = nested.line
                items.append(.map(entries))
                ranges.append(itemStart..<text.lineRange(max(line - 1, 0)).upperBound)
            } else {
                let end = trimComment(itemStart..<range.upperBound)
                checkQuotes(itemStart..<end)
                items.append(.scalar(scalar(itemStart..<end)))
                ranges.append(FrontMatterScalars.unquotedRange(bytes, itemStart..<end))
                line += 1
            }
        }
        return (items, ranges)
    }

    /// Reads a map whose first key starts mid-line (after `- `), the rest at `indent`.
    mutating func readMapStartingMidLine(at start: Int, indent: Int) -> [FrontMatterEntry] {
        let range = text.lineRange(line)
        var entries: [FrontMatterEntry] = []
        if let colon = findMappingColon(start..<range.upperBound) {
            let key = unquote(start..<colon)
            let valueStart = skipSpaces(colon + 1, range.upperBound)
            let (value, valueRange, items) = readValue(from: valueStart, lineEnd: range.upperBound, parentIndent: indent)
            entries.append(FrontMatterEntry(key: key, keyRange: start..<colon, value: value, valueRange: valueRange, itemRanges: items))
        } else {
            line += 1
        }
        entries += readMap(indent: indent)
        return entries
    }

    private mutating func readBlockScalar(folded: Bool, header: ByteRange, parentIndent: Int) -> (FrontMatterValue, ByteRange) {
        var keep = false
        var strip = false
        for byte in bytes[header].dropFirst() {
            if byte == UInt8(ascii: "+") { keep = true }
            if byte == UInt8(ascii: "-") { strip = true }
        }
        var lines: [String] = []
        var blockIndent: Int?
        let begin = line < endLine ? text.lineRange(line).lowerBound : header.upperBound
        var end = begin
        while line < endLine {
            let range = text.lineRange(line)
            var indent = 0
            while range.lowerBound + indent < range.upperBound && bytes[range.lowerBound + indent] == 0x20 { indent += 1 }
            let isEmpty = range.lowerBound + indent == range.upperBound
            if isEmpty { lines.append(""); line += 1; continue }
            if blockIndent == nil {
                guard indent > parentIndent else { break }
                blockIndent = indent
            }
            guard let required = blockIndent, indent >= required else { break }
            lines.append(text.string(in: (range.lowerBound + required)..<range.upperBound))
            end = range.upperBound
            line += 1
        }
        // Trailing empty lines belong to the chomping, not to the next key.
        var trailing = 0
        while let last = lines.last, last.isEmpty { lines.removeLast(); trailing += 1 }
        var value: String
        if folded {
            value = ""
            var previousWasEmpty = true
            for item in lines {
                if item.isEmpty { value += "\n"; previousWasEmpty = true; continue }
                if !previousWasEmpty && !item.hasPrefix(" ") { value += " " }
                value += item
                previousWasEmpty = false
            }
        } else {
            value = lines.joined(separator: "\n")
        }
        if keep { value += String(repeating: "\n", count: trailing + 1) } else if !strip && !value.isEmpty { value += "\n" }
        return (.scalar(value), begin..<max(begin, end))
    }

    // MARK: Scalars

    private func scalar(_ range: ByteRange) -> String {
        let trimmed = trimSpaces(range)
        guard !trimmed.isEmpty else { return "" }
        return unquote(trimmed)
    }

    private func unquote(_ range: ByteRange) -> String {
        FrontMatterScalars.unquote(bytes, range, text: text, toml: false)
    }

    /// The `:` that separates a key from its value: followed by a space or the end of the line, and
    /// not inside quotes.
    private func findMappingColon(_ range: ByteRange) -> Int? {
        var index = range.lowerBound
        var quote: UInt8?
        if index < range.upperBound && (bytes[index] == UInt8(ascii: "'") || bytes[index] == UInt8(ascii: "\"")) {
            quote = bytes[index]
            index += 1
        }
        while index < range.upperBound {
            let byte = bytes[index]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: ":") && (index + 1 == range.upperBound || bytes[index + 1] == 0x20 || bytes[index + 1] == 0x09) {
                return index
            } else if byte == UInt8(ascii: "#") && index > range.lowerBound && bytes[index - 1] == 0x20 {
                return nil
            } else if index == range.lowerBound && (byte == UInt8(ascii: "-") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{")) {
                if byte != UInt8(ascii: "-") || index + 1 == range.upperBound || bytes[index + 1] == 0x20 { return nil }
            }
            index += 1
        }
        return nil
    }

    /// Cuts a trailing ` # comment` from a value, outside quotes; trims spaces.
    private func trimComment(_ range: ByteRange) -> Int {
        var index = range.lowerBound
        var quote: UInt8?
        if index < range.upperBound && (bytes[index] == UInt8(ascii: "'") || bytes[index] == UInt8(ascii: "\"")) {
            quote = bytes[index]
            index += 1
        }
        var end = range.upperBound
        while index < range.upperBound {
            let byte = bytes[index]
            if let open = quote {
                // `\"` does not close a double-quoted scalar.
                if open == UInt8(ascii: "\"") && byte == UInt8(ascii: "\\") { index += 2; continue }
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "#") && (index == range.lowerBound || bytes[index - 1] == 0x20 || bytes[index - 1] == 0x09) {
                end = index
                break
            }
            index += 1
        }
        while end > range.lowerBound && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
        return end
    }

    private func skipSpaces(_ start: Int, _ end: Int) -> Int { FrontMatterScalars.skipSpaces(bytes, start, end) }

    private func trimSpaces(_ range: ByteRange) -> ByteRange {
        var start = range.lowerBound
        var end = range.upperBound
        while start < end && (bytes[start] == 0x20 || bytes[start] == 0x09) { start += 1 }
        while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
        return start..<end
    }
}

extension String {
    /// Replaces every occurrence of `target` (no Foundation needed in the core).
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = self[...]
        while let found = rest.range(of: target) {
            result += rest[..<found.lowerBound]
            result += replacement
            rest = rest[found.upperBound...]
        }
        result += rest
        return result
    }
}

extension Substring {
    func range(of target: String) -> Range<Substring.Index>? {
        guard !target.isEmpty else { return nil }
        // ASCII on both sides (nearly always): bytes compare as characters do, one pass, no graphemes.
        let haystack = Array(utf8)
        let needle = Array(target.utf8)
        if !haystack.contains(where: { $0 >= 0x80 }) && !needle.contains(where: { $0 >= 0x80 }) {
            guard haystack.count >= needle.count else { return nil }
            var offset = 0
            while offset <= haystack.count - needle.count {
                if haystack[offset] == needle[0] && haystack[offset..<(offset + needle.count)].elementsEqual(needle) {
                    let lower = utf8.index(startIndex, offsetBy: offset)
                    return lower..<utf8.index(lower, offsetBy: needle.count)
                }
                offset += 1
            }
            return nil
        }
        guard count >= target.count else { return nil }
        var index = startIndex
        while index < endIndex {
            if self[index...].hasPrefix(target) {
                return index..<self.index(index, offsetBy: target.count)
            }
            index = self.index(after: index)
        }
        return nil
    }
}
