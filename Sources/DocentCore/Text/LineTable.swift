/// The start offset of every line of a UTF-8 buffer, and the one place where byte offsets and LSP
/// positions are converted (gopls `protocol.Mapper`, sourcekit-lsp `LineTable`).
///
/// Lines end at `\n`, `\r\n` or a lone `\r`, as LSP specifies. A position's `character` past the end of
/// its line clamps to the line's end; a line past the end of the text clamps to the end of the text.
public struct LineTable: Sendable {
    /// Byte offset of the first byte of each line, as `UInt32` (documents are at most 64 MiB): a
    /// workspace holds millions of lines. Always holds at least one element (0).
    private var starts: [UInt32]

    /// Byte offset of the first byte of each line. Always holds at least one element (0).
    public var lineStarts: LineStarts { LineStarts(starts: starts) }

    public struct LineStarts: RandomAccessCollection, Equatable, Sendable {
        let starts: [UInt32]
        public var startIndex: Int { 0 }
        public var endIndex: Int { starts.count }
        @inline(__always) public subscript(line: Int) -> Int { Int(starts[line]) }
    }
    /// Whether each line holds only ASCII bytes, so columns in every encoding equal byte distances.
    private var lineIsASCII: [Bool]
    /// Total byte count of the text the table describes.
    public private(set) var byteCount: Int
    /// On long lines that are not ASCII, every `checkpointStride` bytes or so: a scalar boundary and its
    /// UTF-16 and UTF-32 columns, sorted by offset. Converting a position there walks from the nearest
    /// checkpoint, not from the start of the line: a 50 MB line with a diagnostic every few words would
    /// otherwise cost a walk of the whole line per diagnostic.
    private var checkpoints: [Checkpoint] = []

    struct Checkpoint {
        var offset: Int
        var utf16: Int
        var utf32: Int
    }

    static let checkpointStride = 1024

    public init(_ bytes: UnsafeBufferPointer<UInt8>) {
        var starts: [UInt32] = [0]
        var ascii: [Bool] = []
        starts.reserveCapacity(bytes.count / 40 + 1)
        var isASCII = true
        var index = 0
        let count = bytes.count
        let raw = UnsafeRawBufferPointer(bytes)
        while index < count {
            // Eight bytes at a time while they hold no line terminator (most of every line): only the
            // word holding a `\n` or `\r` is walked byte by byte.
            if index &+ 8 <= count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                if !SWAR.hasByte(word, 0x0A) && !SWAR.hasByte(word, 0x0D) {
                    if word & SWAR.highBits != 0 { isASCII = false }
                    index &+= 8
                    continue
                }
            }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") {
                ascii.append(isASCII)
                isASCII = true
                starts.append(UInt32(truncatingIfNeeded: index + 1))
            } else if byte == UInt8(ascii: "\r") {
                ascii.append(isASCII)
                isASCII = true
                if index + 1 < count && bytes[index + 1] == UInt8(ascii: "\n") { index += 1 }
                starts.append(UInt32(truncatingIfNeeded: index + 1))
            } else if byte >= 0x80 {
                isASCII = false
            }
            index += 1
        }
        ascii.append(isASCII)
        lineIsASCII = ascii.compacted()
        self.starts = starts.compacted()
        byteCount = count
        // Only long non-ASCII lines get checkpoints, so ordinary text pays nothing for them.
        for line in ascii.indices where !ascii[line] {
            let end = line + 1 < starts.count ? Int(starts[line + 1]) : count
            guard end - Int(starts[line]) > 4 * Self.checkpointStride else { continue }
            // The same walk as `position(of:)`, recording where it stands every stride.
            var index = Int(starts[line])
            var utf16 = 0
            var utf32 = 0
            var next = index + Self.checkpointStride
            while index < end {
                if index >= next {
                    checkpoints.append(Checkpoint(offset: index, utf16: utf16, utf32: utf32))
                    next = index + Self.checkpointStride
                }
                let length = UTF8Scalars.sequenceLength(lead: bytes[index])
                utf16 += UTF8Scalars.codeUnits(forSequenceLength: length, in: .utf16)
                utf32 += 1
                index += length
            }
        }
    }

    /// The column of a checkpoint in `encoding` (UTF-8 columns are byte distances from `lineStart`).
    private func column(of checkpoint: Checkpoint, lineStart: Int, encoding: PositionEncoding) -> Int {
        switch encoding {
        case .utf8: return checkpoint.offset - lineStart
        case .utf16: return checkpoint.utf16
        case .utf32: return checkpoint.utf32
        }
    }

    /// The index of the first checkpoint at or after `offset`.
    private func firstCheckpoint(atOrAfter offset: Int) -> Int {
        var low = 0
        var high = checkpoints.count
        while low < high {
            let middle = (low + high) / 2
            if checkpoints[middle].offset < offset { low = middle + 1 } else { high = middle }
        }
        return low
    }

    public init(_ bytes: [UInt8]) {
        self = bytes.withUnsafeBufferPointer { LineTable($0) }
    }

    public var lineCount: Int { starts.count }

    /// The zero-based line holding `offset` (offsets past the end belong to the last line).
    public func line(containing offset: Int) -> Int {
        var low = 0
        var high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if Int(starts[middle]) <= offset { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// The byte range of `line`'s content, without its line terminator.
    public func contentRange(ofLine line: Int, in bytes: UnsafeBufferPointer<UInt8>) -> ByteRange {
        let start = Int(starts[line])
        var end = line + 1 < starts.count ? Int(starts[line + 1]) : byteCount
        if end > start && bytes[end - 1] == UInt8(ascii: "\n") { end -= 1 }
        if end > start && bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return start..<end
    }

    /// Converts a byte offset to a position. An offset inside a multi-byte scalar rounds down to the
    /// scalar's start; an offset past the end clamps to the end.
    public func position(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>, encoding: PositionEncoding) -> Position {
        let clamped = max(0, min(offset, byteCount))
        let line = line(containing: clamped)
        let start = Int(starts[line])
        let lineEnd = contentRange(ofLine: line, in: bytes).upperBound
        let target = min(clamped, lineEnd)
        if lineIsASCII[line] || encoding == .utf8 {
            var column = target - start
            // Round a UTF-8 offset inside a scalar down to the scalar's start.
            var cursor = target
            while encoding == .utf8 && cursor > start && cursor < byteCount && UTF8Scalars.isContinuation(bytes[cursor]) {
                cursor -= 1
                column -= 1
            }
            return Position(line: line, character: column)
        }
        var column = 0
        var index = start
        // Start from the last checkpoint of this line at or before the target.
        let after = firstCheckpoint(atOrAfter: target + 1)
        if after > 0, checkpoints[after - 1].offset >= start {
            index = checkpoints[after - 1].offset
            column = self.column(of: checkpoints[after - 1], lineStart: start, encoding: encoding)
        }
        while index < target {
            let length = UTF8Scalars.sequenceLength(lead: bytes[index])
            if index + length > target { break }
            column += UTF8Scalars.codeUnits(forSequenceLength: length, in: encoding)
            index += length
        }
        return Position(line: line, character: column)
    }

    /// Converts a position to a byte offset, clamping lines past the end to the end of the text and
    /// characters past the end of a line to that line's end. A column that falls inside a scalar (the
    /// second half of a surrogate pair, say) rounds down to the scalar's start.
    public func offset(of position: Position, in bytes: UnsafeBufferPointer<UInt8>, encoding: PositionEncoding) -> Int {
        if position.line < 0 { return 0 }
        if position.line >= starts.count { return byteCount }
        let range = contentRange(ofLine: position.line, in: bytes)
        let character = max(0, position.character)
        if lineIsASCII[position.line] {
            return min(range.lowerBound + character, range.upperBound)
        }
        var remaining = character
        var index = range.lowerBound
        // Start from the last checkpoint of this line whose column is at or before the character.
        var low = firstCheckpoint(atOrAfter: range.lowerBound)
        var high = firstCheckpoint(atOrAfter: range.upperBound)
        while low < high {
            let middle = (low + high) / 2
            if column(of: checkpoints[middle], lineStart: range.lowerBound, encoding: encoding) <= character { low = middle + 1 } else { high = middle }
        }
        if low > 0, checkpoints[low - 1].offset >= range.lowerBound, checkpoints[low - 1].offset < range.upperBound {
            index = checkpoints[low - 1].offset
            remaining = character - column(of: checkpoints[low - 1], lineStart: range.lowerBound, encoding: encoding)
        }
        while index < range.upperBound && remaining > 0 {
            let length = UTF8Scalars.sequenceLength(lead: bytes[index])
            let units = UTF8Scalars.codeUnits(forSequenceLength: length, in: encoding)
            if units > remaining { break }
            remaining -= units
            index += length
        }
        return min(index, range.upperBound)
    }
}

/// Byte tests on eight bytes at once ("SIMD within a register"), for the scanners' hot loops.
enum SWAR {
    static let lowBits: UInt64 = 0x0101_0101_0101_0101
    static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// Whether any byte of `word` is zero (exact: no false positives).
    @inline(__always) static func hasZeroByte(_ word: UInt64) -> Bool {
        (word &- lowBits) & ~word & highBits != 0
    }

    /// Whether any byte of `word` equals `byte`.
    @inline(__always) static func hasByte(_ word: UInt64, _ byte: UInt8) -> Bool {
        hasZeroByte(word ^ (lowBits &* UInt64(byte)))
    }
}
