/// Code actions for the placement diagnostics: "Move to <section>" (a file rename into the suggested
/// section's folder), "Keep in <section>: declare <persona> in front matter" (the author states
/// the page's audience, which settles a `persona-mismatch` or keeps a page the classifier doubts where
/// it is; never the preferred fix, since it silences the warning for good), and for a misplaced `##`
/// part "Move “<heading>” to a new page in <section>".
public struct PlacementActions: CodeActionProvider {
    public static let codes: Set<String> = ["misplaced-document", "unplaced-document", "persona-mismatch", "misplaced-section"]

    public init() {}

    public func actions(in path: String, range: ByteRange, diagnostics: [Diagnostic], snapshot: WorkspaceSnapshot) -> [CodeActionProposal] {
        guard let document = snapshot.document(path) else { return [] }
        var result: [CodeActionProposal] = []
        let model = PlacementModel.of(snapshot)
        for diagnostic in diagnostics where diagnostic.file == path && Self.codes.contains(diagnostic.code) {
            if diagnostic.code == "misplaced-section" {
                if case .string(let sectionPath)? = diagnostic.data["suggestedSection"],
                   let extract = Self.movePart(at: diagnostic.range, of: document, to: sectionPath, model: model, snapshot: snapshot, fixing: diagnostic) {
                    result.append(extract)
                }
                continue
            }
            if case .string(let sectionPath)? = diagnostic.data["suggestedSection"],
               let move = Self.move(path, to: sectionPath, model: model, snapshot: snapshot, fixing: diagnostic) {
                result.append(move)
            }
            if let persona = Self.personaToDeclare(for: diagnostic, path: path, model: model),
               let declare = Self.declare(persona, in: document, section: model.sectionIndex(of: path).map { model.sections.sections[$0] },
                                          catalog: model.catalog, fixing: diagnostic) {
                result.append(declare)
            }
        }
        return result
    }

    /// "Move to Developer Portal › Operator Guides": renames the file into the section's folder,
    /// keeping its path below its current section (`user-guides/deployment/k8s.md` from section
    /// `user-guides` to `operator-guides` becomes `operator-guides/deployment/k8s.md`; a page in no
    /// section keeps its name), and rewrites the relative links that would break: the page's own, and other
    /// pages' links to it (the edits come first, in the files' current paths, then the rename). A
    /// folder's landing page (`index.md`, `README.md`) at the top of its section, whose name is taken
    /// in the new one, keeps its folder: `backend/index.md` into `operations` becomes
    /// `operations/backend/index.md`. None when a file of that name is already there. Never the
    /// preferred fix: an editor's one-key auto-fix would move a file on the classifier's word (review).
    public static func move(_ path: String, to sectionPath: String, model: PlacementModel, snapshot: WorkspaceSnapshot, fixing diagnostic: Diagnostic) -> CodeActionProposal? {
        guard let section = model.sections.sections.first(where: { $0.path == sectionPath }) else { return nil }
        func inSection(_ subPath: String) -> String { section.path.isEmpty ? subPath : section.path + "/" + subPath }
        let below = subPath(of: path, model: model)
        var target = inSection(below)
        let parts = path.split(separator: "/")
        if snapshot.document(target) != nil, parts.count >= 2, !below.contains("/"),
           let name = parts.last, landingPageNames.contains(name.split(separator: ".").first.map { $0.lowercased() } ?? "") {
            target = inSection(parts[parts.count - 2] + "/" + name)
        }
        guard target != path, snapshot.document(target) == nil else { return nil }
        return CodeActionProposal(title: "Move to \(section.title)", kind: "quickfix", fixes: [diagnostic],
                                  operations: LinkRelocation.edits(snapshot, moves: [path: target]).map { .edit($0) } + [.renameFile(from: path, to: target)],
                                  isPreferred: false)
    }

    /// "Move “Creating the database” to a new page in Developer Portal › Operator Guides": the `##` part
    /// whose heading is at `headingRange` becomes a page of its own in the section's folder, named after
    /// the heading (`creating-the-database.md`, `-2` and on when taken), with the heading as its title
    /// and its sub-headings one level up. The part leaves its heading behind (links to it keep working)
    /// with one line that links to the new page. Relative links in the moved text are rewritten from
    /// the new folder; links within the page to the rest of it point back at the page; links from the
    /// page and from other pages to the part's sub-headings follow them. Reference, footnote and
    /// abbreviation definitions the moved text uses from elsewhere in the page are copied to the new
    /// page, wherever they are written (a definition in a block quote or list item serves the whole
    /// page; it arrives without the quote and list markers), and leave the page when nothing else in it
    /// uses them (unless written in a list item, which would be left empty); those in the moved text
    /// that the rest of the page uses stay behind as well.
    public static func movePart(at headingRange: ByteRange, of document: WorkspaceDocument, to sectionPath: String, model: PlacementModel,
                                snapshot: WorkspaceSnapshot, fixing diagnostic: Diagnostic) -> CodeActionProposal? {
        guard let section = model.sections.sections.first(where: { $0.path == sectionPath }) else { return nil }
        let headings = document.markdown.headings
        guard let index = headings.firstIndex(where: { $0.range.contains(headingRange.lowerBound) }), headings[index].level == 2 else { return nil }
        let heading = headings[index]
        let text = document.text
        let path = document.path
        let newline = text.lineBreak(after: text.lineRange(0))
        let body = heading.range.upperBound..<heading.sectionRange.upperBound
        let stem = Self.fileStem(heading.text)
        let folder = section.path.isEmpty ? "" : section.path + "/"
        var target = folder + stem + ".md"
        var suffix = 2
        while snapshot.document(target) != nil {
            target = folder + "\(stem)-\(suffix).md"
            suffix += 1
        }
        let inner = headings[(index + 1)...].prefix { body.contains($0.range.lowerBound) }
        let movedAnchors = Set(inner.map(\.anchor))
        let pageAnchors = Set(headings.map(\.anchor))

        // Edits to the moved text, in the page's byte offsets: its relative links from the new folder
        // (the page's text relocated as a whole, as if it were moved), fragment-only links to the rest
        // of the page, and sub-headings one level up.
        var bodyEdits: [FileEdit] = []
        let scratch = path + ".docent-moved-part"
        let relocated = LinkRelocation.edits(snapshot.applying([.setDocument(path: scratch, text: text, version: nil)]), moves: [scratch: target]).filter { $0.file == scratch }
        let backToPage = LinkRelocation.relativePath(from: target, to: path)
        let link = LinkRelocation.relativePath(from: path, to: target)
        /// Fragment-only links in `range` that point at a heading left behind (`backToPage`) or at one
        /// that moves (`toward new page`): the edits that keep them reaching it from where they end up.
        let fragmentLinks = document.markdown.links.filter { $0.destination.hasPrefix("#") }
        func fragmentEdits(in range: ByteRange, towardNewPage: Bool) -> [FileEdit] {
            fragmentLinks.compactMap { found in
                guard range.contains(found.range.lowerBound) else { return nil }
                let anchor = String(found.destination.dropFirst())
                if towardNewPage {
                    return movedAnchors.contains(anchor) ? FileEdit(file: path, range: found.destinationRange, newText: LinkRelocation.percentEncoded(link) + found.destination) : nil
                }
                return !movedAnchors.contains(anchor) && pageAnchors.contains(anchor)
                    ? FileEdit(file: scratch, range: found.destinationRange, newText: backToPage + found.destination) : nil
            }
        }
        bodyEdits += relocated.filter { body.contains($0.range.lowerBound) } + fragmentEdits(in: body, towardNewPage: false)
        for sub in inner {
            guard let hash = text.bytes[sub.range].firstIndex(of: UInt8(ascii: "#")) else { continue }
            bodyEdits.append(FileEdit(file: scratch, range: hash..<hash + 1, newText: ""))
        }
        /// The bytes of `range` with those of `edits` that start in it applied.
        func rewritten(_ range: ByteRange, _ edits: [FileEdit]) -> [UInt8] {
            var bytes = Array(text.bytes[range])
            for edit in edits.filter({ range.contains($0.range.lowerBound) }).sorted(by: { $0.range.lowerBound > $1.range.lowerBound }) {
                bytes.replaceSubrange((edit.range.lowerBound - range.lowerBound)..<(edit.range.upperBound - range.lowerBound), with: Array(edit.newText.utf8))
            }
            return bytes
        }
        /// A definition's segments, each rewritten, joined by the page's line breaks.
        func rewritten(_ segments: [ByteRange], _ edits: [FileEdit]) -> String {
            var bytes: [UInt8] = []
            for (index, segment) in segments.enumerated() {
                if index > 0 { bytes += Array(text.lineBreak(after: text.lineRange(text.line(of: segments[index - 1].upperBound))).utf8) }
                bytes += rewritten(segment, edits)
            }
            return String(decoding: bytes, as: UTF8.self)
        }

        // Reference definitions and footnotes. A label means its first definition in the page
        // (CommonMark). One defined outside the part that the part uses is copied to the new page (its
        // links from the new folder), and the part's own later duplicates, which never counted, are
        // left out so that it still wins there; one defined in the part that the rest of the page uses
        // also stays behind.
        let markdown = document.markdown
        let definitions = Self.labelledDefinitions(in: document)
        var first: [String: Int] = [:]
        for (index, definition) in definitions.enumerated() where first[definition.label] == nil { first[definition.label] = index }
        let winners = first.values.sorted()
        let skipped = (definitions.map(\.range) + markdown.codeBlocks.map(\.range) + markdown.codeSpans).sorted { $0.lowerBound < $1.lowerBound }
        let usedInBody = Self.bracketedLabels(text, in: [body], skipping: skipped)
        // Labels the rest of the page uses, in its text or in the footnotes that stay (`[^a]: see [^b]`).
        let footnoteTexts = markdown.definitions.filter { $0.kind == .footnote && !body.contains($0.range.lowerBound) }.map { $0.labelRange.upperBound..<$0.range.upperBound }
        let code = (markdown.codeBlocks.map(\.range) + markdown.codeSpans).sorted { $0.lowerBound < $1.lowerBound }
        let usedInRest = Self.bracketedLabels(text, in: [0..<body.lowerBound, body.upperBound..<text.count], skipping: skipped)
            .union(Self.bracketedLabels(text, in: footnoteTexts, skipping: code))
        var carriedLines: [String] = []
        var keptLines: [String] = []
        /// What to delete to remove the definition at `range`: on lines of its own, or after quote
        /// markers alone, it goes with its line break (the next line brings its own markers); one that
        /// opens a list item leaves the item's marker, so the item's next line stays in it (`- ` then
        /// `  more`).
        func removal(of range: ByteRange, firstSegment: ByteRange?) -> ByteRange {
            var start = firstSegment?.lowerBound ?? range.lowerBound
            if text.bytes[range.lowerBound..<start].allSatisfy({ $0 == UInt8(ascii: ">") || ByteClass.isSpace($0) }) { start = range.lowerBound }
            var end = range.upperBound
            if start == range.lowerBound {
                if end < text.count && text.bytes[end] == 0x0D { end += 1 }
                if end < text.count && text.bytes[end] == 0x0A { end += 1 }
            }
            return start..<end
        }
        /// Carried definitions outside the part that the rest of the page no longer uses, removed from
        /// it. Only whole lines (in a block quote too): one in a list item stays, since removing it
        /// would leave an empty item.
        var pageRemovals: [FileEdit] = []
        func removalFromPage(_ range: ByteRange, firstSegment: ByteRange?) -> FileEdit? {
            let removed = removal(of: range, firstSegment: firstSegment)
            guard removed.lowerBound == range.lowerBound else { return nil }
            return FileEdit(file: path, range: removed, newText: "")
        }
        for index in winners {
            let (range, label, segments) = definitions[index]
            if !body.contains(range.lowerBound) && usedInBody.contains(label) {
                carriedLines.append(rewritten(segments, relocated + fragmentEdits(in: range, towardNewPage: false)))
                for duplicate in definitions where duplicate.label == label && body.contains(duplicate.range.lowerBound) {
                    let removed = removal(of: duplicate.range, firstSegment: duplicate.segments.first)
                    bodyEdits.removeAll { (duplicate.range.lowerBound..<removed.upperBound).contains($0.range.lowerBound) }
                    bodyEdits.append(FileEdit(file: scratch, range: removed, newText: ""))
                }
                // Nothing left in the page uses it: it goes rather than stay as a dead line.
                if !usedInRest.contains(label), let removed = removalFromPage(range, firstSegment: segments.first) { pageRemovals.append(removed) }
            } else if body.contains(range.lowerBound) && usedInRest.contains(label) {
                keptLines.append(rewritten(segments, fragmentEdits(in: range, towardNewPage: true)))
            }
        }
        // Abbreviations (`*[ABBR]: expansion`, as MkDocs and Python-Markdown read them) hold for the
        // whole page, the last definition winning, wherever the abbreviation stands as a word. The one
        // that holds comes along when the part uses it, and stays behind when the rest of the page does.
        let abbreviations = Self.abbreviationDefinitions(in: document)
        if !abbreviations.isEmpty {
            let prose = (skipped + abbreviations.map(\.range) + markdown.links.map(\.destinationRange)).sorted { $0.lowerBound < $1.lowerBound }
            var last: [String: Int] = [:]
            for (index, definition) in abbreviations.enumerated() { last[definition.abbreviation] = index }
            for index in last.values.sorted() {
                let (range, abbreviation, written) = abbreviations[index]
                let line = String(decoding: text.bytes[written], as: UTF8.self)
                if !body.contains(range.lowerBound) && Self.usesWord(abbreviation, text, in: [body], skipping: prose) {
                    carriedLines.append(line)
                    if !Self.usesWord(abbreviation, text, in: [0..<body.lowerBound, body.upperBound..<text.count], skipping: prose),
                       let removed = removalFromPage(range, firstSegment: written) {
                        // Earlier definitions of the abbreviation, overridden, go with it.
                        for earlier in abbreviations[..<index] where earlier.abbreviation == abbreviation && !body.contains(earlier.range.lowerBound) {
                            if let also = removalFromPage(earlier.range, firstSegment: earlier.text) { pageRemovals.append(also) }
                        }
                        pageRemovals.append(removed)
                    }
                } else if body.contains(range.lowerBound)
                            && Self.usesWord(abbreviation, text, in: [0..<body.lowerBound, body.upperBound..<text.count], skipping: prose) {
                    keptLines.append(line)
                }
            }
        }
        var moved = rewritten(body, bodyEdits)
        while let last = moved.last, last == 0x0A || last == 0x0D || last == 0x20 || last == 0x09 { moved.removeLast() }
        // A blank line after a footnote, and before the abbreviations, so that no renderer reads the
        // next definition as the footnote's lazy continuation.
        var carried = ""
        for (index, line) in carriedLines.enumerated() {
            if index > 0 {
                let previous = carriedLines[index - 1]
                carried += previous.hasPrefix("[^") || (line.hasPrefix("*[") && !previous.hasPrefix("*[")) ? newline + newline : newline
            }
            carried += line
        }
        // The page's own convention for its title: a page whose YAML front matter holds the `title`
        // and whose text has no `#` heading (as Docusaurus sites write them) gives the new page its
        // title the same way (review: the new page had an H1 among siblings that have none).
        var movedText = String(decoding: moved, as: UTF8.self)
        let titled: String
        if let frontMatter = document.markdown.frontMatter, frontMatter.syntax == .yaml, frontMatter.entry("title") != nil,
           !headings.contains(where: { $0.level == 1 }) {
            while movedText.hasPrefix(newline) { movedText.removeFirst(newline.count) }
            titled = "---" + newline + "title: " + FrontMatter.yamlScalar(MarkdownText.plainText(heading.text)) + newline + "---" + newline + newline + movedText
        } else {
            titled = "# \(heading.text)" + movedText
        }
        let newText = titled + newline + (carriedLines.isEmpty ? "" : newline + carried + newline)

        // What stays: the heading and a link to the new page; links to the moved sub-headings follow them.
        let title = MarkdownText.plainText(heading.text)
        // The link's text keeps the heading's inline markup (`ownership-sync` stays code), unless the
        // heading holds a link or brackets, which a link's text cannot.
        let linkText = heading.text.contains(where: { $0 == "[" || $0 == "]" }) ? title : heading.text.trimmingSpaces()
        let rest = heading.sectionRange.upperBound < text.count
        var operations: [WorkspaceEditOperation] = [
            .edit(FileEdit(file: path, range: body, newText: newline + newline + "See [\(linkText)](\(LinkRelocation.percentEncoded(link))) in \(section.title)." + newline
                + (keptLines.isEmpty ? "" : newline + keptLines.joined(separator: newline) + newline) + (rest ? newline : ""))),
        ]
        // Removals that meet are one; one that ends the page takes the blank lines before it, so that
        // the page does not end in a blank line where its last definitions were.
        var merged: [FileEdit] = []
        for removal in pageRemovals.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
            if let last = merged.last, last.range.upperBound >= removal.range.lowerBound {
                merged[merged.count - 1].range = last.range.lowerBound..<max(last.range.upperBound, removal.range.upperBound)
            } else {
                merged.append(removal)
            }
        }
        if let last = merged.last, last.range.upperBound == text.count {
            var start = last.range.lowerBound
            while start >= 2 && text.bytes[start - 1] == 0x0A && (text.bytes[start - 2] == 0x0A || (text.bytes[start - 2] == 0x0D && start >= 3 && text.bytes[start - 3] == 0x0A)) {
                start -= text.bytes[start - 2] == 0x0D ? 2 : 1
            }
            // Not into the part, whose edit ends where it ends.
            merged[merged.count - 1].range = max(start, body.upperBound)..<last.range.upperBound
        }
        operations += merged.map { .edit($0) }
        for other in snapshot.sortedPaths {
            guard let source = snapshot.document(other) else { continue }
            for link in source.markdown.links where link.kind == .inline || link.kind == .definition {
                guard !(other == path && (body.contains(link.range.lowerBound) || pageRemovals.contains { $0.range.contains(link.range.lowerBound) })),
                      let hash = link.destination.firstIndex(of: "#"), movedAnchors.contains(String(link.destination[link.destination.index(after: hash)...])) else { continue }
                let reaches = hash == link.destination.startIndex ? other == path
                    : WorkspacePath.linkTarget(link.destination, from: other, isDocument: { snapshot.document($0) != nil }) == path
                guard reaches else { continue }
                let reference = LinkRelocation.percentEncoded(LinkRelocation.relativePath(from: other, to: target))
                operations.append(.edit(FileEdit(file: other, range: link.destinationRange, newText: reference + link.destination[hash...])))
            }
        }
        operations.append(.newFile(path: target, text: newText))
        return CodeActionProposal(title: "Move “\(title)” to a new page in \(section.title)", kind: "quickfix", fixes: [diagnostic],
                                  operations: operations, isPreferred: false)
    }

    /// The name of a new page from a heading: its plain text in lower case, every run of characters
    /// that are not letters or digits one hyphen, none at the ends, at most 80 bytes cut at a hyphen
    /// ("Running the `ownership-sync` job on K8s/Kubernetes & Helm 🚀" →
    /// `running-the-ownership-sync-job-on-k8s-kubernetes-helm`); "part" when nothing is left.
    static func fileStem(_ headingText: String) -> String {
        var stem = ""
        var pendingHyphen = false
        for character in MarkdownText.plainText(headingText).lowercased() {
            if character.isLetter || character.isNumber {
                if pendingHyphen && !stem.isEmpty { stem.append("-") }
                pendingHyphen = false
                stem.append(character)
            } else {
                pendingHyphen = true
            }
        }
        if stem.utf8.count > 80 {
            var cut = ""
            for word in stem.split(separator: "-") {
                let next = cut.isEmpty ? String(word) : cut + "-" + word
                if next.utf8.count > 80 { break }
                cut = next
            }
            if cut.isEmpty {
                // One word longer than that: its first characters that fit in 80 bytes.
                for character in stem {
                    if cut.utf8.count + character.utf8.count > 80 { break }
                    cut.append(character)
                }
            }
            stem = cut
        }
        return stem.isEmpty ? "part" : stem
    }

    /// Every `[…]` (without nested brackets) in `ranges` outside `skipped` (ranges sorted by their
    /// start), as labels: the full, collapsed and shortcut references and the footnote references
    /// (`^1`) a definition may serve. Brackets that are not references only make a definition travel
    /// that was not needed.
    static func bracketedLabels(_ text: SourceText, in ranges: [ByteRange], skipping skipped: [ByteRange]) -> Set<String> {
        var labels = Set<String>()
        let bytes = text.bytes
        for range in ranges {
            var index = range.lowerBound
            var open: Int?
            var hole = 0
            while index < range.upperBound {
                while hole < skipped.count && skipped[hole].upperBound <= index { hole += 1 }
                if hole < skipped.count && skipped[hole].contains(index) {
                    index = skipped[hole].upperBound
                    open = nil
                    continue
                }
                switch bytes[index] {
                case UInt8(ascii: "["): open = index + 1
                case UInt8(ascii: "]"):
                    if let start = open, start < index { labels.insert(MarkdownText.referenceLabel(bytes[start..<index])) }
                    open = nil
                case UInt8(ascii: "\\"): index += 1
                default: break
                }
                index += 1
            }
        }
        return labels
    }

    /// A definition (a footnote's or a link reference's), as the scanner records it
    /// (`LabelDefinition`): `range` from the start of its first line (container markers included) to
    /// the end of its last, before the line break; its label as CommonMark matches it (a footnote's
    /// with its caret, `^note`); `segments`, one per line, its text without the block-quote and list
    /// markers it sits in. A move copies the segments, joined by the page's line breaks, so a
    /// definition written in a quote arrives as a definition of the page.
    typealias Definition = (range: ByteRange, label: String, segments: [ByteRange])

    /// Link reference definitions (`[docs]: …`, labels as CommonMark matches them) and footnote
    /// definitions (`[^note]: text` and the indented lines that continue it, labels with their caret:
    /// `^note`) outside code, in document order, wherever they are written: at the top level, in a
    /// block quote (`> [^note]: text`) or in a list item (`- [^note]: text`, or on an item's own
    /// line). As GFM (cmark-gfm, micromark), markdown-it-footnote and Python-Markdown read them, such
    /// a definition serves the whole page (a footnote is rendered with the page's other footnotes, not
    /// in its quote), so a use anywhere calls it. (Pandoc reads no footnote inside another block.)
    static func labelledDefinitions(in document: WorkspaceDocument) -> [Definition] {
        document.markdown.definitions.compactMap { definition in
            let label = MarkdownText.referenceLabel(document.text.bytes[definition.labelRange])
            switch definition.kind {
            case .link: return (definition.range, label, definition.lines)
            case .footnote: return (definition.range, "^" + label, definition.lines)
            case .abbreviation: return nil
            }
        }
    }

    /// Abbreviation definitions (`*[ABBR]: expansion`) outside code, one per line, with their
    /// abbreviations (matched as written: `JWT` is not `jwt`), at the top level or in a block quote
    /// or list item: Python-Markdown reads them with a block processor, which reads a quote's and an
    /// item's blocks too, and they hold for the whole page. `range` is the line, container markers
    /// included, before the line break; `text` the definition without them.
    static func abbreviationDefinitions(in document: WorkspaceDocument) -> [(range: ByteRange, abbreviation: String, text: ByteRange)] {
        document.markdown.definitions.compactMap { definition in
            guard definition.kind == .abbreviation else { return nil }
            return (definition.range, document.text.string(in: definition.labelRange), definition.lines[0])
        }
    }

    /// Whether `word` occurs in `ranges` outside `skipped` (sorted by start) as a word: not run into
    /// letters, digits or `_` on a side where the word itself begins or ends with one.
    static func usesWord(_ word: String, _ text: SourceText, in ranges: [ByteRange], skipping skipped: [ByteRange]) -> Bool {
        let needle = Array(word.utf8)
        guard let head = needle.first, let tail = needle.last else { return false }
        let bytes = text.bytes
        func isWordByte(_ byte: UInt8) -> Bool { byte >= 0x80 || byte == UInt8(ascii: "_") || ByteClass.isASCIIAlphanumeric(byte) }
        for range in ranges {
            var index = range.lowerBound
            var hole = 0
            while index + needle.count <= range.upperBound {
                while hole < skipped.count && skipped[hole].upperBound <= index { hole += 1 }
                if hole < skipped.count && skipped[hole].lowerBound < index + needle.count && skipped[hole].upperBound > index {
                    index = max(index + 1, skipped[hole].upperBound)
                    continue
                }
                if bytes[index] == head && bytes[index..<index + needle.count].elementsEqual(needle)
                    && !(isWordByte(head) && index > 0 && isWordByte(bytes[index - 1]))
                    && !(isWordByte(tail) && index + needle.count < bytes.count && isWordByte(bytes[index + needle.count])) {
                    return true
                }
                index += 1
            }
        }
        return false
    }

    /// The page's path below its section's folder, or its name when it is in no section.
    /// The names (without extension) of a folder's landing page in Docusaurus, MkDocs and GitHub.
    static let landingPageNames: Set<String> = ["index", "readme", "_index"]

    static func subPath(of path: String, model: PlacementModel) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let index = model.sectionIndex(of: path) else { return name }
        let folder = model.sections.sections[index].path
        if folder.isEmpty { return path }
        return path.hasPrefix(folder + "/") ? String(path.dropFirst(folder.count + 1)) : name
    }

    /// The persona the action declares: for `persona-mismatch` the section's, for `misplaced-document`
    /// the section's (the author keeps the page where it is), for `unplaced-document` the suggested one.
    static func personaToDeclare(for diagnostic: Diagnostic, path: String, model: PlacementModel) -> Int? {
        switch diagnostic.code {
        case "persona-mismatch":
            guard let index = model.sections.sectionIndex(for: path) else { return nil }
            return model.sections.sections[index].personas.first
        case "misplaced-document":
            guard case .string(let id)? = diagnostic.data["placedPersona"] else { return nil }
            return model.catalog.index(of: id)
        case "unplaced-document":
            guard case .string(let id)? = diagnostic.data["suggestedPersona"] else { return nil }
            return model.catalog.index(of: id)
        default:
            return nil
        }
    }

    /// "Keep in Developer Portal › User Guides: declare End User in front matter" ("Declare End User in
    /// front matter" for a page in no section): replaces the value of an existing `persona:` (or
    /// `audience:`) entry, adds the key to existing front matter, or opens a front-matter block. Each
    /// in the block's syntax: in JSON, the value is a string in double quotes, and a new member goes
    /// first (`FrontMatter.line`).
    public static func declare(_ persona: Int, in document: WorkspaceDocument, section: Section?, catalog: PersonaCatalog, fixing diagnostic: Diagnostic) -> CodeActionProposal? {
        let id = catalog.personas[persona].id
        let text = document.text
        let newline = text.lineBreak(after: text.lineRange(0))
        let edit: FileEdit
        let frontMatter = document.markdown.frontMatter
        let syntax = frontMatter?.syntax ?? .yaml
        // In TOML and JSON the id is a string in double quotes; in YAML a plain scalar.
        let written = syntax == .yaml ? id : JSONEscape.quoted(id)
        // `audience:` that names no persona is free text ("Developers"), kept: a `persona:` key is added.
        let declaration = PlacementModel.declarationEntry(document.markdown).flatMap { entry -> FrontMatterEntry? in
            guard entry.key == "audience", let frontMatter else { return entry }
            return PlacementModel.declaredNames(frontMatter, key: "audience").contains { catalog.index(of: $0) != nil } ? entry : nil
        }
        if let entry = declaration {
            if let quoted = entry.quotedValueRange(in: text.bytes) {
                // A string, in whatever quotes (empty too), becomes the id: in TOML and JSON inside the
                // writer's quotes (an id needs no escapes), but for JSON's invalid single quotes; a
                // YAML value whole, as a plain scalar.
                guard entry.value.scalarText != id else { return nil }
                let isSingleQuoted = text.bytes[quoted.lowerBound] == UInt8(ascii: "'")
                edit = syntax == .yaml || syntax == .json && isSingleQuoted
                    ? FileEdit(file: document.path, range: quoted, newText: written)
                    : FileEdit(file: document.path, range: (quoted.lowerBound + 1)..<(quoted.upperBound - 1), newText: id)
            } else if entry.valueRange.isEmpty {
                // A missing value: JSON's range stands after the colon; YAML and TOML rewrite the key's line.
                edit = syntax == .json
                    ? FileEdit(file: document.path, range: entry.valueRange, newText: written)
                    : FileEdit(file: document.path, range: entry.keyRange.upperBound..<text.lineRange(text.line(of: entry.keyRange.lowerBound)).upperBound,
                               newText: syntax == .toml ? " = \(written)" : ": \(written)")
            } else if syntax == .yaml, text.line(of: entry.valueRange.lowerBound) > text.line(of: entry.keyRange.lowerBound) {
                // A value on the lines below the key (a block list, a folded scalar) becomes the id on
                // the key's line: `persona: end-user`.
                edit = FileEdit(file: document.path, range: entry.keyRange.upperBound..<entry.valueRange.upperBound, newText: ": \(written)")
            } else {
                // A plain scalar, or a value that is no string (an array, null), becomes the id.
                guard text.string(in: entry.valueRange) != id || syntax != .yaml else { return nil }
                edit = FileEdit(file: document.path, range: entry.valueRange, newText: written)
            }
        } else if let frontMatter {
            let point = frontMatter.insertionPoint ?? frontMatter.contentRange.upperBound
            edit = FileEdit(file: document.path, range: point..<point, newText: frontMatter.line("persona", id) + newline)
        } else {
            edit = FileEdit(file: document.path, range: 0..<0, newText: "---\(newline)persona: \(id)\(newline)---\(newline)\(newline)")
        }
        let title = catalog.personas[persona].title
        // In no section the declaration records the audience but places nothing: the title says so
        // (review: the info stayed after it, unexplained).
        return CodeActionProposal(title: (section.map { "Keep in \($0.title): declare " } ?? "Declare ") + "\(title) in front matter"
                                      + (section == nil ? " (the page stays in no section)" : ""), kind: "quickfix",
                                  fixes: [diagnostic], operations: [.edit(edit)], isPreferred: false)
    }
}
