/// A trie over words: each edge is one lower-cased word, so all names are matched in one pass over a
/// block's words, longest match first (STYLE habit 8: many terms at once, not a regex per term).
///
/// Edges live in one hash table keyed by (parent node, word hash). Words are hashed with 64-bit FNV-1a,
/// so a text word is looked up without allocating; collisions are negligible at glossary sizes.
struct WordTrie: Sendable {
    /// For each node, the name that ends there (index into `Glossary.names`), or -1.
    private(set) var terminal: [Int32] = [-1]
    private var edges: [UInt64: Int32] = [:]
    /// Words seen anywhere in a name at any depth: a cheap pre-check before edge lookups.
    private(set) var maximumDepth = 0

    init(names: [GlossaryName]) {
        for (index, name) in names.enumerated() {
            var node: Int32 = 0
            for word in name.words {
                let key = Self.edgeKey(node, Self.hash(word))
                if let child = edges[key] {
                    node = child
                } else {
                    let child = Int32(terminal.count)
                    terminal.append(-1)
                    edges[key] = child
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
        edges[Self.edgeKey(node, wordHash)]
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
