import DocentCore
import DocentIO

/// Core diagnostics to LSP `Diagnostic` objects.
enum DiagnosticConversion {
    static func severity(_ severity: Severity) -> Int {
        switch severity {
        case .error: return 1
        case .warning: return 2
        case .information: return 3
        case .hint: return 4
        }
    }

    static func lsp(_ diagnostic: Diagnostic, text: SourceText, server: LanguageServer, workspace: ServerWorkspace) -> JSONValue {
        var object = JSONObject()
        object["range"] = server.range(diagnostic.range, in: text)
        object["severity"] = JSONValue(severity(diagnostic.severity))
        object["code"] = .string(diagnostic.code)
        if let description = RuleRegistry.description(of: diagnostic.code) {
            object["codeDescription"] = ["href": .string(description.documentationURL)]
        }
        object["source"] = "docent"
        object["message"] = .string(diagnostic.message)
        if !diagnostic.related.isEmpty {
            object["relatedInformation"] = .array(diagnostic.related.compactMap { related in
                guard let location = server.location(WorkspaceLocation(file: related.file, range: related.range), in: workspace) else { return nil }
                return ["location": location, "message": .string(related.message)]
            })
        }
        if !diagnostic.data.isEmpty { object["data"] = LSPConversion.value(.object(diagnostic.data)) }
        return .object(object)
    }
}
