/// A use whose link text is also the link's label: `[Boilerplate]` (a shortcut reference) or
/// `[boilerplate][]` (a collapsed one), with a `[boilerplate]: url` definition in the page. Replacing
/// the text alone would leave a label that no definition matches, and the link would render as
/// bracketed text.
struct ReferenceLabelUse {
    /// The `[` and `]` around the text.
    var open: Int
    var close: Int
    /// Whether `[]` follows (collapsed), rather than nothing (shortcut).
    var isCollapsed: Bool

    /// The label the use sits in, when a link definition of the page matches it; nil otherwise
    /// (an inline link, a full reference `[text][label]`, brackets no definition names).
    static func enclosing(_ range: ByteRange, in document: WorkspaceDocument) -> ReferenceLabelUse? {
        let definitions = document.markdown.definitions.filter { $0.kind == .link }
        guard !definitions.isEmpty else { return nil }
        let bytes = document.text.bytes
        func isEscaped(_ index: Int) -> Bool {
            var backslashes = 0
            while index - backslashes - 1 >= 0 && bytes[index - backslashes - 1] == UInt8(ascii: "\\") { backslashes += 1 }
            return backslashes % 2 == 1
        }
        // The nearest unescaped brackets around the use, with no other bracket between (a label holds
        // none) and no blank line (a label stays inside its paragraph).
        var open = range.lowerBound - 1
        while open >= 0 {
            let byte = bytes[open]
            if (byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]")) && !isEscaped(open) { break }
            if byte == 0x0A && open > 0 && (bytes[open - 1] == 0x0A || bytes[open - 1] == 0x0D) { return nil }
            open -= 1
        }
        guard open >= 0, bytes[open] == UInt8(ascii: "[") else { return nil }
        // `![alt]` is an image, whose label works the same way; `[^1]` is a footnote reference.
        if open + 1 < bytes.count && bytes[open + 1] == UInt8(ascii: "^") { return nil }
        var close = range.upperBound
        while close < bytes.count {
            let byte = bytes[close]
            if (byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]")) && !isEscaped(close) { break }
            if byte == 0x0A && close + 1 < bytes.count && (bytes[close + 1] == 0x0A || bytes[close + 1] == 0x0D) { return nil }
            close += 1
        }
        guard close < bytes.count, bytes[close] == UInt8(ascii: "]") else { return nil }
        // What follows the `]` says whose label the text is: `(` an inline link, `[label]` a full
        // reference (its text is free), `[]` a collapsed one, anything else a shortcut.
        var isCollapsed = false
        if close + 1 < bytes.count {
            let next = bytes[close + 1]
            if next == UInt8(ascii: "(") || next == UInt8(ascii: ":") { return nil }
            if next == UInt8(ascii: "[") {
                guard close + 2 < bytes.count, bytes[close + 2] == UInt8(ascii: "]") else { return nil }
                isCollapsed = true
            }
        }
        let label = MarkdownText.referenceLabel(bytes[(open + 1)..<close])
        guard !label.isEmpty, definitions.contains(where: { MarkdownText.referenceLabel(bytes[$0.labelRange]) == label }) else { return nil }
        return ReferenceLabelUse(open: open, close: close, isCollapsed: isCollapsed)
    }
}

extension TerminologyFixes {
    /// `quickFix(for:)` where the use stands in `document`. A use that is also a reference link's
    /// label keeps its link: when the new text no longer matches the label (a change of case does,
    /// labels being case-insensitive), the link becomes a full reference to the old label,
    /// `[Boilerplate]` → `[starter kit][Boilerplate]`, `[boilerplate][]` → `[starter kit][boilerplate]`.
    /// A label over several lines is not rewritten: the fix is left to a person.
    public static func quickFix(for diagnostic: Diagnostic, document: WorkspaceDocument) -> CodeActionProposal? {
        guard var fix = quickFix(for: diagnostic) else { return nil }
        guard case .edit(let edit)? = fix.operations.first, fix.operations.count == 1,
              let label = ReferenceLabelUse.enclosing(edit.range, in: document) else { return fix }
        let bytes = document.text.bytes
        let written = bytes[(label.open + 1)..<label.close]
        let rewritten = Array(bytes[(label.open + 1)..<edit.range.lowerBound]) + Array(edit.newText.utf8) + Array(bytes[edit.range.upperBound..<label.close])
        if MarkdownText.referenceLabel(rewritten) == MarkdownText.referenceLabel(written) { return fix }
        if written.contains(0x0A) || written.contains(0x0D) { return nil }
        // One edit, from the use to the end of the brackets, so a fix stays one edit: "Boilerplate]" →
        // "starter kit][Boilerplate]", "boilerplate][" → "starter kit][boilerplate".
        let labelText = String(decoding: written, as: UTF8.self)
        let tail = String(decoding: bytes[edit.range.upperBound..<label.close], as: UTF8.self)
        let extended = label.isCollapsed
            ? FileEdit(file: edit.file, range: edit.range.lowerBound..<(label.close + 2), newText: "\(edit.newText)\(tail)][\(labelText)")
            : FileEdit(file: edit.file, range: edit.range.lowerBound..<(label.close + 1), newText: "\(edit.newText)\(tail)][\(labelText)]")
        fix.operations = [.edit(extended)]
        return fix
    }
}
