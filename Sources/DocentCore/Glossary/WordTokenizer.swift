/// Splits UTF-8 text into words the same way for glossary terms and for prose, so a term matches its
/// uses exactly at word boundaries in any script.
///
/// A word is a run of letters and digits (any script), with inner apostrophes (`don't`, `Harbor's`) and
/// inner dots between alphanumerics (`Node.js`, `2.0`). Ideographs and kana are words of one character
/// each, since those scripts do not separate words with spaces.
public struct WordToken: Hashable, Sendable {
    public var range: ByteRange
    /// Whether only whitespace or a hyphen separate this word from the previous one,
    /// so a multi-word term may continue across the gap.
    public var joinsPrevious: Bool
}

public enum WordTokenizer {
    enum ScalarClass { case word, ideograph, other }

    @inline(__always)
    static func classify(_ scalar: Unicode.Scalar) -> ScalarClass {
        let value = scalar.value
        if value < 0x80 {
            let byte = UInt8(value)
            return ByteClass.isASCIIAlphanumeric(byte) ? .word : .other
        }
        if isIdeograph(value) { return .ideograph }
        let properties = scalar.properties
        if properties.isAlphabetic || properties.numericType != nil || properties.generalCategory == .nonspacingMark || properties.generalCategory == .spacingMark {
            return .word
        }
        return .other
    }

    @inline(__always)
    static func isIdeograph(_ value: UInt32) -> Bool {
        (value >= 0x4E00 && value <= 0x9FFF) || (value >= 0x3400 && value <= 0x4DBF) || (value >= 0x3040 && value <= 0x30FF)
            || (value >= 0xF900 && value <= 0xFAFF) || (value >= 0x20000 && value <= 0x2FA1F)
    }

    /// Whether a gap byte lets a term continue: whitespace or a hyphen. An emphasis or strikethrough
    /// delimiter (`*`, `_`, `~`) ends it: "JSON **Web Token**" is no use of "JSON Web Token", since the
    /// use would open or close an emphasis its replacement could not keep balanced. A term written
    /// wholly inside one emphasis (`**JSON Web Token**`) has only spaces between its words.
    @inline(__always)
    static func isJoinableGap(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == UInt8(ascii: "-")
    }

    /// Appends the words of `range` to `tokens`. `joinsAtStart` says whether the first word may join the
    /// last token already in `tokens` (the span continues the previous one across a soft break).
    public static func tokenize(_ bytes: UnsafeBufferPointer<UInt8>, range: ByteRange, joinsAtStart: Bool, into tokens: inout [WordToken]) {
        var index = range.lowerBound
        let end = range.upperBound
        var gapIsJoinable = joinsAtStart && !tokens.isEmpty
        while index < end {
            let byte = bytes[index]
            if byte < 0x80 {
                if ByteClass.isASCIIAlphanumeric(byte) {
                    let start = index
                    index = wordEnd(bytes, from: index, end: end)
                    tokens.append(WordToken(range: start..<index, joinsPrevious: gapIsJoinable))
                    gapIsJoinable = true
                } else {
                    if !isJoinableGap(byte) { gapIsJoinable = false }
                    index += 1
                }
                continue
            }
            let (scalar, length) = UTF8Scalars.decode(bytes, at: index)
            switch classify(scalar) {
            case .ideograph:
                tokens.append(WordToken(range: index..<(index + length), joinsPrevious: gapIsJoinable))
                index += length
                gapIsJoinable = true
            case .word:
                let start = index
                index = wordEnd(bytes, from: index, end: end)
                tokens.append(WordToken(range: start..<index, joinsPrevious: gapIsJoinable))
                gapIsJoinable = true
            case .other:
                // Non-breaking and other Unicode spaces join; other symbols (emoji, punctuation) do not.
                if scalar.properties.isWhitespace { } else { gapIsJoinable = false }
                index += length
            }
        }
    }

    /// The end of the word starting at `start`.
    @inline(__always)
    static func wordEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, end: Int) -> Int {
        var index = start
        while index < end {
            let byte = bytes[index]
            if byte < 0x80 {
                if ByteClass.isASCIIAlphanumeric(byte) { index += 1; continue }
                // Inner apostrophe or dot followed by a word character.
                if (byte == UInt8(ascii: "'") || byte == UInt8(ascii: ".")) && index + 1 < end && index > start {
                    let next = bytes[index + 1]
                    if ByteClass.isASCIIAlphanumeric(next) && (byte == UInt8(ascii: "'") ? ByteClass.isASCIILetter(next) : ByteClass.isASCIIAlphanumeric(bytes[index - 1])) {
                        index += 1
                        continue
                    }
                }
                return index
            }
            // A right single quotation mark (U+2019) used as an apostrophe.
            if byte == 0xE2 && index + 3 < end && bytes[index + 1] == 0x80 && bytes[index + 2] == 0x99 && ByteClass.isASCIILetter(bytes[index + 3]) {
                index += 3
                continue
            }
            let (scalar, length) = UTF8Scalars.decode(bytes, at: index)
            if classify(scalar) != .word { return index }
            index += length
        }
        return index
    }

    /// The words of a string, lower-cased, for building the term index.
    public static func normalizedWords(_ string: String) -> [[UInt8]] {
        let bytes = Array(string.utf8)
        var tokens: [WordToken] = []
        bytes.withUnsafeBufferPointer { tokenize($0, range: 0..<bytes.count, joinsAtStart: false, into: &tokens) }
        return bytes.withUnsafeBufferPointer { buffer in tokens.map { lowercasedWord(buffer, $0.range) } }
    }

    /// The words of a name, lower-cased, and the symbols a use must write besides them (".NET", "C++",
    /// "CI/CD"), for building the term index.
    public static func normalizedWordsAndShape(_ string: String) -> (words: [[UInt8]], shape: NameShape) {
        let (words, shape, _) = wordsShapeAndSpelling(string)
        return (words, shape)
    }

    /// The words and shape of a name, and its spelling as a use writes it: from its prefix to its
    /// suffix, without the punctuation around them that no use holds ("Backstage, Inc." is written
    /// "Backstage, Inc", "“Golden Path”" is "Golden Path").
    static func wordsShapeAndSpelling(_ string: String) -> (words: [[UInt8]], shape: NameShape, spelling: String) {
        let bytes = Array(string.utf8)
        var tokens: [WordToken] = []
        return bytes.withUnsafeBufferPointer { buffer in
            tokenize(buffer, range: 0..<bytes.count, joinsAtStart: false, into: &tokens)
            let shape = NameShape.of(buffer, tokens: tokens)
            guard let first = tokens.first, let last = tokens.last else { return ([], shape, string) }
            let spelling = String(decoding: buffer[(first.range.lowerBound - shape.prefix.count)..<(last.range.upperBound + shape.suffix.count)], as: UTF8.self)
            return (tokens.map { lowercasedWord(buffer, $0.range) }, shape, spelling)
        }
    }

    /// The lower-cased bytes of a word (ASCII fast path; other scripts through Unicode lower-casing).
    @inline(__always)
    public static func lowercasedWord(_ bytes: UnsafeBufferPointer<UInt8>, _ range: ByteRange) -> [UInt8] {
        var result = [UInt8]()
        result.reserveCapacity(range.count)
        var isASCII = true
        for index in range {
            let byte = bytes[index]
            if byte >= 0x80 { isASCII = false; break }
            result.append(ByteClass.lowercased(byte))
        }
        if isASCII { return normalizeApostrophes(result) }
        let string = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self).lowercased()
        return normalizeApostrophes(Array(string.utf8))
    }

    /// Curly apostrophes compare equal to straight ones.
    static func normalizeApostrophes(_ word: [UInt8]) -> [UInt8] {
        guard word.count >= 3, word.contains(0xE2) else { return word }
        var result: [UInt8] = []
        var index = 0
        while index < word.count {
            if index + 2 < word.count && word[index] == 0xE2 && word[index + 1] == 0x80 && word[index + 2] == 0x99 {
                result.append(UInt8(ascii: "'"))
                index += 3
            } else {
                result.append(word[index])
                index += 1
            }
        }
        return result
    }
}
