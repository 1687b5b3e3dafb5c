/// Small helpers over UTF-8 bytes. `SourceText` guarantees valid UTF-8, so these only need to be
/// defensive (never crash), not exact, on invalid input.
public enum UTF8Scalars {
    /// The UTF-8 byte-order mark. Editors drop it from the text they show and send (their positions
    /// do not count it); Docent reads past it wherever text comes in.
    public static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The length in bytes of the scalar whose first byte is `lead` (1 for continuation or invalid bytes).
    @inline(__always)
    public static func sequenceLength(lead: UInt8) -> Int {
        if lead < 0x80 { return 1 }
        if lead & 0xE0 == 0xC0 { return 2 }
        if lead & 0xF0 == 0xE0 { return 3 }
        if lead & 0xF8 == 0xF0 { return 4 }
        return 1
    }

    @inline(__always)
    public static func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }

    /// How many code units of `encoding` the scalar of `length` UTF-8 bytes takes.
    @inline(__always)
    public static func codeUnits(forSequenceLength length: Int, in encoding: PositionEncoding) -> Int {
        switch encoding {
        case .utf8: return length
        case .utf16: return length == 4 ? 2 : 1
        case .utf32: return 1
        }
    }

    /// Decodes the scalar starting at `index`, returning it and its byte length. Invalid sequences decode
    /// as U+FFFD with length 1, so a caller always makes progress.
    @inline(__always)
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int) {
        let lead = bytes[index]
        if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
        let length = sequenceLength(lead: lead)
        guard length > 1, index + length <= bytes.count else { return ("\u{FFFD}", 1) }
        var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for offset in 1..<length {
            let byte = bytes[index + offset]
            guard isContinuation(byte) else { return ("\u{FFFD}", 1) }
            value = (value << 6) | UInt32(byte & 0x3F)
        }
        guard let scalar = Unicode.Scalar(value) else { return ("\u{FFFD}", 1) }
        return (scalar, length)
    }

    /// Returns `bytes` unchanged when they are valid UTF-8, otherwise a copy with every invalid sequence
    /// replaced by U+FFFD (the same repair Swift's `String(decoding:as:)` makes).
    public static func repaired(_ bytes: [UInt8]) -> [UInt8] {
        if String(validating: bytes, as: UTF8.self) != nil { return bytes }
        return Array(String(decoding: bytes, as: UTF8.self).utf8)
    }
}
