import DocentCore
import DocentIO
import Foundation

/// A file's size and modification time, as `stat` gives them: what a look at the disk compares.
struct DiskStamp: Equatable, Sendable {
    var size: Int64
    var seconds: Int
    var nanoseconds: Int
}

/// The disk, for a client that registers no file watchers (Neovim on Linux, where it leaves
/// `didChangeWatchedFiles` dynamic registration off; editors without it): every
/// `diskPollInterval` seconds the server lists each workspace folder's files as it reads them, plus
/// its configuration files, and hands what was created, changed or deleted since the last look to
/// the `workspace/didChangeWatchedFiles` handler, as a watcher would have. A `git pull` that changes
/// the glossary or `docent.json` then reaches the pages without restarting the server. Open
/// documents stay the editor's (the handler skips them). A client that registers watchers is
/// never polled for.
extension LanguageServer {
    /// Whether the server looks at the disk itself.
    var pollsDisk: Bool { !clientSupports("workspace", "didChangeWatchedFiles", "dynamicRegistration") }

    /// Takes the first look (the baseline) and starts the timer (none when `diskPollInterval` is 0:
    /// tests look with `pollDiskNow`); on the server's queue, once the workspaces are read.
    func startDiskPolling() {
        guard pollsDisk, diskPoll == nil else { return }
        let started = DispatchTime.now()
        diskStamps = currentDiskStamps()
        guard diskPollInterval > 0 else { return }
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue.global(qos: .utility))
        timer.setEventHandler { [weak self] in
            guard let self else { return }
            // A one-shot timer, armed again after each look: a busy server does not pile them up.
            queue.async {
                let started = DispatchTime.now()
                self.pollDisk()
                self.scheduleNextDiskPoll(after: started)
            }
        }
        diskPoll = timer
        scheduleNextDiskPoll(after: started)
        timer.resume()
    }

    /// The next look: `diskPollInterval` seconds on, or 20 times as long as the last look took,
    /// whichever is later, so that looking costs at most about 5 % of a core however large the
    /// workspace (a look at the 497 files of the Backstage docs takes about 9 ms).
    func scheduleNextDiskPoll(after started: DispatchTime) {
        let took = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        diskPoll?.schedule(deadline: .now() + max(diskPollInterval, 20 * took), leeway: .milliseconds(250))
    }

    /// One look: the differences from the last one, as watched-file changes.
    func pollDisk() {
        guard pollsDisk, phase == .running else { return }
        let current = currentDiskStamps()
        var changes: [JSONValue] = []
        for (uri, stamp) in current.sorted(by: { $0.key < $1.key }) where diskStamps[uri] != stamp {
            changes.append(["uri": .string(uri), "type": diskStamps[uri] == nil ? 1 : 2])
        }
        for uri in diskStamps.keys.sorted() where current[uri] == nil {
            changes.append(["uri": .string(uri), "type": 3])
        }
        diskStamps = current
        guard !changes.isEmpty else { return }
        ServerLog.write("\(changes.count) file\(changes.count == 1 ? "" : "s") changed on disk")
        DidChangeWatchedFilesNotification.handle(["changes": .array(changes)], self)
    }

    /// Each on-disk workspace folder's files (those it reads) and configuration files, by URI.
    func currentDiskStamps() -> [String: DiskStamp] {
        var stamps: [String: DiskStamp] = [:]
        for workspace in workspaces where workspace.isOnDisk {
            var skipped: [WorkspaceLoader.SkippedFile] = []
            var sizes: [String: Int] = [:]
            let paths = workspace.ownFiles(configuration: workspace.snapshot.configuration, skipped: &skipped, sizes: &sizes)
            for path in paths + ConfigurationLoader.fileNames {
                var status = stat()
                guard stat(workspace.url(of: path).path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { continue }
                stamps[uri(of: path, in: workspace)] = DiskStamp(size: Int64(status.st_size), seconds: Int(status.st_mtim.tv_sec),
                                                                 nanoseconds: Int(status.st_mtim.tv_nsec))
            }
        }
        return stamps
    }
}
