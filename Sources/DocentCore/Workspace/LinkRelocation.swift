/// Moving documents the way a writer who keeps links working does: every link that reaches a document
/// before the move is rewritten to reach the same document from where its page then sits — links in
/// the moved pages, and links in other pages to them — and a moved page's relative links to other
/// files (images, examples) are rewritten from its new folder. Links rooted at `/` change only when
/// their document moves. Used by "Move to <section>" (so that
/// the move breaks no link) and by the placement benchmark (which moves pages between sections).
public enum LinkRelocation {
    /// The link edits that `moves` (old path → new path) needs, in byte offsets of each document's
    /// current text, keyed by its current path. A link keeps its `#fragment` and `?query`.
    public static func edits(_ snapshot: WorkspaceSnapshot, moves: [String: String]) -> [FileEdit] {
        var result: [FileEdit] = []
        for path in snapshot.sortedPaths {
            guard let document = snapshot.document(path) else { continue }
            let newPath = moves[path] ?? path
            for link in document.markdown.links where link.kind == .inline || link.kind == .definition || link.kind == .image {
                let cut = link.destination.firstIndex(where: { $0 == "#" || $0 == "?" }) ?? link.destination.endIndex
                let suffix = String(link.destination[cut...])
                let isRooted = link.destination.hasPrefix("/")
                let replacement: String
                if let target = WorkspacePath.linkTarget(link.destination, from: path, isDocument: { snapshot.document($0) != nil }) {
                    // A document: wherever it and the page now sit.
                    let newTarget = moves[target] ?? target
                    guard newTarget != target || (newPath != path && !isRooted) else { continue }
                    replacement = (isRooted ? "/" + newTarget : relativePath(from: newPath, to: newTarget)) + suffix
                } else {
                    // Any other file (an image, a YAML example): the same file from the page's new folder.
                    let written = String(link.destination[..<cut])
                    guard newPath != path, !isRooted, !written.isEmpty, !WorkspacePath.hasScheme(written.utf8),
                          let target = WorkspacePath.resolve(written, relativeTo: path), !target.isEmpty else { continue }
                    replacement = relativePath(from: newPath, to: target) + suffix
                }
                guard replacement != link.destination else { continue }
                result.append(FileEdit(file: path, range: link.destinationRange, newText: replacement))
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
