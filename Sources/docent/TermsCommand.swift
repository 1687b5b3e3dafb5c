import DocentCore
import DocentIO
import Foundation

/// `docent terms [DIR] [--json]`: every glossary entry with its qualifier, aliases and source.
enum TermsCommand {
    static func run(_ arguments: [String]) -> Int32 {
        guard let options = parseOptions(arguments, command: "terms", valued: ["--config"], boolean: ["--json"]) else { return 2 }
        guard options.positional.count <= 1 else {
            printError("docent terms: expected at most one directory")
            return 2
        }
        guard let root = WorkspaceRootFinder.root(ofDirectory: options.positional.first, configFile: options.value("--config"), command: "terms") else { return 2 }
        guard let result = loadWorkspace(root, command: "terms", configFile: options.value("--config")) else { return 2 }
        let glossary = result.snapshot.glossary
        // JSON's `file` is relative to the workspace root (documented); text names files from the
        // current directory, as `check` does.
        if options.flags.contains("--json") {
            let items: [JSONValue] = glossary.entries.map { entry in
                var object = JSONObject()
                object["term"] = .string(entry.term)
                object["qualifier"] = JSONValue(entry.qualifier)
                object["senses"] = .array(entry.senses.map { .string(MarkdownText.plainText($0)) })
                object["aliases"] = .array(entry.aliases.map { .string($0.name) })
                object["file"] = .string(entry.file)
                object["line"] = JSONValue(entry.line)
                object["format"] = .string(entry.format.rawValue)
                if let preferred = entry.preferredTerm { object["preferredTerm"] = .string(preferred) }
                if let expansion = entry.expansion { object["expansion"] = .string(expansion) }
                return .object(object)
            }
            print(JSONSerializer.string(.array(items), pretty: true))
            return 0
        }
        let display = PathDisplay(root: URL(fileURLWithPath: root))
        let glossaryPaths = result.snapshot.glossaryPaths.map(display.callAsFunction)
        if glossary.entries.isEmpty {
            print("No glossary entries found. Glossaries: \(glossaryPaths.isEmpty ? "none" : glossaryPaths.joined(separator: ", "))")
            return 0
        }
        for entry in glossary.entries {
            var line = entry.displayName
            if !entry.aliases.isEmpty {
                line += "  [" + entry.aliases.map { $0.kind == .discouraged ? "not: \($0.name)" : $0.name }.joined(separator: ", ") + "]"
            }
            if let preferred = entry.preferredTerm { line += "  → \(preferred)" }
            print("\(line)  (\(display(entry.file)):\(entry.line + 1))")
        }
        let count = glossary.files.count
        print("\(glossary.entries.count) \(glossary.entries.count == 1 ? "entry" : "entries") in \(count) glossary \(count == 1 ? "file" : "files"): \(glossaryPaths.joined(separator: ", "))")
        return 0
    }
}

/// `docent explain TERM [DIR]`: the entries for a term, as a hover shows them.
enum ExplainCommand {
    static func run(_ arguments: [String]) -> Int32 {
        guard let options = parseOptions(arguments, command: "explain", valued: ["--config"]) else { return 2 }
        guard let term = options.positional.first, options.positional.count <= 2 else {
            printError("usage: docent explain TERM [DIR]")
            return 2
        }
        guard let root = WorkspaceRootFinder.root(ofDirectory: options.positional.dropFirst().first, configFile: options.value("--config"), command: "explain") else { return 2 }
        guard let result = loadWorkspace(root, command: "explain", configFile: options.value("--config")) else { return 2 }
        let glossary = result.snapshot.glossary
        let found = glossary.entries(named: term)
        guard !found.isEmpty else {
            let suggestions = CompletionRanking.rank(query: term, glossary: glossary, limit: 3).map { glossary.names[$0.name].text }
            printError("docent explain: no glossary entry for “\(term)”" + (suggestions.isEmpty ? "" : "; did you mean: \(suggestions.joined(separator: ", "))?"))
            return 1
        }
        // Files named from the current directory, as `terms` and `check` name them.
        let display = PathDisplay(root: URL(fileURLWithPath: root))
        print(EntryPresentation.markdown(found, glossary: glossary, location: { file, line in "\(display(file)):\(line + 1)" }, fileName: { display($0) },
                                        headingLine: result.snapshot.headingLine))
        return 0
    }
}

/// `docent rules`: every rule with its code, default severity and summary.
enum RulesCommand {
    static func run(_ arguments: [String]) -> Int32 {
        guard let options = parseOptions(arguments, command: "rules") else { return 2 }
        guard options.positional.isEmpty else {
            printError("docent rules: takes no arguments")
            return 2
        }
        print(TextTable.render(RuleRegistry.descriptions.map { [$0.code, $0.defaultSeverity.rawValue, $0.summary] }, indent: ""), terminator: "")
        return 0
    }
}
