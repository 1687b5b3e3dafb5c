/// The unit in which a position's `character` counts, as negotiated with an LSP client.
///
/// Docent stores UTF-8 bytes and byte offsets everywhere; columns in other encodings exist only at the
/// edge, converted by `LineTable` (the one position converter).
public enum PositionEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case utf16 = "utf-16"
    case utf32 = "utf-32"
}

/// A zero-based line and column, the column counted in some `PositionEncoding`.
public struct Position: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var line: Int
    public var character: Int

    public init(line: Int, character: Int) {
        self.line = line
        self.character = character
    }

    public static func < (lhs: Position, rhs: Position) -> Bool {
        (lhs.line, lhs.character) < (rhs.line, rhs.character)
    }

    public var description: String { "\(line):\(character)" }
}

/// A half-open range of positions.
public struct PositionRange: Hashable, Sendable, CustomStringConvertible {
    public var start: Position
    public var end: Position

    public init(start: Position, end: Position) {
        self.start = start
        self.end = end
    }

    public var description: String { "\(start)-\(end)" }
}

/// A half-open range of UTF-8 byte offsets into a `SourceText`.
public typealias ByteRange = Range<Int>
