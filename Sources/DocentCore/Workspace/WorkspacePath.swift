/// Pure operations on workspace-relative, `/`-separated paths.
public enum WorkspacePath {
    /// Resolves `reference` (a relative link such as `../auth/glossary.md`) against the file `base`.
    /// Returns nil when the result would leave the workspace root.
    public static func resolve(_ reference: String, relativeTo base: String) -> String? {
        if reference.hasPrefix("/") { return normalize(String(reference.dropFirst())) }
        var components = base.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        components.removeLast()
        return normalize((components + [reference]).joined(separator: "/"))
    }

    /// The workspace document a Markdown link destination points at, as a site generator resolves it:
    /// relative to `base`, without its `#fragment` or `?query`, percent-decoded, and tried as written,
    /// then with `.md` / `.mdx`, then as a folder's `index.md`, `index.mdx` or `README.md`. Nil for
    /// URLs with a scheme (`https:`, `mailto:`), same-page anchors, and links to no document.
    public static func linkTarget(_ destination: String, from base: String, isDocument: (String) -> Bool) -> String? {
        var reference = Substring(destination)
        if let cut = reference.firstIndex(where: { $0 == "#" || $0 == "?" }) { reference = reference[..<cut] }
        guard !reference.isEmpty, !hasScheme(reference) else { return nil }
        let decoded = percentDecoded(reference)
        guard let resolved = resolve(decoded, relativeTo: base) else { return nil }
        let trimmed = resolved.hasSuffix("/") ? String(resolved.dropLast()) : resolved
        func found(_ candidate: String) -> Bool { !candidate.isEmpty && candidate != base && isDocument(candidate) }
        if found(trimmed) { return trimmed }
        for suffix in [".md", ".mdx"] where found(trimmed + suffix) { return trimmed + suffix }
        let folder = trimmed.isEmpty ? "" : trimmed + "/"
        for name in ["index.md", "index.mdx", "README.md"] where found(folder + name) { return folder + name }
        return nil
    }

    /// `%20` → space; an invalid escape or a result that is not UTF-8 leaves the text as written.
    static func percentDecoded(_ text: Substring) -> String {
        guard text.contains("%") else { return String(text) }
        let bytes = Array(text.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        func hex(_ byte: UInt8) -> UInt8? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
            default: return nil
            }
        }
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count, let high = hex(bytes[index + 1]), let low = hex(bytes[index + 2]) {
                result.append(high << 4 | low)
                index += 3
            } else {
                result.append(bytes[index])
                index += 1
            }
        }
        return String(validating: result, as: UTF8.self) ?? String(text)
    }

    /// `scheme:` as in RFC 3986: a letter, then letters, digits, `+`, `-` or `.`, then a colon.
    static func hasScheme(_ reference: Substring) -> Bool {
        guard let colon = reference.firstIndex(of: ":"), let first = reference.first, first.isASCII, first.isLetter else { return false }
        return reference[..<colon].allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") }
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
