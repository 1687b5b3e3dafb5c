/// A use of a glossary name in prose.
public struct TermMatch: Hashable, Sendable {
    /// The use as written, from the first word's start to the last word's end, inflection included, and
    /// with the symbols its name writes around them (`.` of ".NET", `++` of "C++").
    public var range: ByteRange
    /// Index into `Glossary.names`.
    public var name: Int
    /// Whether the last word is a plural or possessive form of the name's last word.
    public var isInflected: Bool
    /// For an inflected match: the bytes of the last word that are the inflection ("s", "'s", "ies").
    public var inflectionLength: Int
    /// Index into `MarkdownDocument.proseBlocks`.
    public var block: Int
}

/// Finds every use of every glossary name in a document's prose in one pass per block: longest match
/// wins, case-insensitive, plurals and possessives on the last word, words joined across soft breaks.
public enum TermMatcher {
    public static func matches(in text: SourceText, document: MarkdownDocument, glossary: Glossary) -> [TermMatch] {
        guard !glossary.names.isEmpty else { return [] }
        var result: [TermMatch] = []
        text.bytes.withUnsafeBufferPointer { bytes in
            var tokens: [WordToken] = []
            var hashes: [UInt64] = []
            var spanIndex = 0
            let spans = document.proseSpans
            while spanIndex < spans.count {
                let block = spans[spanIndex].block
                tokens.removeAll(keepingCapacity: true)
                while spanIndex < spans.count && spans[spanIndex].block == block {
                    let span = spans[spanIndex]
                    WordTokenizer.tokenize(bytes, range: span.range, joinsAtStart: span.joinsPrevious, into: &tokens)
                    spanIndex += 1
                }
                match(tokens, block: block, bytes: bytes, trie: glossary.trie, hashes: &hashes, into: &result)
            }
        }
        return result
    }

    /// Matches within an arbitrary range of plain text (a definition, a selection), ignoring Markdown.
    public static func matches(inPlainRange range: ByteRange, of text: SourceText, glossary: Glossary) -> [TermMatch] {
        var result: [TermMatch] = []
        text.bytes.withUnsafeBufferPointer { bytes in
            var tokens: [WordToken] = []
            WordTokenizer.tokenize(bytes, range: range.clamped(to: 0..<bytes.count), joinsAtStart: false, into: &tokens)
            var hashes: [UInt64] = []
            match(tokens, block: -1, bytes: bytes, trie: glossary.trie, hashes: &hashes, into: &result)
        }
        return result
    }

    /// `hashes` is a buffer reused from block to block: each word's hash, computed once (a failed
    /// multi-word attempt restarts at the next word, whose hash is already known).
    static func match(_ tokens: [WordToken], block: Int, bytes: UnsafeBufferPointer<UInt8>, trie: WordTrie, hashes: inout [UInt64], into result: inout [TermMatch]) {
        hashes.removeAll(keepingCapacity: true)
        hashes.reserveCapacity(tokens.count)
        var start = 0
        while start < tokens.count {
            var node = WordTrie.root
            var best: (end: Int, name: Int32, inflection: Int, shape: NameShape)?
            var index = start
            while index < tokens.count {
                if index == hashes.count { hashes.append(wordHash(bytes, tokens[index].range)) }
                var key = hashes[index]
                if index > start && !tokens[index].joinsPrevious {
                    // Only a name that joins its words by the same symbols ("CI/CD") continues across them.
                    guard trie.hasGaps, let gap = symbolGapHash(bytes, tokens[index - 1].range.upperBound..<tokens[index].range.lowerBound) else { break }
                    key ^= gap
                }
                let exact = trie.child(of: node, wordHash: key)
                let words = tokens[start].range.lowerBound..<tokens[index].range.upperBound
                if let exact, let found = trie.name(at: exact, words: words, in: bytes), isWrittenAsNamed(found.name, words, bytes, trie) {
                    best = (index, found.name, 0, found.shape)
                } else if let inflection = inflectedMatch(bytes, tokens[index].range, node: node, trie: trie, salt: key ^ hashes[index]),
                          case let base = words.lowerBound..<(words.upperBound - inflection.length),
                          let found = trie.name(at: inflection.node, words: base, in: bytes), isWrittenAsNamed(found.name, base, bytes, trie) {
                    // ".NET's", "#general's": the inflection follows the name's symbols.
                    best = (index, found.name, inflection.length, found.shape)
                }
                guard let next = exact else { break }
                node = next
                index += 1
            }
            if let best {
                // The symbols a name writes around its words (".NET", "C++") are part of the use; a
                // suffix comes before an inflection, which is part of the last word (no name with a
                // suffix is found inflected: "C++'s" ends its word at the C).
                let range = (tokens[start].range.lowerBound - best.shape.prefix.count)..<(tokens[best.end].range.upperBound + best.shape.suffix.count)
                result.append(TermMatch(range: range, name: Int(best.name), isInflected: best.inflection > 0, inflectionLength: best.inflection, block: block))
                start = best.end + 1
            } else {
                start += 1
            }
        }
    }

    /// Whether the words in `range` may be a use of `name`: any casing, except for an acronym that
    /// spells a common word, whose use is written in capitals ("IT", not "it", "It" or "Its": a
    /// capitalised word is as often a title's, a label's or a sentence's start as a miscased acronym).
    @inline(__always)
    static func isWrittenAsNamed(_ name: Int32, _ range: ByteRange, _ bytes: UnsafeBufferPointer<UInt8>, _ trie: WordTrie) -> Bool {
        guard !trie.capitalsOnly.isEmpty, trie.capitalsOnly.contains(name) else { return true }
        for index in range where bytes[index] >= UInt8(ascii: "a") && bytes[index] <= UInt8(ascii: "z") { return false }
        return true
    }

    /// The salt of the trie edge across the symbols between two words of a use ("/" in "CI/CD"), or
    /// nil when the gap holds no symbols (a span of code or markup between the words) or too many.
    @inline(__always)
    static func symbolGapHash(_ bytes: UnsafeBufferPointer<UInt8>, _ range: ByteRange) -> UInt64? {
        guard range.count <= NameShape.maximumGapLength else { return nil }
        var symbols = false
        for index in range where !ByteClass.isWhitespace(bytes[index]) { symbols = true; break }
        guard symbols else { return nil }
        return NameShape.gapHash(range.lazy.map { bytes[$0] }.filter { !ByteClass.isWhitespace($0) })
    }

    /// The FNV-1a hash of a word's lower-cased bytes, without allocating for ASCII words.
    @inline(__always)
    static func wordHash(_ bytes: UnsafeBufferPointer<UInt8>, _ range: ByteRange) -> UInt64 {
        var value = WordTrie.offsetBasis
        for index in range {
            let byte = bytes[index]
            if byte >= 0x80 { return WordTrie.hash(WordTokenizer.lowercasedWord(bytes, range)) }
            value = (value ^ UInt64(ByteClass.lowercased(byte))) &* WordTrie.prime
        }
        return value
    }

    /// Tries the word's base forms under `node`: possessive `'s`/`s'`, plural `ies`→`y`, `es`, `s`.
    /// Returns the trie node where a name ends and how many trailing bytes are the inflection.
    @inline(__always)
    static func inflectedMatch(_ bytes: UnsafeBufferPointer<UInt8>, _ range: ByteRange, node: Int32, trie: WordTrie, salt: UInt64 = 0) -> (node: Int32, length: Int)? {
        guard range.count >= 3 else { return nil }
        let last = ByteClass.lowercased(bytes[range.upperBound - 1])
        guard last == UInt8(ascii: "s") || last == UInt8(ascii: "'") else { return nil }
        var isASCII = true
        for index in range where bytes[index] >= 0x80 { isASCII = false; break }
        if isASCII {
            // Lower-cased on the fly: no copy of the word.
            return inflectedMatch(ASCIILowercased(bytes: bytes, range: range), writtenCount: range.count, node: node, trie: trie, salt: salt)
        }
        return inflectedMatch(WordTokenizer.lowercasedWord(bytes, range), writtenCount: range.count, node: node, trie: trie, salt: salt)
    }

    /// The lower-cased view of an ASCII word in place.
    struct ASCIILowercased: RandomAccessCollection {
        let bytes: UnsafeBufferPointer<UInt8>
        let range: ByteRange
        var startIndex: Int { 0 }
        var endIndex: Int { range.count }
        @inline(__always) subscript(position: Int) -> UInt8 { ByteClass.lowercased(bytes[range.lowerBound + position]) }
    }

    @inline(__always)
    static func inflectedMatch<Word: RandomAccessCollection>(_ word: Word, writtenCount: Int, node: Int32, trie: WordTrie, salt: UInt64 = 0) -> (node: Int32, length: Int)? where Word.Element == UInt8, Word.Index == Int {
        let count = word.count
        func probe(_ base: Word.SubSequence, extra: UInt8? = nil) -> Int32? {
            var value = WordTrie.offsetBasis
            for byte in base { value = (value ^ UInt64(byte)) &* WordTrie.prime }
            if let extra { value = (value ^ UInt64(extra)) &* WordTrie.prime }
            guard let child = trie.child(of: node, wordHash: value ^ salt), trie.hasName(at: child) else { return nil }
            return child
        }
        // The inflection is counted in bytes of the written word, which equal the lower-cased ones for ASCII.
        if count >= 3 && word[count - 2] == UInt8(ascii: "'") && word[count - 1] == UInt8(ascii: "s") {
            if let name = probe(word[0..<(count - 2)]) { return (name, writtenCount - (count - 2) ) }
            // "entities's" is unusual; "Harbor's" is the common case handled above.
        }
        if word[count - 1] == UInt8(ascii: "'") {
            if count >= 3 && word[count - 2] == UInt8(ascii: "s"), let name = probe(word[0..<(count - 2)]) { return (name, 2) }
            return nil
        }
        if count >= 4 && word[count - 3] == UInt8(ascii: "i") && word[count - 2] == UInt8(ascii: "e"), let name = probe(word[0..<(count - 3)], extra: UInt8(ascii: "y")) {
            return (name, 3)
        }
        if count >= 4 && word[count - 2] == UInt8(ascii: "e"), let name = probe(word[0..<(count - 2)]) {
            return (name, 2)
        }
        if word[count - 2] != UInt8(ascii: "s") || count > 4, let name = probe(word[0..<(count - 1)]) {
            return (name, 1)
        }
        return nil
    }
}
