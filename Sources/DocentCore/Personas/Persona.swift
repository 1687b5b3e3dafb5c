/// A kind of reader the documentation is written for ("End User", "Administrator"), with the style of
/// documentation that reader needs and the signals that show a page was written for them.
public struct Persona: Hashable, Sendable {
    /// Stable identifier used in `docent.json`, front matter and diagnostic data (`end-user`).
    public var id: String
    /// How the persona is named in messages ("End User").
    public var title: String
    /// Other names accepted wherever a persona is named (`Operator`, `Admin`).
    public var aliases: [String]
    /// What documentation for this persona looks like, in a sentence or two.
    public var style: String
    /// Words, phrases and code traits that suggest a page addresses this persona.
    public var signals: [PersonaSignal]

    public init(id: String, title: String, aliases: [String] = [], style: String = "", signals: [PersonaSignal] = []) {
        self.id = id
        self.title = title
        self.aliases = aliases
        self.style = style
        self.signals = signals
    }
}

/// One piece of evidence for a persona: a word or phrase in prose, a token sequence in code, or the
/// language of a fenced code block.
public struct PersonaSignal: Hashable, Sendable {
    public enum Scope: Hashable, Sendable {
        /// Prose and headings only (UI verbs such as "click").
        case prose
        /// Inline code and fenced code blocks only (`kubectl`, `createBackendPlugin`).
        case code
        /// Prose and code alike (`app-config.yaml`, `helm`).
        case anywhere
        /// The language of a fenced code block (`tsx`, `yaml`); `phrase` is the language.
        case codeLanguage
        /// Upper-case environment variable names in code (`${GITHUB_TOKEN}`, `POSTGRES_HOST=`);
        /// `phrase` is only the label.
        case environmentVariables
        /// JSX elements in code (`<EntityPage />`); `phrase` is only the label.
        case reactComponents
    }

    /// The words to look for, as a reader would write them (`app-config.yaml`, `pull request`).
    /// Matching ignores case and simple inflections; `…` stands for up to four words (`open … page`).
    public var phrase: String
    /// How much one occurrence counts (1 is a mild hint, 3 a strong one).
    public var weight: Double
    public var scope: Scope

    public init(_ phrase: String, _ weight: Double, _ scope: Scope = .anywhere) {
        self.phrase = phrase
        self.weight = weight
        self.scope = scope
    }

    /// How the signal is named in messages.
    public var label: String {
        switch scope {
        case .codeLanguage: return "\(phrase) code"
        default: return phrase
        }
    }
}

/// The personas of a workspace: the built-in ones, extended or joined by those in `docent.json`.
public struct PersonaCatalog: Hashable, Sendable {
    public private(set) var personas: [Persona]
    private var indexByName: [String: Int]

    /// The personas Docent knows without configuration.
    public static let builtIn = PersonaCatalog(personas: BuiltInPersonas.all)

    public init(personas: [Persona]) {
        self.personas = []
        self.indexByName = [:]
        for persona in personas { add(persona) }
    }

    /// The built-in personas with the configured additions: a configured id that names a persona (its
    /// id, title or an alias) extends it (title, aliases, signals); any other id is a new persona. A
    /// name already taken stays with the persona it names (the configuration loader reports it).
    public init(configuration: [PersonaConfiguration]) {
        self = .builtIn
        for configured in configuration {
            let signals = configured.signals.map(Self.signal(fromConfiguration:))
            if let index = index(of: configured.id) {
                var persona = personas[index]
                if let title = configured.title, !title.isEmpty, self.index(of: title) ?? index == index { persona.title = title }
                persona.aliases += configured.aliases.filter { self.index(of: $0) == nil }
                persona.signals += signals
                personas[index] = persona
                for name in [persona.title] + configured.aliases where indexByName[Self.normalize(name)] == nil {
                    indexByName[Self.normalize(name)] = index
                }
            } else {
                let id = Self.normalize(configured.id)
                let title = configured.title.flatMap { index(of: $0) == nil ? $0 : nil } ?? Self.humanize(id)
                add(Persona(id: id, title: title, aliases: configured.aliases.filter { index(of: $0) == nil }, signals: signals))
            }
        }
    }

    /// The phrase of a signal written in `docent.json`, without its scope prefix and weight, trimmed:
    /// empty for `"code:"` or `" "`, which would look for nothing.
    public static func signalPhrase(ofConfigured text: String) -> String {
        signal(fromConfiguration: text).phrase
    }

    private mutating func add(_ persona: Persona) {
        let index = personas.count
        personas.append(persona)
        for name in [persona.id, persona.title] + persona.aliases where indexByName[Self.normalize(name)] == nil {
            indexByName[Self.normalize(name)] = index
        }
    }

    /// The index of the persona named `name` (an id, title or alias, in any case, with spaces,
    /// hyphens or underscores, singular or plural).
    public func index(of name: String) -> Int? {
        let key = Self.normalize(name)
        if let index = indexByName[key] { return index }
        if key.hasSuffix("s"), let index = indexByName[String(key.dropLast())] { return index }
        return nil
    }

    public func persona(named name: String) -> Persona? { index(of: name).map { personas[$0] } }

    /// Lower-cased, with runs of spaces, hyphens and underscores turned into one hyphen.
    public static func normalize(_ name: String) -> String {
        var result = ""
        var pendingHyphen = false
        for character in name.lowercased() {
            if character == " " || character == "-" || character == "_" || character == "\t" {
                pendingHyphen = !result.isEmpty
                continue
            }
            if pendingHyphen { result.append("-"); pendingHyphen = false }
            result.append(character)
        }
        return result
    }

    /// `business-stakeholder` → "Business Stakeholder".
    static func humanize(_ id: String) -> String {
        id.split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == " " }).map { word in
            acronyms.contains(word.lowercased()) ? word.uppercased() : word.prefix(1).uppercased() + word.dropFirst()
        }.joined(separator: " ")
    }

    /// Folder words written in capitals in titles.
    static let acronyms: Set<String> = ["faq", "api", "apis", "cli", "ui", "sdk", "adr", "adrs"]

    /// The text after the last `*` of a signal written in `docent.json` when it is not a weight, else
    /// nil: `"helm*lots"` → "lots", `"helm*3"` → nil, `"helm"` → nil.
    public static func malformedWeight(in signal: String) -> String? {
        guard let star = signal.lastIndex(of: "*") else { return nil }
        let text = signal[signal.index(after: star)...]
        return weight(text) == nil ? String(text) : nil
    }

    /// A signal's weight: a positive, finite number.
    static func weight(_ text: Substring) -> Double? {
        guard let value = Double(text), value.isFinite, value > 0 else { return nil }
        return value
    }

    /// A signal written in `docent.json`: `"helm chart"` (prose and code), `"code:kubectl"` (code
    /// only), `"prose:click"` (prose only), `"lang:hcl"` (a code block language); an optional
    /// `*weight` suffix (`"helm*3"`) sets the weight, 2 by default.
    static func signal(fromConfiguration text: String) -> PersonaSignal {
        var phrase = Substring(text)
        var weight = 2.0
        if let star = phrase.lastIndex(of: "*"), let parsed = Self.weight(phrase[phrase.index(after: star)...]) {
            weight = parsed
            phrase = phrase[..<star]
        }
        var scope = PersonaSignal.Scope.anywhere
        for (prefix, kind) in [("code:", PersonaSignal.Scope.code), ("prose:", .prose), ("lang:", .codeLanguage)] where phrase.hasPrefix(prefix) {
            scope = kind
            phrase = phrase.dropFirst(prefix.count)
        }
        let trimmed = String(phrase).trimmingSpaces()
        return PersonaSignal(scope == .codeLanguage ? trimmed.lowercased() : trimmed, weight, scope)
    }
}
