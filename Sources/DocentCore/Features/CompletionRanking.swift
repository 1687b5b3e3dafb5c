/// Ranks glossary names against what a writer has typed: exact and word-prefix matches first, then
/// fuzzy (subsequence) matches, terms before aliases, shorter names before longer ones.
public enum CompletionRanking {
    public struct Candidate: Hashable, Sendable {
        /// Index into `Glossary.names`.
        public var name: Int
        public var score: Int
    }

    public static func rank(query: String, glossary: Glossary, limit: Int) -> [Candidate] {
        let typed = Array(query.lowercased().utf8)
        var candidates: [Candidate] = []
        for (index, name) in glossary.names.enumerated() {
            guard let score = score(typed: typed, name: name) else { continue }
            candidates.append(Candidate(name: index, score: score))
        }
        candidates.sort { lhs, rhs in
            if lhs.score != rhs.score { return lhs.score > rhs.score }
            let left = glossary.names[lhs.name].text, right = glossary.names[rhs.name].text
            if left.count != right.count { return left.count < right.count }
            return left < right
        }
        return Array(candidates.prefix(limit))
    }

    /// A score for a name against typed bytes (lower-cased), or nil when it does not match at all.
    static func score(typed: [UInt8], name: GlossaryName) -> Int? {
        let words = name.words
        let isAliasOnly = name.targets.allSatisfy(\.isAlias)
        let penalty = isAliasOnly ? 50 : 0
        if typed.isEmpty { return 1 - penalty }
        let joined = Array(words.map { String(decoding: $0, as: UTF8.self) }.joined(separator: " ").utf8)
        if joined == typed { return 1000 - penalty }
        if joined.starts(with: typed) { return 900 - penalty }
        // Each typed word a prefix of consecutive name words ("soft cat" → "software catalog").
        let typedWords = typed.split(separator: 0x20).map(Array.init)
        if typedWords.count > 1 || !typedWords.isEmpty {
            for start in words.indices where start + typedWords.count <= words.count {
                if zip(typedWords, words[start...]).allSatisfy({ $1.starts(with: $0) }) {
                    return (start == 0 ? 850 : 700) - penalty
                }
            }
        }
        // A subsequence, rewarding word starts and runs.
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
        // Demand the first typed character to be a word start, or the match is too loose to help.
        guard let first = typed.first(where: { $0 != 0x20 }), words.contains(where: { $0.first == first }) else { return nil }
        return 100 + score - joined.count / 4 - penalty
    }
}
