import DocentCore
import Foundation

/// Reads a docs workspace from disk: finds the configuration, lists the files it includes, and reads
/// them. Every path stays inside the root: symbolic links that lead outside it are skipped and said.
public struct WorkspaceLoader: Sendable {
    public let root: URL

    public init(root: URL) {
        self.root = root.standardizedFileURL.resolvingSymlinksInPath()
    }

    /// A file Docent could not read, with why.
    public struct SkippedFile: Hashable, Sendable {
        public var path: String
        public var reason: String
        /// Whether the file or folder could not be read (permissions, I/O), as opposed to one left out
        /// on purpose (binary, too large, a link that loops, leaves the workspace or repeats a file).
        public var isReadFailure: Bool
        public var isFolder: Bool

        public init(path: String, reason: String, isReadFailure: Bool = false, isFolder: Bool = false) {
            self.path = path
            self.reason = reason
            self.isReadFailure = isReadFailure
            self.isFolder = isFolder
        }
    }

    public struct Result: Sendable {
        public var snapshot: WorkspaceSnapshot
        public var configurationFile: String?
        public var skipped: [SkippedFile]
        /// Files read with a caveat the writer should hear about (invalid UTF-8 repaired), with why.
        public var notes: [SkippedFile] = []
    }

    /// The largest file Docent reads; larger files are skipped with a message.
    public static let maximumFileSize = 64 * 1024 * 1024

    /// Loads configuration (from `configurationFile` when given) and every document it reads.
    public func load(configurationFile: URL? = nil) -> Result {
        load(configuration: loadConfiguration(explicit: configurationFile))
    }

    /// Loads every document that `loadedConfiguration` (from `loadConfiguration`, read once by a caller
    /// that looks at it first) reads.
    public func load(configuration loadedConfiguration: LoadedConfiguration) -> Result {
        let configuration = loadedConfiguration.configuration
        var skipped: [SkippedFile] = []
        var documents: [WorkspaceDocument] = []
        // Reading and scanning are independent per file: do them on every core.
        var sizes: [String: Int] = [:]
        let paths = listFiles(configuration: configuration, skipped: &skipped, sizes: &sizes)
        let loaded = ParallelMap.map(paths, cost: { sizes[$0] ?? 0 }) { path -> Swift.Result<(WorkspaceDocument, String?), ReadFailure> in
            read(path).map { (WorkspaceDocument(path: path, text: SourceText(bytes: $0)), Self.note(about: $0)) }
        }
        var notes: [SkippedFile] = []
        for (path, outcome) in zip(paths, loaded) {
            switch outcome {
            case .success(let (document, note)):
                documents.append(document)
                if let note { notes.append(SkippedFile(path: path, reason: note)) }
            case .failure(let reason): skipped.append(SkippedFile(path: path, reason: reason.message, isReadFailure: reason.isReadFailure))
            }
        }
        // A file that was found but not read (it is said why) still matches its glossary entry.
        let problems = loadedConfiguration.problems + loadedConfiguration.unmatchedPaths(among: paths + skipped.map(\.path))
        let snapshot = WorkspaceSnapshot(configuration: configuration, configurationProblems: problems, documents: documents)
        return Result(snapshot: snapshot, configurationFile: loadedConfiguration.file, skipped: skipped, notes: notes)
    }

    /// Reads the configuration file: `explicit`, else the first of `ConfigurationLoader.fileNames` in
    /// the root that exists. One that exists but cannot be read (its permissions, a folder of that
    /// name, a link that loops or leads nowhere) is a configuration error at its line 1, column 1,
    /// never the same as no configuration: its settings would be dropped without a word.
    public func loadConfiguration(explicit: URL? = nil) -> LoadedConfiguration {
        let candidates = explicit.map { [$0] } ?? ConfigurationLoader.fileNames.map { root.appendingPathComponent($0) }
        for url in candidates {
            var status = stat()
            // `lstat`: a link is there even when what it points at is not.
            if explicit == nil && lstat(url.path, &status) != 0 { continue }
            switch PlainFile.bytes(of: url) {
            case .success(let bytes):
                var loaded = ConfigurationLoader.read(bytes, file: relativePath(of: url) ?? url.path)
                // A second configuration file beside it is never read: said, since its settings
                // (perhaps the ones being edited) do nothing.
                if explicit == nil, let index = candidates.firstIndex(of: url) {
                    for other in candidates[(index + 1)...] where lstat(other.path, &status) == 0 {
                        loaded.problems.append(ConfigurationProblem(file: loaded.file ?? url.lastPathComponent, line: 1, column: 1,
                                                                    message: "\(other.lastPathComponent) is ignored: \(url.lastPathComponent) applies (keep one of them)", isError: false))
                    }
                }
                return loaded
            case .failure(let failure):
                let name = explicit == nil ? url.lastPathComponent : url.path
                let problem = ConfigurationProblem(file: name, line: 1, column: 1, message: "cannot read the configuration file: \(failure.message)")
                var loaded = LoadedConfiguration(problems: [problem], file: name)
                loaded.readFailure = failure
                return loaded
            }
        }
        return LoadedConfiguration()
    }

    public struct ReadFailure: Error, Sendable {
        public var message: String
        /// The file could not be read (permissions, I/O), rather than refused on purpose.
        public var isReadFailure = false
        /// The system's error number (`ENOENT`, `EISDIR`, `EACCES`…) when it gave one.
        public var errorNumber: Int32?
    }

    /// How many leading bytes are looked at for NUL bytes, the mark of a binary file (as Git does).
    static let binaryProbeLength = 8000

    /// What a writer should be told about bytes that were read: invalid UTF-8 is read as U+FFFD.
    public static func note(about bytes: [UInt8]) -> String? {
        guard String(validating: bytes, as: UTF8.self) == nil else { return nil }
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        var first: Int?
        var count = 0
        scanning: while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): offset += encoded.count
            case .error(let length):
                count += 1
                if first == nil { first = offset }
                offset += length
            case .emptyInput: break scanning
            }
        }
        let line = bytes[..<min(first ?? 0, bytes.count)].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        return "not valid UTF-8: \(count) invalid byte sequence\(count == 1 ? "" : "s") read as U+FFFD (the first on line \(line))"
    }

    /// `bytes` without a leading byte-order mark (`UTF8Scalars.byteOrderMark`): editors drop it, so
    /// `read` does too; `AtomicFileWriter` puts it back in files that had it.
    public static func droppingByteOrderMark(_ bytes: [UInt8]) -> [UInt8] {
        let mark = UTF8Scalars.byteOrderMark
        return bytes.starts(with: mark) ? Array(bytes.dropFirst(mark.count)) : bytes
    }

    /// Reads a workspace-relative file, refusing paths outside the root, oversized files and binary
    /// files. A leading UTF-8 byte-order mark is not part of the text (see `droppingByteOrderMark`).
    public func read(_ path: String) -> Swift.Result<[UInt8], ReadFailure> {
        guard let url = confinedURL(path) else { return .failure(ReadFailure(message: "outside the workspace root")) }
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            if let size = attributes[.size] as? Int, size > Self.maximumFileSize {
                return .failure(ReadFailure(message: "larger than \(Self.maximumFileSize / 1024 / 1024) MiB"))
            }
            let bytes = [UInt8](try Data(contentsOf: url))
            if bytes.prefix(Self.binaryProbeLength).contains(0) {
                return .failure(ReadFailure(message: "a binary file (it holds NUL bytes), not Markdown"))
            }
            return .success(Self.droppingByteOrderMark(bytes))
        } catch {
            return .failure(ReadFailure(message: "cannot be read (\(error.localizedDescription))", isReadFailure: true))
        }
    }

    /// The absolute URL of a workspace-relative path, or nil when it (or a link in it) leaves the root.
    public func confinedURL(_ path: String) -> URL? {
        guard let normalized = WorkspacePath.normalize(path) else { return nil }
        let url = root.appendingPathComponent(normalized).resolvingSymlinksInPath()
        let rootPath = root.path.hasSuffix("/") ? root.path : root.path + "/"
        guard url.path == root.path || url.path.hasPrefix(rootPath) else { return nil }
        return url
    }

    /// The workspace-relative path of a URL inside the root, else nil.
    public func relativePath(of url: URL) -> String? {
        let path = url.standardizedFileURL.resolvingSymlinksInPath().path
        let rootPath = root.path.hasSuffix("/") ? root.path : root.path + "/"
        guard path.hasPrefix(rootPath) else { return nil }
        return String(path.dropFirst(rootPath.count))
    }

    /// Lists the files Docent reads (`Configuration.reads`: the included ones and the glossaries
    /// `glossaries` names), sorted. Hidden folders, `node_modules` and links leaving the root are not
    /// entered, though a glossary named by its own path is read in a hidden folder too; a folder that
    /// cannot be read is reported.
    public func listFiles(configuration: Configuration, skipped: inout [SkippedFile]) -> [String] {
        var sizes: [String: Int] = [:]
        return listFiles(configuration: configuration, skipped: &skipped, sizes: &sizes)
    }

    /// `listFiles`, also giving the size of each plain file listed (for scheduling the reads).
    public func listFiles(configuration: Configuration, skipped: inout [SkippedFile], sizes: inout [String: Int]) -> [String] {
        var result: [String] = []
        var pending: [(url: URL, relative: String)] = [(root, "")]
        var visited = Set<String>()
        /// Links to files inside the root, with the path they point at.
        var linkedFiles: [(path: String, target: String)] = []
        let manager = FileManager.default
        while let (folder, relative) = pending.popLast() {
            let realPath = folder.resolvingSymlinksInPath().path
            guard visited.insert(realPath).inserted else { continue }
            let children: [String]
            do {
                children = try manager.contentsOfDirectory(atPath: folder.path)
            } catch {
                skipped.append(SkippedFile(path: relative.isEmpty ? "." : relative, reason: "folder cannot be read", isReadFailure: true, isFolder: true))
                continue
            }
            for name in children.sorted() {
                if name.hasPrefix(".") || name == "node_modules" { continue }
                let childRelative = relative.isEmpty ? name : relative + "/" + name
                // Most entries are plain files and folders: one `lstat`, and their real path is the
                // folder's plus the name. Only links go through Foundation's resolution below.
                let childPath = folder.path + "/" + name
                var status = stat()
                if lstat(childPath, &status) == 0 && (status.st_mode & S_IFMT) != S_IFLNK {
                    let kind = status.st_mode & S_IFMT
                    if kind == S_IFDIR {
                        pending.append((folder.appendingPathComponent(name, isDirectory: true), childRelative))
                    } else if kind == S_IFREG && configuration.reads(childRelative) {
                        result.append(childRelative)
                        sizes[childRelative] = Int(status.st_size)
                    }
                    continue
                }
                let url = folder.appendingPathComponent(name)
                var isDirectory: ObjCBool = false
                guard manager.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
                    // Only a link can be listed yet not exist: one that loops or whose target is gone.
                    if (try? manager.destinationOfSymbolicLink(atPath: url.path)) != nil {
                        skipped.append(SkippedFile(path: childRelative, reason: "a symbolic link that loops or whose target is missing"))
                    }
                    continue
                }
                let resolved = url.resolvingSymlinksInPath().path
                let rootPath = root.path + "/"
                if !resolved.hasPrefix(rootPath) && resolved != root.path {
                    skipped.append(SkippedFile(path: childRelative, reason: "a symbolic link that leaves the workspace"))
                    continue
                }
                if isDirectory.boolValue && (realPath + "/").hasPrefix(resolved + "/") {
                    skipped.append(SkippedFile(path: childRelative, reason: "a symbolic link to a folder that holds it (a loop)"))
                    continue
                }
                if isDirectory.boolValue {
                    pending.append((url, childRelative))
                } else if configuration.reads(childRelative) {
                    let target = String(resolved.dropFirst(rootPath.count))
                    if target != childRelative, (try? manager.destinationOfSymbolicLink(atPath: url.path)) != nil {
                        linkedFiles.append((childRelative, target))
                    } else {
                        result.append(childRelative)
                    }
                }
            }
        }
        // A link to a file that is read anyway would check (and fix) the same file twice.
        let listed = Set(result)
        for link in linkedFiles {
            if listed.contains(link.target) {
                skipped.append(SkippedFile(path: link.path, reason: "a symbolic link to \(link.target), which is read under its own name"))
            } else {
                result.append(link.path)
            }
        }
        for source in configuration.glossaries {
            let glob = Glob(source.pattern)
            let components = glob.pattern.split(separator: "/")
            guard !glob.hasWildcard, components.contains(where: { $0.hasPrefix(".") }), configuration.namesGlossary(glob.pattern),
                  let url = confinedURL(glob.pattern) else { continue }
            var status = stat()
            if stat(url.path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG && !result.contains(glob.pattern) {
                result.append(glob.pattern)
                sizes[glob.pattern] = Int(status.st_size)
            }
        }
        return result.sorted()
    }
}

/// Reads a file whole, saying why it cannot in the system's words.
enum PlainFile {
    /// The bytes of a file (the configuration file), or why they cannot be read ("Permission denied",
    /// "Is a directory", "Too many levels of symbolic links"). Anything but a plain file is refused
    /// before it is opened, so a FIFO of that name cannot block.
    static func bytes(of url: URL) -> Swift.Result<[UInt8], WorkspaceLoader.ReadFailure> {
        func failure(_ code: Int32) -> Swift.Result<[UInt8], WorkspaceLoader.ReadFailure> {
            .failure(WorkspaceLoader.ReadFailure(message: String(cString: strerror(code)), errorNumber: code))
        }
        var status = stat()
        guard stat(url.path, &status) == 0 else { return failure(errno) }
        switch status.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: return failure(EISDIR)
        default: return .failure(WorkspaceLoader.ReadFailure(message: "not a plain file"))
        }
        // Asked first: Foundation's own message for this is vague ("You don’t have permission").
        guard access(url.path, R_OK) == 0 else { return failure(errno) }
        do {
            return .success([UInt8](try Data(contentsOf: url)))
        } catch {
            return .failure(WorkspaceLoader.ReadFailure(message: error.localizedDescription))
        }
    }
}
