import DocentCore
import DocentIO
import Foundation
import Testing
@testable import DocentLSP

/// A client that registers no file watchers (Neovim on Linux): the server looks at the disk itself,
/// so a glossary or docent.json changed outside the editor (a `git pull`) reaches the pages.
@Suite struct DiskPollingTests {
    static let files = ConfiguredGlossaryServerTests.files.merging(["docent.json": #"{ "glossaries": ["glossary.md"] }"#]) { $1 }
    static let page = ConfiguredGlossaryServerTests.page

    /// Writes a file as another program would: no notification.
    func writeBehindTheEditor(_ client: TestClient, _ path: String, _ text: String) throws {
        let url = client.root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    @Test func changesOnDiskReachThePages() throws {
        let client = try TestClient(files: Self.files)
        client.open("docs/page.md", Self.page)
        #expect(client.pushed("docs/page.md") == ["term-casing/2"])
        // Nothing changed: nothing happens.
        let before = client.publications("docs/page.md").count
        client.server.pollDiskNow()
        #expect(client.publications("docs/page.md").count == before)
        // The glossary renamed its term behind the editor's back.
        try writeBehindTheEditor(client, "glossary.md", "# Glossary\n\n## Pagebook\n\nAnother tool.\n")
        client.server.pollDiskNow()
        #expect(client.pushed("docs/page.md") == [])
        // docent.json changed: its rules apply.
        try writeBehindTheEditor(client, "glossary.md", ConfiguredGlossaryServerTests.glossary)
        try writeBehindTheEditor(client, "docent.json", #"{ "glossaries": ["glossary.md"], "rules": { "term-casing": "error" } }"#)
        client.server.pollDiskNow()
        #expect(client.pushed("docs/page.md") == ["term-casing/1"])
        // A page created and one deleted: in the workspace, and gone from it.
        try writeBehindTheEditor(client, "docs/new.md", "# New\n\nOpen Dochub.\n")
        client.server.pollDiskNow()
        #expect(client.server.workspaces.first?.snapshot.document("docs/new.md") != nil)
        try FileManager.default.removeItem(at: client.root.appendingPathComponent("docs/new.md"))
        client.server.pollDiskNow()
        #expect(client.server.workspaces.first?.snapshot.document("docs/new.md") == nil)
    }

    /// A change that keeps the file's size (a term's casing corrected) is seen by its modification time.
    @Test func aChangeOfTheSameSizeIsSeen() throws {
        let client = try TestClient(files: Self.files)
        client.open("docs/page.md", Self.page)
        #expect(client.pushed("docs/page.md") == ["term-casing/2"])
        let glossary = ConfiguredGlossaryServerTests.glossary.replacingOccurrences(of: "## DocHub", with: "## Dochub")
        #expect(glossary.utf8.count == ConfiguredGlossaryServerTests.glossary.utf8.count)
        try writeBehindTheEditor(client, "glossary.md", glossary)
        client.server.pollDiskNow()
        #expect(client.pushed("docs/page.md") == [])
    }

    /// An open document is the editor's: a change on disk does not replace its buffer.
    @Test func anOpenDocumentKeepsItsBuffer() throws {
        let client = try TestClient(files: Self.files)
        client.open("docs/page.md", Self.page)
        try writeBehindTheEditor(client, "docs/page.md", "# Page\n\nOpen DocHub.\n")
        client.server.pollDiskNow()
        #expect(client.pushed("docs/page.md") == ["term-casing/2"])
        #expect(client.server.workspaces.first?.snapshot.document("docs/page.md")?.text.string == Self.page)
    }

    /// Answers the server's last file-watcher registration: with success, or with an error.
    func answerRegistration(_ client: TestClient, refusing: Bool) throws {
        let id = try #require(client.serverRequests("client/registerCapability").last?["id"])
        client.send(refusing ? ["jsonrpc": "2.0", "id": id, "error": ["code": -32603, "message": "no watchers here"]]
                             : ["jsonrpc": "2.0", "id": id, "result": .null])
        client.server.waitUntilIdle()
    }

    /// A client that accepts the server's watchers is told by them; the server does not look.
    @Test func aClientWithWatchersIsNotPolledFor() throws {
        let client = try TestClient(files: Self.files, capabilities: ["workspace": ["didChangeWatchedFiles": ["dynamicRegistration": true]]])
        try answerRegistration(client, refusing: false)
        client.open("docs/page.md", Self.page)
        try writeBehindTheEditor(client, "glossary.md", "# Glossary\n\n## Pagebook\n\nAnother tool.\n")
        client.server.pollDiskNow()
        #expect(client.pushed("docs/page.md") == ["term-casing/2"])
    }

    /// A registration counts once the client accepts it (review: a client that refused the watchers,
    /// or never answered, had neither watchers nor polling, and a glossary changed on disk went
    /// unseen). Until then the server looks; refused, it keeps looking and says why.
    @Test func aClientThatRefusesOrHasNotAnsweredTheWatchersIsPolledFor() throws {
        let capabilities: JSONValue = ["workspace": ["didChangeWatchedFiles": ["dynamicRegistration": true]]]
        let unanswered = try TestClient(files: Self.files, capabilities: capabilities)
        unanswered.open("docs/page.md", Self.page)
        try writeBehindTheEditor(unanswered, "glossary.md", "# Glossary\n\n## Pagebook\n\nAnother tool.\n")
        unanswered.server.pollDiskNow()
        #expect(unanswered.pushed("docs/page.md") == [])

        let refusing = try TestClient(files: Self.files, capabilities: capabilities)
        try answerRegistration(refusing, refusing: true)
        #expect(refusing.notifications("window/logMessage").contains {
            $0["params"]?["type"] == 2 && $0["params"]?["message"]?.stringValue == "The editor refused Docent's file watchers, so Docent looks at the disk for changes itself."
        })
        refusing.open("docs/page.md", Self.page)
        try writeBehindTheEditor(refusing, "glossary.md", "# Glossary\n\n## Pagebook\n\nAnother tool.\n")
        refusing.server.pollDiskNow()
        #expect(refusing.pushed("docs/page.md") == [])
    }

    /// Watchers accepted, then a new registration (docent.json now reads `.markdown` pages) refused:
    /// the server looks again, and a change made since the first look is seen.
    @Test func aLaterRegistrationRefusedStartsTheLooksAgain() throws {
        let client = try TestClient(files: Self.files, capabilities: ["workspace": ["didChangeWatchedFiles": ["dynamicRegistration": true]]])
        try answerRegistration(client, refusing: false)
        client.open("docs/page.md", Self.page)
        client.open("docent.json", #"{ "glossaries": ["glossary.md"], "include": ["**/*.md", "**/*.markdown"] }"#)
        #expect(client.serverRequests("client/registerCapability").count == 2)
        try writeBehindTheEditor(client, "glossary.md", "# Glossary\n\n## Pagebook\n\nAnother tool.\n")
        client.server.pollDiskNow()
        #expect(client.pushed("docs/page.md") == ["term-casing/2"])
        try answerRegistration(client, refusing: true)
        client.server.pollDiskNow()
        #expect(client.pushed("docs/page.md") == [])
    }

    /// The timer stops when the watchers are accepted and starts again when a later registration
    /// is refused: a change on disk is then seen without anyone asking.
    @Test func aRefusedLaterRegistrationStartsTheTimerAgain() throws {
        let client = try TestClient(files: Self.files, capabilities: ["workspace": ["didChangeWatchedFiles": ["dynamicRegistration": true]]], diskPollInterval: 0.05)
        try answerRegistration(client, refusing: false)
        #expect(client.server.diskPoll == nil)
        client.open("docs/page.md", Self.page)
        client.open("docent.json", #"{ "glossaries": ["glossary.md"], "include": ["**/*.md", "**/*.markdown"] }"#)
        try answerRegistration(client, refusing: true)
        #expect(client.pushed("docs/page.md") == ["term-casing/2"])
        try writeBehindTheEditor(client, "glossary.md", "# Glossary\n\n## Pagebook\n\nAnother tool.\n")
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline {
            client.server.waitUntilIdle()
            if client.pushed("docs/page.md") == [] { break }
            Thread.sleep(forTimeInterval: 0.02)
        }
        #expect(client.pushed("docs/page.md") == [])
    }

    /// The timer: with an interval, a change on disk is seen without anyone asking.
    @Test func theServerLooksOnItsOwn() throws {
        let client = try TestClient(files: Self.files, diskPollInterval: 0.05)
        client.open("docs/page.md", Self.page)
        #expect(client.pushed("docs/page.md") == ["term-casing/2"])
        try writeBehindTheEditor(client, "glossary.md", "# Glossary\n\n## Pagebook\n\nAnother tool.\n")
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            client.server.waitUntilIdle()
            if client.pushed("docs/page.md") == [] { break }
            Thread.sleep(forTimeInterval: 0.02)
        }
        #expect(client.pushed("docs/page.md") == [])
    }
}
