import DocentCore

/// Fuzz target: every glossary layout. The input is parsed with the layout detected from its shape
/// and with each layout forced, then served as a workspace (the input as glossary and as a page) whose
/// rules all run, so merging, cross-references and every rule see hostile entries.
private func check(_ range: ByteRange, in text: SourceText, _ what: StaticString) {
    precondition(range.lowerBound >= 0 && range.upperBound <= text.count, "\(what) range \(range) outside 0..<\(text.count)")
}

@_cdecl("LLVMFuzzerTestOneInput")
public func glossaryFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = SourceText(bytes: Array(UnsafeBufferPointer(start: data, count: size)))
    var files: [GlossaryFile] = []
    for format in [nil] + GlossaryFormat.allCases.map(Optional.some) {
        let file = GlossaryParser.parse(text, path: "glossary-\(format?.rawValue ?? "auto").md", format: format)
        for entry in file.entries {
            check(entry.range, in: text, "entry")
            check(entry.termRange, in: text, "entry term")
            check(entry.definitionRange, in: text, "entry definition")
            for alias in entry.aliases { check(alias.range, in: text, "alias") }
            _ = entry.displayName
            _ = entry.isEmpty
        }
        for problem in file.problems { check(problem.range, in: text, "problem") }
        files.append(file)
    }
    let glossary = Glossary(files: files)
    for name in glossary.names.prefix(16) { _ = glossary.entries(named: name.text) }

    let configuration = Configuration(glossaries: [GlossarySource(pattern: "docs/glossary.md")])
    let snapshot = WorkspaceSnapshot(configuration: configuration, documents: [
        WorkspaceDocument(path: "docs/glossary.md", text: text),
        WorkspaceDocument(path: "docs/page.md", text: text),
    ])
    for path in ["docs/glossary.md", "docs/page.md"] {
        for diagnostic in RuleRegistry.diagnostics(for: path, in: snapshot) { check(diagnostic.range, in: text, "diagnostic") }
    }
    return 0
}
