import Testing
@testable import DocentCore

@Suite struct LinkPathEdgeTests {
    /// An escape as the last three bytes of a destination is decoded too.
    @Test func percentEscapeAtTheEndIsDecoded() {
        #expect(WorkspacePath.percentDecoded(Array("caf%C3%A9".utf8)) == Array("café".utf8))
        #expect(WorkspacePath.percentDecoded(Array("my%20".utf8)) == Array("my ".utf8))
        let documents: Set<String> = ["docs/日本/ページ.md"]
        // A link written without `.md`, ending in an escape.
        #expect(WorkspacePath.linkTarget("../%E6%97%A5%E6%9C%AC/%E3%83%9A%E3%83%BC%E3%82%B8", from: "docs/a/page.md", isDocument: documents.contains) == "docs/日本/ページ.md")
    }

    /// With nested folder moves, the most specific folder decides where a file goes.
    @Test func theDeepestMovedFolderWins() {
        let snapshot = WorkspaceSnapshot(documents: [
            WorkspaceDocument(path: "a/b/c.md", text: SourceText("# C\n")),
            WorkspaceDocument(path: "a/d.md", text: SourceText("# D\n")),
            WorkspaceDocument(path: "index.md", text: SourceText("# Home\n\n[c](a/b/c.md) and [d](a/d.md)\n")),
        ])
        let edits = LinkRelocation.edits(snapshot, moves: ["a": "x", "a/b": "y"])
        #expect(edits.filter { $0.file == "index.md" }.map(\.newText) == ["y/c.md", "x/d.md"])
    }
}
