import DocentCore
import Foundation
import Testing
@testable import DocentIO

/// Docent stays inside the workspace: configuration, glossary and `--fix` paths resolve inside the
/// root (no `../`, no absolute path, no symbolic link out), and nothing in the sources runs a program,
/// opens a socket or reaches the network. (That the language server never writes a file is proven by
/// `ServerConfinementTests` over a full session.)
@Suite struct ConfinementTests {
    /// A workspace with a sibling `outside` folder holding a secret glossary and a fixable page.
    struct Layout {
        let base: URL
        let root: URL
        let outside: URL

        init(files: [String: String]) throws {
            base = FileManager.default.temporaryDirectory.appendingPathComponent("docent-confinement-\(UUID().uuidString)")
            root = base.appendingPathComponent("workspace")
            outside = base.appendingPathComponent("outside")
            try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
            try "## Secret\n\nNot ours.\n".write(to: outside.appendingPathComponent("glossary.md"), atomically: false, encoding: .utf8)
            try "# Outside\n\nThe Dochub viewer.\n".write(to: outside.appendingPathComponent("page.md"), atomically: false, encoding: .utf8)
            for (path, content) in files {
                let url = root.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try content.write(to: url, atomically: false, encoding: .utf8)
            }
        }

        func link(_ path: String, to destination: String) throws {
            try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent(path).path, withDestinationPath: destination)
        }

        func remove() { try? FileManager.default.removeItem(at: base) }
    }

    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The built `docent`: DOCENT_BINARY, else `.build/debug` or `.build/release`.
    static var binary: URL? {
        if let path = ProcessInfo.processInfo.environment["DOCENT_BINARY"] { return URL(fileURLWithPath: path) }
        return ["debug", "release"].map { repositoryRoot.appendingPathComponent(".build/\($0)/docent") }.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    @Test func configurationPathsThatLeaveTheRootAreRefused() throws {
        let layout = try Layout(files: [
            "docent.json": #"""
            {
              "include": ["docs/**/*.md", "../outside/*.md", "/etc/**", "docs/../../outside/*.md"],
              "glossaries": ["docs/glossary.md", "../outside/glossary.md", "/tmp/glossary.md", { "path": "docs/../../outside/glossary.md" }],
              "sections": [{ "path": "../outside", "persona": "end-user" }]
            }
            """#,
            "docs/glossary.md": "## DocHub\n\nThe docs viewer.\n",
            "docs/page.md": "# Page\n",
        ])
        defer { layout.remove() }
        let result = WorkspaceLoader(root: layout.root).load()
        let refusals = result.snapshot.configurationProblems.filter(\.isError).map(\.message)
        #expect(refusals.count == 7, "\(refusals)")
        #expect(refusals.allSatisfy { $0.contains("absolute") || $0.contains("leaves the workspace root") })
        #expect(result.snapshot.sortedPaths == ["docs/glossary.md", "docs/page.md"])
        #expect(result.snapshot.glossary.entries.map(\.term) == ["DocHub"])
        #expect(!result.snapshot.documents.values.contains { $0.text.string.contains("Secret") || $0.text.string.contains("Outside") })
    }

    @Test func symbolicLinksThatLeaveTheRootAreNotFollowed() throws {
        let layout = try Layout(files: ["docent.json": #"{ "glossaries": ["docs/glossary.md", "docs/escape/glossary.md"] }"#, "docs/page.md": "# Page\n"])
        defer { layout.remove() }
        try layout.link("docs/glossary.md", to: "../../outside/glossary.md")
        try layout.link("docs/escape", to: "../../outside")
        try layout.link("docs/absolute.md", to: layout.outside.appendingPathComponent("page.md").path)
        let loader = WorkspaceLoader(root: layout.root)
        let result = loader.load()
        #expect(result.snapshot.sortedPaths == ["docs/page.md"])
        #expect(result.snapshot.glossary.entries.isEmpty)
        #expect(Set(result.skipped.map(\.path)) == ["docs/glossary.md", "docs/escape", "docs/absolute.md"])
        #expect(result.skipped.allSatisfy { $0.reason == "a symbolic link that leaves the workspace" })
        // Reading by path is confined the same way, whatever the path says.
        for path in ["docs/glossary.md", "docs/escape/glossary.md", "docs/absolute.md", "../outside/glossary.md", "/etc/passwd", "docs/../../outside/page.md", ""] {
            if case .success = loader.read(path) { Issue.record("\(path) was read") }
            let rootPath = layout.root.resolvingSymlinksInPath().path
            #expect(loader.confinedURL(path).map { $0.path == rootPath || $0.path.hasPrefix(rootPath + "/") } ?? true, "\(path)")
        }
    }

    /// Runs `docent check --fix` on `root`, from `root` (so the files it names on stderr are
    /// workspace paths): its exit status and what it said on stderr.
    static func fix(_ root: URL, with binary: URL) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = binary
        process.arguments = ["check", "--fix", root.path]
        process.currentDirectoryURL = root
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, stderr)
    }

    @Test func fixNeverWritesOutsideTheRootNorTwiceThroughALink() throws {
        let binary = try #require(Self.binary, "build docent first (swift build) or set DOCENT_BINARY")
        let layout = try Layout(files: [
            "docent.json": #"{ "glossaries": ["docs/glossary.md"] }"#,
            "docs/glossary.md": "## DocHub\n\nThe docs viewer.\n",
            "docs/page.md": "# Page\n\nThe Dochub viewer.\n",
        ])
        defer { layout.remove() }
        try layout.link("docs/linked.md", to: "../../outside/page.md")
        try layout.link("docs/alias.md", to: "page.md")
        let outsideBefore = try Data(contentsOf: layout.outside.appendingPathComponent("page.md"))
        let (status, stderr) = try Self.fix(layout.root, with: binary)
        #expect(status == 0)
        #expect(try Data(contentsOf: layout.outside.appendingPathComponent("page.md")) == outsideBefore, "the file outside is untouched")
        #expect(try String(contentsOf: layout.root.appendingPathComponent("docs/page.md"), encoding: .utf8) == "# Page\n\nThe DocHub viewer.\n")
        // The links are still links (the fix replaced the real file, not the link).
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: layout.root.appendingPathComponent("docs/alias.md").path)) == "page.md")
        #expect(stderr.contains("skipped docs/linked.md: a symbolic link that leaves the workspace"))
        #expect(stderr.contains("skipped docs/alias.md: a symbolic link to docs/page.md, which is read under its own name"))
        #expect(!stderr.contains("changed on disk"))
        // No temporary file is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: layout.root.appendingPathComponent("docs").path).sorted() == ["alias.md", "glossary.md", "linked.md", "page.md"])
    }

    @Test func anAtomicWriteToALinkIsRefused() throws {
        // A link out of the root and one inside it: the writer neither writes the target nor replaces
        // the link with a regular file; it says which file and why.
        let layout = try Layout(files: ["inside.md": "# Inside\n"])
        defer { layout.remove() }
        try layout.link("page.md", to: "../outside/page.md")
        try layout.link("alias.md", to: "inside.md")
        for (name, destination) in [("page.md", "../outside/page.md"), ("alias.md", "inside.md")] {
            let link = layout.root.appendingPathComponent(name)
            let before = try [UInt8](Data(contentsOf: link))
            #expect(throws: AtomicFileWriter.Failure.symbolicLink(path: link.path, destination: destination)) {
                try AtomicFileWriter.write(Array("fixed\n".utf8), to: link, expecting: before)
            }
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == destination)
        }
        #expect(try String(contentsOf: layout.outside.appendingPathComponent("page.md"), encoding: .utf8) == "# Outside\n\nThe Dochub viewer.\n")
        #expect(try String(contentsOf: layout.root.appendingPathComponent("inside.md"), encoding: .utf8) == "# Inside\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: layout.root.path).sorted() == ["alias.md", "inside.md", "page.md"])
        #expect(AtomicFileWriter.Failure.symbolicLink(path: "/w/page.md", destination: "../outside/page.md").description
                == "a symbolic link (to ../outside/page.md): not written through the link nor over it")
    }

    @Test func fixThroughALinkInsideTheRootWritesItsTargetAndKeepsTheLink() throws {
        // The only way to a file outside `include` is the link: the fix goes to the target (inside the
        // root, atomically in the target's folder, mode kept), and the link stays a link.
        let binary = try #require(Self.binary, "build docent first (swift build) or set DOCENT_BINARY")
        let layout = try Layout(files: [
            "docent.json": #"{ "include": ["docs/**/*.md"], "glossaries": ["docs/glossary.md"] }"#,
            "docs/glossary.md": "## DocHub\n\nThe docs viewer.\n",
            "shared/snippet.md": "Use the Dochub viewer.\n",
        ])
        defer { layout.remove() }
        let target = layout.root.appendingPathComponent("shared/snippet.md")
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: target.path)
        try layout.link("docs/snippet.md", to: "../shared/snippet.md")
        let (status, stderr) = try Self.fix(layout.root, with: binary)
        #expect(status == 0, "\(stderr)")
        #expect(stderr.contains("fixed 1 problem in 1 file"), "\(stderr)")
        #expect(try String(contentsOf: target, encoding: .utf8) == "Use the DocHub viewer.\n")
        #expect(try FileManager.default.attributesOfItem(atPath: target.path)[.posixPermissions] as? Int == 0o640)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: layout.root.appendingPathComponent("docs/snippet.md").path) == "../shared/snippet.md")
        #expect(try FileManager.default.contentsOfDirectory(atPath: layout.root.appendingPathComponent("shared").path) == ["snippet.md"])
    }

    // MARK: No programs, no network

    /// Calls that start programs, open sockets or reach the network, and calls that write files.
    static let forbidden: [(pattern: String, why: String)] = [
        ("Process(", "starts a program"), ("posix_spawn", "starts a program"), ("system(", "runs a shell"), ("popen(", "runs a shell"),
        ("execv", "replaces the process"), ("fork(", "starts a process"), ("NSTask", "starts a program"),
        ("URLSession", "reaches the network"), ("URLRequest", "reaches the network"), ("NWConnection", "reaches the network"),
        ("socket(", "opens a socket"), ("getaddrinfo", "resolves host names"), ("CFStream", "opens a stream"), ("URL(string: \"http", "names a web address"),
        ("contentsOf: URL(string", "reads a URL"),
    ]

    static let writing: [String] = ["createFile(", ".write(to:", "write(toFile", "removeItem(", "moveItem(", "copyItem(", "createDirectory(", "rename(", "unlink(", "AtomicFileWriter.write", "fopen(", "open(", "FileHandle(forWriting"]

    /// Whether `code` calls `pattern` as written (not as the tail of a longer name: `RenameFeature.rename(`
    /// is not `rename(`, `documents.open(` is not `open(`).
    static func calls(_ pattern: String, in code: String) -> Bool {
        var searchStart = code.startIndex
        while let found = code.range(of: pattern, range: searchStart..<code.endIndex) {
            let first = pattern.first!
            if !(first.isLetter || first == "_") || found.lowerBound == code.startIndex { return true }
            let before = code[code.index(before: found.lowerBound)]
            if code[..<found.lowerBound].hasSuffix("func ") {
                searchStart = found.upperBound
                continue
            }
            if !(before.isLetter || before.isNumber || before == "_" || before == ".") || pattern.hasPrefix("AtomicFileWriter") { return true }
            if before == "." && ["FileManager", "manager", "default", "Glibc", "Darwin", "Foundation", "Musl"].contains(where: { code[..<found.lowerBound].hasSuffix($0 + ".") }) { return true }
            searchStart = found.upperBound
        }
        return false
    }

    /// Every Swift source file of the product, relative to the repository.
    static func sources() throws -> [(path: String, text: String)] {
        let folder = repositoryRoot.appendingPathComponent("Sources")
        let enumerator = try #require(FileManager.default.enumerator(atPath: folder.path))
        var files: [(String, String)] = []
        for case let path as String in enumerator where path.hasSuffix(".swift") {
            files.append(("Sources/" + path, try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)))
        }
        return files.sorted { $0.0 < $1.0 }
    }

    @Test func nothingStartsAProgramOrReachesTheNetwork() throws {
        let files = try Self.sources()
        #expect(files.count > 20)
        for (path, text) in files {
            // The benchmark tool is not shipped and measures the built binary; everything else is.
            if path.hasPrefix("Sources/docent-bench/") { continue }
            for (pattern, why) in Self.forbidden where Self.calls(pattern, in: text) {
                Issue.record("\(path) uses \(pattern), which \(why)")
            }
        }
    }

    @Test func onlyTheFixerWrites() throws {
        // Writing files is allowed in exactly these places: the atomic writer, and the command line
        // (`check --fix`). The language server (DocentLSP) and the core never write.
        let allowed: Set<String> = ["Sources/DocentIO/AtomicFileWriter.swift", "Sources/docent/CheckCommand.swift"]
        for (path, text) in try Self.sources() where !allowed.contains(path) && !path.hasPrefix("Sources/docent-bench/") {
            let code = text.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }.joined(separator: "\n")
            for pattern in Self.writing where Self.calls(pattern, in: code) {
                // `write(descriptor, …)` to stdout and `FileHandle.standardError.write` are the protocol and the log.
                Issue.record("\(path) uses \(pattern)")
            }
        }
    }
}
