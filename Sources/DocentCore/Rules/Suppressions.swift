/// Suppression comments, as writers know them from markdownlint and Vale:
///
/// - `<!-- docent-disable -->` / `<!-- docent-enable -->` (all rules), or with rule codes
///   (`<!-- docent-disable term-casing term-alias -->`) for those rules only, until the matching enable;
/// - `<!-- docent-disable-next-line [codes] -->` for the next non-blank line;
/// - `<!-- docent-disable-line [codes] -->` for the line the comment is on;
/// - `<!-- docent-disable-file [codes] -->` for the whole document.
///
/// With no codes a directive applies to every rule.
public struct Suppressions: Sendable {
    /// A disable or enable directive, in document order.
    struct Toggle {
        var offset: Int
        var isDisable: Bool
        var codes: Set<String>
    }
    /// A range where some rules (or all, when `codes` is empty) are off.
    struct Region {
        var range: ByteRange
        var codes: Set<String>
    }
    private var toggles: [Toggle] = []
    private var regions: [Region] = []

    /// The directives, as `suppression-comment` checks them too.
    static let directives = ["docent-disable", "docent-enable", "docent-disable-next-line", "docent-disable-line", "docent-disable-file"]

    /// The words of a comment between `<!--` and `-->` (or the comment's end, when it is never
    /// closed), as byte ranges: runs of bytes other than spaces, tabs, line breaks (CRLF too) and
    /// commas. The one reading of a directive and its codes, here and in `suppression-comment`.
    static func words(of comment: HTMLComment, in bytes: [UInt8]) -> [ByteRange] {
        func separates(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == UInt8(ascii: ",") }
        var words: [ByteRange] = []
        var index = comment.range.lowerBound + 4
        let end = bytes[comment.range].reversed().starts(with: Array(">--".utf8)) ? comment.range.upperBound - 3 : comment.range.upperBound
        while index < end {
            if separates(bytes[index]) { index += 1; continue }
            let start = index
            while index < end && !separates(bytes[index]) { index += 1 }
            words.append(start..<index)
        }
        return words
    }

    public init(document: WorkspaceDocument) {
        let text = document.text
        for comment in document.markdown.htmlComments.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
            let words = Self.words(of: comment, in: text.bytes).map { String(decoding: text.bytes[$0], as: UTF8.self) }
            guard let directive = words.first, directive.hasPrefix("docent-") else { continue }
            let codes = Set(words.dropFirst())
            switch directive {
            case "docent-disable":
                toggles.append(Toggle(offset: comment.range.upperBound, isDisable: true, codes: codes))
            case "docent-enable":
                toggles.append(Toggle(offset: comment.range.lowerBound, isDisable: false, codes: codes))
            case "docent-disable-next-line":
                var line = text.line(of: comment.range.upperBound) + 1
                while line < text.lineTable.lineCount && text.string(in: text.lineRange(line)).trimmingSpaces().isEmpty { line += 1 }
                if line < text.lineTable.lineCount { regions.append(Region(range: text.lineRange(line), codes: codes)) }
            case "docent-disable-line":
                regions.append(Region(range: text.lineRange(text.line(of: comment.range.lowerBound)), codes: codes))
            case "docent-disable-file":
                regions.append(Region(range: 0..<(text.count + 1), codes: codes))
            default:
                continue
            }
        }
    }

    /// Whether any rule is off at `offset`: text the writer fenced off, whatever the codes.
    public func isAnyRuleSuppressed(at offset: Int) -> Bool {
        if regions.contains(where: { $0.range.contains(offset) }) { return true }
        var allOff = false
        var offCodes = Set<String>()
        for toggle in toggles where toggle.offset <= offset {
            switch (toggle.isDisable, toggle.codes.isEmpty) {
            case (true, true): allOff = true
            case (true, false): offCodes.formUnion(toggle.codes)
            case (false, true):
                allOff = false
                offCodes.removeAll()
            case (false, false): offCodes.subtract(toggle.codes)
            }
        }
        return allOff || !offCodes.isEmpty
    }

    /// Whether a diagnostic of `code` starting at `offset` is suppressed.
    public func isSuppressed(_ code: String, at offset: Int) -> Bool {
        for region in regions where region.range.contains(offset) && (region.codes.isEmpty || region.codes.contains(code)) {
            return true
        }
        // Replay disable/enable directives before the offset.
        var isOff = false
        for toggle in toggles where toggle.offset <= offset {
            if toggle.codes.isEmpty || toggle.codes.contains(code) { isOff = toggle.isDisable }
        }
        return isOff
    }
}

/// `suppression-comment`: a `docent-` comment that does nothing because it is misspelt — a directive
/// that is none (`docent-disable-nextline`) or a rule code no rule has (`term-casng`) — so the
/// finding it was written to silence stays, without a word about why.
public struct SuppressionCommentRule: Rule {
    public static let description = RuleDescription(code: "suppression-comment", summary: "A suppression comment names a directive or rule that does not exist", defaultSeverity: .warning)

    public func check(_ path: String, in snapshot: WorkspaceSnapshot, cache: AnalysisCache) -> [Diagnostic] {
        guard let document = snapshot.document(path), !document.markdown.htmlComments.isEmpty else { return [] }
        let bytes = document.text.bytes
        let codes = RuleRegistry.descriptions.map(\.code)
        var result: [Diagnostic] = []
        for comment in document.markdown.htmlComments {
            let words = Suppressions.words(of: comment, in: bytes)
            guard let first = words.first else { continue }
            let directive = String(decoding: bytes[first], as: UTF8.self)
            guard directive.hasPrefix("docent-") else { continue }
            let isDirective = Suppressions.directives.contains(directive)
            if !isDirective {
                // Only what reads as an attempt at a directive: a near spelling, or one that starts as
                // one does (a comment may mention a word that starts with "docent-").
                let guess = Spelling.suggestion(for: directive, among: Suppressions.directives)
                guard guess != nil || directive.hasPrefix("docent-disable") || directive.hasPrefix("docent-enable") else { continue }
                let known = Suppressions.directives.map { "“\($0)”" }.joined(separator: ", ")
                result.append(Diagnostic(code: Self.description.code, severity: Self.description.defaultSeverity,
                                         message: "“\(directive)” is no Docent directive, so this comment silences nothing" + (guess.map { "; did you mean “\($0)”?" } ?? "; the directives are \(known)"),
                                         file: path, range: first, data: ["directive": .string(directive)].merging(guess.map { ["suggestion": DiagnosticValue.string($0)] } ?? [:]) { $1 }))
            }
            // The codes of a misspelt directive are checked too, so one look finds every mistake.
            for word in words.dropFirst() {
                let code = String(decoding: bytes[word], as: UTF8.self)
                guard !codes.contains(code) else { continue }
                // The rest of a comment after `--` is a note ("… -- quoted from the old UI").
                if code == "--" { break }
                let guess = Spelling.suggestion(for: code, among: codes)
                let consequence = isDirective ? ", so “\(directive)” does not apply to it" : ""
                result.append(Diagnostic(code: Self.description.code, severity: Self.description.defaultSeverity,
                                         message: "No rule is called “\(code)”\(consequence)" + (guess.map { "; did you mean “\($0)”?" } ?? " (`docent rules` lists them)"),
                                         file: path, range: word, data: ["rule": .string(code)].merging(guess.map { ["suggestion": DiagnosticValue.string($0)] } ?? [:]) { $1 }))
            }
        }
        return result
    }
}

/// "Replace with “term-casing”" for a misspelt suppression comment whose nearest directive or rule
/// the diagnostic names. Preferred, but never applied by `docent check --fix`: it is a guess.
public struct SuppressionCommentFixes: CodeActionProvider {
    public func actions(in path: String, range: ByteRange, diagnostics: [Diagnostic], snapshot: WorkspaceSnapshot) -> [CodeActionProposal] {
        diagnostics.compactMap { diagnostic in
            guard diagnostic.code == SuppressionCommentRule.description.code, diagnostic.file == path,
                  case .string(let suggestion)? = diagnostic.data["suggestion"] else { return nil }
            return CodeActionProposal(title: "Replace with “\(suggestion)”", kind: "quickfix", fixes: [diagnostic],
                                      operations: [.edit(FileEdit(file: path, range: diagnostic.range, newText: suggestion))], isPreferred: true)
        }
    }
}
