import DocentCore

/// Fuzz target: the Markdown scanner (as `.md` and as `.mdx`) and the term matcher over it, with a
/// glossary read from the input itself (so its own words are terms) and a fixed one. Checks that every
/// range the scanner and matcher return lies inside the text and on scalar boundaries.
private let fixedGlossary: Glossary = {
    let text = SourceText("""
    # Glossary

    ## Service Catalog

    The place that records who owns each piece of software. Also known as the catalog.

    ## API (application programming interface)

    See [Service Catalog](#service-catalog).

    ## 日本語

    Refers to Blueprints.

    """)
    return Glossary(files: [GlossaryParser.parse(text, path: "glossary.md")])
}()

private func check(_ range: ByteRange, in text: SourceText, _ what: StaticString) {
    precondition(range.lowerBound >= 0 && range.upperBound <= text.count, "\(what) range \(range) outside 0..<\(text.count)")
    for bound in [range.lowerBound, range.upperBound] where bound < text.count {
        precondition(text.bytes[bound] & 0xC0 != 0x80, "\(what) range \(range) splits a UTF-8 sequence")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func markdownFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = SourceText(bytes: Array(UnsafeBufferPointer(start: data, count: size)))
    for isMDX in [false, true] {
        let document = MarkdownScanner.scan(text, isMDX: isMDX)
        for span in document.proseSpans {
            check(span.range, in: text, "prose span")
            precondition(span.block >= 0 && span.block < document.proseBlocks.count, "prose span block index")
        }
        for heading in document.headings {
            check(heading.range, in: text, "heading")
            check(heading.sectionRange, in: text, "heading section")
        }
        for link in document.links { check(link.range, in: text, "link") }
        for block in document.codeBlocks { check(block.range, in: text, "code block") }
        _ = document.title
        let own = Glossary(files: [GlossaryParser.parse(text, path: isMDX ? "glossary.mdx" : "glossary.md")])
        for glossary in [own, fixedGlossary] {
            for match in TermMatcher.matches(in: text, document: document, glossary: glossary) {
                check(match.range, in: text, "term match")
                precondition(match.name >= 0 && match.name < glossary.names.count, "term match name index")
            }
        }
    }
    // Offsets convert to positions and back without leaving the text, and a position's column is what
    // a walk from the start of its line counts (the line table's checkpoints must not change that).
    for encoding in [PositionEncoding.utf8, .utf16, .utf32] {
        var offset = 0
        while offset <= text.count {
            let position = text.position(of: offset, encoding: encoding)
            let back = text.offset(of: position, encoding: encoding)
            precondition(back >= 0 && back <= text.count && back <= offset, "position round trip \(offset) → \(position) → \(back)")
            let lineStart = text.lineTable.lineStarts[position.line]
            let lineEnd = text.lineRange(position.line).upperBound
            if offset <= lineEnd && (offset == text.count || text.bytes[offset] & 0xC0 != 0x80) {
                let prefix = String(decoding: text.bytes[lineStart..<offset], as: UTF8.self)
                let expected = encoding == .utf8 ? prefix.utf8.count : encoding == .utf16 ? prefix.utf16.count : prefix.unicodeScalars.count
                precondition(position.character == expected, "column of \(offset): \(position.character), a walk counts \(expected)")
                precondition(back == offset, "offset \(offset) → \(position) → \(back)")
            }
            offset += max(1, text.count / 64)
        }
    }
    return 0
}
