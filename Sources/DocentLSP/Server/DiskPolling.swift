import DocentCore
import DocentIO
import Foundation

/// A file's size and modification time, as `stat` gives them: what a look at the disk compares.
struct DiskStamp: Equatable, Sendable {
    var size: Int64
    var seconds: Int
    var nanoseconds: Int
}

/// What a look at one workspace folder needs, taken on the server's queue so that the walk itself
/// can run off it: the folder, how to list it, and the configuration that says what it reads.
struct DiskLook: Sendable {
    var root: String
    var loader: WorkspaceLoader
    var configuration: Configuration
}

/// The disk, for a client that registers no file watchers (Neovim on Linux, where it leaves
/// `didChangeWatchedFiles` dynamic registration off; editors without it): every
/// `diskPollInterval` seconds the server lists each workspace folder's files as it reads them, plus
/// its configuration files, and hands what was created, changed or deleted since the last look to
/// the `workspace/didChangeWatchedFiles` handler, as a watcher would have. A `git pull` that changes
/// the glossary or `docent.json` then reaches the pages without restarting the server. Open
/// documents stay the editor's (the handler skips them). A client that takes dynamic registration
/// is polled for until it accepts the watchers, and again if it refuses a later registration: a
/// registration counts only once the client answers it without an error. The walk runs off the
/// server's queue, so requests are not kept waiting by it.
extension LanguageServer {
    /// Whether the server looks at the disk itself: no file watchers the client accepted.
    var pollsDisk: Bool { !watchersInEffect }

    /// Takes the first look (the baseline, unless one was taken before: a client that refuses
    /// watchers after accepting others gets every change since) and starts the timer (none when
    /// `diskPollInterval` is 0: tests look with `pollDiskNow`); on the server's queue, once the
    /// workspaces are read.
    func startDiskPolling() {
        guard pollsDisk, diskPoll == nil else { return }
        let started = DispatchTime.now()
        if diskStamps.isEmpty { diskStamps = Self.diskStamps(of: diskLooks()) }
        guard diskPollInterval > 0 else { return }
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue.global(qos: .utility))
        timer.setEventHandler { [weak self] in
            guard let self else { return }
            // A one-shot timer, armed again after each look: a busy server does not pile them up.
            queue.async {
                let looks = self.diskLooks()
                DispatchQueue.global(qos: .utility).async { [weak self] in
                    let started = DispatchTime.now()
                    let current = Self.diskStamps(of: looks)
                    guard let self else { return }
                    queue.async {
                        self.applyDiskStamps(current)
                        self.scheduleNextDiskPoll(after: started)
                    }
                }
            }
        }
        diskPoll = timer
        scheduleNextDiskPoll(after: started)
        timer.resume()
    }

    /// Stops looking: the client accepted file watchers.
    func stopDiskPolling() {
        diskPoll?.cancel()
        diskPoll = nil
    }

    /// The next look: `diskPollInterval` seconds on, or 20 times as long as the last look took,
    /// whichever is later, so that looking costs at most about 5 % of a core however large the
    /// workspace (a look at the 497 files of the Backstage docs takes about 9 ms).
    func scheduleNextDiskPoll(after started: DispatchTime) {
        let took = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        diskPoll?.schedule(deadline: .now() + max(diskPollInterval, 20 * took), leeway: .milliseconds(250))
    }

    /// One look, all on the server's queue (for tests, through `pollDiskNow`).
    func pollDisk() {
        applyDiskStamps(Self.diskStamps(of: diskLooks()))
    }

    /// What a look needs from each on-disk workspace folder.
    func diskLooks() -> [DiskLook] {
        workspaces.filter(\.isOnDisk).map { DiskLook(root: $0.root.path, loader: $0.loader, configuration: $0.snapshot.configuration) }
    }

    /// Each folder's files (those its configuration reads) and configuration files, keyed by the
    /// folder and the path in it; runs anywhere (it only reads the disk).
    static func diskStamps(of looks: [DiskLook]) -> [String: DiskStamp] {
        var stamps: [String: DiskStamp] = [:]
        for look in looks {
            var skipped: [WorkspaceLoader.SkippedFile] = []
            for path in look.loader.listFiles(configuration: look.configuration, skipped: &skipped) + ConfigurationLoader.fileNames {
                var status = stat()
                guard stat(look.root + "/" + path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { continue }
                stamps[look.root + "\n" + path] = DiskStamp(size: Int64(status.st_size), seconds: Int(status.st_mtim.tv_sec),
                                                            nanoseconds: Int(status.st_mtim.tv_nsec))
            }
        }
        return stamps
    }

    /// The differences from the last look, as watched-file changes; on the server's queue. A change
    /// in a folder no longer open (removed meanwhile) is left out.
    func applyDiskStamps(_ current: [String: DiskStamp]) {
        guard pollsDisk, phase == .running else { return }
        let byRoot = Dictionary(workspaces.filter(\.isOnDisk).map { ($0.root.path, $0) }, uniquingKeysWith: { first, _ in first })
        var changes: [JSONValue] = []
        var said = Set<String>()
        func add(_ key: String, type: Int) {
            let parts = key.split(separator: "\n", maxSplits: 1).map(String.init)
            guard parts.count == 2, let workspace = byRoot[parts[0]] else { return }
            let uri = uri(of: parts[1], in: workspace)
            // A file of a folder nested in another is listed by both: one change.
            if said.insert(uri).inserted { changes.append(["uri": .string(uri), "type": JSONValue(type)]) }
        }
        for (key, stamp) in current.sorted(by: { $0.key < $1.key }) where diskStamps[key] != stamp {
            add(key, type: diskStamps[key] == nil ? 1 : 2)
        }
        for key in diskStamps.keys.sorted() where current[key] == nil { add(key, type: 3) }
        diskStamps = current
        guard !changes.isEmpty else { return }
        ServerLog.write("\(changes.count) file\(changes.count == 1 ? "" : "s") changed on disk")
        DidChangeWatchedFilesNotification.handle(["changes": .array(changes)], self)
    }
}
