import DocentCore

/// Writes JSON: compact for the wire, or indented with sorted-as-inserted keys for people.
public enum JSONSerializer {
    public static func bytes(_ value: JSONValue, pretty: Bool = false) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        write(value, into: &output, pretty: pretty, indent: 0)
        return output
    }

    public static func string(_ value: JSONValue, pretty: Bool = false) -> String {
        String(decoding: bytes(value, pretty: pretty), as: UTF8.self)
    }

    static func write(_ value: JSONValue, into output: inout [UInt8], pretty: Bool, indent: Int) {
        switch value {
        case .null: output += Array("null".utf8)
        case .bool(let flag): output += Array((flag ? "true" : "false").utf8)
        case .number(let number): writeNumber(number, into: &output)
        case .string(let string): writeString(string, into: &output)
        case .array(let items):
            if items.isEmpty { output += [UInt8(ascii: "["), UInt8(ascii: "]")]; return }
            output.append(UInt8(ascii: "["))
            for (position, item) in items.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                if pretty { newline(&output, indent + 1) }
                write(item, into: &output, pretty: pretty, indent: indent + 1)
            }
            if pretty { newline(&output, indent) }
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            if object.isEmpty { output += [UInt8(ascii: "{"), UInt8(ascii: "}")]; return }
            output.append(UInt8(ascii: "{"))
            for (position, entry) in object.entries.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                if pretty { newline(&output, indent + 1) }
                writeString(entry.key, into: &output)
                output.append(UInt8(ascii: ":"))
                if pretty { output.append(0x20) }
                write(entry.value, into: &output, pretty: pretty, indent: indent + 1)
            }
            if pretty { newline(&output, indent) }
            output.append(UInt8(ascii: "}"))
        }
    }

    static func newline(_ output: inout [UInt8], _ indent: Int) {
        output.append(0x0A)
        output += [UInt8](repeating: 0x20, count: indent * 2)
    }

    static func writeNumber(_ number: Double, into output: inout [UInt8]) {
        if number.isNaN || number.isInfinite { output += Array("null".utf8); return }
        if number.rounded() == number && abs(number) < 1e15 {
            output += Array(String(Int64(number)).utf8)
        } else {
            output += Array("\(number)".utf8)
        }
    }

    static func writeString(_ string: String, into output: inout [UInt8]) {
        JSONEscape.appendQuoted(string, to: &output)
    }
}
