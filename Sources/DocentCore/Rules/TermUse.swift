/// A glossary name used in a document's prose, with what the terminology rules need to judge it.
struct TermUse {
    var match: TermMatch
    var name: GlossaryName
    let text: SourceText
    /// Inside a use that runs over lines, what lies between the end of one line's prose and the start
    /// of the next: the line break and the next line's container markers and indentation (`\n> `).
    /// Empty for a use on one line.
    var lineGaps: [ByteRange] = []

    /// The text as written (whole match, inflection included), as prose: a block quote's `>` markers
    /// between its lines left out ("service\n registry" for `service` / `> registry`).
    var written: String {
        guard !lineGaps.isEmpty else { return text.string(in: match.range) }
        var bytes: [UInt8] = []
        var index = match.range.lowerBound
        for gap in lineGaps {
            bytes += text.bytes[index..<gap.lowerBound]
            bytes += text.bytes[gap].filter(ByteClass.isWhitespace)
            index = gap.upperBound
        }
        bytes += text.bytes[index..<match.range.upperBound]
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The text that replaces the whole use in the source when `replacement` (worked out from
    /// `written`) replaces its prose: the container markers between its lines kept where they are, so
    /// a fix does not merge a quote's lines. When the replacement has another number of words than the
    /// use, a use wrapped in a plain paragraph or list item (only a line break and indentation between
    /// its lines) is replaced on one line; one over a quote's lines has no place left for its markers
    /// and is not fixed automatically (nil).
    func sourceReplacement(_ replacement: String) -> String? {
        guard !lineGaps.isEmpty else { return replacement }
        let bytes = text.bytes
        // The source's words and gaps, a gap being whitespace or a line gap's markers.
        func isGap(_ index: Int) -> Bool { ByteClass.isWhitespace(bytes[index]) || lineGaps.contains { $0.contains(index) } }
        var gaps: [String] = []
        var wordCount = 0
        var index = match.range.lowerBound
        while index < match.range.upperBound {
            let start = index
            if isGap(index) {
                while index < match.range.upperBound && isGap(index) { index += 1 }
                if wordCount > 0 && index < match.range.upperBound { gaps.append(text.string(in: start..<index)) }
            } else {
                while index < match.range.upperBound && !isGap(index) { index += 1 }
                wordCount += 1
            }
        }
        let words = replacement.split(whereSeparator: \.isWhitespace)
        guard words.count == wordCount, gaps.count == wordCount - 1 else {
            return lineGaps.contains { gap in bytes[gap].contains { !ByteClass.isWhitespace($0) } } ? nil : replacement
        }
        var result = String(words[0])
        for (gap, word) in zip(gaps, words.dropFirst()) { result += gap + word }
        return result
    }

    /// Whether the use is glued to another word by `-`, `/`, `_` or `.` (a compound or identifier).
    var isPartOfCompound: Bool {
        isGlued { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }
    }

    /// Whether the use is joined by a hyphen to other words that make it a kebab-case name of code,
    /// whatever its case ("techdocs-backend", "Api-extractor", "TechDocs-react"). A compound whose other
    /// words are all ordinary English compound formers is prose, and the use in it a use of the term:
    /// "Oauth-based", "non-Dochub", "Scaffolder-generated".
    var isInKebabCaseName: Bool {
        guard isHyphenated else { return false }
        // The words joined by hyphens on either side, compared as bytes (this runs for every hyphenated
        // match on every page). A word with a cased letter beyond ASCII ("Dochub-café", "Straße-Dochub")
        // is no identifier's: the compound is prose. Otherwise one word that is no compound former makes
        // a name of code. Punctuation, spaces and uncased scripts (“Dochub-cli”, Dochub-cli—, 安装Dochub-cli)
        // end a word.
        let bytes = text.bytes
        var hasCodeWord = false
        var index = match.range.lowerBound
        while index >= 2, bytes[index - 1] == UInt8(ascii: "-") {
            if Self.casedLetter(endingAt: index - 1, in: bytes) { return false }
            guard ByteClass.isASCIIAlphanumeric(bytes[index - 2]) else { break }
            var start = index - 2
            while start > 0, ByteClass.isASCIIAlphanumeric(bytes[start - 1]) { start -= 1 }
            if Self.casedLetter(endingAt: start, in: bytes) { return false }
            if !Self.isCompoundFormer(bytes[start..<(index - 1)]) { hasCodeWord = true }
            index = start
        }
        index = match.range.upperBound
        while index + 1 < bytes.count, bytes[index] == UInt8(ascii: "-") {
            if Self.casedLetter(startingAt: index + 1, in: bytes) { return false }
            guard ByteClass.isASCIIAlphanumeric(bytes[index + 1]) else { break }
            var end = index + 1
            while end < bytes.count, ByteClass.isASCIIAlphanumeric(bytes[end]) { end += 1 }
            if Self.casedLetter(startingAt: end, in: bytes) { return false }
            if !Self.isCompoundFormer(bytes[(index + 1)..<end]) { hasCodeWord = true }
            index = end
        }
        return hasCodeWord
    }

    /// Whether the scalar at `offset` is a letter beyond ASCII with case (é, ß, Ж), which goes on a
    /// Latin, Greek or Cyrillic word; not punctuation, a space or an ideograph.
    static func casedLetter(startingAt offset: Int, in bytes: [UInt8]) -> Bool {
        guard offset < bytes.count, bytes[offset] >= 0x80 else { return false }
        let scalar = bytes.withUnsafeBufferPointer { UTF8Scalars.decode($0, at: offset).0 }
        return scalar.properties.isLowercase || scalar.properties.isUppercase
    }

    /// The same for the scalar that ends just before `offset`.
    static func casedLetter(endingAt offset: Int, in bytes: [UInt8]) -> Bool {
        guard offset > 0, bytes[offset - 1] >= 0x80 else { return false }
        var start = offset - 1
        while start > 0, offset - start < 4, UTF8Scalars.isContinuation(bytes[start]) { start -= 1 }
        return casedLetter(startingAt: start, in: bytes)
    }

    /// Whether a hyphen joins the use to a word on either side.
    var isHyphenated: Bool { isGlued { $0 == UInt8(ascii: "-") } }

    /// Whether `word` (ASCII letters and digits) is one of `compoundFormers`, in any case.
    static func isCompoundFormer(_ word: ArraySlice<UInt8>) -> Bool {
        guard word.count < compoundFormersByLength.count else { return false }
        return compoundFormersByLength[word.count].contains { former in
            zip(former, word).allSatisfy { $0 == ByteClass.lowercased($1) }
        }
    }

    /// Prefixes and second words that English hyphenates to a name in running prose ("non-", "-based",
    /// "-powered"). Words that name parts of software ("-backend", "-cli", "-client", "-react") are
    /// not among them: with those the compound is a package or module name.
    static let compoundFormers: Set<String> = [
        // prefixes
        "anti", "co", "cross", "ex", "inter", "mid", "multi", "non", "post", "pre", "pseudo", "quasi", "re", "self", "semi", "sub", "un",
        // second words
        "agnostic", "approved", "authored", "aware", "backed", "based", "built", "centered", "centred", "centric", "certified",
        "compatible", "created", "defined", "dependent", "driven", "enabled", "esque", "facing", "first", "flavored", "flavoured",
        "focused", "free", "friendly", "generated", "heavy", "hosted", "independent", "ish", "level", "like", "made", "managed",
        "native", "only", "oriented", "owned", "powered", "protected", "provided", "ready", "related", "rendered", "secured",
        "specific", "style", "supported", "wide", "wise",
    ]

    /// `compoundFormers` (lower-case ASCII) as UTF-8, by length: `compoundFormersByLength[4]` holds
    /// "anti", "free", ….
    static let compoundFormersByLength: [[[UInt8]]] = {
        var table = [[[UInt8]]](repeating: [], count: (compoundFormers.map(\.utf8.count).max() ?? 0) + 1)
        for former in compoundFormers { table[former.utf8.count].append(Array(former.utf8)) }
        return table
    }()

    /// Whether a byte that `isGlue` accepts joins the use to a letter or digit on either side.
    func isGlued(by isGlue: (UInt8) -> Bool) -> Bool {
        let bytes = text.bytes
        func joins(_ index: Int, towards next: Int) -> Bool {
            guard index >= 0, index < bytes.count, next >= 0, next < bytes.count else { return false }
            return isGlue(bytes[index]) && ByteClass.isASCIIAlphanumeric(bytes[next])
        }
        return joins(match.range.lowerBound - 1, towards: match.range.lowerBound - 2) || joins(match.range.upperBound, towards: match.range.upperBound + 1)
    }

    /// Whether the use is the name quoted as a name, a short quotation of at most three words on its
    /// line: `call it "the scaffolder"`, `formerly “Scaffolder”`, `say 'scaffolder'`. Quoting a name
    /// mentions it. An opening quote follows no letter and comes before a word; a closing quote
    /// follows a word and comes before no letter, so `Click "Create" and the scaffolder opens "Templates"`
    /// holds no quotation around the use.
    var isInShortQuotation: Bool {
        let bytes = text.bytes
        func isWordByte(_ index: Int) -> Bool { index >= 0 && index < bytes.count && (ByteClass.isASCIIAlphanumeric(bytes[index]) || bytes[index] >= 0x80) }
        // The opening quote: within two words before the use, on its line.
        var start = match.range.lowerBound
        var words = 0
        var closer: [UInt8]?
        while start > 0 {
            let byte = bytes[start - 1]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                guard !isWordByte(start - 2), isWordByte(start) else { return false }
                closer = [byte]
                break
            }
            if start >= 3 && bytes[start - 3] == 0xE2 && bytes[start - 2] == 0x80 && (byte == 0x9C || byte == 0x98) {
                closer = [0xE2, 0x80, byte + 1]
                break
            }
            if byte == UInt8(ascii: " ") {
                if start < match.range.lowerBound && bytes[start] != UInt8(ascii: " ") { words += 1 }
                if words > 2 { return false }
            } else if !ByteClass.isASCIILetter(byte) { return false }
            start -= 1
        }
        guard let closer else { return false }
        // The closing quote: within one word after the use (sentence punctuation may come first).
        var end = match.range.upperBound
        words = 0
        while end < bytes.count {
            if bytes[end...].starts(with: closer) {
                return bytes[end - 1] != UInt8(ascii: " ") && !isWordByte(end + closer.count)
            }
            let byte = bytes[end]
            if byte == UInt8(ascii: " ") {
                if end > match.range.upperBound && bytes[end - 1] != UInt8(ascii: " ") { words += 1 }
                if words > 1 { return false }
            } else if !ByteClass.isASCIILetter(byte) && byte != UInt8(ascii: ",") && byte != UInt8(ascii: ".") { return false }
            end += 1
        }
        return false
    }

    /// Whether the use is a channel or a handle: `#dochub`, `@dochub`.
    var isHandle: Bool {
        let before = match.range.lowerBound - 1
        return before >= 0 && (text.bytes[before] == UInt8(ascii: "#") || text.bytes[before] == UInt8(ascii: "@"))
    }

    /// Whether the use is the whole of a string in straight quotes and reads as a value of code: one
    /// lower-case word (`results of type "techdocs"`, `set it to 'dochub'`). Typographic quotes are
    /// prose quoting and do not count.
    var isQuotedIdentifier: Bool {
        let bytes = text.bytes
        let before = match.range.lowerBound - 1
        let after = match.range.upperBound
        guard before >= 0, after < bytes.count, bytes[before] == bytes[after],
              bytes[before] == UInt8(ascii: "\"") || bytes[before] == UInt8(ascii: "'") else { return false }
        return bytes[match.range].allSatisfy { ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || ByteClass.isDigit($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }
    }

    /// Whether the use stands inside double quotes on its line, straight or typographic: a quoted label
    /// or quotation (`clicking "Get JWT Audience Code"`), whose words are not the writer's to change.
    /// Only the 300 bytes on either side are read, so a page that is one long line costs no more.
    var isInsideDoubleQuotes: Bool {
        let bytes = text.bytes
        let reach = 300
        var lineStart = match.range.lowerBound
        while lineStart > 0 && bytes[lineStart - 1] != 0x0A && match.range.lowerBound - lineStart < reach { lineStart -= 1 }
        var lineEnd = match.range.upperBound
        while lineEnd < bytes.count && bytes[lineEnd] != 0x0A && lineEnd - match.range.upperBound < reach { lineEnd += 1 }
        let open: [UInt8] = [0xE2, 0x80, 0x9C], close: [UInt8] = [0xE2, 0x80, 0x9D]
        var straight = 0
        var curlyOpen = false
        var index = lineStart
        while index < match.range.lowerBound {
            if bytes[index] == UInt8(ascii: "\"") { straight += 1 }
            if bytes[index...].starts(with: open) { curlyOpen = true } else if bytes[index...].starts(with: close) { curlyOpen = false }
            index += 1
        }
        let rest = bytes[match.range.upperBound..<lineEnd]
        if straight % 2 == 1 && rest.contains(UInt8(ascii: "\"")) { return true }
        return curlyOpen && rest.firstRange(of: close) != nil
    }

    /// Whether the use is the whole of a table cell and reads as an identifier: one lower-case word
    /// (`| apis | The app's API factories |`).
    func isLoneIdentifierCell(_ cell: ByteRange) -> Bool {
        let bytes = text.bytes
        let content = ByteClass.trimmingWhitespace(cell, in: bytes)
        guard content == match.range else { return false }
        return bytes[content].allSatisfy { ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || ByteClass.isDigit($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }
    }

    /// The scope of a conventional-commit subject at the start of the line `line` (after indentation,
    /// quote and list markers and an optional commit hash): the bytes between the parentheses of
    /// `fix(scaffolder):` or `- 4f2a9c1: feat(api, dochub)!:`. A scope names a package or area of code,
    /// not the term. Nil when the line does not start so.
    static func commitScope(ofLine line: ByteRange, bytes: [UInt8]) -> ByteRange? {
        func isScopeByte(_ byte: UInt8) -> Bool {
            ByteClass.isASCIIAlphanumeric(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "/")
                || byte == UInt8(ascii: ",") || byte == UInt8(ascii: " ") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "@")
        }
        var index = line.lowerBound
        let end = line.upperBound
        // Markers and a commit hash, each followed by whitespace.
        while true {
            while index < end && ByteClass.isWhitespace(bytes[index]) { index += 1 }
            var wordEnd = index
            while wordEnd < end && !ByteClass.isWhitespace(bytes[wordEnd]) { wordEnd += 1 }
            guard wordEnd < end, wordEnd > index else { break }
            let word = bytes[index..<wordEnd]
            let isMarker = word.elementsEqual([UInt8(ascii: ">")]) || word.count == 1 && (word.first == UInt8(ascii: "-") || word.first == UInt8(ascii: "*") || word.first == UInt8(ascii: "+"))
                || word.count >= 2 && word.dropLast().allSatisfy(ByteClass.isDigit) && (word.last == UInt8(ascii: ".") || word.last == UInt8(ascii: ")"))
            let isHash = word.count >= 6 && word.last == UInt8(ascii: ":")
                && word.dropLast().allSatisfy { ByteClass.isDigit($0) || ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "f")) }
            guard isMarker || isHash else { break }
            index = wordEnd
            if isHash {
                while index < end && ByteClass.isWhitespace(bytes[index]) { index += 1 }
                break
            }
        }
        // The type: at least two letters, then the parenthesised scope, `!` maybe, and a colon.
        let typeStart = index
        while index < end && ByteClass.isASCIILetter(bytes[index]) { index += 1 }
        guard index - typeStart >= 2, index < end, bytes[index] == UInt8(ascii: "(") else { return nil }
        let open = index + 1
        var close = open
        while close < end && isScopeByte(bytes[close]) { close += 1 }
        guard close < end, bytes[close] == UInt8(ascii: ")") else { return nil }
        var colon = close + 1
        if colon < end && bytes[colon] == UInt8(ascii: "!") { colon += 1 }
        guard colon < end, bytes[colon] == UInt8(ascii: ":") else { return nil }
        return open..<close
    }

    /// Whether the bytes as written, inflection aside, are exactly the name's spelling.
    var isWrittenExactly: Bool {
        let base = match.range.lowerBound..<(match.range.upperBound - match.inflectionLength)
        return text.bytes[base].elementsEqual(name.spelling.utf8)
    }
    /// Whether the use starts a sentence (or a block), where ordinary capitalisation applies.
    var isSentenceStart: Bool
    /// Whether the use sits in a heading.
    var isInHeading: Bool
    /// Whether the heading it sits in is written in capitals only.
    var isInCapitalsHeading: Bool
}

/// Finds the uses the terminology rules judge: prose matches, minus the glossary's own headings and
/// each entry's uses of itself inside its own definition.
enum TermUses {
    static func uses(in path: String, snapshot: WorkspaceSnapshot, cache: AnalysisCache) -> [TermUse] {
        guard let document = snapshot.document(path) else { return [] }
        let glossary = snapshot.glossary
        let isGlossary = snapshot.isGlossary(path)
        let text = document.text
        var result: [TermUse] = []
        var capitalsHeadings: [Int: Bool] = [:]
        // The commit scope of the line of the last match, found once per line.
        var scopeLine = -1
        var scope: ByteRange?
        for match in cache.termMatches(path, in: snapshot) {
            let name = glossary.names[match.name]
            if isGlossary, let containing = glossary.entry(containing: match.range.lowerBound, inFile: path) {
                let entry = glossary.entries[containing]
                if entry.termRange.overlaps(match.range) { continue }
                if name.targets.contains(where: { target in target.entry == containing || entry.term.lowercased() == glossary.entries[target.entry].preferredTerm?.lowercased() }) { continue }
                // A redirect entry's own pointer ("Known as Blueprints") is not a use to judge either.
                if entry.preferredTerm != nil { continue }
            }
            let block = match.block >= 0 ? document.markdown.proseBlocks[match.block] : nil
            let candidate = TermUse(match: match, name: name, text: text, isSentenceStart: false, isInHeading: false, isInCapitalsHeading: false)
            // Names of code and handles, not uses of the term.
            let line = text.line(of: match.range.lowerBound)
            if line != scopeLine {
                scopeLine = line
                scope = TermUse.commitScope(ofLine: text.lineRange(line), bytes: text.bytes)
            }
            if let scope, scope.lowerBound <= match.range.lowerBound, match.range.upperBound <= scope.upperBound { continue }
            if candidate.isHandle || candidate.isInKebabCaseName || candidate.isQuotedIdentifier { continue }
            if let block, case .tableCell = block.kind, candidate.isLoneIdentifierCell(block.range) { continue }
            var isHeading = false
            var isCapitals = false
            if case .heading = block?.kind {
                isHeading = true
                if let cached = capitalsHeadings[match.block] {
                    isCapitals = cached
                } else {
                    let headingText = text.string(in: block!.range)
                    isCapitals = headingText.contains(where: \.isLetter) && headingText == headingText.uppercased()
                    capitalsHeadings[match.block] = isCapitals
                }
            }
            var use = TermUse(match: match, name: name, text: text,
                              isSentenceStart: isSentenceStart(match.range.lowerBound, block: block, bytes: text.bytes),
                              isInHeading: isHeading, isInCapitalsHeading: isCapitals)
            if match.block >= 0, text.bytes[match.range].contains(0x0A) || text.bytes[match.range].contains(0x0D) {
                use.lineGaps = lineGaps(in: match.range, spans: document.markdown.proseSpans)
            }
            result.append(use)
        }
        return result
    }

    /// The stretches of `range` between one prose span and the next (line breaks and the container
    /// markers after them).
    static func lineGaps(in range: ByteRange, spans: [ProseSpan]) -> [ByteRange] {
        // The first span that ends after the range starts.
        var low = 0, high = spans.count
        while low < high {
            let middle = (low + high) / 2
            if spans[middle].range.upperBound <= range.lowerBound { low = middle + 1 } else { high = middle }
        }
        var gaps: [ByteRange] = []
        var index = low
        while index + 1 < spans.count && spans[index + 1].range.lowerBound < range.upperBound {
            let gap = spans[index].range.upperBound..<spans[index + 1].range.lowerBound
            if !gap.isEmpty { gaps.append(gap) }
            index += 1
        }
        return gaps
    }

    /// Whether only openers (quotes, brackets, emphasis, whitespace) separate `offset` from the block
    /// start or from a sentence end (`.`, `!`, `?`, `:`). Between the sentence end and the openers may
    /// stand what closes a sentence's last word: a closing parenthesis, quote or emphasis
    /// (`(It is optional.) Kubectl`, `“Done.” Kubectl`), a link whose text ends the sentence
    /// (`[the guide.](x.md) Kubectl`), a footnote reference (`done.[^1] Kubectl`) or an inline HTML
    /// element (`done.<sup>1</sup> Kubectl`). A task-list box (`[ ]`, `[x]`) or a GitHub alert marker
    /// (`> [!NOTE]`) at the block start is part of the start.
    static func isSentenceStart(_ offset: Int, block: ProseBlock?, bytes: [UInt8]) -> Bool {
        let start = block?.range.lowerBound ?? 0
        /// Whether only whitespace lies between the block start and `index`.
        func startsBlock(_ index: Int) -> Bool { bytes[start..<index].allSatisfy(ByteClass.isWhitespace) }
        var index = offset
        while index > start {
            let byte = bytes[index - 1]
            if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: ":") { return true }
            // `]`: a footnote reference is skipped, a task box or an alert marker at the block start
            // starts it, a link's text (or a full reference's label) is read from its end.
            if byte == UInt8(ascii: "]"), let open = openBracket(closing: index - 1, bytes: bytes, start: start) {
                let content = bytes[(open + 1)..<(index - 1)]
                if content.first == UInt8(ascii: "^") {
                    index = open
                    continue
                }
                let isTaskBox = content.count == 1 && (content.first == UInt8(ascii: " ") || content.first == UInt8(ascii: "x") || content.first == UInt8(ascii: "X"))
                let isAlert = content.count > 1 && content.first == UInt8(ascii: "!") && content.dropFirst().allSatisfy(ByteClass.isASCIILetter)
                if isTaskBox || isAlert { return startsBlock(open) }
                if open > start && bytes[open - 1] == UInt8(ascii: "]") {
                    // `[text][label]`: the text before the label.
                    index = open
                } else {
                    index -= 1
                }
                continue
            }
            // `)` ending a link's destination: the link's text, from its end.
            if byte == UInt8(ascii: ")"), let open = openParenthesis(closing: index - 1, bytes: bytes, start: start), open > start, bytes[open - 1] == UInt8(ascii: "]") {
                index = open - 1
                continue
            }
            // An inline HTML element or tag (`<sup>1</sup>`, `<br/>`) is passed over whole.
            if byte == UInt8(ascii: ">"), let tagStart = htmlElementStart(endingAt: index, bytes: bytes, start: start) {
                index = tagStart
                continue
            }
            // A closing parenthesis or typographic quote (” and ’: E2 80 9D, E2 80 99) after a sentence end.
            if byte == UInt8(ascii: ")") || byte == UInt8(ascii: "~") {
                index -= 1
                continue
            }
            if (byte == 0x9D || byte == 0x99) && index - 3 >= start && bytes[index - 3] == 0xE2 && bytes[index - 2] == 0x80 {
                index -= 3
                continue
            }
            let isOpener = ByteClass.isWhitespace(byte) || byte == UInt8(ascii: "*") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "\"")
                || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "(") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: ">")
                || byte == UInt8(ascii: "-") || byte >= 0x80 && (byte == 0x9C || byte == 0x80 || byte == 0xE2)
            if !isOpener { return false }
            index -= 1
        }
        return true
    }

    /// The `[` that the `]` at `close` closes, on the same line, with no other bracket between.
    static func openBracket(closing close: Int, bytes: [UInt8], start: Int) -> Int? {
        var index = close - 1
        while index >= start {
            let byte = bytes[index]
            if byte == UInt8(ascii: "[") { return index }
            if byte == UInt8(ascii: "]") || byte == 0x0A || byte == 0x0D { return nil }
            index -= 1
        }
        return nil
    }

    /// The `(` that the `)` at `close` closes, on the same line, nested parentheses counted.
    static func openParenthesis(closing close: Int, bytes: [UInt8], start: Int) -> Int? {
        var depth = 0
        var index = close - 1
        while index >= start {
            let byte = bytes[index]
            if byte == UInt8(ascii: ")") { depth += 1 }
            if byte == UInt8(ascii: "(") {
                if depth == 0 { return index }
                depth -= 1
            }
            if byte == 0x0A || byte == 0x0D { return nil }
            index -= 1
        }
        return nil
    }

    /// Where the HTML tag ending just before `end` (its `>`) starts, or, for a closing tag
    /// (`</sup>`), where the element's opening tag starts on the same line. Nil when the `>` ends no tag.
    static func htmlElementStart(endingAt end: Int, bytes: [UInt8], start: Int) -> Int? {
        func tagStart(endingAt end: Int) -> Int? {
            var index = end - 2
            while index >= start && bytes[index] != UInt8(ascii: "<") {
                if bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == UInt8(ascii: ">") { return nil }
                index -= 1
            }
            guard index >= start, index + 1 < end else { return nil }
            var nameStart = index + 1
            if bytes[nameStart] == UInt8(ascii: "/") { nameStart += 1 }
            guard nameStart < end, ByteClass.isASCIILetter(bytes[nameStart]) else { return nil }
            return index
        }
        guard let tag = tagStart(endingAt: end) else { return nil }
        guard bytes[tag + 1] == UInt8(ascii: "/") else { return tag }
        // A closing tag: back to `<name` of the same name.
        var nameEnd = tag + 2
        while nameEnd < end && ByteClass.isASCIIAlphanumeric(bytes[nameEnd]) { nameEnd += 1 }
        let name = bytes[(tag + 2)..<nameEnd].map(ByteClass.lowercased)
        var index = tag - 1
        while index >= start {
            if bytes[index] == 0x0A || bytes[index] == 0x0D { return nil }
            if bytes[index] == UInt8(ascii: "<"), index + 1 + name.count <= tag,
               bytes[(index + 1)..<(index + 1 + name.count)].map(ByteClass.lowercased) == name,
               index + 1 + name.count < bytes.count, !ByteClass.isASCIIAlphanumeric(bytes[index + 1 + name.count]) {
                return index
            }
            index -= 1
        }
        return nil
    }
}

extension TermUses {
    /// The anchor of the heading a use sits in, when writing `replacement` in place of the use would
    /// change it: the heading takes its anchor from its text (no `{#id}`), so every link to
    /// `#that-anchor`, in this page or another, would lead nowhere after the edit. Nil otherwise
    /// (not in a heading, an explicit id, or a replacement that slugs alike, as a change of case does).
    static func anchorChanged(by replacement: String, for use: TermUse, replacing replaced: ByteRange? = nil, headings: [Heading]) -> String? {
        guard use.isInHeading else { return nil }
        let range = replaced ?? use.match.range
        let offset = range.lowerBound
        // Headings are in document order: the last one whose text starts at or before the use.
        var low = 0, high = headings.count
        while low < high {
            let middle = (low + high) / 2
            if headings[middle].textRange.lowerBound <= offset { low = middle + 1 } else { high = middle }
        }
        guard low > 0 else { return nil }
        let heading = headings[low - 1]
        guard heading.textRange.lowerBound <= offset, range.upperBound <= heading.textRange.upperBound else { return nil }
        // An explicit `{#id}` after the text keeps the anchor whatever the text says.
        let bytes = use.text.bytes
        var after = heading.textRange.upperBound
        while after < heading.range.upperBound && ByteClass.isSpace(bytes[after]) { after += 1 }
        if after + 1 < heading.range.upperBound && bytes[after] == UInt8(ascii: "{") && bytes[after + 1] == UInt8(ascii: "#") { return nil }
        let before = use.text.string(in: heading.textRange.lowerBound..<offset)
        let rest = use.text.string(in: range.upperBound..<heading.textRange.upperBound)
        let old = MarkdownText.slug(use.text.string(in: heading.textRange))
        return MarkdownText.slug(before + replacement + rest) == old ? nil : heading.anchor
    }
}

/// How a canonical spelling is written, and how a use's spelling relates to it.
enum TermSpelling {
    /// Internal capitals ("DocHub", "OAuth", "iOS") or an acronym ("JWT", "CI/CD", "A/B", "R&D") in any
    /// word. Symbols inside a word part it for internal capitals: "Client/Server" and "Build & Deploy"
    /// are Title Case words, "ASP.NET" an acronym.
    static func isSpecial(_ canonical: String) -> Bool {
        // ASCII names (nearly all) in one pass over bytes: Character properties cost thousands of
        // instructions a name, and this runs for every use on every page.
        var text = canonical
        if let special = text.withUTF8({ bytes -> Bool? in
            var letters = 0
            var allUppercase = true
            var partStarted = false
            for byte in bytes {
                if byte >= 0x80 { return nil }
                if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "-") {
                    if letters >= 2 && allUppercase { return true }
                    letters = 0
                    allUppercase = true
                    partStarted = false
                } else if ByteClass.isASCIIAlphanumeric(byte) {
                    if ByteClass.isASCIILetter(byte) {
                        let isUppercase = byte < UInt8(ascii: "a")
                        if isUppercase && partStarted { return true }
                        if !isUppercase { allUppercase = false }
                        letters += 1
                    }
                    partStarted = true
                } else {
                    partStarted = false
                }
            }
            return letters >= 2 && allUppercase
        }) {
            return special
        }
        for word in canonical.split(whereSeparator: { $0 == " " || $0 == "-" }) {
            let letters = word.filter(\.isLetter)
            guard letters.count >= 2 else { continue }
            let rest = letters.dropFirst()
            if rest.contains(where: \.isUppercase) { return true }
            if letters.first!.isLowercase && letters.contains(where: \.isUppercase) { return true }
        }
        return false
    }

    static func hasUppercase(_ text: String) -> Bool { text.contains(where: \.isUppercase) }

    /// Whether a word or phrase reads as a plural: its last word, a possessive ending aside, ends in
    /// "s" but not "ss", "us" or "is" ("scaffolders", "Blueprints", "scaffolders'"; not "Scaffolder's",
    /// "Access", "Status").
    static func readsAsPlural(_ text: String) -> Bool {
        var word = (text.split(whereSeparator: \.isWhitespace).last.map(String.init) ?? "").lowercased()
        if word.hasSuffix("'s") || word.hasSuffix("’s") {
            word.removeLast(2)
        } else if word.hasSuffix("'") || word.hasSuffix("’") {
            word.removeLast()
        }
        return word.hasSuffix("s") && !(word.hasSuffix("ss") || word.hasSuffix("us") || word.hasSuffix("is"))
    }

    /// `base` with the use's ending, re-formed for `base` the way a writer would write it:
    ///
    /// - Plural: "components" → "entities", "boxes"; nothing is added to a base that already reads as
    ///   a plural (ends in "s" but not "ss", "us" or "is"): "scaffolders" → "blueprints".
    /// - Possessive: "'s" as written (straight or curly apostrophe), except after a base that reads as
    ///   a plural, which takes the apostrophe alone: "Scaffolder's" → "Software Templates'", "Blueprints'"
    ///   (never "Blueprints's"); "scaffolders'" → "blueprints'". "Access's", "DocHub's" keep "'s".
    /// - Case: the ending follows the case of `base`, not of the written word. A base with any lower-case
    ///   letter ("DocHub", "User Role", "blueprints") takes a lower-case ending, so a word shouted in
    ///   capitals gets the glossary's spelling: "DOCHUBS" → "DocHubs", "DOCHUB'S" → "DocHub's", never
    ///   "DocHubS". Only a base in capitals (an abbreviation such as "JWT", or a name re-cased to
    ///   capitals) keeps the ending's case as written: "JWTs" and "JWTS" are the writer's choice.
    static func reinflect(_ base: String, suffix: String) -> String {
        let isCapitalsBase = base.contains(where: \.isLetter) && !base.contains(where: \.isLowercase)
        let lower = suffix.lowercased()
        let cased = { (ending: String) in isCapitalsBase && suffix.contains(where: \.isUppercase) ? ending.uppercased() : ending }
        let word = base.lowercased()
        let readsAsPlural = word.hasSuffix("s") && !(word.hasSuffix("ss") || word.hasSuffix("us") || word.hasSuffix("is"))
        // A possessive "'s" (or "’s").
        if lower.count == 2, let apostrophe = lower.first, apostrophe == "'" || apostrophe == "’", lower.last == "s" {
            guard base.last?.isLetter == true else { return base + String(apostrophe) + cased("s") }
            return readsAsPlural ? base + String(apostrophe) : base + String(apostrophe) + cased("s")
        }
        let apostrophe = lower.count > 1 && (lower.hasSuffix("'") || lower.hasSuffix("’")) ? String(suffix.last!) : ""
        let plural = apostrophe.isEmpty ? lower : String(lower.dropLast())
        guard ["s", "es", "ies"].contains(plural), base.last?.isLetter == true else { return base + (isCapitalsBase ? suffix : lower) }
        var stem = base
        let ending: String
        if readsAsPlural {
            ending = ""
        } else if ["s", "x", "z", "ch", "sh"].contains(where: { word.hasSuffix($0) }) {
            ending = "es"
        } else if word.count >= 2, word.hasSuffix("y"), !"aeiou".contains(word.dropLast().last!) {
            stem.removeLast()
            ending = "ies"
        } else {
            ending = "s"
        }
        return stem + cased(ending) + apostrophe
    }

    /// The canonical spelling with the use's inflection ("Dochubs" → "DocHubs", "entities" → "Entities"),
    /// keeping the use's own whitespace between words (a soft line break stays one).
    static func replacement(canonical: String, written: String, inflectionLength: Int, lowercased: Bool = false) -> String {
        let suffixStart = written.utf8.index(written.utf8.endIndex, offsetBy: -min(inflectionLength, written.utf8.count))
        let suffix = String(written[suffixStart...])
        let base = lowercased ? canonical.lowercased() : canonical
        let replaced = reinflect(base, suffix: suffix)
        // Keep the written gaps (line breaks, several spaces) when the word counts agree.
        let writtenWords = written.split(whereSeparator: \.isWhitespace)
        let newWords = replaced.split(separator: " ")
        guard writtenWords.count == newWords.count, writtenWords.count > 1 else { return replaced }
        var output = ""
        var wordIndex = 0
        var inWord = false
        for character in written {
            if character.isWhitespace {
                inWord = false
                output.append(character)
            } else if !inWord {
                inWord = true
                output += newWords[wordIndex]
                wordIndex += 1
            }
        }
        return output
    }
}
