import Synchronization

/// One document of the workspace: its text (saved or being edited) and what the scanner saw in it.
public struct WorkspaceDocument: Sendable {
    /// Relative to the workspace root, `/`-separated.
    public var path: String
    public var text: SourceText
    public var markdown: MarkdownDocument
    /// The editor's version while the document is open; nil for a file read from disk.
    public var version: Int?
    /// Analyses of this text computed on demand and kept with it (term matches per glossary generation).
    let cache = DocumentCache()

    public init(path: String, text: SourceText, version: Int? = nil) {
        self.path = path
        self.text = text
        self.markdown = MarkdownScanner.scan(text, isMDX: path.lowercased().hasSuffix(".mdx"))
        self.version = version
    }
}

/// Per-document memo, shared by the snapshots that hold the same document text: a new text makes a
/// new `WorkspaceDocument` and so a fresh cache; a new glossary is a new generation.
final class DocumentCache: Sendable {
    private let matches = Mutex<(key: Int, matches: [TermMatch])?>(nil)
    private let glossaryFile = Mutex<(format: GlossaryFormat?, file: GlossaryFile)?>(nil)
    private let phrases = Mutex<[[[UInt8]]: Bool]>([:])

    /// The term matches for glossaries with `matchingKey` (`Glossary.matchingKey`).
    func termMatches(matchingKey: Int, compute: () -> [TermMatch]) -> [TermMatch] {
        if let cached = matches.withLock({ $0 }), cached.key == matchingKey { return cached.matches }
        let computed = compute()
        matches.withLock { $0 = (matchingKey, computed) }
        return computed
    }

    /// Whether the lower-cased words occur in this text (`PhraseSearch`): telling apart entries that
    /// share a name looks for their qualifiers in every page that uses the name, once per text.
    func phraseOccurs(_ words: [[UInt8]], search: () -> Bool) -> Bool {
        if let known = phrases.withLock({ $0[words] }) { return known }
        let found = search()
        phrases.withLock { $0[words] = found }
        return found
    }

    /// This text parsed as a glossary in `format`: editing one glossary file re-parses only that one.
    func glossaryFile(format: GlossaryFormat?, parse: () -> GlossaryFile) -> GlossaryFile {
        if let cached = glossaryFile.withLock({ $0 }), cached.format == format { return cached.file }
        let parsed = parse()
        glossaryFile.withLock { $0 = (format, parsed) }
        return parsed
    }
}

/// A change to the workspace, applied in order by `WorkspaceSnapshot.applying(_:)`.
public enum WorkspaceChange: Sendable {
    case setDocument(path: String, text: SourceText, version: Int?)
    case removeDocument(path: String)
    case setConfiguration(Configuration, problems: [ConfigurationProblem])
}

/// A problem in `docent.json`, with its place.
public struct ConfigurationProblem: Hashable, Sendable {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String
    public var isError: Bool

    public init(file: String, line: Int, column: Int, message: String, isError: Bool = true) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.isError = isError
    }

    /// The end of the JSON token at `start`, so that a problem underlines what it is about: a string
    /// to its closing quote, a number or literal to its last character, an array or object to its
    /// closing bracket when that is on the same line (else its opening one alone), any other
    /// character alone (a stray comma). Never past `lineEnd`.
    static func tokenEnd(in bytes: [UInt8], from start: Int, lineEnd: Int) -> Int {
        guard start < lineEnd else { return start }
        var index = start
        switch bytes[start] {
        case UInt8(ascii: "\""):
            index += 1
            while index < lineEnd {
                if bytes[index] == UInt8(ascii: "\\") { index += 2; continue }
                if bytes[index] == UInt8(ascii: "\"") { return index + 1 }
                index += 1
            }
            return lineEnd
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            var inString = false
            while index < lineEnd {
                let byte = bytes[index]
                if inString {
                    if byte == UInt8(ascii: "\\") { index += 1 } else if byte == UInt8(ascii: "\"") { inString = false }
                } else if byte == UInt8(ascii: "\"") {
                    inString = true
                } else if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
                    depth += 1
                } else if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                    depth -= 1
                    if depth == 0 { return index + 1 }
                }
                index += 1
            }
            return start + 1
        default:
            func isLiteralByte(_ byte: UInt8) -> Bool {
                ByteClass.isASCIIAlphanumeric(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".")
            }
            guard isLiteralByte(bytes[start]) else { return start + 1 }
            while index < lineEnd && isLiteralByte(bytes[index]) { index += 1 }
            return index
        }
    }

    /// The problem as a diagnostic on the configuration file's `text` (code `configuration`), from its
    /// line and column (1-based, the column in UTF-16 code units) over the token there (`tokenEnd`):
    /// for the editor and for `docent check`'s machine formats alike.
    public func diagnostic(in text: SourceText) -> Diagnostic {
        let start = text.offset(of: Position(line: max(0, line - 1), character: max(0, column - 1)), encoding: .utf16)
        let end = Self.tokenEnd(in: text.bytes, from: start, lineEnd: max(start, text.lineRange(text.line(of: start)).upperBound))
        return Diagnostic(code: "configuration", severity: isError ? .error : .warning, message: message, file: file, range: start..<end)
    }
}

/// An immutable view of the whole workspace: configuration, documents, and the merged glossary.
/// Changes produce a new snapshot (rust-analyzer `AnalysisHost`/`Analysis`, gopls `Snapshot`);
/// readers keep the one they started with.
public struct WorkspaceSnapshot: Sendable {
    public private(set) var configuration: Configuration
    public private(set) var configurationProblems: [ConfigurationProblem]
    public private(set) var documents: [String: WorkspaceDocument]
    public private(set) var glossary: Glossary
    /// Paths of the glossary files, sorted.
    public private(set) var glossaryPaths: [String]
    /// Changes whenever the glossary changes, so caches keyed by it know when to recompute. Unique
    /// across all snapshots of the process, so documents shared between snapshots never mix caches.
    public private(set) var glossaryGeneration: Int
    private static let generations = Atomic<Int>(0)

    public init(configuration: Configuration = Configuration(), configurationProblems: [ConfigurationProblem] = [], documents: [WorkspaceDocument] = []) {
        self.configuration = configuration
        self.configurationProblems = configurationProblems
        self.documents = Dictionary(documents.map { ($0.path, $0) }, uniquingKeysWith: { $1 })
        self.glossary = .empty
        self.glossaryPaths = []
        self.glossaryGeneration = 0
        rebuildGlossary()
    }

    /// Applies changes in order and returns the new snapshot. The glossary is rebuilt only when a
    /// glossary file or the configuration changed.
    public func applying(_ changes: [WorkspaceChange]) -> WorkspaceSnapshot {
        var next = self
        var glossaryChanged = false
        for change in changes {
            switch change {
            case .setDocument(let path, let text, let version):
                next.documents[path] = WorkspaceDocument(path: path, text: text, version: version)
                if next.configuration.glossarySource(for: path) != nil { glossaryChanged = true }
            case .removeDocument(let path):
                if next.documents.removeValue(forKey: path) != nil, next.glossaryPaths.contains(path) { glossaryChanged = true }
            case .setConfiguration(let configuration, let problems):
                next.configuration = configuration
                next.configurationProblems = problems
                glossaryChanged = true
            }
        }
        if glossaryChanged { next.rebuildGlossary() }
        return next
    }

    private mutating func rebuildGlossary() {
        var files: [GlossaryFile] = []
        var paths: [String] = []
        for path in documents.keys.sorted() {
            guard let source = configuration.glossarySource(for: path), let document = documents[path] else { continue }
            paths.append(path)
            files.append(document.cache.glossaryFile(format: source.format) { GlossaryParser.parse(document.text, document: document.markdown, path: path, format: source.format) })
        }
        glossary = Glossary(files: files)
        glossaryPaths = paths
        glossaryGeneration = Self.generations.add(1, ordering: .relaxed).newValue
    }

    public func document(_ path: String) -> WorkspaceDocument? { documents[path] }

    /// Documents in a stable order.
    public var sortedPaths: [String] { documents.keys.sorted() }

    public func isGlossary(_ path: String) -> Bool { glossaryPaths.contains(path) }

    /// Whether the rules check the document at `path` and placement learns from it: every document
    /// but a glossary that the configuration's `include` leaves out (or `exclude` drops), which is
    /// read for its terms alone (`Configuration.namesGlossary`).
    public func isChecked(_ path: String) -> Bool {
        documents[path] != nil && (configuration.includes(path) || !isGlossary(path))
    }

    /// The documents the rules check (`isChecked`), sorted.
    public var checkedPaths: [String] { sortedPaths.filter(isChecked) }

    /// The documents that get diagnostics, sorted: those checked as pages, and every glossary, which
    /// the glossary rules check wherever it is (one outside `include` gets those alone).
    public var reportedPaths: [String] { sortedPaths.filter { isChecked($0) || isGlossary($0) } }

    /// The zero-based line of the heading whose anchor is `anchor` (ignoring case) in the document at
    /// `path`: where a link into a page opens.
    public func headingLine(_ path: String, anchor: String) -> Int? {
        guard let document = documents[path] else { return nil }
        let wanted = anchor.lowercased()
        return document.markdown.headings.first { $0.anchor.lowercased() == wanted }.map { document.text.line(of: $0.range.lowerBound) }
    }

    /// Every use of a glossary name in a document's prose.
    public func termMatches(in path: String) -> [TermMatch] {
        guard let document = documents[path] else { return [] }
        return document.cache.termMatches(matchingKey: glossary.matchingKey) {
            TermMatcher.matches(in: document.text, document: document.markdown, glossary: glossary)
        }
    }
}

extension WorkspaceSnapshot {
    /// The inline links and reference definitions of the document at `path` that reach a document of
    /// the snapshot (see `WorkspacePath.linkTarget`), each with that document's path, in document order.
    public func documentLinks(from path: String) -> [(link: Link, target: String)] {
        guard let document = document(path) else { return [] }
        return document.markdown.links.compactMap { link in
            guard link.kind == .inline || link.kind == .definition,
                  let target = WorkspacePath.linkTarget(link.destination, from: path, isDocument: { self.document($0) != nil }) else { return nil }
            return (link, target)
        }
    }
}
