import DocentCore
import DocentIO
import Foundation

/// `initialize`: negotiates the position encoding, records capabilities and workspace folders.
enum InitializeRequest: RequestHandler {
    static let method = "initialize"

    static func handle(_ params: JSONValue, _ context: RequestContext) throws(ResponseError) -> JSONValue {
        guard params.objectValue != nil else { throw .invalidParams("initialize needs an object of parameters") }
        let server = context.server
        server.clientCapabilities = params["capabilities"] ?? .object(JSONObject())
        // UTF-8 when the client offers it (cheapest for us), else UTF-16, the protocol's default.
        let offered = (server.clientCapability("general", "positionEncodings")?.arrayValue ?? []).compactMap(\.stringValue)
        server.encoding = offered.contains("utf-8") ? .utf8 : .utf16
        server.trace = params["trace"]?.stringValue ?? "off"
        // The server exits when the client process is gone (null: not started by a process).
        if let pid = params["processId"]?.intValue, pid > 0, pid <= Int(Int32.max) { server.watchParentProcess(Int32(pid)) }
        var roots: [URL] = []
        if let folders = params["workspaceFolders"]?.arrayValue {
            roots = folders.compactMap { $0["uri"]?.stringValue.flatMap(URL.init(string:)) }.filter(\.isFileURL)
        }
        if roots.isEmpty, let rootURI = params["rootUri"]?.stringValue, let url = URL(string: rootURI), url.isFileURL { roots = [url] }
        if roots.isEmpty, let rootPath = params["rootPath"]?.stringValue { roots = [URL(fileURLWithPath: rootPath)] }
        server.initialRootURLs = roots
        server.workspaces = roots.map { ServerWorkspace(root: $0, isOnDisk: true) }
        if let options = params["initializationOptions"] { Settings.apply(options, to: server) }
        server.phase = .running

        var capabilities = JSONObject()
        capabilities["positionEncoding"] = .string(server.encoding.rawValue)
        capabilities["textDocumentSync"] = ["openClose": true, "change": 2, "save": ["includeText": false]]
        capabilities["hoverProvider"] = true
        capabilities["completionProvider"] = [
            "triggerCharacters": [" "],
            "resolveProvider": true,
            "completionItem": ["labelDetailsSupport": true],
        ]
        capabilities["definitionProvider"] = true
        capabilities["referencesProvider"] = true
        capabilities["documentHighlightProvider"] = true
        capabilities["documentSymbolProvider"] = true
        capabilities["codeActionProvider"] = ["codeActionKinds": ["quickfix", "refactor", .string(CodeActionRequest.fixAllKind)], "resolveProvider": true]
        capabilities["executeCommandProvider"] = ["commands": [.string(ApplyCodeActionCommand.name)]]
        capabilities["renameProvider"] = ["prepareProvider": true]
        capabilities["workspaceSymbolProvider"] = true
        if server.clientPullsDiagnostics {
            capabilities["diagnosticProvider"] = ["identifier": "docent", "interFileDependencies": true, "workspaceDiagnostics": true]
        }
        // Renaming or moving files and folders in the editor: links are kept working (willRename) and
        // the model follows at once (didRename). Any file can be a link's target, so every file counts.
        let fileOperation: JSONValue = ["filters": [
            ["scheme": "file", "pattern": ["glob": "**/*", "matches": "file"]],
            ["scheme": "file", "pattern": ["glob": "**/*", "matches": "folder"]],
        ]]
        capabilities["workspace"] = [
            "workspaceFolders": ["supported": true, "changeNotifications": true],
            "fileOperations": ["willRename": fileOperation, "didRename": fileOperation],
        ]
        return ["capabilities": .object(capabilities), "serverInfo": ["name": "docent", "version": "0.1.0"]]
    }
}

/// `shutdown`: the server stops answering anything but `exit`.
enum ShutdownRequest: RequestHandler {
    static let method = "shutdown"

    static func handle(_ params: JSONValue, _ context: RequestContext) throws(ResponseError) -> JSONValue {
        context.server.markShutDown()
        return .null
    }
}

/// Editor settings: `{"docent": {"rules": {"term-casing": "off"}}}` or the inner object itself. Settings
/// without `rules` (`{"docent": {}}`, null) have none: a rule the editor set before is back to what
/// `docent.json` and the defaults say.
enum Settings {
    static func apply(_ settings: JSONValue, to server: LanguageServer) {
        let root = settings["docent"] ?? settings
        var rules = JSONObject()
        if let given = root["rules"], !given.isNull {
            if let object = given.objectValue {
                rules = object
            } else {
                server.logMessage("Editor setting docent.rules: expected an object of rule severities, got \(JSONSerializer.string(given)); ignored", type: 2)
            }
        }
        var parsed: [String: RuleSetting] = [:]
        let codes = Set(RuleRegistry.descriptions.map(\.code))
        for (code, value) in rules.entries {
            if let word = value.stringValue, let setting = RuleSetting(word) {
                parsed[code] = setting
                if !codes.contains(code) { server.logMessage("Editor setting docent.rules: unknown rule “\(code)”; see `docent rules`", type: 2) }
            } else {
                // Said, not silently ignored.
                server.logMessage("Editor setting docent.rules.\(code): unknown severity \(JSONSerializer.string(value)) (expected \"error\", \"warning\", \"information\", \"hint\" or \"off\"); ignored", type: 2)
            }
        }
        for workspace in server.workspaces { workspace.editorRules = parsed }
        server.pendingEditorRules = parsed
    }
}
