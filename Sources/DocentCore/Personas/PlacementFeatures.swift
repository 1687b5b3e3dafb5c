/// What the placement classifier reads from one document, computed once per document text in one
/// pass over its bytes: weighted term frequencies (for the profiles learned from the workspace) and
/// the built-in persona signals found, both split by `##` part.
///
/// Stored compactly, since the language server keeps the features of every document: the page's
/// terms once (their hashes and summed weights), each part's as indices into them with its weights,
/// all parts' in one flat array. Where a term first occurs is not kept; `FeatureExtractor.extractRaw`
/// finds it again for the few messages that name words.
public struct PageFeatures: Sendable {
    /// A term's weighted frequency and where it first occurs (to name it in messages).
    public struct TermStat: Sendable {
        public var weight: Float
        public var firstStart: Int32
        public var firstLength: Int32
    }

    /// One `##` part of the page (or the part before the first `##`, `headingIndex` nil).
    public struct Part: Sendable {
        var storedHeading: Int32
        var start: Int32
        var end: Int32
        var storedWordCount: Int32
        var storedCodeWordCount: Int32
        /// `PageFeatures.partTerms[termStart..<termEnd]`.
        var termStart: Int32
        var termEnd: Int32
        /// `PageFeatures.partHits[hitStart..<hitEnd]`.
        var hitStart: Int32
        var hitEnd: Int32

        /// Index into `MarkdownDocument.headings`; nil for the preamble.
        public var headingIndex: Int? { storedHeading < 0 ? nil : Int(storedHeading) }
        public var range: ByteRange { Int(start)..<Int(end) }
        /// Words of prose (code excluded).
        public var wordCount: Int { Int(storedWordCount) }
        /// Words in inline code and code blocks.
        public var codeWordCount: Int { Int(storedCodeWordCount) }
        /// The length the part rule judges (`PageFeatures.judgedLength`).
        public var judgedWordCount: Int { PageFeatures.judgedLength(words: wordCount, code: codeWordCount) }
        var termRange: Range<Int> { Int(termStart)..<Int(termEnd) }
    }

    /// One occurrence of a built-in or configured signal.
    public struct SignalHit: Hashable, Sendable {
        /// Index into `SignalTable.signals`.
        public var signal: Int32
        var start: Int32
        var end: Int32
        /// The occurrence's weight from where it stands (title, heading, prose, code).
        public var placeWeight: Float

        public var range: ByteRange { Int(start)..<Int(end) }

        init(signal: Int32, range: ByteRange, placeWeight: Float) {
            self.signal = signal
            start = Int32(truncatingIfNeeded: range.lowerBound)
            end = Int32(truncatingIfNeeded: range.upperBound)
            self.placeWeight = placeWeight
        }
    }

    public let parts: [Part]
    public let hits: [SignalHit]
    /// The page's terms (every part's), in the order the page's hash table of them holds them — the
    /// order in which the model numbers its vocabulary, so it must not change.
    let keys: [UInt64]
    /// The page's weight of each term of `keys`: the parts' weights summed in part order.
    let weights: [Float]
    /// Every part's terms, part by part: indices into `keys`, and the part's weights.
    let partTerms: [UInt32]
    let partWeights: [Float]
    /// Every part's hits, part by part: indices into `hits`.
    let partHits: [Int32]
    public let wordCount: Int
    /// Words in inline code and code blocks, every part's.
    public let codeWordCount: Int
    /// The length the page rule judges: words of prose, and code at a quarter (as for a `##` part), so
    /// that a short page of configuration is judged by what its code does.
    public var judgedWordCount: Int { Self.judgedLength(words: wordCount, code: codeWordCount) }

    /// Words of prose, and words of code at a quarter: the one length both placement rules judge.
    public static func judgedLength(words: Int, code: Int) -> Int { words + code / 4 }

    /// How many distinct terms the page has.
    public var termCount: Int { keys.count }

    /// The page's weight of the term with hash `key` (a linear search: for tests and rare lookups).
    public func weight(of key: UInt64) -> Float? {
        keys.firstIndex(of: WordHashMap<Float>.stored(key)).map { weights[$0] }
    }

    /// A part's weight of the term with hash `key` (a linear search).
    public func weight(of key: UInt64, inPart part: Int) -> Float? {
        let stored = WordHashMap<Float>.stored(key)
        for position in parts[part].termRange where keys[Int(partTerms[position])] == stored { return partWeights[position] }
        return nil
    }

    /// The indices into `hits` of a part's hits, in the order they were found.
    public func hitIndices(ofPart part: Int) -> [Int] {
        partHits[Int(parts[part].hitStart)..<Int(parts[part].hitEnd)].map { Int($0) }
    }

    /// Compacts the parts an extraction filled.
    init(raw: [RawPart], hits: [SignalHit]) {
        self.hits = Self.exact(hits)
        var totalPartTerms = 0
        var totalHits = 0
        for part in raw {
            totalPartTerms += part.terms.count
            totalHits += part.hits.count
        }
        // The page's terms in the slot order of the table that summing the parts builds (sized for
        // every part's terms, filled part by part in each part's slot order, never grown): the order
        // the model has always numbered its vocabulary in. The table's slots are laid out here
        // directly; each part's entry first records its key's slot, then the key's rank.
        var keys: [UInt64] = []
        var weights: [Float] = []
        var partTerms: [UInt32] = []
        var partWeights: [Float] = []
        partTerms.reserveCapacity(totalPartTerms)
        partWeights.reserveCapacity(totalPartTerms)
        if raw.count == 1 {
            keys.reserveCapacity(raw[0].terms.count)
            weights.reserveCapacity(raw[0].terms.count)
            raw[0].terms.forEachEntry { key, stat in
                partTerms.append(UInt32(truncatingIfNeeded: keys.count))
                partWeights.append(stat.weight)
                keys.append(key)
                weights.append(stat.weight)
            }
        } else if raw.count > 1 {
            let size = WordHashMap<TermStat>.tableSize(capacity: totalPartTerms)
            let shift = UInt64(64 - size.trailingZeroBitCount)
            let mask = size - 1
            var slots = filledArray(UInt64(0), count: size)
            var distinct = 0
            slots.withUnsafeMutableBufferPointer { slots in
                for part in raw {
                    part.terms.forEachEntry { key, stat in
                        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
                        while slots[slot] != 0 && slots[slot] != key { slot = (slot + 1) & mask }
                        if slots[slot] == 0 {
                            slots[slot] = key
                            distinct += 1
                        }
                        partTerms.append(UInt32(truncatingIfNeeded: slot))
                        partWeights.append(stat.weight)
                    }
                }
                keys.reserveCapacity(distinct)
                for slot in 0..<slots.count where slots[slot] != 0 {
                    let key = slots[slot]
                    slots[slot] = UInt64(keys.count)
                    keys.append(key)
                }
            }
            weights = filledArray(Float(0), count: keys.count)
            slots.withUnsafeBufferPointer { ranks in
                weights.withUnsafeMutableBufferPointer { weights in
                    partTerms.withUnsafeMutableBufferPointer { partTerms in
                        partWeights.withUnsafeBufferPointer { partWeights in
                            for position in 0..<partTerms.count {
                                let rank = Int(truncatingIfNeeded: ranks[Int(partTerms[position])])
                                partTerms[position] = UInt32(truncatingIfNeeded: rank)
                                weights[rank] += partWeights[position]
                            }
                        }
                    }
                }
            }
        }
        var partHits: [Int32] = []
        var parts: [Part] = []
        partHits.reserveCapacity(totalHits)
        parts.reserveCapacity(raw.count)
        var wordCount = 0
        var codeWordCount = 0
        var termStart = 0
        for part in raw {
            let termEnd = termStart + part.terms.count
            let hitStart = Int32(truncatingIfNeeded: partHits.count)
            for hit in part.hits { partHits.append(Int32(truncatingIfNeeded: hit)) }
            parts.append(Part(storedHeading: Int32(truncatingIfNeeded: part.headingIndex ?? -1),
                              start: Int32(truncatingIfNeeded: part.range.lowerBound), end: Int32(truncatingIfNeeded: part.range.upperBound),
                              storedWordCount: Int32(truncatingIfNeeded: part.wordCount), storedCodeWordCount: Int32(truncatingIfNeeded: part.codeWordCount),
                              termStart: Int32(truncatingIfNeeded: termStart), termEnd: Int32(truncatingIfNeeded: termEnd),
                              hitStart: hitStart, hitEnd: Int32(truncatingIfNeeded: partHits.count)))
            termStart = termEnd
            wordCount += part.wordCount
            codeWordCount += part.codeWordCount
        }
        self.keys = keys
        self.weights = weights
        self.partTerms = partTerms
        self.partWeights = partWeights
        self.partHits = partHits
        self.parts = parts
        self.wordCount = wordCount
        self.codeWordCount = codeWordCount
    }

    /// `array` in storage of exactly its size (arrays grow by doubling; long-lived ones should not keep the slack).
    static func exact<Element>(_ array: [Element]) -> [Element] {
        guard array.capacity > array.count else { return array }
        var copy: [Element] = []
        copy.reserveCapacity(array.count)
        copy.append(contentsOf: array)
        return copy
    }

    /// A part as the extractor fills it: the part's terms in a hash table, with where each first occurs.
    struct RawPart {
        var headingIndex: Int?
        var range: ByteRange
        var terms: WordHashMap<TermStat>
        var wordCount: Int
        var codeWordCount: Int = 0
        var hits: [Int]
    }

    /// A whole page's terms with where each first occurs, as the parts' tables summed in part order.
    static func sum(_ parts: [RawPart]) -> WordHashMap<TermStat> {
        guard parts.count > 1 else { return parts.first?.terms ?? WordHashMap() }
        var result = WordHashMap<TermStat>(capacity: parts.reduce(0) { $0 + $1.terms.count })
        for part in parts {
            part.terms.forEachEntry { key, stat in
                result.update(key, initial: TermStat(weight: 0, firstStart: stat.firstStart, firstLength: stat.firstLength)) { $0.weight += stat.weight }
            }
        }
        return result
    }
}

/// The compiled signals of a persona catalog: phrases indexed by their last word so that a document
/// is matched against all of them in one pass.
public struct SignalTable: Sendable {
    public struct Signal: Sendable {
        public var persona: Int
        public var weight: Float
        public var scope: PersonaSignal.Scope
        public var label: String
    }

    struct Phrase: Sendable {
        var signal: Int32
        /// Word hashes before the gap (all words for a phrase without `…`).
        var prefix: [UInt64]
        /// Word hashes after the gap; empty for a phrase without `…`.
        var suffix: [UInt64]
    }

    public private(set) var signals: [Signal] = []
    /// Per signal, a number shared by the signals with the same persona and label (which merge as evidence).
    private(set) var labelGroups: [Int32] = []
    /// Phrases by the hash of their last word.
    private(set) var phrasesByLastWord = WordHashMap<[Phrase]>()
    /// Code block languages (lower-cased) to signals.
    private(set) var languages: [String: [Int32]] = [:]
    private(set) var environmentVariables: [Int32] = []
    private(set) var reactComponents: [Int32] = []

    /// A phrase in flat arrays (no references to retain per word): its words are
    /// `phraseWords[wordStart..<wordStart + prefixCount + suffixCount]`, the prefix first.
    struct FlatPhrase: Sendable {
        var signal: Int32
        var persona: Int32
        var scope: PersonaSignal.Scope
        var wordStart: Int32
        var prefixCount: Int32
        var suffixCount: Int32
    }

    /// What one lookup of a word tells the extractor: the phrases ending with it
    /// (`flatPhrases[phraseStart..<phraseStart + phraseCount]`) and whether it is a stop word.
    struct WordInfo: Sendable {
        var phraseStart: Int32 = 0
        var phraseCount: Int32 = 0
        var isStopWord = false
    }

    private(set) var flatPhrases: [FlatPhrase] = []
    private(set) var phraseWords: [UInt64] = []
    private(set) var words = WordHashMap<WordInfo>()
    /// Per signal, its persona.
    private(set) var signalPersonas: [Int32] = []

    public init(catalog: PersonaCatalog) {
        var groupOfLabel: [String: Int32] = [:]
        for (personaIndex, persona) in catalog.personas.enumerated() {
            groupOfLabel = [:]
            for signal in persona.signals {
                let index = Int32(signals.count)
                signals.append(Signal(persona: personaIndex, weight: Float(signal.weight), scope: signal.scope, label: signal.label))
                if let group = groupOfLabel[signal.label] {
                    labelGroups.append(group)
                } else {
                    groupOfLabel[signal.label] = index
                    labelGroups.append(index)
                }
                switch signal.scope {
                case .codeLanguage:
                    languages[signal.phrase.lowercased(), default: []].append(index)
                case .environmentVariables:
                    environmentVariables.append(index)
                case .reactComponents:
                    reactComponents.append(index)
                case .prose, .code, .anywhere:
                    let halves = signal.phrase.split(separator: "…", maxSplits: 1, omittingEmptySubsequences: false)
                    let prefix = PlacementTokenizer.wordHashes(String(halves[0]))
                    let suffix = halves.count > 1 ? PlacementTokenizer.wordHashes(String(halves[1])) : []
                    guard let last = suffix.last ?? prefix.last, !prefix.isEmpty,
                          prefix.count + suffix.count <= PlacementTokenizer.ringSize - PlacementTokenizer.maximumGap else { continue }
                    phrasesByLastWord.update(last, initial: []) { $0.append(Phrase(signal: index, prefix: prefix, suffix: suffix)) }
                }
            }
        }
        signalPersonas = signals.map { Int32($0.persona) }
        var words = WordHashMap<WordInfo>(capacity: phrasesByLastWord.count + PlacementTokenizer.stopWords.count)
        phrasesByLastWord.forEachEntry { key, phrases in
            var info = WordInfo(phraseStart: Int32(flatPhrases.count), phraseCount: Int32(phrases.count))
            info.isStopWord = PlacementTokenizer.stopWords[key] != nil
            for phrase in phrases {
                let definition = signals[Int(phrase.signal)]
                flatPhrases.append(FlatPhrase(signal: phrase.signal, persona: Int32(definition.persona), scope: definition.scope,
                                              wordStart: Int32(phraseWords.count), prefixCount: Int32(phrase.prefix.count),
                                              suffixCount: Int32(phrase.suffix.count)))
                phraseWords.append(contentsOf: phrase.prefix)
                phraseWords.append(contentsOf: phrase.suffix)
            }
            words[key] = info
        }
        PlacementTokenizer.stopWords.forEachEntry { key, _ in
            if words[key] == nil { words[key] = WordInfo(isStopWord: true) }
        }
        self.words = words
    }
}

/// Splits text into lower-cased, lightly stemmed words hashed with FNV-1a, without allocating per word.
///
/// A word is a run of ASCII letters, digits and `_`, or of non-ASCII characters other than general
/// punctuation and Latin-1 symbols (curly quotes, dashes, `›`, no-break spaces separate words). The
/// stem drops plural, `-ing`, `-ed` and final `-e` endings, so "deploys", "deploying" and "deployed"
/// count as one word.
public enum PlacementTokenizer {
    static let ringSize = 10
    static let maximumGap = 4
    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01B3
    /// Mixed into code words so that `import` in code and "import" in prose are different terms.
    static let codeSalt: UInt64 = 0x9E37_79B9_7F4A_7C15
    /// A salt for the language of a code block as a term.
    static let languageSalt: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    /// A salt for a glossary term used in the page, as one term however many words it has.
    static let glossarySalt: UInt64 = 0x1656_67B1_9E37_79F9

    struct Token {
        var start: Int
        var end: Int
        var hash: UInt64
        var isNumber: Bool
        /// Upper-case letters, digits and at least one `_` (`GITHUB_TOKEN`).
        var isUpperSnake: Bool
    }

    @inline(__always)
    static func isWordByte(_ byte: UInt8) -> Bool {
        ByteClass.isASCIIAlphanumeric(byte) || byte == UInt8(ascii: "_") || byte >= 0x80
    }

    /// The length of a non-ASCII separator (general punctuation U+2000–U+206F, Latin-1 symbols
    /// U+00A0–U+00BF) at `index`, or 0.
    @inline(__always)
    static func separatorLength(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int, _ end: Int) -> Int {
        let byte = bytes[index]
        if byte == 0xE2 && index + 2 < end && (bytes[index + 1] == 0x80 || bytes[index + 1] == 0x81) { return 3 }
        if byte == 0xC2 && index + 1 < end && bytes[index + 1] >= 0xA0 && bytes[index + 1] <= 0xBF { return 2 }
        return 0
    }

    /// Byte classes for the word scanner, one load per byte (ASCII; bytes ≥ 0x80 are word bytes
    /// unless they start a separator).
    static let wordByte: UInt8 = 1, digitByte: UInt8 = 2, lowerByte: UInt8 = 4, underscoreByte: UInt8 = 8, upperByte: UInt8 = 0x10
    static let byteClasses: [UInt8] = (0..<256).map { (value: Int) -> UInt8 in
        let byte = UInt8(value)
        if byte >= 0x80 { return wordByte }
        var flags: UInt8 = 0
        if ByteClass.isDigit(byte) { flags |= wordByte | digitByte }
        if byte >= 0x61 && byte <= 0x7A { flags |= wordByte | lowerByte }
        if byte >= 0x41 && byte <= 0x5A { flags |= wordByte | upperByte }
        if byte == UInt8(ascii: "_") { flags |= wordByte | underscoreByte }
        return flags
    }

    /// Room for a word's lower-cased bytes while it is stemmed; longer words are hashed unstemmed.
    static let scratchSize = 48
    static let longestStemmed = 40

    /// The next word of `index..<end` that counts (two bytes or more, not a number), moving `index` past
    /// it; nil at the end. Words that do not count are skipped without hashing. `scratch` holds
    /// `scratchSize` bytes; `classes` is `byteClasses`.
    @inline(__always)
    static func nextCountedToken(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int, _ end: Int,
                                 classes: UnsafePointer<UInt8>, scratch: UnsafeMutablePointer<UInt8>) -> Token? {
        while index < end {
            let byte = bytes[index]
            if byte < 0x80 {
                if classes[Int(byte)] == 0 { index += 1; continue }
            } else {
                let skip = separatorLength(bytes, index, end)
                if skip > 0 { index += skip; continue }
            }
            let start = index
            var all: UInt8 = 0xFF
            var any: UInt8 = 0
            var count = 0
            while index < end {
                let current = bytes[index]
                if current < 0x80 {
                    let flags = classes[Int(current)]
                    guard flags != 0 else { break }
                    all &= flags
                    any |= flags
                    if count < scratchSize { scratch[count] = current | ((flags & upperByte) << 1) }
                    count += 1
                    index += 1
                } else {
                    if separatorLength(bytes, index, end) > 0 { break }
                    all = 0
                    if count < scratchSize { scratch[count] = current }
                    count += 1
                    index += 1
                }
            }
            let isNumber = all & digitByte != 0
            guard count >= 2 && !isNumber else { continue }
            let hash: UInt64
            if count <= longestStemmed {
                hash = stemHash(scratch, count)
            } else {
                var value = offsetBasis
                for position in start..<index {
                    let current = bytes[position]
                    let lowered = current < 0x80 ? current | ((classes[Int(current)] & upperByte) << 1) : current
                    value = (value ^ UInt64(lowered)) &* prime
                }
                hash = value
            }
            return Token(start: start, end: index, hash: hash, isNumber: false,
                         isUpperSnake: any & underscoreByte != 0 && any & lowerByte == 0 && count >= 4)
        }
        return nil
    }

    /// Calls `body` for each word of `range` that counts (see `isCounted`).
    @inline(__always)
    static func forEachCountedToken(_ bytes: UnsafeBufferPointer<UInt8>, _ range: ByteRange, _ body: (Token) -> Void) {
        byteClasses.withUnsafeBufferPointer { classes in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: scratchSize) { scratch in
                var index = range.lowerBound
                while let token = nextCountedToken(bytes, &index, range.upperBound, classes: classes.baseAddress!, scratch: scratch.baseAddress!) {
                    body(token)
                }
            }
        }
    }

    /// The FNV-1a hash of the stem of a lower-cased word of at most `longestStemmed` bytes (the
    /// buffer is changed).
    @inline(__always)
    static func stemHash(_ word: UnsafeMutablePointer<UInt8>, _ length: Int) -> UInt64 {
        var count = length
        @inline(__always) func endsWith(_ a: UInt8, _ b: UInt8) -> Bool { count >= 2 && word[count - 2] == a && word[count - 1] == b }
        let s = UInt8(ascii: "s")
        if count > 4 && word[count - 1] == s && endsWith(UInt8(ascii: "e"), s) && word[count - 3] == UInt8(ascii: "i") {
            count -= 3; word[count] = UInt8(ascii: "y"); count += 1
        } else if count > 4 && word[count - 1] == s && word[count - 2] == s && word[count - 3] == UInt8(ascii: "e") && word[count - 4] == s {
            count -= 2
        } else if count > 3 && word[count - 1] == s && !endsWith(s, s) && !endsWith(UInt8(ascii: "u"), s) && !endsWith(UInt8(ascii: "i"), s) {
            count -= 1
        }
        // Endings come off only when a real stem is left ("thing", "based", "theme" stay whole, so
        // "theme" never meets "them").
        if count > 5 && word[count - 3] == UInt8(ascii: "i") && endsWith(UInt8(ascii: "n"), UInt8(ascii: "g")) {
            count -= 3
            undouble(word, &count)
        } else if count > 5 && endsWith(UInt8(ascii: "e"), UInt8(ascii: "d")) {
            count -= 2
            undouble(word, &count)
        }
        if count > 5 && word[count - 1] == UInt8(ascii: "e") { count -= 1 }
        var value = offsetBasis
        for index in 0..<count { value = (value ^ UInt64(word[index])) &* prime }
        return value
    }

    /// "runn" → "run" after an ending was removed (but "install", "pass", "buzz" keep their pair).
    @inline(__always)
    static func undouble(_ word: UnsafeMutablePointer<UInt8>, _ count: inout Int) {
        guard count >= 3 else { return }
        let last = word[count - 1]
        if last == word[count - 2] && ByteClass.isASCIILetter(last) && last != UInt8(ascii: "l") && last != UInt8(ascii: "s") && last != UInt8(ascii: "z") {
            count -= 1
        }
    }

    /// Words of one character and numbers are left out of terms and phrases.
    @inline(__always)
    static func isCounted(_ token: Token) -> Bool { token.end - token.start >= 2 && !token.isNumber }

    /// The stemmed word hashes of a phrase.
    public static func wordHashes(_ phrase: String) -> [UInt64] {
        let bytes = Array(phrase.utf8)
        var result: [UInt64] = []
        bytes.withUnsafeBufferPointer { buffer in
            forEachCountedToken(buffer, 0..<buffer.count) { result.append($0.hash) }
        }
        return result
    }

    /// Whether a stemmed word is too common to tell personas apart.
    static let stopWords: WordHashMap<Bool> = {
        let words = """
        a about above after again against all also am an and any are as at be because been before being below between both but by \
        can could did do does doing down during each few for from further had has have having he her here hers him his how i if in \
        into is it its itself just let like may me might more most must my no nor not now of off on once only or other our ours out \
        over own same she should so some such than that the their theirs them then there these they this those through to too under \
        until up very was we were what when where which while who whom why will with would you your yours yourself e.g i.e etc via \
        one two first new use used using need needs make makes see way ways want get gets set sets well many much even still \
        within without across per often example examples following follow note thing things way however instead already
        """
        var result = WordHashMap<Bool>(capacity: 256)
        for word in words.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            for hash in wordHashes(String(word)) { result[hash] = true }
        }
        return result
    }()
}

/// Reads a document's placement features.
public enum FeatureExtractor {
    /// Where a word stands, which sets how much it counts.
    enum Place: Int {
        case title, heading, prose, inlineCode, codeBlock, codeInfo

        var termWeight: Float {
            switch self {
            case .title: return 3
            case .heading: return 2
            case .prose: return 1
            case .inlineCode: return 1
            case .codeBlock: return 0.5
            case .codeInfo: return 1
            }
        }

        var signalWeight: Float {
            switch self {
            case .title: return 2
            case .heading: return 1.5
            case .prose, .inlineCode, .codeInfo: return 1
            case .codeBlock: return 0.5
            }
        }

        var isCode: Bool { self == .inlineCode || self == .codeBlock || self == .codeInfo }
    }

    struct Region {
        var range: ByteRange
        var place: Place
        /// Regions with the same group continue one another (phrase matching runs across them).
        var group: Int
        /// The language of the code block the region belongs to.
        var language: String?
        /// The region stands for the code block's language (a signal and a term), not for words.
        var isLanguageMarker: Bool = false
    }

    /// A glossary term used in a document: where, and the hash of the term.
    public struct GlossaryUse: Sendable {
        public var range: ByteRange
        public var term: UInt64

        public init(range: ByteRange, term: UInt64) {
            self.range = range
            self.term = term
        }
    }

    /// The features of one document. `glossaryUses` (in document order) add each glossary term the page
    /// uses as a term of its own, weighted by `glossaryWeight`.
    public static func extract(_ text: SourceText, markdown: MarkdownDocument, signals table: SignalTable,
                               glossaryUses: [GlossaryUse] = [], glossaryWeight: Float = 1) -> PageFeatures {
        let (parts, hits) = extractRaw(text, markdown: markdown, signals: table, glossaryUses: glossaryUses, glossaryWeight: glossaryWeight)
        return PageFeatures(raw: parts, hits: hits)
    }

    /// The parts of a page as the extractor fills them (terms in hash tables, with where each first
    /// occurs), and its signal hits.
    static func extractRaw(_ text: SourceText, markdown: MarkdownDocument, signals table: SignalTable,
                           glossaryUses: [GlossaryUse], glossaryWeight: Float) -> (parts: [PageFeatures.RawPart], hits: [PageFeatures.SignalHit]) {
        let regions = makeRegions(text, markdown)
        // Parts: the preamble, then one per level-2 heading; a level-1 heading returns to the preamble.
        var boundaries: [(start: Int, part: Int)] = []
        // About one distinct term per 40 bytes of text, to spare the dictionaries most of their growing.
        let secondLevel = markdown.headings.first { $0.level == 2 }
        var parts: [PageFeatures.RawPart] = [PageFeatures.RawPart(headingIndex: nil, range: 0..<text.count,
                                                            terms: WordHashMap(capacity: (secondLevel?.range.lowerBound ?? text.count) / 40),
                                                            wordCount: 0, hits: [])]
        for (index, heading) in markdown.headings.enumerated() where heading.level <= 2 {
            if heading.level == 2 {
                boundaries.append((heading.range.lowerBound, parts.count))
                let terms = WordHashMap<PageFeatures.TermStat>(capacity: heading.sectionRange.count / 40)
                parts.append(PageFeatures.RawPart(headingIndex: index, range: heading.sectionRange, terms: terms, wordCount: 0, hits: []))
            } else {
                boundaries.append((heading.range.lowerBound, 0))
            }
        }
        var hits: [PageFeatures.SignalHit] = []
        var ringCount = 0
        var currentGroup = -1
        var boundary = 0
        var part = 0
        // The part being filled lives in `current` (swapped out of `parts`, so that its storage stays
        // uniquely referenced and nothing is copied per word).
        var current = PageFeatures.RawPart(headingIndex: nil, range: 0..<0, terms: WordHashMap(capacity: 0), wordCount: 0, hits: [])
        swap(&current, &parts[0])
        let reactComponents = table.reactComponents
        let environmentVariables = table.environmentVariables
        let words = table.words
        text.bytes.withUnsafeBufferPointer { bytes in
        PlacementTokenizer.byteClasses.withUnsafeBufferPointer { classes in
        table.flatPhrases.withUnsafeBufferPointer { phrases in
        table.phraseWords.withUnsafeBufferPointer { phraseWords in
        table.signalPersonas.withUnsafeBufferPointer { signalPersonas in
        withUnsafeTemporaryAllocation(of: RingEntry.self, capacity: PlacementTokenizer.ringSize) { ring in
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: PlacementTokenizer.scratchSize) { scratch in
            ring.initialize(repeating: RingEntry(hash: 0, start: 0, end: 0))
            let classes = classes.baseAddress!
            let scratch = scratch.baseAddress!
            for region in regions {
                while boundary < boundaries.count && boundaries[boundary].start <= region.range.lowerBound {
                    let next = boundaries[boundary].part
                    if next != part {
                        swap(&current, &parts[part])
                        swap(&current, &parts[next])
                        part = next
                    }
                    boundary += 1
                }
                if region.group != currentGroup { ringCount = 0; currentGroup = region.group }
                let place = region.place
                if region.isLanguageMarker, let language = region.language {
                    for signal in table.languages[language] ?? [] {
                        current.hits.append(hits.count)
                        hits.append(PageFeatures.SignalHit(signal: signal, range: region.range, placeWeight: 1))
                    }
                    add(PlacementTokenizer.offsetBasis ^ PlacementTokenizer.languageSalt ^ UInt64(truncatingIfNeeded: language.hashValueFNV),
                        weight: 2, start: region.range.lowerBound, length: region.range.count, to: &current.terms)
                    continue
                }
                let termWeight = place.termWeight
                let signalWeight = place.signalWeight
                let isCode = place.isCode
                let isShellOrConfig = region.place == .codeBlock && !(region.language.map { Self.programmingLanguages.contains($0) } ?? false)
                var index = region.range.lowerBound
                let end = region.range.upperBound
                while let token = PlacementTokenizer.nextCountedToken(bytes, &index, end, classes: classes, scratch: scratch) {
                    // Phrase signals end at this word.
                    ring[ringCount % PlacementTokenizer.ringSize] = RingEntry(hash: token.hash, start: token.start, end: token.end)
                    ringCount += 1
                    let info = words[token.hash]
                    if let info, info.phraseCount > 0 {
                        for phraseIndex in Int(info.phraseStart)..<Int(info.phraseStart + info.phraseCount) {
                            let phrase = phrases[phraseIndex]
                            switch phrase.scope {
                            case .prose where isCode, .code where !isCode: continue
                            default: break
                            }
                            if let start = matchStart(phrase, words: phraseWords, ring: UnsafeBufferPointer(ring), count: ringCount) {
                                // A longer phrase replaces the shorter ones it contains ("app-config.yaml"
                                // over "app-config", "helm chart" over "helm").
                                var covered = false
                                while let last = current.hits.last, hits[last].range.lowerBound >= start, hits[last].range.upperBound <= token.end,
                                      signalPersonas[Int(hits[last].signal)] == phrase.persona {
                                    if hits[last].range == start..<token.end { covered = true; break }
                                    current.hits.removeLast()
                                    hits.removeLast()
                                }
                                if covered { continue }
                                current.hits.append(hits.count)
                                hits.append(PageFeatures.SignalHit(signal: phrase.signal, range: start..<token.end, placeWeight: signalWeight))
                            }
                        }
                    }
                    // `<EntityPage` or `</Grid`: a React component in JSX. Not a TypeScript type
                    // argument (`Promise<PolicyDecision>`, `useState<Entity>`), whose `<` follows a name.
                    if place == .codeBlock && token.start >= 1 && ByteClass.isASCIILetter(bytes[token.start]) && bytes[token.start] < 0x61
                        && (bytes[token.start - 1] == UInt8(ascii: "<") && !Self.followsName(bytes, token.start - 1)
                            || token.start >= 2 && bytes[token.start - 1] == UInt8(ascii: "/") && bytes[token.start - 2] == UInt8(ascii: "<")) {
                        for signal in reactComponents {
                            current.hits.append(hits.count)
                            hits.append(PageFeatures.SignalHit(signal: signal, range: token.start..<token.end, placeWeight: signalWeight))
                        }
                    }
                    if isCode && token.isUpperSnake && (isShellOrConfig || region.place == .inlineCode || Self.followsDollarBrace(bytes, token.start)) {
                        for signal in environmentVariables {
                            current.hits.append(hits.count)
                            hits.append(PageFeatures.SignalHit(signal: signal, range: token.start..<token.end, placeWeight: signalWeight))
                        }
                    }
                    if isCode {
                        current.codeWordCount += 1
                        add(token.hash ^ PlacementTokenizer.codeSalt, weight: termWeight, start: token.start, length: token.end - token.start, to: &current.terms)
                    } else {
                        current.wordCount += 1
                        if !(info?.isStopWord ?? false) {
                            add(token.hash, weight: termWeight, start: token.start, length: token.end - token.start, to: &current.terms)
                        }
                    }
                }
            }
        }
        }
        }
        }
        }
        }
        }
        swap(&current, &parts[part])
        if glossaryWeight > 0 {
            var boundary = 0
            var part = 0
            for use in glossaryUses {
                while boundary < boundaries.count && boundaries[boundary].start <= use.range.lowerBound {
                    part = boundaries[boundary].part
                    boundary += 1
                }
                add(use.term ^ PlacementTokenizer.glossarySalt, weight: glossaryWeight, start: use.range.lowerBound, length: use.range.count, to: &parts[part].terms)
            }
        }
        return (parts, hits)
    }

    @inline(__always)
    static func add(_ key: UInt64, weight: Float, start: Int, length: Int, to terms: inout WordHashMap<PageFeatures.TermStat>) {
        terms.update(key, initial: PageFeatures.TermStat(weight: 0, firstStart: Int32(truncatingIfNeeded: start), firstLength: Int32(truncatingIfNeeded: length))) {
            $0.weight += weight
        }
    }

    /// Languages whose upper-case names are constants rather than environment variables.
    static let programmingLanguages: Set<String> = ["ts", "tsx", "typescript", "js", "jsx", "javascript", "java", "go", "python", "py", "swift", "kotlin", "rust", "c", "cpp"]

    /// Whether the byte before `offset` ends a name or an expression (`Promise<`, `items[0]<`): a `<`
    /// there opens type arguments or compares, where JSX's `<` follows a space, `(`, `{`, `=` or `>`.
    static func followsName(_ bytes: UnsafeBufferPointer<UInt8>, _ offset: Int) -> Bool {
        guard offset >= 1 else { return false }
        let before = bytes[offset - 1]
        return ByteClass.isASCIIAlphanumeric(before) || before == UInt8(ascii: "_") || before == UInt8(ascii: "$")
            || before == UInt8(ascii: ")") || before == UInt8(ascii: "]")
    }

    @inline(__always)
    static func followsDollarBrace(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> Bool {
        start >= 2 && bytes[start - 1] == UInt8(ascii: "{") && bytes[start - 2] == UInt8(ascii: "$")
            || start >= 1 && bytes[start - 1] == UInt8(ascii: "$")
            || start >= 4 && bytes[start - 4] == UInt8(ascii: "e") && bytes[start - 3] == UInt8(ascii: "n") && bytes[start - 2] == UInt8(ascii: "v") && bytes[start - 1] == UInt8(ascii: ".")
    }

    /// A word in the ring of the last words, for phrase matching.
    struct RingEntry {
        var hash: UInt64
        var start: Int
        var end: Int
    }

    /// Where `phrase` starts if the words in the ring end with it, else nil.
    @inline(__always)
    static func matchStart(_ phrase: SignalTable.FlatPhrase, words: UnsafeBufferPointer<UInt64>, ring: UnsafeBufferPointer<RingEntry>, count: Int) -> Int? {
        let size = PlacementTokenizer.ringSize
        @inline(__always) func word(_ back: Int) -> RingEntry { ring[(count - 1 - back) % size] }
        let prefixStart = Int(phrase.wordStart)
        let prefixCount = Int(phrase.prefixCount)
        if phrase.suffixCount == 0 {
            let length = prefixCount
            guard count >= length else { return nil }
            for offset in 0..<length where word(length - 1 - offset).hash != words[prefixStart + offset] { return nil }
            return word(length - 1).start
        }
        let suffixStart = prefixStart + prefixCount
        let suffixLength = Int(phrase.suffixCount)
        guard count >= suffixLength + 1 + prefixCount else { return nil }
        for offset in 0..<suffixLength where word(suffixLength - 1 - offset).hash != words[suffixStart + offset] { return nil }
        // The prefix ends one to `maximumGap` words before the suffix starts.
        for gap in 1...PlacementTokenizer.maximumGap {
            let prefixEnd = suffixLength + gap
            let last = prefixEnd + prefixCount - 1
            guard last < count && last < size else { break }
            var matches = true
            for offset in 0..<prefixCount where word(last - offset).hash != words[prefixStart + offset] { matches = false; break }
            if matches { return word(last).start }
        }
        return nil
    }

    /// The document's text regions in order: title and headings, prose, inline code, code blocks
    /// (their info strings and languages), and the front-matter title and description.
    static func makeRegions(_ text: SourceText, _ markdown: MarkdownDocument) -> [Region] {
        var regions: [Region] = []
        regions.reserveCapacity(markdown.proseSpans.count + markdown.codeSpans.count + markdown.codeBlocks.count * 2 + 2)
        var group = 0
        if let frontMatter = markdown.frontMatter {
            if let title = frontMatter.entry("title"), case .scalar = title.value {
                regions.append(Region(range: title.valueRange, place: .title, group: group, language: nil))
                group += 1
            }
            if let description = frontMatter.entry("description"), case .scalar = description.value {
                regions.append(Region(range: description.valueRange, place: .prose, group: group, language: nil))
                group += 1
            }
        }
        let frontMatterCount = regions.count
        let firstTitle = markdown.headings.firstIndex { $0.level == 1 }
        let titleStart = firstTitle.map { markdown.headings[$0].range.lowerBound }
        var previousBlock = -1
        for span in markdown.proseSpans {
            let block = markdown.proseBlocks[span.block]
            var place = Place.prose
            if case .heading(let level) = block.kind {
                place = level == 1 && block.range.lowerBound == titleStart ? .title : .heading
            }
            if span.block != previousBlock || !span.joinsPrevious { group += 1 }
            previousBlock = span.block
            regions.append(Region(range: span.range, place: place, group: group, language: nil))
        }
        let proseEnd = regions.count
        for span in markdown.codeSpans {
            group += 1
            regions.append(Region(range: span, place: .inlineCode, group: group, language: nil))
        }
        let inlineCodeEnd = regions.count
        for block in markdown.codeBlocks {
            group += 1
            if block.isFenced && !block.language.isEmpty {
                let lineEnd = text.lineRange(text.line(of: block.range.lowerBound)).upperBound
                regions.append(Region(range: block.range.lowerBound..<max(block.range.lowerBound, min(lineEnd, block.contentRange.lowerBound)),
                                      place: .codeInfo, group: group, language: block.language, isLanguageMarker: true))
                group += 1
                if !block.info.isEmpty {
                    let fence = block.range.lowerBound..<max(block.range.lowerBound, min(lineEnd, block.contentRange.lowerBound))
                    regions.append(Region(range: fence, place: .codeInfo, group: group, language: nil))
                    group += 1
                }
            }
            regions.append(Region(range: block.contentRange, place: .codeBlock, group: group, language: block.isFenced && !block.language.isEmpty ? block.language : nil))
        }
        return mergeByPosition(regions, frontMatterCount: frontMatterCount, proseEnd: proseEnd, inlineCodeEnd: inlineCodeEnd)
    }

    /// Front matter first, then the three runs (prose, inline code, code blocks) — each already in
    /// document order — merged by position, earlier runs first for equal starts.
    static func mergeByPosition(_ regions: [Region], frontMatterCount: Int, proseEnd: Int, inlineCodeEnd: Int) -> [Region] {
        var result = Array(regions[0..<frontMatterCount])
        result.reserveCapacity(regions.count)
        var cursors = [frontMatterCount, proseEnd, inlineCodeEnd]
        let ends = [proseEnd, inlineCodeEnd, regions.count]
        while true {
            var best = -1
            for run in 0..<3 where cursors[run] < ends[run] {
                if best < 0 || regions[cursors[run]].range.lowerBound < regions[cursors[best]].range.lowerBound { best = run }
            }
            if best < 0 { break }
            result.append(regions[cursors[best]])
            cursors[best] += 1
        }
        return result
    }
}

extension String {
    /// A stable FNV-1a hash of the string's bytes (Swift's `hashValue` changes between runs).
    var hashValueFNV: UInt64 {
        var value = PlacementTokenizer.offsetBasis
        for byte in utf8 { value = (value ^ UInt64(byte)) &* PlacementTokenizer.prime }
        return value
    }
}
