import DocentIO
import Foundation
import Testing

/// Which workspace the commands' path arguments select, through the built binary.
@Suite(.serialized) struct WorkspaceArgumentTests {
    /// A configured workspace: a glossary, and one page with one term-casing warning in each of three
    /// folders, and a draft folder that docent.json excludes.
    static let configured: [String: String] = [
        "docent.json": #"{ "glossaries": ["docs/glossary.md"], "exclude": ["docs/drafts/**"] }"#,
        "docs/glossary.md": "# Glossary\n\n## DocHub\n\nThe docs-as-code viewer of the portal.\n",
        "docs/a/one.md": "# One\n\nOpen dochub first.\n",
        "docs/b/two.md": "# Two\n\nThen dochub again.\n",
        "docs/c/three.md": "# Three\n\nAnd dochub once more.\n",
        "docs/drafts/draft.md": "# Draft\n\nA dochub draft.\n",
    ]

    static func check(_ arguments: [String], in directory: URL) throws -> CheckCommandTests.Run {
        try CheckCommandTests.run(["check"] + arguments, in: directory)
    }

    /// The file names of the term-casing warnings in a text report.
    static func warnedFiles(_ run: CheckCommandTests.Run) -> [String] {
        run.stdout.split(separator: "\n").filter { $0.contains("warning[term-casing]") }.map { String($0.split(separator: ":")[0]) }
    }

    @Test func aFolderInsideAConfiguredWorkspaceNarrowsTheCheck() throws {
        let root = try CheckCommandTests.workspace(Self.configured)
        defer { try? FileManager.default.removeItem(at: root) }
        let one = try Self.check(["docs/a"], in: root)
        #expect(one.status == 0)
        #expect(Self.warnedFiles(one) == ["docs/a/one.md"])
        #expect(one.stdout.hasSuffix("0 errors, 1 warning, 0 infos, 0 hints in 1 file (1 checked)\n"))
        // From the folder itself, and from outside the workspace, the same file, named from there.
        #expect(Self.warnedFiles(try Self.check(["."], in: root.appendingPathComponent("docs/a"))) == ["one.md"])
        #expect(Self.warnedFiles(try Self.check([root.appendingPathComponent("docs/a").path], in: root.deletingLastPathComponent())) == [root.lastPathComponent + "/docs/a/one.md"])
    }

    /// No argument is `.`: `check`, `terms`, `explain` and `sections` find the docent.json above the
    /// current directory, and `check` narrows to it.
    @Test func noArgumentIsTheCurrentDirectory() throws {
        let root = try CheckCommandTests.workspace(Self.configured)
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("docs/a")
        for command in [["check"], ["terms"], ["explain", "DocHub"], ["sections"], ["sections", "--json"], ["check", "--format", "json"]] {
            let none = try CheckCommandTests.run(command, in: folder)
            let dot = try CheckCommandTests.run(command + ["."], in: folder)
            #expect(none.status == dot.status, "\(command)")
            #expect(none.stdout == dot.stdout, "\(command)")
            #expect(none.stderr == dot.stderr, "\(command)")
        }
        let check = try Self.check([], in: folder)
        #expect(check.status == 0)
        #expect(check.stdout.hasSuffix("0 errors, 1 warning, 0 infos, 0 hints in 1 file (1 checked)\n"))
        #expect(try CheckCommandTests.run(["terms"], in: folder).stdout == "DocHub  (../glossary.md:3)\n1 entry in 1 glossary file: ../glossary.md\n")
        #expect(try CheckCommandTests.run(["sections"], in: folder).stdout.hasPrefix("Sections of ../.. ("))
        // A broken docent.json above is reported, not passed over.
        try "{\n  \"include\": [\"docs/**/*.md\"],\n}\n".write(to: root.appendingPathComponent("docent.json"), atomically: true, encoding: .utf8)
        for command in ["check", "terms", "sections"] {
            let run = try CheckCommandTests.run([command], in: folder)
            #expect(run.status == 2, "\(command)")
            #expect(run.stdout.isEmpty, "\(command)")
            #expect(run.stderr.contains("docent.json:2:30: error: Trailing comma in object\n"), "\(command): \(run.stderr)")
        }
    }

    @Test func twoFoldersOrAFileAndAFolder() throws {
        let root = try CheckCommandTests.workspace(Self.configured)
        defer { try? FileManager.default.removeItem(at: root) }
        let folders = try Self.check(["docs/a", "docs/b"], in: root)
        #expect(Self.warnedFiles(folders) == ["docs/a/one.md", "docs/b/two.md"])
        #expect(folders.stdout.hasSuffix("in 2 files (2 checked)\n"))
        let mixed = try Self.check(["docs/a/one.md", "docs/c"], in: root)
        #expect(Self.warnedFiles(mixed) == ["docs/a/one.md", "docs/c/three.md"])
        #expect(mixed.status == 0)
        // The root among other paths is the whole workspace.
        #expect(Self.warnedFiles(try Self.check(["docs/a", "."], in: root)) == ["docs/a/one.md", "docs/b/two.md", "docs/c/three.md"])
    }

    @Test func anExcludedFolderIsSaidNotCheckedAsItsOwnWorkspace() throws {
        let root = try CheckCommandTests.workspace(Self.configured)
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try Self.check(["docs/drafts"], in: root)
        #expect(run.status == 0)
        #expect(run.stdout == "0 errors, 0 warnings, 0 infos, 0 hints in 0 files (0 checked)\n")
        #expect(run.stderr.contains("docent check: docs/drafts holds no document of the workspace at "))
    }

    @Test func pathsOfDifferentWorkspacesAreAnError() throws {
        var files: [String: String] = [:]
        for (path, text) in Self.configured { files["first/" + path] = text; files["second/" + path] = text }
        let parent = try CheckCommandTests.workspace(files)
        defer { try? FileManager.default.removeItem(at: parent) }
        let run = try Self.check(["first/docs/a", "second/docs/b"], in: parent)
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("docent check: first/docs/a and second/docs/b are in different workspaces"))
    }

    /// Whatever the order, and also after the root itself (which asks for the whole workspace).
    @Test(arguments: [["site/docs/a", "loose.md"], ["site", "loose.md"], ["loose.md", "site"]])
    func aPathOutsideTheConfiguredRootIsAnError(_ arguments: [String]) throws {
        var files: [String: String] = ["loose.md": "A dochub page outside.\n"]
        for (path, text) in Self.configured { files["site/" + path] = text }
        let parent = try CheckCommandTests.workspace(files)
        defer { try? FileManager.default.removeItem(at: parent) }
        let run = try Self.check(arguments, in: parent)
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("docent check: loose.md is outside the workspace root "))
        #expect(run.stderr.contains("/site\n"))
    }

    /// Without docent.json, two sibling folders are two workspaces: an error, not a silent half check.
    @Test func unconfiguredSiblingFoldersAreAnError() throws {
        let parent = try CheckCommandTests.workspace([
            "a/glossary.md": "## DocHub\n\nThe viewer.\n", "a/page.md": "The dochub.\n", "b/page.md": "The dochub.\n",
        ])
        defer { try? FileManager.default.removeItem(at: parent) }
        let run = try Self.check(["a", "b"], in: parent)
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("docent check: b is outside the workspace root "))
        // One folder alone is still its own workspace root, with its own glossary.
        #expect(Self.warnedFiles(try Self.check(["a"], in: parent)) == ["a/page.md"])
        // A folder and a file inside it: the folder is the root.
        #expect(Self.warnedFiles(try Self.check(["a", "a/page.md"], in: parent)) == ["a/page.md"])
    }

    @Test func termsOfAFolderInsideAConfiguredWorkspace() throws {
        let root = try CheckCommandTests.workspace(Self.configured)
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try CheckCommandTests.run(["terms", "docs/a"], in: root)
        #expect(run.status == 0)
        #expect(run.stdout == "DocHub  (docs/glossary.md:3)\n1 entry in 1 glossary file: docs/glossary.md\n")
        let explain = try CheckCommandTests.run(["explain", "DocHub", "docs/b"], in: root)
        #expect(explain.status == 0)
        #expect(explain.stdout.contains("The docs-as-code viewer of the portal."))
        // The glossary file is named from the current directory, as `terms` names it.
        #expect(explain.stdout.hasSuffix("Defined in [docs/glossary.md:3](docs/glossary.md:3)\n"))
        let below = try CheckCommandTests.run(["explain", "DocHub"], in: root.appendingPathComponent("docs/b"))
        #expect(below.stdout.hasSuffix("Defined in [../glossary.md:3](../glossary.md:3)\n"))
    }

    /// Zero configuration: a glossary found by its name, and a folder whose name infers a section.
    static let unconfigured: [String: String] = [
        "reference/glossary.md": "# Glossary\n\n## DocHub\n\nThe docs-as-code viewer of the portal.\n",
        "plugins/writing-a-plugin.md": "# Writing a plugin\n\nA plugin adds a dochub page. Export the plugin from its package.\n",
    ]

    /// Without docent.json, a file belongs to its repository (the nearest folder above it with a
    /// `.git`), from wherever the command runs.
    @Test func withoutConfigurationAFileBelongsToItsRepository() throws {
        var files = ["elsewhere/.keep": "", "workspace/.git/HEAD": "ref: refs/heads/main\n"]
        for (path, text) in Self.unconfigured { files["workspace/" + path] = text }
        let parent = try CheckCommandTests.workspace(files)
        defer { try? FileManager.default.removeItem(at: parent) }
        let root = parent.appendingPathComponent("workspace")
        let run = try Self.check(["plugins/writing-a-plugin.md"], in: root)
        #expect(Self.warnedFiles(run) == ["plugins/writing-a-plugin.md"])
        #expect(run.stdout.hasSuffix("(1 checked)\n"))
        let classify = try CheckCommandTests.run(["classify", "plugins/writing-a-plugin.md"], in: root)
        #expect(classify.status == 0)
        #expect(classify.stdout.hasPrefix("plugins/writing-a-plugin.md\n  section:   Plugins (plugins/) · Integrator · inferred from the folder name\n"))
        // From the plugins folder, and from outside the repository, the same workspace.
        let below = try Self.check(["writing-a-plugin.md"], in: root.appendingPathComponent("plugins"))
        #expect(below.stdout == run.stdout.replacingOccurrences(of: "plugins/writing-a-plugin.md:", with: "writing-a-plugin.md:"))
        // (The page is named from where the command runs.)
        let outside = try CheckCommandTests.run(["classify", root.appendingPathComponent("plugins/writing-a-plugin.md").path], in: parent.appendingPathComponent("elsewhere"))
        #expect(outside.stdout == "../workspace/" + classify.stdout)
        // A `.git` file (a worktree's) marks a repository too.
        try FileManager.default.removeItem(at: root.appendingPathComponent(".git"))
        try "gitdir: /elsewhere/.git/worktrees/w\n".write(to: root.appendingPathComponent(".git"), atomically: true, encoding: .utf8)
        #expect(try CheckCommandTests.run(["classify", "plugins/writing-a-plugin.md"], in: root).stdout == classify.stdout)
    }

    /// `--config FILE` makes FILE's folder the workspace root, as a docent.json's folder is: a PATH
    /// narrows the report (it moved the root to the PATH's folder, where the configured glossary
    /// matched no file), and a PATH or DIR outside that folder is an error.
    @Test func aConfigurationFileSetsTheRootItsPathsAreRelativeTo() throws {
        let root = try CheckCommandTests.workspace([
            "glossary.md": "# Glossary\n\n## DocHub\n\nThe docs viewer.\n",
            "docs/p.md": "# P\n\nOpen Dochub.\n",
            "other/q.md": "# Q\n\nOpen Dochub.\n",
            "ci.json": "{\"glossaries\": [\"glossary.md\"], \"include\": [\"docs/**/*.md\"]}\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let file = try Self.check(["--config", "ci.json", "docs/p.md"], in: root)
        #expect(file.stderr.isEmpty)
        #expect(Self.warnedFiles(file) == ["docs/p.md"])
        #expect(file.stdout.hasSuffix("(1 checked)\n"))
        // From below, with the file's path from there: the same workspace.
        let below = try Self.check(["--config", "../ci.json", "p.md"], in: root.appendingPathComponent("docs"))
        #expect(below.stdout == file.stdout.replacingOccurrences(of: "docs/p.md:", with: "p.md:"))
        // Without a PATH: the current directory, in the workspace of the file's folder (the glossary,
        // outside include, is checked by the glossary rules too).
        #expect(try Self.check(["--config", "ci.json"], in: root).stdout == file.stdout.replacingOccurrences(of: "(1 checked)", with: "(2 checked)"))
        // Outside the configuration file's folder: an error, for every command.
        try FileManager.default.createDirectory(at: root.appendingPathComponent("site"), withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: root.appendingPathComponent("ci.json"), to: root.appendingPathComponent("site/ci.json"))
        let outside = try Self.check(["--config", "site/ci.json", "other/q.md"], in: root)
        #expect(outside.status == 2)
        #expect(outside.stderr.hasPrefix("docent check: other/q.md is outside the workspace root ") && outside.stderr.hasSuffix("/site (the folder of the --config file)\n"))
        for arguments in [["terms", "--config", "site/ci.json", "other"], ["sections", "--config", "site/ci.json", "other"],
                          ["explain", "DocHub", "other", "--config", "site/ci.json"], ["classify", "--config", "site/ci.json", "other/q.md"]] {
            let run = try CheckCommandTests.run(arguments, in: root)
            #expect(run.status == 2, "\(arguments)")
            #expect(run.stderr.contains(" is outside the workspace root ") && run.stderr.hasSuffix("/site (the folder of the --config file)\n"), "\(arguments): \(run.stderr)")
        }
        // Its paths are from its folder: site/glossary.md does not exist.
        let terms = try CheckCommandTests.run(["terms", "--config", "site/ci.json"], in: root)
        #expect(terms.stderr == "site/ci.json:1:17: warning: Glossary \"glossary.md\" matches no file\n"
                + "site/ci.json:1:45: warning: Include \"docs/**/*.md\" matches no file (none exists, or exclude drops each)\n")
    }

    /// Without docent.json, a folder argument below the glossary's folder is a workspace without a
    /// glossary: the clean report comes with a note that no terms were checked, naming the
    /// repository; a file of the same folder, which belongs to the repository, gets its warning and
    /// no note.
    @Test func aWorkspaceWithoutAGlossarySaysNoTermsWereChecked() throws {
        var files = ["workspace/.git/HEAD": "ref: refs/heads/main\n"]
        for (path, text) in Self.unconfigured { files["workspace/" + path] = text }
        let parent = try CheckCommandTests.workspace(files)
        defer { try? FileManager.default.removeItem(at: parent) }
        let root = parent.appendingPathComponent("workspace")
        let folder = try Self.check(["plugins"], in: root)
        #expect(folder.status == 0)
        #expect(folder.stdout == "0 errors, 0 warnings, 0 infos, 0 hints in 0 files (1 checked)\n")
        #expect(folder.stderr == "docent: no glossary in plugins, so no terms are checked (without a docent.json, a folder argument is a workspace "
                + "of its own; the repository is at .); check the folder that holds the glossary, or add a docent.json there\n")
        let json = try Self.check(["--format", "json", "plugins"], in: root)
        #expect(json.stdout == "[]\n" && json.stderr == folder.stderr)
        let file = try Self.check(["plugins/writing-a-plugin.md"], in: root)
        #expect(Self.warnedFiles(file) == ["plugins/writing-a-plugin.md"])
        #expect(file.stderr.isEmpty)
        // Outside any repository the note names no repository.
        try FileManager.default.removeItem(at: root.appendingPathComponent(".git"))
        let bare = try Self.check(["."], in: root.appendingPathComponent("plugins"))
        #expect(bare.stderr == "docent: no glossary in ., so no terms are checked (without a docent.json, a folder argument is a workspace "
                + "of its own); check the folder that holds the glossary, or add a docent.json there\n")
    }

    /// The note of a workspace without a glossary names the repository only when it is elsewhere:
    /// checking the repository itself says nothing of it.
    @Test func theNoGlossaryNoteNamesNoRepositoryAtTheRoot() throws {
        let root = try CheckCommandTests.workspace([".git/HEAD": "ref: refs/heads/main\n", "docs/a.md": "# A\n\nOpen Dochub.\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try Self.check([], in: root)
        #expect(run.stderr == "docent: no glossary in ., so no terms are checked (without a docent.json, a folder argument is a workspace "
                + "of its own); check the folder that holds the glossary, or add a docent.json there\n")
    }

    /// Without docent.json, a file (whose root is its repository) and the folder that holds it share
    /// the innermost root that holds both: the folder.
    @Test func aFileAndItsFolderShareTheInnermostRoot() throws {
        let root = try CheckCommandTests.workspace([".git/HEAD": "ref: refs/heads/main\n", "docs/a.md": "# A\n\nOpen Dochub.\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try Self.check(["docs/a.md", "docs"], in: root)
        #expect(run.stderr == "docent: no glossary in docs, so no terms are checked (without a docent.json, a folder argument is a workspace "
                + "of its own; the repository is at .); check the folder that holds the glossary, or add a docent.json there\n")
    }

    /// `--config FILE` in a folder that does not exist: the configuration file cannot be read (not
    /// a PATH outside a workspace root that does not exist).
    @Test func aConfigurationFileInAMissingFolderCannotBeRead() throws {
        let root = try CheckCommandTests.workspace(["docs/p.md": "# P\n\nOpen Dochub.\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        for arguments in [["check", "--config", "missing/ci.json", "docs/p.md"], ["check", "--config", "missing/ci.json"], ["terms", "--config", "missing/ci.json"]] {
            let run = try CheckCommandTests.run(arguments, in: root)
            #expect(run.status == 2, "\(arguments)")
            #expect(run.stderr == "missing/ci.json:1:1: error: Cannot read the configuration file: no such file\n", "\(arguments)")
        }
    }

    /// Without docent.json or a repository, a file's own folder is its workspace: the result does not
    /// depend on where the command runs, and files elsewhere are not read (nor reported on stderr).
    @Test func withoutConfigurationOrRepositoryAFileBelongsToItsFolder() throws {
        let parent = try CheckCommandTests.workspace([
            "siteA/docs/glossary.md": "# Glossary\n\n## DocHub\n\nThe docs viewer.\n",
            "siteA/docs/a.md": "# A\n\nOpen Dochub.\n",
            // Another site whose glossary spells it "Dochub", and a file that cannot be read as Markdown.
            "siteB/glossary.md": "# Glossary\n\n## Dochub\n\nAnother product, spelled so.\n",
            "siteB/binary.md": "x\u{0}y",
        ])
        defer { try? FileManager.default.removeItem(at: parent) }
        let fromParent = try Self.check(["siteA/docs/a.md"], in: parent)
        #expect(fromParent.status == 0)
        #expect(fromParent.stdout == "siteA/docs/a.md:3:6: warning[term-casing] Write “DocHub”, not “Dochub”\n0 errors, 1 warning, 0 infos, 0 hints in 1 file (1 checked)\n")
        #expect(fromParent.stderr.isEmpty)
        let fromFolder = try Self.check(["a.md"], in: parent.appendingPathComponent("siteA/docs"))
        #expect(fromFolder.stdout == "a.md:3:6: warning[term-casing] Write “DocHub”, not “Dochub”\n0 errors, 1 warning, 0 infos, 0 hints in 1 file (1 checked)\n")
        // In a repository, the whole repository is the workspace; the binary file elsewhere in it is
        // not said, as it is not among the paths asked for.
        try FileManager.default.createDirectory(at: parent.appendingPathComponent(".git"), withIntermediateDirectories: true)
        let inRepository = try Self.check(["siteA/docs/a.md"], in: parent)
        #expect(inRepository.stdout == "0 errors, 0 warnings, 0 infos, 0 hints in 0 files (1 checked)\n")
        #expect(inRepository.stderr.isEmpty)
        let whole = try Self.check(["."], in: parent)
        #expect(whole.stderr == "docent: skipped siteB/binary.md: a binary file (it holds NUL bytes), not Markdown\n")
        // Asked for, it is said.
        #expect(try Self.check(["siteB/binary.md"], in: parent).stderr.hasPrefix(whole.stderr + "docent check: siteB/binary.md holds no document of the workspace at "))
    }
}
