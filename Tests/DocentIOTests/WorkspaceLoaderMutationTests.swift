import DocentCore
import Foundation
import Testing
@testable import DocentIO

/// What mutation testing found unpinned in `WorkspaceLoader`: how far the binary probe looks, and a
/// glossary in a hidden folder that is named but not there.
@Suite struct WorkspaceLoaderMutationTests {
    /// Only the first `binaryProbeLength` bytes are looked at for NUL bytes, as Git does: a NUL there
    /// makes the file binary, one further on does not (the page is read, the NUL kept).
    @Test func onlyTheLeadingBytesAreProbedForNULs() throws {
        let folder = try HostileWorkspaceTests.Folder()
        defer { folder.remove() }
        let length = WorkspaceLoader.binaryProbeLength
        #expect(length == 8000)
        let prose = Array(String(repeating: "Docs text. ", count: length / 11 + 1).utf8)
        // The last byte probed is a NUL.
        try folder.write("docs/inside.md", Array(prose.prefix(length - 1)) + [0] + Array("\nMore text.\n".utf8))
        // The first byte not probed is a NUL.
        try folder.write("docs/beyond.md", Array(prose.prefix(length)) + [0] + Array("\nMore text.\n".utf8))
        let result = WorkspaceLoader(root: folder.root).load()
        #expect(result.skipped == [WorkspaceLoader.SkippedFile(path: "docs/inside.md", reason: "a binary file (it holds NUL bytes), not Markdown")])
        #expect(result.snapshot.sortedPaths == ["docs/beyond.md"])
        let text = try #require(result.snapshot.document("docs/beyond.md")).text
        #expect(text.count == length + 1 + 12)
        #expect(text.bytes[length] == 0)
    }

    /// A glossary named by its own path in a hidden folder is read when it is there; when it is not
    /// (or is a folder), it is not listed, so nothing is "skipped as unreadable": the configuration
    /// says it matches no file.
    @Test func aHiddenGlossaryThatIsNotThereIsUnmatchedNotUnreadable() throws {
        let folder = try HostileWorkspaceTests.Folder()
        defer { folder.remove() }
        try folder.write("docent.json", #"{ "glossaries": [".docs/glossary.md", ".terms/glossary.md", ".words/glossary.md"] }"#)
        try folder.write(".docs/glossary.md", "## DocHub\n\nThe viewer.\n")
        try folder.write(".words/glossary.md/readme.txt", "A folder, not a glossary.\n")
        try folder.write("docs/page.md", "# Page\n\nOpen the DocHub viewer.\n")
        let result = WorkspaceLoader(root: folder.root).load()
        #expect(result.snapshot.sortedPaths == [".docs/glossary.md", "docs/page.md"])
        #expect(result.skipped == [])
        #expect(result.snapshot.configurationProblems.map(\.message) == [
            "Glossary \".terms/glossary.md\" matches no file", "Glossary \".words/glossary.md\" matches no file",
        ])
        #expect(result.snapshot.glossaryPaths == [".docs/glossary.md"])
    }
}
