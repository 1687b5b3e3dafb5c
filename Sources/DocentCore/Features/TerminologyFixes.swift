/// Quick fixes for the terminology rules, "Disable for this line" for every rule, "Add to glossary"
/// for a selected phrase, and the document-wide fix-all.
public struct TerminologyFixes: CodeActionProvider {
    public static let fixableCodes: Set<String> = ["term-casing", "term-alias", "term-abbreviation"]

    public init() {}

    public func actions(in path: String, range: ByteRange, diagnostics: [Diagnostic], snapshot: WorkspaceSnapshot) -> [CodeActionProposal] {
        guard let document = snapshot.document(path) else { return [] }
        var result: [CodeActionProposal] = []
        for diagnostic in diagnostics {
            if let fix = Self.quickFix(for: diagnostic, document: document) { result.append(fix) }
        }
        // One "Disable" per distinct edit: a selection over several lines offers each line its own (the
        // server's titles then say which line), while one comment serves every use of a line and one
        // file directive every line of the front matter.
        var disabled = Set<[WorkspaceEditOperation]>()
        for diagnostic in diagnostics {
            let proposal = Self.disableForLine(diagnostic, document: document)
            if disabled.insert(proposal.operations).inserted { result.append(proposal) }
        }
        if let add = AddToGlossary.action(selection: range, in: path, snapshot: snapshot) { result.append(add) }
        return result
    }

    /// Replace the use with the diagnostic's `replacement` (canonical term, preferred term, expansion).
    /// A replacement that changes grammatical number (`changesNumber`: a singular alias, a plural
    /// term) says so in its title and is neither preferred nor safe: the sentence around it needs a look.
    /// So does an alias in a hyphenated compound (`inCompound`: "Scaffolder-generated"), which may
    /// want rewording, and a replacement in a heading that changes the anchor its text gives it
    /// (`changesAnchor`: the old anchor), which would break every link to the heading.
    public static func quickFix(for diagnostic: Diagnostic) -> CodeActionProposal? {
        guard fixableCodes.contains(diagnostic.code), case .string(let replacement)? = diagnostic.data["replacement"] else { return nil }
        let changesNumber = diagnostic.data["changesNumber"] == .bool(true)
        let inCompound = diagnostic.data["inCompound"] == .bool(true)
        var changedAnchor: String?
        if case .string(let anchor)? = diagnostic.data["changesAnchor"] { changedAnchor = anchor }
        // A menu item is one line: a replacement that keeps a soft line break ("JSON Web\n   Token")
        // is shown with single spaces, as the diagnostic's message shows it.
        let shown = replacement.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let isSafe = !changesNumber && !inCompound && changedAnchor == nil
        let title: String
        switch diagnostic.code {
        case "term-abbreviation": title = "Spell out as “\(shown)”"
        default:
            if let changedAnchor {
                title = "Replace with “\(shown)” (changes the heading's anchor #\(changedAnchor): links to it must change too)"
            } else if changesNumber {
                let number = TermSpelling.readsAsPlural(replacement) ? "singular → plural" : "plural → singular"
                title = "Replace with “\(shown)” (\(number): check the sentence still agrees)"
            } else if inCompound {
                title = "Replace with “\(shown)” (in a hyphenated compound: check the wording)"
            } else {
                title = "Replace with “\(shown)”"
            }
        }
        return CodeActionProposal(title: title, kind: "quickfix", fixes: [diagnostic],
                                  operations: [.edit(FileEdit(file: diagnostic.file, range: diagnostic.range, newText: replacement))],
                                  isPreferred: isSafe, isSafe: isSafe)
    }

    /// Silences the diagnostic's rule where it stands, without changing how the page renders:
    ///
    /// - In front matter, where a comment would be YAML (and no directive): `<!-- docent-disable-file
    ///   CODE -->` on the line after the front matter ("Disable CODE for this file").
    /// - On the first line of a paragraph or heading that starts its line: `<!-- docent-disable-next-line
    ///   CODE -->` on a line of its own above it, indented like it.
    /// - Anywhere else (a table row, a line that continues a paragraph, a block quote or list item line,
    ///   where a comment line would split the block): `<!-- docent-disable-line CODE -->` appended to
    ///   the line, before a hard line break's trailing spaces or backslash.
    public static func disableForLine(_ diagnostic: Diagnostic, document: WorkspaceDocument) -> CodeActionProposal {
        let text = document.text
        let markdown = document.markdown
        let bytes = text.bytes
        let code = diagnostic.code
        if let frontMatter = markdown.frontMatter, frontMatter.range.contains(diagnostic.range.lowerBound) {
            let closing = text.lineRange(text.line(of: max(frontMatter.range.upperBound - 1, frontMatter.range.lowerBound)))
            let edit = FileEdit(file: diagnostic.file, range: closing.upperBound..<closing.upperBound, newText: "\(text.lineBreak(after: closing))<!-- docent-disable-file \(code) -->")
            return CodeActionProposal(title: "Disable \(code) for this file", kind: "quickfix", fixes: [diagnostic], operations: [.edit(edit)])
        }
        let line = text.line(of: diagnostic.range.lowerBound)
        let lineRange = text.lineRange(line)
        let isTableRow = markdown.tables.contains { $0.range.contains(lineRange.lowerBound) }
        var startsItsBlock = !isTableRow
        if !isTableRow, let block = markdown.proseBlocks.first(where: { $0.range.lowerBound <= diagnostic.range.lowerBound && diagnostic.range.lowerBound < $0.range.upperBound }) {
            if block.range.lowerBound < lineRange.lowerBound {
                startsItsBlock = false
            } else {
                // Only indentation (and a heading's hashes) before the block on its line: not in a quote or list item.
                var isHeading = false
                if case .heading = block.kind { isHeading = true }
                startsItsBlock = bytes[lineRange.lowerBound..<block.range.lowerBound].allSatisfy { ByteClass.isSpace($0) || isHeading && $0 == UInt8(ascii: "#") }
            }
        }
        let edit: FileEdit
        if startsItsBlock {
            var indentEnd = lineRange.lowerBound
            while indentEnd < lineRange.upperBound && ByteClass.isSpace(bytes[indentEnd]) { indentEnd += 1 }
            let indent = text.string(in: lineRange.lowerBound..<indentEnd)
            edit = FileEdit(file: diagnostic.file, range: lineRange.lowerBound..<lineRange.lowerBound, newText: "\(indent)<!-- docent-disable-next-line \(code) -->\(text.lineBreak(after: lineRange))")
        } else {
            var end = lineRange.upperBound
            while end > diagnostic.range.upperBound && (ByteClass.isSpace(bytes[end - 1]) || bytes[end - 1] == 0x0D) { end -= 1 }
            if !isTableRow && end > diagnostic.range.upperBound && bytes[end - 1] == UInt8(ascii: "\\") { end -= 1 }
            // A code span or link running over the line end would swallow the comment: put it after the use.
            if markdown.codeSpans.contains(where: { $0.lowerBound < end && end < $0.upperBound }) || markdown.links.contains(where: { $0.range.lowerBound < end && end < $0.range.upperBound }) {
                end = diagnostic.range.upperBound
            }
            edit = FileEdit(file: diagnostic.file, range: end..<end, newText: " <!-- docent-disable-line \(code) -->")
        }
        return CodeActionProposal(title: "Disable \(code) for this line", kind: "quickfix", fixes: [diagnostic], operations: [.edit(edit)])
    }

    /// Every safe fix of a document, non-overlapping, in document order (`source.fixAll.docent`, `--fix`).
    public static func fixAll(in path: String, snapshot: WorkspaceSnapshot) -> [FileEdit] {
        guard let document = snapshot.document(path) else { return [] }
        return fixAll(of: RuleRegistry.diagnostics(for: path, in: snapshot), document: document)
    }

    /// Every safe fix of `diagnostics` (the document's, as reported), non-overlapping, in document order.
    public static func fixAll(of diagnostics: [Diagnostic], document: WorkspaceDocument) -> [FileEdit] {
        var edits: [FileEdit] = []
        var lastEnd = -1
        for diagnostic in diagnostics.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
            guard let fix = quickFix(for: diagnostic, document: document), fix.isSafe, case .edit(let edit)? = fix.operations.first else { continue }
            guard edit.range.lowerBound >= lastEnd else { continue }
            edits.append(edit)
            lastEnd = edit.range.upperBound
        }
        return edits
    }

    /// Applies non-overlapping edits to bytes (back to front).
    public static func apply(_ edits: [FileEdit], to bytes: [UInt8]) -> [UInt8] {
        var result = bytes
        for edit in edits.sorted(by: { $0.range.lowerBound > $1.range.lowerBound }) {
            result.replaceSubrange(edit.range.clamped(to: 0..<result.count), with: Array(edit.newText.utf8))
        }
        return result
    }
}

/// "Add to glossary": a selected phrase of one to five words that is not a term (nor a whole heading)
/// becomes a new entry, in the layout of the main glossary that can take one, at its sorted position.
public enum AddToGlossary {
    public static let maximumWords = 5

    public static func action(selection: ByteRange, in path: String, snapshot: WorkspaceSnapshot) -> CodeActionProposal? {
        guard !selection.isEmpty, selection.count <= 80, let document = snapshot.document(path) else { return nil }
        let words = document.text.string(in: selection).split(whereSeparator: \.isWhitespace)
        let phrase = words.joined(separator: " ")
        guard (1...maximumWords).contains(words.count), phrase.contains(where: \.isLetter), !phrase.contains("\n"),
              snapshot.glossary.entries(named: phrase).isEmpty else { return nil }
        // Nor a term's possessive ("DocHub's", "Service Catalog’s", "User Roles'"), nor a selection that
        // is exactly a use the matcher found (any ending it accepts, across a line break too).
        if let owner = withoutPossessive(phrase), !snapshot.glossary.entries(named: owner).isEmpty { return nil }
        var trimmed = selection
        let bytes = document.text.bytes
        while trimmed.lowerBound < trimmed.upperBound && ByteClass.isWhitespace(bytes[trimmed.lowerBound]) { trimmed = (trimmed.lowerBound + 1)..<trimmed.upperBound }
        while trimmed.upperBound > trimmed.lowerBound && ByteClass.isWhitespace(bytes[trimmed.upperBound - 1]) { trimmed = trimmed.lowerBound..<(trimmed.upperBound - 1) }
        if snapshot.termMatches(in: path).contains(where: { $0.range == trimmed }) { return nil }
        // Only from prose.
        guard document.markdown.proseSpans.contains(where: { $0.range.lowerBound <= selection.lowerBound && selection.lowerBound < $0.range.upperBound }) else { return nil }
        // A whole heading is a title, not a term (some clients send a heading diagnostic's range).
        if document.markdown.headings.contains(where: { $0.range.contains(selection.lowerBound) && $0.text.split(whereSeparator: \.isWhitespace).joined(separator: " ") == phrase }) { return nil }
        for file in targets(snapshot.glossary.files, configuration: snapshot.configuration) {
            guard let glossaryDocument = snapshot.document(file.path), let edit = insertion(of: phrase, into: file, document: glossaryDocument) else { continue }
            return CodeActionProposal(title: "Add “\(phrase)” to the glossary (\(file.path))", kind: "refactor", operations: [.edit(edit)])
        }
        return nil
    }

    /// The phrase without a possessive ending (`'s`, `’s`, or the apostrophe after a plural's `s`);
    /// nil when it has none.
    static func withoutPossessive(_ phrase: String) -> String? {
        for ending in ["'s", "’s", "'S", "’S"] where phrase.hasSuffix(ending) && phrase.count > ending.count {
            return String(phrase.dropLast(ending.count))
        }
        if phrase.count > 2, phrase.hasSuffix("s'") || phrase.hasSuffix("s’") || phrase.hasSuffix("S'") || phrase.hasSuffix("S’") {
            return String(phrase.dropLast())
        }
        return nil
    }

    /// Glossary files in the order a new entry tries them: the configuration's order of glossaries
    /// (then nearest the root, then path); with none configured, files named `glossary.md` first,
    /// nearest the root first.
    static func targets(_ files: [GlossaryFile], configuration: Configuration) -> [GlossaryFile] {
        func rank(_ file: GlossaryFile) -> (Int, Int, String) {
            let depth = file.path.split(separator: "/").count
            if configuration.glossaries.isEmpty {
                let name = file.path.split(separator: "/").last.map { $0.lowercased() } ?? ""
                return (name == "glossary.md" || name == "glossary.mdx" ? 0 : 1, depth, file.path)
            }
            let index = configuration.glossaries.firstIndex { Glob($0.pattern).matches(file.path) } ?? configuration.glossaries.count
            return (index, depth, file.path)
        }
        return files.sorted { rank($0) < rank($1) }
    }

    /// The edit that inserts `term` into a glossary file, before the first entry that sorts after it.
    static func insertion(of term: String, into file: GlossaryFile, document: WorkspaceDocument) -> FileEdit? {
        let placeholder = "TODO: define \(term)."
        let text = document.text
        let entries = file.entries.sorted { $0.range.lowerBound < $1.range.lowerBound }
        let next = entries.first { $0.term.lowercased() > term.lowercased() }
        func lineStart(_ offset: Int) -> Int { text.lineRange(text.line(of: offset)).lowerBound }
        switch file.format {
        case .headings:
            let level = entries.first.map { entry in text.string(in: lineStart(entry.termRange.lowerBound)..<entry.termRange.lowerBound).filter { $0 == "#" }.count } ?? 2
            let hashes = String(repeating: "#", count: max(level, 1))
            let block = "\(hashes) \(term)\n\n\(placeholder)\n\n"
            if let next { return FileEdit(file: file.path, range: lineStart(next.termRange.lowerBound)..<lineStart(next.termRange.lowerBound), newText: block) }
            let ending = text.string.hasSuffix("\n") ? "" : "\n"
            return FileEdit(file: file.path, range: text.count..<text.count, newText: ending + "\n" + block.dropLast())
        case .bullets:
            let line = "- **\(term)** - \(placeholder)\n"
            if let next { return FileEdit(file: file.path, range: lineStart(next.range.lowerBound)..<lineStart(next.range.lowerBound), newText: line) }
            let end = entries.last.map { text.lineRange(text.line(of: $0.range.upperBound)).upperBound } ?? text.count
            return FileEdit(file: file.path, range: end..<end, newText: "\n" + String(line.dropLast()))
        case .definitionList:
            let block = "\(term)\n: \(placeholder)\n\n"
            if let next { return FileEdit(file: file.path, range: lineStart(next.range.lowerBound)..<lineStart(next.range.lowerBound), newText: block) }
            return FileEdit(file: file.path, range: text.count..<text.count, newText: (text.string.hasSuffix("\n") ? "\n" : "\n\n") + block.dropLast(2) + "\n")
        case .table:
            let row = "| \(term) | \(placeholder) |\n"
            if let next { return FileEdit(file: file.path, range: lineStart(next.range.lowerBound)..<lineStart(next.range.lowerBound), newText: row) }
            guard let last = entries.last else { return nil }
            let end = text.lineRange(text.line(of: last.range.lowerBound)).upperBound
            return FileEdit(file: file.path, range: end..<end, newText: "\n" + String(row.dropLast()))
        case .abbreviations:
            let line = "*[\(term)]: \(placeholder)\n"
            if let next { return FileEdit(file: file.path, range: lineStart(next.range.lowerBound)..<lineStart(next.range.lowerBound), newText: line) }
            return FileEdit(file: file.path, range: text.count..<text.count, newText: (text.string.hasSuffix("\n") ? "" : "\n") + line)
        case .termLines, .termFile:
            return nil
        }
    }
}
