import Synchronization

/// A diagnostic rule: a pure function from a snapshot and a document to diagnostics.
public protocol Rule: Sendable {
    static var description: RuleDescription { get }
    /// The diagnostics for `path`, at the rule's default severity; the registry applies configuration.
    func check(_ path: String, in snapshot: WorkspaceSnapshot, cache: AnalysisCache) -> [Diagnostic]
}

/// Per-check memo of expensive analyses several rules share (term matches of a document).
public final class AnalysisCache: Sendable {
    private let matches = Mutex<[String: [TermMatch]]>([:])

    public init() {}

    public func termMatches(_ path: String, in snapshot: WorkspaceSnapshot) -> [TermMatch] {
        if let cached = matches.withLock({ $0[path] }) { return cached }
        let computed = snapshot.termMatches(in: path)
        matches.withLock { $0[path] = computed }
        return computed
    }
}

/// Every rule Docent has, in one sorted list.
public enum RuleRegistry {
    public static let rules: [any Rule] = [
        FrontMatterSyntaxRule(),
        GlossaryDanglingReferenceRule(),
        GlossaryDuplicateRule(),
        GlossaryEmptyRule(),
        GlossaryMissingTermRule(),
        GlossarySelfDefinitionRule(),
        MisplacedDocumentRule(),
        MisplacedSectionRule(),
        PersonaMismatchRule(),
        SuppressionCommentRule(),
        TermAbbreviationRule(),
        TermAliasRule(),
        TermCasingRule(),
        UnplacedDocumentRule(),
    ]

    public static let descriptions: [RuleDescription] = rules.map { type(of: $0).description }

    /// Which rules read the workspace's placement model (every page's content and the sections'
    /// profiles), so that the language server can run them after typing pauses rather than per
    /// keystroke. The others read one page, the glossary and the configuration.
    public enum Lane: Hashable, Sendable {
        case text
        case placement
    }

    public static let placementCodes: Set<String> = ["misplaced-document", "misplaced-section", "persona-mismatch", "unplaced-document"]

    public static func lane(of code: String) -> Lane { placementCodes.contains(code) ? .placement : .text }

    public static func description(of code: String) -> RuleDescription? { descriptions.first { $0.code == code } }

    /// Runs every enabled rule on `path` and applies the configured severities. Sorted by position.
    public static func diagnostics(for path: String, in snapshot: WorkspaceSnapshot, cache: AnalysisCache = AnalysisCache(),
                                   lanes: Set<Lane> = [.text, .placement]) -> [Diagnostic] {
        finished(unfinishedDiagnostics(for: path, in: snapshot, cache: cache, lanes: lanes), document: snapshot.document(path))
    }

    /// What the enabled rules of `lanes` find, at their configured severities, before suppression
    /// comments and ordering (`finished`): for callers that merge lanes and finish once.
    public static func unfinishedDiagnostics(for path: String, in snapshot: WorkspaceSnapshot, cache: AnalysisCache = AnalysisCache(),
                                             lanes: Set<Lane>) -> [Diagnostic] {
        // A glossary outside `include` is read for its terms and checked by the glossary rules alone,
        // not as a page.
        let isPage = snapshot.isChecked(path)
        guard isPage || snapshot.isGlossary(path) else { return [] }
        var result: [Diagnostic] = []
        for rule in rules {
            let description = type(of: rule).description
            if !lanes.contains(lane(of: description.code)) { continue }
            if !isPage && !description.code.hasPrefix("glossary-") { continue }
            let setting = snapshot.configuration.setting(forRule: description.code, path: path)
            if setting == .off { continue }
            var found = rule.check(path, in: snapshot, cache: cache)
            if case .severity(let severity) = setting {
                for index in found.indices { found[index].severity = severity }
            }
            result += found
        }
        return result
    }

    /// Diagnostics of one document without those its suppression comments turn off, in the order
    /// every report uses (by position, then code).
    public static func finished(_ diagnostics: [Diagnostic], document: WorkspaceDocument?) -> [Diagnostic] {
        var result = diagnostics
        if let document, !document.markdown.htmlComments.isEmpty {
            let suppressions = Suppressions(document: document)
            result.removeAll { suppressions.isSuppressed($0.code, at: $0.range.lowerBound) }
        }
        return result.sorted { ($0.range.lowerBound, $0.code) < ($1.range.lowerBound, $1.code) }
    }
}

