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
    /// HTML comments, block or inline, with their content (suppression comments live here).
    public var htmlComments: [HTMLComment] = []
    /// Tables, as rows of cell ranges (the header row first; the delimiter row left out).
    public var tables: [Table] = []

    public init() {}

    /// The title of the page: front matter `title`, else the first level-1 heading, else the first heading.
    public var title: String? {
        if let title = frontMatter?.string("title"), !title.isEmpty { return title }
        return (headings.first { $0.level == 1 } ?? headings.first)?.text
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

public struct ProseBlock: Hashable, Sendable {
    public var kind: ProseBlockKind
    public var range: ByteRange
}

public struct ProseSpan: Hashable, Sendable {
    public var range: ByteRange
    /// Index into `MarkdownDocument.proseBlocks`.
    public var block: Int
    /// Whether only whitespace or emphasis separates this span from the previous one in the same block
    /// (a soft line break, `**`, a block-quote marker), so a term may continue across the boundary.
    public var joinsPrevious: Bool
}

public struct CodeBlock: Hashable, Sendable {
    /// The info string's first word (`yaml`, `tsx`), lower-cased; empty for none or indented code.
    public var language: String
    /// The info string after the language (`title="app-config.yaml"`).
    public var info: String
    public var range: ByteRange
    public var contentRange: ByteRange
    public var isFenced: Bool
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

public struct HTMLComment: Hashable, Sendable {
    public var range: ByteRange
    /// The text between `<!--` and `-->`, trimmed.
    public var content: String
}

public struct Table: Hashable, Sendable {
    public var range: ByteRange
    public var rows: [[ByteRange]]
}
