import DocentCore
import DocentIO
import Foundation
import Synchronization

/// The Docent language server. Messages are decoded on the reader's thread and handled one at a time,
/// in arrival order, on a serial queue, so document edits and the requests after them are ordered
/// (sourcekit-lsp's dependency tracking, simplified to full ordering). `$/cancelRequest` overtakes the
/// queue: it marks the id, and the request answers RequestCancelled when its turn comes or at its next
/// cancellation check. Messages waiting on the queue are bounded by `MessageBacklog`.
public final class LanguageServer: @unchecked Sendable {
    enum Phase { case uninitialized, running, shutDown }

    /// The default budget of received-but-unhandled message bytes (see `MessageBacklog`).
    public static let defaultMaximumBacklogBytes = 32 * 1024 * 1024

    let sink: any MessageSink
    let queue = DispatchQueue(label: "docent.server")
    let backlog: MessageBacklog
    /// Ids of requests received and not yet answered, and those of them the client cancelled. Only a
    /// waiting request can be cancelled, so cancellations of finished or unknown ids are not kept.
    private let requestsInFlight = Mutex<(waiting: Set<RequestID>, cancelled: Set<RequestID>)>(([], []))
    private let exitState = Mutex<Int32?>(nil)
    private let shutdownState = Mutex<Bool>(false)
    /// Requests to the client whose answer is wanted as soon as it is read, not when the queue gets
    /// to it (`window/workDoneProgress/create`, answered while the queue is busy indexing).
    private let answerWatchers = Mutex<[RequestID: @Sendable (_ accepted: Bool) -> Void]>([:])

    // State below is touched only on `queue`.
    var phase = Phase.uninitialized
    /// Whether `initialized` was handled (it is handled once).
    var initializedReceived = false
    var encoding = PositionEncoding.utf16
    var clientCapabilities: JSONValue = .object(JSONObject())
    var workspaces: [ServerWorkspace] = []
    /// Open documents by the URI the client uses.
    var openDocuments: [String: (workspace: ServerWorkspace, path: String, version: Int)] = [:]
    var trace = "off"
    var nextRequestID = 1
    var pendingRequests: [RequestID: (JSONValue?) -> Void] = [:]
    /// The last diagnostics pushed per URI, so unchanged ones are not sent again.
    var publishedDiagnostics: [String: Int] = [:]
    var initialRootURLs: [URL] = []
    /// Rule settings from the editor, for workspaces created later.
    var pendingEditorRules: [String: RuleSetting] = [:]
    /// The text of each open buffer (keyed by path@root), laid over disk content when a workspace reloads.
    var overlayTexts: [String: SourceText] = [:]
    /// The file watchers registered with the client and the registration's id (`updateWatchers`),
    /// and how many registrations were made.
    var registeredWatchers: (id: String, watchers: [JSONValue])?
    var watcherRegistrations = 0
    /// Configuration errors already shown with `window/showMessage` (file and message).
    var shownConfigurationErrors: Set<String> = []
    /// Placement diagnostics of each open document (by URI), before suppression comments apply (those
    /// are read from the current text at each report). Placement reads every page of the workspace, so
    /// it is recomputed when typing pauses (`placementDelay`), not per keystroke; meanwhile these are
    /// carried through the edits, so they stay where the writer sees them.
    var placementDiagnostics: [String: [Diagnostic]] = [:]
    /// Open documents whose placement diagnostics are due to be recomputed.
    var placementStale: Set<String> = []
    /// Documents whose diagnostics were cut to `maximumReportedDiagnostics`, said once each in the log.
    var cappedReports: Set<String> = []
    /// Identifies the latest scheduled recomputation; an earlier one that fires finds it moved on.
    var placementRefreshToken = 0
    /// Seconds of quiet after a change before placement is recomputed; 0 recomputes at once.
    let placementDelay: Double
    /// Whether pulled diagnostics went stale while the current message was handled: one
    /// `workspace/diagnostic/refresh` goes out when it is done (`flushDiagnosticRefresh`), however
    /// many changes it made (a keystroke in docent.json re-reads the configuration, republishes the
    /// workspace and recomputes placement).
    var diagnosticRefreshWanted = false

    public static let defaultPlacementDelay = 0.3

    /// Seconds between checks that the client process named in `initialize` (`processId`) is alive.
    let parentCheckInterval: Double
    /// Called once when that process is gone; by default the server exits, as the specification
    /// asks (with 0 after `shutdown`, else 1). Runs on a background queue.
    let parentGone: @Sendable (_ exitCode: Int32) -> Void
    /// The timer of `watchParentProcess` (set on the queue, during `initialize`).
    private var parentWatch: DispatchSourceTimer?
    private let parentGoneReported = Mutex<Bool>(false)

    public static let defaultParentCheckInterval = 3.0

    /// Seconds between looks at the disk for a client that registers no file watchers (see
    /// `DiskPolling.swift`); 0 never looks.
    let diskPollInterval: Double
    /// What the last look saw: each workspace file's size and modification time.
    var diskStamps: [String: DiskStamp] = [:]
    /// The timer of `startDiskPolling`.
    var diskPoll: DispatchSourceTimer?
    /// What a diagnostic carries for this client, read from its capabilities once (they are set by
    /// `initialize`, before any diagnostic is made), not for every diagnostic.
    lazy var diagnosticFields = DiagnosticConversion.Fields(self)
    /// Whether the client said yes to the last file-watcher registration: until it does (it may
    /// refuse, or never answer), the server looks at the disk itself.
    var watchersInEffect = false

    public static let defaultDiskPollInterval = 2.0

    public init(sink: any MessageSink, maximumBacklogBytes: Int = LanguageServer.defaultMaximumBacklogBytes,
                placementDelay: Double = LanguageServer.defaultPlacementDelay,
                parentCheckInterval: Double = LanguageServer.defaultParentCheckInterval,
                diskPollInterval: Double = LanguageServer.defaultDiskPollInterval,
                parentGone: @escaping @Sendable (_ exitCode: Int32) -> Void = { code in exit(code) }) {
        self.sink = sink
        self.backlog = MessageBacklog(limit: maximumBacklogBytes)
        self.placementDelay = placementDelay
        self.parentCheckInterval = parentCheckInterval
        self.diskPollInterval = diskPollInterval
        self.parentGone = parentGone
    }

    deinit {
        parentWatch?.cancel()
        diskPoll?.cancel()
    }

    /// Checks every `parentCheckInterval` seconds, off the server's queue, that process `pid` still
    /// exists (`kill(pid, 0)`; a process we may not signal exists too), and calls `parentGone` when not.
    func watchParentProcess(_ pid: Int32) {
        guard pid > 0 else { return }
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue.global(qos: .utility))
        timer.schedule(deadline: .now() + parentCheckInterval, repeating: parentCheckInterval, leeway: .milliseconds(100))
        let gone = parentGone
        timer.setEventHandler { [weak self] in
            guard let self, kill(pid, 0) != 0 && errno == ESRCH else { return }
            guard self.parentGoneReported.withLock({ reported in defer { reported = true }; return !reported }) else { return }
            let code: Int32 = self.hasShutDown ? 0 : 1
            ServerLog.write("the client process \(pid) is gone; exiting with \(code)")
            gone(code)
        }
        parentWatch?.cancel()
        parentWatch = timer
        timer.resume()
    }

    /// Set when the client sent `exit`: 0 after `shutdown`, 1 without.
    public var exitCode: Int32? { exitState.withLock { $0 } }
    public var hasShutDown: Bool { shutdownState.withLock { $0 } }

    // MARK: Receiving

    /// Decodes one message body and schedules it.
    public func receive(_ body: [UInt8]) {
        switch IncomingMessage.decode(body) {
        case .failure(let error):
            sink.send(OutgoingMessage.error(id: nil, ResponseError(.parseError, "Parse error: \(error.description)")))
        case .success(let message):
            if case .notification(let method, let params) = message, method == "$/cancelRequest" {
                if let id = params["id"].flatMap(RequestID.init) {
                    requestsInFlight.withLock { if $0.waiting.contains(id) { $0.cancelled.insert(id) } }
                }
                return
            }
            if case .notification("exit", _) = message {
                // Exit is handled after everything before it, then the reader stops.
                queue.sync { self.handleExit() }
                return
            }
            if case .request(let id, _, _) = message { requestsInFlight.withLock { _ = $0.waiting.insert(id) } }
            if case .response(let id, _, let error) = message, let watcher = answerWatchers.withLock({ $0.removeValue(forKey: id) }) {
                watcher(error == nil)
            }
            let cost = body.count + MessageBacklog.overheadPerMessage
            backlog.reserve(cost)
            queue.async {
                self.handle(message)
                self.backlog.release(cost)
            }
        }
    }

    /// A message in another charset than UTF-8, LSP's only one: not read as text. A request gets
    /// InvalidRequest under its id (read from the bytes when they parse), anything else an error
    /// without one, as for other framing errors; either way the server goes on.
    public func receiveUnsupportedCharset(_ body: [UInt8], charset: String) {
        let message = "Messages must be UTF-8; this one says charset=\(charset), so it was not read"
        ServerLog.write("refused a message: charset=\(charset)")
        var id: RequestID?
        if case .success(.request(let requestID, _, _)) = IncomingMessage.decode(body) { id = requestID }
        sink.send(OutgoingMessage.error(id: id, ResponseError(.invalidRequest, message)))
    }

    public func receiveFramingError(_ message: String) {
        ServerLog.write("framing error: \(message)")
        sink.send(OutgoingMessage.error(id: nil, ResponseError(.parseError, message)))
    }

    /// Waits until every message received so far has been handled (for tests and shutdown).
    public func waitUntilIdle() {
        queue.sync {}
    }

    /// Looks at the disk now, as the poll for a client without file watchers does (for tests).
    public func pollDiskNow() {
        queue.sync { pollDisk() }
    }

    /// Runs a scheduled placement recomputation now instead of after the pause (for tests).
    public func flushDeferredWork() {
        queue.sync {
            if !placementStale.isEmpty { refreshPlacement() }
            flushDiagnosticRefresh()
        }
    }

    func isCancelled(_ id: RequestID) -> Bool { requestsInFlight.withLock { $0.cancelled.contains(id) } }

    private func handle(_ message: IncomingMessage) {
        switch message {
        case .request(let id, let method, let params):
            // Always taken: `initialize` may turn tracing on (review: its trace gave the uptime).
            let start = DispatchTime.now().uptimeNanoseconds
            handleRequest(id: id, method: method, params: params)
            if trace != "off" {
                let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
                logTrace("Handled request '\(method) - (\(id))' in \(Int(milliseconds.rounded()))ms.", verbose: params)
            }
        case .notification(let method, let params):
            handleNotification(method: method, params: params)
            if trace != "off" && method != "$/setTrace" { logTrace("Handled notification '\(method)'.", verbose: params) }
        case .response(let id, let result, let error):
            if let callback = pendingRequests.removeValue(forKey: id) {
                callback(error == nil ? result : nil)
            }
        case .invalid(let id, let message):
            sink.send(OutgoingMessage.error(id: id, ResponseError(.invalidRequest, message)))
        case .ignored(let reason):
            ServerLog.write(reason)
        }
        flushDiagnosticRefresh()
    }

    private func handleRequest(id: RequestID, method: String, params: JSONValue) {
        defer {
            requestsInFlight.withLock {
                $0.waiting.remove(id)
                $0.cancelled.remove(id)
            }
        }
        if isCancelled(id) {
            sink.send(OutgoingMessage.error(id: id, ResponseError(.requestCancelled, "Request cancelled")))
            return
        }
        // The phase first, for known and unknown methods alike: before `initialize` every request is
        // ServerNotInitialized, after `shutdown` InvalidRequest; MethodNotFound only while running.
        switch phase {
        case .uninitialized where method != InitializeRequest.method:
            sink.send(OutgoingMessage.error(id: id, ResponseError(.serverNotInitialized, "The server is not initialized")))
            return
        case .shutDown:
            // A second `shutdown` too: the specification makes every request after it InvalidRequest.
            sink.send(OutgoingMessage.error(id: id, ResponseError(.invalidRequest, "The server is shutting down")))
            return
        default:
            break
        }
        if MessageRegistry.requests[method] == nil, MessageRegistry.notifications[method] != nil {
            // A notification sent with an id (a client bug): still applied, so no edit is lost, and
            // answered, so the client does not wait for a reply forever.
            ServerLog.write("\(method) is a notification but came with id \(id); handled, and answered with null")
            handleNotification(method: method, params: params)
            sink.send(OutgoingMessage.response(id: id, result: .null))
            return
        }
        guard let handler = MessageRegistry.requests[method] else {
            sink.send(OutgoingMessage.error(id: id, ResponseError(.methodNotFound, "Unknown method \(method)")))
            return
        }
        if phase == .running && method == InitializeRequest.method {
            sink.send(OutgoingMessage.error(id: id, ResponseError(.invalidRequest, "The server is already initialized")))
            return
        }
        do {
            let result = try handler.handle(params, RequestContext(server: self, id: id))
            if isCancelled(id) {
                sink.send(OutgoingMessage.error(id: id, ResponseError(.requestCancelled, "Request cancelled")))
            } else {
                sink.send(OutgoingMessage.response(id: id, result: result))
            }
        } catch where error.answersNull {
            sink.send(OutgoingMessage.response(id: id, result: .null))
        } catch {
            sink.send(OutgoingMessage.error(id: id, error))
        }
    }

    private func handleNotification(method: String, params: JSONValue) {
        guard let handler = MessageRegistry.notifications[method] else {
            // Unknown notifications, and `$/` ones, are ignored as the specification asks; a request
            // sent without an id cannot be answered, which is said.
            if MessageRegistry.requests[method] != nil { ServerLog.write("\(method) is a request but came without an id; not answered") }
            return
        }
        if method == InitializedNotification.method {
            // Once, after `initialize`: another would index again and register the watchers twice.
            guard phase == .running, !initializedReceived else {
                ServerLog.write("initialized \(phase == .running ? "came again" : "came outside the running phase"); ignored")
                if phase == .running { logMessage("initialized came again; ignored", type: 2) }
                return
            }
            initializedReceived = true
        }
        guard phase == .running else { return }
        handler.handle(params, self)
    }

    private func handleExit() {
        let code: Int32 = phase == .shutDown ? 0 : 1
        exitState.withLock { $0 = code }
    }

    func markShutDown() {
        phase = .shutDown
        shutdownState.withLock { $0 = true }
    }

    // MARK: Sending

    func notify(_ method: String, _ params: JSONValue) {
        sink.send(OutgoingMessage.notification(method, params))
    }

    /// Sends a request to the client; `completion` gets the result (nil on error) on the queue.
    /// `answered` is told whether the client answered without an error as soon as the answer is read,
    /// on the reader's thread.
    func request(_ method: String, _ params: JSONValue, completion: @escaping (JSONValue?) -> Void = { _ in },
                 answered: (@Sendable (_ accepted: Bool) -> Void)? = nil) {
        let id = RequestID.string("docent-\(nextRequestID)")
        nextRequestID += 1
        pendingRequests[id] = completion
        if let answered { answerWatchers.withLock { $0[id] = answered } }
        sink.send(OutgoingMessage.request(id: id, method, params))
    }

    /// `$/logTrace` while the client asked for tracing (`messages`, or `verbose` with the parameters).
    func logTrace(_ message: String, verbose: JSONValue) {
        var params: JSONObject = ["message": .string(message)]
        if trace == "verbose" { params["verbose"] = .string("Params: " + JSONSerializer.string(verbose)) }
        notify("$/logTrace", .object(params))
    }

    /// `window/logMessage` (1 error, 2 warning, 3 info, 4 log).
    func logMessage(_ message: String, type: Int = 3) {
        notify("window/logMessage", ["type": JSONValue(type), "message": .string(message)])
    }

    // MARK: Capabilities

    func clientSupports(_ path: String...) -> Bool {
        var value: JSONValue? = clientCapabilities
        for key in path { value = value?[key] }
        return value?.boolValue == true
    }

    func clientCapability(_ path: String...) -> JSONValue? {
        var value: JSONValue? = clientCapabilities
        for key in path { value = value?[key] }
        return value
    }

    /// Whether the client pulls diagnostics; then the server does not push them. Only a client that
    /// also takes `workspace/diagnostic/refresh` pulls: findings change without an edit of their
    /// document (placement after a pause, a glossary edited elsewhere, docent.json), and a client
    /// that cannot be told so (Neovim 0.11) kept stale ones until the next keystroke in that buffer.
    /// Such a client gets pushed diagnostics, and no `diagnosticProvider` to pull from as well.
    var clientPullsDiagnostics: Bool {
        clientCapability("textDocument", "diagnostic") != nil && clientSupports("workspace", "diagnostics", "refreshSupport")
    }

    // MARK: Documents and positions

    /// The workspace and relative path of a document URI. A file outside every workspace folder gets a
    /// workspace of its own folder that holds only the open files.
    func locate(_ uri: String, createIfMissing: Bool = true) -> (workspace: ServerWorkspace, path: String)? {
        if let open = openDocuments[uri] { return (open.workspace, open.path) }
        guard let url = URL(string: uri), url.isFileURL || url.scheme == nil else {
            // Untitled and other non-file documents live in a virtual workspace keyed by the URI.
            return virtualLocation(uri, createIfMissing: createIfMissing)
        }
        let fileURL = url.isFileURL ? url : URL(fileURLWithPath: uri)
        return fileLocation(fileURL, createIfMissing: createIfMissing)
    }

    /// The workspace of a file: the innermost workspace folder that holds it, else the stand-in
    /// workspace of its own folder (made when `createIfMissing`).
    func fileLocation(_ fileURL: URL, createIfMissing: Bool) -> (workspace: ServerWorkspace, path: String)? {
        // Workspace folders first: a stand-in workspace only serves files outside all of them.
        for onDisk in [true, false] {
            var best: (ServerWorkspace, String)?
            for workspace in workspaces where workspace.isOnDisk == onDisk {
                if let path = workspace.relativePath(of: fileURL), best == nil || workspace.root.path.count > best!.0.root.path.count {
                    best = (workspace, path)
                }
            }
            if let best { return best }
        }
        guard createIfMissing else { return nil }
        let folder = fileURL.deletingLastPathComponent()
        let loose = ServerWorkspace(root: folder, isOnDisk: false)
        workspaces.append(loose)
        return (loose, fileURL.lastPathComponent)
    }

    private func virtualLocation(_ uri: String, createIfMissing: Bool) -> (ServerWorkspace, String)? {
        // With one workspace folder open, an untitled document is served against it, under a
        // path of its own that no file of the folder has (the loader does not list hidden folders).
        let folders = workspaces.filter { $0.isOnDisk }
        if folders.count == 1, createIfMissing {
            return (ServerWorkspace(root: folders[0].root, isOnDisk: false, base: folders[0]), ".untitled/" + uri.replacingOccurrences(of: "/", with: "_"))
        }
        let name = String(uri.split(separator: "/").last ?? "untitled")
        if let existing = workspaces.first(where: { $0.root.path == "/docent-virtual/" + name }) { return (existing, name) }
        guard createIfMissing else { return nil }
        let workspace = ServerWorkspace(root: URL(fileURLWithPath: "/docent-virtual/" + name), isOnDisk: false)
        workspaces.append(workspace)
        return (workspace, name)
    }

    /// The URI for a workspace path: the client's own URI when the document is open.
    func uri(of path: String, in workspace: ServerWorkspace) -> String {
        openURI(path, in: workspace) ?? workspace.uriString(of: path)
    }

    func document(_ uri: String) throws(ResponseError) -> (workspace: ServerWorkspace, path: String, document: WorkspaceDocument) {
        guard let (workspace, path) = locate(uri, createIfMissing: false), let document = workspace.snapshot.document(path) else {
            var error = ResponseError(.invalidParams, "Unknown document \(uri)")
            error.answersNull = openDocuments[uri] != nil
            throw error
        }
        return (workspace, path, document)
    }

    func offset(_ position: JSONValue?, in document: WorkspaceDocument) throws(ResponseError) -> Int {
        guard let position, let line = position["line"]?.intValue, let character = position["character"]?.intValue else {
            throw .invalidParams("A position needs integer line and character")
        }
        return document.text.offset(of: Position(line: line, character: character), encoding: encoding)
    }

    func range(_ range: ByteRange, in text: SourceText) -> JSONValue {
        LSPConversion.range(text.positionRange(of: range, encoding: encoding))
    }

    /// An LSP `TextEdit` for `edit`, on `text` (the document it edits).
    func textEdit(_ edit: FileEdit, in text: SourceText) -> JSONValue {
        ["range": range(edit.range, in: text), "newText": .string(edit.newText)]
    }

    func location(_ location: WorkspaceLocation, in workspace: ServerWorkspace) -> JSONValue? {
        guard let document = workspace.snapshot.document(location.file) else { return nil }
        return ["uri": .string(uri(of: location.file, in: workspace)), "range": range(location.range, in: document.text)]
    }

    /// Many locations at once (references): each file's URI is built once, not once per location.
    func locations(_ locations: [WorkspaceLocation], in workspace: ServerWorkspace) -> [JSONValue] {
        var uris: [String: String] = [:]
        return locations.compactMap { location in
            guard let document = workspace.snapshot.document(location.file) else { return nil }
            let uri: String
            if let known = uris[location.file] {
                uri = known
            } else {
                uri = self.uri(of: location.file, in: workspace)
                uris[location.file] = uri
            }
            return ["uri": .string(uri), "range": range(location.range, in: document.text)]
        }
    }

    /// A link target for a glossary entry, for hover Markdown: `file:///…#L12`.
    func linkTarget(_ file: String, _ line: Int, in workspace: ServerWorkspace) -> String {
        uri(of: file, in: workspace) + "#L\(line + 1)"
    }

    // MARK: Diagnostics

    /// The diagnostics of a document as the server reports them. For an open document: the text rules
    /// run now, the placement rules' last results carried through the edits since (computed now when
    /// there are none yet). For any other document: every rule, now.
    func currentDiagnostics(for path: String, in workspace: ServerWorkspace) -> [Diagnostic] {
        let snapshot = workspace.snapshot
        guard let document = snapshot.document(path) else { return [] }
        guard let uri = openURI(path, in: workspace) else { return RuleRegistry.diagnostics(for: path, in: snapshot) }
        let text = RuleRegistry.unfinishedDiagnostics(for: path, in: snapshot, lanes: [.text])
        let placement: [Diagnostic]
        if workspace.base != nil {
            // An untitled document has no path, so no place in a section.
            placement = []
        } else if let known = placementDiagnostics[uri] {
            placement = known
        } else {
            placement = RuleRegistry.unfinishedDiagnostics(for: path, in: snapshot, lanes: [.placement])
            placementDiagnostics[uri] = placement
            placementStale.remove(uri)
        }
        return RuleRegistry.finished(text + placement, document: document)
    }

    /// The client's URI for `path` when the document is open in the editor.
    func openURI(_ path: String, in workspace: ServerWorkspace) -> String? {
        openDocuments.first { $0.value.workspace === workspace && $0.value.path == path }?.key
    }

    func diagnostics(for path: String, in workspace: ServerWorkspace) -> [JSONValue] {
        guard let document = workspace.snapshot.document(path) else { return [] }
        return reported(currentDiagnostics(for: path, in: workspace), path: path).map { diagnostic in
            DiagnosticConversion.lsp(diagnostic, text: document.text, server: self, workspace: workspace)
        }
    }

    /// The most diagnostics sent for one document. A page with tens of thousands of findings (a
    /// generated file) would otherwise make every keystroke convert and send them all, and keep the
    /// editor waiting; no writer reads past this many. `docent check` reports every one.
    static let maximumReportedDiagnostics = 1000

    /// The diagnostics to send for `path`: all of them, or the first `maximumReportedDiagnostics` by
    /// severity and then position, with the cut said once in the log.
    func reported(_ diagnostics: [Diagnostic], path: String) -> [Diagnostic] {
        guard diagnostics.count > Self.maximumReportedDiagnostics else { return diagnostics }
        if cappedReports.insert(path).inserted {
            logMessage("\(path): \(diagnostics.count) findings; the first \(Self.maximumReportedDiagnostics) by severity and position are shown (docent check lists them all)", type: 2)
        }
        // The most severe first (`Severity` orders hint < … < error), then in document order.
        let kept = diagnostics.indices.sorted { (diagnostics[$0].severity, $1) > (diagnostics[$1].severity, $0) }.prefix(Self.maximumReportedDiagnostics)
        return kept.sorted().map { diagnostics[$0] }
    }

    /// Core diagnostics and their LSP form, with a hash of the Core values (cheaper than hashing JSON).
    func diagnosticsWithHash(for path: String, in workspace: ServerWorkspace) -> ([JSONValue], Int) {
        guard let document = workspace.snapshot.document(path) else { return ([], 0) }
        let found = reported(currentDiagnostics(for: path, in: workspace), path: path)
        var hasher = Hasher()
        hasher.combine(found)
        return (found.map { DiagnosticConversion.lsp($0, text: document.text, server: self, workspace: workspace) }, hasher.finalize())
    }

    /// Carries an open document's placement diagnostics through edits just applied to it.
    func carryPlacement(of uri: String, through edits: [ByteEdit]) {
        guard let known = placementDiagnostics[uri] else { return }
        placementDiagnostics[uri] = known.compactMap { $0.mapped(through: edits) }
    }

    /// Marks the open documents of `workspace` for a placement recomputation after the pause.
    func schedulePlacementRefresh(in workspace: ServerWorkspace) {
        for (uri, open) in openDocuments where open.workspace === workspace { placementStale.insert(uri) }
        guard !placementStale.isEmpty else { return }
        placementRefreshToken += 1
        let token = placementRefreshToken
        if placementDelay <= 0 {
            refreshPlacement()
            return
        }
        queue.asyncAfter(deadline: .now() + placementDelay) { [weak self] in
            guard let self, self.placementRefreshToken == token, self.phase == .running else { return }
            self.refreshPlacement()
            self.flushDiagnosticRefresh()
        }
    }

    /// Recomputes the placement diagnostics of the stale open documents (one placement model for the
    /// workspace, then one assessment per page) and reports those that changed.
    func refreshPlacement() {
        let uris = placementStale.sorted()
        placementStale = []
        var changed: [String] = []
        for uri in uris {
            // Not a document (docent.json, an excluded file): no placement, and nothing to report.
            guard let open = openDocuments[uri], open.workspace.base == nil, open.workspace.snapshot.document(open.path) != nil else {
                placementDiagnostics[uri] = nil
                continue
            }
            let fresh = RuleRegistry.unfinishedDiagnostics(for: open.path, in: open.workspace.snapshot, lanes: [.placement])
            if placementDiagnostics[uri] != fresh {
                placementDiagnostics[uri] = fresh
                changed.append(uri)
            }
        }
        guard !changed.isEmpty else { return }
        if clientPullsDiagnostics {
            requestDiagnosticRefresh()
        } else {
            publishDiagnostics(for: changed)
        }
    }

    /// Asks for one `workspace/diagnostic/refresh` when the message being handled is done (pull
    /// clients that take it only).
    func requestDiagnosticRefresh() {
        guard clientPullsDiagnostics, clientSupports("workspace", "diagnostics", "refreshSupport") else { return }
        diagnosticRefreshWanted = true
    }

    /// Sends the refresh that `requestDiagnosticRefresh` asked for, once.
    func flushDiagnosticRefresh() {
        guard diagnosticRefreshWanted else { return }
        diagnosticRefreshWanted = false
        guard phase == .running else { return }
        request("workspace/diagnostic/refresh", .null)
    }

    /// Pushes diagnostics for open documents (all of a workspace's when `everyOpenDocument`).
    func publishDiagnostics(for uris: [String]) {
        guard !clientPullsDiagnostics else { return }
        for uri in uris {
            guard let open = openDocuments[uri] else { continue }
            // The configuration file's diagnostics are its problems (`reportConfigurationProblems`).
            if open.workspace.isOnDisk && ConfigurationLoader.fileNames.contains(open.path) { continue }
            let (items, diagnosticsHash) = diagnosticsWithHash(for: open.path, in: open.workspace)
            // Unchanged diagnostics for an unchanged version are not sent again; a new version always
            // gets its diagnostics, so the client knows they are current.
            let hash = diagnosticsHash &+ open.version &* 31
            if publishedDiagnostics[uri] == hash { continue }
            publishedDiagnostics[uri] = hash
            notify("textDocument/publishDiagnostics", ["uri": .string(uri), "version": JSONValue(open.version), "diagnostics": .array(items)])
        }
    }

    /// After a change: the changed document's diagnostics, or every open document's in the workspace
    /// when the glossary or configuration changed; pull clients are asked to refresh.
    func diagnosticsChanged(in workspace: ServerWorkspace, changedURI: String?, glossaryChanged: Bool) {
        defer { schedulePlacementRefresh(in: workspace) }
        // Untitled documents served against this workspace see its new state.
        var derived: [String] = []
        if glossaryChanged {
            for (uri, open) in openDocuments where open.workspace.base === workspace {
                guard let text = overlayTexts[open.path + "@" + open.workspace.root.path] else { continue }
                open.workspace.derive(path: open.path, text: text, version: open.version)
                derived.append(uri)
            }
        }
        if clientPullsDiagnostics {
            if glossaryChanged { requestDiagnosticRefresh() }
            return
        }
        if glossaryChanged {
            publishDiagnostics(for: openDocuments.filter { $0.value.workspace === workspace }.keys.sorted() + derived.sorted())
        } else if let changedURI {
            publishDiagnostics(for: [changedURI])
        }
    }
}

/// What a request handler gets besides its parameters.
struct RequestContext {
    let server: LanguageServer
    let id: RequestID

    /// Throws RequestCancelled when the client cancelled this request (checked in long loops).
    func checkCancellation() throws(ResponseError) {
        if server.isCancelled(id) { throw ResponseError(.requestCancelled, "Request cancelled") }
    }
}
