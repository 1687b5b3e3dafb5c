/// A value attached to a diagnostic for tools (`data` in LSP and JSON output). A plain value tree, so
/// the core stays free of JSON.
public indirect enum DiagnosticValue: Hashable, Sendable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case null
    case array([DiagnosticValue])
    case object([String: DiagnosticValue])
}

/// Another place a diagnostic points at ("also defined here").
public struct RelatedLocation: Hashable, Sendable {
    public var file: String
    public var range: ByteRange
    public var message: String

    public init(file: String, range: ByteRange, message: String) {
        self.file = file
        self.range = range
        self.message = message
    }
}

/// A finding in one document, in byte offsets; converted to positions at the edge.
public struct Diagnostic: Hashable, Sendable {
    public var code: String
    public var severity: Severity
    public var message: String
    public var file: String
    public var range: ByteRange
    public var related: [RelatedLocation]
    public var data: [String: DiagnosticValue]

    public init(code: String, severity: Severity, message: String, file: String, range: ByteRange,
                related: [RelatedLocation] = [], data: [String: DiagnosticValue] = [:]) {
        self.code = code
        self.severity = severity
        self.message = message
        self.file = file
        self.range = range
        self.related = related
        self.data = data
    }
}

/// Metadata every rule has: a stable code, what it checks, its default severity.
public struct RuleDescription: Hashable, Sendable {
    public var code: String
    public var summary: String
    public var defaultSeverity: Severity

    public init(code: String, summary: String, defaultSeverity: Severity) {
        self.code = code
        self.summary = summary
        self.defaultSeverity = defaultSeverity
    }

    /// Where the rule is documented (the README section of the rule).
    public var documentationURL: String { "https://github.com/docent-lsp/docent#\(code)" }
}

extension Diagnostic {
    /// This diagnostic after `edits` to its own file: its range and its related locations in that file
    /// carried through them. Nil when the edits removed what it pointed at.
    public func mapped(through edits: [ByteEdit]) -> Diagnostic? {
        guard !edits.isEmpty else { return self }
        guard let range = ByteEdit.map(range, through: edits) else { return nil }
        var result = self
        result.range = range
        result.related = related.compactMap { location in
            guard location.file == file else { return location }
            guard let mapped = ByteEdit.map(location.range, through: edits) else { return nil }
            var moved = location
            moved.range = mapped
            return moved
        }
        return result
    }
}
