/// `term-casing`: a term whose canonical form has internal capitals or is an acronym ("DocHub",
/// "OAuth", "JWT") written otherwise ("Dochub", "Oauth", "Jwt"). Capitalising the first letter at a
/// sentence start or in a heading is ordinary; a plain Title Case term ("Service Catalog") written in
/// lower case is fine unless it is a proper name (`properNames` in docent.json, a `proper-name` tag,
/// or a name the glossary's own definitions capitalise mid-sentence at least three times and never
/// write in lower case: `Glossary.capitalisedNames`).
public struct TermCasingRule: Rule {
    public static let description = RuleDescription(code: "term-casing", summary: "A glossary term is capitalised differently from its canonical form", defaultSeverity: .warning)

    public func check(_ path: String, in snapshot: WorkspaceSnapshot, cache: AnalysisCache) -> [Diagnostic] {
        let glossary = snapshot.glossary
        let properNames = Set(snapshot.configuration.properNames.map { $0.lowercased() })
        var result: [Diagnostic] = []
        var nameFacts: [Int: (isSpecial: Bool, isProper: Bool, hasUppercase: Bool)] = [:]
        for use in TermUses.uses(in: path, snapshot: snapshot, cache: cache) {
            // The common case first: written exactly as the glossary spells it.
            if use.isWrittenExactly { continue }
            // Discouraged names are term-alias's business.
            if use.name.targets.contains(where: { $0.kind == .alias(.discouraged) }) { continue }
            if use.isInCapitalsHeading { continue }
            let canonical = use.name.spelling
            // Facts about the name, once per name: a plain Title Case term that is not a proper name
            // may be written in any case, so most uses stop here.
            let facts: (isSpecial: Bool, isProper: Bool, hasUppercase: Bool)
            if let cached = nameFacts[use.match.name] {
                facts = cached
            } else {
                let isProper = properNames.contains(canonical.lowercased())
                    || use.name.targets.contains { glossary.entries[$0.entry].isTaggedProperName }
                    || glossary.capitalisedNames.contains(use.match.name)
                // A name with symbols around its words ("C++", ".NET") is a name of a thing, spelled one
                // way; symbols between words alone ("Client/Server Architecture") do not make it one.
                let hasUppercase = TermSpelling.hasUppercase(canonical)
                facts = (TermSpelling.isSpecial(canonical) || (use.name.shape.hasAffixes && hasUppercase), isProper, hasUppercase)
                nameFacts[use.match.name] = facts
            }
            if !facts.isSpecial && !facts.isProper && facts.hasUppercase { continue }
            // A lower-case word joined to others by a hyphen, slash or dot ("techdocs-backend",
            // "api/v1") is a name of code, not a use of the term.
            if use.isPartOfCompound && !TermSpelling.hasUppercase(use.written) { continue }
            let isProper = facts.isProper
            let base = String(decoding: Array(use.written.utf8).dropLast(use.match.inflectionLength), as: UTF8.self)
            // Spaces around a name's symbol gap are the writer's ("CI / CD" is CI/CD); its letters are compared.
            let compared = use.name.shape.hasGaps ? withoutSpacesBesideSymbols(normalizeSpace(base)) : normalizeSpace(base)
            if compared == canonical { continue }
            // A term defined twice in different case ("ID token", "ID Token"): either entry's spelling
            // stands while glossary-duplicate asks the glossaries to agree.
            if use.name.targets.count > 1, use.name.targets.contains(where: { $0.kind == .term && glossary.entries[$0.entry].term == compared }) { continue }
            let writtenWords = compared.split(separator: " ").map(String.init)
            let canonicalWords = canonical.split(separator: " ").map(String.init)
            guard writtenWords.count == canonicalWords.count else { continue }
            let mayCapitalise = use.isSentenceStart || use.isInHeading
            var isWrong = false
            if facts.isSpecial || isProper {
                for (index, pair) in zip(writtenWords, canonicalWords).enumerated() where pair.0 != pair.1 {
                    // "iOS" may start a sentence as "IOS"? No: only the first letter may change, upward.
                    let capitalised = pair.1.prefix(1).uppercased() + pair.1.dropFirst()
                    if mayCapitalise && index == 0 && pair.0 == capitalised { continue }
                    if use.isInHeading && !TermSpelling.isSpecial(pair.1) && pair.0 == capitalised { continue }
                    isWrong = true
                }
            } else if !TermSpelling.hasUppercase(canonical) {
                // A lower-case term ("kubectl"): only a capital first letter at a sentence start or in a heading.
                for (index, pair) in zip(writtenWords, canonicalWords).enumerated() where pair.0 != pair.1 {
                    let capitalised = pair.1.prefix(1).uppercased() + pair.1.dropFirst()
                    if (mayCapitalise && index == 0 || use.isInHeading) && pair.0 == capitalised { continue }
                    isWrong = true
                }
            }
            guard isWrong else { continue }
            let replacement = TermSpelling.replacement(canonical: canonical, written: use.written, inflectionLength: use.match.inflectionLength)
            var data: [String: DiagnosticValue] = ["term": .string(canonical), "written": .string(use.written)]
            // Over a block quote's lines the fix keeps their markers, or there is none.
            if let sourceReplacement = use.sourceReplacement(replacement) { data["replacement"] = .string(sourceReplacement) }
            if let anchor = TermUses.anchorChanged(by: replacement, for: use, headings: snapshot.document(path)?.markdown.headings ?? []) {
                data["changesAnchor"] = .string(anchor)
            }
            result.append(Diagnostic(code: Self.description.code, severity: Self.description.defaultSeverity,
                                     message: "Write “\(normalizeSpace(replacement))”, not “\(normalizeSpace(use.written))”",
                                     file: path, range: use.match.range, data: data))
        }
        return result
    }

    func normalizeSpace(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// `text` (single-spaced) without the spaces beside symbols other than a hyphen: "ci / cd" → "ci/cd".
    func withoutSpacesBesideSymbols(_ text: String) -> String {
        let characters = Array(text)
        func isSymbol(_ index: Int) -> Bool {
            index >= 0 && index < characters.count && !characters[index].isLetter && !characters[index].isNumber && !characters[index].isWhitespace && characters[index] != "-"
        }
        return String(characters.indices.compactMap { index in
            characters[index] == " " && (isSymbol(index - 1) || isSymbol(index + 1)) ? nil : characters[index]
        })
    }
}

/// `term-alias`: a discouraged name where the glossary names a preferred term ("Known as",
/// "Alternative term for", "See"): "Scaffolder" → "Blueprints".
public struct TermAliasRule: Rule {
    public static let description = RuleDescription(code: "term-alias", summary: "A discouraged alias is used where the glossary prefers another term", defaultSeverity: .information)

    public func check(_ path: String, in snapshot: WorkspaceSnapshot, cache: AnalysisCache) -> [Diagnostic] {
        let glossary = snapshot.glossary
        var result: [Diagnostic] = []
        let uses = TermUses.uses(in: path, snapshot: snapshot, cache: cache)
        for (index, use) in uses.enumerated() {
            guard let target = use.name.targets.first(where: { $0.kind == .alias(.discouraged) }) else { continue }
            // The alias quoted as a name ("call it “the Scaffolder”"), or beside the preferred term in
            // parentheses ("Software Templates (formerly the Scaffolder)", "Scaffolder Configuration
            // (Software Templates)"): the text says what the name is, and keeps it on purpose.
            if use.isInShortQuotation { continue }
            if Self.isGlossedByPreferredTerm(at: index, preferredEntry: target.entry, uses: uses) { continue }
            // "the scaffolder plugin", "scaffolder actions": the name of a piece of software, which
            // keeps its name whatever the docs call the feature.
            if Self.namesASoftwareComponent(use) { continue }
            // A name that is also the term of a regular entry is not discouraged everywhere.
            if use.name.targets.contains(where: { $0.kind == .term && glossary.entries[$0.entry].preferredTerm == nil }) { continue }
            let preferred = glossary.entries[target.entry].term
            if use.isPartOfCompound && !TermSpelling.hasUppercase(use.written) { continue }
            // "Role: See User Role": a one-word alias that is itself a word of the preferred term is
            // ordinary English in prose ("the role of backends"), not a discouraged name.
            if Self.isOrdinaryWord(use.name.words, preferred: preferred) { continue }
            // The glossary's spelling: a term with a capital letter is a name ("Blueprints", "User Role")
            // and keeps it, unless the glossary's own definitions write it in lower case ("a user
            // role") and so does the writer here ("other personas" → "other user roles"); a lower-case
            // term ("starter kit") takes a capital only to start a sentence.
            var form = preferred
            if use.written.first?.isLowercase == true, glossary.isLowercaseName(ofEntry: target.entry, properNames: snapshot.configuration.properNames) {
                form = preferred.lowercased()
            }
            if !TermSpelling.hasUppercase(form) && use.isSentenceStart { form = form.prefix(1).uppercased() + form.dropFirst() }
            var replacement = TermSpelling.replacement(canonical: form, written: use.written, inflectionLength: use.match.inflectionLength)
            let written = use.written.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            var range = use.match.range
            var writtenPhrase = written
            // "Scaffolder templates" already says the preferred term's last word: the pair becomes
            // "Software Templates" (or "Software Template"), not "Software Templates templates".
            if let (phraseRange, phraseReplacement, nextWord) = Self.absorbingTheNextWord(use, form: form) {
                range = phraseRange
                replacement = phraseReplacement
                writtenPhrase = written + " " + nextWord
            }
            // A singular alias replaced by a plural term ("the Scaffolder runs" → "the Blueprints runs"),
            // or the other way round, leaves the verb disagreeing: not a fix to apply unread.
            // In a hyphenated compound ("Scaffolder-generated") the name modifies another word, so number
            // does not matter, but "Software Templates-generated" may want rewording: not a fix to apply
            // unread either.
            let changesNumber = !use.isHyphenated && TermSpelling.readsAsPlural(writtenPhrase) != TermSpelling.readsAsPlural(replacement)
            var data: [String: DiagnosticValue] = ["term": .string(preferred), "alias": .string(written), "changesNumber": .bool(changesNumber)]
            // Over a block quote's lines the fix keeps their markers, or there is none.
            if range != use.match.range {
                data["replacement"] = .string(replacement)
            } else if let sourceReplacement = use.sourceReplacement(replacement) {
                data["replacement"] = .string(sourceReplacement)
            }
            if use.isHyphenated { data["inCompound"] = .bool(true) }
            // In a heading whose anchor comes from its text, the new name changes the anchor and
            // breaks the links to it: not a fix to apply unread either.
            if let anchor = TermUses.anchorChanged(by: replacement, for: use, replacing: range, headings: snapshot.document(path)?.markdown.headings ?? []) {
                data["changesAnchor"] = .string(anchor)
            }
            result.append(Diagnostic(code: Self.description.code, severity: Self.description.defaultSeverity,
                                     message: "The glossary prefers “\(preferred)” to “\(written)”",
                                     file: path, range: range,
                                     related: [RelatedLocation(file: glossary.entries[target.entry].file, range: glossary.entries[target.entry].termRange, message: "“\(preferred)” in the glossary")],
                                     data: data))
        }
        return result
    }
}

extension TermAliasRule {
    /// Whether a discouraged name of these words is a single word of its preferred term ("Role: See
    /// User Role"): ordinary English in prose ("the role of backends"), never flagged.
    static func isOrdinaryWord(_ aliasWords: [[UInt8]], preferred: String) -> Bool {
        guard aliasWords.count == 1 else { return false }
        let preferredWords = WordTokenizer.normalizedWords(preferred)
        return preferredWords.count > 1 && preferredWords.contains(aliasWords[0])
    }

    /// How far apart, in bytes, an alias and its preferred term may stand in one parenthetical gloss.
    static let glossDistance = 48

    /// Nouns that, after a name, make it the name of a piece of software.
    static let componentNouns: Set<String> = [
        "plugin", "plugins", "backend", "backends", "frontend", "module", "modules", "package", "packages",
        "action", "actions", "api", "apis", "router", "extension", "extensions", "library", "cli", "sdk",
        "service", "services", "route", "routes", "task", "tasks",
    ]

    /// When the word after an uninflected alias, across one space, is the preferred term's last word
    /// in either number ("Scaffolder templates" for Software Templates): the range of the pair and
    /// the term in that word's number ("Software Templates", "Software Template"), and the word.
    static func absorbingTheNextWord(_ use: TermUse, form: String) -> (ByteRange, String, String)? {
        guard use.match.inflectionLength == 0, !use.isHyphenated, !use.text.string(in: use.match.range).contains(where: \.isNewline),
              let next = TermAbbreviationRule.wordAfter(use.match.range.upperBound, in: use.text.bytes),
              let last = form.split(separator: " ").last.map({ $0.lowercased() }) else { return nil }
        let nextWord = use.text.string(in: next)
        let written = nextWord.lowercased()
        let termIsPlural = TermSpelling.readsAsPlural(last)
        // The singular of a plural last word by its plain "s" ("templates" → "template"), and the
        // plural of a singular one as the term's inflection makes it ("policy" → "policies").
        let singular = termIsPlural ? String(last.dropLast()) : last
        let plural = termIsPlural ? last : TermSpelling.reinflect(last, suffix: "s")
        let replacement: String
        if written == plural {
            replacement = termIsPlural ? form : TermSpelling.reinflect(form, suffix: "s")
        } else if written == singular {
            replacement = termIsPlural ? String(form.dropLast()) : form
        } else {
            return nil
        }
        return (use.match.range.lowerBound..<next.upperBound, replacement, nextWord)
    }

    /// Whether the use names a piece of software rather than the feature, by the words after it in
    /// its sentence:
    ///
    /// - a component noun ("the scaffolder plugin", "scaffolder tasks", "the Scaffolder service");
    /// - one at the end of a coordination the name is part of ("the scaffolder and search plugins",
    ///   "the catalog, scaffolder, and search plugin");
    /// - a product's name in capitals before one ("Scaffolder Git Actions", "Scaffolder .NET Actions");
    /// - a version ("Scaffolder V2", "Scaffolder 1.4").
    static func namesASoftwareComponent(_ use: TermUse) -> Bool {
        let words = wordsAfter(use.match.range.upperBound, in: use.text.bytes, limit: 6)
        guard let first = words.first else { return false }
        if componentNouns.contains(first.lowercased) && !first.afterComma { return true }
        if first.isVersion { return true }
        // A name in capitals: up to two more capitalised words, then a component noun.
        if use.written.first?.isUppercase == true {
            for (index, word) in words.prefix(3).enumerated() where index > 0 {
                guard words[index - 1].isCapitalised, !word.afterComma else { break }
                if componentNouns.contains(word.lowercased) { return true }
            }
        }
        // A coordination: "and"/"or" (after a comma or not), at most two words each between
        // commas, then a component noun.
        guard first.afterComma || first.lowercased == "and" || first.lowercased == "or" else { return false }
        var sawConjunction = false
        var run = 0
        for word in words {
            if word.afterComma { run = 0 }
            if word.lowercased == "and" || word.lowercased == "or" {
                sawConjunction = true
                run = 0
                continue
            }
            if componentNouns.contains(word.lowercased) { return sawConjunction }
            run += 1
            if run > 2 { return false }
        }
        return false
    }

    /// A word after a name, in `wordsAfter`.
    struct FollowingWord {
        var lowercased: String
        var isCapitalised: Bool
        var isVersion: Bool
        /// Whether a comma stands between it and the word before it.
        var afterComma: Bool
    }

    /// The words after `offset` in the same sentence: letters, digits, dots and hyphens inside,
    /// separated by spaces, commas and soft line breaks (any other punctuation ends the list).
    static func wordsAfter(_ offset: Int, in bytes: [UInt8], limit: Int) -> [FollowingWord] {
        var words: [FollowingWord] = []
        var index = offset
        while words.count < limit {
            var comma = false
            var spaces = 0
            var lineBreaks = 0
            while index < bytes.count, bytes[index] == UInt8(ascii: ",") || ByteClass.isWhitespace(bytes[index]) {
                if bytes[index] == UInt8(ascii: ",") { comma = true }
                if bytes[index] == 0x0A { lineBreaks += 1 }
                spaces += 1
                index += 1
            }
            // A soft line break continues the sentence; a blank line ends it.
            guard spaces > 0, lineBreaks < 2 else { break }
            let start = index
            while index < bytes.count, ByteClass.isASCIIAlphanumeric(bytes[index]) || bytes[index] == UInt8(ascii: ".") && index + 1 < bytes.count && ByteClass.isASCIIAlphanumeric(bytes[index + 1])
                    || bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: ".") && index == start {
                index += 1
            }
            guard index > start, index - start <= 24 else { break }
            let word = Array(bytes[start..<index])
            let lower = String(decoding: word.map(ByteClass.lowercased), as: UTF8.self)
            let letters = word.drop { $0 == UInt8(ascii: ".") }
            let isVersion = (lower.first == "v" && lower.count > 1 && lower.dropFirst().allSatisfy { $0.isNumber || $0 == "." })
                || (lower.first?.isNumber == true && lower.allSatisfy { $0.isNumber || $0 == "." })
            words.append(FollowingWord(lowercased: lower, isCapitalised: letters.first.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") } ?? false,
                                       isVersion: isVersion, afterComma: comma))
        }
        return words
    }

    /// Whether the preferred term stands beside the alias `uses[index]` with one of the two in
    /// parentheses, in the same block and nearly adjacent: "X (Y)" or "Y (… X)", either way round.
    /// Uses come in the page's order, so only the neighbours within `glossDistance` are looked at.
    static func isGlossedByPreferredTerm(at index: Int, preferredEntry: Int, uses: [TermUse]) -> Bool {
        let use = uses[index]
        let bytes = use.text.bytes
        func glosses(_ other: TermUse) -> Bool {
            guard other.match.block == use.match.block, other.name.targets.contains(where: { $0.entry == preferredEntry && $0.kind == .term }) else { return false }
            let (first, second) = other.match.range.lowerBound < use.match.range.lowerBound ? (other.match.range, use.match.range) : (use.match.range, other.match.range)
            // An opening parenthesis between them and no closing one.
            let between = bytes[first.upperBound..<second.lowerBound]
            return between.contains(UInt8(ascii: "(")) && !between.contains(UInt8(ascii: ")"))
        }
        var other = index - 1
        while other >= 0, use.match.range.lowerBound - uses[other].match.range.upperBound <= glossDistance {
            if glosses(uses[other]) { return true }
            other -= 1
        }
        other = index + 1
        while other < uses.count, uses[other].match.range.lowerBound - use.match.range.upperBound <= glossDistance {
            if glosses(uses[other]) { return true }
            other += 1
        }
        return false
    }
}

/// `term-abbreviation`: the first use of an abbreviation in a document ("JWT") is not spelled out, and
/// its expansion appears nowhere earlier in the document. Headings do not count as first uses.
public struct TermAbbreviationRule: Rule {
    public static let description = RuleDescription(code: "term-abbreviation", summary: "An abbreviation is not spelled out on its first use", defaultSeverity: .hint)

    public func check(_ path: String, in snapshot: WorkspaceSnapshot, cache: AnalysisCache) -> [Diagnostic] {
        guard let document = snapshot.document(path) else { return [] }
        let glossary = snapshot.glossary
        var seen = Set<String>()
        var result: [Diagnostic] = []
        var expansions: [Int: String?] = [:]
        let bytes = document.text.bytes
        // A compound ("JWT-based") is not where an abbreviation is spelled out: "JSON Web Token
        // (JWT)-based" reads badly. It is neither flagged nor the first use.
        for use in TermUses.uses(in: path, snapshot: snapshot, cache: cache) where !use.isInHeading && !use.isHyphenated {
            let expansion: String?
            if let cached = expansions[use.match.name] {
                expansion = cached
            } else {
                expansion = DefinitionReader.isAbbreviation(use.name.text) ? Self.expansion(of: use.name, in: glossary) : nil
                expansions[use.match.name] = expansion
            }
            guard let expansion else { continue }
            // A quoted label or quotation ("Get JWT Audience Code") is no place to spell a term out either.
            if use.isInsideDoubleQuotes { continue }
            let abbreviation = use.name.spelling
            guard seen.insert(abbreviation.lowercased()).inserted else { continue }
            let words = expansion.lowercased().split(whereSeparator: \.isWhitespace).map { Array($0.utf8) }
            // Spelled out anywhere before (across line breaks and case), or right after: "JWT (JSON Web Token)".
            if PhraseSearch.occurs(words, in: bytes, range: 0..<use.match.range.lowerBound) { continue }
            var after = use.match.range.upperBound
            while after < bytes.count && ByteClass.isWhitespace(bytes[after]) { after += 1 }
            if after < bytes.count && bytes[after] == UInt8(ascii: "("),
               PhraseSearch.matches(words, in: bytes, at: after + 1) != nil { continue }
            var replacement = Self.spelledOut(abbreviation, expansion: expansion, written: use.written, inflectionLength: use.match.inflectionLength, isSentenceStart: use.isSentenceStart)
            var range = use.match.range
            // "JWT token" already says the expansion's last word: spelled out, the pair becomes
            // "JSON Web Token (JWT)", not "JSON Web Token (JWT) token" ("JWT tokens": "JSON Web Tokens (JWTs)").
            if use.match.inflectionLength == 0, let last = words.last, let next = Self.wordAfter(use.match.range.upperBound, in: bytes) {
                let written = bytes[next].lazy.map(ByteClass.lowercased)
                if written.elementsEqual(last) {
                    range = use.match.range.lowerBound..<next.upperBound
                } else if written.elementsEqual(last + [UInt8(ascii: "s")]) {
                    range = use.match.range.lowerBound..<next.upperBound
                    replacement = Self.spelledOut(abbreviation, expansion: expansion, written: use.written + "s", inflectionLength: 1, isSentenceStart: use.isSentenceStart)
                }
            }
            result.append(Diagnostic(code: Self.description.code, severity: Self.description.defaultSeverity,
                                     message: "Spell out “\(abbreviation)” on its first use: “\(replacement)”",
                                     file: path, range: range,
                                     data: ["abbreviation": .string(abbreviation), "expansion": .string(expansion), "replacement": .string(replacement)]))
        }
        return result
    }

    /// The word (ASCII letters) after one space at `offset`, or nil.
    static func wordAfter(_ offset: Int, in bytes: [UInt8]) -> ByteRange? {
        guard offset + 1 < bytes.count, bytes[offset] == 0x20 else { return nil }
        var end = offset + 1
        while end < bytes.count && ByteClass.isASCIIAlphanumeric(bytes[end]) && !ByteClass.isDigit(bytes[end]) { end += 1 }
        guard end > offset + 1, end == bytes.count || !(ByteClass.isASCIIAlphanumeric(bytes[end]) || bytes[end] >= 0x80 || bytes[end] == UInt8(ascii: "-")) else { return nil }
        return (offset + 1)..<end
    }

    /// "Expansion (ABBR)" for a use written `written`: a plural use spells out a plural ("JWTs" →
    /// "JSON Web Tokens (JWTs)"), a possessive goes after the parenthesis ("JWT's" → "JSON Web Token
    /// (JWT)'s"), and the expansion is cased for where it stands (`expansionForm`).
    static func spelledOut(_ abbreviation: String, expansion: String, written: String, inflectionLength: Int, isSentenceStart: Bool) -> String {
        let bytes = Array(written.utf8)
        let suffix = String(decoding: bytes.suffix(min(inflectionLength, bytes.count)), as: UTF8.self)
        var plural = suffix
        var possessive = ""
        for ending in ["'s", "’s", "'S", "’S", "'", "’"] where plural.hasSuffix(ending) {
            possessive = ending
            plural = String(plural.dropLast(ending.count))
            break
        }
        var form = expansionForm(expansion, isSentenceStart: isSentenceStart)
        if ["s", "es"].contains(plural.lowercased()) { form = TermSpelling.reinflect(form, suffix: "s") }
        let written = String(decoding: bytes.dropLast(possessive.utf8.count), as: UTF8.self)
        let short = TermSpelling.replacement(canonical: abbreviation, written: written, inflectionLength: plural.utf8.count)
        return "\(form) (\(short))\(possessive)"
    }

    /// The expansion as it reads where the abbreviation stands. A phrase in sentence case, taken from the
    /// start of a definition ("Open source software"), is a common phrase: mid-sentence its first capital
    /// goes ("open source software"). Names keep the glossary's spelling ("JSON Web Token", "Cloud Native
    /// Computing Foundation", "Kubernetes"). At a sentence start the first letter is a capital.
    static func expansionForm(_ expansion: String, isSentenceStart: Bool) -> String {
        let words = expansion.split(separator: " ")
        guard let first = words.first, let initial = first.first else { return expansion }
        if isSentenceStart {
            return initial.isLowercase ? initial.uppercased() + expansion.dropFirst() : expansion
        }
        let isSentenceCase = words.count > 1 && initial.isUppercase && !first.dropFirst().contains(where: \.isUppercase)
            && words.dropFirst().allSatisfy { !$0.contains(where: \.isUppercase) }
        return isSentenceCase ? initial.lowercased() + expansion.dropFirst() : expansion
    }

    /// What an abbreviation stands for: an entry's expansion, or the term of the entry it is an alias of.
    static func expansion(of name: GlossaryName, in glossary: Glossary) -> String? {
        for target in name.targets {
            let entry = glossary.entries[target.entry]
            if target.kind == .term, let expansion = entry.expansion, expansion.lowercased() != name.text.lowercased() { return expansion }
            if case .alias(let kind) = target.kind, kind == .aka || kind == .frontMatter, !DefinitionReader.isAbbreviation(entry.term) { return entry.term }
        }
        return nil
    }

    static func normalize(_ text: String) -> String {
        text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

/// Case-insensitive (ASCII) search for a phrase whose words may be separated by any whitespace,
/// line breaks included (with emphasis delimiters among it, and block-quote markers after a line
/// break), straight over a document's bytes.
enum PhraseSearch {
    /// Whether the words occur, at word boundaries, starting inside `range`.
    static func occurs(_ words: [[UInt8]], in bytes: [UInt8], range: ByteRange) -> Bool {
        guard let first = words.first?.first else { return false }
        let lower = ByteClass.lowercased(first)
        let upper = lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z") ? lower - 32 : lower
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = bytes[index]
            if (byte == lower || byte == upper) && (index == 0 || !ByteClass.isASCIIAlphanumeric(bytes[index - 1])),
               matches(words, in: bytes, at: index) != nil { return true }
            index += 1
        }
        return false
    }

    /// The end of the phrase when it starts exactly at `start`, else nil.
    static func matches(_ words: [[UInt8]], in bytes: [UInt8], at start: Int) -> Int? {
        var index = start
        for (position, word) in words.enumerated() {
            if position > 0 {
                // Whitespace between the words, and the emphasis delimiters around some of them:
                // "JSON **Web Token**" spells the phrase out as it renders.
                // After a line break, the next line's block-quote markers: "> A JSON Web" / "> Token".
                var hasSpace = false
                var hasLineBreak = false
                while index < bytes.count {
                    let byte = bytes[index]
                    if ByteClass.isWhitespace(byte) {
                        hasSpace = true
                        if byte == 0x0A || byte == 0x0D { hasLineBreak = true }
                    } else if byte != UInt8(ascii: "*") && byte != UInt8(ascii: "_") && !(hasLineBreak && byte == UInt8(ascii: ">")) {
                        break
                    }
                    index += 1
                }
                guard hasSpace else { return nil }
            }
            guard index + word.count <= bytes.count else { return nil }
            for offset in 0..<word.count where ByteClass.lowercased(bytes[index + offset]) != word[offset] { return nil }
            index += word.count
        }
        // A plural ending on the last word counts ("JSON Web Tokens (JWTs)").
        for ending in [[UInt8(ascii: "s")], [UInt8(ascii: "e"), UInt8(ascii: "s")]] where index + ending.count <= bytes.count
            && bytes[index..<(index + ending.count)].map(ByteClass.lowercased) == ending
            && (index + ending.count == bytes.count || !ByteClass.isASCIIAlphanumeric(bytes[index + ending.count])) {
            return index + ending.count
        }
        guard index == bytes.count || !ByteClass.isASCIIAlphanumeric(bytes[index]) else { return nil }
        return index
    }
}
