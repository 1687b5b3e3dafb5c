import DocentCore
import DocentIO

/// The one place Core values become LSP JSON (rust-analyzer `to_proto`, marksman `diagToLsp`).
public enum LSPConversion {
    public static func position(_ position: Position) -> JSONValue {
        ["line": JSONValue(position.line), "character": JSONValue(position.character)]
    }

    public static func range(_ range: PositionRange) -> JSONValue {
        ["start": position(range.start), "end": position(range.end)]
    }

    public static func value(_ value: DiagnosticValue) -> JSONValue {
        switch value {
        case .string(let string): return .string(string)
        case .number(let number): return .number(number)
        case .bool(let flag): return .bool(flag)
        case .null: return .null
        case .array(let items): return .array(items.map(Self.value))
        case .object(let object):
            var result = JSONObject()
            for key in object.keys.sorted() { result[key] = Self.value(object[key]!) }
            return .object(result)
        }
    }
}
