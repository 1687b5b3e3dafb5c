/// What the scanner learns about one Markdown or MDX document. Every range is a byte range into the
/// `SourceText` the document was scanned from.
public struct MarkdownDocument: Sendable {
    public var frontMatter: FrontMatter?
    /// Headings in document order (ATX and setext).
    public var headings: [Heading] = []
    /// The blocks that hold prose: paragraphs, headings, table cells, list items' paragraphs.
    public var proseBlocks: [ProseBlock] = []
    /// The byte ranges where terms are looked for, in document order. Never code, URLs, link targets,
    /// HTML, front matter, MDX import/export lines or JSX tags.
    public var proseSpans: [ProseSpan] = []
    public var codeBlocks: [CodeBlock] = []
    public var codeSpans: [ByteRange] = []
    public var links: [Link] = []
    /// Link reference, footnote and abbreviation definitions, in document order, wherever they are
    /// written (at the top level, in a block quote, in a list item), each with all the lines it takes.
    public var definitions: [LabelDefinition] = []
    /// HTML comments, block or inline, with their content (suppression comments live here).
    public var htmlComments: [HTMLComment] = []
    /// Tables, as rows of cell ranges (the header row first; the delimiter row left out).
    public var tables: [Table] = []

    public init() {}

    /// Where a page's title comes from, as site generators read it (Docusaurus, MkDocs): a
    /// front-matter `title` wins over the first level-1 heading, which wins over the first heading.
    public enum TitleSource: Sendable {
        case frontMatter(FrontMatterEntry)
        case heading(Heading)
    }

    /// Where the page's title comes from; nil for a page with neither a front-matter `title` nor a heading.
    public var titleSource: TitleSource? {
        if let title = frontMatter?.string("title"), !title.isEmpty, let entry = frontMatter?.entry("title") { return .frontMatter(entry) }
        return (headings.first { $0.level == 1 } ?? headings.first).map { .heading($0) }
    }

    /// The title of the page (`titleSource`): front matter `title`, else the first level-1 heading,
    /// else the first heading.
    public var title: String? {
        switch titleSource {
        case .frontMatter: frontMatter?.string("title")
        case .heading(let heading): heading.text
        case nil: nil
        }
    }

    /// The heading a byte offset sits under (the last heading starting at or before it).
    public func heading(containing offset: Int) -> Heading? {
        var result: Heading?
        for heading in headings {
            if heading.range.lowerBound > offset { break }
            result = heading
        }
        return result
    }
}

public struct Heading: Hashable, Sendable {
    public var level: Int
    /// The heading's text, inline markup kept as written, `{#id}` and closing hashes removed.
    public var text: String
    /// The whole heading: its line (ATX) or lines with the underline (setext).
    public var range: ByteRange
    /// The heading's text in the source.
    public var textRange: ByteRange
    /// The anchor a link to this heading uses (`{#custom-id}`, or the slug of the text).
    public var anchor: String
    /// From this heading to the next heading of the same or a higher level (or the end).
    public var sectionRange: ByteRange

    public init(level: Int, text: String, range: ByteRange, textRange: ByteRange, anchor: String, sectionRange: ByteRange) {
        self.level = level
        self.text = text
        self.range = range
        self.textRange = textRange
        self.anchor = anchor
        self.sectionRange = sectionRange
    }
}

public enum ProseBlockKind: Hashable, Sendable {
    case paragraph
    case heading(level: Int)
    case tableCell
}

/// Stored in 12 bytes (offsets as `UInt32`: documents are at most 64 MiB), since a workspace holds
/// hundreds of thousands of blocks.
public struct ProseBlock: Hashable, Sendable {
    private var start: UInt32
    private var end: UInt32
    /// 0 for a paragraph, 1 for a table cell, 10 + level for a heading.
    private var code: UInt8

    public init(kind: ProseBlockKind, range: ByteRange) {
        start = UInt32(clamping: range.lowerBound)
        end = UInt32(clamping: range.upperBound)
        switch kind {
        case .paragraph: code = 0
        case .tableCell: code = 1
        case .heading(let level): code = 10 &+ UInt8(clamping: level)
        }
    }

    public var kind: ProseBlockKind {
        switch code {
        case 0: return .paragraph
        case 1: return .tableCell
        default: return .heading(level: Int(code) - 10)
        }
    }

    public var range: ByteRange {
        get { Int(start)..<Int(end) }
        set {
            start = UInt32(clamping: newValue.lowerBound)
            end = UInt32(clamping: newValue.upperBound)
        }
    }
}

/// Stored in 16 bytes, like `ProseBlock`.
public struct ProseSpan: Hashable, Sendable {
    private var start: UInt32
    private var end: UInt32
    private var blockIndex: Int32
    /// Whether only a line break and container markers separate this span from the previous one in the
    /// same block (a soft line break, a block-quote marker), so a term may continue across the boundary.
    public var joinsPrevious: Bool

    public init(range: ByteRange, block: Int, joinsPrevious: Bool) {
        start = UInt32(clamping: range.lowerBound)
        end = UInt32(clamping: range.upperBound)
        blockIndex = Int32(clamping: block)
        self.joinsPrevious = joinsPrevious
    }

    public var range: ByteRange {
        get { Int(start)..<Int(end) }
        set {
            start = UInt32(clamping: newValue.lowerBound)
            end = UInt32(clamping: newValue.upperBound)
        }
    }

    /// Index into `MarkdownDocument.proseBlocks`.
    public var block: Int {
        get { Int(blockIndex) }
        set { blockIndex = Int32(clamping: newValue) }
    }
}

public struct CodeBlock: Hashable, Sendable {
    /// The info string's first word (`yaml`, `tsx`), lower-cased; empty for none or indented code.
    public var language: String
    /// The info string after the language (`title="app-config.yaml"`).
    public var info: String
    public var range: ByteRange
    public var contentRange: ByteRange
    public var isFenced: Bool
    /// False for a fence that is never closed: CommonMark runs it to the end of the document.
    public var isClosed = true
}

public struct Link: Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case inline, reference, autolink, bareURL, image, definition }
    public var kind: Kind
    /// The link text (empty range for autolinks and bare URLs).
    public var textRange: ByteRange
    public var destination: String
    public var destinationRange: ByteRange
    public var range: ByteRange
}

/// A definition that a label calls: `[docs]: ../docs/setup.md "Setup"` (a link reference definition, whose
/// destination is also a `Link` of kind `.definition`), `[^1]: text` (a footnote, whose text is prose)
/// or `*[HTML]: HyperText Markup Language` (an abbreviation, as Python-Markdown and MkDocs read it).
public struct LabelDefinition: Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case link, footnote, abbreviation }
    public var kind: Kind
    /// The label between the brackets, as written: `docs`, `1` for `[^1]` (without the caret), `HTML`
    /// for `*[HTML]`. A link's may run over lines (CommonMark).
    public var labelRange: ByteRange
    /// From the start of its first line, container markers (`>`, `-`, `1.`) included, to the end of its
    /// last line, before the line break: a link's title lines and a footnote's indented continuation
    /// lines (with the blank lines between them) included.
    public var range: ByteRange
    /// Each of its lines without the markers of the block quotes and list items it sits in: the first
    /// from the definition (a footnote's or abbreviation's from the start of its container's content,
    /// indentation kept), a footnote's continuation lines from the column where its container's
    /// content starts (so they keep their four columns), a link's title lines after the quote markers.
    /// Joined by line breaks they are the definition as written at the top level of a page.
    public var lines: [ByteRange]

    public init(kind: Kind, labelRange: ByteRange, range: ByteRange, lines: [ByteRange]) {
        self.kind = kind
        self.labelRange = labelRange
        self.range = range
        self.lines = lines
    }
}

public struct HTMLComment: Hashable, Sendable {
    public var range: ByteRange
    /// The text between `<!--` and `-->`, trimmed.
    public var content: String
}

public struct Table: Hashable, Sendable {
    public var range: ByteRange
    public var rows: [[ByteRange]]
}
