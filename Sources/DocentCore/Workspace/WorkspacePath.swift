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
