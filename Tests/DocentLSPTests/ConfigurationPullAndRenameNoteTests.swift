@testable import DocentCore
import DocentIO
import Testing
@testable import DocentLSP

@Suite struct ConfigurationPullAndRenameNoteTests {
    /// `settings: {}` (as Neovim sends it) carries no settings: a client that supports
    /// `workspace/configuration` is asked for them, as for `settings: null`.
    @Test func emptySettingsArePulled() throws {
        let client = try TestClient(files: CodeActionWorkspace.files, capabilities: ["workspace": ["configuration": true]])
        let before = client.notifications("workspace/configuration").count
        client.notify("workspace/didChangeConfiguration", ["settings": [:]])
        #expect(client.notifications("workspace/configuration").count == before + 1)
    }

    /// A rename note lists up to three files by name, and says "and N more" only past three.
    @Test func threeFilesAreListedWithoutAndMore() {
        let uses = ["a.md", "b.md", "c.md"].map { FileEdit(file: $0, range: 0..<1, newText: "x") }
        let plan = RenameFeature.Plan(edits: [], skippedUses: [], frontMatterMentions: [], ambiguousUses: uses)
        #expect(RenameRequest.note(plan) == "Docent: the rename left 3 uses that could as well mean another entry of the same name (a.md, b.md, c.md) as written.")
    }
}
