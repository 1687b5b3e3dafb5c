/// Reads what a definition says about names: senses, aliases, redirects ("Known as X"), abbreviation
/// expansions and cross-references. Shared by every glossary layout.
struct DefinitionReader {
    let text: SourceText

    /// Splits definition lines into senses. Numbered items (`1. …`, `2. …`) are senses when there are at
    /// least two; otherwise the paragraphs together are one sense. Lines are content ranges with their
    /// container prefix already removed; empty ranges are paragraph breaks.
    func senses(fromLines lines: [ByteRange]) -> (senses: [String], preamble: String?) {
        var paragraphs: [[String]] = [[]]
        var numbered: [[String]] = []
        var preamble: [String] = []
        var inNumbered = false
        for line in lines {
            let content = text.string(in: line).trimmingSpaces()
            if content.isEmpty {
                if inNumbered { numbered[numbered.count - 1].append("") } else { paragraphs.append([]) }
                continue
            }
            if let rest = Self.numberedItemContent(content) {
                if !inNumbered { preamble = paragraphs.flatMap { $0 } }
                inNumbered = true
                numbered.append([rest])
                continue
            }
            if inNumbered { numbered[numbered.count - 1].append(content) } else { paragraphs[paragraphs.count - 1].append(content) }
        }
        if numbered.count >= 2 {
            let senses = numbered.map { Self.joinParagraphLines($0) }.filter { !$0.isEmpty }
            let intro = preamble.joined(separator: " ").trimmingSpaces()
            return (senses, intro.isEmpty ? nil : intro)
        }
        var all = paragraphs
        if numbered.count == 1 { all.append(numbered[0]) }
        let joined = all.map { $0.joined(separator: " ") }.filter { !$0.isEmpty }.joined(separator: "\n\n")
        return (joined.isEmpty ? [] : [joined], nil)
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
    /// `definitionRange` is searched for each alias's spelling to give it a range.
    func names(term: String, senses: [String], definitionRange: ByteRange) -> (aliases: [GlossaryAlias], preferred: String?, expansion: String?) {
        let plain = MarkdownText.plainText(senses.joined(separator: " "))
        let lower = plain.lowercased()
        var aliases: [GlossaryAlias] = []
        var preferred: String?

        // A definition that is nothing but a pointer to another term is a redirect.
        // Longer prefixes first, and only the first that matches: "See also X" points at X, not "also X".
        for prefix in ["known as ", "alternative term for ", "see also ", "see: ", "see ", "same as ", "use "] where lower.hasPrefix(prefix) {
            var target = Self.phrase(after: prefix.count, in: plain)
            // "Use Software Templates instead."
            if let phrase = target, phrase.lowercased().hasSuffix(" instead") { target = String(phrase.dropLast(" instead".count)) }
            let rest = String(plain.dropFirst(prefix.count))
            if let target, let found = rest.range(of: target) {
                // Only a pointer when nothing but an article, "instead" and punctuation surround the target.
                let remainder = (rest[..<found.lowerBound] + rest[found.upperBound...]).lowercased()
                let words = remainder.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
                if words.allSatisfy({ ["a", "an", "the", "instead"].contains($0) }) { preferred = target }
            }
            break
        }
        if preferred == nil {
            for marker in ["also known as ", "also called ", "known as "] {
                var searchFrom = lower.startIndex
                while let found = lower.range(of: marker, from: searchFrom) {
                    searchFrom = found.upperBound
                    let offset = lower.distance(from: lower.startIndex, to: found.upperBound)
                    if marker == "known as " && found.lowerBound > lower.startIndex && lower[..<found.lowerBound].hasSuffix("also ") { continue }
                    if let name = Self.phrase(after: offset, in: plain), name.lowercased() != term.lowercased() {
                        aliases.append(GlossaryAlias(name: name, kind: .alsoKnownAs, range: locate(name, in: definitionRange)))
                    }
                }
            }
            if let found = lower.range(of: "refers to") {
                var offset = lower.distance(from: lower.startIndex, to: found.upperBound)
                let characters = Array(plain)
                while offset < characters.count && (characters[offset] == ":" || characters[offset] == " ") { offset += 1 }
                if let name = Self.phrase(after: offset, in: plain), name.lowercased() != term.lowercased() {
                    aliases.append(GlossaryAlias(name: name, kind: .refersTo, range: locate(name, in: definitionRange)))
                }
            }
        }
        var expansion: String?
        if Self.isAbbreviation(term), let first = senses.first {
            let firstPhrase = Self.phrase(after: 0, in: MarkdownText.plainText(first), maximumWords: 8) ?? ""
            if Self.initialsMatch(abbreviation: term, phrase: firstPhrase) { expansion = firstPhrase }
        }
        return (aliases, preferred, expansion)
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
