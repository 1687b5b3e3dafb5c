/// A trie over words: each edge is one lower-cased word, so all names are matched in one pass over a
/// block's words, longest match first (STYLE habit 8: many terms at once, not a regex per term).
///
/// Edges live in one hash table keyed by (parent node, word hash). Words are hashed with 64-bit FNV-1a,
/// so a text word is looked up without allocating; collisions are negligible at glossary sizes. The
/// table is open-addressed on the key itself (already a hash), so a lookup, done for every word of
/// every page, is a multiply, a shift and usually one probe, not a run of SipHash as `Dictionary`'s.
struct WordTrie: Sendable {
    /// For each node, the name that ends there (index into `Glossary.names`), or -1.
    private(set) var terminal: [Int32] = [-1]
    private var edges = EdgeTable()
    /// Words seen anywhere in a name at any depth: a cheap pre-check before edge lookups.
    private(set) var maximumDepth = 0

    init(names: [GlossaryName]) {
        for (index, name) in names.enumerated() {
            var node: Int32 = 0
            for word in name.words {
                let key = Self.edgeKey(node, Self.hash(word))
                if let child = edges.value(for: key) {
                    node = child
                } else {
                    let child = Int32(terminal.count)
                    terminal.append(-1)
                    edges.insert(key, child)
                    node = child
                }
            }
            if terminal[Int(node)] < 0 { terminal[Int(node)] = Int32(index) }
            maximumDepth = max(maximumDepth, name.words.count)
        }
    }

    static let root: Int32 = 0

    @inline(__always)
    func child(of node: Int32, wordHash: UInt64) -> Int32? {
        edges.value(for: Self.edgeKey(node, wordHash))
    }

    func lookup(_ words: [[UInt8]]) -> Int? {
        var node = Self.root
        for word in words {
            guard let next = child(of: node, wordHash: Self.hash(word)) else { return nil }
            node = next
        }
        let name = terminal[Int(node)]
        return name >= 0 ? Int(name) : nil
    }

    @inline(__always)
    static func edgeKey(_ node: Int32, _ wordHash: UInt64) -> UInt64 {
        wordHash ^ (UInt64(UInt32(bitPattern: node)) &* 0x9E37_79B9_7F4A_7C15)
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
