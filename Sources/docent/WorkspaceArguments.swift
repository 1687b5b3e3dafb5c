import DocentCore
import DocentIO
import Foundation

/// Where path arguments put the workspace root, and which of its files they name.
///
/// A path inside a configured workspace (a `docent.json` in its folder or above) belongs to that
/// workspace, whether it is a file or a folder: the workspace is read whole, and the path narrows
/// what is reported. Without a `docent.json` above it, a folder is a workspace root of its own, and a
/// file belongs to its repository (the nearest folder above it with a `.git`), else to its own
/// folder: never to wherever the command happens to run.
enum WorkspaceRootFinder {
    /// The nearest folder at or above `folder` that holds a configuration file.
    static func configuredRoot(from folder: URL) -> URL? {
        var folder = folder
        while true {
            for name in ConfigurationLoader.fileNames where FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path) {
                return folder
            }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { return nil }
            folder = parent
        }
    }

    /// The nearest folder at or above `folder` that holds a `.git` (a folder, or a file in a worktree).
    static func repositoryRoot(from folder: URL) -> URL? {
        var folder = folder
        while true {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent(".git").path) { return folder }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { return nil }
            folder = parent
        }
    }

    /// The current directory, symbolic links resolved (as `WorkspaceLoader` resolves its root).
    static var currentDirectory: URL {
        resolved(URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true))
    }

    static func resolved(_ url: URL) -> URL { url.standardizedFileURL.resolvingSymlinksInPath() }

    /// Whether `path` is `folder` or lies inside it (both resolved).
    static func isInside(_ path: URL, _ folder: URL) -> Bool {
        path.path == folder.path || path.path.hasPrefix(folder.path.hasSuffix("/") ? folder.path : folder.path + "/")
    }

    /// The workspace root `--config FILE` sets: the folder that holds FILE, whose paths (glossaries,
    /// include, sections) are relative to it as a `docent.json`'s are to its own folder. Nil without
    /// `--config`, or when that folder does not exist (the loader then says the file cannot be read).
    static func configurationRoot(_ configFile: String?) -> URL? {
        guard let configFile, !configFile.isEmpty else { return nil }
        let folder = resolved(URL(fileURLWithPath: configFile)).deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else { return nil }
        return folder
    }

    /// The workspace root of one existing file or folder, and whether a `docent.json` made it so.
    /// With `--config FILE` (`configurationRoot`), FILE's folder.
    static func root(of url: URL, isDirectory: Bool, configurationRoot: URL? = nil) -> (root: URL, isConfigured: Bool) {
        if let configurationRoot { return (configurationRoot, true) }
        let url = resolved(url)
        let folder = isDirectory ? url : url.deletingLastPathComponent()
        if let configured = configuredRoot(from: folder) { return (configured, true) }
        if isDirectory { return (url, false) }
        return (repositoryRoot(from: folder) ?? folder, false)
    }

    /// Why a path holds no document of the workspace, for `check` and `classify`: the configuration
    /// file's include and exclude, or, without one, the files Docent reads.
    static func notReadHint(configurationFile: String?) -> String {
        configurationFile.map { "see include and exclude in \($0)" } ?? "without a docent.json, Docent reads the .md and .mdx files"
    }

    struct Selection {
        /// The workspace root.
        var root: URL
        /// Workspace-relative paths of the files and folders to report on; empty for the whole workspace.
        var filters: [String]
    }

    struct Failure: Error { var message: String }

    /// The root and filters of `check`'s arguments. The arguments must share one workspace: paths in
    /// different configured workspaces, or outside the root the others give, are an error. No
    /// argument is `.`: the workspace of the current directory, found the same way.
    static func select(_ arguments: [String], configurationRoot: URL? = nil) -> Result<Selection, Failure> {
        let arguments = arguments.isEmpty ? ["."] : arguments
        var items: [(argument: String, url: URL, root: URL, isConfigured: Bool)] = []
        for argument in arguments {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) else {
                return .failure(Failure(message: "no such file or directory: \(argument)"))
            }
            let url = resolved(URL(fileURLWithPath: argument))
            let (root, isConfigured) = root(of: url, isDirectory: isDirectory.boolValue, configurationRoot: configurationRoot)
            items.append((argument, url, root, isConfigured))
        }
        let root: URL
        let configured = items.filter(\.isConfigured)
        if let first = configured.first {
            if let other = configured.first(where: { $0.root.path != first.root.path }) {
                return .failure(Failure(message: "\(first.argument) and \(other.argument) are in different workspaces (\(first.root.path) and \(other.root.path), each with its own docent.json); check them one at a time"))
            }
            root = first.root
        } else {
            // No docent.json above any of them: the innermost candidate root that holds every path.
            let holding = items.map(\.root).filter { candidate in items.allSatisfy { isInside($0.url, candidate) } }
            guard let innermost = holding.max(by: { $0.path.count < $1.path.count }) else {
                let first = items[0]
                let outside = items.first { !isInside($0.url, first.root) }!
                return .failure(Failure(message: "\(outside.argument) is outside the workspace root \(first.root.path) (with no docent.json above them, a folder argument is a workspace root of its own); check them one at a time, or add a docent.json to a folder that holds them all"))
            }
            root = innermost
        }
        // Every path is checked before any asks for the whole workspace: `check site ../other/a.md`
        // reports the second path, whichever comes first.
        if let outside = items.first(where: { !isInside($0.url, root) }) {
            let why = configurationRoot == nil ? "" : " (the folder of the --config file)"
            return .failure(Failure(message: "\(outside.argument) is outside the workspace root \(root.path)\(why)"))
        }
        // A path that is the root itself asks for the whole workspace.
        if items.contains(where: { $0.url.path == root.path }) { return .success(Selection(root: root, filters: [])) }
        let filters = items.map { String($0.url.path.dropFirst(root.path.hasSuffix("/") ? root.path.count : root.path.count + 1)) }
        return .success(Selection(root: root, filters: filters))
    }

    /// With `--config FILE`, a PATH or DIR must lie in FILE's folder: the failure when `argument` does not.
    static func outside(_ argument: String, configurationRoot: URL) -> Failure? {
        isInside(resolved(URL(fileURLWithPath: argument)), configurationRoot) ? nil
            : Failure(message: "\(argument) is outside the workspace root \(configurationRoot.path) (the folder of the --config file)")
    }

    /// The root for a command's one optional DIR argument (`terms`, `explain`, `sections`): the
    /// configured workspace it lies in, else the folder itself. No argument is `.`. With `--config
    /// FILE`, FILE's folder, which DIR, if given, must be in (a failure otherwise).
    static func root(ofDirectory argument: String?, configFile: String? = nil) -> Result<String, Failure> {
        if let configurationRoot = configurationRoot(configFile) {
            if let argument, let outside = outside(argument, configurationRoot: configurationRoot) { return .failure(outside) }
            return .success(configurationRoot.path)
        }
        return .success(root(ofDirectory: argument))
    }

    /// `root(ofDirectory:configFile:)` for `command`, its failure said on stderr (nil then).
    static func root(ofDirectory argument: String?, configFile: String?, command: String) -> String? {
        switch root(ofDirectory: argument, configFile: configFile) {
        case .success(let found): return found
        case .failure(let failure):
            printError("docent \(command): \(failure.message)")
            return nil
        }
    }

    static func root(ofDirectory argument: String?) -> String {
        let argument = argument ?? "."
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory), isDirectory.boolValue else { return argument }
        return root(of: URL(fileURLWithPath: argument), isDirectory: true).root.path
    }

    /// The path from the current directory to `root`, as a prefix for workspace-relative paths:
    /// "" for the current directory itself, "site/" below it, "../" or "../../docs/" elsewhere.
    static func prefix(from current: URL, to root: URL) -> String {
        let parts = WorkspacePath.relativeComponents(fromFolder: current.pathComponents.filter { $0 != "/" },
                                                     to: root.pathComponents.filter { $0 != "/" }, toFile: false)
        return parts.isEmpty ? "" : parts.joined(separator: "/") + "/"
    }
}

/// How the commands print a path (text reports, configuration problems, notes on stderr): from the
/// current directory, by the shortest route (`page.md` in its own folder, `site/docs/page.md` from
/// above, `../docent.json` from below); absolute when the two share no top-level folder (`/tmp/x`
/// seen from `/home/me`, not `../../tmp/x`).
struct PathDisplay {
    let current: [String]
    let root: [String]

    init(root: URL) {
        current = WorkspaceRootFinder.currentDirectory.pathComponents.filter { $0 != "/" }
        self.root = WorkspaceRootFinder.resolved(root).pathComponents.filter { $0 != "/" }
    }

    /// A workspace-relative path (`.` for the root), or an absolute one.
    func callAsFunction(_ path: String) -> String {
        let components: [String]
        if path.hasPrefix("/") {
            components = WorkspaceRootFinder.resolved(URL(fileURLWithPath: path)).pathComponents.filter { $0 != "/" }
        } else {
            components = root + path.split(separator: "/").map(String.init).filter { $0 != "." }
        }
        if components == current { return "." }
        guard components.first == current.first else { return "/" + components.joined(separator: "/") }
        return WorkspacePath.relativeComponents(fromFolder: current, to: components, toFile: false).joined(separator: "/")
    }
}
