/// The symbols a glossary name holds besides its words, which a use must write too: ".NET" is no use
/// of "net", "C++" none of "C", and "CI/CD" is the two words CI and CD joined by a slash, not by a space.
///
/// Words alone decide most names, and those have an empty shape. A name's shape is read from its own
/// spelling:
/// - `prefix`: symbols glued to the first word (`.` of ".NET", `#` of "#general");
/// - `suffix`: symbols glued to the last word (`++` of "C++", `#` of "F#"), or the period that ends an
///   abbreviation written with periods (the last `.` of "U.S.");
/// - `gaps`: for each word after the first, the symbols between it and the word before, with spaces
///   left out (`/` in "CI/CD" and "A/B testing", `&` in "R&D"), or empty where only spaces or a hyphen
///   part them, the gap any use may cross.
///
/// Sentence punctuation, quotes and brackets never start or end a shape: "Foo." and "“Foo”" are used
/// as "Foo" (`GlossaryName.spelling`). Between words any symbols count: "Backstage, Inc" has a comma.
public struct NameShape: Hashable, Sendable {
    public var prefix: [UInt8] = []
    public var gaps: [[UInt8]] = []
    public var suffix: [UInt8] = []

    public static let plain = NameShape()

    /// Whether a use must write something besides the words and ordinary spaces between them.
    public var isPlain: Bool { prefix.isEmpty && suffix.isEmpty && gaps.allSatisfy(\.isEmpty) }
    var hasAffixes: Bool { !prefix.isEmpty || !suffix.isEmpty }
    var hasGaps: Bool { gaps.contains { !$0.isEmpty } }

    /// The symbols before the word at `position` (0-based), empty for the first word and ordinary gaps.
    @inline(__always)
    func gap(before position: Int) -> [UInt8] {
        position > 0 && position - 1 < gaps.count ? gaps[position - 1] : []
    }

    /// The longest a gap between two words of a use is read as a symbol gap (`/`, ` & `, `–`).
    static let maximumGapLength = 8

    /// Symbols that may start a name: `.NET`, `#channel`, `@scope`, `$HOME`. Emphasis and strikethrough
    /// delimiters are left out: a glossary's `*Foo*` is the name Foo.
    @inline(__always)
    static func isPrefixSymbol(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ".") || byte == UInt8(ascii: "#") || byte == UInt8(ascii: "@") || byte == UInt8(ascii: "$")
    }

    /// Symbols that may end a name: `C++`, `C#`, `F#`.
    @inline(__always)
    static func isSuffixSymbol(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "+") || byte == UInt8(ascii: "#")
    }

    /// The shape of a name as the glossary spells it (`tokens` are its words).
    static func of(_ bytes: UnsafeBufferPointer<UInt8>, tokens: [WordToken]) -> NameShape {
        guard let first = tokens.first, let last = tokens.last else { return .plain }
        var shape = NameShape()
        // Symbols glued to the first word, after any leading spaces, and nothing but them.
        var start = 0
        while start < first.range.lowerBound, ByteClass.isWhitespace(bytes[start]) { start += 1 }
        if start < first.range.lowerBound, bytes[start..<first.range.lowerBound].allSatisfy(isPrefixSymbol) {
            shape.prefix = Array(bytes[start..<first.range.lowerBound])
        }
        var end = bytes.count
        while end > last.range.upperBound, ByteClass.isWhitespace(bytes[end - 1]) { end -= 1 }
        // A period ends an abbreviation written with periods ("U.S.", "e.g."): its last word holds one.
        let isDotted = bytes[last.range].contains(UInt8(ascii: "."))
        if end > last.range.upperBound,
           bytes[last.range.upperBound..<end].allSatisfy({ isSuffixSymbol($0) }) || (isDotted && end == last.range.upperBound + 1 && bytes[last.range.upperBound] == UInt8(ascii: ".")) {
            shape.suffix = Array(bytes[last.range.upperBound..<end])
        }
        var previous = first
        for token in tokens.dropFirst() {
            shape.gaps.append(token.joinsPrevious ? [] : gapSymbols(bytes, previous.range.upperBound..<token.range.lowerBound))
            previous = token
        }
        if !shape.hasGaps { shape.gaps = [] }
        return shape
    }

    /// The bytes of a gap between two words with spaces left out.
    @inline(__always)
    static func gapSymbols(_ bytes: UnsafeBufferPointer<UInt8>, _ range: ByteRange) -> [UInt8] {
        var result: [UInt8] = []
        for index in range where !ByteClass.isWhitespace(bytes[index]) { result.append(bytes[index]) }
        return result
    }

    /// The hash that salts the trie edge crossing a symbol gap, so "CI/CD" and "CI CD" are two paths.
    static func gapHash<Bytes: Sequence>(_ symbols: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        var value: UInt64 = 0x84222325_CBF29CE4
        for byte in symbols { value = (value ^ UInt64(byte)) &* WordTrie.prime }
        return value
    }

    /// Whether a use whose words span `range` in `bytes` writes the prefix and suffix around them.
    @inline(__always)
    func affixesFit(_ bytes: UnsafeBufferPointer<UInt8>, words range: ByteRange) -> Bool {
        if !prefix.isEmpty {
            let start = range.lowerBound - prefix.count
            guard start >= 0, bytes[start..<range.lowerBound].elementsEqual(prefix) else { return false }
            // ".NET" in "x.NET" is no use: the tokenizer reads that as one word anyway; "#.NET" is none either.
            if start > 0 && (ByteClass.isASCIIAlphanumeric(bytes[start - 1]) || Self.isPrefixSymbol(bytes[start - 1])) { return false }
        }
        if !suffix.isEmpty {
            let end = range.upperBound + suffix.count
            guard end <= bytes.count, bytes[range.upperBound..<end].elementsEqual(suffix) else { return false }
            // "C++" is not in "C+++".
            if end < bytes.count && Self.isSuffixSymbol(bytes[end]) { return false }
        }
        return true
    }
}
