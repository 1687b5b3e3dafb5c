import Testing
@testable import DocentCore

/// Completion ranking keeps only the best names with a bounded selection; it must rank exactly as
/// scoring every candidate and sorting them all would.
@Suite struct CompletionRankingTests {
    static let glossary: Glossary = {
        let syllables = ["ka", "lo", "mi", "ra", "tu", "ve", "zo", "pe"]
        var text = "# Glossary\n\n## Service Catalog\n\nWhere software is recorded. Also known as the software catalog.\n\n"
        text += "## Scaffolder\n\nKnown as [Blueprints](#blueprints).\n\n## Blueprints\n\nTemplates for new projects.\n\n"
        text += "## Widget\n\nA small part.\n\n## Wiki\n\nShared pages.\n\n"
        for index in 0..<1_500 {
            var value = index
            var word = ""
            repeat {
                word += syllables[value % syllables.count]
                value /= syllables.count
            } while value > 0
            text += "## \(word.prefix(1).uppercased() + word.dropFirst()) Widget\n\nEntry \(index).\n\n"
        }
        return Glossary(files: [GlossaryParser.parse(SourceText(text), path: "glossary.md")])
    }()

    /// The ranking as it was before the bounded selection: a score per name, then a full sort.
    static func reference(query: String, glossary: Glossary, limit: Int) -> [CompletionRanking.Candidate] {
        let typed = Array(query.lowercased().utf8)
        var scores: [Int: Int] = [:]
        func offer(_ name: Int, _ score: Int) {
            let adjusted = score - (glossary.names[name].targets.allSatisfy(\.isAlias) ? 50 : 0)
            if adjusted > scores[name] ?? Int.min { scores[name] = adjusted }
        }
        func prefixMatches(_ prefix: [UInt8]) -> [(Int, Int, Bool)] {
            var result: [(Int, Int, Bool)] = []
            for (name, entry) in glossary.names.enumerated() {
                for word in entry.words.indices {
                    let suffix = Array(entry.words[word...].joined(separator: [0x20]))
                    if suffix.starts(with: prefix) { result.append((name, word, word == 0 && suffix.count == prefix.count)) }
                }
            }
            return result
        }
        let index = glossary.completionIndex
        if typed.isEmpty {
            for name in index.alphabetical.prefix(limit) { offer(name, 1) }
        } else {
            for (name, word, isWhole) in prefixMatches(typed) { offer(name, word == 0 ? (isWhole ? 1000 : 900) : 700) }
            let typedWords = typed.split(separator: 0x20).map(Array.init)
            if typedWords.count > 1 {
                for (name, _, _) in prefixMatches(typedWords[0]) where scores[name] == nil {
                    if let score = CompletionRanking.fuzzyScore(typed: typed, joined: index.joinedNames[name], words: glossary.names[name].words), score >= 700 { offer(name, score) }
                }
            } else if scores.isEmpty, let initial = typed.first {
                for name in index.names(withWordInitial: initial) where scores[name] == nil {
                    if let score = CompletionRanking.fuzzyScore(typed: typed, joined: index.joinedNames[name], words: glossary.names[name].words) { offer(name, score) }
                }
            }
        }
        var candidates = scores.map { CompletionRanking.Candidate(name: $0.key, score: $0.value) }
        candidates.sort { lhs, rhs in
            if lhs.score != rhs.score { return lhs.score > rhs.score }
            let left = glossary.names[lhs.name].text, right = glossary.names[rhs.name].text
            if left.utf8.count != right.utf8.count { return left.utf8.count < right.utf8.count }
            return left < right
        }
        return Array(candidates.prefix(limit))
    }

    @Test(arguments: ["", "w", "wi", "widget", "ka", "kalo w", "serv", "s c", "software", "scaff", "blue", "kl", "xyz", "WIDGET"])
    func boundedSelectionRanksAsAFullSort(query: String) {
        for limit in [1, 3, 20, 200] {
            let (ranked, isComplete) = CompletionRanking.ranked(query: query, glossary: Self.glossary, limit: limit)
            let reference = Self.reference(query: query, glossary: Self.glossary, limit: limit)
            if isComplete {
                #expect(ranked == reference, "\(query.debugDescription) limit \(limit)")
            } else {
                // Cut short among the 1,500 "… Widget" names: names that start with the query still come
                // first, exactly as in the full ranking; the rest is a sample, and said to be one.
                let leading = { (candidates: [CompletionRanking.Candidate]) in candidates.prefix { $0.score >= 850 } }
                #expect(Array(leading(ranked)) == Array(leading(reference)), "\(query.debugDescription) limit \(limit)")
                #expect(ranked.count == reference.count)
                #expect(CompletionRanking.matchCap(limit: limit) < 1_500)
            }
        }
    }

    /// A one-letter query against a large glossary looks at a bounded number of later-word matches.
    @Test func aShortQueryOnALargeGlossaryIsCutShortAndSaysSo() {
        let (ranked, isComplete) = CompletionRanking.ranked(query: "w", glossary: Self.glossary, limit: 20)
        #expect(!isComplete)
        #expect(ranked.prefix(2).map { Self.glossary.names[$0.name].text } == ["Wiki", "Widget"])
        #expect(CompletionRanking.ranked(query: "wik", glossary: Self.glossary, limit: 20).isComplete)
    }

    @Test func aliasesRankBelowTermsAndShortNamesFirst() {
        let names = CompletionRanking.rank(query: "wi", glossary: Self.glossary, limit: 3).map { Self.glossary.names[$0.name].text }
        #expect(names == ["Wiki", "Widget", "Ka Widget"])
        // Terms before the alias "software catalog", the shorter term first.
        let s = CompletionRanking.rank(query: "s", glossary: Self.glossary, limit: 3).map { Self.glossary.names[$0.name].text }
        #expect(s == ["Scaffolder", "Service Catalog", "software catalog"])
    }
}
