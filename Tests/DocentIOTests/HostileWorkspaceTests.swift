import DocentCore
import Foundation
import Testing
@testable import DocentIO

/// A docs tree built to hurt: huge, binary, mis-encoded, looping, unreadable and very many files.
/// Every one is loaded or skipped *with a reason* (what `docent check` prints on stderr and the server
/// sends as `window/logMessage`), and nothing included is dropped silently. Sizes default to what
/// keeps the suite quick; `Tests/reliability/hostile-workspace.sh` runs the full sizes (a 50 MB line,
/// 100,000 files, 100,000 glossary entries) against the release binary and reports times and memory.
@Suite struct HostileWorkspaceTests {
    /// A fresh temporary folder (never the home directory), removed by `remove()`.
    struct Folder {
        let root: URL

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("docent-hostile-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        }

        func write(_ path: String, _ bytes: [UInt8]) throws {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }

        func write(_ path: String, _ text: String) throws { try write(path, Array(text.utf8)) }

        func link(_ path: String, to destination: String) throws {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: destination)
        }

        func remove() {
            // Unreadable folders must be made readable again before they can be removed.
            if let enumerator = FileManager.default.enumerator(atPath: root.path) {
                for case let path as String in enumerator { chmod(root.appendingPathComponent(path).path, 0o755) }
            }
            try? FileManager.default.removeItem(at: root)
        }
    }

    static func environmentCount(_ name: String, default value: Int) -> Int {
        ProcessInfo.processInfo.environment[name].flatMap(Int.init) ?? value
    }

    static let glossary = "## Service Catalog\n\nThe place that records who owns software.\n"

    @Test func aHugeSingleLineFileIsReadAndChecked() throws {
        let megabytes = Self.environmentCount("DOCENT_LARGE_FILE_MB", default: 8)
        let folder = try Folder()
        defer { folder.remove() }
        let phrase = Array("The Service Catalog lists `code` and [links](x.md) in 日本語 and e\u{301}. ".utf8)
        var line: [UInt8] = []
        line.reserveCapacity(megabytes << 20)
        while line.count + phrase.count <= megabytes << 20 { line += phrase }
        try folder.write("docs/huge.md", line)
        try folder.write("docs/glossary.md", Self.glossary)
        let result = WorkspaceLoader(root: folder.root).load()
        #expect(result.skipped.isEmpty)
        let document = try #require(result.snapshot.document("docs/huge.md"))
        #expect(document.text.lineTable.lineCount == 1)
        #expect(result.snapshot.termMatches(in: "docs/huge.md").count == line.count / phrase.count)
        _ = RuleRegistry.diagnostics(for: "docs/huge.md", in: result.snapshot)
        // The last position of the line converts both ways.
        let end = document.text.position(of: document.text.count)
        #expect(document.text.offset(of: end) == document.text.count)
    }

    @Test func aFileOverTheSizeLimitIsSkippedWithoutReadingIt() throws {
        let folder = try Folder()
        defer { folder.remove() }
        try folder.write("docs/page.md", "# Page\n")
        // A sparse file: 65 MiB on paper, nothing on disk, never read.
        let url = folder.root.appendingPathComponent("docs/enormous.md")
        #expect(FileManager.default.createFile(atPath: url.path, contents: nil))
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: UInt64(WorkspaceLoader.maximumFileSize + 1024 * 1024))
        try handle.close()
        let result = WorkspaceLoader(root: folder.root).load()
        #expect(result.skipped == [WorkspaceLoader.SkippedFile(path: "docs/enormous.md", reason: "larger than 64 MiB")])
        #expect(result.snapshot.sortedPaths == ["docs/page.md"])
    }

    @Test func binaryFilesNamedMarkdownAreSkippedWithAReason() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52] + (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try folder.write("docs/diagram.md", png)
        try folder.write("docs/archive.mdx", [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00])
        try folder.write("docs/utf16.md", Array("# Title".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }))
        try folder.write("docs/page.md", "# Page\n")
        let result = WorkspaceLoader(root: folder.root).load()
        #expect(result.snapshot.sortedPaths == ["docs/page.md"])
        #expect(result.skipped.map(\.path).sorted() == ["docs/archive.mdx", "docs/diagram.md", "docs/utf16.md"])
        #expect(result.skipped.allSatisfy { $0.reason == "a binary file (it holds NUL bytes), not Markdown" })
    }

    @Test func invalidUTF8IsReadAsReplacementCharactersAndSaid() throws {
        let folder = try Folder()
        defer { folder.remove() }
        try folder.write("docs/latin1.md", Array("# Caf".utf8) + [0xE9] + Array("\n\nLine two\n\nThe Service ".utf8) + [0xC3, 0x28] + Array(" Catalog ".utf8) + [0xFF, 0xFE])
        try folder.write("docs/glossary.md", Self.glossary)
        let result = WorkspaceLoader(root: folder.root).load()
        let document = try #require(result.snapshot.document("docs/latin1.md"))
        #expect(document.text.string.hasPrefix("# Caf\u{FFFD}\n"))
        #expect(result.notes == [WorkspaceLoader.SkippedFile(path: "docs/latin1.md", reason: "not valid UTF-8: 4 invalid byte sequences read as U+FFFD (the first on line 1)")])
        #expect(WorkspaceLoader.note(about: Array("fine é 😀".utf8)) == nil)
        #expect(WorkspaceLoader.note(about: Array("a\nb\n".utf8) + [0x80]) == "not valid UTF-8: 1 invalid byte sequence read as U+FFFD (the first on line 3)")
    }

    @Test func symbolicLinkLoopsEndAndAreSaid() throws {
        let folder = try Folder()
        defer { folder.remove() }
        try folder.write("docs/page.md", "# Page\n")
        try folder.link("docs/self", to: ".")
        try folder.link("docs/parent", to: "..")
        try folder.link("docs/a", to: "b")
        try folder.link("docs/b", to: "a")
        try folder.link("docs/gone.md", to: "nowhere.md")
        try folder.link("docs/deeper/up", to: "../..")
        try folder.link("docs/same.md", to: "page.md")
        let result = WorkspaceLoader(root: folder.root).load()
        #expect(result.snapshot.sortedPaths == ["docs/page.md"])
        let reasons = Dictionary(uniqueKeysWithValues: result.skipped.map { ($0.path, $0.reason) })
        #expect(reasons["docs/self"] == "a symbolic link to a folder that holds it (a loop)")
        #expect(reasons["docs/parent"] == "a symbolic link to a folder that holds it (a loop)")
        #expect(reasons["docs/deeper/up"] == "a symbolic link to a folder that holds it (a loop)")
        #expect(reasons["docs/a"] == "a symbolic link that loops or whose target is missing")
        #expect(reasons["docs/b"] == "a symbolic link that loops or whose target is missing")
        #expect(reasons["docs/gone.md"] == "a symbolic link that loops or whose target is missing")
        #expect(reasons["docs/same.md"] == "a symbolic link to docs/page.md, which is read under its own name")
    }

    @Test(.disabled(if: geteuid() == 0, "running as root: chmod 000 does not stop root from reading, so there is nothing unreadable to test"))
    func unreadableFilesAndFoldersAreSkippedWithAReason() throws {
        let folder = try Folder()
        defer { folder.remove() }
        try folder.write("docs/page.md", "# Page\n")
        try folder.write("docs/secret.md", "# Secret\n")
        try folder.write("docs/locked/inside.md", "# Inside\n")
        chmod(folder.root.appendingPathComponent("docs/secret.md").path, 0)
        chmod(folder.root.appendingPathComponent("docs/locked").path, 0)
        let result = WorkspaceLoader(root: folder.root).load()
        #expect(result.snapshot.sortedPaths == ["docs/page.md"])
        let reasons = Dictionary(uniqueKeysWithValues: result.skipped.map { ($0.path, $0.reason) })
        #expect(reasons["docs/locked"] == "folder cannot be read")
        #expect(reasons["docs/secret.md"]?.hasPrefix("cannot be read") == true)
    }

    @Test(.enabled(if: geteuid() == 0, "only as root"))
    func asRootUnreadablePermissionsDoNotHideFiles() throws {
        // Root reads through chmod 000; what matters here is that nothing is lost or loops.
        let folder = try Folder()
        defer { folder.remove() }
        try folder.write("docs/secret.md", "# Secret\n")
        try folder.write("docs/locked/inside.md", "# Inside\n")
        chmod(folder.root.appendingPathComponent("docs/secret.md").path, 0)
        chmod(folder.root.appendingPathComponent("docs/locked").path, 0)
        let result = WorkspaceLoader(root: folder.root).load()
        #expect(result.snapshot.sortedPaths == ["docs/locked/inside.md", "docs/secret.md"])
        #expect(result.skipped.isEmpty)
    }

    @Test func manyFilesAreEveryOneLoaded() throws {
        let count = Self.environmentCount("DOCENT_SCALE_FILES", default: 2000)
        let folder = try Folder()
        defer { folder.remove() }
        try folder.write("docs/glossary.md", "## DocHub\n\nThe docs viewer.\n")
        for index in 0..<count {
            try folder.write("docs/section-\(index % 100)/page-\(index).md", "# Page \(index)\n\nThe Dochub, page \(index).\n")
        }
        let result = WorkspaceLoader(root: folder.root).load()
        #expect(result.snapshot.documents.count == count + 1)
        #expect(result.skipped.isEmpty)
        let findings = result.snapshot.sortedPaths.prefix(50).flatMap { RuleRegistry.diagnostics(for: $0, in: result.snapshot) }
        #expect(!findings.isEmpty, "the pages are checked, not just listed")
    }

    @Test func aGlossaryWithManyEntries() throws {
        let count = Self.environmentCount("DOCENT_SCALE_ENTRIES", default: 5000)
        let folder = try Folder()
        defer { folder.remove() }
        var glossary = "# Glossary\n\n"
        for index in 0..<count { glossary += "## Term \(index)\n\nThe definition of term \(index), related to [Term \(max(0, index - 1))](#term-\(max(0, index - 1))).\n\n" }
        try folder.write("docs/glossary.md", glossary)
        try folder.write("docs/page.md", "# Page\n\nTerm 1, Term \(count - 1) and Term \(count).\n")
        let result = WorkspaceLoader(root: folder.root).load()
        #expect(result.snapshot.glossary.entries.count == count)
        #expect(result.snapshot.termMatches(in: "docs/page.md").count == 2)
        let findings = RuleRegistry.diagnostics(for: "docs/glossary.md", in: result.snapshot)
        #expect(findings.filter { $0.code == "glossary-dangling-reference" }.isEmpty)
    }
}
