import DocentCore
import Foundation
import Testing
@testable import DocentIO

/// A fresh temporary workspace folder with `files`, removed by `remove()`.
struct ScratchWorkspace {
    let root: URL

    init(_ files: [String: String]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("docent-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for (path, text) in files { try write(path, text) }
    }

    func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func remove() {
        // A test may leave a file without permissions; the owner can always change them back.
        _ = chmod(root.appendingPathComponent("docent.json").path, 0o644)
        try? FileManager.default.removeItem(at: root)
    }
}

/// A docent.json that exists but cannot be read is a configuration error, not "no configuration".
@Suite struct UnreadableConfigurationTests {
    static let page = ["docs/page.md": "# Page\n\nOpen Dochub.\n", "docs/glossary.md": "# Glossary\n\n## DocHub\n\nThe viewer.\n"]

    static func problems(in workspace: ScratchWorkspace) -> [String] {
        let result = WorkspaceLoader(root: workspace.root).load()
        return result.snapshot.configurationProblems.map { "\($0.file):\($0.line):\($0.column): \($0.isError ? "error" : "warning"): \($0.message)" }
    }

    @Test func aFolderNamedDocentJSONIsAnError() throws {
        // A .docent.json next to it does not stand in for it.
        let workspace = try ScratchWorkspace(Self.page.merging(["docent.json/readme.txt": "", ".docent.json": "{}"]) { $1 })
        defer { workspace.remove() }
        let loaded = WorkspaceLoader(root: workspace.root).loadConfiguration()
        #expect(loaded.configuration == Configuration())
        #expect(loaded.problems == [ConfigurationProblem(file: "docent.json", line: 1, column: 1, message: "cannot read the configuration file: Is a directory")])
        #expect(loaded.file == "docent.json")
        #expect(Self.problems(in: workspace) == ["docent.json:1:1: error: cannot read the configuration file: Is a directory"])
    }

    /// Both names at the root: docent.json applies, and the other is said to be ignored (its
    /// settings did nothing, without a word).
    @Test func aSecondConfigurationFileIsSaidToBeIgnored() throws {
        let workspace = try ScratchWorkspace(Self.page.merging(["docent.json": #"{"rules": {"term-casing": "error"}}"#, ".docent.json": #"{"rules": {"term-casing": "off"}}"#]) { $1 })
        defer { workspace.remove() }
        let loaded = WorkspaceLoader(root: workspace.root).loadConfiguration()
        #expect(loaded.file == "docent.json")
        #expect(loaded.configuration.rules["term-casing"] == .severity(.error))
        #expect(Self.problems(in: workspace) == ["docent.json:1:1: warning: .docent.json is ignored: docent.json applies (keep one of them)"])
        // Alone, .docent.json applies without a word.
        try FileManager.default.removeItem(at: workspace.root.appendingPathComponent("docent.json"))
        #expect(Self.problems(in: workspace) == [])
        #expect(WorkspaceLoader(root: workspace.root).loadConfiguration().file == ".docent.json")
    }

    @Test func aLinkThatLoopsOrLeadsNowhereIsAnError() throws {
        let workspace = try ScratchWorkspace(Self.page)
        defer { workspace.remove() }
        let link = workspace.root.appendingPathComponent("docent.json")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "docent.json")
        #expect(Self.problems(in: workspace) == ["docent.json:1:1: error: cannot read the configuration file: Too many levels of symbolic links"])
        try FileManager.default.removeItem(at: link)
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "shared/docent.json")
        #expect(Self.problems(in: workspace) == ["docent.json:1:1: error: cannot read the configuration file: No such file or directory"])
    }

    /// Root reads any file whatever its mode, so this runs only for other users.
    @Test(.disabled(if: geteuid() == 0, "root can read a file of mode 000"))
    func aFileWithoutReadPermissionIsAnError() throws {
        let workspace = try ScratchWorkspace(Self.page.merging(["docent.json": #"{ "rules": { "term-casing": "error" } }"#]) { $1 })
        defer { workspace.remove() }
        #expect(chmod(workspace.root.appendingPathComponent("docent.json").path, 0) == 0)
        #expect(Self.problems(in: workspace) == ["docent.json:1:1: error: cannot read the configuration file: Permission denied"])
    }

    @Test func noConfigurationFileIsStillNoConfiguration() throws {
        let workspace = try ScratchWorkspace(Self.page)
        defer { workspace.remove() }
        let loaded = WorkspaceLoader(root: workspace.root).loadConfiguration()
        #expect(loaded.configuration == Configuration())
        #expect(loaded.problems == [])
        #expect(loaded.file == nil)
    }
}
