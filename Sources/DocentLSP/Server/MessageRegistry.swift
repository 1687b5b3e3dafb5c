import DocentIO

/// A request the server answers. One type per LSP message (swift-tools-protocols habit).
protocol RequestHandler: Sendable {
    static var method: String { get }
    static func handle(_ params: JSONValue, _ context: RequestContext) throws(ResponseError) -> JSONValue
}

/// A notification the server acts on.
protocol NotificationHandler: Sendable {
    static var method: String { get }
    static func handle(_ params: JSONValue, _ server: LanguageServer)
}

/// Every message the server handles, in one sorted list each.
enum MessageRegistry {
    static let requestTypes: [any RequestHandler.Type] = [
        CodeActionRequest.self,
        CodeActionResolveRequest.self,
        CompletionItemResolveRequest.self,
        CompletionRequest.self,
        DefinitionRequest.self,
        DocumentDiagnosticRequest.self,
        DocumentHighlightRequest.self,
        DocumentSymbolRequest.self,
        ExecuteCommandRequest.self,
        HoverRequest.self,
        InitializeRequest.self,
        PagePlacementRequest.self,
        PersonaReportRequest.self,
        PrepareRenameRequest.self,
        ReferencesRequest.self,
        RenameRequest.self,
        ShutdownRequest.self,
        WorkspaceDiagnosticRequest.self,
        WillRenameFilesRequest.self,
        WorkspaceSymbolRequest.self,
    ]

    static let notificationTypes: [any NotificationHandler.Type] = [
        DidChangeConfigurationNotification.self,
        DidChangeTextDocumentNotification.self,
        DidChangeWatchedFilesNotification.self,
        DidChangeWorkspaceFoldersNotification.self,
        DidCloseTextDocumentNotification.self,
        DidOpenTextDocumentNotification.self,
        DidRenameFilesNotification.self,
        DidSaveTextDocumentNotification.self,
        InitializedNotification.self,
        SetTraceNotification.self,
    ]

    static let requests: [String: any RequestHandler.Type] = Dictionary(uniqueKeysWithValues: requestTypes.map { ($0.method, $0) })
    static let notifications: [String: any NotificationHandler.Type] = Dictionary(uniqueKeysWithValues: notificationTypes.map { ($0.method, $0) })
}

extension JSONValue {
    /// A required string parameter, or InvalidParams.
    func requiredString(_ key: String) throws(ResponseError) -> String {
        guard let value = self[key]?.stringValue else { throw .invalidParams("Missing string parameter \"\(key)\"") }
        return value
    }

    /// `params.textDocument.uri`.
    func textDocumentURI() throws(ResponseError) -> String {
        guard let uri = self["textDocument"]?["uri"]?.stringValue else { throw .invalidParams("Missing textDocument.uri") }
        return uri
    }
}
