/// Finds what glossary name is at an offset of a document, and which entries it may mean, the one that
/// fits the document best first.
public enum TermLookup {
    public struct Found: Sendable {
        public var match: TermMatch
        /// Entry indices, the most fitting first.
        public var entries: [Int]
    }

    /// The term use under `offset` (inclusive of its end, so a cursor just after a word counts).
    public static func term(at offset: Int, in path: String, snapshot: WorkspaceSnapshot) -> Found? {
        guard let document = snapshot.document(path) else { return nil }
        let matches = snapshot.termMatches(in: path)
        guard let match = matches.first(where: { $0.range.lowerBound <= offset && offset <= $0.range.upperBound }) else { return nil }
        let targets = snapshot.glossary.names[match.name].targets.map(\.entry).uniqued()
        var ranked = rankByContext(targets, around: match.range, block: match.block, in: document, glossary: snapshot.glossary)
        // A use that a link, a written qualifier or its own entry ties to one of the entries sharing
        // the name puts that entry first, as rename and references count it.
        var resolver = UseResolver(path: path, document: document, snapshot: snapshot)
        if case .entry(let resolved)? = resolver.meaning(of: match), let index = ranked.firstIndex(of: resolved), index > 0 {
            ranked.remove(at: index)
            ranked.insert(resolved, at: 0)
        }
        return Found(match: match, entries: ranked)
    }

    /// The entries whose term `name` is, when there are several ("Component (service catalog)" and
    /// "Component (UI kit)"): a use of the name must be told apart. Empty for a name at most one entry
    /// has as its term (its uses belong to every entry the name is a term or alias of).
    static func competingEntries(forName name: Int, in glossary: Glossary) -> [Int] {
        let entries = glossary.names[name].targets.filter { $0.kind == .term }.map(\.entry).uniqued()
        return entries.count > 1 ? entries : []
    }

    /// The glossary entry whose own term is written at `offset` in a glossary file.
    public static func entryDefinition(at offset: Int, in path: String, snapshot: WorkspaceSnapshot) -> Int? {
        guard snapshot.isGlossary(path) else { return nil }
        return snapshot.glossary.entries.indices.first { index in
            let entry = snapshot.glossary.entries[index]
            return entry.file == path && entry.termRange.lowerBound <= offset && offset <= entry.termRange.upperBound
        }
    }

    /// Orders entries that share a name by how well their qualifier and definition fit the document:
    /// words of the qualifier near the use and anywhere in the page count, then glossary order.
    static func rankByContext(_ entries: [Int], around range: ByteRange, block: Int, in document: WorkspaceDocument, glossary: Glossary) -> [Int] {
        guard entries.count > 1 else { return entries }
        var scorer = ContextScorer(document: document, glossary: glossary)
        let scores = entries.map { scorer.score($0, around: range, among: entries, block: block) }
        // Ties keep glossary order, in which an entry that is the term itself comes before one the
        // name is only an alias of.
        return entries.indices.sorted { lhs, rhs in
            scores[lhs] != scores[rhs] ? scores[lhs] > scores[rhs] : lhs < rhs
        }.map { entries[$0] }
    }
}

/// How well an entry's qualifier fits the text around a use:
/// - 20 for each qualifier word that no other candidate's qualifier has, written right next to the
///   use (the word before it or one of the two after it: "the Kubernetes plugin", "a catalog resource"),
///   generic words included: among "Kubernetes (CNCF Project)" and "Kubernetes (Backstage plugin)",
///   "plugin" says which;
/// - 10 for each of its words (longer than three letters, not a generic one, not one of the term's)
///   near the use, 3 for each anywhere in the page; a qualifier of several words ("UI kit") counts as
///   a phrase too.
/// Page-wide hits are kept with the document's text, so scoring every use of a page reads the page
/// once per phrase.
struct ContextScorer {
    let document: WorkspaceDocument
    let bytes: [UInt8]
    let glossary: Glossary
    private var pageScores: [Int: Int] = [:]
    private var phrasesByEntry: [Int: [[[UInt8]]]] = [:]
    /// For each set of candidates, each one's qualifier words that the others' qualifiers lack.
    private var distinctiveWords: [[Int]: [[[UInt8]]]] = [:]
    /// The words around the last use scored, which every candidate of the use is scored against.
    private var neighbours: (range: ByteRange, words: [ArraySlice<UInt8>])?

    /// Points for a distinctive qualifier word right next to the use.
    static let adjacentWordScore = 20

    init(document: WorkspaceDocument, glossary: Glossary) {
        self.document = document
        self.bytes = document.text.bytes
        self.glossary = glossary
    }

    /// The qualifier's phrases to look for, lower-cased. Words of the term itself tell nothing: every
    /// use has them ("Permission (permission plugin)").
    static func phrases(of qualifier: String?, term: String) -> [[[UInt8]]] {
        let (words, termWords) = Self.words(of: qualifier, term: term)
        var phrases = words.filter { $0.count > 3 && !["plugin", "backstage", "core"].contains($0) && !termWords.contains($0) }.map { [Array($0.utf8)] }
        if words.count > 1 { phrases.append(words.map { Array($0.utf8) }) }
        return phrases
    }

    /// The letters-only words of a qualifier and of its term, lower-cased.
    static func words(of qualifier: String?, term: String) -> (qualifier: [String], term: Set<String>) {
        func words(_ text: String) -> [String] { text.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init) }
        return (words(qualifier ?? ""), Set(words(term)))
    }

    /// The words of a qualifier (three letters or more) that are not the term's own.
    static func qualifierWords(of qualifier: String?, term: String) -> Set<String> {
        let (words, termWords) = Self.words(of: qualifier, term: term)
        return Set(words.filter { $0.count >= 3 && !termWords.contains($0) })
    }

    /// Bytes only: a hover must not copy or lower-case a 200 KB page.
    mutating func score(_ entry: Int, around range: ByteRange, among candidates: [Int], block: Int? = nil) -> Int {
        if distinctiveWords[candidates] == nil {
            let words = candidates.map { Self.qualifierWords(of: glossary.entries[$0].qualifier, term: glossary.entries[$0].term) }
            distinctiveWords[candidates] = words.indices.map { index in
                let others = words.indices.filter { $0 != index }.reduce(into: Set<String>()) { $0.formUnion(words[$1]) }
                return words[index].subtracting(others).sorted().map { Array($0.utf8) }
            }
        }
        var adjacent = 0
        if let position = candidates.firstIndex(of: entry), let words = distinctiveWords[candidates]?[position], !words.isEmpty {
            if neighbours?.range != range {
                // Words on the paragraph's other lines count; the scanner says where the paragraph ends.
                let blocks = document.markdown.proseBlocks
                let blockRange = block.flatMap { blocks.indices.contains($0) ? blocks[$0].range : nil }
                    ?? blocks.first { $0.range.contains(range.lowerBound) }?.range
                neighbours = (range, Self.neighbourWords(of: range, in: bytes, block: blockRange))
            }
            for neighbour in neighbours!.words where words.contains(where: { $0.elementsEqual(neighbour.lazy.map(ByteClass.lowercased)) }) {
                adjacent += Self.adjacentWordScore
            }
        }
        return adjacent + contextScore(entry, around: range)
    }

    /// The word right before a use and the two after it, in its sentence (letters only; spaces, a
    /// no-break space, hyphens, apostrophes and a line break inside the use's prose `block` between
    /// them): where a qualifier's noun goes ("the Kubernetes backend plugin", "a catalog resource"). A
    /// function word ends them ("deploy Backstage to Kubernetes"), and so does a verb or plural noun
    /// right after the use ("Kubernetes runs plugin pods").
    static func neighbourWords(of range: ByteRange, in bytes: [UInt8], block: ByteRange?) -> [ArraySlice<UInt8>] {
        let block = block ?? range
        func isLetter(_ byte: UInt8) -> Bool { ByteClass.isASCIIAlphanumeric(byte) && !ByteClass.isDigit(byte) }
        /// The end of the joining characters from `index` on, or nil when there are none.
        func joinForward(_ start: Int) -> Int? {
            var index = start
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0x20 || byte == 0x09 || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "'") {
                    index += 1
                } else if byte == 0xC2, index + 1 < bytes.count, bytes[index + 1] == 0xA0 {
                    index += 2
                } else if byte == 0x0A || byte == 0x0D, case let next = index + (byte == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A ? 2 : 1),
                          next < block.upperBound {
                    index = next
                } else {
                    break
                }
            }
            return index > start ? index : nil
        }
        /// The start of the joining characters that end at `end`, or nil when there are none.
        func joinBackward(_ end: Int) -> Int? {
            var index = end
            while index > 0 {
                let byte = bytes[index - 1]
                if byte == 0x20 || byte == 0x09 || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "'") {
                    index -= 1
                } else if byte == 0xA0, index >= 2, bytes[index - 2] == 0xC2 {
                    index -= 2
                } else if byte == 0x0A, index - 1 > block.lowerBound {
                    index -= bytes[index - 2] == 0x0D ? 2 : 1
                } else {
                    break
                }
            }
            return index < end ? index : nil
        }
        var words: [ArraySlice<UInt8>] = []
        var index = range.upperBound
        for _ in 0..<2 {
            // An apostrophe's `s` belongs to the use or the word before ("Kubernetes' plugin", "plugin's").
            if index + 1 < bytes.count, bytes[index] == UInt8(ascii: "'"), bytes[index + 1] == UInt8(ascii: "s") { index += 2 }
            guard let start = joinForward(index) else { break }
            let hyphenated = bytes[index..<start].contains(UInt8(ascii: "-"))
            index = start
            while index < bytes.count && isLetter(bytes[index]) { index += 1 }
            guard index > start, !isFunctionWord(bytes[start..<index]) else { break }
            words.append(bytes[start..<index])
            // A participle or compound former hyphenated to the use makes an adjective of it
            // ("Kubernetes-deployed Backstage", "Kubernetes-based"): the noun after it is its own.
            let word = bytes[start..<index]
            if hyphenated && (word.count > 3 && word.suffix(2).lazy.map(ByteClass.lowercased).elementsEqual("ed".utf8) || TermUse.isCompoundFormer(word)) { break }
            // A word in -s right after the use is a verb ("Kubernetes runs plugin pods") or a plural
            // noun, which ends the phrase a qualifier's noun sits in; one in -ss or -us is neither
            // ("the Kubernetes ingress plugin").
            if !hyphenated && Self.endsLikeVerbOrPlural(word) { break }
        }
        if let end = joinBackward(range.lowerBound) {
            index = end
            while index > 0 && isLetter(bytes[index - 1]) { index -= 1 }
            if index < end, !isFunctionWord(bytes[index..<end]) { words.append(bytes[index..<end]) }
        }
        return words
    }

    /// A word of four letters or more ending in `s` but not in `ss`, `us` or `is`.
    static func endsLikeVerbOrPlural(_ word: ArraySlice<UInt8>) -> Bool {
        guard word.count > 3, ByteClass.lowercased(word[word.endIndex - 1]) == UInt8(ascii: "s") else { return false }
        return ![UInt8(ascii: "s"), UInt8(ascii: "u"), UInt8(ascii: "i")].contains(ByteClass.lowercased(word[word.endIndex - 2]))
    }

    /// Articles, prepositions, conjunctions and the like: no qualifier's noun.
    static let functionWords: [[UInt8]] = ["a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "into", "is", "it",
                                           "its", "of", "on", "or", "our", "than", "that", "the", "this", "to", "via", "was", "with", "your"].map { Array($0.utf8) }

    static func isFunctionWord(_ word: ArraySlice<UInt8>) -> Bool {
        functionWords.contains { $0.elementsEqual(word.lazy.map(ByteClass.lowercased)) }
    }

    /// The qualifier's words near the use and anywhere in the page.
    private mutating func contextScore(_ entry: Int, around range: ByteRange) -> Int {
        let phrases = phrasesByEntry[entry] ?? Self.phrases(of: glossary.entries[entry].qualifier, term: glossary.entries[entry].term)
        phrasesByEntry[entry] = phrases
        guard !phrases.isEmpty else { return 0 }
        let page: Int
        if let cached = pageScores[entry] {
            page = cached
        } else {
            page = phrases.filter { phrase in
                document.cache.phraseOccurs(phrase) { PhraseSearch.occurs(phrase, in: bytes, range: 0..<bytes.count) }
            }.count * 3
            pageScores[entry] = page
        }
        guard page > 0 else { return 0 }
        let nearby = max(0, range.lowerBound - 400)..<min(bytes.count, range.upperBound + 400)
        return page + phrases.filter { PhraseSearch.occurs($0, in: bytes, range: nearby) }.count * 10
    }
}

/// Which of the entries sharing a name as their term ("Component (service catalog)", "Component (UI
/// kit)") a use in one document means, the way rename, references, highlights and the hover's use
/// count read it. In order:
/// 1. the use is the text of a link to one entry's anchor: `[component](glossary.md#component-ui-kit)`;
/// 2. the use is followed by one entry's qualifier: `Component (UI kit)`;
/// 3. the use is inside one entry's own text in the glossary;
/// 4. one entry's qualifier fits the text around the use better than every other's (`ContextScorer`,
///    as the hover ranks them).
/// Otherwise the use is ambiguous: it belongs to none of them alone.
struct UseResolver {
    enum Meaning: Equatable {
        case entry(Int)
        case ambiguous([Int])
    }

    let path: String
    let document: WorkspaceDocument
    let snapshot: WorkspaceSnapshot
    private var scorer: ContextScorer
    /// Labels of the document's link reference definitions (as `MarkdownText.referenceLabel` reads them) to their destinations.
    private var definitions: [String: String]?
    /// Indices of the document's inline and reference links, by where their text starts.
    private var linksByText: [Int]?

    init(path: String, document: WorkspaceDocument, snapshot: WorkspaceSnapshot) {
        self.path = path
        self.document = document
        self.snapshot = snapshot
        self.scorer = ContextScorer(document: document, glossary: snapshot.glossary)
    }

    /// Nil for a use of a name at most one entry has as its term.
    mutating func meaning(of match: TermMatch) -> Meaning? {
        let candidates = TermLookup.competingEntries(forName: match.name, in: snapshot.glossary)
        guard !candidates.isEmpty else { return nil }
        return meaning(of: match.range, among: candidates, block: match.block)
    }

    /// `block`: the use's index in `proseBlocks`, when the caller has it (a `TermMatch` does).
    mutating func meaning(of range: ByteRange, among candidates: [Int], block: Int? = nil) -> Meaning {
        let glossary = snapshot.glossary
        if let linked = linkedEntry(around: range, among: candidates) { return .entry(linked) }
        if let qualified = writtenQualifier(after: range.upperBound).flatMap({ written in
            candidates.first { glossary.entries[$0].qualifier.map(WordTokenizer.normalizedWords) == written }
        }) { return .entry(qualified) }
        if snapshot.isGlossary(path), let own = glossary.entry(containing: range.lowerBound, inFile: path), candidates.contains(own) {
            return .entry(own)
        }
        let scores = candidates.map { scorer.score($0, around: range, among: candidates, block: block) }
        if let best = scores.max(), best > 0, scores.filter({ $0 == best }).count == 1 {
            return .entry(candidates[scores.firstIndex(of: best)!])
        }
        return .ambiguous(candidates)
    }

    /// The candidate whose anchor the link around `range` points at.
    private mutating func linkedEntry(around range: ByteRange, among candidates: [Int]) -> Int? {
        let links = document.markdown.links
        if linksByText == nil {
            linksByText = links.indices.filter { links[$0].kind == .inline || links[$0].kind == .reference }.sorted { links[$0].textRange.lowerBound < links[$1].textRange.lowerBound }
        }
        // The last link whose text starts at or before the use (link texts do not nest).
        let sorted = linksByText!
        var low = 0, high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if links[sorted[middle]].textRange.lowerBound <= range.lowerBound { low = middle + 1 } else { high = middle }
        }
        guard low > 0, case let link = links[sorted[low - 1]], range.upperBound <= link.textRange.upperBound else { return nil }
        var destination = link.destination
        if link.kind == .reference {
            if definitions == nil {
                var found: [String: String] = [:]
                for definition in document.markdown.links where definition.kind == .definition {
                    let label = MarkdownText.referenceLabel(document.text.bytes[definition.textRange])
                    if found[label] == nil { found[label] = definition.destination }
                }
                definitions = found
            }
            let label = destination.isEmpty ? MarkdownText.referenceLabel(document.text.bytes[link.textRange]) : MarkdownText.referenceLabel(destination.utf8)
            guard let resolved = definitions?[label] else { return nil }
            destination = resolved
        }
        guard let (file, anchor) = Glossary.target(of: destination, from: path), let anchor else { return nil }
        let entries = snapshot.glossary.entries
        return candidates.first { entries[$0].file == file && entries[$0].anchor?.lowercased() == anchor.lowercased() }
    }

    /// The words of a parenthesised qualifier right after a use, on the same line: "Component (UI kit)".
    private func writtenQualifier(after end: Int) -> [[UInt8]]? {
        let bytes = document.text.bytes
        var index = end
        while index < bytes.count && (bytes[index] == 0x20 || bytes[index] == 0x09) { index += 1 }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "(") else { return nil }
        guard let close = bytes[index...].prefix(200).firstIndex(where: { $0 == UInt8(ascii: ")") || $0 == 0x0A }), bytes[close] == UInt8(ascii: ")") else { return nil }
        let words = WordTokenizer.normalizedWords(String(decoding: bytes[(index + 1)..<close], as: UTF8.self))
        return words.isEmpty ? nil : words
    }
}

/// Hover: the definitions of the term under the cursor, or on a glossary entry's own term, the entry
/// and how often the workspace uses it.
public enum HoverFeature {
    public struct Result: Sendable {
        public var markdown: String
        public var range: ByteRange
    }

    /// `placement`: whether the page's place in its section is shown on its title and part headings
    /// (not for a document outside the workspace folders, such as an untitled buffer, which has no section).
    public static func hover(at offset: Int, in path: String, snapshot: WorkspaceSnapshot, placement: Bool = true,
                             location: (String, Int) -> String) -> Result? {
        let glossary = snapshot.glossary
        if let entry = TermLookup.entryDefinition(at: offset, in: path, snapshot: snapshot) {
            let uses = ReferencesFeature.useCount(ofEntry: entry, snapshot: snapshot)
            let text = EntryPresentation.markdown(glossary.entries[entry], glossary: glossary, location: location, headingLine: snapshot.headingLine)
            let summary = uses == 1 ? "Used once in the workspace." : "Used \(uses) times in the workspace."
            return Result(markdown: text + "\n\n" + summary, range: glossary.entries[entry].termRange)
        }
        let term = TermLookup.term(at: offset, in: path, snapshot: snapshot).flatMap { found -> Result? in
            guard !found.entries.isEmpty else { return nil }
            // "role" for a glossary that says "Role: See User Role": term-alias leaves the ordinary word
            // alone, and so does the hover (review: it said "Use User Role instead" for "an IAM role").
            let name = glossary.names[found.match.name]
            let isOrdinary = found.entries.contains { entry in
                glossary.entries[entry].preferredTerm.map { TermAliasRule.isOrdinaryWord(name.words, preferred: $0) } ?? false
            }
            let written = snapshot.document(path).map { $0.text.string(in: found.match.range) }
            return Result(markdown: EntryPresentation.markdown(found.entries, glossary: glossary, location: location, ordinaryWord: isOrdinary ? written : nil,
                                                               headingLine: snapshot.headingLine),
                          range: found.match.range)
        }
        // On the page title: the page's section and how it reads, above any term the title uses.
        if placement, let placement = PlacementHover.hover(at: offset, in: path, snapshot: snapshot) {
            return Result(markdown: placement.markdown + (term.map { "\n\n---\n\n" + $0.markdown } ?? ""), range: term?.range ?? placement.range)
        }
        return term
    }
}

/// A place in the workspace.
public struct WorkspaceLocation: Hashable, Sendable {
    public var file: String
    public var range: ByteRange

    public init(file: String, range: ByteRange) {
        self.file = file
        self.range = range
    }
}

/// Go to definition: from a use to the glossary entries it may mean.
public enum DefinitionFeature {
    public static func definitions(at offset: Int, in path: String, snapshot: WorkspaceSnapshot) -> [WorkspaceLocation] {
        guard let found = TermLookup.term(at: offset, in: path, snapshot: snapshot) else { return [] }
        return found.entries.map { index in
            let entry = snapshot.glossary.entries[index]
            return WorkspaceLocation(file: entry.file, range: entry.termRange)
        }
    }
}

/// Find references: every use of an entry's names across the workspace, open and closed files. A use
/// of a name several entries have as their term belongs to the entry `UseResolver` says it means, and
/// to none of them when it is ambiguous.
public enum ReferencesFeature {
    /// The entry at `offset`: its own term in a glossary, or the use under the cursor (its best entry).
    public static func entry(at offset: Int, in path: String, snapshot: WorkspaceSnapshot) -> Int? {
        entries(at: offset, in: path, snapshot: snapshot).first
    }

    /// The entries at `offset`: its own term in a glossary, or the entry the use under the cursor
    /// means; every entry sharing the name when the use is ambiguous between them.
    public static func entries(at offset: Int, in path: String, snapshot: WorkspaceSnapshot) -> [Int] {
        if let entry = TermLookup.entryDefinition(at: offset, in: path, snapshot: snapshot) { return [entry] }
        guard let found = TermLookup.term(at: offset, in: path, snapshot: snapshot), let best = found.entries.first,
              let document = snapshot.document(path) else { return [] }
        var resolver = UseResolver(path: path, document: document, snapshot: snapshot)
        if case .ambiguous(let candidates)? = resolver.meaning(of: found.match) { return candidates }
        return [best]
    }

    public static func references(toEntry entry: Int, snapshot: WorkspaceSnapshot, includeDeclaration: Bool = false) -> [WorkspaceLocation] {
        references(toEntries: [entry], snapshot: snapshot, includeDeclaration: includeDeclaration)
    }

    /// The uses of any of `entries` (each once), after their definitions when `includeDeclaration`.
    public static func references(toEntries entries: [Int], snapshot: WorkspaceSnapshot, includeDeclaration: Bool = false) -> [WorkspaceLocation] {
        var result: [WorkspaceLocation] = []
        if includeDeclaration {
            for entry in entries {
                let definition = snapshot.glossary.entries[entry]
                result.append(WorkspaceLocation(file: definition.file, range: definition.termRange))
            }
        }
        forEachUse(ofEntries: Set(entries), snapshot: snapshot, ordered: true) { path, range in result.append(WorkspaceLocation(file: path, range: range)) }
        return result
    }

    /// How many uses `references` would list (for the hover on an entry's own term), without building
    /// them or putting the documents in order.
    public static func useCount(ofEntry entry: Int, snapshot: WorkspaceSnapshot) -> Int {
        var count = 0
        forEachUse(ofEntries: [entry], snapshot: snapshot, ordered: false) { _, _ in count += 1 }
        return count
    }

    /// Whether `range` overlaps one of `sorted` (ranges in file order that do not overlap each
    /// other): a binary search, since a glossary of thousands of entries has as many headings.
    static func overlapsAny(_ range: ByteRange, sorted: [ByteRange]) -> Bool {
        var low = 0, high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle].upperBound <= range.lowerBound { low = middle + 1 } else { high = middle }
        }
        return low < sorted.count && sorted[low].overlaps(range)
    }

    /// Document highlights: the uses in `path` of the entry at `offset` (see `entries(at:in:snapshot:)`),
    /// and its term when `path` is the glossary that defines it, in text order.
    public static func highlights(at offset: Int, in path: String, snapshot: WorkspaceSnapshot) -> [(range: ByteRange, isDefinition: Bool)] {
        let entries = entries(at: offset, in: path, snapshot: snapshot)
        guard !entries.isEmpty else { return [] }
        var result: [(range: ByteRange, isDefinition: Bool)] = []
        for entry in entries {
            let definition = snapshot.glossary.entries[entry]
            if definition.file == path { result.append((definition.termRange, true)) }
        }
        forEachUse(ofEntries: Set(entries), snapshot: snapshot, ordered: true, in: [path]) { _, range in result.append((range, false)) }
        return result.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// Calls `body` for every use of one of the entries' names that belongs to one of them, in `paths`
    /// (every document when nil; in path order when `ordered`).
    static func forEachUse(ofEntries entries: Set<Int>, snapshot: WorkspaceSnapshot, ordered: Bool, in paths: [String]? = nil, _ body: (String, ByteRange) -> Void) {
        let glossary = snapshot.glossary
        // Which names mean one of the entries, by name index: one array lookup per match. A name that
        // several entries have as their term is resolved use by use when one of them is asked for.
        var isName = [Bool](repeating: false, count: glossary.names.count)
        var isShared = [Bool](repeating: false, count: glossary.names.count)
        for index in glossary.names.indices where glossary.names[index].targets.contains(where: { entries.contains($0.entry) }) {
            isName[index] = true
            let competing = TermLookup.competingEntries(forName: index, in: glossary)
            // Asked for an entry that has the name only as an alias, or for every entry sharing it: every use counts.
            isShared[index] = competing.contains(where: entries.contains) && !competing.allSatisfy(entries.contains)
        }
        for path in paths ?? (ordered ? snapshot.sortedPaths : Array(snapshot.documents.keys)) {
            // Entry headings in a glossary are definitions, not uses (nor is a qualifier written in one).
            let headings = snapshot.isGlossary(path) ? glossary.entries(inFile: path).map { glossary.entries[$0].termRange } : []
            var resolver: UseResolver?
            for match in snapshot.termMatches(in: path) where isName[match.name] {
                if !headings.isEmpty && overlapsAny(match.range, sorted: headings) { continue }
                if isShared[match.name] {
                    if resolver == nil, let document = snapshot.document(path) { resolver = UseResolver(path: path, document: document, snapshot: snapshot) }
                    guard case .entry(let meant)? = resolver?.meaning(of: match), entries.contains(meant) else { continue }
                }
                body(path, match.range)
            }
        }
    }
}

/// Document and workspace symbols.
public enum SymbolsFeature {
    public enum Kind: Sendable { case heading(level: Int), term, page }

    public struct Symbol: Sendable {
        public var name: String
        public var detail: String?
        public var kind: Kind
        public var file: String
        /// The whole symbol (a heading's section, an entry's text).
        public var range: ByteRange
        /// What to select (the heading's text, the term).
        public var selectionRange: ByteRange
        public var children: [Symbol]
    }

    /// Headings as a tree; in a glossary file, its entries (a flat list in file order).
    public static func documentSymbols(in path: String, snapshot: WorkspaceSnapshot) -> [Symbol] {
        guard let document = snapshot.document(path) else { return [] }
        if snapshot.isGlossary(path) {
            let entries = snapshot.glossary.entries.filter { $0.file == path }
            if !entries.isEmpty {
                return entries.map { entry in
                    Symbol(name: entry.displayName, detail: entry.senses.first.map { String(MarkdownText.plainText($0).prefix(80)) },
                           kind: .term, file: path, range: entry.range, selectionRange: entry.termRange, children: [])
                }
            }
        }
        var roots: [Symbol] = []
        var stack: [(level: Int, symbol: Symbol)] = []
        func close(downTo level: Int) {
            while let last = stack.last, last.level >= level {
                stack.removeLast()
                if stack.isEmpty { roots.append(last.symbol) } else { stack[stack.count - 1].symbol.children.append(last.symbol) }
            }
        }
        for heading in document.markdown.headings {
            close(downTo: heading.level)
            let symbol = Symbol(name: MarkdownText.plainText(heading.text), detail: nil, kind: .heading(level: heading.level), file: path,
                                range: heading.sectionRange, selectionRange: heading.textRange, children: [])
            stack.append((heading.level, symbol))
        }
        close(downTo: 0)
        return roots
    }

    /// Glossary terms and page titles matching a query (fuzzy; everything for an empty query).
    public static func workspaceSymbols(query: String, snapshot: WorkspaceSnapshot, limit: Int = 500) -> [Symbol] {
        var scored: [(Int, Symbol)] = []
        let glossary = snapshot.glossary
        for entry in glossary.entries {
            guard let score = FuzzyScore.score(query: query, candidate: entry.displayName) else { continue }
            scored.append((score + 5, Symbol(name: entry.displayName, detail: "glossary", kind: .term, file: entry.file, range: entry.range, selectionRange: entry.termRange, children: [])))
        }
        for path in snapshot.sortedPaths {
            guard let document = snapshot.document(path), let title = document.markdown.title else { continue }
            let plain = MarkdownText.plainText(title)
            guard let score = FuzzyScore.score(query: query, candidate: plain) else { continue }
            // The symbol is where its name is written: the front-matter `title:` entry, or the heading.
            let selection: ByteRange
            switch document.markdown.titleSource {
            case .frontMatter(let entry):
                // From the key to the end of the value, its closing quote included (`title: "Setup"`).
                let value = entry.quotedValueRange(in: document.text.bytes) ?? entry.valueRange
                selection = entry.keyRange.lowerBound..<max(entry.keyRange.upperBound, value.upperBound)
            case .heading(let heading): selection = heading.textRange
            case nil: continue
            }
            scored.append((score, Symbol(name: plain, detail: path, kind: .page, file: path, range: 0..<document.text.count, selectionRange: selection, children: [])))
        }
        return scored.sorted { $0.0 > $1.0 }.prefix(limit).map(\.1)
    }
}

/// Case-insensitive subsequence scoring for symbol search.
enum FuzzyScore {
    static func score(query: String, candidate: String) -> Int? {
        let typed = Array(query.lowercased().utf8).filter { $0 != 0x20 }
        if typed.isEmpty { return 0 }
        let name = Array(candidate.lowercased().utf8)
        if name.starts(with: typed) { return 1000 - name.count }
        var score = 0
        var index = 0
        for byte in typed {
            var found = false
            while index < name.count {
                let atStart = index == 0 || name[index - 1] == 0x20
                index += 1
                if name[index - 1] == byte { score += atStart ? 10 : 1; found = true; break }
            }
            if !found { return nil }
        }
        return score
    }
}
