import DocentCore
import DocentIO
import Foundation
import Testing
@testable import DocentLSP

extension TestClient {
    /// The server's requests of `method` (registrations and unregistrations), in order.
    func serverRequests(_ method: String) -> [JSONValue] {
        sink.messages.withLock { $0.filter { $0["method"]?.stringValue == method && $0["id"] != nil } }
    }
}

/// File watchers follow the configuration (review: a glossary configured as `GLOSSARY.txt`, or pages
/// included as `.markdown`, were not watched, so changes on disk went unseen).
@Suite struct WatcherTests {
    static let watching: JSONValue = ["workspace": ["didChangeWatchedFiles": ["dynamicRegistration": true]]]
    static let relative: JSONValue = ["workspace": ["didChangeWatchedFiles": ["dynamicRegistration": true, "relativePatternSupport": true]]]
    static let config = #"{ "include": ["docs/**/*.md", "docs/**/*.markdown"], "glossaries": ["GLOSSARY.txt"] }"#
    static let glossary = "# Glossary\n\n## DocHub\n\nThe docs-as-code viewer.\n"
    static let files: [String: String] = [
        "docent.json": config,
        "GLOSSARY.txt": glossary,
        "docs/page.md": "# Page\n\nThe Dochub viewer shows the Pagebook.\n",
    ]
    static let fixed: [JSONValue] = [["globPattern": "**/docent.json"], ["globPattern": "**/.docent.json"], ["globPattern": "**/*", "kind": 4]]

    static func registration(id: String, _ watchers: [JSONValue]) -> JSONValue {
        ["registrations": [["id": .string(id), "method": "workspace/didChangeWatchedFiles", "registerOptions": ["watchers": .array(watchers)]]]]
    }

    @Test func theConfiguredIncludeAndGlossaryAreWatched() throws {
        let client = try TestClient(files: Self.files, capabilities: Self.watching)
        #expect(client.serverRequests("client/registerCapability").map { $0["params"] } == [Self.registration(id: "docent-watched-files", [
            ["globPattern": "**/docs/**/*.md"], ["globPattern": "**/docs/**/*.markdown"], ["globPattern": "**/GLOSSARY.txt"],
        ] + Self.fixed)])
        #expect(client.serverRequests("client/unregisterCapability") == [])

        // The glossary changes on disk: the open page follows it.
        client.open("docs/page.md", Self.files["docs/page.md"]!)
        #expect(client.pushed("docs/page.md") == ["term-casing/2"])
        try client.writeFile("GLOSSARY.txt", Self.glossary + "\n## PageBook\n\nThe printable handbook.\n")
        #expect(client.pushed("docs/page.md") == ["term-casing/2", "term-casing/2"])
        #expect(client.publishedDiagnostics("docs/page.md")?["diagnostics"]?[1]?["message"] == "Write “PageBook”, not “Pagebook”")

        // A page included as .markdown, created on disk, joins the workspace.
        try client.writeFile("docs/notes.markdown", "# Notes\n\nOpen Dochub.\n")
        client.notify("workspace/didChangeWatchedFiles", ["changes": [["uri": .string(client.uri("docs/notes.markdown")), "type": 1]]])
        let reports = try client.request("workspace/diagnostic", ["previousResultIds": []])["items"]?.arrayValue ?? []
        let notes = try #require(reports.first { $0["uri"]?.stringValue == client.uri("docs/notes.markdown") })
        #expect(notes["items"]?.arrayValue?.map { $0["code"] } == ["term-casing"])
    }

    @Test func aNewConfigurationReplacesTheWatchers() throws {
        let client = try TestClient(files: Self.files, capabilities: Self.watching)
        // Rules only: the same files to watch, nothing registered again.
        try client.writeFile("docent.json", #"{ "include": ["docs/**/*.md", "docs/**/*.markdown"], "glossaries": ["GLOSSARY.txt"], "rules": { "term-casing": "error" } }"#)
        #expect(client.serverRequests("client/registerCapability").count == 1)
        // The glossary moves and the .markdown pages go: the new watchers are registered, then the
        // old ones dropped.
        try FileManager.default.createDirectory(at: client.root.appendingPathComponent("terms"), withIntermediateDirectories: true)
        try Self.glossary.write(to: client.root.appendingPathComponent("terms/GLOSSARY.txt"), atomically: true, encoding: .utf8)
        try client.writeFile("docent.json", #"{ "include": ["docs/**/*.md"], "glossaries": ["terms/GLOSSARY.txt"] }"#)
        let registrations = client.serverRequests("client/registerCapability")
        try #require(registrations.count == 2)
        #expect(registrations[1]["params"] == Self.registration(id: "docent-watched-files-2", [
            ["globPattern": "**/docs/**/*.md"], ["globPattern": "**/terms/GLOSSARY.txt"],
        ] + Self.fixed))
        let unregistrations = client.serverRequests("client/unregisterCapability")
        #expect(unregistrations.map { $0["params"] } == [["unregisterations": [["id": "docent-watched-files", "method": "workspace/didChangeWatchedFiles"]]]])
        let order = client.sink.messages.withLock { $0.compactMap { $0["method"]?.stringValue }.filter { $0.hasPrefix("client/") } }
        #expect(order == ["client/registerCapability", "client/registerCapability", "client/unregisterCapability"])
        // The moved glossary is watched: its change reaches the page.
        client.open("docs/page.md", Self.files["docs/page.md"]!)
        #expect(client.pushed("docs/page.md") == ["term-casing/2"])
        try client.writeFile("terms/GLOSSARY.txt", "# Glossary\n\n## PageBook\n\nThe printable handbook.\n")
        #expect(client.pushed("docs/page.md") == ["term-casing/2"])
        #expect(client.publishedDiagnostics("docs/page.md")?["diagnostics"]?[0]?["message"] == "Write “PageBook”, not “Pagebook”")
        // An open, unsaved docent.json is the configuration in force: its watchers too, until it is
        // closed unsaved.
        client.openConfiguration(#"{ "include": ["docs/**/*.md"], "glossaries": ["GLOSSARY.txt"] }"#)
        #expect(client.serverRequests("client/registerCapability").last?["params"]?["registrations"]?[0]?["registerOptions"]?["watchers"]?[1]
            == ["globPattern": "**/GLOSSARY.txt"])
        client.notify("textDocument/didClose", ["textDocument": ["uri": .string(client.uri("docent.json"))]])
        #expect(client.serverRequests("client/registerCapability").last?["params"]?["registrations"]?[0]?["registerOptions"]?["watchers"]?[1]
            == ["globPattern": "**/terms/GLOSSARY.txt"])
        #expect(client.serverRequests("client/registerCapability").count == 4)
        #expect(client.serverRequests("client/unregisterCapability").compactMap { $0["params"]?["unregisterations"]?[0]?["id"]?.stringValue }
            == ["docent-watched-files", "docent-watched-files-2", "docent-watched-files-3"])
    }

    /// A client that takes relative patterns gets each folder's globs relative to it. A folder named
    /// without wildcards is watched with what is under it; a glossary an include glob covers is not
    /// watched twice.
    @Test func relativePatternsPerWorkspaceFolder() throws {
        let client = try TestClient(files: [
            "docent.json": #"{ "include": ["docs", "**/*.mdx"], "glossaries": ["docs/glossary.md", "GLOSSARY.txt"] }"#,
            "docs/glossary.md": Self.glossary, "GLOSSARY.txt": Self.glossary,
            "site/docent.json": #"{ "include": ["pages/**/*.markdown"] }"#,
        ], capabilities: Self.relative)
        let root = JSONValue.string(client.root.absoluteString)
        func relative(_ base: JSONValue, _ pattern: String) -> JSONValue { ["globPattern": ["baseUri": base, "pattern": .string(pattern)]] }
        let first: [JSONValue] = [relative(root, "docs"), relative(root, "docs/**"), relative(root, "**/*.mdx"), relative(root, "GLOSSARY.txt")]
        #expect(client.serverRequests("client/registerCapability").map { $0["params"] } == [Self.registration(id: "docent-watched-files", first + Self.fixed)])
        // A second workspace folder adds its own.
        let site = client.root.appendingPathComponent("site")
        client.notify("workspace/didChangeWorkspaceFolders", ["event": ["added": [["uri": .string(site.absoluteString), "name": "site"]], "removed": []]])
        #expect(client.serverRequests("client/registerCapability").last?["params"]
            == Self.registration(id: "docent-watched-files-2", first + [relative(.string(site.absoluteString), "pages/**/*.markdown")] + Self.fixed))
        #expect(client.serverRequests("client/unregisterCapability").count == 1)
    }

    /// No dynamic registration: nothing is registered, ever.
    @Test func noWatchersWithoutDynamicRegistration() throws {
        let client = try TestClient(files: Self.files)
        try client.writeFile("docent.json", #"{ "include": ["docs/**/*.md"] }"#)
        #expect(client.serverRequests("client/registerCapability") == [])
        #expect(client.serverRequests("client/unregisterCapability") == [])
    }
}
