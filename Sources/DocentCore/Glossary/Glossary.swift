import Synchronization
/// What a name in the glossary points at: an entry, by its term or by one of its aliases.
public struct TermTarget: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case term
        case alias(AliasKind)
    }
    public var entry: Int
    public var kind: Kind

    public var isAlias: Bool { if case .alias = kind { return true } else { return false } }
}

/// A distinct name (term or alias) the matcher looks for, with every entry it may mean.
public struct GlossaryName: Hashable, Sendable {
    /// The spelling the glossary gives (the first one seen, for names several entries share).
    public var text: String
    public var words: [[UInt8]]
    /// The symbols a use writes besides the words (".NET", "C++", "CI/CD"); plain for most names.
    public var shape: NameShape = .plain
    public var targets: [TermTarget]
    /// `text` as a use writes it: without punctuation around the name that no use includes
    /// ("Backstage, Inc." is used as "Backstage, Inc", before the sentence's own period).
    public var spelling: String

    public init(text: String, words: [[UInt8]], shape: NameShape = .plain, targets: [TermTarget], spelling: String? = nil) {
        self.text = text
        self.words = words
        self.shape = shape
        self.targets = targets
        self.spelling = spelling ?? text
    }
}

/// What makes two spellings one name: the same words, joined and surrounded by the same symbols.
struct NameKey: Hashable {
    var words: [[UInt8]]
    var shape: NameShape
}

/// Every glossary file of a workspace merged into one: entries, the names they are known by, and the
/// index the matcher walks.
public struct Glossary: Sendable {
    public private(set) var files: [GlossaryFile]
    public private(set) var entries: [GlossaryEntry]
    public private(set) var names: [GlossaryName]
    let trie: WordTrie
    let completionIndex: CompletionIndex
    /// Equal for two glossaries whose names have the same words in the same order, which is all term
    /// matching reads: a document's matches stay valid across a glossary edit that changes only
    /// definitions, so only what depends on the change is re-checked.
    public let matchingKey: Int
    /// Names by their words alone, in the glossary's order: ".NET" under `net`, "CI/CD" under `ci cd`.
    private var namesByWords: [[[UInt8]]: [Int]] = [:]
    /// Entry indices per glossary file, sorted by position.
    private var entriesByFile: [String: [Int]] = [:]
    /// `lowercaseNames` and `capitalisedNames`, worked out on first use (a glossary is rebuilt on
    /// every keystroke in it).
    private let casingMemo = NameCasingMemo()

    public static let empty = Glossary(files: [])

    public init(files: [GlossaryFile]) {
        self.files = files
        var entries = files.flatMap(\.entries)
        // Redirect entries ("Scaffolder: Known as Software Templates") make their term a discouraged
        // alias of the preferred entry; abbreviation lines add their abbreviation to the entry they expand.
        let byTerm = Self.indexByTerm(entries)
        for index in entries.indices {
            let entry = entries[index]
            if let preferred = entry.preferredTerm, let target = Self.lookup(preferred, in: byTerm), target != index {
                // The redirect entry decides: "Scaffolder: Known as Blueprints" makes Scaffolder discouraged even
                // when the Blueprints entry also says "also known as the scaffolder".
                entries[target].aliases.removeAll { $0.name.lowercased() == entry.term.lowercased() }
                entries[target].aliases.append(GlossaryAlias(name: entry.term, kind: .discouraged, range: entry.termRange))
            }
            if entry.format == .abbreviations, let expansion = entry.expansion, let target = Self.lookup(expansion, in: byTerm), target != index {
                if !entries[target].aliases.contains(where: { $0.name.lowercased() == entry.term.lowercased() }) {
                    entries[target].aliases.append(GlossaryAlias(name: entry.term, kind: .aka, range: entry.termRange))
                }
                if entries[target].expansion == nil && DefinitionReader.isAbbreviation(entry.term) {
                    // The abbreviation file tells that the entry's term has an abbreviation.
                }
            }
        }
        self.entries = entries
        var names: [GlossaryName] = []
        var nameIndex: [NameKey: Int] = [:]
        func add(_ text: String, _ target: TermTarget) {
            let (words, shape, spelling) = WordTokenizer.wordsShapeAndSpelling(text)
            guard !words.isEmpty else { return }
            let key = NameKey(words: words, shape: shape)
            if let existing = nameIndex[key] {
                if !names[existing].targets.contains(target) { names[existing].targets.append(target) }
            } else {
                nameIndex[key] = names.count
                names.append(GlossaryName(text: text, words: words, shape: shape, targets: [target], spelling: spelling))
            }
        }
        for (index, entry) in entries.enumerated() {
            add(entry.term, TermTarget(entry: index, kind: .term))
        }
        for (index, entry) in entries.enumerated() {
            for alias in entry.aliases { add(alias.name, TermTarget(entry: index, kind: .alias(alias.kind))) }
        }
        // Terms first: for a name that is both a term and an alias, the term's entries come first.
        for index in names.indices {
            names[index].targets.sort { lhs, rhs in
                if lhs.isAlias != rhs.isAlias { return !lhs.isAlias }
                return lhs.entry < rhs.entry
            }
        }
        self.names = names
        for (index, name) in names.enumerated() { namesByWords[name.words, default: []].append(index) }
        self.trie = WordTrie(names: names)
        self.completionIndex = CompletionIndex(names: names)
        var hasher = Hasher()
        hasher.combine(names.count)
        for name in names { hasher.combine(name.words); hasher.combine(name.shape) }
        self.matchingKey = hasher.finalize()
        for (index, entry) in entries.enumerated() { entriesByFile[entry.file, default: []].append(index) }
        for file in entriesByFile.keys { entriesByFile[file]!.sort { entries[$0].range.lowerBound < entries[$1].range.lowerBound } }
    }

    /// Names in Title Case that the glossary's own definitions write in lower case mid-sentence more
    /// often than with their capitals: common nouns ("entity", "user role") that the glossary heads
    /// in Title Case by habit, where a name the definitions keep capitalised ("Software Catalog") is a
    /// name. A fix or a completion writes such a name in lower case where the writer does.
    public var lowercaseNames: Set<Int> {
        casingMemo.value { Self.nameCasing(self) }.lowercase
    }

    /// Names in Title Case that the glossary's own definitions write mid-sentence with their capitals
    /// at least `capitalisedEvidence` times and never in lower case ("Backstage", 41 times in the
    /// Backstage glossary): proper names, as `properNames` would make them, so term-casing flags
    /// "backstage" in prose.
    public var capitalisedNames: Set<Int> {
        casingMemo.value { Self.nameCasing(self) }.capitalised
    }

    static let capitalisedEvidence = 3

    /// Whether the term of `entry` is written in lower case where the writer writes lower case: a
    /// name in `lowercaseNames` that is not a proper name (`properNames` in docent.json, or a
    /// `proper-name` tag).
    public func isLowercaseName(ofEntry entry: Int, properNames: [String]) -> Bool {
        let term = entries[entry].term
        let (words, shape) = WordTokenizer.normalizedWordsAndShape(term)
        guard let name = trie.lookup(words, shape: shape), lowercaseNames.contains(Int(name)) else { return false }
        if properNames.contains(where: { $0.lowercased() == term.lowercased() }) { return false }
        return !entries[entry].isTaggedProperName
    }

    static func nameCasing(_ glossary: Glossary) -> NameCasing {
        var lower: [Int: Int] = [:]
        var capitalised: [Int: Int] = [:]
        for entry in glossary.entries {
            for definition in entry.senses + (entry.details.map { [$0] } ?? []) {
                let text = SourceText(definition)
                let bytes = text.bytes
                for match in TermMatcher.matches(inPlainRange: 0..<bytes.count, of: text, glossary: glossary) {
                    let spelling = glossary.names[match.name].spelling
                    guard TermSpelling.hasUppercase(spelling), !TermSpelling.isSpecial(spelling) else { continue }
                    // Mid-sentence: after a word or a comma, markup and brackets aside ("a [user role](…)").
                    var before = match.range.lowerBound - 1
                    while before >= 0, [0x20, 0x0A, 0x0D, 0x09, 0x5B, 0x28, 0x2A, 0x5F, 0x22, 0x60].contains(bytes[before]) { before -= 1 }
                    guard before >= 0, ByteClass.isASCIIAlphanumeric(bytes[before]) || bytes[before] == UInt8(ascii: ",") || bytes[before] >= 0x80 else { continue }
                    let written = text.string(in: match.range.lowerBound..<(match.range.upperBound - match.inflectionLength))
                        .split(whereSeparator: \.isWhitespace).joined(separator: " ")
                    if !TermSpelling.hasUppercase(written) {
                        lower[match.name, default: 0] += 1
                    } else if written == spelling {
                        capitalised[match.name, default: 0] += 1
                    }
                }
            }
        }
        return NameCasing(lowercase: Set(lower.filter { $0.value > capitalised[$0.key, default: 0] }.keys),
                          capitalised: Set(capitalised.filter { $0.value >= capitalisedEvidence && lower[$0.key] == nil }.keys))
    }

    /// Entries by their term: by words and symbols, and by words alone for a name written without
    /// its symbols ("Known as net" for ".NET"; "See C" for nothing when the glossary has C++ and C#).
    struct TermIndex {
        var exact: [NameKey: Int] = [:]
        var byWords: [[[UInt8]]: [Int]] = [:]
    }

    static func indexByTerm(_ entries: [GlossaryEntry]) -> TermIndex {
        var result = TermIndex()
        for (index, entry) in entries.enumerated() where entry.preferredTerm == nil {
            let (words, shape) = WordTokenizer.normalizedWordsAndShape(entry.term)
            let key = NameKey(words: words, shape: shape)
            if result.exact[key] == nil { result.exact[key] = index }
            // One entry per shape: the first of a term defined twice stands for it, as in `exact`.
            if result.exact[key] == index { result.byWords[words, default: []].append(index) }
        }
        return result
    }

    static func lookup(_ name: String, in index: TermIndex) -> Int? {
        let (words, shape) = WordTokenizer.normalizedWordsAndShape(name)
        // "User Roles" finds "User Role", "policies" finds "Policy".
        let candidates = [words] + singularForms(of: words)
        for candidate in candidates {
            if let found = index.exact[NameKey(words: candidate, shape: shape)] { return found }
        }
        for candidate in candidates {
            if let found = index.byWords[candidate] { return found.count == 1 ? found[0] : nil }
        }
        return nil
    }

    /// The entry a name refers to ("software templates", "Scaffolder", "the user role"), preferring
    /// entries whose term it is over entries it is an alias of. The name's symbols decide first ("C++"
    /// is not C#); a name written without them, or with others, finds the names with its words ("net"
    /// finds .NET, "CI CD" and "CI-CD" find CI/CD, "C" finds both C++ and C# when there is no C).
    public func entries(named name: String) -> [Int] {
        let (words, shape) = WordTokenizer.normalizedWordsAndShape(name)
        var forms = [(words: words, shape: shape)]
        // "the user role" is the User Role, when no name starts with the article itself ("A record",
        // "The Hub", "A/B testing" are found as written); "the .NET" is .NET.
        if let first = words.first, words.count > 1, shape.prefix.isEmpty, ["the", "a", "an"].contains(String(decoding: first, as: UTF8.self)) {
            var rest = shape
            let gap = rest.gaps.isEmpty ? [] : rest.gaps.removeFirst()
            if gap.allSatisfy(NameShape.isPrefixSymbol) {
                rest.prefix = gap
                if !rest.hasGaps { rest.gaps = [] }
                forms.append((Array(words.dropFirst()), rest))
            }
        }
        func targets(of names: [Int]) -> [Int] { names.flatMap { self.names[$0].targets.map(\.entry) }.uniqued() }
        // A plural ("user roles", "policies") finds the singular name, as it does in prose.
        for form in forms {
            for candidate in [form.words] + Self.singularForms(of: form.words) {
                if let found = trie.lookup(candidate, shape: form.shape) { return targets(of: [found]) }
            }
        }
        for form in forms {
            for candidate in [form.words] + Self.singularForms(of: form.words) {
                if let found = namesByWords[candidate] { return targets(of: found) }
            }
        }
        // A qualifier in the name ("Resource (catalog plugin)") narrows the result.
        let (term, qualifier, _) = DefinitionReader.splitTerm(name)
        if let qualifier, case let (termWords, termShape) = WordTokenizer.normalizedWordsAndShape(term),
           let found = trie.lookup(termWords, shape: termShape).map({ [$0] }) ?? namesByWords[termWords] {
            let narrowed = targets(of: found).filter { entries[$0].qualifier?.lowercased() == qualifier.lowercased() }
            if !narrowed.isEmpty { return narrowed }
        }
        return []
    }

    /// The words of a plural name with its last word made singular: `ies` → `y`, then without `es`, then
    /// without `s` (the same inflections the term matcher accepts in prose).
    static func singularForms(of words: [[UInt8]]) -> [[[UInt8]]] {
        guard let last = words.last, last.count >= 3, last.last == UInt8(ascii: "s") else { return [] }
        var forms: [[UInt8]] = []
        if last.count >= 4 && last.suffix(3).elementsEqual("ies".utf8) { forms.append(Array(last.dropLast(3)) + [UInt8(ascii: "y")]) }
        if last.count >= 4 && last.suffix(2).elementsEqual("es".utf8) { forms.append(Array(last.dropLast(2))) }
        forms.append(Array(last.dropLast()))
        return forms.map { Array(words.dropLast()) + [$0] }
    }

    /// Entries defined in `file`.
    public func entries(inFile file: String) -> [Int] {
        entriesByFile[file] ?? []
    }

    /// The entry of `file` whose text holds `offset` (binary search; entries of a file do not overlap).
    public func entry(containing offset: Int, inFile file: String) -> Int? {
        guard let sorted = entriesByFile[file], !sorted.isEmpty else { return nil }
        var low = 0, high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if entries[sorted[middle]].range.lowerBound <= offset { low = middle + 1 } else { high = middle }
        }
        guard low > 0 else { return nil }
        let candidate = sorted[low - 1]
        return entries[candidate].range.contains(offset) ? candidate : nil
    }

    public func file(_ path: String) -> GlossaryFile? { files.first { $0.path == path } }
}

extension Array where Element: Hashable {
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}

/// A value worked out once for a glossary and shared by its copies (a glossary never changes).
final class NameCasingMemo: Sendable {
    private let stored = Mutex<NameCasing?>(nil)

    func value(_ compute: () -> NameCasing) -> NameCasing {
        if let known = stored.withLock({ $0 }) { return known }
        let computed = compute()
        stored.withLock { $0 = computed }
        return computed
    }
}

/// How a glossary's own definitions write its Title Case names (`Glossary.lowercaseNames`, `capitalisedNames`).
struct NameCasing: Sendable {
    var lowercase: Set<Int>
    var capitalised: Set<Int>
}
