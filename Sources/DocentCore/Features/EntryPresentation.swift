/// How an entry reads in a hover or in `docent explain`: one Markdown text for both.
public enum EntryPresentation {
    /// Markdown for one entry. `location` turns (file, zero-based line) into a link target or text.
    /// Links in the definition are resolved against the glossary file, so that `#anchor` links open
    /// the entry they name rather than the page being hovered.
    /// `fileName` names the glossary file in "Defined in" (`docent explain` names it from the current
    /// directory; a hover by its workspace path).
    /// `ordinaryWord`: the hovered text, when it is a discouraged one-word name that is also a word of
    /// its preferred term ("role" for User Role), which `term-alias` leaves alone as ordinary English:
    /// the entry then says where the preferred term applies instead of telling the writer to change it.
    public static func markdown(_ entry: GlossaryEntry, glossary: Glossary, location: (String, Int) -> String, fileName: (String) -> String = { $0 },
                                ordinaryWord: String? = nil, headingLine: (_ path: String, _ anchor: String) -> Int? = { _, _ in nil }) -> String {
        let entry = glossary.resolvingLinks(of: entry, location: location, headingLine: headingLine)
        var lines: [String] = []
        var title = "**\(entry.term)**"
        if let qualifier = entry.qualifier { title += " *(\(qualifier))*" }
        if let expansion = entry.expansion, expansion.lowercased() != entry.term.lowercased() { title += " — \(expansion)" }
        lines.append(title)
        lines.append("")
        if let preferred = entry.preferredTerm, let ordinaryWord {
            lines.append("Where “\(ordinaryWord)” means the glossary's term, write **\(preferred)**; as an ordinary word it is fine.")
            lines.append("")
        } else if let preferred = entry.preferredTerm {
            lines.append("Use **\(preferred)** instead.")
            lines.append("")
        }
        if entry.senses.count > 1 {
            for (index, sense) in entry.senses.enumerated() { lines.append("\(index + 1). \(sense)") }
            lines.append("")
        } else if let sense = entry.senses.first {
            lines.append(sense)
            lines.append("")
        } else if entry.preferredTerm == nil {
            lines.append("*No definition.*")
            lines.append("")
        }
        if let details = entry.details, !details.isEmpty {
            lines.append(details)
            lines.append("")
        }
        let accepted = entry.aliases.filter { $0.kind != .discouraged }.map(\.name)
        if !accepted.isEmpty { lines.append("Also: " + accepted.map { "*\($0)*" }.joined(separator: ", ")) }
        let discouraged = entry.aliases.filter { $0.kind == .discouraged }.map(\.name)
        if !discouraged.isEmpty { lines.append("Not: " + discouraged.map { "~~\($0)~~" }.joined(separator: ", ")) }
        let seeAlso = entry.references.compactMap { reference -> String? in
            let targets = glossary.entries(named: reference.text)
            guard let target = targets.first.map({ glossary.entries[$0] }), target.term != entry.term else { return nil }
            return "[\(target.displayName)](\(location(target.file, target.line)))"
        }.uniqued()
        if !seeAlso.isEmpty { lines.append("See also: " + seeAlso.joined(separator: ", ")) }
        if !accepted.isEmpty || !discouraged.isEmpty || !seeAlso.isEmpty { lines.append("") }
        lines.append("Defined in [\(fileName(entry.file)):\(entry.line + 1)](\(location(entry.file, entry.line)))")
        return lines.joined(separator: "\n")
    }

    /// Several entries that share a name, the most fitting first, separated by rules.
    public static func markdown(_ entries: [Int], glossary: Glossary, location: (String, Int) -> String, fileName: (String) -> String = { $0 },
                                ordinaryWord: String? = nil, headingLine: (_ path: String, _ anchor: String) -> Int? = { _, _ in nil }) -> String {
        entries.map { markdown(glossary.entries[$0], glossary: glossary, location: location, fileName: fileName, ordinaryWord: ordinaryWord, headingLine: headingLine) }.joined(separator: "\n\n---\n\n")
    }
}
