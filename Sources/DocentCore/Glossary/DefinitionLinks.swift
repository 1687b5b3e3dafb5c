/// Links inside a definition are written relative to the glossary file (`[developer portals](#developer-portal)`,
/// `[setup](../guides/setup.md)`). Shown anywhere else (a hover on another page, `docent explain`) they
/// would point at the wrong place, so they are rewritten to the targets the glossary file means.
extension Glossary {
    /// `entry` with the links in its senses and details rewritten by `resolvingLinks(in:from:location:)`.
    /// `headingLine` finds a heading's line in a page that is no glossary (the workspace's pages).
    public func resolvingLinks(of entry: GlossaryEntry, location: (String, Int) -> String,
                               headingLine: (_ path: String, _ anchor: String) -> Int? = { _, _ in nil }) -> GlossaryEntry {
        var resolved = entry
        resolved.senses = entry.senses.map { resolvingLinks(in: $0, from: entry.file, location: location, headingLine: headingLine) }
        resolved.details = entry.details.map { resolvingLinks(in: $0, from: entry.file, location: location, headingLine: headingLine) }
        return resolved
    }

    /// `markdown`, written in the glossary file `file`, with each inline link's and image's destination
    /// replaced by `location(path, line)`: same-file anchors (`#developer-portal`) and relative paths
    /// (`../guides/setup.md#install`) are resolved against `file`; the line is the heading's when the
    /// target is a glossary file with that anchor (matched ignoring case), or a page whose heading
    /// `headingLine` finds; a same-file anchor that names no heading (`[components](#component)`)
    /// opens the entry the link's text names, as "See also" does; else 0. URLs with a scheme,
    /// `//host` and site-absolute `/docs/…` links, and paths that leave the workspace are kept as written.
    public func resolvingLinks(in markdown: String, from file: String, location: (String, Int) -> String,
                               headingLine: (_ path: String, _ anchor: String) -> Int? = { _, _ in nil }) -> String {
        guard markdown.utf8.contains(UInt8(ascii: "(")) else { return markdown }
        let text = SourceText(markdown)
        let document = MarkdownScanner.scan(text)
        let links = document.links.filter { $0.kind == .inline || $0.kind == .image }.sorted { $0.destinationRange.lowerBound < $1.destinationRange.lowerBound }
        var bytes = text.bytes
        // From the end, so earlier ranges stay valid.
        for link in links.reversed() where !link.destinationRange.isEmpty {
            guard let (path, anchor) = Self.target(of: link.destination, from: file) else { continue }
            var line = 0
            if let anchor {
                let glossaryFile = files.first { $0.path == path }
                if let found = glossaryFile?.anchorLines[anchor.lowercased()] {
                    line = found
                } else if glossaryFile == nil, let found = headingLine(path, anchor) {
                    line = found
                } else if glossaryFile != nil, let named = entries(named: text.string(in: link.textRange)).first(where: { entries[$0].file == path }) {
                    line = entries[named].line
                }
            }
            bytes.replaceSubrange(link.destinationRange, with: Array(location(path, line).utf8))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The workspace-relative path and anchor a link destination in `file` points at; nil for a
    /// destination that is not a relative link inside the workspace.
    static func target(of destination: String, from file: String) -> (path: String, anchor: String?)? {
        guard !destination.isEmpty, !destination.hasPrefix("/"), !WorkspacePath.hasScheme(Array(destination.utf8)) else { return nil }
        var pathPart = Substring(destination)
        var anchor: String?
        if let hash = pathPart.firstIndex(of: "#") {
            anchor = String(pathPart[pathPart.index(after: hash)...])
            pathPart = pathPart[..<hash]
        }
        if let query = pathPart.firstIndex(of: "?") { pathPart = pathPart[..<query] }
        if anchor?.isEmpty == true { anchor = nil }
        guard !pathPart.isEmpty else { return (file, anchor) }
        guard let path = WorkspacePath.resolve(String(pathPart), relativeTo: file), !path.isEmpty else { return nil }
        return (path, anchor)
    }
}
