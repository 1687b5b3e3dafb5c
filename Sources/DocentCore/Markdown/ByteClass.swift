/// Byte classification shared by the scanners. ASCII only; bytes ≥ 0x80 are classified by callers that
/// decode scalars.
enum ByteClass {
    @inline(__always) static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
    /// `range` of `bytes` without the whitespace at either end (empty at its start when all blank).
    static func trimmingWhitespace(_ range: ByteRange, in bytes: [UInt8]) -> ByteRange {
        var start = range.lowerBound
        var end = range.upperBound
        while start < end && isWhitespace(bytes[start]) { start += 1 }
        while end > start && isWhitespace(bytes[end - 1]) { end -= 1 }
        return start..<end
    }

    @inline(__always) static func isWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
    @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    @inline(__always) static func isASCIILetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
    @inline(__always) static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool { isDigit(byte) || isASCIILetter(byte) }
    @inline(__always) static func isASCIIPunctuation(_ byte: UInt8) -> Bool {
        (byte >= 0x21 && byte <= 0x2F) || (byte >= 0x3A && byte <= 0x40) || (byte >= 0x5B && byte <= 0x60) || (byte >= 0x7B && byte <= 0x7E)
    }
    @inline(__always) static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    /// The `>` closing an HTML or JSX tag whose attributes start at `start`, before `end`: quoted values
    /// and `{…}` expressions are skipped. Nil when there is none, or, with `stopAtOpenAngle`, when a `<`
    /// outside quotes and braces comes first (the text was not a tag).
    static func tagEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, stopAtOpenAngle: Bool) -> Int? {
        var quote: UInt8?
        var braces = 0
        var cursor = start
        while cursor < end {
            let byte = bytes[cursor]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: "{") {
                braces += 1
            } else if byte == UInt8(ascii: "}") {
                braces -= 1
            } else if byte == UInt8(ascii: ">") && braces <= 0 {
                return cursor
            } else if stopAtOpenAngle && byte == UInt8(ascii: "<") && braces <= 0 {
                return nil
            }
            cursor += 1
        }
        return nil
    }
}
