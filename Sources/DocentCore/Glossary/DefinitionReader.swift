/// Reads what a definition says about names: senses, aliases, redirects ("Known as X"), abbreviation
/// expansions and cross-references. Shared by every glossary layout.
struct DefinitionReader {
    let text: SourceText

    /// A definition's paragraphs and numbered lists, in document order.
    enum Block {
        case paragraph([String])
        /// Items of one numbered list: each item's marker ("1.", "2)") and its lines ("" between paragraphs).
        case list([(marker: String, lines: [String])])
    }

    /// Splits definition lines into senses. Numbered items (`1. …`, `2. …`) are senses only when they are
    /// the definition itself: at least two items, and either the body starts with them (the Backstage
    /// glossary) or a lead-in ending with a colon ("Has two meanings:") introduces items that read as
    /// definitions ("A set of users."). The lead-in and any text after such a list are returned as
    /// `preamble`, in document order. Otherwise the whole body, in document order (intro, list, what
    /// follows), is one sense. Lines are content ranges with their container prefix already removed;
    /// empty ranges are paragraph breaks.
    func senses(fromLines lines: [ByteRange]) -> (senses: [String], preamble: String?) {
        let blocks = self.blocks(fromLines: lines)
        if let listIndex = blocks.firstIndex(where: { if case .list = $0 { true } else { false } }),
           case .list(let items) = blocks[listIndex], items.count >= 2 {
            let leadIn = blocks[..<listIndex]
            let isDefinition: Bool
            if leadIn.isEmpty {
                isDefinition = true
            } else if leadIn.count == 1, case .paragraph(let intro) = leadIn.first!, intro.last?.hasSuffix(":") == true {
                isDefinition = items.allSatisfy { Self.readsAsDefinition($0.lines.first ?? "") }
            } else {
                isDefinition = false
            }
            if isDefinition {
                let senses = items.map { Self.joinParagraphLines($0.lines) }.filter { !$0.isEmpty }
                let rest = Self.markdown(Array(leadIn) + blocks[(listIndex + 1)...])
                return (senses, rest.isEmpty ? nil : rest)
            }
        }
        // One numbered item and nothing else: its text is the definition.
        if blocks.count == 1, case .list(let items) = blocks[0], items.count == 1 {
            let text = Self.joinParagraphLines(items[0].lines)
            return (text.isEmpty ? [] : [text], nil)
        }
        let text = Self.markdown(blocks)
        return (text.isEmpty ? [] : [text], nil)
    }

    /// Groups definition lines into paragraphs and numbered lists. After a blank line, a line indented
    /// less than the item's text ends the list (CommonMark); without a blank line it continues the item.
    func blocks(fromLines lines: [ByteRange]) -> [Block] {
        var blocks: [Block] = []
        var paragraph: [String] = []
        var items: [(marker: String, lines: [String])] = []
        var itemColumn = 0
        var blankBefore = false
        func closeParagraph() {
            if !paragraph.isEmpty { blocks.append(.paragraph(paragraph)) }
            paragraph = []
        }
        func closeList() {
            if !items.isEmpty { blocks.append(.list(items)) }
            items = []
        }
        for line in lines {
            let content = text.string(in: line).trimmingSpaces()
            if content.isEmpty {
                if items.isEmpty { closeParagraph() }
                blankBefore = true
                continue
            }
            defer { blankBefore = false }
            let column = line.lowerBound - text.lineRange(text.line(of: line.lowerBound)).lowerBound
            if let rest = Self.numberedItemContent(content) {
                closeParagraph()
                let markerLength = content.utf8.count - rest.utf8.count
                items.append((String(content.prefix { !$0.isWhitespace }), [rest]))
                itemColumn = column + markerLength
                continue
            }
            if !items.isEmpty {
                if !blankBefore {
                    items[items.count - 1].lines.append(content)
                    continue
                }
                if column >= itemColumn {
                    items[items.count - 1].lines += ["", content]
                    continue
                }
                closeList()
            }
            paragraph.append(content)
        }
        closeParagraph()
        closeList()
        return blocks
    }

    /// Blocks as Markdown: paragraphs joined into lines, lists one item per line with their markers,
    /// an item's later paragraphs indented under its text.
    static func markdown(_ blocks: some Sequence<Block>) -> String {
        var parts: [String] = []
        for block in blocks {
            switch block {
            case .paragraph(let lines):
                parts.append(lines.joined(separator: " "))
            case .list(let items):
                parts.append(items.map { item in
                    let indent = String(repeating: " ", count: item.marker.count + 1)
                    return item.marker + " " + joinParagraphLines(item.lines).components(separatedByWord: "\n\n").joined(separator: "\n\n" + indent)
                }.joined(separator: "\n"))
            }
        }
        return parts.filter { !$0.isEmpty }.joined(separator: "\n\n")
    }

    /// Whether a numbered item reads as a definition ("A set of users.", "The output of …", "Something
    /// that …") rather than a step ("Gather the files."): it starts with an article or a determiner.
    static func readsAsDefinition(_ item: String) -> Bool {
        let plain = MarkdownText.plainText(item).trimmingSpaces().lowercased()
        guard let first = plain.split(whereSeparator: { !$0.isLetter && $0 != "'" }).first else { return false }
        return ["a", "an", "the", "any", "each", "every", "one", "some", "something", "someone", "somebody", "anything", "anyone", "what", "whatever", "another"].contains(String(first))
    }

    static func numberedItemContent(_ line: String) -> String? {
        var digits = 0
        var index = line.startIndex
        while index < line.endIndex, line[index].isASCII, line[index].isNumber, digits < 3 { digits += 1; index = line.index(after: index) }
        guard digits > 0, index < line.endIndex, line[index] == "." || line[index] == ")" else { return nil }
        index = line.index(after: index)
        guard index < line.endIndex, line[index] == " " || line[index] == "\t" else { return nil }
        return String(line[index...]).trimmingSpaces()
    }

    static func joinParagraphLines(_ lines: [String]) -> String {
        var paragraphs: [[String]] = [[]]
        for line in lines {
            if line.isEmpty { paragraphs.append([]) } else { paragraphs[paragraphs.count - 1].append(line) }
        }
        return paragraphs.map { $0.joined(separator: " ") }.filter { !$0.isEmpty }.joined(separator: "\n\n")
    }

    /// Splits "Resource (catalog plugin)" into term and qualifier and "Foo (AKA F)" into term and alias.
    static func splitTerm(_ raw: String) -> (term: String, qualifier: String?, aka: [String]) {
        var term = MarkdownText.plainText(raw).trimmingSpaces()
        var qualifier: String?
        var aka: [String] = []
        while term.hasSuffix(")"), let open = term.lastIndex(of: "(") {
            let inside = String(term[term.index(after: open)..<term.index(before: term.endIndex)]).trimmingSpaces()
            let before = String(term[..<open]).trimmingSpaces()
            guard !before.isEmpty else { break }
            let lower = inside.lowercased()
            var akaBody: String?
            for prefix in ["aka ", "a.k.a. ", "a.k.a ", "also known as ", "also "] where lower.hasPrefix(prefix) {
                akaBody = String(inside.dropFirst(prefix.count))
                break
            }
            if let body = akaBody {
                aka += splitList(body)
            } else if qualifier == nil {
                qualifier = inside
            } else {
                break
            }
            term = before
        }
        return (term, qualifier, aka)
    }

    static func splitList(_ text: String) -> [String] {
        var items: [String] = []
        for piece in text.split(separator: ",") {
            for part in String(piece).components(separatedByWord: " or ") {
                let trimmed = part.trimmingSpaces()
                if !trimmed.isEmpty { items.append(trimmed) }
            }
        }
        return items
    }

    /// Aliases, a redirect, and an expansion, read from a definition's plain text.
    /// `definitionRange` is searched for each alias's spelling to give it a range. A redirect made by a
    /// link to an anchor of the same file comes with that anchor (`preferredAnchor`), which names the
    /// entry better than the link's text does.
    func names(term: String, senses: [String], definitionRange: ByteRange) -> (aliases: [GlossaryAlias], preferred: String?, preferredAnchor: String?, expansion: String?) {
        let markdown = senses.joined(separator: " ")
        let plain = MarkdownText.plainText(markdown)
        var aliases: [GlossaryAlias] = []
        let redirect = Self.redirect(in: markdown)
        let preferred = redirect?.target
        if preferred == nil { aliases = namingAliases(term: term, plain: plain, definitionRange: definitionRange) }
        var expansion: String?
        if Self.isAbbreviation(term), let first = senses.first {
            let firstPhrase = Self.phrase(after: 0, in: MarkdownText.plainText(first), maximumWords: 8) ?? ""
            if Self.initialsMatch(abbreviation: term, phrase: firstPhrase) { expansion = firstPhrase }
        }
        return (aliases, preferred, redirect?.anchor, expansion)
    }

    /// The term a definition points to instead of defining its own: its first sentence is nothing but
    /// "Known as X", "Alternative term for X", "See X", "See: X", "Same as X" or "Use X (instead)", an
    /// article aside ("Known as Blueprints. Older docs use this name." points to Blueprints). X may be
    /// one link, whose text names it ("See [A](#a) and [B](#b)." points to neither); after "See" it
    /// must lead to an entry's `#fragment` (`See [the docs](https://…).` is advice), after the other
    /// openings it may lead anywhere (`Alternative term for [Software Templates](templates.md).`).
    /// "See also X" is a cross-reference, not a redirect. `anchor` is the link's `#fragment` when it
    /// points into the same file.
    static func redirect(in markdown: String) -> (target: String, anchor: String?)? {
        let sentence = firstSentence(of: markdown)
        let plain = MarkdownText.plainText(sentence)
        let lower = plain.lowercased()
        // Longer prefixes first, and only the first that matches: "See also X" is not "See" + "also X".
        guard let prefix = ["known as ", "alternative term for ", "see also ", "see: ", "see ", "same as ", "use "].first(where: { lower.hasPrefix($0) }),
              prefix != "see also " else { return nil }
        let links = Self.links(in: sentence)
        guard links.count <= 1 else { return nil }
        var target: String?
        var anchor: String?
        if let link = links.first {
            // After "Known as", "Alternative term for", "Same as" or "Use" the link's text names the
            // target wherever the link leads (an entry's `#anchor`, the page of a term-per-file
            // glossary, the feature's docs). After "See" a link to a page with no `#fragment`, or a
            // reference link (whose label is not resolved here), is a pointer to read on ("See [the
            // kind reference](../kinds.md)."), not a redirect. A same-file `#anchor` names the entry.
            if prefix.hasPrefix("see"), !(link.destination?.contains("#") ?? false) { return nil }
            if let destination = link.destination, destination.hasPrefix("#") { anchor = String(destination.dropFirst()) }
            target = phrase(after: 0, in: MarkdownText.plainText(link.text))
        } else {
            target = phrase(after: prefix.count, in: plain)
        }
        // "Use Software Templates instead."
        if let phrase = target, phrase.lowercased().hasSuffix(" instead") { target = String(phrase.dropLast(" instead".count)) }
        let rest = String(plain.dropFirst(prefix.count))
        guard let target, let found = rest.range(of: target) else { return nil }
        // Only a pointer when nothing but an article, "instead" and punctuation surround the target.
        let remainder = (rest[..<found.lowerBound] + rest[found.upperBound...]).lowercased()
        let words = remainder.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
        guard words.allSatisfy({ ["a", "an", "the", "instead"].contains($0) }) else { return nil }
        return (target, anchor)
    }

    /// The Markdown up to the end of its first sentence: a `.`, `!` or `?` followed by a space or the
    /// end, outside brackets and parentheses (a link's text or destination), and not a dot inside a
    /// word ("Node.js", "2.0").
    static func firstSentence(of markdown: String) -> String {
        let characters = Array(markdown)
        var depth = 0
        for (index, character) in characters.enumerated() {
            switch character {
            case "[", "(": depth += 1
            case "]", ")": depth = max(0, depth - 1)
            case ".", "!", "?":
                if depth == 0 && (index + 1 == characters.count || characters[index + 1].isWhitespace) {
                    return String(characters[...index])
                }
            default: break
            }
        }
        return markdown
    }

    /// The links of a Markdown sentence, as the Markdown scanner reads them: `[text](destination)` with
    /// its destination, `[text][label]` with none (its label is not resolved here). Images, autolinks,
    /// bare URLs and bracketed text that links nowhere are left out.
    static func links(in markdown: String) -> [(text: String, destination: String?)] {
        let text = SourceText(markdown)
        return MarkdownScanner.scan(text, isMDX: false).links.compactMap { link in
            switch link.kind {
            case .inline: return (text.string(in: link.textRange), link.destination)
            case .reference: return (text.string(in: link.textRange), nil)
            case .autolink, .bareURL, .image, .definition: return nil
            }
        }
    }

    /// Phrases that give the term another name, read only where they are about the term: at the start
    /// of the definition or of one of its sentences ("Also known as the scaffolder.", "Refers to: OAuth
    /// 2.0, …", "It is also called Forge.", "The Scaffolder is also known as Forge."). Further markers in
    /// such a sentence count too ("Also known as Forge, and known as Anvil"). Elsewhere ("In the catalog,
    /// this refers to release bundles", "talks to the identity provider, also known as the IdP") the
    /// phrase is about something else.
    func namingAliases(term: String, plain: String, definitionRange: ByteRange) -> [GlossaryAlias] {
        let characters = Array(plain)
        func matches(_ word: String, at offset: Int) -> Bool {
            let wanted = Array(word)
            guard offset + wanted.count <= characters.count else { return false }
            for index in wanted.indices where characters[offset + index].lowercased() != String(wanted[index]) { return false }
            return true
        }
        // Sentence starts: the definition's start, and after ". ", "! ", "? ".
        var starts = [0]
        for index in characters.indices.dropFirst() where characters[index] == " " && ".!?".contains(characters[index - 1]) {
            var next = index
            while next < characters.count && characters[next] == " " { next += 1 }
            if next < characters.count, starts.last != next { starts.append(next) }
        }
        let markers: [(String, AliasKind)] = [("also known as ", .alsoKnownAs), ("also called ", .alsoKnownAs), ("also referred to as ", .alsoKnownAs),
                                             ("known as ", .alsoKnownAs), ("refers to ", .refersTo), ("refers to:", .refersTo)]
        let subjects = [term.lowercased() + " ", "the " + term.lowercased() + " ", "this term ", "the term ", "this name ", "the name ", "it "]
        var aliases: [GlossaryAlias] = []
        for (position, start) in starts.enumerated() {
            let end = position + 1 < starts.count ? starts[position + 1] : characters.count
            var cursor = start
            // "The Scaffolder is also known as …", "It is also called …", "This term refers to …".
            if let subject = subjects.first(where: { matches($0, at: cursor) }) {
                cursor += subject.count
                for verb in ["is ", "was ", "are "] where matches(verb, at: cursor) { cursor += verb.count; break }
            }
            guard markers.contains(where: { matches($0.0, at: cursor) }) else { continue }
            var offset = cursor
            while offset < end {
                guard let (marker, kind) = markers.first(where: { matches($0.0, at: offset) }),
                      offset == cursor || offset == start || characters[offset - 1] == " " else { offset += 1; continue }
                var after = offset + marker.count
                while after < characters.count && (characters[after] == ":" || characters[after] == " ") { after += 1 }
                if let name = Self.phrase(after: after, in: plain), name.lowercased() != term.lowercased() {
                    // "Single Sign-On … Also known as SSO": an all-caps other name of a spelled-out term is its
                    // abbreviation, as with "(AKA SSO)" in the term.
                    let isAbbreviation = kind == .alsoKnownAs && Self.isAbbreviation(name) && !Self.isAbbreviation(term)
                    aliases.append(GlossaryAlias(name: name, kind: isAbbreviation ? .aka : kind, range: locate(name, in: definitionRange)))
                }
                offset += marker.count
            }
        }
        return aliases
    }

    /// The phrase starting at `offset` (in characters): up to the first sentence or clause break,
    /// articles dropped; nil when empty or longer than `maximumWords`.
    static func phrase(after offset: Int, in text: String, maximumWords: Int = 6) -> String? {
        guard offset <= text.count else { return nil }
        var rest = String(text.dropFirst(offset))
        for article in ["the ", "a ", "an ", "The ", "A ", "An "] where rest.hasPrefix(article) {
            rest = String(rest.dropFirst(article.count))
            break
        }
        var result = ""
        var previous: Character = " "
        for (index, character) in rest.enumerated() {
            if character == "," || character == ";" || character == ":" || character == "(" || character == ")" || character == "\"" { break }
            if character == "." {
                // A dot inside a word ("2.0", "Node.js") does not end the phrase.
                let next = rest.dropFirst(index + 1).first
                if let next, next.isLetter || next.isNumber, previous.isLetter || previous.isNumber { result.append(character); previous = character; continue }
                break
            }
            result.append(character)
            previous = character
        }
        for connector in [" - ", " – ", " — "] {
            if let cut = result.range(of: connector) { result = String(result[..<cut.lowerBound]) }
        }
        let trimmed = result.trimmingSpaces()
        let words = trimmed.split(separator: " ")
        guard !trimmed.isEmpty, words.count <= maximumWords else { return nil }
        return trimmed
    }

    static func isAbbreviation(_ term: String) -> Bool {
        // ASCII terms (nearly all) by bytes; Character properties cost thousands of instructions.
        var text = term
        if let ascii = text.withUTF8({ bytes -> Bool? in
            var letters = 0
            var allUppercase = true
            for byte in bytes {
                if byte >= 0x80 { return nil }
                if byte == UInt8(ascii: " ") { return false }
                if ByteClass.isASCIILetter(byte) {
                    letters += 1
                    if byte >= UInt8(ascii: "a") { allUppercase = false }
                }
            }
            return letters >= 2 && letters <= 8 && allUppercase
        }) {
            return ascii
        }
        let letters = term.filter { $0.isLetter }
        guard letters.count >= 2, letters.count <= 8, !term.contains(" ") else { return false }
        return letters.allSatisfy { $0.isUppercase }
    }

    /// Whether the words of `phrase` start with the letters of `abbreviation` ("JWT" ~ "JSON Web Token").
    static func initialsMatch(abbreviation: String, phrase: String) -> Bool {
        let letters = Array(abbreviation.lowercased().filter { $0.isLetter })
        let words = phrase.split(whereSeparator: { $0 == " " || $0 == "-" }).map { $0.lowercased() }
        guard !letters.isEmpty, !words.isEmpty else { return false }
        let initials = words.compactMap { $0.first }
        if initials == letters { return true }
        // Allow skipped small words ("Proof Key for Code Exchange" ~ PKCE).
        let significant = words.filter { !["of", "for", "and", "the", "to", "a", "an", "in", "on"].contains($0) }.compactMap { $0.first }
        return significant == letters
    }

    /// The byte range where `name` first appears (case-insensitively) inside `range`, else `range`'s start.
    func locate(_ name: String, in range: ByteRange) -> ByteRange {
        let needle = Array(name.lowercased().utf8)
        guard !needle.isEmpty, range.count >= needle.count else { return range.lowerBound..<range.lowerBound }
        let bytes = text.bytes
        var index = range.lowerBound
        while index + needle.count <= range.upperBound {
            var offset = 0
            while offset < needle.count && ByteClass.lowercased(bytes[index + offset]) == needle[offset] { offset += 1 }
            if offset == needle.count { return index..<(index + needle.count) }
            index += 1
        }
        return range.lowerBound..<range.lowerBound
    }
}

extension String {
    func range(of target: String, from start: String.Index) -> Range<String.Index>? {
        guard start <= endIndex else { return nil }
        return self[start...].range(of: target).map { $0.lowerBound..<$0.upperBound }
    }

    func range(of target: String) -> Range<String.Index>? { self[...].range(of: target) }

    func components(separatedByWord separator: String) -> [String] {
        var parts: [String] = []
        var rest = self[...]
        while let found = rest.range(of: separator) {
            parts.append(String(rest[..<found.lowerBound]))
            rest = rest[found.upperBound...]
        }
        parts.append(String(rest))
        return parts
    }
}
