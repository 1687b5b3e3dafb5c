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

    /// HTML's `href` and `src` move with the page as Markdown links do, quoted or not, in inline HTML
    /// and HTML blocks; not in code, nor JSX expressions, nor URLs with a scheme.
    @Test func htmlLinksAreRelocatedToo() {
        let page = """
        # Deploying

        See <a href="../setup.md#install">setup</a> and <img src='../../images/arch.png' alt="arch">.

        <div class="note">
          <a HREF=../setup.md>again</a> <a href="https://example.com/x.md">out</a> <img src={logo} />
        </div>

        `<a href="../setup.md">code</a>`

        """
        let snapshot = WorkspaceSnapshot(documents: [
            WorkspaceDocument(path: "docs/user/deploying.md", text: SourceText(page)),
            WorkspaceDocument(path: "docs/setup.md", text: SourceText("# Setup\n")),
            WorkspaceDocument(path: "docs/notes.md", text: SourceText("# Notes\n\n<a href=\"user/deploying.md\">deploying</a>\n")),
        ])
        let edits = LinkRelocation.edits(snapshot, moves: ["docs/user/deploying.md": "docs/ops/guides/deploying.md"])
        let moved = edits.filter { $0.file == "docs/user/deploying.md" }.sorted { $0.range.lowerBound < $1.range.lowerBound }
        #expect(moved.map(\.newText) == ["../../setup.md#install", "../../../images/arch.png", "../../setup.md"])
        let text = Array(page.utf8)
        #expect(moved.map { String(decoding: text[$0.range], as: UTF8.self) } == ["../setup.md#install", "../../images/arch.png", "../setup.md"])
        #expect(edits.filter { $0.file == "docs/notes.md" }.map(\.newText) == ["ops/guides/deploying.md"])
    }
}
