/// Text copied from a rendered glossary page: a term on a line of its own, a blank line, then the
/// definition paragraph(s); numbered senses as `1. …` lines. Pages like this sometimes lose lines
/// (single-word headings dropped): a definition with no term line is reported, not guessed.
enum TermLineGlossaryLayout {
    struct Block {
        var lines: [ByteRange]
        var blankLinesBefore: Int
        var range: ByteRange { lines.first!.lowerBound..<lines.last!.upperBound }
    }

    static func read(_ context: inout GlossaryParsingContext) {
        let blocks = makeBlocks(context)
        // A term line written as a heading (`# DocHub`) has the heading's text as its term.
        var headingTexts: [Int: ByteRange] = [:]
        for heading in context.document.headings { headingTexts[context.text.line(of: heading.range.lowerBound)] = heading.textRange }
        var index = 0
        // Leading boilerplate ("Skip to main content") is a short line followed by another short line.
        while index < blocks.count {
            let block = blocks[index]
            if isTermLine(block, context) {
                var definition: [Block] = []
                var next = index + 1
                while next < blocks.count && !isTermLine(blocks[next], context) {
                    // Two or more blank lines before a block mean an entry whose term line was lost.
                    if !definition.isEmpty && blocks[next].blankLinesBefore >= 2 && !startsNumberedSense(blocks[next], context) { break }
                    definition.append(blocks[next])
                    next += 1
                }
                if definition.isEmpty {
                    index += 1
                    continue
                }
                var lines: [ByteRange] = []
                for (position, part) in definition.enumerated() {
                    if position > 0 { lines.append(part.range.lowerBound..<part.range.lowerBound) }
                    lines += part.lines
                }
                let line = block.lines[0]
                let term = headingTexts[context.text.line(of: line.lowerBound)] ?? line
                context.addEntry(rawTerm: context.text.string(in: term), termRange: term, definitionLines: lines,
                                 range: line.lowerBound..<definition.last!.range.upperBound, anchor: nil)
                index = next
            } else {
                // A definition with no term: collect it (and its numbered senses) and report it.
                var next = index + 1
                while next < blocks.count && !isTermLine(blocks[next], context) && (blocks[next].blankLinesBefore < 2 || startsNumberedSense(blocks[next], context) && !startsFirstSense(blocks[next], context)) { next += 1 }
                if index > 0 || blocks.count > 1 {
                    let range = block.range.lowerBound..<blocks[next - 1].range.upperBound
                    let preview = MarkdownText.plainText(context.text.string(in: block.lines[0]))
                    context.problems.append(GlossaryProblem(kind: .missingTerm, message: "Definition without a term line (“\(String(preview.prefix(60)))…”); its term line may have been lost", range: range))
                }
                index = next
            }
        }
    }

    static func makeBlocks(_ context: GlossaryParsingContext) -> [Block] {
        var blocks: [Block] = []
        var current: [ByteRange] = []
        var blanks = 0
        var blanksBeforeCurrent = 0
        for line in context.bodyStartLine..<context.text.lineTable.lineCount {
            let trimmed = context.trim(context.text.lineRange(line))
            if trimmed.isEmpty {
                if !current.isEmpty {
                    blocks.append(Block(lines: current, blankLinesBefore: blanksBeforeCurrent))
                    current = []
                    blanks = 0
                }
                blanks += 1
                continue
            }
            // A numbered sense starts its own block even without a blank line before it.
            if !current.isEmpty, DefinitionReader.numberedItemContent(context.text.string(in: trimmed)) != nil {
                blocks.append(Block(lines: current, blankLinesBefore: blanksBeforeCurrent))
                current = []
                blanks = 0
            }
            if current.isEmpty { blanksBeforeCurrent = blanks }
            current.append(trimmed)
        }
        if !current.isEmpty { blocks.append(Block(lines: current, blankLinesBefore: blanksBeforeCurrent)) }
        return blocks
    }

    /// A term line: one short line, no sentence punctuation at its end, not a numbered sense.
    static func isTermLine(_ block: Block, _ context: GlossaryParsingContext) -> Bool {
        guard block.lines.count == 1 else { return false }
        let line = context.text.string(in: block.lines[0])
        guard line.count <= 80, DefinitionReader.numberedItemContent(line) == nil else { return false }
        guard let last = line.last, !".:;,!?".contains(last) else { return false }
        let words = line.split(separator: " ")
        guard words.count <= 8, let first = line.first, first.isUppercase || first.isNumber || !first.isLetter else { return false }
        return true
    }

    static func startsNumberedSense(_ block: Block, _ context: GlossaryParsingContext) -> Bool {
        DefinitionReader.numberedItemContent(context.text.string(in: block.lines[0])) != nil
    }

    static func startsFirstSense(_ block: Block, _ context: GlossaryParsingContext) -> Bool {
        context.text.string(in: block.lines[0]).hasPrefix("1.")
    }
}
