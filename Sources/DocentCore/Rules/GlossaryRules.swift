/// `glossary-duplicate`: the same term (with the same qualifier) is defined more than once, in one
/// glossary file or across several.
public struct GlossaryDuplicateRule: Rule {
    public static let description = RuleDescription(code: "glossary-duplicate", summary: "A term is defined more than once", defaultSeverity: .warning)

    public func check(_ path: String, in snapshot: WorkspaceSnapshot, cache: AnalysisCache) -> [Diagnostic] {
        guard snapshot.isGlossary(path) else { return [] }
        let entries = snapshot.glossary.entries
        var firstByKey: [String: Int] = [:]
        var result: [Diagnostic] = []
        for (index, entry) in entries.enumerated() where entry.format != .abbreviations {
            let key = Self.key(entry)
            guard let first = firstByKey[key] else {
                firstByKey[key] = index
                continue
            }
            guard entry.file == path else { continue }
            let original = entries[first]
            let place = original.file == entry.file ? "line \(original.line + 1)" : "\(original.file):\(original.line + 1)"
            result.append(Diagnostic(
                code: Self.description.code, severity: Self.description.defaultSeverity,
                message: "“\(entry.displayName)” is already defined at \(place)",
                file: path, range: entry.termRange,
                related: [RelatedLocation(file: original.file, range: original.termRange, message: "First definition of “\(original.displayName)”")],
                data: ["term": .string(entry.displayName), "firstFile": .string(original.file), "firstLine": .number(Double(original.line))]))
        }
        return result
    }

    /// Terms are the same when their words and the symbols around them are: "C" and "C++" are two
    /// terms, "Pub/Sub" and "Pub-Sub" one.
    static func key(_ entry: GlossaryEntry) -> String {
        let (words, shape) = WordTokenizer.normalizedWordsAndShape(entry.term)
        let written = words.map { String(decoding: $0, as: UTF8.self) }.joined(separator: " ")
        let affixes = shape.hasAffixes ? "|" + String(decoding: shape.prefix, as: UTF8.self) + "|" + String(decoding: shape.suffix, as: UTF8.self) : ""
        return written + "|" + (entry.qualifier?.lowercased() ?? "") + affixes
    }
}

/// `glossary-empty`: a term with no definition.
public struct GlossaryEmptyRule: Rule {
    public static let description = RuleDescription(code: "glossary-empty", summary: "A glossary term has no definition", defaultSeverity: .warning)

    public func check(_ path: String, in snapshot: WorkspaceSnapshot, cache: AnalysisCache) -> [Diagnostic] {
        snapshot.glossary.entries(inFile: path).map { snapshot.glossary.entries[$0] }.filter(\.isEmpty).map { entry in
            Diagnostic(code: Self.description.code, severity: Self.description.defaultSeverity,
                       message: "“\(entry.displayName)” has no definition", file: path, range: entry.termRange,
                       data: ["term": .string(entry.displayName)])
        }
    }
}

/// `glossary-missing-term` and layout problems found while reading a glossary file.
public struct GlossaryMissingTermRule: Rule {
    public static let description = RuleDescription(code: "glossary-missing-term", summary: "A glossary definition has no term, or a glossary line could not be read", defaultSeverity: .warning)

    public func check(_ path: String, in snapshot: WorkspaceSnapshot, cache: AnalysisCache) -> [Diagnostic] {
        guard let file = snapshot.glossary.file(path) else { return [] }
        return file.problems.map { problem in
            Diagnostic(code: Self.description.code, severity: Self.description.defaultSeverity, message: problem.message,
                       file: path, range: problem.range, data: ["kind": .string(problem.kind.rawValue)])
        }
    }
}

/// `glossary-dangling-reference`: a link to an entry anchor that does not exist (including anchors
/// whose case differs, which browsers do not match), or "See X" for a term the glossary lacks.
public struct GlossaryDanglingReferenceRule: Rule {
    public static let description = RuleDescription(code: "glossary-dangling-reference", summary: "A glossary cross-reference points at no entry", defaultSeverity: .warning)

    public func check(_ path: String, in snapshot: WorkspaceSnapshot, cache: AnalysisCache) -> [Diagnostic] {
        guard let file = snapshot.glossary.file(path) else { return [] }
        let glossary = snapshot.glossary
        var result: [Diagnostic] = []
        for entry in glossary.entries(inFile: path).map({ glossary.entries[$0] }) {
            for reference in entry.references {
                guard let destination = reference.destination, let hash = destination.firstIndex(of: "#") else { continue }
                let target = String(destination[..<hash])
                let anchor = String(destination[destination.index(after: hash)...])
                guard !anchor.isEmpty, !target.contains("://") else { continue }
                let anchors: Set<String>
                let targetPath: String
                if target.isEmpty {
                    anchors = file.anchors
                    targetPath = path
                } else {
                    let resolved = WorkspacePath.resolve(target, relativeTo: path)
                    guard let resolved, let other = glossary.file(resolved) else { continue }
                    anchors = other.anchors
                    targetPath = resolved
                }
                if anchors.contains(anchor) { continue }
                var message = "No entry has the anchor #\(anchor)"
                var data: [String: DiagnosticValue] = ["anchor": .string(anchor), "file": .string(targetPath)]
                if let match = anchors.first(where: { $0.lowercased() == anchor.lowercased() }) {
                    message = "The anchor #\(anchor) differs in case from #\(match); anchors are case-sensitive"
                    data["suggestedAnchor"] = .string(match)
                } else if let guess = Self.closestAnchor(to: reference.text, anchor: anchor, in: glossary, file: targetPath) {
                    message += "; did you mean #\(guess)?"
                    data["suggestedAnchor"] = .string(guess)
                }
                result.append(Diagnostic(code: Self.description.code, severity: Self.description.defaultSeverity, message: message,
                                         file: path, range: reference.range, data: data))
            }
            if let preferred = entry.preferredTerm, entry.references.isEmpty, glossary.entries(named: preferred).filter({ glossary.entries[$0].term != entry.term }).isEmpty {
                result.append(Diagnostic(code: Self.description.code, severity: Self.description.defaultSeverity,
                                         message: "“\(entry.displayName)” points at “\(preferred)”, which the glossary does not define",
                                         file: path, range: entry.definitionRange, data: ["term": .string(preferred)]))
            }
        }
        return result
    }

    /// An entry anchor for the link's text or its anchor's words ("documents" → "document-search-plugin").
    static func closestAnchor(to text: String, anchor: String, in glossary: Glossary, file: String) -> String? {
        for candidate in [text, anchor.replacingAll("-", with: " ")] {
            for index in glossary.entries(named: candidate) {
                let entry = glossary.entries[index]
                if entry.file == file, let found = entry.anchor { return found }
            }
        }
        return nil
    }
}

/// `glossary-self-definition`: the first sentence of a definition uses the term it defines
/// ("An index is a collection of …"); a definition should explain the term in other words.
public struct GlossarySelfDefinitionRule: Rule {
    public static let description = RuleDescription(code: "glossary-self-definition", summary: "A definition's first sentence uses the term it defines", defaultSeverity: .information)

    public func check(_ path: String, in snapshot: WorkspaceSnapshot, cache: AnalysisCache) -> [Diagnostic] {
        guard let document = snapshot.document(path), snapshot.isGlossary(path) else { return [] }
        let glossary = snapshot.glossary
        var result: [Diagnostic] = []
        var reported = Set<Int>()
        // One pass over the prose matches (a link target such as `#resource-permission-plugin` is not a
        // use), each looked up in the entry that holds it.
        for match in cache.termMatches(path, in: snapshot) {
            guard let index = glossary.entry(containing: match.range.lowerBound, inFile: path), !reported.contains(index) else { continue }
            let entry = glossary.entries[index]
            guard entry.preferredTerm == nil, entry.format != .abbreviations, !entry.definitionRange.isEmpty,
                  Self.firstSentence(document.text, in: entry.definitionRange).contains(match.range.lowerBound),
                  glossary.names[match.name].targets.contains(where: { $0.entry == index && $0.kind == .term }) else { continue }
            // A name two entries share ("Kubernetes (Backstage plugin)": "… a view of Kubernetes
            // resources") may mean the other one: not circular (review).
            if glossary.names[match.name].targets.contains(where: { $0.entry != index && $0.kind == .term && glossary.entries[$0.entry].preferredTerm == nil }) { continue }
            reported.insert(index)
            result.append(Diagnostic(code: Self.description.code, severity: Self.description.defaultSeverity,
                                     message: "The definition of “\(entry.displayName)” uses the term itself in its first sentence; explain it in other words",
                                     file: path, range: match.range, data: ["term": .string(entry.displayName)]))
        }
        return result
    }

    /// The first sentence of a definition: up to the first `. `, `! ` or `? ` (or the end). A
    /// leading sense number (`1. `) is skipped.
    static func firstSentence(_ text: SourceText, in range: ByteRange) -> ByteRange {
        let bytes = text.bytes
        var start = range.lowerBound
        while start < range.upperBound && (ByteClass.isDigit(bytes[start]) || bytes[start] == UInt8(ascii: ".") || ByteClass.isSpace(bytes[start])) { start += 1 }
        var index = start
        while index < range.upperBound {
            let byte = bytes[index]
            if (byte == UInt8(ascii: ".") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?")) && (index + 1 == range.upperBound || ByteClass.isWhitespace(bytes[index + 1])) {
                return start..<index
            }
            index += 1
        }
        return start..<range.upperBound
    }
}
