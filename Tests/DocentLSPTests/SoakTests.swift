import DocentIO
import Foundation
import Synchronization
import Testing
@testable import DocentLSP

/// A soak over real pipes: the built `docent lsp` serves `fixtures/portal` while a client sends about
/// 1,000 messages a second — edits and queries on open pages, pages opened and closed in the workspace,
/// in loose folders and as untitled buffers — reading every answer. Resident memory is sampled from
/// /proc; once every page is closed it must come back near where it stood after warming up.
///
/// 10 s in the unit suite; `Tests/reliability/soak.sh [SECONDS]` runs it longer against the release
/// binary (`DOCENT_SOAK_SECONDS`) and prints the figures.
@Suite(.serialized) struct SoakTests {
    static var seconds: Double { ProcessInfo.processInfo.environment["DOCENT_SOAK_SECONDS"].flatMap(Double.init) ?? 10 }
    static let messagesPerSecond = 1000.0

    /// The pages of the bundled workspace a soak edits.
    static let pages = [
        "docs/portal/user-guides/navigating-the-catalog.md", "docs/portal/user-guides/using-blueprints.mdx",
        "docs/portal/operator-guides/configuring-dochub-storage.md", "docs/framework/builder-guides/creating-a-plugin.md",
        "docs/reference/glossary.md", "docs/portal/business/rollout-plan.md",
    ]

    struct OpenPage {
        var uri: String
        var original: String
        var version: Int
        var lines: Int
        var edits = 0
    }

    /// What the soak's memory figure rests on: closing a loose file or an untitled buffer drops the
    /// stand-in workspace the server made for it, and closing leaves no per-document state behind.
    @Test func closedDocumentsLeaveNothingBehind() throws {
        let client = try TestClient(files: SampleWorkspace.files)
        let workspaces = client.server.queue.sync { client.server.workspaces.count }
        for index in 0..<200 {
            let uri = index % 2 == 0 ? "file:///tmp/docent-soak/folder-\(index)/page.md" : "untitled:Untitled-\(index)"
            client.notify("textDocument/didOpen", ["textDocument": ["uri": .string(uri), "languageId": "markdown", "version": 1, "text": .string("# Page \(index)\n\nThe Dochub.\n")]])
            client.notify("textDocument/didChange", ["textDocument": ["uri": .string(uri), "version": 2], "contentChanges": [["text": "# Changed\n"]]])
            _ = client.response("textDocument/hover", ["textDocument": ["uri": .string(uri)], "position": ["line": 0, "character": 3]])
            client.notify("textDocument/didClose", ["textDocument": ["uri": .string(uri)]])
        }
        client.open("docs/page.md", "# Page\n")
        client.notify("textDocument/didClose", ["textDocument": ["uri": .string(client.uri("docs/page.md"))]])
        client.server.queue.sync {
            #expect(client.server.workspaces.count == workspaces)
            #expect(client.server.openDocuments.isEmpty)
            #expect(client.server.overlayTexts.isEmpty)
            #expect(client.server.publishedDiagnostics.isEmpty)
        }
    }

    @Test func aSoakOfMixedEditsAndQueries() throws {
        let binary = try #require(EndToEndTests.binary, "build docent first (swift build) or set DOCENT_BINARY")
        let root = EndToEndTests.repositoryRoot.appendingPathComponent("fixtures/portal")
        let server = try ServerProcess(binary: binary)
        defer { server.terminate() }
        // Keep only what the soak looks at; count the rest.
        server.keepsMessage = { message in message["id"]?.stringValue?.hasPrefix("sync") == true }
        server.startReading()
        var nextID = 0
        var sent = 0
        func request(_ method: String, _ params: JSONValue) {
            server.send(["jsonrpc": "2.0", "id": JSONValue(nextID), "method": .string(method), "params": params])
            nextID += 1
            sent += 1
        }
        func notify(_ method: String, _ params: JSONValue) {
            server.send(["jsonrpc": "2.0", "method": .string(method), "params": params])
            sent += 1
        }
        /// Waits until the server has answered everything sent so far (a barrier request).
        func settle(_ name: String) -> Bool {
            server.send(["jsonrpc": "2.0", "id": .string("sync-\(name)"), "method": "workspace/symbol", "params": ["query": "zzz"]])
            return server.waitForMessages(timeout: 120) { $0.contains { $0["id"]?.stringValue == "sync-\(name)" } }.contains { $0["id"]?.stringValue == "sync-\(name)" }
        }

        server.send(["jsonrpc": "2.0", "id": .string("sync-init"), "method": "initialize", "params": ["rootUri": .string(root.absoluteString), "capabilities": [
            "textDocument": ["hover": ["contentFormat": ["markdown"]], "completion": ["completionItem": ["snippetSupport": true]]],
            "window": ["workDoneProgress": true],
        ]]])
        server.send(["jsonrpc": "2.0", "method": "initialized", "params": [:]])
        #expect(settle("initialized"))

        var generator = DocumentSyncPropertyTests.SeededGenerator(state: 7)
        var open: [OpenPage] = []
        var opened = 0
        func openPage(_ index: Int) {
            let path = Self.pages[index % Self.pages.count]
            let text = (try? String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)) ?? "# Page\n"
            // Every third page is a loose file in a folder of its own or an untitled buffer, so the
            // server creates (and must later drop) a stand-in workspace for it.
            let uri: String
            switch index % 3 {
            case 1: uri = "file:///tmp/docent-soak/folder-\(index)/page.md"
            case 2: uri = "untitled:Untitled-\(index)"
            default: uri = root.appendingPathComponent(path).absoluteString
            }
            if open.contains(where: { $0.uri == uri }) { return }
            notify("textDocument/didOpen", ["textDocument": ["uri": .string(uri), "languageId": "markdown", "version": 1, "text": .string(text)]])
            open.append(OpenPage(uri: uri, original: text, version: 1, lines: text.split(separator: "\n", omittingEmptySubsequences: false).count))
            opened += 1
        }
        func closePage(_ index: Int) {
            let page = open.remove(at: index)
            notify("textDocument/didClose", ["textDocument": ["uri": .string(page.uri)]])
        }
        func round() {
            let index = Int.random(in: 0..<open.count, using: &generator)
            let position: JSONValue = ["line": JSONValue(Int.random(in: 0..<open[index].lines, using: &generator)), "character": JSONValue(Int.random(in: 0..<40, using: &generator))]
            let document: JSONValue = ["uri": .string(open[index].uri)]
            switch Int.random(in: 0..<10, using: &generator) {
            case 0, 1, 2:
                open[index].version += 1
                open[index].edits += 1
                let change: JSONValue
                if open[index].edits % 50 == 0 {
                    // Back to the original now and then, so pages do not grow without end.
                    change = ["text": .string(open[index].original)]
                } else {
                    let words = ["The Service Catalog ", "dochub ", "Blueprints\n", "日本語 😀 ", "[link](x.md) ", "`code` ", "- item\n"]
                    change = ["range": ["start": position, "end": position], "text": .string(words.randomElement(using: &generator)!)]
                }
                notify("textDocument/didChange", ["textDocument": ["uri": .string(open[index].uri), "version": JSONValue(open[index].version)], "contentChanges": [change]])
            case 3, 4: request("textDocument/hover", ["textDocument": document, "position": position])
            case 5: request("textDocument/completion", ["textDocument": document, "position": position])
            case 6: request("textDocument/definition", ["textDocument": document, "position": position])
            case 7: request("textDocument/documentSymbol", ["textDocument": document])
            case 8: request("textDocument/codeAction", ["textDocument": document, "range": ["start": ["line": 0, "character": 0], "end": position], "context": ["diagnostics": []]])
            default: request("workspace/symbol", ["query": .string(["cat", "doc", "blue", "plug"].randomElement(using: &generator)!)])
            }
        }

        // Warm up: open every page once, exercise them, close them; what remains is the baseline.
        for index in 0..<Self.pages.count * 2 { openPage(index) }
        for _ in 0..<1000 { round() }
        while !open.isEmpty { closePage(0) }
        #expect(settle("warm"))
        let baseline = server.residentMegabytes()

        // The soak: batches of 10 messages every 10 ms, pages opening and closing as it goes.
        let start = Date()
        var peak = baseline ?? 0
        var samples: [Int] = []
        var lastSample = start
        var pageIndex = 0
        for _ in 0..<8 { openPage(pageIndex); pageIndex += 1 }
        while Date().timeIntervalSince(start) < Self.seconds {
            let batchStart = Date()
            for _ in 0..<10 { round() }
            if sent % 500 < 10 {
                closePage(Int.random(in: 0..<open.count, using: &generator))
                openPage(pageIndex)
                pageIndex += 1
            }
            // Never more than a few thousand unanswered requests: a client that reads keeps up.
            while nextID - server.responseCounts.all > 3000 { Thread.sleep(forTimeInterval: 0.005) }
            if Date().timeIntervalSince(lastSample) >= 0.5, let rss = server.residentMegabytes() {
                samples.append(rss)
                peak = max(peak, rss)
                lastSample = Date()
            }
            let pause = 10.0 / Self.messagesPerSecond - Date().timeIntervalSince(batchStart)
            if pause > 0 { Thread.sleep(forTimeInterval: pause) }
        }
        let elapsed = Date().timeIntervalSince(start)
        while !open.isEmpty { closePage(0) }
        #expect(settle("closed"))
        let afterClose = server.residentMegabytes()
        let (responses, errors) = server.responseCounts

        print("soak: \(String(format: "%.1f", elapsed)) s, \(sent) messages sent (\(Int(Double(sent) / elapsed))/s), \(nextID) requests, \(responses) responses (\(errors) errors), \(opened) pages opened and closed; RSS MB baseline \(baseline.map(String.init) ?? "?"), peak \(peak), after closing \(afterClose.map(String.init) ?? "?"); samples \(samples.map(String.init).joined(separator: " "))")

        #expect(responses == nextID + 4, "every request answered once (\(responses) of \(nextID + 4))")
        #expect(errors == 0)
        #expect(Double(sent) / elapsed > Self.messagesPerSecond * 0.5, "the server kept up with the client")
        if let baseline, let afterClose {
            #expect(afterClose <= baseline + max(48, baseline / 2), "memory came back near its baseline after closing (baseline \(baseline) MB, after \(afterClose) MB)")
        }
        server.send(["jsonrpc": "2.0", "id": .string("sync-shutdown"), "method": "shutdown"])
        _ = server.waitForMessages(timeout: 30) { $0.contains { $0["id"]?.stringValue == "sync-shutdown" } }
        server.send(["jsonrpc": "2.0", "method": "exit"])
        #expect(server.waitForExit(timeout: 30) == 0)
    }
}
