/// Pure operations on workspace-relative, `/`-separated paths.
public enum WorkspacePath {
    /// Resolves `reference` (a relative link such as `../auth/glossary.md`) against the file `base`.
    /// Returns nil when the result would leave the workspace root.
    public static func resolve(_ reference: String, relativeTo base: String) -> String? {
        resolved(Array(reference.utf8), relativeTo: base)
    }

    /// `resolve` on bytes: the folder of `base` (the root for a `/`-rooted reference), then each
    /// component of `reference`, `.` skipped and `..` going up.
    static func resolved(_ reference: [UInt8], relativeTo base: String) -> String? {
        let slash = UInt8(ascii: "/")
        var path: [UInt8] = []
        if reference.first != slash {
            let baseBytes = Array(base.utf8)
            if let last = baseBytes.lastIndex(of: slash) { path = Array(baseBytes[..<last]) }
        }
        path.reserveCapacity(path.count + reference.count + 1)
        for component in reference.split(separator: slash, omittingEmptySubsequences: true) {
            if component.elementsEqual([UInt8(ascii: ".")]) { continue }
            if component.elementsEqual([UInt8(ascii: "."), UInt8(ascii: ".")]) {
                guard !path.isEmpty else { return nil }
                if let last = path.lastIndex(of: slash) { path.removeSubrange(last...) } else { path.removeAll() }
                continue
            }
            if !path.isEmpty { path.append(slash) }
            path.append(contentsOf: component)
        }
        return String(decoding: path, as: UTF8.self)
    }

    /// The workspace document a Markdown link destination points at, as a site generator resolves it:
    /// relative to `base`, without its `#fragment` or `?query`, percent-decoded, and tried as written,
    /// then with `.md` / `.mdx`, then as a folder's `index.md`, `index.mdx` or `README.md`. Nil for
    /// URLs with a scheme (`https:`, `mailto:`), same-page anchors, and links to no document.
    public static func linkTarget(_ destination: String, from base: String, isDocument: (String) -> Bool) -> String? {
        // Most links are URLs: turned away before anything is allocated.
        guard let first = destination.utf8.first, first != UInt8(ascii: "#"), !hasScheme(destination.utf8) else { return nil }
        var bytes = Array(destination.utf8)
        if let cut = bytes.firstIndex(where: { $0 == UInt8(ascii: "#") || $0 == UInt8(ascii: "?") }) { bytes.removeSubrange(cut...) }
        guard !bytes.isEmpty, !hasScheme(bytes) else { return nil }
        if bytes.contains(UInt8(ascii: "%")) { bytes = percentDecoded(bytes) }
        guard let trimmed = resolved(bytes, relativeTo: base) else { return nil }
        return documentTarget(ofResolved: trimmed, from: base, isDocument: isDocument)
    }

    /// The suffixes a site generator adds to a link written without one, in the order tried.
    public static let documentSuffixes = [".md", ".mdx"]
    /// The files a link to a folder opens, in the order tried.
    public static let folderIndexNames = ["index.md", "index.mdx", "README.md"]

    /// The document a link resolved to `path` (a workspace path, see `linkTarget`) opens from `base`:
    /// `path` itself, then with a `documentSuffixes` suffix, then a `folderIndexNames` file in it.
    public static func documentTarget(ofResolved path: String, from base: String, isDocument: (String) -> Bool) -> String? {
        func found(_ candidate: String) -> Bool { !candidate.isEmpty && candidate != base && isDocument(candidate) }
        if found(path) { return path }
        for suffix in documentSuffixes where found(path + suffix) { return path + suffix }
        let folder = path.isEmpty ? "" : path + "/"
        for name in folderIndexNames where found(folder + name) { return folder + name }
        return nil
    }

    /// `%20` → space; an invalid escape, or a result that is not UTF-8, leaves the text as written.
    static func percentDecoded(_ bytes: [UInt8]) -> [UInt8] {
        func hex(_ byte: UInt8) -> UInt8? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
            default: return nil
            }
        }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count, let high = hex(bytes[index + 1]), let low = hex(bytes[index + 2]) {
                result.append(high << 4 | low)
                index += 3
            } else {
                result.append(bytes[index])
                index += 1
            }
        }
        return String(validating: result, as: UTF8.self) == nil ? bytes : result
    }

    /// `scheme:` as in RFC 3986: a letter, then letters, digits, `+`, `-` or `.`, then a colon.
    static func hasScheme<Bytes: Collection<UInt8>>(_ reference: Bytes) -> Bool {
        guard let first = reference.first, ByteClass.isASCIILetter(first), let colon = reference.firstIndex(of: UInt8(ascii: ":")) else { return false }
        return reference[..<colon].allSatisfy { ByteClass.isASCIIAlphanumeric($0) || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
    }

    /// The components that lead from the folder `from` to `to`, both given as components from one
    /// root: `..` for each folder of `from` past the part they share, then the rest of `to`. With
    /// `toFile`, the last component of `to` is a file name and is never taken as shared.
    public static func relativeComponents(fromFolder from: [String], to: [String], toFile: Bool) -> [String] {
        let sharable = toFile ? to.count - 1 : to.count
        var shared = 0
        while shared < from.count, shared < sharable, from[shared] == to[shared] { shared += 1 }
        return Array(repeating: "..", count: from.count - shared) + to[shared...]
    }

    /// `path` without trailing slashes (a folder's URL may end in one).
    public static func trimmingTrailingSlashes(_ path: String) -> String {
        String(path.reversed().drop { $0 == "/" }.reversed())
    }

    /// Removes `.` and `..` components; nil when `..` climbs above the root.
    public static func normalize(_ path: String) -> String? {
        var result: [String] = []
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            if component == "." { continue }
            if component == ".." {
                guard !result.isEmpty else { return nil }
                result.removeLast()
                continue
            }
            result.append(String(component))
        }
        return result.joined(separator: "/")
    }
}
