/// How serious a diagnostic is; `off` disables a rule.
public enum Severity: String, Sendable, CaseIterable, Comparable {
    case error, warning, information, hint

    static let order: [Severity] = [.hint, .information, .warning, .error]
    public static func < (lhs: Severity, rhs: Severity) -> Bool { order.firstIndex(of: lhs)! < order.firstIndex(of: rhs)! }
}

/// A rule's configured severity: a severity, or off.
public enum RuleSetting: Hashable, Sendable {
    case severity(Severity)
    case off

    /// Reads `"error"`, `"warning"`, `"information"` (or `"info"`), `"hint"`, `"off"`.
    public init?(_ word: String) {
        switch word.lowercased() {
        case "off", "none", "false": self = .off
        case "info", "information": self = .severity(.information)
        default:
            guard let severity = Severity(rawValue: word.lowercased()) else { return nil }
            self = .severity(severity)
        }
    }
}

/// A glossary file or glob, with an optional layout that overrides detection.
public struct GlossarySource: Hashable, Sendable {
    public var pattern: String
    public var format: GlossaryFormat?

    public init(pattern: String, format: GlossaryFormat? = nil) {
        self.pattern = pattern
        self.format = format
    }
}

/// Rule settings that apply to the files matching some globs (`overrides` in `docent.json`).
public struct RuleOverride: Hashable, Sendable {
    public var files: [String]
    public var rules: [String: RuleSetting]

    public init(files: [String], rules: [String: RuleSetting]) {
        self.files = files
        self.rules = rules
    }
}

/// A folder of the docs tree and the personas it is written for.
public struct SectionConfiguration: Hashable, Sendable {
    public var path: String
    public var title: String?
    /// Persona ids or aliases; `["any"]` for sections that serve everyone.
    public var personas: [String]

    public init(path: String, title: String? = nil, personas: [String]) {
        self.path = path
        self.title = title
        self.personas = personas
    }
}

/// A persona added by `docent.json`, or extra signals for a built-in one.
public struct PersonaConfiguration: Hashable, Sendable {
    public var id: String
    public var title: String?
    public var aliases: [String]
    public var signals: [String]

    public init(id: String, title: String? = nil, aliases: [String] = [], signals: [String] = []) {
        self.id = id
        self.title = title
        self.aliases = aliases
        self.signals = signals
    }
}

/// Everything `docent.json` can say. The defaults are what Docent does with no configuration.
public struct Configuration: Hashable, Sendable {
    public static let defaultInclude = ["**/*.md", "**/*.mdx"]
    public static let defaultExclude = ["**/node_modules/**", "**/.git/**", "**/.build/**"]

    public var include: [String]
    public var exclude: [String]
    /// Empty: glossaries are found by name (`looksLikeGlossary`: `glossary.md`, `*-glossary.md`, `glossary-*.md`,
    /// files in `glossary/` folders).
    public var glossaries: [GlossarySource]
    public var rules: [String: RuleSetting]
    public var overrides: [RuleOverride]
    public var sections: [SectionConfiguration]
    public var personas: [PersonaConfiguration]
    /// Terms the glossary marks as proper names: lower-case uses are flagged even for Title Case terms.
    public var properNames: [String]

    public init(include: [String] = Configuration.defaultInclude, exclude: [String] = [], glossaries: [GlossarySource] = [],
                rules: [String: RuleSetting] = [:], overrides: [RuleOverride] = [], sections: [SectionConfiguration] = [],
                personas: [PersonaConfiguration] = [], properNames: [String] = []) {
        self.include = include
        self.exclude = exclude
        self.glossaries = glossaries
        self.rules = rules
        self.overrides = overrides
        self.sections = sections
        self.personas = personas
        self.properNames = properNames
    }

    /// Whether a workspace-relative path is a document Docent reads.
    public func includes(_ path: String) -> Bool {
        let excluded = (Self.defaultExclude + exclude).contains { Glob($0).matches(path) }
        return !excluded && include.contains { Glob($0).matches(path) }
    }

    /// Whether `glossaries` names `path` (a path in the default exclusions never). Such a file is read
    /// for its terms whether or not `include` covers it or `exclude` drops it; those two say only
    /// whether it is also checked as a page (`WorkspaceSnapshot.isChecked`).
    public func namesGlossary(_ path: String) -> Bool {
        !glossaries.isEmpty && glossaries.contains { Glob($0.pattern).matches(path) } && !Self.defaultExclude.contains { Glob($0).matches(path) }
    }

    /// Whether a workspace-relative path is read: a document `include` covers, or a glossary
    /// `glossaries` names.
    public func reads(_ path: String) -> Bool { includes(path) || namesGlossary(path) }

    /// Whether a path is a glossary file, and the layout configured for it.
    public func glossarySource(for path: String) -> GlossarySource? {
        if glossaries.isEmpty {
            return Self.looksLikeGlossary(path) ? GlossarySource(pattern: path) : nil
        }
        return glossaries.first { Glob($0.pattern).matches(path) }
    }

    /// Glossaries found by name: a Markdown file whose name starts or ends with the word "glossary"
    /// (`glossary.md`, `team-glossary.mdx`, `glossary-of-terms.md`, `api_glossary.md`), or any Markdown
    /// file in a `glossary/` folder. A name with "glossary" in the middle (`writing-a-glossary-entry.md`,
    /// a page about glossaries) is not a glossary.
    public static func looksLikeGlossary(_ path: String) -> Bool {
        let lower = path.lowercased()
        let components = lower.split(separator: "/")
        guard let name = components.last else { return false }
        let stem: Substring
        if name.hasSuffix(".md") { stem = name.dropLast(3) } else if name.hasSuffix(".mdx") { stem = name.dropLast(4) } else { return false }
        let words = stem.split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == "." || $0 == " " })
        if words.first == "glossary" || words.last == "glossary" { return true }
        return components.dropLast().contains { $0 == "glossary" }
    }

    /// The setting of `rule` for `path`: the last matching override wins over `rules`, which wins over
    /// the rule's default.
    public func setting(forRule rule: String, path: String) -> RuleSetting? {
        var result = rules[rule]
        for override in overrides where override.files.contains(where: { Glob($0).matches(path) }) {
            if let setting = override.rules[rule] { result = setting }
        }
        return result
    }
}
