/// Ranks glossary names against what a writer has typed: exact and word-prefix matches first, then
/// fuzzy (subsequence) matches, terms before aliases, shorter names before longer ones.
///
/// Prefix candidates come from `CompletionIndex` (sorted arrays, binary search), so a 10,000-term
/// glossary answers as fast as a small one; the fuzzy scan over every name runs only when prefixes
/// find too little.
public enum CompletionRanking {
    public struct Candidate: Hashable, Sendable {
        /// Index into `Glossary.names`.
        public var name: Int
        public var score: Int
    }

    public static func rank(query: String, glossary: Glossary, limit: Int) -> [Candidate] {
        ranked(query: query, glossary: glossary, limit: limit).candidates
    }

    /// Prefix matches looked at for one query, of whole names and of later words ("widget" in "Kalo
    /// Widget") each. A one- or two-letter query can match thousands of names of a large glossary;
    /// past this many the ranking stops, says it is incomplete, and the editor asks again as the
    /// writer types on (LSP `isIncomplete`), as rust-analyzer does with its result limit.
    static func matchCap(limit: Int) -> Int { max(256, limit * 2) }

    /// The best `limit` names for `query`, and whether every candidate was ranked.
    public static func ranked(query: String, glossary: Glossary, limit: Int) -> (candidates: [Candidate], isComplete: Bool) {
        let typed = spacingIdeographs(query.lowercased())
        let index = glossary.completionIndex
        guard limit > 0, !glossary.names.isEmpty else { return ([], true) }
        var isComplete = true
        // Best score per name (Int.min: not offered), and the names offered, in order. A prefix such as
        // "wi" can match thousands of names of a large glossary: no dictionary, no full sort.
        var best = [Int](repeating: Int.min, count: glossary.names.count)
        var offered: [Int] = []
        func offer(_ name: Int, _ score: Int) {
            let adjusted = score - (index.isAliasOnly[name] ? 50 : 0)
            if best[name] == Int.min { offered.append(name) }
            if adjusted > best[name] { best[name] = adjusted }
        }
        if typed.isEmpty {
            // Nothing typed yet: the first names alphabetically, without scoring them all.
            for name in index.alphabetical.prefix(limit) { offer(name, 1) }
        } else {
            let cap = matchCap(limit: limit)
            isComplete = index.forEachPrefixMatch(typed, firstWord: true, atMost: cap) { name, _, isWhole in offer(name, isWhole ? 1000 : 900) }
            if !index.forEachPrefixMatch(typed, firstWord: false, atMost: cap, { name, _, _ in offer(name, 700) }) { isComplete = false }
            let typedWords = typed.split(separator: 0x20).map(Array.init)
            if typedWords.count > 1 {
                // "soft cat": candidates whose words start with the first typed word, then checked whole.
                let check = { (name: Int, _: Int, _: Bool) in
                    guard best[name] == Int.min else { return }
                    if let score = fuzzyScore(typed: typed, typedWords: typedWords, joined: index.joinedNames[name], words: glossary.names[name].words), score >= 700 { offer(name, score) }
                }
                if !index.forEachPrefixMatch(typedWords[0], firstWord: true, atMost: cap, check) { isComplete = false }
                if !index.forEachPrefixMatch(typedWords[0], firstWord: false, atMost: cap, check) { isComplete = false }
            } else if offered.isEmpty, let initial = typed.first {
                // No prefix at all: a subsequence among names with a word starting with the typed letter.
                let withInitial = index.names(withWordInitial: initial)
                if withInitial.count > cap { isComplete = false }
                for name in withInitial.prefix(cap) where best[name] == Int.min {
                    if let score = fuzzyScore(typed: typed, typedWords: typedWords, joined: index.joinedNames[name], words: glossary.names[name].words) { offer(name, score) }
                }
            }
        }
        // The best `limit`: higher score, then shorter name, then alphabetical (`textRank`), kept in a
        // sorted list that most candidates of a long tail are compared with once.
        func precedes(_ lhs: Int, _ rhs: Int) -> Bool {
            if best[lhs] != best[rhs] { return best[lhs] > best[rhs] }
            if index.textLength[lhs] != index.textLength[rhs] { return index.textLength[lhs] < index.textLength[rhs] }
            return index.textRank[lhs] < index.textRank[rhs]
        }
        var top: [Int] = []
        top.reserveCapacity(min(limit, offered.count) + 1)
        for name in offered {
            if top.count == limit, let last = top.last, !precedes(name, last) { continue }
            var low = 0, high = top.count
            while low < high {
                let middle = (low + high) / 2
                if precedes(top[middle], name) { low = middle + 1 } else { high = middle }
            }
            top.insert(name, at: low)
            if top.count > limit { top.removeLast() }
        }
        return (top.map { Candidate(name: $0, score: best[$0]) }, isComplete)
    }

    /// The typed text's bytes, with ideographs and kana set apart by spaces as the glossary's names
    /// are indexed (each is a word of its own: "数据" is matched as "数 据").
    static func spacingIdeographs(_ text: String) -> [UInt8] {
        guard text.utf8.contains(where: { $0 >= 0xE3 }) else { return Array(text.utf8) }
        var result = ""
        var previousIdeograph = false
        for scalar in text.unicodeScalars {
            let ideograph = WordTokenizer.isIdeograph(scalar.value)
            if (ideograph || previousIdeograph) && !result.isEmpty && result.unicodeScalars.last != " " && scalar != " " { result.unicodeScalars.append(" ") }
            result.unicodeScalars.append(scalar)
            previousIdeograph = ideograph
        }
        return Array(result.utf8)
    }

    /// Each typed word a prefix of consecutive name words ("soft cat" → "software catalog"), or a
    /// subsequence that starts at a word start, rewarding word starts and runs.
    static func fuzzyScore(typed: [UInt8], joined: [UInt8], words: [[UInt8]]) -> Int? {
        fuzzyScore(typed: typed, typedWords: typed.split(separator: 0x20).map(Array.init), joined: joined, words: words)
    }

    /// `fuzzyScore` with the typed words split once per query rather than once per name.
    static func fuzzyScore(typed: [UInt8], typedWords: [[UInt8]], joined: [UInt8], words: [[UInt8]]) -> Int? {
        if typedWords.count > 1 {
            for start in words.indices where start + typedWords.count <= words.count {
                if zip(typedWords, words[start...]).allSatisfy({ $1.starts(with: $0) }) { return start == 0 ? 850 : 700 }
            }
        }
        guard let first = typed.first(where: { $0 != 0x20 }), words.contains(where: { $0.first == first }) else { return nil }
        var score = 0
        var nameIndex = 0
        var previousMatched = false
        for byte in typed where byte != 0x20 {
            var found = false
            while nameIndex < joined.count {
                let current = joined[nameIndex]
                let atWordStart = nameIndex == 0 || joined[nameIndex - 1] == 0x20
                nameIndex += 1
                if current == byte {
                    score += atWordStart ? 10 : (previousMatched ? 5 : 1)
                    previousMatched = true
                    found = true
                    break
                }
                previousMatched = false
            }
            if !found { return nil }
        }
        return 100 + score - joined.count / 4
    }
}

/// Sorted views of the glossary's names for prefix search: every name's words joined from each word
/// position ("software catalog", "catalog"), lower-cased.
struct CompletionIndex: Sendable {
    /// (joined words from `word` on, name index, word index), sorted by the bytes: whole names
    /// (word 0), and the suffixes from a later word, apart, so that a query can take the first kind
    /// whole and stop early in the second.
    private var firstWordSuffixes: [(bytes: [UInt8], name: Int, word: Int)] = []
    private var laterWordSuffixes: [(bytes: [UInt8], name: Int, word: Int)] = []
    /// Each name's words joined with spaces, by name index.
    private(set) var joinedNames: [[UInt8]] = []
    /// Name indices in alphabetical order of their joined words.
    private(set) var alphabetical: [Int] = []
    /// Names with a word starting with each byte.
    private var byInitial: [UInt8: [Int]] = [:]
    /// Per name: whether it only names aliases (ranked below terms), its length in bytes, and its rank
    /// in the alphabetical order of names' texts (the last tie-breaker).
    private(set) var isAliasOnly: [Bool] = []
    private(set) var textLength: [Int] = []
    private(set) var textRank: [Int] = []

    func names(withWordInitial byte: UInt8) -> [Int] { byInitial[byte] ?? [] }

    init(names: [GlossaryName]) {
        for (index, name) in names.enumerated() {
            joinedNames.append(Array(name.words.joined(separator: [0x20])))
            for word in name.words.indices {
                let suffix = (Array(name.words[word...].joined(separator: [0x20])), index, word)
                if word == 0 { firstWordSuffixes.append(suffix) } else { laterWordSuffixes.append(suffix) }
            }
        }
        firstWordSuffixes.sort { $0.bytes.lexicographicallyPrecedes($1.bytes) }
        laterWordSuffixes.sort { $0.bytes.lexicographicallyPrecedes($1.bytes) }
        alphabetical = firstWordSuffixes.map(\.name)
        for (index, name) in names.enumerated() {
            for initial in Set(name.words.compactMap(\.first)) { byInitial[initial, default: []].append(index) }
        }
        isAliasOnly = names.map { $0.targets.allSatisfy(\.isAlias) }
        textLength = names.map { $0.text.utf8.count }
        textRank = [Int](repeating: 0, count: names.count)
        for (rank, index) in names.indices.sorted(by: { names[$0].text < names[$1].text }).enumerated() { textRank[index] = rank }
    }

    /// Calls `body(name, wordIndex, isWhole)` for each name whose words from the first (`firstWord`)
    /// or from a later word start with `typed`, up to `atMost` of them; false when it stopped there.
    @discardableResult
    func forEachPrefixMatch(_ typed: [UInt8], firstWord: Bool, atMost: Int = .max, _ body: (Int, Int, Bool) -> Void) -> Bool {
        let suffixes = firstWord ? firstWordSuffixes : laterWordSuffixes
        var low = 0, high = suffixes.count
        while low < high {
            let middle = (low + high) / 2
            if suffixes[middle].bytes.lexicographicallyPrecedes(typed) { low = middle + 1 } else { high = middle }
        }
        var index = low
        while index < suffixes.count && suffixes[index].bytes.starts(with: typed) {
            if index - low == atMost { return false }
            let entry = suffixes[index]
            body(entry.name, entry.word, entry.word == 0 && entry.bytes.count == typed.count)
            index += 1
        }
        return true
    }

}
