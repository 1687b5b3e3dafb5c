/// The inline pass over one block's lines: finds code spans, links, autolinks, bare URLs, HTML tags,
/// comments, entities and MDX expressions, and records what remains as prose spans.
///
/// The lines are scanned as one virtual buffer joined by `\n`, so constructs that wrap (a code span
/// or a link across a soft line break) are found; spans are mapped back to source ranges at the end.
enum InlineScanner {
    /// Scans a block of one line (a heading, a table cell, a one-line paragraph) in place.
    static func scan(line: ByteRange, block: Int, bytes: UnsafeBufferPointer<UInt8>, isMDX: Bool, into document: inout MarkdownDocument) {
        let virtual = UnsafeBufferPointer(rebasing: bytes[line])
        var state = State(virtual: virtual, lines: [], lineStarts: [], single: line, block: block, isMDX: isMDX)
        state.run(into: &document)
    }

    /// Scans a block of several lines, joined by `\n` in `scratch` (reused from block to block).
    static func scan(lines: [ByteRange], block: Int, bytes: UnsafeBufferPointer<UInt8>, isMDX: Bool, scratch: inout [UInt8], into document: inout MarkdownDocument) {
        guard let first = lines.first else { return }
        if lines.count == 1 {
            scan(line: first, block: block, bytes: bytes, isMDX: isMDX, into: &document)
            return
        }
        scratch.removeAll(keepingCapacity: true)
        var lineStarts: [Int] = []  // virtual offset where each line starts
        lineStarts.reserveCapacity(lines.count)
        for (index, line) in lines.enumerated() {
            if index > 0 { scratch.append(0x0A) }
            lineStarts.append(scratch.count)
            scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[line]))
        }
        scratch.withUnsafeBufferPointer { virtual in
            var state = State(virtual: virtual, lines: lines, lineStarts: lineStarts, single: first, block: block, isMDX: isMDX)
            state.run(into: &document)
        }
    }

    /// An opening bracket, parenthesis or brace (outside code spans) and its closer, or -1.
    private struct Pair {
        var open: Int32
        var close: Int32
    }

    /// A backtick run: ordered by length, then start, so the next run of a length is a binary search.
    private struct BacktickRun: Comparable {
        var length: Int32
        var start: Int32
        static func < (a: BacktickRun, b: BacktickRun) -> Bool { (a.length, a.start) < (b.length, b.start) }
    }

    /// Bytes that end a whitespace-separated chunk, as two 64-bit masks over ASCII.
    /// HTML elements whose content is code, read as code spans.
    static let codeElementNames: [StaticString] = ["code", "kbd", "samp", "var", "tt"]

    /// Inline raw HTML other than tags and comments (CommonMark): a CDATA section, a processing
    /// instruction and a declaration (a letter after `<!`), each up to its closer.
    static let htmlEnclosures: [(opener: [UInt8], closer: [UInt8])] = [
        (Array("<![CDATA[".utf8), Array("]]>".utf8)), (Array("<?".utf8), Array("?>".utf8)), (Array("<!".utf8), Array(">".utf8)),
    ]

    private static let chunkBreakMask: (low: UInt64, high: UInt64) = {
        var low: UInt64 = 0, high: UInt64 = 0
        for byte in Array(" \t\n\r`[]()<>*\",;".utf8) {
            if byte < 64 { low |= 1 << UInt64(byte) } else { high |= 1 << UInt64(byte - 64) }
        }
        return (low, high)
    }()

    private struct State {
        let virtual: UnsafeBufferPointer<UInt8>
        let lines: [ByteRange]
        let lineStarts: [Int]
        /// The source range of a one-line block (`lines` is then empty).
        let single: ByteRange
        let block: Int
        let isMDX: Bool
        let breakLow: UInt64
        let breakHigh: UInt64
        var proseStart = 0
        var nextJoins = false
        /// Link texts being scanned: where the `]` is, and where the whole link ends.
        var pendingLinks: [(close: Int, end: Int)] = []
        /// Precomputed pairs in order of their openers, so that unclosed brackets, parentheses, braces and
        /// backtick runs cost one pass, not one scan each. Empty when the block holds none.
        var pairs: [Pair] = []
        var backtickRuns: [BacktickRun] = []
        /// The next `-->` at or after some offset (searches move forward only).
        var commentCloseCache: (from: Int, found: Int?) = (-1, nil)
        /// Per code element name, the last search for its closing tag: the first `</name>` at or after
        /// `from` (where it starts and ends), or nil for none in the block, so that unclosed tags do not
        /// rescan the block.
        var codeCloserCache: [(from: Int, found: ByteRange?)] = Array(repeating: (-1, nil), count: InlineScanner.codeElementNames.count)
        /// The same for the closers of CDATA sections, processing instructions and declarations
        /// (`InlineScanner.htmlEnclosures`, in that order).
        var cdataCloseCache: (from: Int, found: Int?) = (-1, nil)
        var instructionCloseCache: (from: Int, found: Int?) = (-1, nil)
        var declarationCloseCache: (from: Int, found: Int?) = (-1, nil)
        /// Offsets below this were already judged not to start an identifier-like chunk.
        var chunkCheckedUntil = 0

        init(virtual: UnsafeBufferPointer<UInt8>, lines: [ByteRange], lineStarts: [Int], single: ByteRange, block: Int, isMDX: Bool) {
            self.virtual = virtual
            self.lines = lines
            self.lineStarts = lineStarts
            self.single = single
            self.block = block
            self.isMDX = isMDX
            (breakLow, breakHigh) = InlineScanner.chunkBreakMask
            computePairs()
        }

        /// One pass for backtick runs and code spans, one for bracket, parenthesis and brace pairs
        /// outside code spans.
        mutating func computePairs() {
            let count = virtual.count
            // Most blocks hold none of these bytes: then there is nothing to pair. Eight bytes at a time.
            var hasBacktick = false, hasPairable = false
            var offset = 0
            let raw = UnsafeRawBufferPointer(virtual)
            while offset + 8 <= count {
                let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                hasBacktick = hasBacktick || SWAR.hasByte(word, UInt8(ascii: "`"))
                hasPairable = hasPairable || SWAR.hasByte(word, UInt8(ascii: "[")) || SWAR.hasByte(word, UInt8(ascii: "(")) || SWAR.hasByte(word, UInt8(ascii: "{"))
                offset += 8
            }
            while offset < count {
                let byte = virtual[offset]
                if byte == UInt8(ascii: "`") { hasBacktick = true } else if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "(") || byte == UInt8(ascii: "{") { hasPairable = true }
                offset += 1
            }
            guard hasBacktick || hasPairable else { return }
            var index = 0
            var codeSpans: [Range<Int>] = []
            if hasBacktick {
                var runs: [(start: Int, length: Int)] = []
                while index < count {
                    if virtual[index] == UInt8(ascii: "`") {
                        var run = 0
                        while index + run < count && virtual[index + run] == UInt8(ascii: "`") { run += 1 }
                        runs.append((index, run))
                        backtickRuns.append(BacktickRun(length: Int32(clamping: run), start: Int32(index)))
                        index += run
                    } else {
                        index += 1
                    }
                }
                backtickRuns.sort()
                // Code spans, left to right: a run closes at the next run of the same length.
                var position = 0
                for run in runs where run.start >= position {
                    if let close = findBacktickRun(length: run.length, from: run.start + run.length) {
                        codeSpans.append(run.start..<(close + run.length))
                        position = close + run.length
                    }
                }
            }
            guard hasPairable else { return }
            var stacks: (brackets: [Int], parens: [Int], braces: [Int]) = ([], [], [])
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
                case UInt8(ascii: "["): stacks.brackets.append(pairs.count); pairs.append(Pair(open: Int32(index), close: -1))
                case UInt8(ascii: "]"): if let open = stacks.brackets.popLast() { pairs[open].close = Int32(index) }
                case UInt8(ascii: "("): stacks.parens.append(pairs.count); pairs.append(Pair(open: Int32(index), close: -1))
                case UInt8(ascii: ")"): if let open = stacks.parens.popLast() { pairs[open].close = Int32(index) }
                case UInt8(ascii: "{"): stacks.braces.append(pairs.count); pairs.append(Pair(open: Int32(index), close: -1))
                case UInt8(ascii: "}"): if let open = stacks.braces.popLast() { pairs[open].close = Int32(index) }
                default: break
                }
                index += 1
            }
        }

        /// The closer paired with the opener at `open` (a `[`, `(` or `{`), or -1.
        func close(of open: Int) -> Int {
            var low = 0, high = pairs.count
            while low < high {
                let middle = (low + high) / 2
                if Int(pairs[middle].open) < open { low = middle + 1 } else { high = middle }
            }
            return low < pairs.count && Int(pairs[low].open) == open ? Int(pairs[low].close) : -1
        }

        /// Maps a virtual offset to a source offset (the virtual `\n` maps to the end of its line).
        func source(_ offset: Int) -> Int {
            if lines.isEmpty { return min(single.lowerBound + offset, single.upperBound) }
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
                if index >= chunkCheckedUntil && isChunkStart(index) && (!mayStartURL(byte) || bareURL(at: index) == nil) {
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
                    if index + 1 < count && virtual[index + 1] == UInt8(ascii: "^"), case let close = self.close(of: index), close >= 0 {
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
                    // The rest of a run of letters and digits holds nothing to look at: no chunk starts
                    // after a letter, no URL either, and link texts close at a `]`.
                    if ByteClass.isASCIIAlphanumeric(byte) {
                        while index < count && ByteClass.isASCIIAlphanumeric(virtual[index]) { index += 1 }
                    }
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
            if lines.isEmpty {
                // One line: no line break to split at.
                if end > proseStart {
                    document.proseSpans.append(ProseSpan(range: sourceRange(proseStart..<end), block: block, joinsPrevious: nextJoins))
                }
                proseStart = end
                return
            }
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
            let key = BacktickRun(length: Int32(clamping: length), start: Int32(clamping: start))
            var low = 0, high = backtickRuns.count
            while low < high {
                let middle = (low + high) / 2
                if backtickRuns[middle] < key { low = middle + 1 } else { high = middle }
            }
            return low < backtickRuns.count && backtickRuns[low].length == key.length ? Int(backtickRuns[low].start) : nil
        }

        /// For `[text](dest)` or `[text][ref]` starting at `openBracket`: the `]` and the end of the link.
        func linkShape(openBracket: Int) -> (close: Int, end: Int)? {
            let close = self.close(of: openBracket)
            guard close >= 0, close + 1 < virtual.count else { return nil }
            let next = virtual[close + 1]
            if next == UInt8(ascii: "(") || next == UInt8(ascii: "[") {
                let end = self.close(of: close + 1)
                return end >= 0 ? (close, end + 1) : nil
            }
            return nil
        }

        /// The destination inside `(dest "title")` or the label inside `[ref]`.
        func destinationRange(close: Int, end: Int) -> Range<Int> {
            var start = close + 2
            var stop = end - 1
            // A full reference's label is all between its brackets: `[text][Setup  guide]`.
            if virtual[close + 1] == UInt8(ascii: "[") { return start..<stop }
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
            // Inline raw HTML (CommonMark): `<![CDATA[…]]>`, `<?…?>` and `<!X…>` up to their closer.
            if index + 1 < count && (virtual[index + 1] == UInt8(ascii: "?") || virtual[index + 1] == UInt8(ascii: "!")) {
                for (kind, enclosure) in InlineScanner.htmlEnclosures.enumerated() {
                    let start = index + enclosure.opener.count
                    guard start <= count, virtual[index..<start].elementsEqual(enclosure.opener) else { continue }
                    if kind == 2 && !(start < count && ByteClass.isASCIILetter(virtual[start])) { break }
                    var close: Int?
                    let cache = kind == 0 ? cdataCloseCache : kind == 1 ? instructionCloseCache : declarationCloseCache
                    if cache.from >= 0 && cache.from <= start && (cache.found.map { $0 >= start } ?? true) {
                        close = cache.found
                    } else {
                        var cursor = start
                        while cursor + enclosure.closer.count <= count && !virtual[cursor..<(cursor + enclosure.closer.count)].elementsEqual(enclosure.closer) { cursor += 1 }
                        close = cursor + enclosure.closer.count <= count ? cursor : nil
                        switch kind {
                        case 0: cdataCloseCache = (start, close)
                        case 1: instructionCloseCache = (start, close)
                        default: declarationCloseCache = (start, close)
                        }
                    }
                    guard let found = close else { return nil }
                    emitProse(upTo: index, into: &document)
                    startProse(at: found + enclosure.closer.count, joins: false)
                    return found + enclosure.closer.count
                }
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
            // A tag longer than this is not a tag: the bound keeps unclosed quotes linear overall.
            guard let close = ByteClass.tagEnd(virtual, from: cursor, to: min(count, index + 8192), stopAtOpenAngle: true) else { return nil }
            emitProse(upTo: index, into: &document)
            // `<code>…</code>`, `<kbd>`, `<samp>`, `<var>`, `<tt>`: the element is code, as a code span is.
            if virtual[index + 1] != UInt8(ascii: "/"), virtual[close - 1] != UInt8(ascii: "/"),
               let element = InlineScanner.codeElementNames.firstIndex(where: { hasPrefixCaseInsensitive($0, at: index + 1) && index + 1 + $0.utf8CodeUnitCount == cursor }),
               let end = closingTagEnd(element, from: close + 1), end <= close + 1 + 8192 {
                document.codeSpans.append(sourceRange(index..<end))
                startProse(at: end, joins: false)
                return end
            }
            startProse(at: close + 1, joins: false)
            return close + 1
        }

        /// The end of the first `</name>` (any case) at or after `from` in the block, for the code
        /// element `element` (an index into `codeElementNames`).
        mutating func closingTagEnd(_ element: Int, from: Int) -> Int? {
            let cached = codeCloserCache[element]
            if cached.from >= 0 && cached.from <= from {
                guard let found = cached.found else { return nil }
                if found.lowerBound >= from { return found.upperBound }
            }
            let name = InlineScanner.codeElementNames[element]
            let length = name.utf8CodeUnitCount
            let count = virtual.count
            var cursor = from
            var result: ByteRange?
            search: while cursor + 3 + length <= count {
                if virtual[cursor] == UInt8(ascii: "<") && virtual[cursor + 1] == UInt8(ascii: "/") && hasPrefixCaseInsensitive(name, at: cursor + 2) {
                    var end = cursor + 2 + length
                    while end < count && ByteClass.isWhitespace(virtual[end]) { end += 1 }
                    if end < count && virtual[end] == UInt8(ascii: ">") { result = cursor..<(end + 1); break search }
                }
                cursor += 1
            }
            codeCloserCache[element] = (from, result)
            return result?.upperBound
        }

        /// A bare `http://`, `https://` or `www.` URL starting at a word boundary; its end excludes
        /// trailing punctuation and an unbalanced closing parenthesis.
        func bareURL(at index: Int) -> Int? {
            if index > 0 {
                let previous = virtual[index - 1]
                if ByteClass.isASCIIAlphanumeric(previous) || previous >= 0x80 || previous == UInt8(ascii: "/") { return nil }
            }
            // Most words starting with h or w are not URLs: the second byte says so.
            guard index + 4 <= virtual.count else { return nil }
            let second = ByteClass.lowercased(virtual[index + 1])
            guard second == UInt8(ascii: "t") || second == UInt8(ascii: "w") else { return nil }
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

        @inline(__always)
        func mayStartURL(_ byte: UInt8) -> Bool {
            let lower = ByteClass.lowercased(byte)
            return lower == UInt8(ascii: "h") || lower == UInt8(ascii: "w")
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
            let (rawEnd, codeEnd) = scanChunk(at: start)
            if let codeEnd { return (codeEnd, true) }
            return (max(rawEnd, start + 1), false)
        }

        @inline(__always)
        func isChunkBreak(_ byte: UInt8) -> Bool {
            byte < 64 ? (breakLow >> UInt64(byte)) & 1 != 0 : byte < 128 && (breakHigh >> UInt64(byte &- 64)) & 1 != 0
        }

        func rawChunkEnd(at start: Int) -> Int {
            var end = start
            while end < virtual.count && !isChunkBreak(virtual[end]) { end += 1 }
            return end
        }

        func codeLikeChunkEnd(at start: Int) -> Int? { scanChunk(at: start).codeEnd }

        /// The end of the chunk at `start` (its first chunk break), and where it ends when it is
        /// identifier-like code rather than a word (trailing sentence punctuation left out).
        func scanChunk(at start: Int) -> (rawEnd: Int, codeEnd: Int?) {
            var end = start
            var slashes = 0, ats = 0, underscores = 0, colons = 0, dots = 0, hyphens = 0
            while end < virtual.count {
                let byte = virtual[end]
                // Letters and digits (most of every chunk) first.
                if ByteClass.isASCIIAlphanumeric(byte) || byte >= 0x80 { end += 1; continue }
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
            let rawEnd = end
            // An ordinary word holds none of these: every code shape below needs one.
            if slashes | ats | underscores | colons | dots | hyphens == 0 { return (rawEnd, nil) }
            // Sentence punctuation after the chunk is not part of it.
            while end > start, Self.isTrailingPunctuation(virtual[end - 1]) {
                if virtual[end - 1] == UInt8(ascii: ".") { dots -= 1 }
                if virtual[end - 1] == UInt8(ascii: ":") { colons -= 1 }
                end -= 1
            }
            guard end - start >= 3 else { return (rawEnd, nil) }
            let first = virtual[start]
            let chunk = virtual[start..<end]
            if first == UInt8(ascii: "@") && (slashes > 0 || ats > 1 || dots > 0) { return (rawEnd, end) }
            if first == UInt8(ascii: "-") && virtual[start + 1] == UInt8(ascii: "-") && end - start > 3 { return (rawEnd, end) }
            if ats > 0 && (slashes > 0 || dots > 0 || hyphens > 0) && first != UInt8(ascii: "@") && !chunk.contains(where: { $0 >= 0x80 }) { return (rawEnd, end) }
            // kebab-case identifiers (`mkdocs-techdocs-core`, `backend-plugin-api`): two or more hyphens, lower case.
            if hyphens >= 2 && !chunk.contains(where: { ($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z")) || $0 >= 0x80 }) { return (rawEnd, end) }
            // Paths: `a/b/c`, `/etc`, `./x`, `../x`, `~/x`, `docs/x.md`, `my-dir/x`.
            if slashes >= 2 || (slashes == 1 && (dots > 0 || hyphens > 0 || first == UInt8(ascii: "/") || first == UInt8(ascii: ".") || first == UInt8(ascii: "~"))) { return (rawEnd, end) }
            if colons >= 2, chunk.firstRange(of: [UInt8(ascii: ":"), UInt8(ascii: ":")]) != nil { return (rawEnd, end) }
            if underscores > 0 {
                // snake_case: an underscore between two word characters.
                for index in (start + 1)..<(end - 1) where virtual[index] == UInt8(ascii: "_")
                    && ByteClass.isASCIIAlphanumeric(virtual[index - 1]) && ByteClass.isASCIIAlphanumeric(virtual[index + 1]) { return (rawEnd, end) }
            }
            if dots > 0 {
                // A file name (`app-config.yaml`) or a dotted property path (`backend.baseUrl`, `a.b.c`).
                if let lastDot = chunk.lastIndex(of: UInt8(ascii: ".")), lastDot + 1 < end, lastDot > start {
                    let ext = String(decoding: virtual[(lastDot + 1)..<end], as: UTF8.self).lowercased()
                    // "Node.js" and "Vue.js" are product names, not files.
                    let isProductName = ext == "js" && first >= UInt8(ascii: "A") && first <= UInt8(ascii: "Z") && dots == 1
                    if Self.fileExtensions.contains(ext) && ByteClass.isASCIIAlphanumeric(virtual[lastDot - 1]) && !isProductName { return (rawEnd, end) }
                    let afterDot = virtual[lastDot + 1]
                    let isLowerAfter = afterDot >= UInt8(ascii: "a") && afterDot <= UInt8(ascii: "z")
                    let hasInnerCapital = chunk.dropFirst().contains { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }
                    if dots >= 2 && isLowerAfter && !chunk.contains(where: { $0 >= 0x80 }) && ByteClass.isASCIIAlphanumeric(virtual[lastDot - 1]) { return (rawEnd, end) }
                    if dots == 1 && isLowerAfter && hasInnerCapital && ByteClass.isASCIIAlphanumeric(virtual[lastDot - 1]) { return (rawEnd, end) }
                }
            }
            return (rawEnd, nil)
        }

        @inline(__always)
        static func isTrailingPunctuation(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: ".") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "'")
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
            let close = self.close(of: index)
            return close >= 0 ? close + 1 : nil
        }
    }
}
