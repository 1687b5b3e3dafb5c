/// A line-oriented Markdown/MDX block scanner with an inline pass over each paragraph.
///
/// It follows CommonMark where that decides what is prose (code, HTML, links, front matter) and is
/// deliberately forgiving elsewhere: it never fails, never recurses on input, and yields a result for
/// any byte sequence. It is not a renderer: emphasis, list nesting and link reference resolution are
/// only as precise as finding prose needs.
public enum MarkdownScanner {
    public static func scan(_ text: SourceText, isMDX: Bool = false) -> MarkdownDocument {
        text.bytes.withUnsafeBufferPointer { buffer in
            var scanner = BlockScanner(text: text, bytes: buffer, isMDX: isMDX)
            return scanner.run()
        }
    }
}

private let blockHTMLTags: Set<String> = [
    "address", "article", "aside", "base", "basefont", "blockquote", "body", "caption", "center", "col",
    "colgroup", "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
    "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr",
    "html", "iframe", "legend", "li", "link", "main", "menu", "menuitem", "nav", "noframes", "ol",
    "optgroup", "option", "p", "param", "search", "section", "summary", "table", "tbody", "td", "tfoot",
    "th", "thead", "title", "tr", "track", "ul", "img", "br", "video", "audio", "source", "picture",
]
private let rawHTMLTags: [String] = ["script", "pre", "style", "textarea"]

private struct BlockScanner {
    let text: SourceText
    let bytes: UnsafeBufferPointer<UInt8>
    let isMDX: Bool
    var document = MarkdownDocument()

    /// The lines of the paragraph being collected: content ranges (container prefixes removed).
    var paragraph: [ByteRange] = []
    /// The inline scanner's buffer for joining a block's lines, reused from block to block.
    var inlineScratch: [UInt8] = []
    var paragraphStartsListItem = false
    /// How many block quotes the paragraph being collected sits in: a line in more of them starts a
    /// new quote, which ends the paragraph (a line in fewer is a lazy continuation).
    var paragraphQuoteDepth = 0
    /// The block quotes of the line being scanned.
    var lineQuoteDepth = 0
    /// False for text that reads as a paragraph but is none in CommonMark, so holds no link reference
    /// definition: an admonition's title, the text after `-->` on a comment's last line.
    var paragraphMayHoldDefinitions = true
    /// The footnote (its index in `document.definitions`) whose first paragraph is being collected:
    /// the lines it takes lazily (not indented) are the footnote's too, as in GFM.
    var footnoteText: (index: Int, quoteDepth: Int)?
    var inList = false
    /// The column where the current list item's content starts (a code block inside it is indented 4 more).
    var listContentColumn = 0
    var previousLineBlank = true
    /// The footnote definition whose continuation lines are being followed: its index in
    /// `document.definitions`, the block quotes it sits in, and the column (after those quotes) where
    /// its container's content starts; a continuation line is indented four columns past it.
    var openFootnote: (index: Int, quoteDepth: Int, containerColumn: Int)?
    /// Blank lines after the open footnote's last line: its own if an indented line follows.
    var footnoteBlanks: [ByteRange] = []
    /// Where the paragraph started when its link reference definitions were last taken off before a
    /// table: not tried again from there.
    var definitionsTriedBeforeTable = -1

    enum OpenBlock {
        case none
        /// The language and info string are in `openFence`, so this enum holds no reference and
        /// costs nothing to copy on every line.
        case fencedCode(fence: UInt8, length: Int, start: Int, contentStart: Int)
        case indentedCode(start: Int, end: Int, minimumColumn: Int)
        case htmlComment(start: Int)
        /// The tag name is `rawHTMLTags[tag]`.
        case rawHTML(tag: Int, start: Int)
        case htmlUntilBlank(start: Int)
        /// A processing instruction, declaration or CDATA section (CommonMark HTML blocks 3–5): up
        /// to the line holding `htmlEnclosures[kind].closer`.
        case htmlEnclosed(kind: Int, start: Int)
        case jsxTag(start: Int)
        case mdxStatement(start: Int)
    }
    var open = OpenBlock.none {
        didSet { if case .none = open { hasOpenBlock = false } else { hasOpenBlock = true } }
    }
    /// Whether `open` is not `.none`: tested on every line without copying the enum.
    var hasOpenBlock = false
    /// The open fenced code block's language and info string.
    var openFence: (language: String, info: String) = ("", "")
    /// How many block-quote markers enclose the open fenced code block; only those are stripped from
    /// its lines, so a code line such as `>>> prompt` stays code.
    var openQuoteDepth = 0

    init(text: SourceText, bytes: UnsafeBufferPointer<UInt8>, isMDX: Bool) {
        self.text = text
        self.bytes = bytes
        self.isMDX = isMDX
    }

    mutating func run() -> MarkdownDocument {
        var firstLine = 0
        if let frontMatter = FrontMatterReader.read(text, isMDX: isMDX) {
            document.frontMatter = frontMatter
            firstLine = text.line(of: frontMatter.range.upperBound)
            if frontMatter.range.upperBound >= text.count { firstLine = text.lineTable.lineCount }
        }
        let lineCount = text.lineTable.lineCount
        var line = firstLine
        while line < lineCount {
            line = scanLine(line)
        }
        closeOpenBlock(at: text.count)
        closeParagraph()
        finishHeadings()
        // The document lives as long as the page is in the workspace: drop the arrays' growth slack.
        document.proseSpans = document.proseSpans.compacted()
        document.proseBlocks = document.proseBlocks.compacted()
        document.headings = document.headings.compacted()
        document.links = document.links.compacted()
        document.codeSpans = document.codeSpans.compacted()
        document.definitions = document.definitions.compacted()
        return document
    }

    // MARK: Lines

    /// Scans one line (sometimes more, for tables) and returns the next line to scan.
    mutating func scanLine(_ line: Int) -> Int {
        let range = text.lineRange(line)
        let lineEnd = range.upperBound
        let continuesFootnote = followFootnote(range)
        // Strip block-quote markers: the container's content starts after them. Inside an open fence,
        // only as many as the fence sits in; inside a multi-line JSX tag none (a line holding only `>`
        // often closes it).
        var limit = Int.max
        if hasOpenBlock {
            if case .fencedCode = open { limit = openQuoteDepth } else if case .jsxTag = open { limit = 0 }
        }
        let (position, quoteDepth) = quoteMarkers(range, limit: limit)

        if continueOpenBlock(line: line, contentStart: position, lineEnd: lineEnd, lineStart: range.lowerBound) {
            return line + 1
        }
        // A block quote interrupts a paragraph: `text` then `> quoted` are two blocks (CommonMark).
        lineQuoteDepth = quoteDepth
        if !paragraph.isEmpty && quoteDepth > paragraphQuoteDepth { closeParagraph() }

        let (first, column) = indentation(from: position, to: lineEnd)
        let isBlank = first == lineEnd
        defer { previousLineBlank = isBlank }
        if isBlank {
            closeParagraph()
            return line + 1
        }
        if previousLineBlank && column == 0 && !startsListItem(first, lineEnd) && quoteDepth == 0 { inList = false }

        // Indented code: only where it cannot be a paragraph's or a list item's continuation, nor a
        // footnote's next paragraph (indented four columns past its container; code there takes eight).
        let footnoteParagraph = continuesFootnote && column < (openFootnote?.containerColumn ?? 0) + 8
        if column >= 4 && paragraph.isEmpty && !inList && !footnoteParagraph {
            open = .indentedCode(start: range.lowerBound, end: lineEnd, minimumColumn: continuesFootnote ? (openFootnote?.containerColumn ?? 0) + 8 : 4)
            return line + 1
        }
        // Indented code inside a list item: four columns past the item's content, after a blank line.
        if inList && paragraph.isEmpty && previousLineBlank && column >= listContentColumn + 4 {
            open = .indentedCode(start: range.lowerBound, end: lineEnd, minimumColumn: listContentColumn + 4)
            return line + 1
        }
        if column >= 4 && !paragraph.isEmpty {
            appendParagraphLine(first..<trimEnd(first, lineEnd))
            return line + 1
        }

        if let fence = fenceOpening(first, lineEnd) {
            closeParagraph()
            let infoStart = skipSpaces(first + fence.length, lineEnd)
            let info = text.string(in: infoStart..<trimEnd(infoStart, lineEnd))
            var languageEnd = info.startIndex
            while languageEnd < info.endIndex && !info[languageEnd].isWhitespace && info[languageEnd] != "{" { languageEnd = info.index(after: languageEnd) }
            let language = String(info[..<languageEnd]).lowercased()
            let rest = String(info[languageEnd...]).trimmingSpaces()
            let contentStart = line + 1 < text.lineTable.lineCount ? text.lineTable.lineStarts[line + 1] : text.count
            open = .fencedCode(fence: bytes[first], length: fence.length, start: range.lowerBound, contentStart: contentStart)
            openFence = (language, rest)
            openQuoteDepth = quoteDepth
            return line + 1
        }

        if let level = atxLevel(first, lineEnd) {
            closeParagraph()
            addATXHeading(level: level, markerStart: first, lineStart: range.lowerBound, lineEnd: lineEnd)
            return line + 1
        }

        if let underline = setextOrBreak(first, lineEnd) {
            // Link reference definitions at the paragraph's start are no heading text; when they are
            // all it holds, `===` is a paragraph and `---` a thematic break (CommonMark).
            if !paragraph.isEmpty && underline != 0 && !paragraphStartsListItem { takeLinkDefinitions() }
            if !paragraph.isEmpty && underline != 0 && !paragraphStartsListItem {
                let level = underline
                let lines = paragraph
                paragraph = []
                addSetextHeading(level: level, lines: lines, underlineEnd: lineEnd)
                return line + 1
            }
            if underline != 1 {
                // A thematic break: not prose.
                closeParagraph()
                return line + 1
            }
        }

        if bytes[first] == UInt8(ascii: "<"), column < 4, startHTML(at: first, lineStart: range.lowerBound, lineEnd: lineEnd) {
            return line + 1
        }

        if column == 0 && quoteDepth == 0 && isMDXStatement(first, lineEnd) {
            // Link reference definitions end where the line after them cannot continue them, so an
            // `import` after them starts a block of its own, as MDX reads it; after a paragraph's text
            // it is that paragraph's text.
            if !paragraph.isEmpty && !inList { takeLinkDefinitions() }
            if paragraph.isEmpty {
                startMDXStatement(first, lineEnd)
                return line + 1
            }
        }

        if bytes[first] == UInt8(ascii: ":") && first + 2 < lineEnd && bytes[first + 1] == UInt8(ascii: ":") && bytes[first + 2] == UInt8(ascii: ":") {
            // A Docusaurus admonition fence (`:::note Title` or `:::`); only its title is prose.
            closeParagraph()
            var index = first
            while index < lineEnd && bytes[index] == UInt8(ascii: ":") { index += 1 }
            while index < lineEnd && !ByteClass.isSpace(bytes[index]) && bytes[index] != UInt8(ascii: "[") { index += 1 }
            let titleStart = skipSpaces(index, lineEnd)
            if titleStart < lineEnd {
                appendParagraphLine(titleStart..<trimEnd(titleStart, lineEnd))
                paragraphMayHoldDefinitions = false
                closeParagraph()
            }
            return line + 1
        }

        // A footnote or abbreviation definition, which may interrupt a paragraph; not on a footnote's
        // continuation line, which is that footnote's text.
        if !continuesFootnote && labelDefinition(first, lineEnd, lineStart: range.lowerBound, quoteDepth: quoteDepth,
                                                 containerColumn: column < 4 ? 0 : column, linesStart: column < 4 ? position : first) {
            return line + 1
        }

        if let next = scanTable(line: line, first: first, lineEnd: lineEnd) {
            return next
        }

        if var contentStart = listItemContent(first, lineEnd) {
            closeParagraph()
            inList = true
            var content = skipSpaces(contentStart, lineEnd)
            // Items opened on one line (`- 1. text`): the innermost holds the content.
            while content < lineEnd, let inner = listItemContent(content, lineEnd), inner < lineEnd {
                contentStart = inner
                content = skipSpaces(inner, lineEnd)
            }
            listContentColumn = (content < lineEnd ? content : contentStart + 1) - position
            if content < lineEnd {
                // The item's first line may itself open a fence (`- ```yaml`) or a heading; keep it simple:
                // a fence opener inside an item starts code.
                if let fence = fenceOpening(content, lineEnd) {
                    let contentStartLine = line + 1 < text.lineTable.lineCount ? text.lineTable.lineStarts[line + 1] : text.count
                    let infoStart = skipSpaces(content + fence.length, lineEnd)
                    let language = text.string(in: infoStart..<trimEnd(infoStart, lineEnd)).split(separator: " ").first.map { String($0).lowercased() } ?? ""
                    open = .fencedCode(fence: bytes[content], length: fence.length, start: range.lowerBound, contentStart: contentStartLine)
                    openFence = (language, "")
                    openQuoteDepth = quoteDepth
                    return line + 1
                }
                // A footnote or abbreviation definition may open an item (`- [^1]: …`, `- *[API]: …`), as
                // a link reference definition may (`- [docs]: ../docs.md`, read off the paragraph).
                if labelDefinition(content, lineEnd, lineStart: range.lowerBound, quoteDepth: quoteDepth,
                                   containerColumn: columns(from: position, to: content), linesStart: content) {
                    return line + 1
                }
                appendParagraphLine(content..<trimEnd(content, lineEnd))
                paragraphStartsListItem = true
            }
            return line + 1
        }

        if bytes[first] == UInt8(ascii: ":") && first + 1 < lineEnd && ByteClass.isSpace(bytes[first + 1]) && column < 4 {
            // A definition-list definition (`: text`).
            closeParagraph()
            let content = skipSpaces(first + 1, lineEnd)
            appendParagraphLine(content..<trimEnd(content, lineEnd))
            return line + 1
        }

        appendParagraphLine(first..<trimEnd(first, lineEnd))
        return line + 1
    }

    /// Continues a multi-line block. Returns true when the line belongs to it.
    mutating func continueOpenBlock(line: Int, contentStart: Int, lineEnd: Int, lineStart: Int) -> Bool {
        guard hasOpenBlock else { return false }
        switch open {
        case .none:
            return false
        case .fencedCode(let fence, let length, let start, let contentBegin):
            var index = skipSpaces(contentStart, lineEnd)
            var run = 0
            while index < lineEnd && bytes[index] == fence { index += 1; run += 1 }
            if run >= length && skipSpaces(index, lineEnd) == lineEnd {
                let end = lineEnd
                document.codeBlocks.append(CodeBlock(language: openFence.language, info: openFence.info, range: start..<end, contentRange: contentBegin..<max(contentBegin, lineStart), isFenced: true))
                open = .none
            }
            return true
        case .indentedCode(let start, let end, let minimumColumn):
            let first = skipSpaces(contentStart, lineEnd)
            let column = first - contentStart
            if first == lineEnd {
                return true  // blank lines inside indented code; trailing ones are trimmed at the close
            }
            if column >= minimumColumn {
                open = .indentedCode(start: start, end: lineEnd, minimumColumn: minimumColumn)
                return true
            }
            document.codeBlocks.append(CodeBlock(language: "", info: "", range: start..<end, contentRange: start..<end, isFenced: false))
            open = .none
            return false
        case .htmlComment(let start):
            if let close = find("-->", in: contentStart..<lineEnd) {
                addComment(start..<(close + 3))
                open = .none
                let rest = skipSpaces(close + 3, lineEnd)
                if rest < lineEnd {
                    appendParagraphLine(rest..<trimEnd(rest, lineEnd))
                    paragraphMayHoldDefinitions = false
                }
            }
            return true
        case .rawHTML(let tag, _):
            if find("</\(rawHTMLTags[tag])", in: contentStart..<lineEnd, caseInsensitive: true) != nil { open = .none }
            return true
        case .htmlUntilBlank:
            if skipSpaces(contentStart, lineEnd) == lineEnd {
                open = .none
                previousLineBlank = true
                return true
            }
            collectInlineComments(contentStart..<lineEnd)
            return true
        case .htmlEnclosed(let kind, _):
            if find(Self.htmlEnclosures[kind].closer, in: contentStart..<lineEnd) != nil { open = .none }
            return true
        case .jsxTag:
            if find(UInt8(ascii: ">"), in: contentStart..<lineEnd) != nil { open = .none }
            return true
        case .mdxStatement:
            if find(UInt8(ascii: "}"), in: contentStart..<lineEnd) != nil || skipSpaces(contentStart, lineEnd) == lineEnd { open = .none }
            return true
        }
    }

    mutating func closeOpenBlock(at end: Int) {
        switch open {
        case .fencedCode(_, _, let start, let contentStart):
            document.codeBlocks.append(CodeBlock(language: openFence.language, info: openFence.info, range: start..<end, contentRange: min(contentStart, end)..<end, isFenced: true,
                                                 isClosed: false))
        case .indentedCode(let start, let codeEnd, _):
            document.codeBlocks.append(CodeBlock(language: "", info: "", range: start..<codeEnd, contentRange: start..<codeEnd, isFenced: false))
        case .htmlComment(let start):
            addComment(start..<end)
        default:
            break
        }
        open = .none
    }

    // MARK: Block starts

    func fenceOpening(_ first: Int, _ lineEnd: Int) -> (length: Int, Void)? {
        let byte = bytes[first]
        guard byte == UInt8(ascii: "`") || byte == UInt8(ascii: "~") else { return nil }
        var index = first
        while index < lineEnd && bytes[index] == byte { index += 1 }
        let length = index - first
        guard length >= 3 else { return nil }
        if byte == UInt8(ascii: "`") && find(UInt8(ascii: "`"), in: index..<lineEnd) != nil { return nil }
        return (length, ())
    }

    func atxLevel(_ first: Int, _ lineEnd: Int) -> Int? {
        var index = first
        while index < lineEnd && bytes[index] == UInt8(ascii: "#") && index - first < 7 { index += 1 }
        let level = index - first
        guard level >= 1 && level <= 6 else { return nil }
        guard index == lineEnd || ByteClass.isSpace(bytes[index]) else { return nil }
        return level
    }

    /// 1 or 2 for a setext underline (`===`, `---`), 0 for another thematic break (`***`, `___`,
    /// `- - -`), nil for neither. A `---` underline is also a thematic break when no paragraph precedes.
    func setextOrBreak(_ first: Int, _ lineEnd: Int) -> Int? {
        let byte = bytes[first]
        guard byte == UInt8(ascii: "=") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "*") || byte == UInt8(ascii: "_") else { return nil }
        var count = 0
        var hasInnerSpace = false
        var index = first
        while index < lineEnd {
            if bytes[index] == byte { count += 1 } else if ByteClass.isSpace(bytes[index]) { hasInnerSpace = true } else { return nil }
            index += 1
        }
        if byte == UInt8(ascii: "=") { return hasInnerSpace && trimEnd(first, lineEnd) - first != count ? nil : 1 }
        if byte == UInt8(ascii: "-") && !hasInnerSpace { return 2 }
        return count >= 3 ? 0 : nil
    }

    func startsListItem(_ first: Int, _ lineEnd: Int) -> Bool { listItemContent(first, lineEnd) != nil }

    func listItemContent(_ first: Int, _ lineEnd: Int) -> Int? {
        let byte = bytes[first]
        if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "*") || byte == UInt8(ascii: "+") {
            if first + 1 == lineEnd { return lineEnd }
            return ByteClass.isSpace(bytes[first + 1]) ? first + 1 : nil
        }
        var index = first
        while index < lineEnd && ByteClass.isDigit(bytes[index]) && index - first < 9 { index += 1 }
        guard index > first, index < lineEnd, bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ")") else { return nil }
        index += 1
        if index == lineEnd { return lineEnd }
        return ByteClass.isSpace(bytes[index]) ? index : nil
    }

    /// `*[ABBR]: text` (an abbreviation) or `[^note]: text` (a footnote, whose text is prose) at `first`,
    /// which may interrupt a paragraph (as GFM reads a footnote and Python-Markdown an abbreviation):
    /// recorded, and true, when the line holds one. `lineStart` is where the line starts, `quoteDepth`
    /// how many block quotes enclose it, `containerColumn` the column (after the quotes) where the
    /// content of its container starts, and `linesStart` where the definition's first line starts
    /// without the containers' markers.
    mutating func labelDefinition(_ first: Int, _ lineEnd: Int, lineStart: Int, quoteDepth: Int, containerColumn: Int, linesStart: Int) -> Bool {
        var start = first
        let isAbbreviation = bytes[start] == UInt8(ascii: "*") && start + 1 < lineEnd && bytes[start + 1] == UInt8(ascii: "[")
        if isAbbreviation { start += 1 }
        guard bytes[start] == UInt8(ascii: "[") else { return false }
        let isFootnote = !isAbbreviation && start + 1 < lineEnd && bytes[start + 1] == UInt8(ascii: "^")
        guard isAbbreviation || isFootnote else { return false }
        let labelStart = start + (isFootnote ? 2 : 1)
        var index = labelStart
        while index < lineEnd && bytes[index] != UInt8(ascii: "]") { index += 1 }
        guard index > labelStart, index + 1 < lineEnd, bytes[index + 1] == UInt8(ascii: ":") else { return false }
        closeParagraph()
        document.definitions.append(LabelDefinition(kind: isFootnote ? .footnote : .abbreviation, labelRange: labelStart..<index,
                                                    range: lineStart..<lineEnd, lines: [linesStart..<lineEnd]))
        guard isFootnote else { return true }
        openFootnote = (document.definitions.count - 1, quoteDepth, containerColumn)
        footnoteBlanks.removeAll()
        let valueStart = skipSpaces(index + 2, lineEnd)
        if valueStart < lineEnd {
            appendParagraphLine(valueStart..<trimEnd(valueStart, lineEnd))
            footnoteText = (document.definitions.count - 1, quoteDepth)
        }
        return true
    }

    /// Follows the open footnote definition over the line `range`: the line continues it when it is in
    /// the same block quotes and indented four columns past the footnote's container (the blank lines
    /// before it then belong to the footnote too); any other line that is not blank ends it. Returns
    /// whether the line continues it.
    mutating func followFootnote(_ range: ByteRange) -> Bool {
        guard let footnote = openFootnote else { return false }
        let (position, depth) = quoteMarkers(range, limit: footnote.quoteDepth)
        guard depth == footnote.quoteDepth else {
            openFootnote = nil
            return false
        }
        let (first, column) = indentation(from: position, to: range.upperBound)
        // The line from the footnote's container column on.
        let sliceStart = indentation(from: position, to: range.upperBound, upToColumn: footnote.containerColumn).first
        if first == range.upperBound {
            footnoteBlanks.append(sliceStart..<range.upperBound)
            return false
        }
        guard column >= footnote.containerColumn + 4 else {
            openFootnote = nil
            return false
        }
        document.definitions[footnote.index].lines += footnoteBlanks + [sliceStart..<range.upperBound]
        document.definitions[footnote.index].range = document.definitions[footnote.index].range.lowerBound..<range.upperBound
        footnoteBlanks.removeAll()
        return true
    }

    /// Where up to `limit` block-quote markers (`>` after at most three spaces, with a space or tab after
    /// it) at the start of `range` end, and how many there are.
    func quoteMarkers(_ range: ByteRange, limit: Int) -> (end: Int, depth: Int) {
        var position = range.lowerBound
        var depth = 0
        while depth < limit {
            var probe = position
            while probe < range.upperBound && bytes[probe] == 0x20 && probe - position < 3 { probe += 1 }
            guard probe < range.upperBound, bytes[probe] == UInt8(ascii: ">") else { break }
            probe += 1
            if probe < range.upperBound && ByteClass.isSpace(bytes[probe]) { probe += 1 }
            position = probe
            depth += 1
        }
        return (position, depth)
    }

    /// The columns from `start` to `end` on a line, a tab reaching the next multiple of four.
    func columns(from start: Int, to end: Int) -> Int {
        var column = 0
        for index in start..<end { column = Self.column(after: bytes[index], at: column) }
        return column
    }

    /// The column after `byte` written at `column`: a tab reaches the next multiple of four.
    @inline(__always)
    static func column(after byte: UInt8, at column: Int) -> Int { byte == 0x09 ? (column / 4 + 1) * 4 : column + 1 }

    /// The first byte after the spaces and tabs from `start` (stopping once `upToColumn` is reached),
    /// and its column counted from `start`.
    func indentation(from start: Int, to end: Int, upToColumn limit: Int = .max) -> (first: Int, column: Int) {
        var first = start
        var column = 0
        while column < limit && first < end && ByteClass.isSpace(bytes[first]) {
            column = Self.column(after: bytes[first], at: column)
            first += 1
        }
        return (first, column)
    }

    /// Takes the link reference definitions off the start of the paragraph, as CommonMark reads them
    /// (§4.7): each is recorded as a link and a definition, and its lines (a title's too) leave the
    /// paragraph, so they are no prose.
    mutating func takeLinkDefinitions() {
        guard paragraphMayHoldDefinitions else { return }
        var taken = 0
        while taken < paragraph.count, !paragraph[taken].isEmpty, bytes[paragraph[taken].lowerBound] == UInt8(ascii: "["),
              let found = linkDefinition(at: taken) {
            let lines = paragraph[taken..<(taken + found.lineCount)]
            let first = lines.first!
            let lineStart = text.lineTable.lineStarts[text.line(of: first.lowerBound)]
            document.links.append(Link(kind: .definition, textRange: found.label, destination: text.string(in: found.destination),
                                       destinationRange: found.destination, range: first.lowerBound..<lines.last!.upperBound))
            // Later lines without their quote markers, indentation kept.
            let written = [first] + lines.dropFirst().map { line in
                quoteMarkers(text.lineTable.lineStarts[text.line(of: line.lowerBound)]..<line.lowerBound, limit: .max).end..<line.upperBound
            }
            document.definitions.append(LabelDefinition(kind: .link, labelRange: found.label, range: lineStart..<lines.last!.upperBound, lines: written))
            taken += found.lineCount
        }
        if taken > 0 { paragraph.removeFirst(taken) }
    }

    /// The link reference definition that starts paragraph line `from`: how many lines it takes, its
    /// label (between the brackets, over lines if it runs over them) and its destination (inside angle
    /// brackets). Nil when there is none: a label, a colon, a destination on that line or the next, and
    /// an optional title in quotes or parentheses, after spaces or on the next line, running over lines
    /// as long as the paragraph does, and nothing after it on its line. A title that is no title on
    /// the line after the destination is no part of the definition, which ends with the destination;
    /// one that is no title on the destination's line leaves no definition (CommonMark §4.7).
    func linkDefinition(at from: Int) -> (lineCount: Int, label: ByteRange, destination: ByteRange)? {
        var line = from
        var index = paragraph[line].lowerBound
        var end = paragraph[line].upperBound
        /// Moves to the start of the paragraph's next line (lines hold no leading or trailing spaces).
        func nextLine() -> Bool {
            guard line + 1 < paragraph.count else { return false }
            line += 1
            index = paragraph[line].lowerBound
            end = paragraph[line].upperBound
            return true
        }
        guard index < end, bytes[index] == UInt8(ascii: "[") else { return nil }
        index += 1
        let labelStart = index
        var length = 0
        var hasContent = false
        while true {
            guard length <= 999 else { return nil }
            if index == end {
                guard nextLine() else { return nil }
                length += 1
                continue
            }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\") && index + 1 < end && ByteClass.isASCIIPunctuation(bytes[index + 1]) {
                index += 2
                length += 2
                hasContent = true
                continue
            }
            if byte == UInt8(ascii: "[") { return nil }
            if byte == UInt8(ascii: "]") { break }
            if !ByteClass.isSpace(byte) { hasContent = true }
            index += 1
            // CommonMark's 999 counts characters: a UTF-8 continuation byte adds none.
            if !UTF8Scalars.isContinuation(byte) { length += 1 }
        }
        let label = labelStart..<index
        index += 1
        guard hasContent, index < end, bytes[index] == UInt8(ascii: ":") else { return nil }
        index = skipSpaces(index + 1, end)
        if index == end { guard nextLine(), index < end else { return nil } }

        let destination: ByteRange
        if bytes[index] == UInt8(ascii: "<") {
            // `<…>`: anything but a line break and unescaped angle brackets.
            var close = index + 1
            while close < end && bytes[close] != UInt8(ascii: ">") {
                if bytes[close] == UInt8(ascii: "<") { return nil }
                close += bytes[close] == UInt8(ascii: "\\") && close + 1 < end ? 2 : 1
            }
            guard close < end else { return nil }
            destination = (index + 1)..<close
            index = close + 1
        } else {
            // No spaces or control characters; parentheses only escaped or balanced.
            var stop = index
            var depth = 0
            scan: while stop < end && bytes[stop] > 0x20 && bytes[stop] != 0x7F {
                switch bytes[stop] {
                case UInt8(ascii: "\\") where stop + 1 < end && ByteClass.isASCIIPunctuation(bytes[stop + 1]): stop += 1
                case UInt8(ascii: "("): depth += 1
                case UInt8(ascii: ")"):
                    if depth == 0 { break scan }
                    depth -= 1
                default: break
                }
                stop += 1
            }
            guard stop > index, depth == 0 else { return nil }
            destination = index..<stop
            index = stop
        }
        let destinationLine = line
        let afterDestination = skipSpaces(index, end)
        // A title is separated from the destination by spaces or a line break.
        guard afterDestination == end || afterDestination > index else { return nil }
        let endsAtDestination = afterDestination == end
        index = afterDestination
        if index == end && !nextLine() { return (line - from + 1, label, destination) }

        let open = index < end ? bytes[index] : 0
        if open == UInt8(ascii: "\"") || open == UInt8(ascii: "'") || open == UInt8(ascii: "(") {
            let close = open == UInt8(ascii: "(") ? UInt8(ascii: ")") : open
            index += 1
            while true {
                if index == end {
                    guard nextLine() else { break }
                    continue
                }
                let byte = bytes[index]
                if byte == UInt8(ascii: "\\") && index + 1 < end && ByteClass.isASCIIPunctuation(bytes[index + 1]) {
                    index += 2
                    continue
                }
                if byte == close {
                    if skipSpaces(index + 1, end) == end { return (line - from + 1, label, destination) }
                    break
                }
                if open == UInt8(ascii: "(") && byte == open { break }
                index += 1
            }
        }
        return endsAtDestination ? (destinationLine - from + 1, label, destination) : nil
    }

    /// CommonMark HTML blocks 5, 3 and 4: a CDATA section, a processing instruction (`<?php … ?>`)
    /// and a declaration (`<!DOCTYPE html>`, a letter after `<!`), each up to its closer.
    static let htmlEnclosures: [(opener: StaticString, closer: String)] = [("<![CDATA[", "]]>"), ("<?", "?>"), ("<!", ">")]

    /// Starts an HTML block, an HTML comment or a JSX tag line. Returns false when the `<` is not one.
    mutating func startHTML(at first: Int, lineStart: Int, lineEnd: Int) -> Bool {
        if !isMDX, let kind = Self.htmlEnclosures.indices.first(where: { matches(Self.htmlEnclosures[$0].opener, at: first, lineEnd) }),
           kind != 2 || (first + 2 < lineEnd && ByteClass.isASCIILetter(bytes[first + 2])) {
            let enclosure = Self.htmlEnclosures[kind]
            closeParagraph()
            if find(enclosure.closer, in: (first + enclosure.opener.utf8CodeUnitCount)..<lineEnd) == nil { open = .htmlEnclosed(kind: kind, start: first) }
            return true
        }
        if matches("<!--", at: first, lineEnd) {
            if let close = find("-->", in: (first + 4)..<lineEnd) {
                let rest = skipSpaces(close + 3, lineEnd)
                if rest < lineEnd {
                    // `<!-- comment --> text`: the comment is inline in a paragraph.
                    return false
                }
                closeParagraph()
                addComment(first..<(close + 3))
                return true
            }
            closeParagraph()
            open = .htmlComment(start: first)
            return true
        }
        var index = first + 1
        let isClosing = index < lineEnd && bytes[index] == UInt8(ascii: "/")
        if isClosing { index += 1 }
        let nameStart = index
        while index < lineEnd && (ByteClass.isASCIIAlphanumeric(bytes[index]) || bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ":")) { index += 1 }
        guard index > nameStart, ByteClass.isASCIILetter(bytes[nameStart]) else {
            if isMDX && index == nameStart && index < lineEnd && bytes[index] == UInt8(ascii: ">") {
                // A JSX fragment `<>` or `</>`.
                closeParagraph()
                return true
            }
            return false
        }
        guard index == lineEnd || ByteClass.isSpace(bytes[index]) || bytes[index] == UInt8(ascii: ">") || bytes[index] == UInt8(ascii: "/") else { return false }
        let name = text.string(in: nameStart..<index)
        let lowerName = name.lowercased()
        let isComponent = bytes[nameStart] >= UInt8(ascii: "A") && bytes[nameStart] <= UInt8(ascii: "Z")
        if let tag = rawHTMLTags.firstIndex(of: lowerName), !isClosing {
            closeParagraph()
            if find("</\(lowerName)", in: index..<lineEnd, caseInsensitive: true) == nil {
                open = .rawHTML(tag: tag, start: first)
            }
            return true
        }
        if isComponent {
            // A JSX component: the tag is not prose, but Markdown between tags is (MDX).
            closeParagraph()
            if !tagCloses(from: index, lineEnd) { open = .jsxTag(start: first) } else {
                // Text after a one-line component tag, e.g. `<Tab>Some text</Tab>`, stays non-prose.
            }
            return true
        }
        if blockHTMLTags.contains(lowerName) {
            closeParagraph()
            collectInlineComments(first..<lineEnd)
            open = .htmlUntilBlank(start: first)
            return true
        }
        guard paragraph.isEmpty, tagCloses(from: index, lineEnd) else { return false }
        // Any other complete tag alone at the start of a block opens an HTML block (CommonMark type 7).
        var afterTag = index
        while afterTag < lineEnd && bytes[afterTag] != UInt8(ascii: ">") { afterTag += 1 }
        if skipSpaces(afterTag + 1, lineEnd) < lineEnd && !isMDX { return false }
        open = .htmlUntilBlank(start: first)
        return true
    }

    func tagCloses(from index: Int, _ lineEnd: Int) -> Bool {
        ByteClass.tagEnd(bytes, from: index, to: lineEnd, stopAtOpenAngle: false) != nil
    }

    /// `import X from 'y'` and `export const …`; prose rarely starts with these words followed by code
    /// punctuation, so one is required on the line.
    func isMDXStatement(_ first: Int, _ lineEnd: Int) -> Bool {
        guard matches("import ", at: first, lineEnd) || matches("export ", at: first, lineEnd) else { return false }
        let line = text.string(in: first..<lineEnd)
        return line.contains("from ") || line.contains("{") || line.contains("=") || line.contains("'") || line.contains("\"") || line.hasSuffix(";")
    }

    /// An MDX `import` or `export` statement at the start of a block (`isMDXStatement`), which is no
    /// prose; one with an unclosed brace runs on until it closes.
    mutating func startMDXStatement(_ first: Int, _ lineEnd: Int) {
        closeParagraph()
        if find(UInt8(ascii: "{"), in: first..<lineEnd) != nil && find(UInt8(ascii: "}"), in: first..<lineEnd) == nil {
            open = .mdxStatement(start: first)
        }
    }

    /// A table: a header row with `|`, then a delimiter row. Consumes the whole table.
    /// A table may follow link reference definitions, as GFM reads a table whose header row ends a paragraph.
    mutating func scanTable(line: Int, first: Int, lineEnd: Int) -> Int? {
        guard line + 1 < text.lineTable.lineCount, find(UInt8(ascii: "|"), in: first..<lineEnd) != nil else { return nil }
        let delimiter = text.lineRange(line + 1)
        guard isDelimiterRow(delimiter) else { return nil }
        if let start = paragraph.first?.lowerBound, start != definitionsTriedBeforeTable {
            // Tried once per paragraph start, so that table-like lines cost no parse each.
            definitionsTriedBeforeTable = start
            takeLinkDefinitions()
        }
        guard paragraph.isEmpty else { return nil }
        var rows: [[ByteRange]] = [cells(first..<lineEnd)]
        var current = line + 2
        var end = delimiter.upperBound
        while current < text.lineTable.lineCount {
            let range = text.lineRange(current)
            let rowStart = skipSpaces(range.lowerBound, range.upperBound)
            if rowStart == range.upperBound || find(UInt8(ascii: "|"), in: rowStart..<range.upperBound) == nil { break }
            rows.append(cells(rowStart..<range.upperBound))
            end = range.upperBound
            current += 1
        }
        for row in rows {
            for cell in row {
                let blockIndex = document.proseBlocks.count
                document.proseBlocks.append(ProseBlock(kind: .tableCell, range: cell))
                InlineScanner.scan(line: cell, block: blockIndex, bytes: bytes, isMDX: isMDX, into: &document)
            }
        }
        document.tables.append(Table(range: text.lineTable.lineStarts[line]..<end, rows: rows))
        previousLineBlank = false
        return current
    }

    func isDelimiterRow(_ range: ByteRange) -> Bool {
        var sawDash = false
        var sawPipe = false
        for index in range {
            switch bytes[index] {
            case UInt8(ascii: "-"): sawDash = true
            case UInt8(ascii: "|"): sawPipe = true
            case UInt8(ascii: ":"), 0x20, 0x09: continue
            default: return false
            }
        }
        return sawDash && sawPipe
    }

    /// Splits a table row into cell content ranges at unescaped pipes outside code spans.
    func cells(_ range: ByteRange) -> [ByteRange] {
        var result: [ByteRange] = []
        var start = range.lowerBound
        var end = trimEnd(range.lowerBound, range.upperBound)
        if start < end && bytes[start] == UInt8(ascii: "|") { start += 1 }
        if end > start && bytes[end - 1] == UInt8(ascii: "|") && (end - 2 < start || bytes[end - 2] != UInt8(ascii: "\\")) { end -= 1 }
        var cellStart = start
        var index = start
        var inCode = false
        while index <= end {
            if index == end || (bytes[index] == UInt8(ascii: "|") && !inCode && (index == start || bytes[index - 1] != UInt8(ascii: "\\"))) {
                let contentStart = skipSpaces(cellStart, index)
                result.append(contentStart..<trimEnd(contentStart, index))
                cellStart = index + 1
            } else if bytes[index] == UInt8(ascii: "`") {
                inCode.toggle()
            }
            index += 1
        }
        return result
    }

    // MARK: Paragraphs and headings

    mutating func appendParagraphLine(_ range: ByteRange) {
        if paragraph.isEmpty {
            paragraphStartsListItem = false
            paragraphQuoteDepth = lineQuoteDepth
            paragraphMayHoldDefinitions = true
            footnoteText = nil
        } else if let footnote = footnoteText, document.definitions[footnote.index].range.upperBound < range.upperBound {
            // A lazy line (an indented one is already the footnote's, from `followFootnote`), after the
            // footnote's quote markers, its indentation kept: `    [^x]: …` stays text when it moves.
            let line = text.lineRange(text.line(of: range.lowerBound))
            let start = min(quoteMarkers(line, limit: footnote.quoteDepth).end, range.lowerBound)
            document.definitions[footnote.index].lines.append(start..<range.upperBound)
            document.definitions[footnote.index].range = document.definitions[footnote.index].range.lowerBound..<line.upperBound
        }
        paragraph.append(range)
    }

    mutating func closeParagraph() {
        guard !paragraph.isEmpty else { return }
        takeLinkDefinitions()
        guard !paragraph.isEmpty else {
            paragraphStartsListItem = false
            return
        }
        let blockIndex = document.proseBlocks.count
        document.proseBlocks.append(ProseBlock(kind: .paragraph, range: paragraph.first!.lowerBound..<paragraph.last!.upperBound))
        InlineScanner.scan(lines: paragraph, block: blockIndex, bytes: bytes, isMDX: isMDX, scratch: &inlineScratch, into: &document)
        paragraph.removeAll(keepingCapacity: true)
        paragraphStartsListItem = false
    }

    mutating func addATXHeading(level: Int, markerStart: Int, lineStart: Int, lineEnd: Int) {
        var start = skipSpaces(markerStart + level, lineEnd)
        var end = trimEnd(start, lineEnd)
        // Closing hashes (`## Title ##`) go when preceded by a space.
        var hashes = end
        while hashes > start && bytes[hashes - 1] == UInt8(ascii: "#") { hashes -= 1 }
        if hashes < end && (hashes == start || ByteClass.isSpace(bytes[hashes - 1])) { end = trimEnd(start, hashes) }
        if start > end { start = end }
        addHeading(level: level, lines: [start..<end], range: lineStart..<lineEnd)
    }

    mutating func addSetextHeading(level: Int, lines: [ByteRange], underlineEnd: Int) {
        addHeading(level: level, lines: lines, range: text.lineTable.lineStarts[text.line(of: lines[0].lowerBound)]..<underlineEnd)
    }

    mutating func addHeading(level: Int, lines: [ByteRange], range: ByteRange) {
        var textRange = lines.first!.lowerBound..<lines.last!.upperBound
        var anchor: String?
        // `{#custom-id}` at the end sets the anchor (Docusaurus, pandoc).
        if let last = lines.last, last.count >= 4, bytes[last.upperBound - 1] == UInt8(ascii: "}"),
           let open = findLast("{#", in: last) {
            anchor = text.string(in: (open + 2)..<(last.upperBound - 1))
            textRange = textRange.lowerBound..<trimEnd(textRange.lowerBound, open)
        }
        let blockIndex = document.proseBlocks.count
        document.proseBlocks.append(ProseBlock(kind: .heading(level: level), range: textRange))
        let headingText: String
        if lines.count == 1 {
            let line = lines[0].lowerBound..<min(lines[0].upperBound, textRange.upperBound)
            headingText = text.string(in: line)
            InlineScanner.scan(line: line, block: blockIndex, bytes: bytes, isMDX: isMDX, into: &document)
        } else {
            var headingLines = lines
            headingLines[headingLines.count - 1] = headingLines[headingLines.count - 1].lowerBound..<min(headingLines[headingLines.count - 1].upperBound, textRange.upperBound)
            headingText = headingLines.map { text.string(in: $0) }.joined(separator: " ")
            InlineScanner.scan(lines: headingLines, block: blockIndex, bytes: bytes, isMDX: isMDX, scratch: &inlineScratch, into: &document)
        }
        document.headings.append(Heading(level: level, text: headingText, range: range, textRange: textRange,
                                         anchor: anchor ?? MarkdownText.slug(headingText), sectionRange: range))
    }

    /// Sets each heading's section range, and makes duplicate anchors unique as GitHub does (`-1`, `-2`).
    mutating func finishHeadings() {
        // Headings whose section is still open, by increasing level; a heading closes every open one of
        // the same or a deeper level.
        var open: [Int] = []
        for index in document.headings.indices {
            let heading = document.headings[index]
            while let last = open.last, document.headings[last].level >= heading.level {
                document.headings[last].sectionRange = document.headings[last].range.lowerBound..<heading.range.lowerBound
                open.removeLast()
            }
            open.append(index)
        }
        for index in open {
            document.headings[index].sectionRange = document.headings[index].range.lowerBound..<text.count
        }
        // Most pages have no two equal anchors: a set of 64-bit hashes of the anchors' bytes finds the
        // ones that may repeat without hashing every anchor as a String.
        var hashes = Set<UInt64>(minimumCapacity: document.headings.count)
        var mayRepeat = false
        for heading in document.headings where !hashes.insert(MarkdownText.fnv1a(heading.anchor)).inserted {
            mayRepeat = true
            break
        }
        guard mayRepeat else { return }
        var seen: [String: Int] = [:]
        for index in document.headings.indices {
            let anchor = document.headings[index].anchor
            if let count = seen[anchor] {
                document.headings[index].anchor = "\(anchor)-\(count)"
                seen[anchor] = count + 1
            } else {
                seen[anchor] = 1
            }
        }
    }

    mutating func addComment(_ range: ByteRange) {
        let contentStart = min(range.lowerBound + 4, range.upperBound)
        var contentEnd = range.upperBound
        if contentEnd - contentStart >= 3, bytes[contentEnd - 1] == UInt8(ascii: ">"), bytes[contentEnd - 2] == UInt8(ascii: "-"), bytes[contentEnd - 3] == UInt8(ascii: "-") { contentEnd -= 3 }
        document.htmlComments.append(HTMLComment(range: range, content: text.string(in: contentStart..<contentEnd).trimmingSpaces()))
    }

    mutating func collectInlineComments(_ range: ByteRange) {
        var index = range.lowerBound
        while let open = find("<!--", in: index..<range.upperBound) {
            guard let close = find("-->", in: (open + 4)..<range.upperBound) else { break }
            addComment(open..<(close + 3))
            index = close + 3
        }
    }

    // MARK: Byte helpers

    func skipSpaces(_ start: Int, _ end: Int) -> Int {
        var index = start
        while index < end && ByteClass.isSpace(bytes[index]) { index += 1 }
        return index
    }

    func trimEnd(_ start: Int, _ end: Int) -> Int {
        var index = end
        while index > start && ByteClass.isSpace(bytes[index - 1]) { index -= 1 }
        return index
    }

    func matches(_ literal: StaticString, at index: Int, _ end: Int) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard index + count <= end else { return false }
        let pointer = literal.utf8Start
        for offset in 0..<count where bytes[index + offset] != pointer[offset] { return false }
        return true
    }

    func find(_ byte: UInt8, in range: ByteRange) -> Int? {
        var index = range.lowerBound
        while index < range.upperBound {
            if bytes[index] == byte { return index }
            index += 1
        }
        return nil
    }

    func find(_ needle: String, in range: ByteRange, caseInsensitive: Bool = false) -> Int? {
        let pattern = Array(needle.utf8)
        guard !pattern.isEmpty, range.count >= pattern.count else { return nil }
        var index = range.lowerBound
        let last = range.upperBound - pattern.count
        while index <= last {
            var offset = 0
            while offset < pattern.count {
                let byte = caseInsensitive ? ByteClass.lowercased(bytes[index + offset]) : bytes[index + offset]
                if byte != pattern[offset] { break }
                offset += 1
            }
            if offset == pattern.count { return index }
            index += 1
        }
        return nil
    }

    func findLast(_ needle: String, in range: ByteRange) -> Int? {
        let pattern = Array(needle.utf8)
        guard range.count >= pattern.count else { return nil }
        var index = range.upperBound - pattern.count
        while index >= range.lowerBound {
            if (0..<pattern.count).allSatisfy({ bytes[index + $0] == pattern[$0] }) { return index }
            index -= 1
        }
        return nil
    }
}

extension String {
    func trimmingSpaces() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}

extension Array {
    /// This array with a capacity close to its count. Arrays grow by doubling, so one built by appending
    /// keeps up to half its memory unused; long-lived ones are worth a copy.
    func compacted() -> [Element] {
        guard capacity > count + count / 8 + 16 else { return self }
        return [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            _ = buffer.initialize(from: self)
            initialized = count
        }
    }
}
