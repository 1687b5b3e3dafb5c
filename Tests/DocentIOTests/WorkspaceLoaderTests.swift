import DocentCore
import Foundation
import Testing
@testable import DocentIO

/// A workspace written to a fresh temporary folder (never the home directory), with a sibling folder
/// outside it that a symbolic link points at.
private struct TemporaryWorkspace {
    let base: URL
    let root: URL

    init(files: [String: [UInt8]]) throws {
        base = FileManager.default.temporaryDirectory.appendingPathComponent("docent-tests-\(UUID().uuidString)")
        root = base.appendingPathComponent("workspace")
        let outside = base.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("## Secret\n\nNot ours.\n".utf8).write(to: outside.appendingPathComponent("glossary.md"))
        for (path, bytes) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("docs/escape"), withDestinationURL: outside)
    }

    func remove() { try? FileManager.default.removeItem(at: base) }
}

@Suite struct WorkspaceLoaderTests {
    static let files: [String: [UInt8]] = [
        "docent.json": Array("{\n  \"glossaries\": [\"docs/glossary.md\"],\n  \"exclude\": [\"docs/drafts/**\"],\n  \"unknownKey\": 1\n}\n".utf8),
        "docs/glossary.md": Array("## Entity\n\nA thing.\n\n## Plugin\n\nA module.\n".utf8),
        "docs/page.md": Array("Bad byte ".utf8) + [0xFF] + Array(" then an entity.\n".utf8),
        "docs/drafts/wip.md": Array("Draft.\n".utf8),
        "docs/notes.txt": Array("Not Markdown.\n".utf8),
        ".hidden/secret.md": Array("Hidden.\n".utf8),
        "node_modules/pkg/readme.md": Array("Vendored.\n".utf8),
    ]

    @Test func loadsTheIncludedDocumentsAndTheConfiguration() throws {
        let workspace = try TemporaryWorkspace(files: Self.files)
        defer { workspace.remove() }
        let loader = WorkspaceLoader(root: workspace.root)
        let result = loader.load()
        #expect(result.configurationFile == "docent.json")
        #expect(result.snapshot.sortedPaths == ["docs/glossary.md", "docs/page.md"])
        #expect(result.snapshot.configurationProblems == [
            ConfigurationProblem(file: "docent.json", line: 4, column: 3, message: "Unknown key \"unknownKey\"", isError: false),
        ])
        #expect(result.skipped == [WorkspaceLoader.SkippedFile(path: "docs/escape", reason: "a symbolic link that leaves the workspace")])
        #expect(result.snapshot.glossaryPaths == ["docs/glossary.md"])
        #expect(result.snapshot.glossary.entries.map(\.term) == ["Entity", "Plugin"])
        // Invalid UTF-8 is repaired on the way in.
        #expect(result.snapshot.document("docs/page.md")?.text.string == "Bad byte \u{FFFD} then an entity.\n")
        #expect(result.snapshot.termMatches(in: "docs/page.md").count == 1)
    }

    /// A named pipe (or socket) called `.md` is not a page: reading it would wait for a writer forever.
    @Test func specialFilesAreNotListed() throws {
        let workspace = try TemporaryWorkspace(files: ["docs/page.md": Array("A page.\n".utf8)])
        defer { workspace.remove() }
        #expect(mkfifo(workspace.root.appendingPathComponent("docs/pipe.md").path, 0o644) == 0)
        let result = WorkspaceLoader(root: workspace.root).load()
        #expect(result.snapshot.sortedPaths == ["docs/page.md"])
    }

    @Test func pathsStayInsideTheRoot() throws {
        let workspace = try TemporaryWorkspace(files: Self.files)
        defer { workspace.remove() }
        let loader = WorkspaceLoader(root: workspace.root)
        #expect(loader.confinedURL("../outside/glossary.md") == nil)
        #expect(loader.confinedURL("docs/escape/glossary.md") == nil)
        #expect(loader.confinedURL("docs/../docs/page.md")?.lastPathComponent == "page.md")
        guard case .failure(let failure) = loader.read("docs/escape/glossary.md") else {
            Issue.record("a file behind a link that leaves the root was read")
            return
        }
        #expect(failure.message == "outside the workspace root")
        guard case .success(let bytes) = loader.read("docs/glossary.md") else {
            Issue.record("a file inside the root could not be read")
            return
        }
        #expect(bytes == Self.files["docs/glossary.md"])
        #expect(loader.relativePath(of: workspace.root.appendingPathComponent("docs/page.md")) == "docs/page.md")
        #expect(loader.relativePath(of: workspace.base.appendingPathComponent("outside/glossary.md")) == nil)
    }

    /// `load(configuration:)` reads the pages with the configuration it is given, and does not read the
    /// configuration file again: here it has changed on disk since, and the first reading applies.
    @Test func aConfigurationReadOnceIsTheOneApplied() throws {
        let workspace = try TemporaryWorkspace(files: Self.files)
        defer { workspace.remove() }
        let loader = WorkspaceLoader(root: workspace.root)
        let loaded = loader.loadConfiguration()
        #expect(loaded.readFailure == nil)
        try Data(#"{ "exclude": ["docs/page.md"] }"#.utf8).write(to: workspace.root.appendingPathComponent("docent.json"))
        let result = loader.load(configuration: loaded)
        #expect(result.configurationFile == "docent.json")
        #expect(result.snapshot.configuration == loaded.configuration)
        #expect(result.snapshot.sortedPaths == ["docs/glossary.md", "docs/page.md"])
        #expect(result.snapshot.configurationProblems == loaded.problems)
        #expect(loader.load().snapshot.sortedPaths == ["docs/drafts/wip.md", "docs/glossary.md"])
    }

    @Test func missingExplicitConfigurationIsAProblem() throws {
        let workspace = try TemporaryWorkspace(files: ["docs/page.md": Array("Text.\n".utf8)])
        defer { workspace.remove() }
        let loader = WorkspaceLoader(root: workspace.root)
        let missing = workspace.root.appendingPathComponent("nope.json")
        let loaded = loader.loadConfiguration(explicit: missing)
        #expect(loaded.configuration == Configuration())
        #expect(loaded.problems.map(\.message) == ["cannot read the configuration file: No such file or directory"])
        #expect(loaded.file == missing.path)
        #expect(loaded.readFailure?.message == "No such file or directory")
        #expect(loaded.readFailure?.errorNumber == ENOENT)
        // A folder of that name, and a named pipe (refused before it is opened: it would wait for a writer).
        #expect(loader.loadConfiguration(explicit: workspace.root.appendingPathComponent("docs")).readFailure?.errorNumber == EISDIR)
        let pipe = workspace.root.appendingPathComponent("pipe.json")
        #expect(mkfifo(pipe.path, 0o644) == 0)
        let fromPipe = loader.loadConfiguration(explicit: pipe).readFailure
        #expect(fromPipe?.message == "not a plain file")
        #expect(fromPipe?.errorNumber == nil)
        // Without a configuration file, the defaults apply and nothing is reported.
        let result = loader.load()
        #expect(result.configurationFile == nil)
        #expect(result.snapshot.configurationProblems == [])
        #expect(result.snapshot.sortedPaths == ["docs/page.md"])
    }
}
