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

    public init(document: WorkspaceDocument) {
        let text = document.text
        for comment in document.markdown.htmlComments.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
            let words = comment.content.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "," }).map(String.init)
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
