import DocentCore
import DocentIO
import Foundation

extension CheckReport {
    /// SARIF 2.1.0, as GitHub code scanning accepts it: one run, the rules in the driver, results
    /// with 1-based lines and UTF-16 columns. Each result's `uri` is `rootPrefix` + its workspace path,
    /// relative to `%SRCROOT%`: the folder `docent check` ran in, which `originalUriBaseIds` gives
    /// when `sourceRoot` is known (a consumer may map it to its own checkout instead).
    public static func sarif(_ diagnostics: [Diagnostic], snapshot: WorkspaceSnapshot, rootPrefix: String, sourceRoot: URL? = nil, version: String) -> String {
        // The rules, and `configuration` for problems of docent.json (which `check` reports with them),
        // so that every result's ruleId names a rule of the driver.
        let descriptions = RuleRegistry.descriptions + [RuleDescription(code: "configuration", summary: "A problem in docent.json: JSON syntax, an unknown key or value, a path that leaves the workspace or matches no file", defaultSeverity: .warning)]
        let rules: [JSONValue] = descriptions.map { rule in
            ["id": .string(rule.code), "name": .string(pascalCase(rule.code)),
             "shortDescription": ["text": .string(rule.summary)], "fullDescription": ["text": .string(rule.summary)],
             "helpUri": .string(rule.code == "configuration" ? "https://github.com/docent-lsp/docent#configuration-docentjson" : rule.documentationURL),
             "defaultConfiguration": ["level": .string(level(rule.defaultSeverity))]]
        }
        let results: [JSONValue] = diagnostics.map { diagnostic in
            func region(_ file: String, _ byteRange: ByteRange) -> JSONObject {
                var region = JSONObject()
                if let text = snapshot.document(file)?.text {
                    let range = text.positionRange(of: byteRange, encoding: .utf16)
                    region["startLine"] = JSONValue(range.start.line + 1)
                    region["startColumn"] = JSONValue(range.start.character + 1)
                    region["endLine"] = JSONValue(range.end.line + 1)
                    region["endColumn"] = JSONValue(range.end.character + 1)
                }
                return region
            }
            var result: JSONObject = [
                "ruleId": .string(diagnostic.code),
                "level": .string(level(diagnostic.severity)),
                "message": ["text": .string(diagnostic.message)],
                "locations": [["physicalLocation": [
                    "artifactLocation": ["uri": .string(uriReference(rootPrefix + diagnostic.file)), "uriBaseId": "%SRCROOT%"],
                    "region": .object(region(diagnostic.file, diagnostic.range)),
                ]]],
            ]
            // The evidence (a placement finding's signals), as SARIF related locations.
            if !diagnostic.related.isEmpty {
                result["relatedLocations"] = .array(diagnostic.related.enumerated().map { index, related in
                    ["id": JSONValue(index + 1),
                     "physicalLocation": ["artifactLocation": ["uri": .string(uriReference(rootPrefix + related.file)), "uriBaseId": "%SRCROOT%"],
                                          "region": .object(region(related.file, related.range))],
                     "message": ["text": .string(related.message)]]
                })
            }
            if let index = descriptions.firstIndex(where: { $0.code == diagnostic.code }) { result["ruleIndex"] = JSONValue(index) }
            if !diagnostic.data.isEmpty { result["properties"] = LSPConversion.value(.object(diagnostic.data)) }
            return .object(result)
        }
        var run: JSONObject = [
            "tool": ["driver": ["name": "docent", "version": .string(version), "informationUri": "https://github.com/docent-lsp/docent", "rules": .array(rules)]],
            "columnKind": "utf16CodeUnits",
            "results": .array(results),
        ]
        if let sourceRoot {
            // An absolute URI ending in a slash (SARIF 2.1.0, 3.14.14).
            var uri = sourceRoot.standardizedFileURL.absoluteString
            if !uri.hasSuffix("/") { uri += "/" }
            run["originalUriBaseIds"] = ["%SRCROOT%": ["uri": .string(uri)]]
        }
        let log: JSONValue = [
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [.object(run)],
        ]
        return JSONSerializer.string(log, pretty: true)
    }

    /// GitHub Actions workflow commands: `::warning file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`.
    public static func github(_ diagnostics: [Diagnostic], snapshot: WorkspaceSnapshot, rootPrefix: String) -> String {
        var output = ""
        for diagnostic in diagnostics {
            let command: String
            switch diagnostic.severity {
            case .error: command = "error"
            case .warning: command = "warning"
            case .information, .hint: command = "notice"
            }
            var properties = "file=\(escapeProperty(rootPrefix + diagnostic.file))"
            if let text = snapshot.document(diagnostic.file)?.text {
                let range = text.positionRange(of: diagnostic.range, encoding: .utf16)
                properties += ",line=\(range.start.line + 1),col=\(range.start.character + 1),endLine=\(range.end.line + 1),endColumn=\(range.end.character + 1)"
            }
            properties += ",title=\(escapeProperty("docent \(diagnostic.code)"))"
            output += "::\(command) \(properties)::\(escapeData(diagnostic.message))\n"
        }
        return output
    }

    /// A relative path as a URI reference (SARIF's `uri`): spaces and non-ASCII percent-encoded.
    static func uriReference(_ path: String) -> String {
        path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .information, .hint: return "note"
        }
    }

    static func pascalCase(_ code: String) -> String {
        code.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    static func escapeData(_ text: String) -> String {
        text.replacingOccurrencesOf("%", "%25").replacingOccurrencesOf("\r", "%0D").replacingOccurrencesOf("\n", "%0A")
    }

    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrencesOf(":", "%3A").replacingOccurrencesOf(",", "%2C")
    }
}
