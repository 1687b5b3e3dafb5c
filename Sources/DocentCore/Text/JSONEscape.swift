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
            guard let digit = Character(Unicode.Scalar(byte)).hexDigitValue else { return nil }
            value = value << 4 | UInt32(digit)
        }
        return value
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
