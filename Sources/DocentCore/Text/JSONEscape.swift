/// The escapes of a JSON string, shared by the front-matter reader and writer, `docent.json`'s parser
/// and the JSON output. The quoting also serves TOML basic strings and YAML double-quoted scalars,
/// which read the same escapes.
public enum JSONEscape {
    /// `string` in double quotes, with `"`, `\` and control characters escaped.
    public static func quoted(_ string: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(string.utf8.count + 2)
        appendQuoted(string, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends `string` quoted and escaped as UTF-8 bytes (the JSON writer's hot path).
    public static func appendQuoted(_ string: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output += [0x5C, 0x22]
            case UInt8(ascii: "\\"): output += [0x5C, 0x5C]
            case 0x0A: output += [0x5C, UInt8(ascii: "n")]
            case 0x0D: output += [0x5C, UInt8(ascii: "r")]
            case 0x09: output += [0x5C, UInt8(ascii: "t")]
            case 0x00..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                output += [0x5C, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    /// Appends `scalar` as UTF-8, the form an escape (`\u00e9`) writes into the string's bytes.
    public static func appendUTF8(_ scalar: Unicode.Scalar, to output: inout [UInt8]) {
        Unicode.UTF8.encode(scalar) { output.append($0) }
    }

    /// The number that hexadecimal digits (`\u` escapes' four) write; nil when one is no digit.
    public static func hexValue(_ digits: ArraySlice<UInt8>) -> UInt32? {
        var value: UInt32 = 0
        for byte in digits {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    // MARK: `\u` escapes

    /// A `\u` escape as `unicodeEscape(in:at:end:)` reads it.
    public struct UnicodeEscape: Equatable, Sendable {
        /// What JSON does not allow in an escape.
        public enum Problem: Equatable, Sendable {
            /// `\u` without four hexadecimal digits.
            case notHexadecimal
            /// A high surrogate (`\uD800`–`\uDBFF`, the escape as written) with no low surrogate's escape
            /// right after it.
            case loneHighSurrogate(String)
            /// A low surrogate (`\uDC00`–`\uDFFF`, the escape as written) with no high surrogate before it.
            case loneLowSurrogate(String)

            /// The message both JSON readers report.
            public var message: String {
                switch self {
                case .notHexadecimal:
                    "`\\u` takes four hexadecimal digits"
                case .loneHighSurrogate(let escape):
                    "`\(escape)` is the first half of a UTF-16 surrogate pair without its second half (`\\uDC00`–`\\uDFFF`) after it"
                case .loneLowSurrogate(let escape):
                    "`\(escape)` is the second half of a UTF-16 surrogate pair without its first half (`\\uD800`–`\\uDBFF`) before it"
                }
            }
        }

        /// The code point written: a surrogate pair's, U+FFFD for a lone surrogate, nil when the
        /// escape has no four digits.
        public var scalar: Unicode.Scalar?
        /// The bytes read: `\u` and its four digits, both escapes of a surrogate pair, or only `\u`
        /// when its digits are missing.
        public var range: Range<Int>
        /// Nil for an escape JSON allows.
        public var problem: Problem?
    }

    /// Reads the `\u` escape whose backslash is at `start` (the `u` after it), within `bytes[..<end]`;
    /// a high surrogate followed by a low surrogate's escape is one pair. RFC 8259 (§8.2) allows a lone
    /// surrogate in the grammar but leaves what it means open, and Foundation's JSONSerialization and
    /// JSONDecoder reject it; it is read as U+FFFD, the escape alone (what follows is read on its own,
    /// `\uD83D\u0041` is U+FFFD and `A`), and reported as a problem, for the reader to raise or not.
    public static func unicodeEscape(in bytes: [UInt8], at start: Int, end: Int) -> UnicodeEscape {
        func unit(at offset: Int) -> UInt32? {
            offset + 4 <= end ? hexValue(bytes[offset..<(offset + 4)]) : nil
        }
        guard let first = unit(at: start + 2) else {
            return UnicodeEscape(scalar: nil, range: start..<(start + 2), problem: .notHexadecimal)
        }
        let escapeEnd = start + 6
        switch first {
        case 0xD800...0xDBFF:
            if escapeEnd + 1 < end, bytes[escapeEnd] == UInt8(ascii: "\\"), bytes[escapeEnd + 1] == UInt8(ascii: "u"),
               let second = unit(at: escapeEnd + 2), (0xDC00...0xDFFF).contains(second),
               let scalar = Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)) {
                return UnicodeEscape(scalar: scalar, range: start..<(escapeEnd + 6), problem: nil)
            }
            return UnicodeEscape(scalar: "\u{FFFD}", range: start..<escapeEnd,
                                 problem: .loneHighSurrogate(String(decoding: bytes[start..<escapeEnd], as: UTF8.self)))
        case 0xDC00...0xDFFF:
            return UnicodeEscape(scalar: "\u{FFFD}", range: start..<escapeEnd,
                                 problem: .loneLowSurrogate(String(decoding: bytes[start..<escapeEnd], as: UTF8.self)))
        default:
            // Four hexadecimal digits outside the surrogates always name a scalar.
            return UnicodeEscape(scalar: Unicode.Scalar(first) ?? "\u{FFFD}", range: start..<escapeEnd, problem: nil)
        }
    }

    /// The byte a one-letter escape (`\n`, `\"`, `\/`, …) stands for; nil for `\u` and for letters
    /// that are no escape.
    @inline(__always) public static func byte(for letter: UInt8) -> UInt8? {
        switch letter {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): letter
        case UInt8(ascii: "b"): 0x08
        case UInt8(ascii: "f"): 0x0C
        case UInt8(ascii: "n"): 0x0A
        case UInt8(ascii: "r"): 0x0D
        case UInt8(ascii: "t"): 0x09
        default: nil
        }
    }
}
