/// Renaming a glossary term: its entry and every use across the workspace, each use keeping its
/// plural or possessive ending and its case form, `#anchor` links to the entry following along, and a
/// front-matter `title:` that is the term itself (a page about the term: "title: DocHub").
public enum RenameFeature {
    public struct Preparation: Sendable {
        public var range: ByteRange
        public var placeholder: String
    }

    public enum Failure: Error, Sendable, Equatable {
        case notATerm
        case invalidName(String)
        /// A use of a name several entries have as their term, with nothing to tell which it means.
        case ambiguous(String)
    }

    /// The term at `offset` (a use, or the entry's own term) and its canonical spelling.
    public static func prepare(at offset: Int, in path: String, snapshot: WorkspaceSnapshot) -> Preparation? {
        try? preparation(at: offset, in: path, snapshot: snapshot).get().preparation
    }

    /// The term at `offset` and the entry a rename there renames: `.notATerm` off a term (or on an
    /// alias), `.ambiguous` on a use that could mean any of several entries sharing the name.
    public static func preparation(at offset: Int, in path: String, snapshot: WorkspaceSnapshot) -> Result<(entry: Int, preparation: Preparation), Failure> {
        let glossary = snapshot.glossary
        if let entry = TermLookup.entryDefinition(at: offset, in: path, snapshot: snapshot) {
            let definition = glossary.entries[entry]
            let range = termTextRange(of: definition, in: snapshot) ?? definition.termRange
            return .success((entry, Preparation(range: range, placeholder: definition.term)))
        }
        guard let found = TermLookup.term(at: offset, in: path, snapshot: snapshot), let entry = found.entries.first,
              let document = snapshot.document(path) else { return .failure(.notATerm) }
        // Uses through an alias rename the alias's entry, but only uses of the term itself are edited.
        guard glossary.names[found.match.name].targets.contains(where: { $0.entry == entry && $0.kind == .term }) else { return .failure(.notATerm) }
        var resolver = UseResolver(path: path, document: document, snapshot: snapshot)
        if case .ambiguous(let candidates)? = resolver.meaning(of: found.match) {
            let names = candidates.map { "“\(glossary.entries[$0].displayName)”" }
            let written = document.text.string(in: found.match.range).split(whereSeparator: \.isWhitespace).joined(separator: " ")
            return .failure(.ambiguous("“\(written)” here could mean \(names.dropLast().joined(separator: ", ")) or \(names.last!): rename the entry at its heading in the glossary, or write the qualifier after the term"))
        }
        return .success((entry, Preparation(range: found.match.range, placeholder: glossary.entries[entry].term)))
    }

    /// A rename's edits and what it deliberately left alone, for the client to tell the writer.
    public struct Plan: Sendable, Equatable {
        public var edits: [FileEdit]
        /// Uses inside text the writer fenced off with a `docent-disable…` comment (any rule): quotes of
        /// history, old names on purpose. Left as written.
        public var skippedUses: [FileEdit]
        /// Pages whose front-matter `title:` or `description:` mentions the term without being it; a
        /// rename does not rewrite metadata the writer owns.
        public var frontMatterMentions: [String]
        /// Uses of a name the entry shares with other entries (“Component (service catalog)” and
        /// “Component (UI kit)”) that nothing ties to one of them: renaming them would decide what they
        /// mean, so they are left as written. Uses that mean another entry are not listed.
        public var ambiguousUses: [FileEdit] = []
    }

    /// Why `name` (trimmed) cannot be a term's new name, or nil when it can. The name is written into
    /// the glossary's entry and into every use, in prose, headings and table cells, so it must read
    /// back as the same term: no Markdown that would change the page's structure (a heading, list
    /// or quote marker at its start, closing `#`s at its end, code spans, emphasis, links, HTML,
    /// table cell breaks, escapes, character references, MDX expressions) and no trailing
    /// parenthetical the glossary would read as a qualifier or an alias. Hyphens, dots, slashes,
    /// apostrophes, `&`, `+`, `#` inside a word ("C#") and parentheses inside the name stay allowed.
    public static func markdownProblem(ofName name: String) -> String? {
        func refused(_ why: String) -> String { "“\(name)” cannot be a term name: \(why)" }
        let scalars = Array(name.unicodeScalars)
        func isWordCharacter(_ index: Int) -> Bool {
            index >= 0 && index < scalars.count && (scalars[index].properties.isAlphabetic || scalars[index].properties.numericType != nil)
        }
        // Block markers at the start: a use that begins a line would become a heading, quote or list.
        let hashes = name.prefix { $0 == "#" }.count
        if (1...6).contains(hashes) && (hashes == name.count || name.dropFirst(hashes).first == " ") {
            return refused("at the start of a line “\(String(repeating: "#", count: hashes))” makes a heading")
        }
        if name.hasPrefix(">") { return refused("at the start of a line “>” makes a block quote") }
        let first = scalars[0], second = scalars.count > 1 ? scalars[1] : " "
        if "-+*:".unicodeScalars.contains(first) && (second == " " || scalars.count == 1) {
            return refused("at the start of a line “\(first) ” makes a list item")
        }
        var digits = 0
        while digits < scalars.count && digits < 10 && ("0"..."9").contains(scalars[digits]) { digits += 1 }
        if digits > 0, digits < scalars.count, scalars[digits] == "." || scalars[digits] == ")",
           digits + 1 == scalars.count || scalars[digits + 1] == " " {
            return refused("at the start of a line “\(String(String.UnicodeScalarView(scalars[...digits])))” makes a numbered list item")
        }
        // A heading's closing sequence: "OAuth #" in `## OAuth #` loses its `#`.
        if let last = name.split(separator: " ").last, name.contains(" "), last.allSatisfy({ $0 == "#" }) {
            return refused("a trailing “\(last)” would be read as a heading's closing #s")
        }
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case "`": return refused("“`” would start a code span")
            case "*": return refused("“*” would start emphasis")
            case "_" where !(isWordCharacter(index - 1) && isWordCharacter(index + 1)):
                return refused("“_” at the edge of a word would start emphasis")
            case "[", "]": return refused("“\(scalar)” would start a link")
            case "<": return refused("“<” would start HTML or an autolink")
            case "|": return refused("“|” would split a table cell")
            case "\\": return refused("“\\” would escape the character after it")
            case "~": return refused("“~” would start strikethrough")
            case "{", "}": return refused("“\(scalar)” would start an expression in MDX pages")
            case "&":
                // "R&D" is text; "&amp;" and "&#38;" are character references.
                var end = index + 1
                while end < scalars.count && (isWordCharacter(end) || scalars[end] == "#") { end += 1 }
                if end > index + 1, end < scalars.count, scalars[end] == ";" { return refused("“&…;” would be read as a character reference") }
            default: continue
            }
        }
        // The glossary reads a trailing parenthetical as a qualifier or as aliases.
        let (term, qualifier, aka) = DefinitionReader.splitTerm(name)
        if let qualifier { return refused("the glossary would read it as “\(term)” with the qualifier “\(qualifier)”") }
        if !aka.isEmpty { return refused("the glossary would read it as “\(term)” also known as “\(aka.joined(separator: "”, “"))”") }
        return nil
    }

    /// The edits that rename the entry at `offset` to `newName`.
    public static func rename(at offset: Int, in path: String, to newName: String, snapshot: WorkspaceSnapshot) -> Result<[FileEdit], Failure> {
        plan(at: offset, in: path, to: newName, snapshot: snapshot).map(\.edits)
    }

    /// The rename of the entry at `offset` to `newName`: its edits, and the uses and front-matter
    /// mentions it leaves alone (`skippedUses` holds the edits it did not make).
    public static func plan(at offset: Int, in path: String, to newName: String, snapshot: WorkspaceSnapshot) -> Result<Plan, Failure> {
        let trimmed = newName.trimmingSpaces()
        guard !trimmed.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) else { return .failure(.invalidName("A term name is one line")) }
        guard !trimmed.isEmpty, WordTokenizer.normalizedWords(trimmed).count > 0 else { return .failure(.invalidName("A term needs at least one word")) }
        if let problem = markdownProblem(ofName: trimmed) { return .failure(.invalidName(problem)) }
        let glossary = snapshot.glossary
        let entry: Int
        switch preparation(at: offset, in: path, snapshot: snapshot) {
        case .success(let found): entry = found.entry
        case .failure(let failure): return .failure(failure)
        }
        // A name another entry already has would merge two terms.
        if let other = glossary.entries(named: trimmed).first(where: { $0 != entry }) {
            let otherTerm = glossary.entries[other].term
            let isItsTerm = WordTokenizer.normalizedWords(otherTerm) == WordTokenizer.normalizedWords(trimmed)
            return .failure(.invalidName(isItsTerm ? "“\(trimmed)” is already a glossary term" : "“\(trimmed)” is already a name of the glossary term “\(otherTerm)”"))
        }
        let definition = glossary.entries[entry]
        var edits: [FileEdit] = []
        if let range = termTextRange(of: definition, in: snapshot) {
            edits.append(FileEdit(file: definition.file, range: range, newText: trimmed))
        }
        // Uses of the term's own name (not its aliases) in every document.
        var skipped: [FileEdit] = []
        var mentions: [String] = []
        var ambiguous: [FileEdit] = []
        guard let nameIndex = glossary.names.indices.first(where: { glossary.names[$0].targets.contains(TermTarget(entry: entry, kind: .term)) }) else {
            return .success(Plan(edits: edits, skippedUses: [], frontMatterMentions: []))
        }
        // Other entries with the same term: each use goes to the entry it means.
        let isShared = !TermLookup.competingEntries(forName: nameIndex, in: glossary).isEmpty
        // A use holds the name without the punctuation around it that no use includes ("Backstage,
        // Inc." is used as "Backstage, Inc" before a sentence's period): so does its new text.
        let newSpelling = WordTokenizer.wordsShapeAndSpelling(trimmed).spelling
        let oldSpelling = glossary.names[nameIndex].spelling
        for file in snapshot.sortedPaths {
            guard let document = snapshot.document(file) else { continue }
            let headings = snapshot.isGlossary(file) ? glossary.entries(inFile: file).map { glossary.entries[$0].termRange } : []
            var suppressions: Suppressions?
            var resolver: UseResolver?
            for match in snapshot.termMatches(in: file) where match.name == nameIndex {
                if headings.contains(where: { $0.overlaps(match.range) }) { continue }
                let written = document.text.string(in: match.range)
                let edit = FileEdit(file: file, range: match.range, newText: inflect(newSpelling, like: written, canonical: oldSpelling, inflectionLength: match.inflectionLength))
                if isShared {
                    if resolver == nil { resolver = UseResolver(path: file, document: document, snapshot: snapshot) }
                    switch resolver!.meaning(of: match) {
                    case .entry(let meant)? where meant != entry: continue
                    case .ambiguous?: ambiguous.append(edit); continue
                    default: break
                    }
                }
                if suppressions == nil { suppressions = Suppressions(document: document) }
                if suppressions!.isAnyRuleSuppressed(at: match.range.lowerBound) {
                    skipped.append(edit)
                } else {
                    edits.append(edit)
                }
            }
        }
        // A page titled with the term itself follows the rename; other front-matter values do not.
        let termWords = WordTokenizer.normalizedWords(definition.term)
        for file in snapshot.sortedPaths {
            guard let document = snapshot.document(file) else { continue }
            if let edit = frontMatterTitleEdit(in: file, document: document, term: definition.term, newName: trimmed) {
                if isShared && !(snapshot.isGlossary(file) && glossary.entries(inFile: file).contains(entry)) {
                    // A title that is a shared term means the entry the page's text fits.
                    var resolver = UseResolver(path: file, document: document, snapshot: snapshot)
                    switch resolver.meaning(of: edit.range, among: TermLookup.competingEntries(forName: nameIndex, in: glossary)) {
                    case .entry(let meant) where meant != entry: continue
                    case .ambiguous: ambiguous.append(edit); continue
                    default: break
                    }
                }
                if !edits.contains(where: { $0.file == file && $0.range.overlaps(edit.range) }) { edits.append(edit) }
            } else if let frontMatter = document.markdown.frontMatter {
                let mentioning = ["title", "description"].compactMap { key in
                    frontMatter.string(key).flatMap { containsWords(termWords, in: WordTokenizer.normalizedWords($0)) ? frontMatter.entry(key) : nil }
                }
                guard !mentioning.isEmpty else { continue }
                if isShared {
                    // Only a mention that may mean this entry: one that means another entry of the name is none of the rename's business.
                    var resolver = UseResolver(path: file, document: document, snapshot: snapshot)
                    let candidates = TermLookup.competingEntries(forName: nameIndex, in: glossary)
                    guard mentioning.contains(where: { mention in
                        if case .entry(let meant) = resolver.meaning(of: mention.valueRange, among: candidates), meant != entry { return false }
                        return true
                    }) else { continue }
                }
                mentions.append(file)
            }
        }
        // Links to the entry's anchor follow the new heading's anchor.
        if let anchor = definition.anchor, definition.format == .headings {
            let newAnchor = MarkdownText.slug(definition.qualifier.map { "\(trimmed) (\($0))" } ?? trimmed)
            if newAnchor != anchor {
                for file in snapshot.sortedPaths {
                    guard let document = snapshot.document(file) else { continue }
                    for link in document.markdown.links where link.kind == .inline || link.kind == .definition {
                        guard let hash = link.destination.firstIndex(of: "#"), String(link.destination[link.destination.index(after: hash)...]) == anchor else { continue }
                        let target = String(link.destination[..<hash])
                        let resolved = target.isEmpty ? file : WorkspacePath.resolve(target, relativeTo: file)
                        guard resolved == definition.file else { continue }
                        let newDestination = target + "#" + newAnchor
                        edits.append(FileEdit(file: file, range: link.destinationRange, newText: newDestination))
                    }
                }
            }
        }
        return .success(Plan(edits: edits, skippedUses: skipped, frontMatterMentions: mentions, ambiguousUses: ambiguous))
    }

    static func containsWords(_ words: [[UInt8]], in text: [[UInt8]]) -> Bool {
        guard !words.isEmpty, words.count <= text.count else { return false }
        return (0...(text.count - words.count)).contains { start in Array(text[start..<(start + words.count)]) == words }
    }

    /// The edit that renames a top-level front-matter `title:` whose value is the term, case and spaces
    /// aside ("title: DocHub", "title: 'dochub'"): the new name in the title's case form, quoted as the
    /// value was (or double-quoted when a plain value could not hold it). A title that only mentions the
    /// term ("Setting up DocHub"), block scalars, nested `title:` keys and every other key stay as written:
    /// they are prose or metadata the writer owns, and a rename must not guess at them.
    static func frontMatterTitleEdit(in file: String, document: WorkspaceDocument, term: String, newName: String) -> FileEdit? {
        guard let frontMatter = document.markdown.frontMatter, let title = frontMatter.entry("title"), case .scalar(let value) = title.value else { return nil }
        let normalized = value.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard !normalized.isEmpty, normalized.lowercased() == term.lowercased() else { return nil }
        let bytes = document.text.bytes
        var range = title.valueRange
        while range.upperBound > range.lowerBound && (bytes[range.upperBound - 1] == 0x20 || bytes[range.upperBound - 1] == 0x09) { range = range.lowerBound..<(range.upperBound - 1) }
        // The quotes are part of the value (TOML's and JSON's ranges stand inside them).
        if let quoted = FrontMatterEntry.quoted(range, in: bytes) { range = quoted }
        // Only a value on the key's own line (a block scalar's lines start below it).
        guard !range.isEmpty, title.keyRange.upperBound <= range.lowerBound,
              !bytes[title.keyRange.upperBound..<range.upperBound].contains(0x0A) else { return nil }
        let first = bytes[range.lowerBound]
        let form = inflect(newName, like: normalized, canonical: term, inflectionLength: 0)
        guard form != value else { return nil }
        let last = bytes[range.upperBound - 1]
        let newText: String
        let isSingleQuoted = range.count >= 2 && first == UInt8(ascii: "'") && last == first
        if range.count >= 2 && first == UInt8(ascii: "\"") && last == first || frontMatter.syntax == .json {
            // YAML double-quoted scalars, TOML basic strings and JSON read the same escapes.
            newText = JSONEscape.quoted(form)
        } else if isSingleQuoted && frontMatter.syntax == .toml {
            // A TOML literal string has no escapes: a name with a quote or a break needs a basic string.
            newText = form.contains("'") || form.contains("\n") ? JSONEscape.quoted(form) : "'" + form + "'"
        } else if isSingleQuoted {
            newText = "'" + form.replacingAll("'", with: "''") + "'"
        } else if frontMatter.syntax == .toml {
            newText = JSONEscape.quoted(form)
        } else {
            newText = FrontMatter.yamlScalar(form)
        }
        return FileEdit(file: file, range: range, newText: newText)
    }

    /// Where the term's own words are written in its entry (the heading without qualifier or AKA part).
    static func termTextRange(of entry: GlossaryEntry, in snapshot: WorkspaceSnapshot) -> ByteRange? {
        guard let document = snapshot.document(entry.file) else { return nil }
        let written = document.text.string(in: entry.termRange)
        guard let found = written.range(of: entry.term) else {
            // Markup around the term (`**Term**`): fall back to the whole range only when it is the term.
            return MarkdownText.plainText(written) == entry.term ? entry.termRange : nil
        }
        let start = entry.termRange.lowerBound + written.utf8.distance(from: written.startIndex, to: found.lowerBound)
        return start..<(start + entry.term.utf8.count)
    }

    /// The new name in the form the use was written: same inflection, and lower or upper case when the
    /// use differs from the canonical spelling that way.
    static func inflect(_ newName: String, like written: String, canonical: String, inflectionLength: Int) -> String {
        let base = String(decoding: Array(written.utf8).dropLast(inflectionLength), as: UTF8.self)
        let normalizedBase = base.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        var form = newName
        if normalizedBase == canonical {
            form = newName
        } else if normalizedBase == normalizedBase.lowercased() && canonical != canonical.lowercased() {
            form = TermSpelling.isSpecial(newName) ? newName : newName.lowercased()
        } else if normalizedBase == normalizedBase.uppercased() && canonical != canonical.uppercased() {
            form = newName.uppercased()
        } else if let first = normalizedBase.first, first.isUppercase, canonical.first?.isLowercase == true {
            form = newName.prefix(1).uppercased() + newName.dropFirst()
        }
        return TermSpelling.replacement(canonical: form, written: written, inflectionLength: inflectionLength)
    }
}
