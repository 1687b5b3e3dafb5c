/// A JSON number, `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, read over UTF-8 bytes by
/// `docent.json`'s parser and the JSON front-matter reader.
public enum JSONNumber {
    /// What the grammar does not allow, at the byte where the number goes wrong.
    public enum Problem: Equatable, Sendable {
        /// `-` with no digit after it.
        case noDigits
        /// A digit after a leading `0` (`01`).
        case leadingZero
        /// `.` with no digit after it.
        case noFractionDigits
        /// `e` (and its sign) with no digit after it.
        case noExponentDigits

        public var message: String {
            switch self {
            case .noDigits: "Invalid number"
            case .leadingZero: "Leading zeros are not allowed in numbers"
            case .noFractionDigits: "Expected digits after the decimal point"
            case .noExponentDigits: "Expected digits in the exponent"
            }
        }
    }

    public enum Scan: Equatable, Sendable {
        /// A number ends at `end` (what follows is not the number's: a `,`, a space, or text the caller rejects).
        case number(end: Int)
        /// The number goes wrong at `at`.
        case problem(Problem, at: Int)
    }

    /// Reads the number that starts at `start` in `bytes`, up to its slice's end.
    public static func scan(_ bytes: ArraySlice<UInt8>, from start: Int) -> Scan {
        var index = start
        let end = bytes.endIndex
        @inline(__always) func isDigit(_ offset: Int) -> Bool {
            offset < end && bytes[offset] >= UInt8(ascii: "0") && bytes[offset] <= UInt8(ascii: "9")
        }
        func skipDigits() { while isDigit(index) { index += 1 } }
        if index < end && bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard isDigit(index) else { return .problem(.noDigits, at: index) }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if isDigit(index) { return .problem(.leadingZero, at: index) }
        } else {
            skipDigits()
        }
        if index < end && bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard isDigit(index) else { return .problem(.noFractionDigits, at: index) }
            skipDigits()
        }
        if index < end && (bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E")) {
            index += 1
            if index < end && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")) { index += 1 }
            guard isDigit(index) else { return .problem(.noExponentDigits, at: index) }
            skipDigits()
        }
        return .number(end: index)
    }
}
