/// The text of one document: valid UTF-8 bytes and their line table.
///
/// Invalid UTF-8 is repaired (each bad sequence becomes U+FFFD) on the way in, so every offset the rest
/// of Docent sees falls on valid text and converts to the same columns an editor shows.
public struct SourceText: Sendable {
    public private(set) var bytes: [UInt8]
    public private(set) var lineTable: LineTable

    public init(bytes: [UInt8]) {
        let valid = UTF8Scalars.repaired(bytes)
        self.bytes = valid
        self.lineTable = LineTable(valid)
    }

    public init(_ string: String) {
        self.bytes = Array(string.utf8)
        self.lineTable = LineTable(bytes)
    }

    public var string: String { String(decoding: bytes, as: UTF8.self) }
    public var count: Int { bytes.count }

    public func string(in range: ByteRange) -> String {
        let clamped = range.clamped(to: 0..<bytes.count)
        return String(decoding: bytes[clamped], as: UTF8.self)
    }

    public func position(of offset: Int, encoding: PositionEncoding = .utf16) -> Position {
        bytes.withUnsafeBufferPointer { lineTable.position(of: offset, in: $0, encoding: encoding) }
    }

    public func offset(of position: Position, encoding: PositionEncoding = .utf16) -> Int {
        bytes.withUnsafeBufferPointer { lineTable.offset(of: position, in: $0, encoding: encoding) }
    }

    public func positionRange(of range: ByteRange, encoding: PositionEncoding = .utf16) -> PositionRange {
        PositionRange(start: position(of: range.lowerBound, encoding: encoding), end: position(of: range.upperBound, encoding: encoding))
    }

    public func byteRange(of range: PositionRange, encoding: PositionEncoding = .utf16) -> ByteRange {
        let start = offset(of: range.start, encoding: encoding)
        let end = offset(of: range.end, encoding: encoding)
        return min(start, end)..<max(start, end)
    }

    /// How many lines the text has (a final line break starts an empty last line).
    public var lineCount: Int { lineTable.lineCount }

    /// The zero-based line holding `offset`.
    public func line(of offset: Int) -> Int { lineTable.line(containing: offset) }

    /// The bytes of `line` without its terminator.
    public func lineRange(_ line: Int) -> ByteRange {
        bytes.withUnsafeBufferPointer { lineTable.contentRange(ofLine: min(max(line, 0), lineTable.lineCount - 1), in: $0) }
    }

    /// The line break that ends the line whose bytes are `line` (a `lineRange`) — "\r\n", a lone "\r"
    /// or "\n" as the file breaks it — for edits that add a line. A last line without one gets the
    /// file's first line break ("\n" in a file of one line).
    public func lineBreak(after line: ByteRange) -> String {
        if let found = lineBreak(at: line.upperBound) { return found }
        if let first = bytes.firstIndex(where: { $0 == 0x0A || $0 == 0x0D }), let found = lineBreak(at: first) { return found }
        return "\n"
    }

    private func lineBreak(at index: Int) -> String? {
        guard index < bytes.count else { return nil }
        switch bytes[index] {
        case 0x0D: return index + 1 < bytes.count && bytes[index + 1] == 0x0A ? "\r\n" : "\r"
        case 0x0A: return "\n"
        default: return nil
        }
    }

    /// Replaces the bytes in `range` with `replacement`, repairing invalid UTF-8 in the replacement.
    public mutating func replace(_ range: ByteRange, with replacement: [UInt8]) {
        let clamped = range.clamped(to: 0..<bytes.count)
        bytes.replaceSubrange(clamped, with: UTF8Scalars.repaired(replacement))
        lineTable = LineTable(bytes)
    }

    /// Applies edits given in positions, in order, each against the text the previous one left, as
    /// LSP's incremental `didChange` specifies. An edit without a range replaces the whole text.
    /// Returns the same edits in bytes, in order.
    @discardableResult
    public mutating func apply(_ edits: [TextEdit], encoding: PositionEncoding) -> [ByteEdit] {
        var applied: [ByteEdit] = []
        for edit in edits {
            let before = count
            if let range = edit.range {
                let bytes = byteRange(of: range, encoding: encoding)
                replace(bytes, with: Array(edit.newText.utf8))
                applied.append(ByteEdit(range: bytes, newCount: count - before + bytes.count))
            } else {
                self = SourceText(edit.newText)
                applied.append(ByteEdit(range: 0..<before, newCount: count))
            }
        }
        return applied
    }
}

/// A change to a document's text, as LSP sends it: a range in positions (nil for the whole text) and
/// the text that replaces it.
public struct TextEdit: Hashable, Sendable {
    public var range: PositionRange?
    public var newText: String

    public init(range: PositionRange?, newText: String) {
        self.range = range
        self.newText = newText
    }
}
