/// A folder of the docs tree and the personas it is written for.
public struct Section: Hashable, Sendable {
    /// Workspace-relative folder, `/`-separated, without a trailing slash.
    public var path: String
    /// How the section is named in messages ("Developer Portal › User Guides").
    public var title: String
    /// Indices into the persona catalog; empty when the section serves everyone.
    public var personas: [Int]
    /// A reference or overview section written for every reader (`"persona": "any"`): quiet.
    public var servesEveryone: Bool
    /// Found from folder names rather than configured.
    public var isInferred: Bool
    /// Names in the configuration that match no persona.
    public var unknownPersonas: [String]

    public init(path: String, title: String, personas: [Int], servesEveryone: Bool = false, isInferred: Bool = false, unknownPersonas: [String] = []) {
        self.path = path
        self.title = title
        self.personas = personas
        self.servesEveryone = servesEveryone
        self.isInferred = isInferred
        self.unknownPersonas = unknownPersonas
    }

    /// Whether placement is checked in this section: it names at least one known persona.
    public var isChecked: Bool { !servesEveryone && !personas.isEmpty }

    /// Whether `documentPath` lies in this section's folder.
    public func contains(_ documentPath: String) -> Bool {
        path.isEmpty || documentPath.hasPrefix(path + "/")
    }
}

/// The sections of a workspace: configured in `docent.json`, or inferred from folder names when none
/// are configured. A document belongs to the section with the longest matching folder.
public struct SectionMap: Hashable, Sendable {
    public private(set) var sections: [Section]
    /// Whether the sections come from `docent.json` (only then is a page outside every section reported).
    public private(set) var isConfigured: Bool
    /// Section indices, longest path first, for lookups.
    private var lookupOrder: [Int]

    public init(sections: [Section], isConfigured: Bool) {
        self.sections = sections
        self.isConfigured = isConfigured
        self.lookupOrder = sections.indices.sorted { (sections[$0].path.count, $1) > (sections[$1].path.count, $0) }
    }

    /// Words that mean "every reader" in a section's `persona`.
    public static let everyoneNames: Set<String> = ["any", "all", "everyone", "*"]

    /// The configured sections, or, with none configured, the sections inferred from the folders of `paths`.
    public init(configuration: Configuration, catalog: PersonaCatalog, paths: [String]) {
        if configuration.sections.isEmpty {
            self = Self.inferred(from: paths, catalog: catalog)
            return
        }
        var sections: [Section] = []
        for configured in configuration.sections {
            var path = configured.path
            while path.hasSuffix("/") { path.removeLast() }
            if path == "." { path = "" }
            var personas: [Int] = []
            var unknown: [String] = []
            var everyone = false
            for name in configured.personas {
                if Self.everyoneNames.contains(name.lowercased()) { everyone = true; continue }
                if let index = catalog.index(of: name) {
                    if !personas.contains(index) { personas.append(index) }
                } else {
                    unknown.append(name)
                }
            }
            let title = configured.title.flatMap { $0.isEmpty ? nil : $0 } ?? Self.title(forFolder: path)
            sections.append(Section(path: path, title: title, personas: everyone ? [] : personas, servesEveryone: everyone, unknownPersonas: unknown))
        }
        self.init(sections: sections, isConfigured: true)
    }

    /// The index of the section `path` belongs to: the longest section folder that contains it.
    public func sectionIndex(for path: String) -> Int? {
        lookupOrder.first { sections[$0].contains(path) }
    }

    public func section(for path: String) -> Section? { sectionIndex(for: path).map { sections[$0] } }

    // MARK: Inference

    /// Folder-name patterns and the persona each suggests (`nil`: a section for every reader).
    /// Checked in order; a folder name matches a pattern that is equal to it, or, for patterns ending
    /// in `*`, that it starts with.
    static let folderPatterns: [(pattern: String, persona: String?)] = [
        ("user-guide*", "end-user"), ("end-user*", "end-user"), ("users", "end-user"), ("user", "end-user"), ("usage", "end-user"),
        ("operator*", "administrator"), ("admin*", "administrator"), ("operations", "administrator"), ("ops", "administrator"),
        ("deployment", "administrator"), ("deploying", "administrator"),
        ("builder*", "integrator"), ("integrator*", "integrator"), ("plugins", "integrator"), ("plugin-development", "integrator"),
        ("developer-guide*", "integrator"), ("extending", "integrator"),
        ("contribut*", "contributor"),
        ("business*", "business-stakeholder"), ("product-manager*", "business-stakeholder"), ("adoption", "business-stakeholder"),
        ("adopting", "business-stakeholder"), ("stakeholder*", "business-stakeholder"), ("strategy", "business-stakeholder"),
        ("evaluat*", "evaluator"),
        ("overview", nil), ("reference", nil), ("references", nil), ("glossary", nil), ("faq", nil), ("releases", nil),
        ("release-notes", nil), ("changelog", nil),
    ]

    /// The persona a folder name suggests: `.some(nil)` for a reference folder, `nil` for no opinion.
    static func inferredPersona(forFolder name: String) -> String?? {
        let lower = name.lowercased()
        for (pattern, persona) in folderPatterns {
            if pattern.hasSuffix("*") ? lower.hasPrefix(String(pattern.dropLast())) : lower == pattern { return .some(persona) }
        }
        return nil
    }

    /// Sections inferred from the folders of `paths`: each document's deepest folder whose name
    /// suggests a persona (or a reference folder) makes a section.
    public static func inferred(from paths: [String], catalog: PersonaCatalog) -> SectionMap {
        var found: [String: Section] = [:]
        for path in paths {
            let folders = path.split(separator: "/").dropLast()
            for depth in stride(from: folders.count, to: 0, by: -1) {
                let name = String(folders[folders.index(folders.startIndex, offsetBy: depth - 1)])
                guard let suggestion = inferredPersona(forFolder: name) else { continue }
                let prefix = folders.prefix(depth).joined(separator: "/")
                if found[prefix] == nil {
                    let personas = suggestion.flatMap { catalog.index(of: $0) }.map { [$0] } ?? []
                    found[prefix] = Section(path: prefix, title: title(forFolder: prefix), personas: personas,
                                            servesEveryone: suggestion == .some(nil), isInferred: true)
                }
                break
            }
        }
        return SectionMap(sections: found.keys.sorted().map { found[$0]! }, isConfigured: false)
    }

    /// "docs/framework/builder-guides" → "Framework › Builder Guides" (a leading `docs` folder is left out).
    public static func title(forFolder path: String) -> String {
        var components = path.split(separator: "/").map(String.init)
        if components.count > 1, ["docs", "doc", "documentation", "content", "src"].contains(components[0].lowercased()) { components.removeFirst() }
        if components.isEmpty { return "Workspace" }
        return components.map { PersonaCatalog.humanize($0) }.joined(separator: " › ")
    }
}
