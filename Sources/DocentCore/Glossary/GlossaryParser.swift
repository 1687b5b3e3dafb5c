/// Reads one glossary file in any supported layout. Never fails: a file in no recognisable layout
/// yields no entries and a problem saying so.
public enum GlossaryParser {
    public static func parse(_ text: SourceText, path: String, format: GlossaryFormat? = nil) -> GlossaryFile {
        parse(text, document: MarkdownScanner.scan(text, isMDX: path.lowercased().hasSuffix(".mdx")), path: path, format: format)
    }

    /// `parse` for a text already scanned (a workspace document), so it is not scanned twice.
    public static func parse(_ text: SourceText, document: MarkdownDocument, path: String, format: GlossaryFormat? = nil) -> GlossaryFile {
        let chosen = format ?? detectFormat(text, document: document, path: path)
        var context = GlossaryParsingContext(text: text, document: document, path: path, format: chosen)
        switch chosen {
        case .headings: HeadingGlossaryLayout.read(&context)
        case .table: TableGlossaryLayout.read(&context)
        case .termLines: TermLineGlossaryLayout.read(&context)
        case .bullets: BulletGlossaryLayout.read(&context)
        case .definitionList: DefinitionListGlossaryLayout.read(&context)
        case .termFile: TermFileGlossaryLayout.read(&context)
        case .abbreviations: AbbreviationGlossaryLayout.read(&context)
        }
        // A redirect's link anchor that names an entry of the file names the target, whatever the
        // link's text says.
        for (index, anchor) in context.redirectAnchors.sorted(by: { $0.key < $1.key }) {
            guard let target = context.entries.firstIndex(where: { $0.anchor?.lowercased() == anchor.lowercased() }), target != index,
                  context.entries[index].preferredTerm != nil else { continue }
            context.entries[index].preferredTerm = context.entries[target].term
        }
        reportUnclosedFences(&context)
        if context.entries.isEmpty {
            // An empty glossary too: every term check is off while it stays empty.
            let message = text.string.contains(where: { !$0.isWhitespace }) ? "No glossary entries found (read as \(chosen.rawValue) layout)" : "The glossary is empty"
            context.problems.append(GlossaryProblem(kind: .syntax, message: message, range: 0..<min(text.count, text.lineRange(0).upperBound)))
        }
        var anchorLines: [String: Int] = [:]
        for heading in document.headings where anchorLines[heading.anchor.lowercased()] == nil {
            anchorLines[heading.anchor.lowercased()] = text.line(of: heading.range.lowerBound)
        }
        return GlossaryFile(path: path, format: chosen, entries: context.entries, problems: context.problems,
                            anchors: Set(document.headings.map(\.anchor)), anchorLines: anchorLines)
    }

    /// A code fence that is never closed runs to the end of the file (CommonMark): every renderer shows
    /// the rest of the glossary as code, and no entry in it is read. Reported at the fence's line.
    static func reportUnclosedFences(_ context: inout GlossaryParsingContext) {
        let bytes = context.text.bytes
        for block in context.document.codeBlocks where block.isFenced && !block.isClosed {
            let line = context.trim(context.text.lineRange(context.text.line(of: block.range.lowerBound)))
            var start = line.lowerBound
            while start < line.upperBound && bytes[start] != UInt8(ascii: "`") && bytes[start] != UInt8(ascii: "~") { start += 1 }
            var end = start
            while end < line.upperBound && bytes[end] == bytes[start] { end += 1 }
            let fence = start < end ? String(decoding: bytes[start..<end], as: UTF8.self) : "```"
            context.problems.append(GlossaryProblem(
                kind: .syntax, message: "This code fence is never closed, so the rest of the file is read as code and no glossary entry after it is read; close it with a \(fence) line",
                range: start < end ? start..<line.upperBound : line))
        }
    }

    /// Picks the layout a file is written in from its shape (and, for a front matter with only a
    /// `title`, its name: an `index.md` or `README.md` is a folder's page, not one term's).
    public static func detectFormat(_ text: SourceText, document: MarkdownDocument, path: String = "") -> GlossaryFormat {
        if let frontMatter = document.frontMatter,
           frontMatter.entry("short_description") != nil || (frontMatter.entry("aka") != nil && frontMatter.entry("title") != nil) || document.htmlComments.contains(where: { $0.content == "more" }) {
            return .termFile
        }
        var abbreviationLines = 0
        var boldBullets = 0
        var definitionLines = 0
        var contentLines = 0
        let bodyStart = document.frontMatter.map { text.line(of: $0.range.upperBound) } ?? 0
        for line in bodyStart..<text.lineTable.lineCount {
            let content = text.string(in: text.lineRange(line)).trimmingSpaces()
            if content.isEmpty { continue }
            contentLines += 1
            if content.hasPrefix("*["), content.contains("]:") { abbreviationLines += 1 }
            if content.hasPrefix("- **") || content.hasPrefix("* **") { boldBullets += 1 }
            if content.hasPrefix(": ") || content.hasPrefix(":\t") { definitionLines += 1 }
        }
        if abbreviationLines >= 1 && abbreviationLines * 2 >= contentLines { return .abbreviations }
        if document.tables.contains(where: { TableGlossaryLayout.termColumns(of: $0, in: text) != nil }) { return .table }
        let entryHeadings = HeadingGlossaryLayout.entryHeadings(of: document.headings)
        let entryLevel = entryHeadings.first?.level ?? 0
        if entryLevel >= 2 && entryHeadings.count >= 2 { return .headings }
        if boldBullets >= 2 { return .bullets }
        if definitionLines >= 1 { return .definitionList }
        // `#` headings as entries: a glossary of `# Term` headings, or one file per term.
        if entryLevel == 1 && entryHeadings.count >= 2 { return .headings }
        if entryHeadings.count == 1 && boldBullets == 0 {
            // A lone `#` heading above text copied from a rendered page is its title, not an entry.
            if entryLevel == 1 {
                let headingLines = Set(document.headings.map { text.line(of: $0.range.lowerBound) })
                if termLineEntries(text, document: document).contains(where: { !headingLines.contains($0.line) }) { return .termLines }
            }
            return .headings
        }
        // One file per term whose front matter has only its `title` (`title: DocHub`, then the
        // definition): when the body reads as no other layout, and the title names no glossary page.
        if let title = document.frontMatter?.string("title")?.trimmingSpaces(), !title.isEmpty, !HeadingGlossaryLayout.isPageTitle(title),
           !isFolderPage(path), termLineEntries(text, document: document).isEmpty {
            return .termFile
        }
        return .termLines
    }

    /// Whether a file is a folder's own page (`index.md`, `_index.md`, `README.md`).
    static func isFolderPage(_ path: String) -> Bool {
        let name = path.split(separator: "/").last.map { $0.lowercased() } ?? ""
        let stem = name.split(separator: ".").first.map(String.init) ?? ""
        return ["index", "_index", "readme"].contains(stem)
    }

    /// The entries the term-lines layout reads.
    static func termLineEntries(_ text: SourceText, document: MarkdownDocument) -> [GlossaryEntry] {
        var probe = GlossaryParsingContext(text: text, document: document, path: "", format: .termLines)
        TermLineGlossaryLayout.read(&probe)
        return probe.entries
    }
}

/// What a layout reader works with and produces.
struct GlossaryParsingContext {
    let text: SourceText
    let document: MarkdownDocument
    let path: String
    let format: GlossaryFormat
    var entries: [GlossaryEntry] = []
    var problems: [GlossaryProblem] = []
    /// For redirects made by a link into the same file (`Known as [the new name](#blueprints)`): the
    /// link's anchor, by entry index. An entry with that anchor is the redirect's target.
    var redirectAnchors: [Int: String] = [:]
    /// The document's inline and reference links, sorted by position, for finding a definition's links
    /// by binary search (a glossary with many entries must not rescan every link per entry).
    let sortedLinks: [Link]

    init(text: SourceText, document: MarkdownDocument, path: String, format: GlossaryFormat) {
        self.text = text
        self.document = document
        self.path = path
        self.format = format
        self.sortedLinks = document.links.filter { $0.kind == .inline || $0.kind == .reference }.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    var reader: DefinitionReader { DefinitionReader(text: text) }

    func links(in range: ByteRange) -> ArraySlice<Link> {
        var low = 0, high = sortedLinks.count
        while low < high {
            let middle = (low + high) / 2
            if sortedLinks[middle].range.lowerBound < range.lowerBound { low = middle + 1 } else { high = middle }
        }
        var end = low
        while end < sortedLinks.count && sortedLinks[end].range.lowerBound < range.upperBound { end += 1 }
        return sortedLinks[low..<end]
    }

    /// Builds an entry from a raw term (with qualifier and AKA) and its definition lines.
    mutating func addEntry(rawTerm: String, termRange: ByteRange, definitionLines: [ByteRange], range: ByteRange,
                           anchor: String?, extraAliases: [GlossaryAlias] = [], details: String? = nil, tags: [String] = [],
                           sensesOverride: [String]? = nil) {
        let (term, qualifier, aka) = DefinitionReader.splitTerm(rawTerm)
        guard !term.isEmpty else {
            problems.append(GlossaryProblem(kind: .missingTerm, message: "Glossary entry has no term", range: termRange))
            return
        }
        var (senses, preamble) = sensesOverride.map { ($0, nil) } ?? reader.senses(fromLines: definitionLines)
        // A `:` line with nothing after it is no sense: the entry has no definition (`glossary-empty`).
        senses.removeAll { $0.trimmingSpaces().isEmpty }
        let nonEmpty = definitionLines.filter { !$0.isEmpty }
        let definitionRange = nonEmpty.isEmpty ? termRange.upperBound..<termRange.upperBound : nonEmpty.first!.lowerBound..<nonEmpty.last!.upperBound
        var aliases = aka.map { GlossaryAlias(name: $0, kind: .aka, range: reader.locate($0, in: termRange)) }
        let names = reader.names(term: term, senses: senses, definitionRange: definitionRange)
        aliases += names.aliases
        aliases += extraAliases
        var expansion = names.expansion
        // "Cloud Native Computing Foundation (AKA CNCF)": the term is the expansion of its abbreviation.
        if expansion == nil, DefinitionReader.isAbbreviation(term), let first = senses.first, first.split(separator: " ").count <= 8 {
            let phrase = DefinitionReader.phrase(after: 0, in: MarkdownText.plainText(first), maximumWords: 8) ?? ""
            if DefinitionReader.initialsMatch(abbreviation: term, phrase: phrase) { expansion = phrase }
        }
        let references = links(in: definitionRange).map { link in
            GlossaryReference(text: MarkdownText.plainText(text.string(in: link.textRange)), destination: link.destination, range: link.range)
        }
        var preferred = names.preferred
        if let anchor = names.preferredAnchor { redirectAnchors[entries.count] = anchor }
        if let target = preferred, target.lowercased() == term.lowercased() {
            // "Loop: See Loop." would make the term a discouraged name of itself.
            problems.append(GlossaryProblem(kind: .syntax, message: "“\(term)” refers to itself; a redirect (See, Known as, Alternative term for) must name another entry",
                                            range: definitionRange.isEmpty ? termRange : definitionRange))
            preferred = nil
        }
        var allDetails = [preamble, details].compactMap { $0 }.joined(separator: "\n\n")
        if allDetails.isEmpty { allDetails = "" }
        entries.append(GlossaryEntry(
            term: term, qualifier: qualifier, senses: senses, details: allDetails.isEmpty ? nil : allDetails, aliases: aliases,
            preferredTerm: preferred, expansion: expansion, references: references, tags: tags,
            file: path, format: format, termRange: termRange, range: range, definitionRange: definitionRange,
            line: text.line(of: termRange.lowerBound), anchor: anchor))
    }

    /// The content ranges of the lines in `range` with leading and trailing whitespace removed; blank
    /// lines become empty ranges. `indent` more spaces are stripped from continuation lines.
    func lines(in range: ByteRange) -> [ByteRange] {
        guard !range.isEmpty else { return [] }
        var result: [ByteRange] = []
        var line = text.line(of: range.lowerBound)
        while line < text.lineTable.lineCount {
            let lineRange = text.lineRange(line)
            if lineRange.lowerBound >= range.upperBound { break }
            let start = max(lineRange.lowerBound, range.lowerBound)
            let end = min(lineRange.upperBound, range.upperBound)
            result.append(trim(start..<max(start, end)))
            line += 1
        }
        while let last = result.last, last.isEmpty { result.removeLast() }
        while let first = result.first, first.isEmpty { result.removeFirst() }
        return result
    }

    func trim(_ range: ByteRange) -> ByteRange { ByteClass.trimmingWhitespace(range, in: text.bytes) }

    /// The body of the file: after front matter.
    var bodyStartLine: Int {
        guard let frontMatter = document.frontMatter else { return 0 }
        return frontMatter.range.upperBound >= text.count ? text.lineTable.lineCount : text.line(of: frontMatter.range.upperBound)
    }

    /// Whether a line falls inside a fenced or indented code block.
    func isInCode(_ offset: Int) -> Bool {
        document.codeBlocks.contains { $0.range.contains(offset) }
    }
}
