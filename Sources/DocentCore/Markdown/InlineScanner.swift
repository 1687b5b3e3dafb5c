/// The inline pass over one block's lines: finds code spans, links, autolinks, bare URLs, HTML tags,
/// comments, entities and MDX expressions, and records what remains as prose spans.
///
/// The lines are scanned as one virtual buffer joined by `\n`, so constructs that wrap (a code span
/// or a link across a soft line break) are found; spans are mapped back to source ranges at the end.
enum InlineScanner {
    static func scan(lines: [ByteRange], block: Int, bytes: UnsafeBufferPointer<UInt8>, isMDX: Bool, into document: inout MarkdownDocument) {
        guard !lines.isEmpty else { return }
        var virtual: [UInt8] = []
        var lineStarts: [Int] = []  // virtual offset where each line starts
        virtual.reserveCapacity(lines.reduce(0) { $0 + $1.count + 1 })
        for (index, line) in lines.enumerated() {
            if index > 0 { virtual.append(0x0A) }
            lineStarts.append(virtual.count)
            virtual.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[line]))
        }
        var state = State(virtual: virtual, lines: lines, lineStarts: lineStarts, block: block, isMDX: isMDX)
        state.run(into: &document)
    }

    private struct State {
        let virtual: [UInt8]
        let lines: [ByteRange]
        let lineStarts: [Int]
        let block: Int
        let isMDX: Bool
        var proseStart = 0
        var nextJoins = false
        /// Link texts being scanned: where the `]` is, and where the whole link ends.
        var pendingLinks: [(close: Int, end: Int)] = []
        /// Precomputed pairs (index of the opener → index of its closer, or -1), so that unclosed
        /// brackets, parentheses, braces and backtick runs cost one pass, not one scan each.
        var bracketClose: [Int32] = []
        var parenClose: [Int32] = []
        var braceClose: [Int32] = []
        /// Start offsets of backtick runs, by run length.
        var backtickRuns: [Int: [Int]] = [:]
        /// The next `-->` at or after some offset (searches move forward only).
        var commentCloseCache: (from: Int, found: Int?) = (-1, nil)
        /// Offsets below this were already judged not to start an identifier-like chunk.
        var chunkCheckedUntil = 0

        init(virtual: [UInt8], lines: [ByteRange], lineStarts: [Int], block: Int, isMDX: Bool) {
            self.virtual = virtual
            self.lines = lines
            self.lineStarts = lineStarts
            self.block = block
            self.isMDX = isMDX
            computePairs()
        }

        /// One pass for backtick runs and code spans, one for bracket, parenthesis and brace pairs
        /// outside code spans.
        mutating func computePairs() {
            let count = virtual.count
            // Most paragraphs hold none of these bytes: then there is nothing to pair.
            guard virtual.contains(where: { $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "`") || $0 == UInt8(ascii: "(") || $0 == UInt8(ascii: "{") }) else { return }
            var index = 0
            var runs: [(start: Int, length: Int)] = []
            while index < count {
                if virtual[index] == UInt8(ascii: "`") {
                    var run = 0
                    while index + run < count && virtual[index + run] == UInt8(ascii: "`") { run += 1 }
                    runs.append((index, run))
                    backtickRuns[run, default: []].append(index)
                    index += run
                } else {
                    index += 1
                }
            }
            // Code spans, left to right: a run closes at the next run of the same length.
            var codeSpans: [Range<Int>] = []
            var position = 0
            for run in runs where run.start >= position {
                if let close = findBacktickRun(length: run.length, from: run.start + run.length) {
                    codeSpans.append(run.start..<(close + run.length))
                    position = close + run.length
                }
            }
            bracketClose = [Int32](repeating: -1, count: count)
            parenClose = [Int32](repeating: -1, count: count)
            braceClose = [Int32](repeating: -1, count: count)
            var brackets: [Int] = [], parens: [Int] = [], braces: [Int] = []
            var spanIndex = 0
            index = 0
            while index < count {
                if spanIndex < codeSpans.count && index >= codeSpans[spanIndex].lowerBound {
                    index = codeSpans[spanIndex].upperBound
                    spanIndex += 1
                    continue
                }
                switch virtual[index] {
                case UInt8(ascii: "\\"): index += 1
                case UInt8(ascii: "["): brackets.append(index)
                case UInt8(ascii: "]"): if let open = brackets.popLast() { bracketClose[open] = Int32(index) }
                case UInt8(ascii: "("): parens.append(index)
                case UInt8(ascii: ")"): if let open = parens.popLast() { parenClose[open] = Int32(index) }
                case UInt8(ascii: "{"): braces.append(index)
                case UInt8(ascii: "}"): if let open = braces.popLast() { braceClose[open] = Int32(index) }
                default: break
                }
                index += 1
            }
        }

        /// Maps a virtual offset to a source offset (the virtual `\n` maps to the end of its line).
        func source(_ offset: Int) -> Int {
            var low = 0
            var high = lineStarts.count - 1
            while low < high {
                let middle = (low + high + 1) / 2
                if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
            }
            let line = lines[low]
            return min(line.lowerBound + (offset - lineStarts[low]), line.upperBound)
        }

        func sourceRange(_ range: Range<Int>) -> ByteRange {
            let start = source(range.lowerBound)
            return start..<max(start, source(range.upperBound))
        }

        mutating func run(into document: inout MarkdownDocument) {
            let count = virtual.count
            var index = 0
            while index < count {
                if let pending = pendingLinks.last, index == pending.close {
                    emitProse(upTo: index, into: &document)
                    pendingLinks.removeLast()
                    index = pending.end
                    startProse(at: index, joins: false)
                    continue
                }
                let byte = virtual[index]
                if index >= chunkCheckedUntil && isChunkStart(index) && bareURL(at: index) == nil {
                    let (end, isCode) = chunk(at: index)
                    if isCode {
                        emitProse(upTo: index, into: &document)
                        index = end
                        startProse(at: index, joins: false)
                        continue
                    }
                    chunkCheckedUntil = end
                }
                switch byte {
                case UInt8(ascii: "\\"):
                    index += (index + 1 < count && ByteClass.isASCIIPunctuation(virtual[index + 1])) ? 2 : 1
                case UInt8(ascii: "`"):
                    var run = 0
                    while index + run < count && virtual[index + run] == UInt8(ascii: "`") { run += 1 }
                    if let close = findBacktickRun(length: run, from: index + run) {
                        emitProse(upTo: index, into: &document)
                        document.codeSpans.append(sourceRange(index..<(close + run)))
                        index = close + run
                        startProse(at: index, joins: false)
                    } else {
                        index += run
                    }
                case UInt8(ascii: "<"):
                    if let end = angleConstruct(at: index, into: &document) {
                        index = end
                    } else {
                        index += 1
                    }
                case UInt8(ascii: "!") where index + 1 < count && virtual[index + 1] == UInt8(ascii: "["):
                    if let (close, end) = linkShape(openBracket: index + 1), end > close + 1 {
                        emitProse(upTo: index, into: &document)
                        let destination = destinationRange(close: close, end: end)
                        document.links.append(Link(kind: .image, textRange: sourceRange((index + 2)..<close), destination: string(destination), destinationRange: sourceRange(destination), range: sourceRange(index..<end)))
                        index = end
                        startProse(at: index, joins: false)
                    } else {
                        index += 1
                    }
                case UInt8(ascii: "["):
                    if index + 1 < count && virtual[index + 1] == UInt8(ascii: "^"), index < bracketClose.count, bracketClose[index] >= 0 {
                        let close = Int(bracketClose[index])
                        // A footnote reference `[^1]`.
                        emitProse(upTo: index, into: &document)
                        index = close + 1
                        startProse(at: index, joins: false)
                    } else if let (close, end) = linkShape(openBracket: index), end > close + 1 {
                        emitProse(upTo: index, into: &document)
                        let destination = destinationRange(close: close, end: end)
                        let isInline = virtual[close + 1] == UInt8(ascii: "(")
                        document.links.append(Link(kind: isInline ? .inline : .reference, textRange: sourceRange((index + 1)..<close), destination: string(destination), destinationRange: sourceRange(destination), range: sourceRange(index..<end)))
                        pendingLinks.append((close, end))
                        index += 1
                        startProse(at: index, joins: false)
                    } else {
                        index += 1
                    }
                case UInt8(ascii: "h"), UInt8(ascii: "w"), UInt8(ascii: "H"), UInt8(ascii: "W"):
                    if let end = bareURL(at: index) {
                        emitProse(upTo: index, into: &document)
                        let range = sourceRange(index..<end)
                        document.links.append(Link(kind: .bareURL, textRange: range.lowerBound..<range.lowerBound, destination: string(index..<end), destinationRange: range, range: range))
                        index = end
                        startProse(at: index, joins: false)
                    } else {
                        index += 1
                    }
                case UInt8(ascii: "&"):
                    if let end = entity(at: index) {
                        emitProse(upTo: index, into: &document)
                        index = end
                        startProse(at: index, joins: false)
                    } else {
                        index += 1
                    }
                case UInt8(ascii: "{") where isMDX:
                    if let end = balancedBraces(from: index) {
                        emitProse(upTo: index, into: &document)
                        index = end
                        startProse(at: index, joins: false)
                    } else {
                        index += 1
                    }
                default:
                    index += 1
                }
            }
            emitProse(upTo: count, into: &document)
        }

        mutating func startProse(at index: Int, joins: Bool) {
            proseStart = index
            nextJoins = joins
        }

        /// Records `proseStart..<end` as spans, one per line it covers; spans after a line break join.
        mutating func emitProse(upTo end: Int, into document: inout MarkdownDocument) {
            var start = proseStart
            var joins = nextJoins
            while start < end {
                var pieceEnd = start
                while pieceEnd < end && virtual[pieceEnd] != 0x0A { pieceEnd += 1 }
                if pieceEnd > start {
                    document.proseSpans.append(ProseSpan(range: sourceRange(start..<pieceEnd), block: block, joinsPrevious: joins))
                }
                joins = true
                start = pieceEnd + 1
            }
            proseStart = end
        }

        func string(_ range: Range<Int>) -> String {
            String(decoding: virtual[range.clamped(to: 0..<virtual.count)], as: UTF8.self)
        }

        func findByte(_ target: UInt8, from start: Int) -> Int? {
            var index = start
            while index < virtual.count {
                if virtual[index] == target { return index }
                index += 1
            }
            return nil
        }

        func findBacktickRun(length: Int, from start: Int) -> Int? {
            guard let starts = backtickRuns[length] else { return nil }
            var low = 0, high = starts.count
            while low < high {
                let middle = (low + high) / 2
                if starts[middle] < start { low = middle + 1 } else { high = middle }
            }
            return low < starts.count ? starts[low] : nil
        }

        /// For `[text](dest)` or `[text][ref]` starting at `openBracket`: the `]` and the end of the link.
        func linkShape(openBracket: Int) -> (close: Int, end: Int)? {
            guard openBracket < bracketClose.count else { return nil }  // empty when nothing pairs
            let close = Int(bracketClose[openBracket])
            guard close >= 0, close + 1 < virtual.count else { return nil }
            let next = virtual[close + 1]
            if next == UInt8(ascii: "(") {
                guard close + 1 < parenClose.count else { return nil }
                let end = Int(parenClose[close + 1])
                return end >= 0 ? (close, end + 1) : nil
            }
            if next == UInt8(ascii: "[") {
                let end = Int(bracketClose[close + 1])
                return end >= 0 ? (close, end + 1) : nil
            }
            return nil
        }

        /// The destination inside `(dest "title")` or the label inside `[ref]`.
        func destinationRange(close: Int, end: Int) -> Range<Int> {
            var start = close + 2
            var stop = end - 1
            while start < stop && ByteClass.isWhitespace(virtual[start]) { start += 1 }
            if start < stop && virtual[start] == UInt8(ascii: "<"), let angle = findByte(UInt8(ascii: ">"), from: start), angle < stop {
                return (start + 1)..<angle
            }
            var cursor = start
            while cursor < stop && !ByteClass.isWhitespace(virtual[cursor]) { cursor += 1 }
            stop = cursor
            return start..<stop
        }

        /// Autolinks, HTML comments and tags at a `<`. Returns the end of what was consumed.
        mutating func angleConstruct(at index: Int, into document: inout MarkdownDocument) -> Int? {
            let count = virtual.count
            if index + 3 < count && virtual[index + 1] == UInt8(ascii: "!") && virtual[index + 2] == UInt8(ascii: "-") && virtual[index + 3] == UInt8(ascii: "-") {
                var cursor = index + 4
                if let cached = commentCloseCache.found, commentCloseCache.from <= cursor, cached >= cursor {
                    cursor = cached
                } else if commentCloseCache.found == nil && commentCloseCache.from >= 0 && commentCloseCache.from <= cursor {
                    cursor = count
                } else {
                    let from = cursor
                    while cursor + 2 < count && !(virtual[cursor] == UInt8(ascii: "-") && virtual[cursor + 1] == UInt8(ascii: "-") && virtual[cursor + 2] == UInt8(ascii: ">")) { cursor += 1 }
                    commentCloseCache = (from, cursor + 2 < count ? cursor : nil)
                }
                let end = cursor + 2 < count ? cursor + 3 : count
                emitProse(upTo: index, into: &document)
                let contentEnd = cursor + 2 < count ? cursor : count
                document.htmlComments.append(HTMLComment(range: sourceRange(index..<end), content: string((index + 4)..<max(index + 4, contentEnd)).trimmingSpaces()))
                startProse(at: end, joins: false)
                return end
            }
            // Autolink: <scheme:...> or <user@host>, no spaces.
            var cursor = index + 1
            var sawColon = false
            var sawAt = false
            while cursor < count && virtual[cursor] != UInt8(ascii: ">") && virtual[cursor] != UInt8(ascii: "<") && !ByteClass.isWhitespace(virtual[cursor]) {
                if virtual[cursor] == UInt8(ascii: ":") { sawColon = true }
                if virtual[cursor] == UInt8(ascii: "@") { sawAt = true }
                cursor += 1
            }
            if cursor < count && virtual[cursor] == UInt8(ascii: ">") && cursor > index + 1 && (sawColon || sawAt) && ByteClass.isASCIILetter(virtual[index + 1]) {
                emitProse(upTo: index, into: &document)
                let destination = (index + 1)..<cursor
                document.links.append(Link(kind: .autolink, textRange: sourceRange(destination), destination: string(destination), destinationRange: sourceRange(destination), range: sourceRange(index..<(cursor + 1))))
                startProse(at: cursor + 1, joins: false)
                return cursor + 1
            }
            // An HTML or JSX tag: `<name attrs>`, `</name>`, `<name/>`.
            cursor = index + 1
            if cursor < count && virtual[cursor] == UInt8(ascii: "/") { cursor += 1 }
            guard cursor < count, ByteClass.isASCIILetter(virtual[cursor]) else { return nil }
            while cursor < count && (ByteClass.isASCIIAlphanumeric(virtual[cursor]) || virtual[cursor] == UInt8(ascii: "-") || virtual[cursor] == UInt8(ascii: ".") || virtual[cursor] == UInt8(ascii: ":")) { cursor += 1 }
            guard cursor < count, ByteClass.isWhitespace(virtual[cursor]) || virtual[cursor] == UInt8(ascii: ">") || virtual[cursor] == UInt8(ascii: "/") else { return nil }
            var quote: UInt8?
            var braces = 0
            // A tag longer than this is not a tag: the bound keeps unclosed quotes linear overall.
            let limit = min(count, index + 8192)
            while cursor < limit {
                let byte = virtual[cursor]
                if let open = quote {
                    if byte == open { quote = nil }
                } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    quote = byte
                } else if byte == UInt8(ascii: "{") {
                    braces += 1
                } else if byte == UInt8(ascii: "}") {
                    braces -= 1
                } else if byte == UInt8(ascii: ">") && braces <= 0 {
                    emitProse(upTo: index, into: &document)
                    startProse(at: cursor + 1, joins: false)
                    return cursor + 1
                } else if byte == UInt8(ascii: "<") && quote == nil && braces <= 0 {
                    return nil
                }
                cursor += 1
            }
            return nil
        }

        /// A bare `http://`, `https://` or `www.` URL starting at a word boundary; its end excludes
        /// trailing punctuation and an unbalanced closing parenthesis.
        func bareURL(at index: Int) -> Int? {
            if index > 0 {
                let previous = virtual[index - 1]
                if ByteClass.isASCIIAlphanumeric(previous) || previous >= 0x80 || previous == UInt8(ascii: "/") { return nil }
            }
            let isHTTP = hasPrefixCaseInsensitive("http://", at: index) || hasPrefixCaseInsensitive("https://", at: index)
            let isWWW = hasPrefixCaseInsensitive("www.", at: index)
            guard isHTTP || isWWW else { return nil }
            var end = index
            while end < virtual.count && !ByteClass.isWhitespace(virtual[end]) && virtual[end] != UInt8(ascii: "<") && virtual[end] != UInt8(ascii: "`") { end += 1 }
            while end > index {
                let last = virtual[end - 1]
                if last == UInt8(ascii: ")") {
                    let opens = virtual[index..<end].filter { $0 == UInt8(ascii: "(") }.count
                    let closes = virtual[index..<end].filter { $0 == UInt8(ascii: ")") }.count
                    if closes > opens { end -= 1; continue }
                    break
                }
                if [UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: ";"), UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "]")].contains(last) {
                    end -= 1
                    continue
                }
                break
            }
            let minimum = isWWW ? 5 : 8
            return end - index >= minimum ? end : nil
        }

        /// Whether `index` starts a whitespace-separated chunk (after space, a line break or an opener).
        @inline(__always)
        func isChunkStart(_ index: Int) -> Bool {
            guard index > 0 else { return true }
            let previous = virtual[index - 1]
            return ByteClass.isWhitespace(previous) || previous == UInt8(ascii: "(") || previous == UInt8(ascii: "[") || previous == UInt8(ascii: "\"") || previous == UInt8(ascii: "'")
        }

        static let fileExtensions: Set<String> = [
            "md", "mdx", "ts", "tsx", "js", "jsx", "mjs", "cjs", "json", "yaml", "yml", "sh", "py", "go", "java", "html", "css",
            "txt", "toml", "lock", "xml", "sql", "env", "conf", "ini", "cfg", "rb", "rs", "swift", "kt", "png", "svg", "jpg", "gif",
        ]

        /// The end of an identifier-like chunk that is not prose: a scoped package (`@scope/name@1.0`), a path
        /// (`src/plugin/index.ts`, `./x`), a file name (`app-config.yaml`), `snake_case`, `a::b`, a `--flag`,
        /// a dotted property path (`backend.baseUrl`). Nil for ordinary words.
        /// The chunk at `start` and whether it is identifier-like; the end is where the next chunk may start.
        func chunk(at start: Int) -> (end: Int, isCode: Bool) {
            if let codeEnd = codeLikeChunkEnd(at: start) { return (codeEnd, true) }
            return (max(rawChunkEnd(at: start), start + 1), false)
        }

        @inline(__always)
        func isChunkBreak(_ byte: UInt8) -> Bool {
            ByteClass.isWhitespace(byte) || byte == UInt8(ascii: "`") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]")
                || byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
                || byte == UInt8(ascii: "*") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: ",") || byte == UInt8(ascii: ";")
        }

        func rawChunkEnd(at start: Int) -> Int {
            var end = start
            while end < virtual.count && !isChunkBreak(virtual[end]) { end += 1 }
            return end
        }

        func codeLikeChunkEnd(at start: Int) -> Int? {
            var end = start
            var slashes = 0, ats = 0, underscores = 0, colons = 0, dots = 0, hyphens = 0
            while end < virtual.count {
                let byte = virtual[end]
                if isChunkBreak(byte) { break }
                switch byte {
                case UInt8(ascii: "/"): slashes += 1
                case UInt8(ascii: "@"): ats += 1
                case UInt8(ascii: "_"): underscores += 1
                case UInt8(ascii: ":"): colons += 1
                case UInt8(ascii: "."): dots += 1
                case UInt8(ascii: "-"): hyphens += 1
                default: break
                }
                end += 1
            }
            // Sentence punctuation after the chunk is not part of it.
            while end > start, [UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: "'")].contains(virtual[end - 1]) {
                if virtual[end - 1] == UInt8(ascii: ".") { dots -= 1 }
                if virtual[end - 1] == UInt8(ascii: ":") { colons -= 1 }
                end -= 1
            }
            guard end - start >= 3 else { return nil }
            let first = virtual[start]
            let chunk = virtual[start..<end]
            if first == UInt8(ascii: "@") && (slashes > 0 || ats > 1 || dots > 0) { return end }
            if first == UInt8(ascii: "-") && virtual[start + 1] == UInt8(ascii: "-") && end - start > 3 { return end }
            if ats > 0 && (slashes > 0 || dots > 0 || hyphens > 0) && first != UInt8(ascii: "@") && !chunk.contains(where: { $0 >= 0x80 }) { return end }
            // kebab-case identifiers (`mkdocs-techdocs-core`, `backend-plugin-api`): two or more hyphens, lower case.
            if hyphens >= 2 && !chunk.contains(where: { ($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z")) || $0 >= 0x80 }) { return end }
            if slashes >= 2 || (slashes == 1 && (dots > 0 || hyphens > 0 || first == UInt8(ascii: "/") || first == UInt8(ascii: "."))) { return end }
            if colons >= 2, chunk.firstRange(of: [UInt8(ascii: ":"), UInt8(ascii: ":")]) != nil { return end }
            if underscores > 0 {
                // snake_case: an underscore between two word characters.
                for index in (start + 1)..<(end - 1) where virtual[index] == UInt8(ascii: "_")
                    && ByteClass.isASCIIAlphanumeric(virtual[index - 1]) && ByteClass.isASCIIAlphanumeric(virtual[index + 1]) { return end }
            }
            if dots > 0 {
                // A file name (`app-config.yaml`) or a dotted property path (`backend.baseUrl`, `a.b.c`).
                if let lastDot = chunk.lastIndex(of: UInt8(ascii: ".")), lastDot + 1 < end, lastDot > start {
                    let ext = String(decoding: virtual[(lastDot + 1)..<end], as: UTF8.self).lowercased()
                    // "Node.js" and "Vue.js" are product names, not files.
                    let isProductName = ext == "js" && first >= UInt8(ascii: "A") && first <= UInt8(ascii: "Z") && dots == 1
                    if Self.fileExtensions.contains(ext) && ByteClass.isASCIIAlphanumeric(virtual[lastDot - 1]) && !isProductName { return end }
                    let afterDot = virtual[lastDot + 1]
                    let isLowerAfter = afterDot >= UInt8(ascii: "a") && afterDot <= UInt8(ascii: "z")
                    let hasInnerCapital = chunk.dropFirst().contains { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }
                    if dots >= 2 && isLowerAfter && !chunk.contains(where: { $0 >= 0x80 }) && ByteClass.isASCIIAlphanumeric(virtual[lastDot - 1]) { return end }
                    if dots == 1 && isLowerAfter && hasInnerCapital && ByteClass.isASCIIAlphanumeric(virtual[lastDot - 1]) { return end }
                }
            }
            return nil
        }

        func hasPrefixCaseInsensitive(_ prefix: StaticString, at index: Int) -> Bool {
            let count = prefix.utf8CodeUnitCount
            guard index + count <= virtual.count else { return false }
            for offset in 0..<count where ByteClass.lowercased(virtual[index + offset]) != prefix.utf8Start[offset] { return false }
            return true
        }

        func entity(at index: Int) -> Int? {
            var cursor = index + 1
            if cursor < virtual.count && virtual[cursor] == UInt8(ascii: "#") { cursor += 1 }
            let start = cursor
            while cursor < virtual.count && ByteClass.isASCIIAlphanumeric(virtual[cursor]) && cursor - start < 32 { cursor += 1 }
            guard cursor > start, cursor < virtual.count, virtual[cursor] == UInt8(ascii: ";") else { return nil }
            return cursor + 1
        }

        func balancedBraces(from index: Int) -> Int? {
            guard index < braceClose.count else { return nil }
            let close = Int(braceClose[index])
            return close >= 0 ? close + 1 : nil
        }
    }
}
