import DocentCore
import DocentIO
import Foundation

/// `initialized`: reads every workspace folder (reporting `$/progress` when the client supports
/// work-done progress), registers file watchers, and tells the user about unreadable files and
/// configuration problems.
enum InitializedNotification: NotificationHandler {
    static let method = "initialized"

    static func handle(_ params: JSONValue, _ server: LanguageServer) {
        server.loadWorkspaces(server.workspaces.filter(\.isOnDisk))
        registerWatchers(server)
    }

    static func registerWatchers(_ server: LanguageServer) {
        guard server.clientSupports("workspace", "didChangeWatchedFiles", "dynamicRegistration") else { return }
        let watchers: [JSONValue] = ["**/*.md", "**/*.mdx", "**/docent.json", "**/.docent.json"].map { ["globPattern": .string($0)] }
        server.request("client/registerCapability", ["registrations": [[
            "id": "docent-watched-files", "method": "workspace/didChangeWatchedFiles",
            "registerOptions": ["watchers": .array(watchers)],
        ]]])
    }
}

extension LanguageServer {
    /// Loads workspaces from disk with progress, lays open buffers over them, and reports problems.
    func loadWorkspaces(_ targets: [ServerWorkspace]) {
        guard !targets.isEmpty else { return }
        let token = JSONValue.string("docent-indexing-\(nextRequestID)")
        let reportsProgress = clientSupports("window", "workDoneProgress")
        if reportsProgress {
            request("window/workDoneProgress/create", ["token": token])
            notify("$/progress", ["token": token, "value": ["kind": "begin", "title": "Docent: indexing documentation", "cancellable": false, "percentage": 0]])
        }
        for workspace in targets {
            workspace.editorRules = pendingEditorRules
            workspace.loadFromDisk { done, total in
                guard reportsProgress, total > 0 else { return }
                notify("$/progress", ["token": token, "value": ["kind": "report", "message": .string("\(done)/\(total) files"), "percentage": JSONValue(done * 100 / total)]])
            }
            // Open buffers win over disk content.
            let overlays = openDocuments.values.filter { $0.workspace === workspace }
            var changes: [WorkspaceChange] = []
            for open in overlays {
                if let text = overlayTexts[open.path + "@" + workspace.root.path] { changes.append(.setDocument(path: open.path, text: text, version: open.version)) }
            }
            if !changes.isEmpty { workspace.apply(changes) }
            reportProblems(of: workspace)
        }
        if reportsProgress {
            let count = targets.reduce(0) { $0 + $1.snapshot.documents.count }
            notify("$/progress", ["token": token, "value": ["kind": "end", "message": .string("\(count) documents")]])
        }
        for workspace in targets { diagnosticsChanged(in: workspace, changedURI: nil, glossaryChanged: true) }
    }

    func reportProblems(of workspace: ServerWorkspace) {
        for problem in workspace.snapshot.configurationProblems {
            logMessage("\(problem.file):\(problem.line):\(problem.column): \(problem.message)", type: problem.isError ? 1 : 2)
        }
        for skipped in workspace.skipped {
            logMessage("Skipped \(skipped.path): \(skipped.reason)", type: 2)
        }
        for note in workspace.notes {
            logMessage("\(note.path): \(note.reason)", type: 2)
        }
        for file in workspace.snapshot.glossary.files where file.entries.isEmpty {
            logMessage("The glossary \(file.path) has no entries Docent can read (read as \(file.format.rawValue) layout)", type: 2)
        }
    }
}
