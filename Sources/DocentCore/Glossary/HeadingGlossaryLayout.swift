/// One heading per term (`## Access Token`), the definition in the paragraphs below.
enum HeadingGlossaryLayout {
    static func read(_ context: inout GlossaryParsingContext) {
        let headings = context.document.headings
        guard let (level, title) = entryLevel(of: headings) else { return }
        for (index, heading) in headings.enumerated() where heading.level == level && index != title {
            // The definition runs to the next heading of the same or a higher level.
            var end = context.text.count
            for next in headings[(index + 1)...] where next.level <= level {
                end = next.range.lowerBound
                break
            }
            let definition = heading.range.upperBound..<max(heading.range.upperBound, end)
            context.addEntry(rawTerm: context.text.string(in: heading.textRange), termRange: heading.textRange,
                             definitionLines: context.lines(in: definition), range: heading.range.lowerBound..<max(heading.range.upperBound, end),
                             anchor: heading.anchor)
        }
    }

    /// The level of the entry headings, and the index of a `#` page title among them that is no entry.
    /// Entries sit at the most common level below the `#` page title (`## Access Token`). `#` headings
    /// are the entries when there are no deeper ones (a file per term, `# DocHub`), or when there are at
    /// least two and no deeper level has more (`# DocHub`, `## Usage`, `# OAuth`); a
    /// first `#` heading that names the page (`# Glossary`, `# Key terms`) is then its title.
    static func entryLevel(of headings: [Heading]) -> (level: Int, title: Int?)? {
        let title = headings.first.flatMap { $0.level == 1 && isPageTitle($0.text) ? 0 : nil }
        var counts: [Int: Int] = [:]
        for (index, heading) in headings.enumerated() where index != title { counts[heading.level, default: 0] += 1 }
        let topLevel = counts[1] ?? 0
        counts[1] = nil
        let deeper = counts.max { ($0.value, -$0.key) < ($1.value, -$1.key) }
        if let deeper, topLevel < 2 || topLevel < deeper.value { return (deeper.key, nil) }
        return topLevel > 0 ? (1, title) : nil
    }

    /// The entry headings, as `entryLevel` picks them.
    static func entryHeadings(of headings: [Heading]) -> [Heading] {
        guard let (level, title) = entryLevel(of: headings) else { return [] }
        return headings.enumerated().filter { $0.element.level == level && $0.offset != title }.map(\.element)
    }

    /// Whether a heading names a glossary page rather than a term: it says glossary, terminology,
    /// vocabulary or lexicon, or ends in terms, definitions, abbreviations or acronyms ("Key terms",
    /// but not "Terms of Service").
    static func isPageTitle(_ markdown: String) -> Bool {
        let words = MarkdownText.plainText(markdown).lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init)
        guard let last = words.last else { return false }
        return words.contains { ["glossary", "glossaries", "terminology", "vocabulary", "lexicon"].contains($0) }
            || ["terms", "definitions", "abbreviations", "acronyms"].contains(last)
    }
}

/// A table with a term column and an explanation column.
enum TableGlossaryLayout {
    /// The indices of the term and definition columns when the header names them.
    static func termColumns(of table: Table, in text: SourceText) -> (term: Int, definition: Int)? {
        guard let header = table.rows.first, header.count >= 2 else { return nil }
        let names = header.map { MarkdownText.plainText(text.string(in: $0)).lowercased() }
        guard let term = names.firstIndex(where: { ["term", "terms", "name", "word", "abbreviation", "acronym", "phrase"].contains($0) }) else { return nil }
        let definition = names.firstIndex(where: { ["explanation", "definition", "description", "meaning", "means", "expansion"].contains($0) })
            ?? (term + 1 < names.count ? term + 1 : nil)
        guard let definition, definition != term else { return nil }
        return (term, definition)
    }

    static func read(_ context: inout GlossaryParsingContext) {
        for table in context.document.tables {
            guard let columns = termColumns(of: table, in: context.text) else { continue }
            // A row short of the definition cell is an entry without a definition (`glossary-empty`
            // says so), not a row to skip; one short of the term cell too (`glossary-missing-term`).
            for row in table.rows.dropFirst() where !row.isEmpty {
                let rowRange = context.text.lineRange(context.text.line(of: row[0].lowerBound))
                let termRange = columns.term < row.count ? row[columns.term] : rowRange.upperBound..<rowRange.upperBound
                let definitionLines = columns.definition < row.count ? [row[columns.definition]] : []
                context.addEntry(rawTerm: context.text.string(in: termRange), termRange: termRange, definitionLines: definitionLines,
                                 range: rowRange, anchor: nil)
            }
        }
    }
}

/// `- **Term** - definition`, with wrapped continuation lines indented under the bullet.
enum BulletGlossaryLayout {
    static func read(_ context: inout GlossaryParsingContext) {
        let text = context.text
        let bytes = text.bytes
        var line = context.bodyStartLine
        let lineCount = text.lineTable.lineCount
        while line < lineCount {
            let range = text.lineRange(line)
            let trimmed = context.trim(range)
            guard !context.isInCode(range.lowerBound), trimmed.count > 4,
                  bytes[trimmed.lowerBound] == UInt8(ascii: "-") || bytes[trimmed.lowerBound] == UInt8(ascii: "*") || bytes[trimmed.lowerBound] == UInt8(ascii: "+"),
                  ByteClass.isSpace(bytes[trimmed.lowerBound + 1]) else { line += 1; continue }
            var cursor = trimmed.lowerBound + 1
            while cursor < trimmed.upperBound && ByteClass.isSpace(bytes[cursor]) { cursor += 1 }
            guard let (termRange, afterTerm) = strongSpan(bytes, from: cursor, end: trimmed.upperBound) else {
                // `- **GraphQL - Query language`: an entry whose bold term is never closed on its line
                // (a bold phrase that wraps onto the item's next line is prose, not an entry).
                if cursor + 2 < trimmed.upperBound, bytes[cursor] == UInt8(ascii: "*") || bytes[cursor] == UInt8(ascii: "_"), bytes[cursor + 1] == bytes[cursor],
                   !ByteClass.isSpace(bytes[cursor + 2]), !wrapsOntoNextLine(context, line: line, marker: bytes[cursor], bulletIndent: trimmed.lowerBound - range.lowerBound) {
                    let marker = String(decoding: bytes[cursor..<(cursor + 2)], as: UTF8.self)
                    context.problems.append(GlossaryProblem(kind: .syntax, message: "Expected `- \(marker)Term\(marker) - definition`: the term's \(marker) is never closed, so this line is not read as an entry",
                                                            range: cursor..<trimmed.upperBound))
                }
                line += 1
                continue
            }
            // The separator after the term: " - ", " – ", " — ", ":" or nothing.
            var definitionStart = afterTerm
            while definitionStart < trimmed.upperBound && (ByteClass.isSpace(bytes[definitionStart]) || bytes[definitionStart] == UInt8(ascii: "-") || bytes[definitionStart] == UInt8(ascii: ":")) { definitionStart += 1 }
            if definitionStart + 2 < trimmed.upperBound && bytes[definitionStart] == 0xE2 && bytes[definitionStart + 1] == 0x80 && (bytes[definitionStart + 2] == 0x93 || bytes[definitionStart + 2] == 0x94) {
                definitionStart += 3
                while definitionStart < trimmed.upperBound && ByteClass.isSpace(bytes[definitionStart]) { definitionStart += 1 }
            }
            var definitionLines = [definitionStart..<trimmed.upperBound]
            let bulletIndent = trimmed.lowerBound - range.lowerBound
            var next = line + 1
            var entryEnd = range.upperBound
            while next < lineCount {
                let nextRange = text.lineRange(next)
                let nextTrimmed = context.trim(nextRange)
                if nextTrimmed.isEmpty {
                    // A blank line ends the entry unless an indented continuation follows.
                    if next + 1 < lineCount {
                        let after = text.lineRange(next + 1)
                        let afterTrimmed = context.trim(after)
                        if !afterTrimmed.isEmpty && afterTrimmed.lowerBound - after.lowerBound > bulletIndent + 1 {
                            definitionLines.append(nextTrimmed)
                            next += 1
                            continue
                        }
                    }
                    break
                }
                let indent = nextTrimmed.lowerBound - nextRange.lowerBound
                guard indent > bulletIndent else { break }
                definitionLines.append(nextTrimmed)
                entryEnd = nextRange.upperBound
                next += 1
            }
            context.addEntry(rawTerm: text.string(in: termRange), termRange: termRange, definitionLines: definitionLines,
                             range: range.lowerBound..<entryEnd, anchor: nil)
            line = next
        }
    }

    /// Whether the line after `line` continues its list item and closes a `**` (or `__`) opened on it.
    static func wrapsOntoNextLine(_ context: GlossaryParsingContext, line: Int, marker: UInt8, bulletIndent: Int) -> Bool {
        guard line + 1 < context.text.lineTable.lineCount else { return false }
        let next = context.text.lineRange(line + 1)
        let trimmed = context.trim(next)
        guard !trimmed.isEmpty, trimmed.lowerBound - next.lowerBound > bulletIndent else { return false }
        let bytes = context.text.bytes
        var index = trimmed.lowerBound
        while index + 1 < trimmed.upperBound {
            if bytes[index] == marker && bytes[index + 1] == marker { return true }
            index += 1
        }
        return false
    }

    /// `**Term**` or `__Term__` at `start`: the term's range and the offset after the closing marker.
    static func strongSpan(_ bytes: [UInt8], from start: Int, end: Int) -> (ByteRange, Int)? {
        guard start + 4 < end else { return nil }
        let marker = bytes[start]
        guard (marker == UInt8(ascii: "*") || marker == UInt8(ascii: "_")) && bytes[start + 1] == marker else { return nil }
        var index = start + 2
        while index + 1 < end {
            if bytes[index] == marker && bytes[index + 1] == marker { return ((start + 2)..<index, index + 2) }
            index += 1
        }
        return nil
    }
}

/// `Term` on its own line, then `: definition` lines; each `:` line is a sense.
enum DefinitionListGlossaryLayout {
    static func read(_ context: inout GlossaryParsingContext) {
        let text = context.text
        let bytes = text.bytes
        let lineCount = text.lineTable.lineCount
        var line = context.bodyStartLine
        var pendingTerm: ByteRange?
        var senses: [[ByteRange]] = []
        var entryStart = 0
        var entryEnd = 0

        func flush(_ context: inout GlossaryParsingContext) {
            if let term = pendingTerm, !senses.isEmpty {
                let texts = senses.map { DefinitionReader.joinParagraphLines($0.map { text.string(in: $0).trimmingSpaces() }) }
                context.addEntry(rawTerm: text.string(in: term), termRange: term, definitionLines: senses.flatMap { $0 },
                                 range: entryStart..<entryEnd, anchor: nil, sensesOverride: texts)
            }
            pendingTerm = nil
            senses = []
        }

        while line < lineCount {
            let range = text.lineRange(line)
            let trimmed = context.trim(range)
            defer { line += 1 }
            if context.isInCode(range.lowerBound) { continue }
            if trimmed.isEmpty {
                if !senses.isEmpty, senses[senses.count - 1].last?.isEmpty == false { senses[senses.count - 1].append(trimmed) }
                continue
            }
            let indent = trimmed.lowerBound - range.lowerBound
            let first = bytes[trimmed.lowerBound]
            if first == UInt8(ascii: ":") && indent < 4 && trimmed.count > 1 && !ByteClass.isSpace(bytes[trimmed.lowerBound + 1]) && bytes[trimmed.lowerBound + 1] != UInt8(ascii: ":"),
               let term = pendingTerm, senses.isEmpty, !startsWithShortcode(bytes, trimmed) {
                // `OAuth` then `:Auth`: no renderer reads a definition without the space after its colon.
                let name = DefinitionReader.splitTerm(text.string(in: term)).term
                context.problems.append(GlossaryProblem(kind: .syntax, message: "Expected `: definition`, with a space after the colon, so “\(name)” is not read as an entry",
                                                        range: trimmed))
                pendingTerm = nil
                continue
            }
            if first == UInt8(ascii: ":") && indent < 4 && (trimmed.count == 1 || ByteClass.isSpace(bytes[trimmed.lowerBound + 1])) {
                guard pendingTerm != nil else {
                    context.problems.append(GlossaryProblem(kind: .missingTerm, message: "Definition without a term line above it", range: trimmed))
                    continue
                }
                var start = trimmed.lowerBound + 1
                while start < trimmed.upperBound && ByteClass.isSpace(bytes[start]) { start += 1 }
                senses.append([start..<trimmed.upperBound])
                entryEnd = range.upperBound
                continue
            }
            let previousLineIsBlank = line == 0 || context.trim(text.lineRange(line - 1)).isEmpty
            if !senses.isEmpty && (indent >= 2 || !previousLineIsBlank) {
                // A continuation line of the current sense: indented, or lazy (directly below it).
                // A term must follow a blank line.
                senses[senses.count - 1].append(trimmed)
                entryEnd = range.upperBound
                continue
            }
            if first == UInt8(ascii: "#") { flush(&context); continue }
            flush(&context)
            pendingTerm = trimmed
            entryStart = range.lowerBound
            entryEnd = range.upperBound
        }
        flush(&context)
    }

    /// Whether a line starts with an emoji shortcode (`:warning: Check this`), which is text, not a
    /// definition written without its space. (`:::note`, an admonition, is not one either.)
    static func startsWithShortcode(_ bytes: [UInt8], _ line: ByteRange) -> Bool {
        var index = line.lowerBound + 1
        while index < line.upperBound, ByteClass.isASCIILetter(bytes[index]) || bytes[index] == UInt8(ascii: "_") || bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")
                || (bytes[index] >= UInt8(ascii: "0") && bytes[index] <= UInt8(ascii: "9")) { index += 1 }
        return index > line.lowerBound + 1 && index < line.upperBound && bytes[index] == UInt8(ascii: ":")
    }

    /// Whether the next non-blank line after `line` starts a definition (so `line` is a term).
    static func nextIsDefinition(_ context: GlossaryParsingContext, after line: Int) -> Bool {
        var next = line + 1
        while next < context.text.lineTable.lineCount {
            let trimmed = context.trim(context.text.lineRange(next))
            if trimmed.isEmpty { next += 1; continue }
            return context.text.bytes[trimmed.lowerBound] == UInt8(ascii: ":")
        }
        return false
    }
}

/// One file per term, Kubernetes-website style: front matter `title`, `id`, `short_description`,
/// `aka`, `tags`; the long definition after `<!--more-->`.
enum TermFileGlossaryLayout {
    static func read(_ context: inout GlossaryParsingContext) {
        guard let frontMatter = context.document.frontMatter, let titleEntry = frontMatter.entry("title") else {
            context.problems.append(GlossaryProblem(kind: .missingTerm, message: "Term file has no `title` in its front matter", range: 0..<min(context.text.count, 3)))
            return
        }
        let text = context.text
        let bodyStart = frontMatter.range.upperBound
        let more = context.document.htmlComments.first { $0.content == "more" }
        let shortEnd = more?.range.lowerBound ?? text.count
        let shortLines = context.lines(in: bodyStart..<max(bodyStart, shortEnd))
        let longLines = more.map { context.lines(in: $0.range.upperBound..<text.count) } ?? []
        let shortDescription = frontMatter.string("short_description")?.trimmingSpaces() ?? ""
        let body = context.reader.senses(fromLines: shortLines).senses
        let senses = shortDescription.isEmpty ? body : [shortDescription]
        // The long text is shown as it is written: numbered lists stay lists, in document order.
        let details = DefinitionReader.markdown(context.reader.blocks(fromLines: longLines))
        var aliases: [GlossaryAlias] = []
        if let aka = frontMatter.entry("aka") {
            for name in frontMatter.strings("aka") {
                aliases.append(GlossaryAlias(name: name, kind: .frontMatter, range: context.reader.locate(name, in: aka.valueRange)))
            }
        }
        let definitionLines = shortLines + longLines
        context.addEntry(rawTerm: titleEntry.value.scalarText ?? "", termRange: titleEntry.valueRange, definitionLines: definitionLines,
                         range: 0..<text.count, anchor: frontMatter.string("id"), extraAliases: aliases,
                         details: details.isEmpty ? nil : details, tags: frontMatter.strings("tags"), sensesOverride: senses)
    }
}

/// MkDocs abbreviations: `*[JWT]: JSON Web Token`.
enum AbbreviationGlossaryLayout {
    static func read(_ context: inout GlossaryParsingContext) {
        let text = context.text
        let bytes = text.bytes
        for line in context.bodyStartLine..<text.lineTable.lineCount {
            let trimmed = context.trim(text.lineRange(line))
            guard trimmed.count > 5, bytes[trimmed.lowerBound] == UInt8(ascii: "*"), bytes[trimmed.lowerBound + 1] == UInt8(ascii: "[") else { continue }
            var close = trimmed.lowerBound + 2
            while close < trimmed.upperBound && bytes[close] != UInt8(ascii: "]") { close += 1 }
            guard close + 1 < trimmed.upperBound, bytes[close + 1] == UInt8(ascii: ":") else {
                context.problems.append(GlossaryProblem(kind: .syntax, message: "Expected `*[ABBR]: expansion`", range: trimmed))
                continue
            }
            let termRange = (trimmed.lowerBound + 2)..<close
            let definition = context.trim((close + 2)..<trimmed.upperBound)
            let expansion = text.string(in: definition)
            let before = context.entries.count
            context.addEntry(rawTerm: text.string(in: termRange), termRange: termRange, definitionLines: [definition],
                             range: trimmed, anchor: nil)
            if context.entries.count > before, !expansion.isEmpty { context.entries[before].expansion = expansion }
        }
    }
}
