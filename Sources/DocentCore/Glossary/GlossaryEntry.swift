/// The layouts a glossary file can be written in. Detected per file; `docent.json` can override.
public enum GlossaryFormat: String, Sendable, CaseIterable {
    /// One `##` heading per term, the definition below (Backstage `references/glossary.md`).
    case headings
    /// A Markdown table `| Term | Explanation |`.
    case table
    /// A term line, then its definition paragraph, as text copied from a rendered glossary page.
    case termLines = "term-lines"
    /// `- **Term** - definition`, continuation lines indented.
    case bullets
    /// `Term` then `: definition` lines (pandoc, PHP Markdown Extra); several `:` lines are several senses.
    case definitionList = "definition-list"
    /// One file per term with front matter `title`, `aka`, `short_description` (Kubernetes website).
    case termFile = "term-file"
    /// MkDocs abbreviations: `*[JWT]: JSON Web Token`.
    case abbreviations
}

/// How a glossary relates another name to an entry.
public enum AliasKind: String, Sendable, Hashable {
    /// `(AKA X)` in a term, an abbreviation line, or an all-caps name given by "Also known as" to a
    /// spelled-out term ("Also known as SSO"): another accepted name, often an abbreviation.
    case aka
    /// "Also known as X" or "Also called X" in a definition: an accepted alternative name.
    case alsoKnownAs = "also-known-as"
    /// "Refers to X": the full name the term stands for.
    case refersTo = "refers-to"
    /// An entry that only says "Known as X", "Alternative term for X" or "See X": its term is a
    /// discouraged name for X, which the glossary prefers.
    case discouraged
    /// `aka:` in a term file's front matter.
    case frontMatter = "front-matter"
}

public struct GlossaryAlias: Hashable, Sendable {
    public var name: String
    public var kind: AliasKind
    /// Where the alias is written in the glossary file.
    public var range: ByteRange

    public init(name: String, kind: AliasKind, range: ByteRange) {
        self.name = name
        self.kind = kind
        self.range = range
    }
}

/// A link or "See X" inside a definition that points at another entry.
public struct GlossaryReference: Hashable, Sendable {
    /// The text the reader sees ("user role").
    public var text: String
    /// The link destination (`#user-role`, `../auth/glossary.md#scope`), or nil for a plain "See X".
    public var destination: String?
    public var range: ByteRange
}

/// One glossary entry, with everything hover, completion and the rules need.
public struct GlossaryEntry: Hashable, Sendable {
    /// The canonical spelling, without qualifier: "Resource".
    public var term: String
    /// "catalog plugin" for "Resource (catalog plugin)".
    public var qualifier: String?
    /// Each sense of the definition, as Markdown (numbered senses split apart).
    public var senses: [String]
    /// A longer explanation (a term file's text after `<!--more-->`).
    public var details: String?
    public var aliases: [GlossaryAlias]
    /// For a redirect entry ("Scaffolder: Known as Software Templates"): the preferred term.
    public var preferredTerm: String?
    /// For an abbreviation: what it stands for ("JSON Web Token" for "JWT").
    public var expansion: String?
    public var references: [GlossaryReference]
    public var tags: [String]
    /// Whether a tag marks the term a proper name (`proper-name` or `proper name`, any case): written
    /// with its capitals everywhere.
    public var isTaggedProperName: Bool { tags.contains { $0.lowercased() == "proper-name" || $0.lowercased() == "proper name" } }
    /// The glossary file, relative to the workspace root, with `/` separators.
    public var file: String
    public var format: GlossaryFormat
    /// The term as written in the glossary file.
    public var termRange: ByteRange
    /// The whole entry (term and definition).
    public var range: ByteRange
    /// The definition's text.
    public var definitionRange: ByteRange
    /// Zero-based line of the term.
    public var line: Int
    /// The anchor a link to this entry uses (`#resource-catalog-plugin`), when the layout has one.
    public var anchor: String?

    public init(term: String, qualifier: String? = nil, senses: [String], details: String? = nil, aliases: [GlossaryAlias] = [],
                preferredTerm: String? = nil, expansion: String? = nil, references: [GlossaryReference] = [], tags: [String] = [],
                file: String, format: GlossaryFormat, termRange: ByteRange, range: ByteRange, definitionRange: ByteRange, line: Int, anchor: String? = nil) {
        self.term = term
        self.qualifier = qualifier
        self.senses = senses
        self.details = details
        self.aliases = aliases
        self.preferredTerm = preferredTerm
        self.expansion = expansion
        self.references = references
        self.tags = tags
        self.file = file
        self.format = format
        self.termRange = termRange
        self.range = range
        self.definitionRange = definitionRange
        self.line = line
        self.anchor = anchor
    }

    /// "Resource (catalog plugin)".
    public var displayName: String {
        if let qualifier { return "\(term) (\(qualifier))" }
        return term
    }

    /// Whether the definition says nothing (no sense has text).
    public var isEmpty: Bool { senses.allSatisfy { $0.trimmingSpaces().isEmpty } && (details ?? "").isEmpty && preferredTerm == nil }
}

/// What reading one glossary file produced: entries, and problems with their ranges.
public struct GlossaryFile: Sendable {
    public var path: String
    public var format: GlossaryFormat
    public var entries: [GlossaryEntry]
    public var problems: [GlossaryProblem]
    /// Anchors of every heading in the file (for checking `#anchor` links).
    public var anchors: Set<String>
    /// The zero-based line of each heading, by its anchor lower-cased (the first heading with that anchor).
    public var anchorLines: [String: Int]

    public init(path: String, format: GlossaryFormat, entries: [GlossaryEntry], problems: [GlossaryProblem], anchors: Set<String>,
                anchorLines: [String: Int] = [:]) {
        self.path = path
        self.format = format
        self.entries = entries
        self.problems = problems
        self.anchors = anchors
        self.anchorLines = anchorLines
    }
}

public struct GlossaryProblem: Hashable, Sendable {
    public enum Kind: String, Sendable { case missingTerm = "glossary-missing-term", syntax = "glossary-syntax" }
    public var kind: Kind
    public var message: String
    public var range: ByteRange
}
