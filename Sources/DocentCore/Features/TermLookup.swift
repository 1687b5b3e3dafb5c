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
        return Found(match: match, entries: rankByContext(targets, around: match.range, in: document, glossary: snapshot.glossary))
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
    static func rankByContext(_ entries: [Int], around range: ByteRange, in document: WorkspaceDocument, glossary: Glossary) -> [Int] {
        guard entries.count > 1 else { return entries }
        let bytes = document.text.bytes
        let nearby = max(0, range.lowerBound - 400)..<min(bytes.count, range.upperBound + 400)
        // Bytes only: a hover must not copy or lower-case a 200 KB page.
        func score(_ index: Int) -> Int {
            let entry = glossary.entries[index]
            var words = (entry.qualifier ?? "").lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init)
            words = words.filter { $0.count > 3 && !["plugin", "backstage", "core"].contains($0) }
            var total = 0
            for word in words {
                let phrase = [Array(word.utf8)]
                if PhraseSearch.occurs(phrase, in: bytes, range: nearby) { total += 10 }
                if PhraseSearch.occurs(phrase, in: bytes, range: 0..<bytes.count) { total += 3 }
            }
            // An entry that is the term itself beats one the name is only an alias of.
            return total
        }
        return entries.enumerated().sorted { lhs, rhs in
            let left = score(lhs.element), right = score(rhs.element)
            return left != right ? left > right : lhs.offset < rhs.offset
        }.map(\.element)
    }
}

/// Hover: the definitions of the term under the cursor, or on a glossary entry's own term, the entry
/// and how often the workspace uses it.
public enum HoverFeature {
    public struct Result: Sendable {
        public var markdown: String
        public var range: ByteRange
    }

    public static func hover(at offset: Int, in path: String, snapshot: WorkspaceSnapshot, location: (String, Int) -> String) -> Result? {
        let glossary = snapshot.glossary
        if let entry = TermLookup.entryDefinition(at: offset, in: path, snapshot: snapshot) {
            let uses = ReferencesFeature.useCount(ofEntry: entry, snapshot: snapshot)
            let text = EntryPresentation.markdown(glossary.entries[entry], glossary: glossary, location: location)
            let summary = uses == 1 ? "Used once in the workspace." : "Used \(uses) times in the workspace."
            return Result(markdown: text + "\n\n" + summary, range: glossary.entries[entry].termRange)
        }
        let term = TermLookup.term(at: offset, in: path, snapshot: snapshot).flatMap { found in
            found.entries.isEmpty ? nil : Result(markdown: EntryPresentation.markdown(found.entries, glossary: glossary, location: location), range: found.match.range)
        }
        // On the page title: the page's section and how it reads, above any term the title uses.
        if let placement = PlacementHover.hover(at: offset, in: path, snapshot: snapshot) {
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

/// Find references: every use of an entry's names across the workspace, open and closed files.
public enum ReferencesFeature {
    /// The entry at `offset`: its own term in a glossary, or the use under the cursor (its best entry).
    public static func entry(at offset: Int, in path: String, snapshot: WorkspaceSnapshot) -> Int? {
        if let entry = TermLookup.entryDefinition(at: offset, in: path, snapshot: snapshot) { return entry }
        return TermLookup.term(at: offset, in: path, snapshot: snapshot)?.entries.first
    }

    public static func references(toEntry entry: Int, snapshot: WorkspaceSnapshot, includeDeclaration: Bool = false) -> [WorkspaceLocation] {
        var result: [WorkspaceLocation] = []
        if includeDeclaration {
            let definition = snapshot.glossary.entries[entry]
            result.append(WorkspaceLocation(file: definition.file, range: definition.termRange))
        }
        forEachUse(ofEntry: entry, snapshot: snapshot, ordered: true) { path, range in result.append(WorkspaceLocation(file: path, range: range)) }
        return result
    }

    /// How many uses `references` would list (for the hover on an entry's own term), without building
    /// them or putting the documents in order.
    public static func useCount(ofEntry entry: Int, snapshot: WorkspaceSnapshot) -> Int {
        var count = 0
        forEachUse(ofEntry: entry, snapshot: snapshot, ordered: false) { _, _ in count += 1 }
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

    /// Document highlights: the uses in `path` of the entry at `offset` (see `entry(at:in:snapshot:)`),
    /// and its term when `path` is the glossary that defines it, in text order.
    public static func highlights(at offset: Int, in path: String, snapshot: WorkspaceSnapshot) -> [(range: ByteRange, isDefinition: Bool)] {
        guard let entry = entry(at: offset, in: path, snapshot: snapshot) else { return [] }
        var result: [(range: ByteRange, isDefinition: Bool)] = []
        let definition = snapshot.glossary.entries[entry]
        if definition.file == path { result.append((definition.termRange, true)) }
        forEachUse(ofEntry: entry, snapshot: snapshot, ordered: true, in: [path]) { _, range in result.append((range, false)) }
        return result.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// Calls `body` for every use of the entry's names, in `paths` (every document when nil; in path
    /// order when `ordered`).
    static func forEachUse(ofEntry entry: Int, snapshot: WorkspaceSnapshot, ordered: Bool, in paths: [String]? = nil, _ body: (String, ByteRange) -> Void) {
        let glossary = snapshot.glossary
        // Which names mean the entry, by name index: one array lookup per match.
        var isName = [Bool](repeating: false, count: glossary.names.count)
        for index in glossary.names.indices where glossary.names[index].targets.contains(where: { $0.entry == entry }) { isName[index] = true }
        for path in paths ?? (ordered ? snapshot.sortedPaths : Array(snapshot.documents.keys)) {
            // Entry headings in a glossary are definitions, not uses (nor is a qualifier written in one).
            let headings = snapshot.isGlossary(path) ? glossary.entries(inFile: path).map { glossary.entries[$0].termRange } : []
            for match in snapshot.termMatches(in: path) where isName[match.name] {
                if !headings.isEmpty && overlapsAny(match.range, sorted: headings) { continue }
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
            let selection = (document.markdown.headings.first { $0.level == 1 } ?? document.markdown.headings.first)?.textRange ?? 0..<0
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
