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

    /// What the client takes in a diagnostic beyond its required fields, from its
    /// `publishDiagnostics` capabilities (or `diagnostic`'s, where LSP 3.18 puts the same flags for
    /// pulled ones): Emacs's Eglot declares neither related information nor rule links.
    struct Fields {
        var relatedInformation: Bool
        var codeDescription: Bool
        var data: Bool

        init(_ server: LanguageServer) {
            func supports(_ flag: String) -> Bool {
                server.clientSupports("textDocument", "publishDiagnostics", flag) || server.clientSupports("textDocument", "diagnostic", flag)
            }
            relatedInformation = supports("relatedInformation")
            codeDescription = supports("codeDescriptionSupport")
            data = supports("dataSupport")
        }
    }

    static func lsp(_ diagnostic: Diagnostic, text: SourceText, server: LanguageServer, workspace: ServerWorkspace) -> JSONValue {
        let fields = server.diagnosticFields
        var object = JSONObject()
        object["range"] = server.range(diagnostic.range, in: text)
        object["severity"] = JSONValue(severity(diagnostic.severity))
        object["code"] = .string(diagnostic.code)
        if fields.codeDescription, let description = RuleRegistry.description(of: diagnostic.code) {
            object["codeDescription"] = ["href": .string(description.documentationURL)]
        }
        object["source"] = "docent"
        object["message"] = .string(diagnostic.message)
        if fields.relatedInformation, !diagnostic.related.isEmpty {
            object["relatedInformation"] = .array(diagnostic.related.compactMap { related in
                guard let location = server.location(WorkspaceLocation(file: related.file, range: related.range), in: workspace) else { return nil }
                return ["location": location, "message": .string(related.message)]
            })
        }
        if fields.data, !diagnostic.data.isEmpty { object["data"] = LSPConversion.value(.object(diagnostic.data)) }
        return .object(object)
    }
}
