/// A trie over words: each edge is one lower-cased word, so all names are matched in one pass over a
/// block's words, longest match first (STYLE habit 8: many terms at once, not a regex per term).
///
/// Edges live in one hash table keyed by (parent node, word hash). Words are hashed with 64-bit FNV-1a,
/// so a text word is looked up without allocating; collisions are negligible at glossary sizes. The
/// table is open-addressed on the key itself (already a hash), so a lookup, done for every word of
/// every page, is a multiply, a shift and usually one probe, not a run of SipHash as `Dictionary`'s.
struct WordTrie: Sendable {
    /// For each node, the plain name (one without prefix or suffix symbols) that ends there (index into
    /// `Glossary.names`), or -1.
    private(set) var terminal: [Int32] = [-1]
    /// For the nodes where names with prefix or suffix symbols end (".NET", "C++"), those names, the
    /// longest shape first: a use that writes the symbols is the affixed name's, else the plain one's.
    private(set) var affixed: [Int32: [(name: Int32, shape: NameShape)]] = [:]
    private var edges = EdgeTable()
    /// Words seen anywhere in a name at any depth: a cheap pre-check before edge lookups.
    private(set) var maximumDepth = 0
    /// Whether any name joins two words by symbols ("CI/CD"): only then does a word after a symbol gap
    /// continue a match.
    private(set) var hasGaps = false
    /// Acronyms that spell a common word (IT, US, REST): only their capitals are a use of them.
    private(set) var capitalsOnly: Set<Int32> = []

    init(names: [GlossaryName]) {
        for (index, name) in names.enumerated() {
            var node: Int32 = 0
            for (position, word) in name.words.enumerated() {
                let key = Self.edgeKey(node, Self.hash(word), gap: name.shape.gap(before: position))
                if let child = edges.value(for: key) {
                    node = child
                } else {
                    let child = Int32(terminal.count)
                    terminal.append(-1)
                    edges.insert(key, child)
                    node = child
                }
            }
            if name.shape.hasAffixes {
                affixed[node, default: []].append((Int32(index), name.shape))
            } else if terminal[Int(node)] < 0 {
                terminal[Int(node)] = Int32(index)
            }
            hasGaps = hasGaps || name.shape.hasGaps
            if CommonWords.isAcronymOfCommonWord(name.text) { capitalsOnly.insert(Int32(index)) }
            maximumDepth = max(maximumDepth, name.words.count)
        }
        for node in affixed.keys {
            affixed[node]!.sort { $0.shape.prefix.count + $0.shape.suffix.count > $1.shape.prefix.count + $1.shape.suffix.count }
        }
    }

    static let root: Int32 = 0

    @inline(__always)
    func child(of node: Int32, wordHash: UInt64) -> Int32? {
        edges.value(for: Self.edgeKey(node, wordHash))
    }

    /// Whether a name ends at `node`.
    @inline(__always)
    func hasName(at node: Int32) -> Bool {
        terminal[Int(node)] >= 0 || (!affixed.isEmpty && affixed[node] != nil)
    }

    /// The name with these words and this shape, or with these words and no symbols around them when
    /// no name has this shape's ("net" is no name when the glossary has only .NET).
    func lookup(_ words: [[UInt8]], shape: NameShape = .plain) -> Int? {
        var node = Self.root
        for (position, word) in words.enumerated() {
            guard let next = edges.value(for: Self.edgeKey(node, Self.hash(word), gap: shape.gap(before: position))) else { return nil }
            node = next
        }
        if shape.hasAffixes, let exact = affixed[node]?.first(where: { $0.shape.prefix == shape.prefix && $0.shape.suffix == shape.suffix }) {
            return Int(exact.name)
        }
        let plain = terminal[Int(node)]
        return plain >= 0 ? Int(plain) : nil
    }

    /// The name ending at `node` that a use whose words span `range` is of: an affixed name whose
    /// symbols the use writes around its words, else the plain name, else none.
    @inline(__always)
    func name(at node: Int32, words range: ByteRange, in bytes: UnsafeBufferPointer<UInt8>) -> (name: Int32, shape: NameShape)? {
        if !affixed.isEmpty, let candidates = affixed[node] {
            for candidate in candidates where candidate.shape.affixesFit(bytes, words: range) { return candidate }
        }
        let plain = terminal[Int(node)]
        return plain >= 0 ? (plain, .plain) : nil
    }

    @inline(__always)
    static func edgeKey(_ node: Int32, _ wordHash: UInt64) -> UInt64 {
        wordHash ^ (UInt64(UInt32(bitPattern: node)) &* 0x9E37_79B9_7F4A_7C15)
    }

    /// The key of the edge to a word reached across `gap`'s symbols (none: an ordinary gap).
    @inline(__always)
    static func edgeKey(_ node: Int32, _ wordHash: UInt64, gap: [UInt8]) -> UInt64 {
        edgeKey(node, gap.isEmpty ? wordHash : wordHash ^ NameShape.gapHash(gap))
    }

    static let offsetBasis: UInt64 = 0xCBF2_9CE4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01B3

    @inline(__always)
    static func hash(_ word: [UInt8]) -> UInt64 {
        var value = offsetBasis
        for byte in word { value = (value ^ UInt64(byte)) &* prime }
        return value
    }

    @inline(__always)
    static func hash(_ word: ArraySlice<UInt8>) -> UInt64 {
        var value = offsetBasis
        for byte in word { value = (value ^ UInt64(byte)) &* prime }
        return value
    }
}

/// An open-addressing hash table from 64-bit keys that are themselves hashes to `Int32` values, with
/// linear probing and a load factor of at most one half. Key 0 marks an empty slot; a real key of 0 is
/// stored as 1 (one more 64-bit collision, as negligible as the others).
struct EdgeTable: Sendable {
    private var keys: [UInt64]
    private var values: [Int32]
    private var shift: UInt64
    private(set) var count = 0

    init(capacity: Int = 8) {
        var bits: UInt64 = 3
        while (1 << bits) < capacity * 2 { bits += 1 }
        keys = [UInt64](repeating: 0, count: 1 << bits)
        values = [Int32](repeating: 0, count: 1 << bits)
        shift = 64 - bits
    }

    @inline(__always)
    private static func stored(_ key: UInt64) -> UInt64 { key == 0 ? 1 : key }

    @inline(__always)
    private func slot(_ key: UInt64) -> Int {
        // Fibonacci hashing: the top bits of the product mix every bit of the key.
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    @inline(__always)
    func value(for key: UInt64) -> Int32? {
        let key = Self.stored(key)
        let mask = keys.count - 1
        return keys.withUnsafeBufferPointer { keys in
            var index = slot(key)
            while true {
                let found = keys[index]
                if found == key { return values[index] }
                if found == 0 { return nil }
                index = (index + 1) & mask
            }
        }
    }

    /// Inserts or replaces the value for `key`.
    mutating func insert(_ key: UInt64, _ value: Int32) {
        if (count + 1) * 2 > keys.count { grow() }
        let key = Self.stored(key)
        let mask = keys.count - 1
        var index = slot(key)
        while keys[index] != 0 && keys[index] != key { index = (index + 1) & mask }
        if keys[index] == 0 { count += 1 }
        keys[index] = key
        values[index] = value
    }

    private mutating func grow() {
        var larger = EdgeTable(capacity: keys.count)
        for index in keys.indices where keys[index] != 0 { larger.insert(keys[index], values[index]) }
        self = larger
    }
}
