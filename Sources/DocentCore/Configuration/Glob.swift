/// A path glob as `docent.json` writes them: `*` (within a segment), `**` (any number of segments),
/// `?`, `[abc]`, `{a,b}`. A pattern without a wildcard also matches everything under it as a folder.
public struct Glob: Hashable, Sendable {
    public let pattern: String
    private let alternatives: [[UInt8]]

    public init(_ pattern: String) {
        var normalized = pattern
        while normalized.hasPrefix("./") { normalized.removeFirst(2) }
        while normalized.hasSuffix("/") && normalized.count > 1 { normalized.removeLast() }
        self.pattern = normalized
        self.alternatives = Self.expandBraces(normalized).map { Array($0.utf8) }
    }

    public var hasWildcard: Bool { pattern.contains { "*?[{".contains($0) } }

    public func matches(_ path: String) -> Bool {
        let target = Array(path.utf8)
        for alternative in alternatives {
            if Self.match(alternative[...], target[...]) { return true }
            if !hasWildcard {
                // A plain folder path matches what lies under it.
                if target.count > alternative.count && target.starts(with: alternative) && target[alternative.count] == UInt8(ascii: "/") { return true }
            }
        }
        return false
    }

    static func expandBraces(_ pattern: String) -> [String] {
        guard let open = pattern.firstIndex(of: "{"), let close = pattern[open...].firstIndex(of: "}") else { return [pattern] }
        let prefix = pattern[..<open]
        let suffix = pattern[pattern.index(after: close)...]
        let options = pattern[pattern.index(after: open)..<close].split(separator: ",", omittingEmptySubsequences: false)
        return options.flatMap { expandBraces(String(prefix) + String($0) + String(suffix)) }
    }

    /// Matches segment by segment: `**` takes zero or more whole segments, other segments match with
    /// `*`, `?` and classes inside one segment. Dynamic programming over segments, so no input can make
    /// it recurse or backtrack exponentially.
    static func match(_ pattern: ArraySlice<UInt8>, _ text: ArraySlice<UInt8>) -> Bool {
        let patternSegments = pattern.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).map(Array.init)
        let textSegments = text.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).map(Array.init)
        let rows = patternSegments.count
        let columns = textSegments.count
        // reachable[i][j]: the first i pattern segments match the first j text segments.
        var reachable = [[Bool]](repeating: [Bool](repeating: false, count: columns + 1), count: rows + 1)
        reachable[0][0] = true
        for i in 0..<rows {
            let isGlobstar = patternSegments[i] == Array("**".utf8)
            for j in 0...columns where reachable[i][j] {
                if isGlobstar {
                    for k in j...columns { reachable[i + 1][k] = true }
                } else if j < columns && matchSegment(patternSegments[i], textSegments[j]) {
                    reachable[i + 1][j + 1] = true
                }
            }
        }
        return reachable[rows][columns]
    }

    /// Wildcard matching inside one segment, greedy with a single backtrack point (linear time).
    static func matchSegment(_ p: [UInt8], _ t: [UInt8]) -> Bool {
        var pi = 0, ti = 0
        var starP = -1, starT = 0
        while ti < t.count {
            if pi < p.count {
                let c = p[pi]
                if c == UInt8(ascii: "*") { starP = pi + 1; starT = ti; pi += 1; continue }
                if c == UInt8(ascii: "?") { pi += 1; ti += 1; continue }
                if c == UInt8(ascii: "["), let (matched, next) = matchClass(p, pi, t[ti]) {
                    if matched { pi = next; ti += 1; continue }
                } else if c == t[ti] {
                    pi += 1; ti += 1; continue
                }
            }
            guard starP >= 0 else { return false }
            starT += 1
            ti = starT
            pi = starP
        }
        while pi < p.count && p[pi] == UInt8(ascii: "*") { pi += 1 }
        return pi == p.count
    }

    static func matchClass(_ p: [UInt8], _ start: Int, _ byte: UInt8) -> (Bool, Int)? {
        var index = start + 1
        var negate = false
        if index < p.count && (p[index] == UInt8(ascii: "!") || p[index] == UInt8(ascii: "^")) { negate = true; index += 1 }
        var matched = false
        var first = true
        while index < p.count && (p[index] != UInt8(ascii: "]") || first) {
            first = false
            if index + 2 < p.count && p[index + 1] == UInt8(ascii: "-") && p[index + 2] != UInt8(ascii: "]") {
                if byte >= p[index] && byte <= p[index + 2] { matched = true }
                index += 3
            } else {
                if byte == p[index] { matched = true }
                index += 1
            }
        }
        guard index < p.count else { return nil }
        return (matched != negate, index + 1)
    }
}
