import DocentCore

/// Reads `docent.json` (or `.docent.json`) into a `Configuration`, reporting every problem with its
/// file, line and column. Unknown keys are warnings; wrong types, unknown layouts or severities and
/// paths that leave the workspace are errors.
public enum ConfigurationLoader {
    public static let fileNames = ["docent.json", ".docent.json"]

    public static let knownKeys: Set<String> = ["$schema", "include", "exclude", "glossaries", "rules", "overrides", "sections", "personas", "properNames"]

    /// Parses configuration text. `file` names the file in messages.
    public static func load(_ bytes: [UInt8], file: String) -> (Configuration, [ConfigurationProblem]) {
        let loaded = read(bytes, file: file)
        return (loaded.configuration, loaded.problems)
    }

    /// Parses configuration text, keeping where its glossaries are written (`LoadedConfiguration`).
    public static func read(_ bytes: [UInt8], file: String) -> LoadedConfiguration {
        let value: JSONValue
        let locations: [String: Int]
        let duplicates: [(key: String, offset: Int)]
        do {
            (value, locations, duplicates) = try JSONParser.parseWithLocationsAndDuplicates(bytes)
        } catch {
            return LoadedConfiguration(problems: [ConfigurationProblem(file: file, line: error.line, column: error.column, message: error.message)], file: file)
        }
        var reader = Reader(bytes: bytes, file: file, locations: locations)
        let configuration = reader.read(value)
        // A key written twice: JSON keeps the last, which the writer may not expect.
        for duplicate in duplicates {
            let (line, column) = JSONParser.lineAndColumn(of: duplicate.offset, in: bytes)
            reader.problems.append(ConfigurationProblem(file: file, line: line, column: column,
                                                        message: "\"\(duplicate.key)\" is written twice in this object; the last one is used", isError: false))
        }
        var loaded = LoadedConfiguration(configuration: configuration, problems: reader.problems.sorted { ($0.line, $0.column) < ($1.line, $1.column) },
                                         file: file, glossaryPlaces: reader.glossaryPlaces)
        loaded.sectionPlaces = reader.sectionPlaces
        loaded.includePlaces = reader.includePlaces
        return loaded
    }

    struct Reader {
        let bytes: [UInt8]
        let file: String
        let locations: [String: Int]
        var problems: [ConfigurationProblem] = []
        /// Where each glossary read so far is written.
        var glossaryPlaces: [LoadedConfiguration.Place] = []
        /// Where each section read so far is written (its `path`).
        var sectionPlaces: [LoadedConfiguration.Place] = []
        var includePlaces: [LoadedConfiguration.Place] = []
        /// Configured persona ids refused as written (said where they are).
        var invalidPersonaIds: Set<String> = []
        /// The persona names of the sections, each with its pointer, checked once `personas` is read.
        var sectionPersonaNames: [(name: String, pointer: String)] = []

        func place(of pointer: String) -> LoadedConfiguration.Place {
            let offset = locations[pointer] ?? locations[pointer + "#key"] ?? 0
            let (line, column) = JSONParser.lineAndColumn(of: offset, in: bytes)
            return LoadedConfiguration.Place(line: line, column: column)
        }

        mutating func report(_ message: String, at pointer: String, isError: Bool = true) {
            let place = place(of: pointer)
            problems.append(ConfigurationProblem(file: file, line: place.line, column: place.column, message: message, isError: isError))
        }

        mutating func read(_ value: JSONValue) -> Configuration {
            var configuration = Configuration()
            guard let object = value.objectValue else {
                report("The configuration must be a JSON object", at: "/")
                return configuration
            }
            for key in object.keys where !knownKeys.contains(key) {
                let suggestion = knownKeys.first { $0.lowercased() == key.lowercased() }.map { " (did you mean \"\($0)\"?)" } ?? ""
                report("Unknown key \"\(key)\"\(suggestion)", at: "/\(key)#key", isError: false)
            }
            if let include = object["include"] {
                var places: [LoadedConfiguration.Place] = []
                configuration.include = paths(include, at: "/include", places: &places)
                includePlaces = places
                if include.arrayValue?.isEmpty == true { report("\"include\" is empty, so no file is checked", at: "/include", isError: false) }
            }
            if let exclude = object["exclude"] { configuration.exclude = paths(exclude, at: "/exclude") }
            if let glossaries = object["glossaries"] { configuration.glossaries = glossarySources(glossaries) }
            if let rules = object["rules"] { configuration.rules = ruleSettings(rules, at: "/rules") }
            if let overrides = object["overrides"] { configuration.overrides = ruleOverrides(overrides) }
            if let sections = object["sections"] { configuration.sections = sectionList(sections) }
            if let personas = object["personas"] { configuration.personas = personaList(personas) }
            checkSectionPersonas(configuration)
            if let names = object["properNames"] { configuration.properNames = strings(names, at: "/properNames") }
            return configuration
        }

        mutating func strings(_ value: JSONValue, at pointer: String) -> [String] {
            pointedStrings(value, at: pointer).map(\.string)
        }

        /// A string or an array of strings, each with its pointer (for problems found later).
        mutating func pointedStrings(_ value: JSONValue, at pointer: String) -> [(string: String, pointer: String)] {
            if let single = value.stringValue { return [(single, pointer)] }
            guard let items = value.arrayValue else {
                report("Expected a string or an array of strings", at: pointer)
                return []
            }
            var result: [(string: String, pointer: String)] = []
            for (index, item) in items.enumerated() {
                if let string = item.stringValue { result.append((string, "\(pointer)/\(index)")) } else { report("Expected a string", at: "\(pointer)/\(index)") }
            }
            return result
        }

        /// Globs and paths, refused when they leave the workspace root.
        mutating func paths(_ value: JSONValue, at pointer: String) -> [String] {
            var places: [LoadedConfiguration.Place] = []
            return paths(value, at: pointer, places: &places)
        }

        /// `paths`, with the place of each one kept appended to `places`.
        mutating func paths(_ value: JSONValue, at pointer: String, places: inout [LoadedConfiguration.Place]) -> [String] {
            var result: [String] = []
            for (index, path) in strings(value, at: pointer).enumerated() {
                let itemPointer = value.arrayValue == nil ? pointer : "\(pointer)/\(index)"
                if let confined = confine(path, at: itemPointer) {
                    result.append(confined)
                    places.append(place(of: itemPointer))
                }
            }
            return result
        }

        mutating func confine(_ path: String, at pointer: String) -> String? {
            if path.hasPrefix("/") || path.hasPrefix("~") || (path.count >= 2 && path.dropFirst().first == ":") {
                report("The path \"\(path)\" is absolute; paths are relative to the workspace root", at: pointer)
                return nil
            }
            let segments = path.split(separator: "/")
            if segments.contains("..") {
                // Allow `a/../b` only while it stays inside the root, and keep it as `b`: globs and
                // section paths are compared with normalized workspace paths.
                guard let normalized = WorkspacePath.normalize(path), segments.first != ".." else {
                    report("The path \"\(path)\" leaves the workspace root; it is refused", at: pointer)
                    return nil
                }
                return normalized
            }
            var normalized = path
            while normalized.contains("//") { normalized = normalized.replacingOccurrences(of: "//", with: "/") }
            while normalized.hasPrefix("./") { normalized.removeFirst(2) }
            return normalized
        }

        mutating func glossarySources(_ value: JSONValue) -> [GlossarySource] {
            let items = value.arrayValue ?? [value]
            var result: [GlossarySource] = []
            for (index, item) in items.enumerated() {
                let pointer = value.arrayValue == nil ? "/glossaries" : "/glossaries/\(index)"
                if let path = item.stringValue {
                    if let confined = confine(path, at: pointer) {
                        result.append(GlossarySource(pattern: confined))
                        glossaryPlaces.append(place(of: pointer))
                    }
                } else if let object = item.objectValue {
                    guard let path = object["path"]?.stringValue else {
                        report("A glossary needs a \"path\"", at: pointer)
                        continue
                    }
                    var format: GlossaryFormat?
                    if let name = object["format"] {
                        if let string = name.stringValue, let parsed = GlossaryFormat(rawValue: string) {
                            format = parsed
                        } else {
                            let names = GlossaryFormat.allCases.map(\.rawValue).joined(separator: ", ")
                            report("Unknown glossary format \(JSONSerializer.string(name)); expected one of: \(names)", at: "\(pointer)/format")
                        }
                    }
                    for key in object.keys where key != "path" && key != "format" {
                        report("Unknown key \"\(key)\" in a glossary", at: "\(pointer)/\(key)#key", isError: false)
                    }
                    if let confined = confine(path, at: "\(pointer)/path") {
                        result.append(GlossarySource(pattern: confined, format: format))
                        glossaryPlaces.append(place(of: "\(pointer)/path"))
                    }
                } else {
                    report("A glossary is a path or an object {\"path\", \"format\"}", at: pointer)
                }
            }
            return result
        }

        mutating func ruleSettings(_ value: JSONValue, at pointer: String) -> [String: RuleSetting] {
            guard let object = value.objectValue else {
                report("\"rules\" must be an object of rule codes to severities", at: pointer)
                return [:]
            }
            let known = Set(RuleRegistry.descriptions.map(\.code)).union(RuleCatalog.futureCodes)
            var result: [String: RuleSetting] = [:]
            for (code, setting) in object.entries {
                if !known.contains(code) {
                    let guess = Spelling.suggestion(for: code, among: RuleRegistry.descriptions.map(\.code)).map { " (did you mean \"\($0)\"?)" } ?? ""
                    report("Unknown rule \"\(code)\"\(guess)", at: "\(pointer)/\(code)#key", isError: false)
                }
                guard let word = setting.stringValue, let parsed = RuleSetting(word) else {
                    report("Severity must be \"error\", \"warning\", \"information\", \"hint\" or \"off\"", at: "\(pointer)/\(code)")
                    continue
                }
                result[code] = parsed
            }
            return result
        }

        mutating func ruleOverrides(_ value: JSONValue) -> [RuleOverride] {
            guard let items = value.arrayValue else {
                report("\"overrides\" must be an array", at: "/overrides")
                return []
            }
            var result: [RuleOverride] = []
            for (index, item) in items.enumerated() {
                let pointer = "/overrides/\(index)"
                guard let object = item.objectValue, let files = object["files"] else {
                    report("An override needs \"files\" and \"rules\"", at: pointer)
                    continue
                }
                let globs = paths(files, at: "\(pointer)/files")
                if object["rules"] == nil { report("An override needs \"files\" and \"rules\"; without \"rules\" it changes nothing", at: pointer, isError: false) }
                let rules = object["rules"].map { ruleSettings($0, at: "\(pointer)/rules") } ?? [:]
                result.append(RuleOverride(files: globs, rules: rules))
            }
            return result
        }

        mutating func sectionList(_ value: JSONValue) -> [SectionConfiguration] {
            guard let items = value.arrayValue else {
                report("\"sections\" must be an array", at: "/sections")
                return []
            }
            var result: [SectionConfiguration] = []
            /// The pointer of the first `path` of each section folder.
            var firstPointers: [String: String] = [:]
            for (index, item) in items.enumerated() {
                let pointer = "/sections/\(index)"
                guard let object = item.objectValue else {
                    report("A section is an object {\"path\", \"title\", \"persona\"}", at: pointer)
                    continue
                }
                guard let pathValue = object["path"] else {
                    report("A section needs a \"path\"", at: pointer)
                    continue
                }
                guard let path = pathValue.stringValue else {
                    report("Expected a string", at: "\(pointer)/path")
                    continue
                }
                let sectionKeys = ["path", "title", "persona", "personas"]
                for key in object.keys where !sectionKeys.contains(key) {
                    let suggestion = sectionKeys.first { $0 == key.lowercased() }.map { " (did you mean \"\($0)\"?)" } ?? ""
                    report("Unknown key \"\(key)\" in a section\(suggestion)", at: "\(pointer)/\(key)#key", isError: false)
                }
                if let title = object["title"], title.stringValue == nil { report("Expected a string", at: "\(pointer)/title") }
                guard let confined = confine(path, at: "\(pointer)/path") else { continue }
                // Sections are told apart by their folder: a second entry for one is ignored, and said.
                var folder = WorkspacePath.trimmingTrailingSlashes(confined)
                if folder == "." { folder = "" }
                if let first = firstPointers[folder] {
                    let place = place(of: first)
                    report("Section \"\(path)\" is configured twice; the first entry (line \(place.line), column \(place.column)) applies and this one is ignored",
                           at: "\(pointer)/path", isError: false)
                    continue
                }
                firstPointers[folder] = "\(pointer)/path"
                // `personas` is read as a synonym of `persona`; with both, `persona` wins and says so.
                let key = object["persona"] != nil ? "persona" : "personas"
                if object["persona"] != nil && object["personas"] != nil {
                    report("A section has both \"persona\" and \"personas\"; \"personas\" is ignored", at: "\(pointer)/personas#key", isError: false)
                }
                let named = object[key].map { pointedStrings($0, at: "\(pointer)/\(key)") } ?? []
                if object[key] == nil {
                    report("A section needs a \"persona\"", at: pointer)
                } else if object[key]?.arrayValue?.isEmpty == true {
                    report("A section needs at least one persona, or \"any\"", at: "\(pointer)/\(key)")
                }
                if named.count > 1, let everyone = named.first(where: { SectionMap.everyoneNames.contains($0.string.lowercased()) }) {
                    report("\"\(everyone.string)\" serves every reader, so the section's other personas are ignored", at: everyone.pointer, isError: false)
                }
                sectionPersonaNames += named.map { ($0.string, $0.pointer) }
                result.append(SectionConfiguration(path: confined, title: object["title"]?.stringValue, personas: named.map(\.string)))
                sectionPlaces.append(place(of: "\(pointer)/path"))
            }
            return result
        }

        /// Reports each section persona that names no persona (built in or configured) nor "any": it
        /// would turn placement off for its section without a word.
        mutating func checkSectionPersonas(_ configuration: Configuration) {
            guard !sectionPersonaNames.isEmpty else { return }
            let catalog = PersonaCatalog(configuration: configuration.personas)
            let offered = PersonaCatalog(configuration: configuration.personas.filter { !invalidPersonaIds.contains($0.id) })
            for (name, pointer) in sectionPersonaNames where catalog.index(of: name) == nil && !SectionMap.everyoneNames.contains(name.lowercased()) {
                report("Unknown persona \"\(name)\"; known personas: \(PersonaMismatchRule.knownPersonas(offered)), or \"any\" for a section for every reader", at: pointer)
            }
        }

        mutating func personaList(_ value: JSONValue) -> [PersonaConfiguration] {
            guard let items = value.arrayValue else {
                report("\"personas\" must be an array", at: "/personas")
                return []
            }
            var result: [PersonaConfiguration] = []
            /// The pointer of each configured id's first entry.
            var firstPointers: [String: String] = [:]
            for (index, item) in items.enumerated() {
                let pointer = "/personas/\(index)"
                guard let object = item.objectValue else {
                    report("A persona is an object {\"id\", \"title\", \"aliases\", \"signals\"}", at: pointer)
                    continue
                }
                guard let idValue = object["id"] else {
                    report("A persona needs an \"id\"", at: pointer)
                    continue
                }
                guard let id = idValue.stringValue else {
                    report("Expected a string", at: "\(pointer)/id")
                    continue
                }
                for key in object.keys where !["id", "title", "aliases", "signals"].contains(key) {
                    report("Unknown key \"\(key)\" in a persona", at: "\(pointer)/\(key)#key", isError: false)
                }
                if let title = object["title"], title.stringValue == nil { report("Expected a string", at: "\(pointer)/title") }
                if SectionMap.everyoneNames.contains(id.lowercased()) {
                    report("\"\(id)\" is no persona id: a section for every reader says \"persona\": \"any\"", at: "\(pointer)/id")
                    continue
                }
                // The catalog as the entries before this one leave it: which persona each name already names.
                let catalog = PersonaCatalog(configuration: result)
                let extended = catalog.index(of: id)
                if let extended, let first = firstPointers[catalog.personas[extended].id] {
                    let place = place(of: first)
                    report("Persona \"\(id)\" is configured twice; the first entry (line \(place.line), column \(place.column)) applies and this one is ignored",
                           at: "\(pointer)/id", isError: false)
                    continue
                }
                firstPointers[extended.map { catalog.personas[$0].id } ?? PersonaCatalog.normalize(id)] = "\(pointer)/id"
                var names: [(name: String, pointer: String)] = []
                if let title = object["title"]?.stringValue { names.append((title, "\(pointer)/title")) }
                let aliases = object["aliases"].map { pointedStrings($0, at: "\(pointer)/aliases") } ?? []
                names += aliases.map { ($0.string, $0.pointer) }
                for (name, namePointer) in names {
                    guard let other = catalog.index(of: name), other != extended else { continue }
                    let persona = catalog.personas[other]
                    report("\"\(name)\" already names the persona \(persona.title) (\(persona.id)); a name belongs to one persona", at: namePointer)
                }
                // Front matter, completion and the "Declare persona" action write the id (lower-cased, runs of
                // spaces, hyphens and underscores made one hyphen) bare in YAML: it must read back as that string.
                let normalized = PersonaCatalog.normalize(id)
                if !normalized.contains(where: \.isLetter) || !normalized.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." })
                    || ["true", "false", "yes", "no", "on", "off", "null"].contains(normalized) {
                    report("The persona id \"\(id)\" must be letters (at least one), digits, spaces, \"-\", \"_\" or \".\" and no YAML word such as true or null (as in \"site-reliability\"), because front matter writes it bare; its title may say anything", at: "\(pointer)/id")
                    // Kept, so that the sections that name it are not reported again, but never offered
                    // as a known persona.
                    invalidPersonaIds.insert(id)
                }
                var signals: [String] = []
                for signal in object["signals"].map({ pointedStrings($0, at: "\(pointer)/signals") }) ?? [] {
                    if let weight = PersonaCatalog.malformedWeight(in: signal.string) {
                        report("The signal \"\(signal.string)\" has a malformed weight \"\(weight)\": after \"*\" comes a positive number, as in \"helm*3\"", at: signal.pointer)
                    } else if PersonaCatalog.signalPhrase(ofConfigured: signal.string).isEmpty {
                        report("The signal \"\(signal.string)\" names no word to look for", at: signal.pointer)
                    } else {
                        signals.append(signal.string)
                    }
                }
                result.append(PersonaConfiguration(
                    id: id, title: object["title"]?.stringValue,
                    aliases: aliases.map(\.string),
                    signals: signals))
            }
            return result
        }
    }
}

/// A configuration read from text: the configuration, its problems, and where each of its glossaries
/// is written, for the problems that show only once the workspace's files are known
/// (`unmatchedPaths`).
public struct LoadedConfiguration: Sendable {
    /// A 1-based line and column (in UTF-16 code units, `JSONParser.lineAndColumn`) of the configuration text.
    public struct Place: Hashable, Sendable {
        public var line: Int
        public var column: Int
    }

    public var configuration: Configuration
    public var problems: [ConfigurationProblem]
    /// The file named in messages; nil when there is no configuration file.
    public var file: String?
    /// Where each of `configuration.glossaries` is written, in the same order.
    public var glossaryPlaces: [Place]
    /// Where the `path` of each of `configuration.sections` is written, in the same order.
    public var sectionPlaces: [Place] = []
    /// Where each `include` pattern is written, in order.
    public var includePlaces: [Place] = []
    /// Why the configuration file could not be read, when it could not (`problems` says it too).
    public var readFailure: WorkspaceLoader.ReadFailure?

    public init(configuration: Configuration = Configuration(), problems: [ConfigurationProblem] = [], file: String? = nil, glossaryPlaces: [Place] = []) {
        self.configuration = configuration
        self.problems = problems
        self.file = file
        self.glossaryPlaces = glossaryPlaces
    }

    /// A warning at each `glossaries` entry that matches none of `paths` (the workspace's files, read
    /// or not), at each `include` pattern that matches none of them that it lets in, and at each
    /// section whose folder holds none of them: a typo, a wrong case or a moved file, which would
    /// otherwise turn the terminology rules off for its terms, check nothing, or leave a section that
    /// checks nothing, without a word.
    public func unmatchedPaths(among paths: some Sequence<String>) -> [ConfigurationProblem] {
        guard let file, !configuration.glossaries.isEmpty || !configuration.sections.isEmpty || !includePlaces.isEmpty else { return [] }
        var unmatched = zip(configuration.glossaries, glossaryPlaces).map { (pattern: $0.pattern, glob: Glob($0.pattern), place: $1) }
        var unmatchedIncludes = zip(configuration.include, includePlaces).map { (pattern: $0, glob: Glob($0), place: $1) }
        var emptySections = zip(configuration.sections, sectionPlaces).map { (path: $0.path, folder: WorkspacePath.trimmingTrailingSlashes($0.path), place: $1) }
        emptySections.removeAll { $0.folder.isEmpty || $0.folder == "." }
        let excludes = (Configuration.defaultExclude + configuration.exclude).map(Glob.init)
        for path in paths where !unmatched.isEmpty || !emptySections.isEmpty || !unmatchedIncludes.isEmpty {
            unmatched.removeAll { $0.glob.matches(path) }
            if !unmatchedIncludes.isEmpty && !excludes.contains(where: { $0.matches(path) }) { unmatchedIncludes.removeAll { $0.glob.matches(path) } }
            emptySections.removeAll { path.hasPrefix($0.folder + "/") }
        }
        return unmatched.map { entry in
            ConfigurationProblem(file: file, line: entry.place.line, column: entry.place.column, message: "Glossary \"\(entry.pattern)\" matches no file", isError: false)
        } + unmatchedIncludes.map { entry in
            ConfigurationProblem(file: file, line: entry.place.line, column: entry.place.column,
                                 message: "Include \"\(entry.pattern)\" matches no file (none exists, or exclude drops each)", isError: false)
        } + emptySections.map { entry in
            ConfigurationProblem(file: file, line: entry.place.line, column: entry.place.column,
                                 message: "Section \"\(entry.path)\" holds no file the workspace reads: the folder is missing, empty or left out by include and exclude", isError: false)
        }
    }
}

/// Rule codes that later rules will use; accepted in configuration now so configs stay valid.
public enum RuleCatalog {
    public static let futureCodes: Set<String> = [
        "term-casing", "term-alias", "term-abbreviation",
        "misplaced-document", "misplaced-section", "persona-mismatch", "unplaced-document", "front-matter-syntax",
    ]
}
