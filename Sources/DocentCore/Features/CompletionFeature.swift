/// Completion of canonical glossary terms while typing prose, and of Docent's front-matter keys and
/// values.
public enum CompletionFeature {
    public struct Item: Hashable, Sendable {
        /// The canonical term inserted.
        public var label: String
        /// The alias or discouraged name the writer typed, when the item came from one.
        public var matchedAlias: String?
        /// What the client filters on (the name that matched the typed text).
        public var filterText: String
        /// The entry whose term is inserted (nil for front-matter items).
        public var entry: Int?
        /// A short description (the qualifier, or the first sense's opening).
        public var detail: String?
        /// What accepting the item replaces: the typed text before the cursor (an LSP insert range).
        public var replaceRange: ByteRange
        /// The same start to the end of the word the cursor is in ("Doc|Hxyz" → "DocHxyz"): the replace
        /// range of an `InsertReplaceEdit`, for clients with `insertReplaceSupport`.
        public var wordRange: ByteRange? = nil
        /// Ascending sort order: 0 is best.
        public var rank: Int
        public var isFrontMatter: Bool
        /// The text accepting the item writes, when it is not the label: a front-matter key with its
        /// separator in the block's syntax (`persona: `, `persona = `, `"persona": `), a quoted value.
        public var insertText: String? = nil
        /// The same as an LSP snippet, for clients that support them, when it says more: a key typed on
        /// a line of its own with the cursor in its value, persona ids as a choice, TOML and JSON values'
        /// quotes, and the comma the JSON member after it needs (`"persona": "${1|end-user,administrator|}",`).
        public var snippet: String? = nil
        /// Other edits accepting the item makes (LSP `additionalTextEdits`): the comma a JSON member
        /// before a new one needs.
        public var additionalEdits: [FileEdit] = []
    }

    public struct Result: Sendable {
        public var items: [Item]
        public var isIncomplete: Bool
    }

    public static let frontMatterKeys: [(key: String, detail: String)] = [
        ("persona", "The audience this page is written for (a persona id)"),
        ("audience", "Same as persona"),
        ("title", "The page title"),
        ("description", "A one-line summary"),
        ("tags", "Tags for the page"),
    ]

    /// Completion at `offset`. `afterTriggerCharacter` is set when the client asks because a trigger
    /// character (a space) was typed: then only names that the words before it start are offered
    /// ("service " → Service Catalog), not every term, and the list is incomplete so that the word typed
    /// next asks again.
    public static func complete(at offset: Int, in path: String, snapshot: WorkspaceSnapshot, personaIDs: [String], limit: Int = 50,
                                afterTriggerCharacter: Bool = false) -> Result? {
        guard let document = snapshot.document(path) else { return nil }
        let markdown = document.markdown
        let bytes = document.text.bytes
        if let frontMatter = markdown.frontMatter, frontMatter.contentRange.contains(offset) || offset == frontMatter.contentRange.upperBound {
            return frontMatterCompletion(at: offset, document: document, personaIDs: personaIDs)
        }
        // Only in prose: the cursor sits inside or at the end of a prose span, or after spaces that end
        // one on its line (a line's trailing spaces belong to no span).
        guard isInProse(offset, markdown: markdown, bytes: bytes) else { return nil }
        if markdown.codeSpans.contains(where: { $0.lowerBound < offset && offset < $0.upperBound }) { return nil }
        if isInURL(offset, markdown: markdown, bytes: bytes) { return nil }
        if isInMarkupBeingTyped(offset, markdown: markdown, bytes: bytes) { return nil }

        // The words typed before the cursor on this line: the current (possibly empty) word and up to
        // three before it, each a candidate query ("software c" → "Software Catalog").
        let lineStart = document.text.lineRange(document.text.line(of: offset)).lowerBound
        var wordStarts: [Int] = []
        let start = wordStart(before: offset, lineStart: lineStart, in: bytes)
        wordStarts.append(start)
        var cursor = start
        for _ in 0..<3 {
            guard cursor > lineStart + 1, bytes[cursor - 1] == 0x20 else { break }
            let previous = wordStart(before: cursor - 1, lineStart: lineStart, in: bytes)
            guard previous < cursor - 1 else { break }
            wordStarts.append(previous)
            cursor = previous
        }
        // Longer queries first: a multi-word match is what the writer is typing. Each query says what a
        // candidate must reach: nothing for the word at the cursor; for a query of `n` words, a word
        // match (700) on a name of as many words; for the tail of a run of ideographs or kana (CJK text
        // leaves no space between words: "使用数据" → "用数据", "数据", "据"), a name that starts with it (900).
        var queries: [(start: Int, minimumScore: Int, minimumWords: Int)] = wordStarts.indices.reversed().map { index in
            (wordStarts[index], index == 0 ? Int.min : 700, index == 0 ? 0 : index + 1)
        }
        for tail in ideographTails(from: start, to: offset, in: bytes) { queries.append((tail, 900, 0)) }
        // "U.S": the dotted run as typed is a query too, first, for a name written with its dots.
        if followsDottedWord(start, lineStart: lineStart, in: bytes) {
            var dotted = start - 1
            while dotted > lineStart && (ByteClass.isASCIIAlphanumeric(bytes[dotted - 1]) || bytes[dotted - 1] == UInt8(ascii: ".")) { dotted -= 1 }
            queries.insert((dotted, Int.min, 0), at: 0)
        }
        let glossary = snapshot.glossary
        var items: [Item] = []
        var seen = Set<String>()
        var rankedEverything = true
        for (queryStart, minimumScore, minimumWords) in queries {
            // One item past the limit says "incomplete"; what would follow it is never returned.
            if items.count > limit { break }
            // An empty word: `ranked` offers everything, alphabetically, marked incomplete; not at each
            // space typed in prose.
            if queryStart == offset && afterTriggerCharacter {
                rankedEverything = false
                continue
            }
            // A hyphen parts a name's words as a space does ("Wi-" → Wi-Fi, "e-m" → e-mail). After a
            // hyphen typed last, only names with the word before it and more words after it are
            // offered ("Wi-" offers Wi-Fi, "re-" no Resource).
            let typed = document.text.string(in: queryStart..<offset)
            let query = String(typed.map { $0 == "-" ? " " : $0 })
            let wordBeforeHyphen = typed.hasSuffix("-") ? typed.dropLast().split(whereSeparator: { $0 == " " || $0 == "-" }).last.map { Array($0.lowercased().utf8) } : nil
            let (candidates, isComplete) = CompletionRanking.ranked(query: query, glossary: glossary, limit: limit * 4)
            if !isComplete { rankedEverything = false }
            for candidate in candidates {
                if items.count > limit { break }
                if candidate.score < minimumScore || glossary.names[candidate.name].words.count < minimumWords { continue }
                let name = glossary.names[candidate.name]
                if let wordBeforeHyphen, !name.words.dropLast().contains(wordBeforeHyphen) { continue }
                guard let entry = canonicalEntry(for: name, in: glossary) else { continue }
                let term = glossary.entries[entry].term
                let isAlias = name.text.lowercased() != term.lowercased()
                // An accepted other name (an abbreviation such as JWT, "Also known as"), typed, is
                // offered as itself before the term: after its first use a page writes "JWT". A
                // discouraged name never is.
                let accepted = name.targets.contains { target in
                    if case .alias(let kind) = target.kind { return kind != .discouraged && target.entry == entry }
                    return false
                }
                if isAlias && accepted && name.text.lowercased().hasPrefix(query.lowercased().trimmingSpaces()),
                   seen.insert(name.spelling.lowercased()).inserted {
                    let typedStart = Self.typedStart(of: name.spelling, query: queryStart, cursor: offset, lineStart: lineStart, in: bytes)
                    items.append(Item(label: name.spelling, matchedAlias: nil, filterText: name.spelling, entry: entry,
                                      detail: term, replaceRange: typedStart..<offset, rank: items.count, isFrontMatter: false))
                }
                let key = term.lowercased()
                // Right after a dot that follows a letter ("U.S", "e.g", "example.co"), the word is the
                // rest of an abbreviation, a domain or a name: only a name that writes the text
                // before the dot too (U.S. for "U.S") is offered, never "Self-service" for the S.
                let typedStart = Self.typedStart(of: term, query: queryStart, cursor: offset, lineStart: lineStart, in: bytes)
                if typedStart == queryStart, Self.followsDottedWord(queryStart, lineStart: lineStart, in: bytes) { continue }
                guard seen.insert(key).inserted else { continue }
                let replaceStart = Self.startOverMisspeltWords(of: term, typedStart: typedStart, cursor: offset, lineStart: lineStart, in: bytes)
                // A Title Case term that the glossary's own definitions write in lower case ("Entity",
                // "User Role") is a common noun: typed in lower case, it is written in lower case
                // (review: "entit" wrote "Entity" mid-sentence).
                let writesLowercase = replaceStart < offset && bytes[replaceStart] >= UInt8(ascii: "a") && bytes[replaceStart] <= UInt8(ascii: "z")
                    && glossary.isLowercaseName(ofEntry: entry, properNames: snapshot.configuration.properNames)
                items.append(Item(label: term, matchedAlias: isAlias ? name.text : nil, filterText: isAlias ? name.text : term, entry: entry,
                                  detail: nil, replaceRange: replaceStart..<offset, rank: items.count, isFrontMatter: false,
                                  insertText: writesLowercase ? term.lowercased() : nil))
            }
        }
        let wordEnd = wordEnd(from: offset, in: bytes)
        for index in items.indices { items[index].wordRange = items[index].replaceRange.lowerBound..<wordEnd }
        let isIncomplete = items.count > limit || !rankedEverything
        // Details only for the items returned: a definition's plain text costs more than ranking.
        var returned = Array(items.prefix(limit))
        for index in returned.indices where returned[index].detail == nil {
            guard let entry = returned[index].entry else { continue }
            let definition = glossary.entries[entry]
            returned[index].detail = definition.qualifier ?? definition.senses.first.map { String(MarkdownText.plainText($0).prefix(60)) }
        }
        return Result(items: returned, isIncomplete: isIncomplete)
    }

    /// Whether `offset` is inside or at the end of a prose span, or after spaces or tabs that follow
    /// one on the same line.
    static func isInProse(_ offset: Int, markdown: MarkdownDocument, bytes: [UInt8]) -> Bool {
        markdown.proseSpans.contains { span in
            span.range.lowerBound <= offset
                && (offset <= span.range.upperBound || bytes[span.range.upperBound..<offset].allSatisfy { $0 == 0x20 || $0 == 0x09 })
        }
    }

    /// Whether `offset` is inside or at the end of a URL: a bare URL or autolink, a link's or definition's
    /// destination, or a word being typed that reads as one (`https://…`, `www.…`) before the scanner
    /// knows it as a link.
    static func isInURL(_ offset: Int, markdown: MarkdownDocument, bytes: [UInt8]) -> Bool {
        for link in markdown.links {
            switch link.kind {
            case .autolink, .bareURL:
                if link.range.lowerBound < offset && offset <= link.range.upperBound { return true }
            case .inline, .image, .definition:
                if link.destinationRange.lowerBound <= offset && offset <= link.destinationRange.upperBound && !link.destinationRange.isEmpty { return true }
            case .reference:
                continue
            }
        }
        var start = offset
        while start > 0 && !ByteClass.isWhitespace(bytes[start - 1]) && bytes[start - 1] != UInt8(ascii: "(") && bytes[start - 1] != UInt8(ascii: "<") { start -= 1 }
        let token = String(decoding: bytes[start..<offset], as: UTF8.self).lowercased()
        return token.contains("://") || token.hasPrefix("www.") || token.hasPrefix("mailto:")
    }

    /// Whether `offset` follows, on its line, markup opened but not yet closed, which the scanner
    /// cannot know as such and reads as prose: a link's or image's destination (`[x](serv`,
    /// `![img](serv`), an HTML tag and its attributes (`<a href="serv`), or a code span (`` `serv ``:
    /// after a backtick run no code span holds). A backslash escapes the character after it.
    static func isInMarkupBeingTyped(_ offset: Int, markdown: MarkdownDocument, bytes: [UInt8]) -> Bool {
        var lineStart = offset
        while lineStart > 0 && bytes[lineStart - 1] != 0x0A && bytes[lineStart - 1] != 0x0D { lineStart -= 1 }
        var inDestination = false, inTag = false, inCode = false
        var index = lineStart
        while index < offset {
            switch bytes[index] {
            case UInt8(ascii: "\\"):
                index += 2
                continue
            case UInt8(ascii: "]") where index + 1 < offset && bytes[index + 1] == UInt8(ascii: "("):
                inDestination = true
                index += 2
                continue
            case UInt8(ascii: ")"):
                inDestination = false
            case UInt8(ascii: "<") where index + 1 < bytes.count && (ByteClass.isASCIILetter(bytes[index + 1]) || bytes[index + 1] == UInt8(ascii: "/") || bytes[index + 1] == UInt8(ascii: "!")):
                inTag = true
            case UInt8(ascii: ">"):
                inTag = false
            case UInt8(ascii: "`"):
                let start = index
                while index < offset && bytes[index] == UInt8(ascii: "`") { index += 1 }
                if !markdown.codeSpans.contains(where: { $0.contains(start) }) { inCode = true }
                continue
            default:
                break
            }
            index += 1
        }
        return inDestination || inTag || inCode
    }

    /// Whether the word at `start` comes right after a dot that follows a letter or digit ("U.|S",
    /// "example.|co"), not after a sentence's period and a space.
    static func followsDottedWord(_ start: Int, lineStart: Int, in bytes: [UInt8]) -> Bool {
        guard start >= lineStart + 2, bytes[start - 1] == UInt8(ascii: ".") else { return false }
        let before = bytes[start - 2]
        return before >= 0x80 || ByteClass.isASCIIAlphanumeric(before)
    }

    /// The entry whose term to insert for a name: a redirect's preferred entry, an alias's entry.
    static func canonicalEntry(for name: GlossaryName, in glossary: Glossary) -> Int? {
        guard let target = name.targets.first else { return nil }
        let entry = glossary.entries[target.entry]
        if let preferred = entry.preferredTerm, let resolved = glossary.entries(named: preferred).first(where: { glossary.entries[$0].preferredTerm == nil }) {
            return resolved
        }
        return target.entry
    }

    /// Word characters of a typed query: letters and digits in any script (as `WordTokenizer` reads
    /// them), hyphens and apostrophes (' and ’). Punctuation, symbols, emoji and spaces of any kind
    /// (a no-break space too) end a word. An ASCII byte is judged alone; a scalar is decoded only
    /// when the byte at the boundary is not ASCII.
    /// Where the writer started typing `term`: before the query when the text before it on the line is
    /// the term's own beginning, symbols included (".ne" of ".NET", "CI/C" and "CI / C" of "CI/CD",
    /// which the query, a word, leaves out), so that accepting the item does not write them twice.
    static func typedStart(of term: String, query: Int, cursor: Int, lineStart: Int, in bytes: [UInt8]) -> Int {
        let termBytes = Array(term.utf8)
        guard cursor - query < termBytes.count else { return query }
        // Spaces around symbols may be typed where the term has none: a few bytes more to look back.
        var start = max(lineStart, cursor - termBytes.count - 4)
        while start < query {
            if start == lineStart || !isWordByte(bytes[start - 1]) && !ByteClass.isWhitespace(bytes[start]),
               beginsTerm(bytes[start..<cursor], termBytes) {
                return start
            }
            start += 1
        }
        return query
    }

    /// Where accepting `term` starts replacing when the typed text begins a later word of it ("Por" of
    /// Developer Portal) and the words before it on the line are the term's earlier words misspelt
    /// ("Develper Por"): at the first of them, so the item does not leave "Develper Developer Portal"
    /// (review). A word counts when it is as many edits from the term's word as `Spelling` allows
    /// (a third of its length, 1 to 3). Otherwise `typedStart`.
    static func startOverMisspeltWords(of term: String, typedStart: Int, cursor: Int, lineStart: Int, in bytes: [UInt8]) -> Int {
        let termWords = term.split(separator: " ").map { Array($0.lowercased().unicodeScalars) }
        guard termWords.count > 1, typedStart < cursor else { return typedStart }
        let typed = Array(String(decoding: bytes[typedStart..<cursor], as: UTF8.self).lowercased().unicodeScalars)
        guard !typed.contains(" "), let word = termWords.indices.dropFirst().first(where: { termWords[$0].starts(with: typed) }),
              !termWords[0].starts(with: typed) else { return typedStart }
        var start = typedStart
        for index in stride(from: word - 1, through: 0, by: -1) {
            guard start > lineStart + 1, bytes[start - 1] == 0x20 else { break }
            let previous = wordStart(before: start - 1, lineStart: lineStart, in: bytes)
            guard previous < start - 1 else { break }
            let written = Array(String(decoding: bytes[previous..<(start - 1)], as: UTF8.self).lowercased().unicodeScalars)
            guard Spelling.distance(written, termWords[index]) <= Spelling.defaultLimit(forLength: termWords[index].count) else { break }
            start = previous
        }
        return start
    }

    /// Whether `typed` is the beginning of `term`, letters in any case, and spaces beside a symbol
    /// ("CI / C" for "CI/CD") taken as the symbol's.
    static func beginsTerm(_ typed: ArraySlice<UInt8>, _ term: [UInt8]) -> Bool {
        func isSymbol(_ byte: UInt8) -> Bool { byte < 0x80 && !ByteClass.isASCIIAlphanumeric(byte) && !ByteClass.isWhitespace(byte) }
        func besideSymbol<C: RandomAccessCollection>(_ bytes: C, _ index: C.Index) -> Bool where C.Element == UInt8 {
            (index > bytes.startIndex && isSymbol(bytes[bytes.index(before: index)]))
                || (bytes.index(after: index) < bytes.endIndex && isSymbol(bytes[bytes.index(after: index)]))
        }
        var index = typed.startIndex
        var position = 0
        while index < typed.endIndex {
            if position < term.count && ByteClass.lowercased(typed[index]) == ByteClass.lowercased(term[position]) {
                index += 1
                position += 1
            } else if typed[index] == 0x20 && besideSymbol(typed, index) {
                index += 1
            } else if position < term.count && term[position] == 0x20 && besideSymbol(term, position) {
                position += 1
            } else {
                return false
            }
        }
        return true
    }

    static func isWordByte(_ byte: UInt8) -> Bool {
        ByteClass.isASCIIAlphanumeric(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "'")
    }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        // Variation selectors are marks, but they belong to the emoji before them.
        if (0xFE00...0xFE0F).contains(scalar.value) || (0xE0100...0xE01EF).contains(scalar.value) { return false }
        return scalar == "\u{2019}" || WordTokenizer.classify(scalar) != .other
    }

    /// Whether a word character is an ideograph or kana (`WordTokenizer`'s one-character words), which
    /// CJK text writes without spaces between words: a change between those and other letters ends a word.
    static func isIdeographic(_ scalar: Unicode.Scalar) -> Bool { WordTokenizer.isIdeograph(scalar.value) }

    /// The scalar that ends at `end` (not starting before `lineStart`), and where it starts; nil for a
    /// broken sequence.
    static func scalar(before end: Int, lineStart: Int, in buffer: UnsafeBufferPointer<UInt8>) -> (Unicode.Scalar, start: Int)? {
        if buffer[end - 1] < 0x80 { return (Unicode.Scalar(buffer[end - 1]), end - 1) }
        var lead = end - 1
        while lead > lineStart && end - lead < 4 && UTF8Scalars.isContinuation(buffer[lead]) { lead -= 1 }
        let (scalar, length) = UTF8Scalars.decode(buffer, at: lead)
        return lead + length == end ? (scalar, lead) : nil
    }

    /// Where the word that ends at `end` starts (`end` when the character before it is not a word
    /// character), not before `lineStart`. A run of ideographs and kana is one word here, and so is
    /// a run of other letters: "数据Tech" holds two.
    static func wordStart(before end: Int, lineStart: Int, in bytes: [UInt8]) -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            var start = end
            var ideographic: Bool?
            while start > lineStart {
                let byte = buffer[start - 1]
                if byte < 0x80 {
                    guard isWordByte(byte), ideographic != true else { break }
                    ideographic = false
                    start -= 1
                    continue
                }
                guard let (scalar, lead) = scalar(before: start, lineStart: lineStart, in: buffer), isWordScalar(scalar) else { break }
                if let ideographic, ideographic != isIdeographic(scalar) { break }
                ideographic = isIdeographic(scalar)
                start = lead
            }
            return start
        }
    }

    /// The later starts within the run of ideographs and kana from `start` to `end`, the longest tail
    /// first, at most the last eight characters (a term is rarely longer); none for other words.
    static func ideographTails(from start: Int, to end: Int, in bytes: [UInt8]) -> [Int] {
        bytes.withUnsafeBufferPointer { buffer in
            var tails: [Int] = []
            var cursor = end
            while cursor > start, tails.count < 8, let (scalar, lead) = scalar(before: cursor, lineStart: start, in: buffer), isIdeographic(scalar) {
                if lead > start { tails.append(lead) }
                cursor = lead
            }
            return tails.reversed()
        }
    }

    /// Where the word that continues at `start` ends (`start` when no word character follows): like
    /// `wordStart`, a change between ideographs or kana and other letters ends it.
    static func wordEnd(from start: Int, in bytes: [UInt8]) -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            var end = start
            var ideographic: Bool? = start > 0 ? scalar(before: start, lineStart: 0, in: buffer).flatMap { isWordScalar($0.0) ? isIdeographic($0.0) : nil } : nil
            while end < buffer.count {
                let byte = buffer[end]
                if byte < 0x80 {
                    guard isWordByte(byte), ideographic != true else { break }
                    ideographic = false
                    end += 1
                    continue
                }
                let (scalar, length) = UTF8Scalars.decode(buffer, at: end)
                guard isWordScalar(scalar) else { break }
                if let ideographic, ideographic != isIdeographic(scalar) { break }
                ideographic = isIdeographic(scalar)
                end += length
            }
            return end
        }
    }

    /// Completion in front matter, in the block's syntax: keys (`persona: ` in YAML, `persona = ` in
    /// TOML, `"persona": ` in JSON) at the start of a line, persona ids after `persona`, `personas` or
    /// `audience` (quoted in TOML and JSON unless the quote is typed).
    static func frontMatterCompletion(at offset: Int, document: WorkspaceDocument, personaIDs: [String]) -> Result {
        let text = document.text
        let bytes = text.bytes
        let syntax = document.markdown.frontMatter?.syntax ?? .yaml
        let line = text.lineRange(text.line(of: offset))
        let before = text.string(in: line.lowerBound..<offset)
        let separator: Character = syntax == .toml ? "=" : ":"
        // Docent reads its keys at the top level only: nothing to offer inside a nested map, table or object.
        guard isTopLevel(line: line, document: document) else { return Result(items: [], isIncomplete: false) }
        if let colon = before.firstIndex(of: separator) {
            var key = String(before[..<colon]).trimmingSpaces()
            if syntax == .json, key.count >= 2, key.hasPrefix("\""), key.hasSuffix("\"") { key = String(key.dropFirst().dropLast()) }
            guard ["persona", "personas", "audience"].contains(key) else { return Result(items: [], isIncomplete: false) }
            var valueStart = line.lowerBound + before.utf8.distance(from: before.utf8.startIndex, to: colon.samePosition(in: before.utf8)!) + 1
            func skipSpaces() { while valueStart < offset && ByteClass.isSpace(bytes[valueStart]) { valueStart += 1 } }
            skipSpaces()
            // A list: complete its last item.
            if valueStart < offset && bytes[valueStart] == UInt8(ascii: "[") {
                if let comma = bytes[valueStart..<offset].lastIndex(of: UInt8(ascii: ",")) { valueStart = comma + 1 } else { valueStart += 1 }
                skipSpaces()
            }
            var quote: String? = nil
            if valueStart < offset && (bytes[valueStart] == UInt8(ascii: "\"") || bytes[valueStart] == UInt8(ascii: "'")) {
                valueStart += 1  // The writer's own quote: the id goes inside it.
            } else if syntax != .yaml {
                quote = "\""  // TOML and JSON strings are quoted.
            }
            let typed = text.string(in: valueStart..<offset)
            guard !typed.contains(where: { $0 == "\"" || $0 == "'" || $0 == "]" }) else { return Result(items: [], isIncomplete: false) }
            let items = personaIDs.enumerated().map { index, id in
                Item(label: id, matchedAlias: nil, filterText: id, entry: nil, detail: "persona", replaceRange: valueStart..<offset, rank: index,
                     isFrontMatter: true, insertText: quote.map { $0 + id + $0 })
            }
            return Result(items: items, isIncomplete: false)
        }
        let indent = before.prefix { $0 == " " || $0 == "\t" }.count
        let start = line.lowerBound + indent
        let existing = Set(document.markdown.frontMatter?.entries.map(\.key) ?? [])
        // A key typed on a line of its own becomes a whole entry: with a snippet the cursor goes in its
        // value (persona ids as a choice, strings quoted in TOML and JSON) and a JSON member brings
        // the comma the member after it needs. The quote an editor may have closed a typed JSON one
        // with is taken in. With more on the line, only the key.
        var replaceEnd = offset
        var rest = ByteClass.trimmingWhitespace(offset..<line.upperBound, in: bytes)
        if syntax == .json, start < offset, bytes[start] == UInt8(ascii: "\""), rest == offset..<(offset + 1), bytes[offset] == UInt8(ascii: "\"") {
            replaceEnd = offset + 1
            rest = replaceEnd..<replaceEnd
        }
        let isWholeEntry = rest.isEmpty
        var trailingComma = ""
        if syntax == .json, isWholeEntry, let contentEnd = document.markdown.frontMatter?.contentRange.upperBound {
            var next = line.upperBound
            while next < contentEnd && ByteClass.isWhitespace(bytes[next]) { next += 1 }
            if next < contentEnd && ![UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]")].contains(bytes[next]) { trailingComma = "," }
        }
        // A JSON member added after another needs a comma after that one.
        var additionalEdits: [FileEdit] = []
        if syntax == .json, let contentStart = document.markdown.frontMatter?.contentRange.lowerBound {
            var line = text.line(of: offset) - 1
            while line >= 0, text.lineRange(line).lowerBound >= contentStart {
                let content = ByteClass.trimmingWhitespace(text.lineRange(line), in: bytes)
                if !content.isEmpty {
                    let end = content.upperBound
                    if ![UInt8(ascii: ","), UInt8(ascii: "{"), UInt8(ascii: "[")].contains(bytes[end - 1]) {
                        additionalEdits = [FileEdit(file: document.path, range: end..<end, newText: ",")]
                    }
                    break
                }
                line -= 1
            }
        }
        var items: [Item] = []
        for (key, detail) in frontMatterKeys where !existing.contains(key) {
            let written: String
            var snippet: String?
            switch syntax {
            case .yaml:
                written = key + ": "
                if isWholeEntry, let choice = personaChoice(for: key, personaIDs: personaIDs) { snippet = written + choice }
            case .toml:
                written = key + " = "
                if isWholeEntry { snippet = written + quotedValueSnippet(for: key, personaIDs: personaIDs) }
            case .json:
                // Without a snippet the cursor ends where the text does, so the comma the next member
                // needs would come before the value typed there: the plain text is the key alone.
                let member = JSONEscape.quoted(key) + ": "
                written = member
                if isWholeEntry { snippet = snippetEscaped(member) + quotedValueSnippet(for: key, personaIDs: personaIDs) + trailingComma }
            }
            items.append(Item(label: key, matchedAlias: nil, filterText: syntax == .json ? "\"" + key + "\"" : key, entry: nil, detail: detail,
                              replaceRange: start..<replaceEnd, rank: items.count, isFrontMatter: true, insertText: written, snippet: snippet,
                              additionalEdits: additionalEdits))
        }
        return Result(items: items, isIncomplete: false)
    }

    /// Whether a front-matter line is at the block's top level: not inside another entry's value (a
    /// nested map or object, a list or array, a string over several lines), nor, in YAML, indented,
    /// nor, in TOML, after the first `[table]`. The reader's entries say where values are, so no
    /// brackets or quotes are counted here.
    static func isTopLevel(line: ByteRange, document: WorkspaceDocument) -> Bool {
        guard let frontMatter = document.markdown.frontMatter else { return true }
        let insideAValue = frontMatter.entries.contains { entry in
            entry.keyRange.upperBound <= line.lowerBound && entry.valueRange.lowerBound <= line.lowerBound && line.lowerBound < entry.valueRange.upperBound
        }
        guard !insideAValue else { return false }
        let bytes = document.text.bytes
        switch frontMatter.syntax {
        case .yaml:
            return line.lowerBound >= bytes.count || !ByteClass.isSpace(bytes[line.lowerBound])
        case .toml:
            guard let firstTable = frontMatter.insertionPoint, firstTable < frontMatter.contentRange.upperBound else { return true }
            return line.lowerBound < firstTable
        case .json:
            return true
        }
    }

    /// The value of a new TOML or JSON entry as a snippet, the cursor inside it: a persona id as a
    /// choice (`"${1|end-user,administrator|}"`), tags as an array of strings (`["$1"]`), else a
    /// string (`"$1"`).
    static func quotedValueSnippet(for key: String, personaIDs: [String]) -> String {
        if let choice = personaChoice(for: key, personaIDs: personaIDs) { return "\"" + choice + "\"" }
        return key == "tags" ? "[\"$1\"]" : "\"$1\""
    }

    /// The persona ids as a snippet choice (`${1|end-user,administrator|}`) for a key that takes one.
    static func personaChoice(for key: String, personaIDs: [String]) -> String? {
        guard (key == "persona" || key == "audience") && !personaIDs.isEmpty else { return nil }
        return "${1|" + personaIDs.map { snippetEscaped($0, inChoice: true) }.joined(separator: ",") + "|}"
    }

    /// `text` as literal text of an LSP snippet: `$`, `}` and `\` escaped with a backslash; in a
    /// choice's option `,`, `|` and `\` (VS Code's parser reads no other escape there, and would show
    /// the backslash of `\$`).
    static func snippetEscaped(_ text: String, inChoice: Bool = false) -> String {
        var escaped = ""
        for character in text {
            let special: Bool = inChoice ? character == "," || character == "|" || character == "\\" : character == "$" || character == "}" || character == "\\"
            if special { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}
