import DocentCore
import DocentIO
import Synchronization

/// Runs every rule over a set of documents, on all cores. Shared by `docent check` and the server's
/// workspace diagnostics.
public enum Checker {
    public static func check(paths: [String], in snapshot: WorkspaceSnapshot, progress: (@Sendable (Int) -> Void)? = nil) -> [Diagnostic] {
        let cache = AnalysisCache()
        let done = Atomic<Int>(0)
        let results = ParallelMap.map(paths, cost: { snapshot.document($0)?.text.count ?? 0 }) { path in
            let found = RuleRegistry.diagnostics(for: path, in: snapshot, cache: cache)
            let count = done.add(1, ordering: .relaxed).newValue
            progress?(count)
            return found
        }
        return results.flatMap { $0 }
    }
}

/// Output formats of `docent check`.
public enum CheckReport {
    /// `file:line:col: severity[code] message`, with a summary line that counts each severity
    /// (`1 error, 1 warning, 1 info, 1 hint in 2 files (3 checked)`). On a terminal (`grouped`, which
    /// is `color` unless given), grouped under a header per file, and colourised when `color`
    /// (`NO_COLOR` and `--no-color` change only that). Each file is named by `displayPath` of its workspace
    /// path (`docent check` gives its route from the current directory); columns count UTF-16 code units.
    /// `also` ends the summary with what the diagnostics leave out ("1 configuration warning").
    public static func text(_ diagnostics: [Diagnostic], snapshot: WorkspaceSnapshot, fileCount: Int, color: Bool, grouped: Bool? = nil,
                            also: [String] = [], displayPath: (String) -> String = { $0 }) -> String {
        let grouped = grouped ?? color
        func paint(_ code: String) -> String { color ? code : "" }
        var output = ""
        var counts: [Severity: Int] = [:]
        var files = Set<String>()
        var currentFile: String?
        for diagnostic in diagnostics {
            counts[diagnostic.severity, default: 0] += 1
            files.insert(diagnostic.file)
            let position = snapshot.document(diagnostic.file)?.text.position(of: diagnostic.range.lowerBound, encoding: .utf16) ?? Position(line: 0, character: 0)
            let severity = diagnostic.severity.rawValue
            if grouped {
                if currentFile != diagnostic.file {
                    output += (currentFile == nil ? "" : "\n") + "\(paint(ANSI.bold))\(displayPath(diagnostic.file))\(paint(ANSI.reset))\n"
                    currentFile = diagnostic.file
                }
                let place = "\(position.line + 1):\(position.character + 1)"
                output += "  \(paint(ANSI.dim))\(place)\(paint(ANSI.reset))\(String(repeating: " ", count: max(1, 9 - place.count)))"
                    + "\(paint(ANSI.color(for: diagnostic.severity)))\(severity)\(paint(ANSI.reset))[\(diagnostic.code)] \(diagnostic.message)\n"
            } else {
                output += "\(displayPath(diagnostic.file)):\(position.line + 1):\(position.character + 1): \(severity)[\(diagnostic.code)] \(diagnostic.message)\n"
            }
        }
        if grouped && !diagnostics.isEmpty { output += "\n" }
        func plural(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }
        output += "\(plural(counts[.error] ?? 0, "error")), \(plural(counts[.warning] ?? 0, "warning")), \(plural(counts[.information] ?? 0, "info")), \(plural(counts[.hint] ?? 0, "hint")) in \(plural(files.count, "file")) (\(fileCount) checked)"
        if let last = also.last {
            output += ", plus " + (also.count == 1 ? last : also.dropLast().joined(separator: ", ") + " and " + last)
        }
        output += "\n"
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
            // Where the evidence is (a placement finding's signals): as in LSP's relatedInformation.
            if !diagnostic.related.isEmpty {
                object["related"] = .array(diagnostic.related.map { related in
                    var item = JSONObject()
                    item["file"] = .string(related.file)
                    if let text = snapshot.document(related.file)?.text {
                        item["range"] = LSPConversion.range(text.positionRange(of: related.range, encoding: .utf16))
                    }
                    item["message"] = .string(related.message)
                    return .object(item)
                })
            }
            return .object(object)
        }
        return JSONSerializer.string(.array(items), pretty: true)
    }
}

enum ANSI {
    static let reset = "\u{1B}[0m"
    static let bold = "\u{1B}[1m"
    static let dim = "\u{1B}[2m"
    static func color(for severity: Severity) -> String {
        switch severity {
        case .error: return "\u{1B}[31m"
        case .warning: return "\u{1B}[33m"
        case .information: return "\u{1B}[36m"
        case .hint: return "\u{1B}[2m"
        }
    }
}
