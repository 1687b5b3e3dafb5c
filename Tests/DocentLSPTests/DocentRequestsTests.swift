import DocentIO
import Foundation
import Testing
@testable import DocentLSP

/// The Docent extension requests an editor's status bar and report command use.
@Suite struct DocentRequestsTests {
    static let files: [String: String] = [
        "docent.json": #"""
        { "sections": [
            { "path": "docs/user", "title": "Portal › User Guides", "persona": "end-user" },
            { "path": "docs/ops", "title": "Portal › Operator Guides", "persona": "administrator" } ] }
        """#,
        "docs/user/search.md": "# Searching\n\nClick the search box in the sidebar, type a word and select a result to open the page.\n",
        "docs/user/profile.md": "# Your profile\n\nOpen the settings page, click Edit and select your team from the list.\n",
        "docs/ops/deploy.md": "# Deploying\n\nRun helm install with the chart and set HARBOR_DB_PASSWORD in app-config.yaml before kubectl apply.\n",
        "docs/ops/upgrade.md": "# Upgrading\n\nBump the image tag in the helm values, run kubectl rollout status and watch the database migration.\n",
    ]

    @Test func pagePlacementNamesTheSectionAndItsPersona() throws {
        let client = try TestClient(files: Self.files)
        let result = try client.request("docent/pagePlacement", ["textDocument": ["uri": .string(client.uri("docs/user/search.md"))]])
        #expect(result["section"] == ["title": "Portal › User Guides", "path": "docs/user"])
        #expect(result["persona"]?["id"]?.stringValue == "end-user")
        #expect(result["persona"]?["title"]?.stringValue == "End User")
        #expect(result["readsAs"]?["id"] != nil)
        // A page given no verdict has no confidence (review: it was the leading share).
        #expect(result["confidence"] == nil)
        #expect(result["suggestedSection"] == nil)
    }

    @Test func personaReportIsMarkdownWithTheSections() throws {
        let client = try TestClient(files: Self.files)
        let result = try client.request("docent/personaReport", ["textDocument": ["uri": .string(client.uri("docs/ops/deploy.md"))]])
        let markdown = try #require(result["markdown"]?.stringValue)
        #expect(markdown.hasPrefix("# Persona report: docs/ops/deploy.md\n\n**Verdict:** fits its section"))
        #expect(markdown.contains("- **Portal › User Guides** (`docs/user`): End User, 2 pages"))
        #expect(markdown.contains("- **Portal › Operator Guides** (`docs/ops`): "))
        // One page is "1 page" (review: "1 pages").
        let single = try TestClient(files: Self.files.filter { $0.key != "docs/ops/upgrade.md" })
        let report = try single.request("docent/personaReport", ["textDocument": ["uri": .string(single.uri("docs/ops/deploy.md"))]])
        #expect(report["markdown"]?.stringValue?.hasSuffix("(`docs/ops`): Administrator, 1 page") == true)
    }

    @Test func unknownDocumentsAreInvalidParams() throws {
        let client = try TestClient(files: Self.files)
        #expect(client.response("docent/pagePlacement", ["textDocument": ["uri": "file:///nowhere/x.md"]])["error"]?["code"]?.intValue == -32602)
    }
}

@Suite struct TraceTests {
    @Test func setTraceTurnsLogTraceOnAndOff() throws {
        let client = try TestClient(files: SampleWorkspace.files)
        client.notify("$/setTrace", ["value": "verbose"])
        _ = client.response("workspace/symbol", ["query": "doc"])
        let traces = client.notifications("$/logTrace")
        #expect(traces.count == 1)
        #expect(traces.first?["params"]?["message"]?.stringValue?.hasPrefix("Handled request 'workspace/symbol - (") == true)
        #expect(traces.first?["params"]?["verbose"]?.stringValue == #"Params: {"query":"doc"}"#)
        client.notify("$/setTrace", ["value": "off"])
        _ = client.response("workspace/symbol", ["query": "doc"])
        #expect(client.notifications("$/logTrace").count == 1)
    }

    /// `initialize` with `trace` turns tracing on while it is handled; its trace gives the time it
    /// took (review: it gave the machine's uptime, the start having been taken while tracing was off).
    @Test func theInitializeTraceGivesItsOwnDuration() throws {
        let client = try TestClient(files: SampleWorkspace.files, initialize: false)
        _ = try client.request("initialize", ["rootUri": .string(client.root.absoluteString), "capabilities": [:], "trace": "messages"])
        let message = try #require(client.notifications("$/logTrace").first?["params"]?["message"]?.stringValue)
        let milliseconds = try #require(Int(message.split(separator: " ").last?.dropLast(3) ?? ""))
        #expect(message.hasPrefix("Handled request 'initialize - ("))
        #expect(milliseconds < 60_000)
    }
}
