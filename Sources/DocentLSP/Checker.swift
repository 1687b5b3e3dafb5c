import DocentCore
import DocentIO

/// Runs every rule over a set of documents, on all cores. Shared by `docent check` and the server's
/// workspace diagnostics.
public enum Checker {
    public static func check(paths: [String], in snapshot: WorkspaceSnapshot) -> [Diagnostic] {
        let cache = AnalysisCache()
        let results = ParallelMap.map(paths) { path in RuleRegistry.diagnostics(for: path, in: snapshot, cache: cache) }
        return results.flatMap { $0 }
    }
}

/// Output formats of `docent check`.
public enum CheckReport {
    /// `file:line:col: severity[code] message`, grouped by file, with a summary line.
    public static func text(_ diagnostics: [Diagnostic], snapshot: WorkspaceSnapshot, fileCount: Int, color: Bool) -> String {
        var output = ""
        var counts: [Severity: Int] = [:]
        var files = Set<String>()
        for diagnostic in diagnostics {
            counts[diagnostic.severity, default: 0] += 1
            files.insert(diagnostic.file)
            let position = snapshot.document(diagnostic.file)?.text.position(of: diagnostic.range.lowerBound, encoding: .utf16) ?? Position(line: 0, character: 0)
            let severity = diagnostic.severity.rawValue
            let label = color ? "\(ANSI.color(for: diagnostic.severity))\(severity)\(ANSI.reset)" : severity
            let place = color ? "\(ANSI.bold)\(diagnostic.file):\(position.line + 1):\(position.character + 1)\(ANSI.reset)" : "\(diagnostic.file):\(position.line + 1):\(position.character + 1)"
            output += "\(place): \(label)[\(diagnostic.code)] \(diagnostic.message)\n"
        }
        func plural(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }
        output += "\(plural(counts[.error] ?? 0, "error")), \(plural(counts[.warning] ?? 0, "warning")), \(plural((counts[.information] ?? 0) + (counts[.hint] ?? 0), "info")) in \(plural(files.count, "file")) (\(fileCount) checked)\n"
        return output
    }

    /// The JSON array documented in the README: file, range (0-based lines, UTF-16 characters),
    /// severity, code, message, data.
    public static func json(_ diagnostics: [Diagnostic], snapshot: WorkspaceSnapshot) -> String {
        let items: [JSONValue] = diagnostics.map { diagnostic in
            var object = JSONObject()
            object["file"] = .string(diagnostic.file)
            if let text = snapshot.document(diagnostic.file)?.text {
                let range = text.positionRange(of: diagnostic.range, encoding: .utf16)
                object["range"] = LSPConversion.range(range)
            }
            object["severity"] = .string(diagnostic.severity.rawValue)
            object["code"] = .string(diagnostic.code)
            object["message"] = .string(diagnostic.message)
            object["data"] = LSPConversion.value(.object(diagnostic.data))
            return .object(object)
        }
        return JSONSerializer.string(.array(items), pretty: true)
    }
}

enum ANSI {
    static let reset = "\u{1B}[0m"
    static let bold = "\u{1B}[1m"
    static func color(for severity: Severity) -> String {
        switch severity {
        case .error: return "\u{1B}[31m"
        case .warning: return "\u{1B}[33m"
        case .information: return "\u{1B}[36m"
        case .hint: return "\u{1B}[2m"
        }
    }
}
