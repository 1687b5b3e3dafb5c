/// "Did you mean …?" for names from a closed list (rule codes, directives): the candidate nearest to
/// a misspelling by edit distance (insertions, deletions, substitutions and swaps of two neighbours,
/// each costing one), when it is near enough to be the likely intent.
public enum Spelling {
    /// The candidate nearest to `word` (case-insensitively: "TERM-CASING" means term-casing), at most
    /// `maximum` edits away (by default a third of the word's length, at least 1, at most 3); the
    /// first in `candidates` on a tie. Nil when `word` is a candidate or none is that near.
    public static func suggestion(for word: String, among candidates: some Sequence<String>, maximum: Int? = nil) -> String? {
        let lowered = Array(word.lowercased().unicodeScalars)
        let limit = maximum ?? defaultLimit(forLength: lowered.count)
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            if candidate == word { return nil }
            let other = Array(candidate.lowercased().unicodeScalars)
            if other == lowered { return candidate }
            guard abs(other.count - lowered.count) <= limit else { continue }
            let distance = Self.distance(lowered, other)
            if distance <= limit && distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        return best?.candidate
    }

    /// How many edits a word of `length` characters may be from what it means: a third of it, at
    /// least 1, at most 3.
    static func defaultLimit(forLength length: Int) -> Int { min(3, max(1, length / 3)) }

    /// Optimal string alignment distance (Damerau–Levenshtein without edits of a substring twice).
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] { current[j] = min(current[j], before[j - 2] + 1) }
            }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count]
    }
}
