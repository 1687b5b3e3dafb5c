/// Moving documents the way a writer who keeps links working does: every link that reaches a document
/// before the move is rewritten to reach the same document from where its page then sits — links in
/// the moved pages, and links in other pages to them — and a moved page's relative links to other
/// files (images, examples) are rewritten from its new folder. Links rooted at `/` change only when
/// their document moves. Used by "Move to <section>" (so that
/// the move breaks no link) and by the placement benchmark (which moves pages between sections).
public enum LinkRelocation {
    /// The link edits that `moves` (old path → new path) needs, in byte offsets of each document's
    /// current text, keyed by its current path. A key may name a document, any other file (an image),
    /// or a folder, whose files all move with it. A link keeps its `#fragment` and `?query`, and the
    /// form it was written in: without `.md`, or as a folder for its `index.md`, when the new target
    /// allows it.
    public static func edits(_ snapshot: WorkspaceSnapshot, moves: [String: String]) -> [FileEdit] {
        let folders = moves.map { (old: $0.key + "/", new: $0.value + "/") }.sorted { $0.old.count > $1.old.count }
        func destination(_ path: String) -> String? {
            if let exact = moves[path] { return exact }
            guard let folder = folders.first(where: { path.hasPrefix($0.old) }) else { return nil }
            return folder.new + path.dropFirst(folder.old.count)
        }
        var result: [FileEdit] = []
        for path in snapshot.sortedPaths {
            guard let document = snapshot.document(path) else { continue }
            let newPath = destination(path) ?? path
            // Markdown links, images and definitions, and the `href` and `src` of the page's HTML.
            let links = document.markdown.links.filter { $0.kind == .inline || $0.kind == .definition || $0.kind == .image }.map { (destination: $0.destination, range: $0.destinationRange) }
                + HTMLLinks.attributes(in: document.text, document: document.markdown)
            for link in links.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
                let cut = link.destination.firstIndex(where: { $0 == "#" || $0 == "?" }) ?? link.destination.endIndex
                let suffix = String(link.destination[cut...])
                let written = String(link.destination[..<cut])
                guard !written.isEmpty, !WorkspacePath.hasScheme(written.utf8) else { continue }
                let isRooted = written.hasPrefix("/")
                // Where the link leads as written (percent-decoded), and the file that is.
                guard let resolved = WorkspacePath.resolved(WorkspacePath.percentDecoded(Array(written.utf8)), relativeTo: path) else { continue }
                let target = WorkspacePath.documentTarget(ofResolved: resolved, from: path, isDocument: { snapshot.document($0) != nil }) ?? resolved
                guard !target.isEmpty else { continue }
                let newTarget = destination(target) ?? target
                guard newTarget != target || (newPath != path && !isRooted) else { continue }
                var reference = isRooted ? "/" + newTarget : relativePath(from: newPath, to: newTarget)
                reference = writtenForm(reference, target: target, newTarget: newTarget, resolved: resolved, written: written)
                let replacement = reference + suffix
                guard replacement != link.destination else { continue }
                result.append(FileEdit(file: path, range: link.range, newText: replacement))
            }
        }
        return result
    }

    /// `reference` (to `newTarget`) in the form the writer used for `target`: without the `.md` or
    /// `.mdx` a site generator adds, as the folder of an `index.md`/`README.md` (with the trailing `/`
    /// when written so), a folder link with its trailing `/`, with `./` in front, and percent-encoded
    /// where it was — each only when the new target allows it.
    static func writtenForm(_ reference: String, target: String, newTarget: String, resolved: String, written: String) -> String {
        var result = reference
        let targetName = target.split(separator: "/").last.map(String.init) ?? target
        let newName = newTarget.split(separator: "/").last.map(String.init) ?? newTarget
        if target != resolved {
            if let ext = WorkspacePath.documentSuffixes.first(where: { target == resolved + $0 }), newTarget.hasSuffix(ext), result.hasSuffix(ext) {
                result.removeLast(ext.count)
            } else if target == (resolved.isEmpty ? "" : resolved + "/") + targetName, targetName == newName,
                      WorkspacePath.folderIndexNames.contains(targetName), result.hasSuffix(newName) {
                result.removeLast(newName.count)
                if result.hasSuffix("/") && !written.hasSuffix("/") { result.removeLast() }
                if result.isEmpty { result = "./" }
            }
        }
        if written.hasPrefix("./") && !result.hasPrefix(".") && !result.hasPrefix("/") { result = "./" + result }
        // A link written to a folder itself (`guides/`, no index page standing for it) stays a folder link.
        if target == resolved && written.hasSuffix("/") && !result.hasSuffix("/") { result += "/" }
        if written.contains("%") || result.contains(" ") { result = percentEncoded(result) }
        return result
    }

    /// Spaces and the characters that would end or break a link destination, percent-encoded.
    static func percentEncoded(_ path: String) -> String {
        var result = ""
        for scalar in path.unicodeScalars {
            switch scalar {
            case " ": result += "%20"
            case "(": result += "%28"
            case ")": result += "%29"
            case "<": result += "%3C"
            case ">": result += "%3E"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// The documents of `snapshot` after `moves`, each with its new path and its text with the link
    /// edits applied; only documents whose path or text changes are returned.
    public static func relocated(_ snapshot: WorkspaceSnapshot, moves: [String: String]) -> [(old: String, new: String, text: SourceText)] {
        var editsByFile: [String: [FileEdit]] = [:]
        for edit in edits(snapshot, moves: moves) { editsByFile[edit.file, default: []].append(edit) }
        var result: [(old: String, new: String, text: SourceText)] = []
        for path in snapshot.sortedPaths {
            guard let document = snapshot.document(path) else { continue }
            let newPath = moves[path] ?? path
            let fileEdits = editsByFile[path] ?? []
            guard newPath != path || !fileEdits.isEmpty else { continue }
            var bytes = document.text.bytes
            for edit in fileEdits.sorted(by: { $0.range.lowerBound > $1.range.lowerBound }) {
                bytes.replaceSubrange(edit.range, with: Array(edit.newText.utf8))
            }
            result.append((path, newPath, fileEdits.isEmpty ? document.text : SourceText(bytes: bytes)))
        }
        return result
    }

    /// The changes that apply `moves` to `snapshot` (see `relocated`).
    public static func changes(_ snapshot: WorkspaceSnapshot, moves: [String: String]) -> [WorkspaceChange] {
        relocated(snapshot, moves: moves).flatMap { item -> [WorkspaceChange] in
            item.old == item.new
                ? [.setDocument(path: item.new, text: item.text, version: nil)]
                : [.removeDocument(path: item.old), .setDocument(path: item.new, text: item.text, version: nil)]
        }
    }

    /// The relative link from the file `from` to the file `to` (`../guides/setup.md`), both
    /// workspace-relative paths.
    public static func relativePath(from: String, to: String) -> String {
        WorkspacePath.relativeComponents(fromFolder: from.split(separator: "/").dropLast().map(String.init),
                                         to: to.split(separator: "/").map(String.init), toFile: true).joined(separator: "/")
    }
}
