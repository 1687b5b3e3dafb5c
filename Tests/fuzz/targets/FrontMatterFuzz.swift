import DocentCore

/// Fuzz target: the front-matter reader (the YAML, TOML and JSON subsets Docent reads), on the input
/// as it is, behind a `---` opener so most inputs reach the body parser, between `+++` fences, and
/// between `{` and `}` lines (also read as MDX, where such a block is no front matter).
@_cdecl("LLVMFuzzerTestOneInput")
public func frontMatterFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for candidate in [bytes, Array("---\n".utf8) + bytes, Array("---\r\n".utf8) + bytes + Array("\n---\n".utf8),
                      Array("+++\n".utf8) + bytes + Array("\n+++\n".utf8), Array("{\n".utf8) + bytes + Array("\n}\n".utf8)] {
        let text = SourceText(bytes: candidate)
        if candidate.first == UInt8(ascii: "{") { precondition(FrontMatterReader.read(text, isMDX: true) == nil, "JSON front matter in MDX") }
        guard let frontMatter = FrontMatterReader.read(text) else { continue }
        precondition(frontMatter.range.upperBound <= text.count && frontMatter.contentRange.upperBound <= text.count, "front matter range")
        if let point = frontMatter.insertionPoint { precondition(frontMatter.contentRange.contains(point) || point == frontMatter.contentRange.upperBound, "insertion point") }
        for entry in frontMatter.entries {
            precondition(entry.keyRange.upperBound <= text.count && entry.valueRange.upperBound <= text.count, "entry range")
            for item in entry.itemRanges { precondition(item.lowerBound <= item.upperBound && item.upperBound <= text.count, "item range") }
            _ = frontMatter.string(entry.key)
            _ = frontMatter.strings(entry.key)
            _ = entry.value.scalarText
        }
        for problem in frontMatter.problems { precondition(problem.range.upperBound <= text.count, "problem range") }
    }
    return 0
}
