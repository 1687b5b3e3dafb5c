import DocentIO
import Foundation
import Testing

/// A few tests over real pipes to the built `docent lsp` binary.
@Suite(.serialized) struct EndToEndTests {
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static var binary: URL? {
        if let path = ProcessInfo.processInfo.environment["DOCENT_BINARY"] { return URL(fileURLWithPath: path) }
        for configuration in ["debug", "release"] {
            let url = repositoryRoot.appendingPathComponent(".build/\(configuration)/docent")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }

    final class Connection {
        let process = Process()
        let input = Pipe()
        let output = Pipe()
        var buffer: [UInt8] = []

        init(binary: URL) throws {
            process.executableURL = binary
            process.arguments = ["lsp", "--stdio"]
            process.standardInput = input
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
        }

        func send(_ message: JSONValue) {
            let body = JSONSerializer.bytes(message)
            input.fileHandleForWriting.write(Data("Content-Length: \(body.count)\r\n\r\n".utf8) + Data(body))
        }

        func sendRaw(_ bytes: String) { input.fileHandleForWriting.write(Data(bytes.utf8)) }

        /// Reads messages until one satisfies `predicate` (bounded by a deadline).
        func receive(until predicate: (JSONValue) -> Bool) throws -> JSONValue {
            let deadline = Date().addingTimeInterval(20)
            while Date() < deadline {
                if let separator = find([13, 10, 13, 10]) {
                    let header = String(decoding: buffer[..<separator], as: UTF8.self)
                    let length = Int(header.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) ?? 0
                    if buffer.count >= separator + 4 + length {
                        let body = Array(buffer[(separator + 4)..<(separator + 4 + length)])
                        buffer.removeFirst(separator + 4 + length)
                        let message = try JSONParser.parse(body)
                        if predicate(message) { return message }
                        continue
                    }
                }
                let data = output.fileHandleForReading.availableData
                if data.isEmpty { break }
                buffer += data
            }
            throw CocoaError(.fileReadUnknown)
        }

        func find(_ pattern: [UInt8]) -> Int? {
            guard buffer.count >= pattern.count else { return nil }
            for index in 0...(buffer.count - pattern.count) where Array(buffer[index..<(index + pattern.count)]) == pattern { return index }
            return nil
        }
    }

    @Test func aSessionOverRealPipes() throws {
        let binary = try #require(Self.binary, "build docent first (swift build) or set DOCENT_BINARY")
        let root = Self.repositoryRoot.appendingPathComponent("fixtures/portal")
        let connection = try Connection(binary: binary)
        connection.send(["jsonrpc": "2.0", "id": 1, "method": "initialize", "params": ["rootUri": .string(root.absoluteString), "capabilities": [:]]])
        let initialized = try connection.receive { $0["id"]?.intValue == 1 }
        #expect(initialized["result"]?["capabilities"]?["hoverProvider"]?.boolValue == true)
        connection.send(["jsonrpc": "2.0", "method": "initialized", "params": [:]])

        let page = root.appendingPathComponent("docs/portal/user-guides/e2e-page.md").absoluteString
        connection.send(["jsonrpc": "2.0", "method": "textDocument/didOpen", "params": ["textDocument": [
            "uri": .string(page), "languageId": "markdown", "version": 1, "text": "# Test\n\nThe Service Catalog lists DocHub pages.\n",
        ]]])
        connection.send(["jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": ["textDocument": ["uri": .string(page)], "position": ["line": 2, "character": 6]]])
        let hover = try connection.receive { $0["id"]?.intValue == 2 }
        #expect(hover["result"]?["contents"]?["value"]?.stringValue?.hasPrefix("**Service Catalog**") == true)

        connection.send(["jsonrpc": "2.0", "method": "textDocument/didChange", "params": [
            "textDocument": ["uri": .string(page), "version": 2],
            "contentChanges": [["range": ["start": ["line": 3, "character": 0], "end": ["line": 3, "character": 0]], "text": "Open the blue"]],
        ]])
        connection.send(["jsonrpc": "2.0", "id": 3, "method": "textDocument/completion", "params": ["textDocument": ["uri": .string(page)], "position": ["line": 3, "character": 13]]])
        let completion = try connection.receive { $0["id"]?.intValue == 3 }
        #expect(completion["result"]?["items"]?[0]?["label"]?.stringValue == "Blueprints")

        // A framing error and a bad body are answered, and the server still serves.
        connection.sendRaw("Content-Length: 3\r\n\r\n{x}")
        let parseError = try connection.receive { $0["error"]?["code"]?.intValue == -32700 }
        #expect(parseError["id"] == .null)

        let glossary = root.appendingPathComponent("docs/reference/glossary.md")
        connection.send(["jsonrpc": "2.0", "method": "textDocument/didOpen", "params": ["textDocument": [
            "uri": .string(glossary.absoluteString), "languageId": "markdown", "version": 1,
            "text": .string(try String(contentsOf: glossary, encoding: .utf8)),
        ]]])
        let diagnostics = try connection.receive { $0["method"]?.stringValue == "textDocument/publishDiagnostics" && $0["params"]?["uri"]?.stringValue == glossary.absoluteString }
        #expect(diagnostics["params"]?["diagnostics"]?.arrayValue?.contains { $0["code"]?.stringValue == "glossary-dangling-reference" } == true)

        connection.send(["jsonrpc": "2.0", "id": 4, "method": "shutdown"])
        _ = try connection.receive { $0["id"]?.intValue == 4 }
        connection.send(["jsonrpc": "2.0", "method": "exit"])
        connection.process.waitUntilExit()
        #expect(connection.process.terminationStatus == 0)
    }

    @Test func exitWithoutShutdownIsOneAndEOFEndsTheServer() throws {
        let binary = try #require(Self.binary, "build docent first (swift build) or set DOCENT_BINARY")
        let connection = try Connection(binary: binary)
        connection.send(["jsonrpc": "2.0", "method": "exit"])
        connection.process.waitUntilExit()
        #expect(connection.process.terminationStatus == 1)
        let second = try Connection(binary: binary)
        second.sendRaw("Content-Length: 50\r\n\r\n{\"jsonrpc\"")
        try second.input.fileHandleForWriting.close()
        second.process.waitUntilExit()
        #expect(second.process.terminationStatus == 1)
    }

    /// Runs the built `docent` with `arguments`: its exit status and its standard output as JSON.
    static func runJSON(_ arguments: [String]) throws -> (status: Int32, output: JSONValue) {
        let binary = try #require(Self.binary, "build docent first (swift build) or set DOCENT_BINARY")
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, try JSONParser.parse([UInt8](data)))
    }

    @Test func checkCommandOnTheBundledWorkspace() throws {
        let (status, report) = try Self.runJSON(["check", "--format", "json", Self.repositoryRoot.appendingPathComponent("fixtures/broken-glossary").path])
        #expect(status == 0)
        let codes = report.arrayValue?.compactMap { $0["code"]?.stringValue }.sorted()
        #expect(codes == ["glossary-dangling-reference", "glossary-dangling-reference", "glossary-duplicate", "glossary-empty", "glossary-self-definition"])
        let duplicate = report.arrayValue?.first { $0["code"]?.stringValue == "glossary-duplicate" }
        #expect(duplicate?["file"]?.stringValue == "glossary.md")
        #expect(duplicate?["range"] == ["start": ["line": 33, "character": 3], "end": ["line": 33, "character": 9]])
    }

    @Test func classifyNamesTheVerdictAndTheMostSimilarPages() throws {
        let (status, report) = try Self.runJSON(["classify", "--json",
                                                 Self.repositoryRoot.appendingPathComponent("fixtures/portal/docs/portal/user-guides/deploy-search-backend.md").path])
        #expect(status == 0)
        #expect(report["finding"]?["suggestedPersona"]?.stringValue == "administrator")
        #expect(report["finding"]?["suggestedSection"]?.stringValue == "docs/portal/operator-guides")
        #expect(report["verdict"] == "misplaced-document")
        #expect(report["verdictText"]?.stringValue?.hasPrefix("misplaced — reads as Administrator; suggested section: Developer Portal › Operator Guides (confidence ") == true)
        #expect(report["whyNoWarning"] == .null)
        // Every section's learned affinity, closest first: the suggested section leads.
        let affinities = report["sectionAffinities"]?.arrayValue ?? []
        #expect(affinities.first?["section"] == "docs/portal/operator-guides" && affinities.first?["title"] == "Developer Portal › Operator Guides")
        let affinityValues = affinities.compactMap { $0["affinity"]?.doubleValue }
        #expect(affinityValues.count == affinities.count && affinities.count >= 5 && affinityValues == affinityValues.sorted(by: >))
        let similar = report["similarPages"]?.arrayValue ?? []
        #expect(similar.count == 5)
        // The Helm deployment guide is the closest page, and every page listed is another page of a section.
        #expect(similar.first?["path"]?.stringValue == "docs/portal/operator-guides/deploying-with-helm.md")
        #expect(similar.first?["section"]?.stringValue == "docs/portal/operator-guides")
        #expect(!similar.contains { $0["path"]?.stringValue == "docs/portal/user-guides/deploy-search-backend.md" })
        // The page's only long-enough part reads much like the rest of the page.
        let parts = report["parts"]?.arrayValue ?? []
        #expect(parts.count == 4)
        #expect(parts.filter { $0["pageRatio"] == .null && $0["coherence"] == .null }.count == 3)
        #expect(parts.contains { ($0["pageRatio"]?.doubleValue ?? 9) < 0.5 && ($0["coherence"]?.doubleValue ?? 0) > 0.1 })
        let values = similar.compactMap { $0["similarity"]?.doubleValue }
        #expect(values.count == 5 && values == values.sorted(by: >) && values.allSatisfy { $0 > 0 && $0 < 1 })
        #expect(report["links"] == [:])
    }

    @Test func classifyCountsWhereAPagesLinksLead() throws {
        // The unsorted changelog notes link once to the upgrade guide, an Administrator page.
        let (status, report) = try Self.runJSON(["classify", "--json",
                                                 Self.repositoryRoot.appendingPathComponent("fixtures/portal/docs/unsorted/changelog-notes.md").path])
        #expect(status == 0)
        #expect(report["links"] == ["administrator": 1])
        #expect(report["linkedFrom"] == [:])
        // In no section, the page has a suggestion but no placed persona or share.
        #expect(report["finding"]?["suggestedPersona"] == "administrator")
        #expect(report["finding"]?["placedPersona"] == nil && report["finding"]?["placedShare"] == nil)
        #expect(report["verdict"] == "unplaced-document")
        #expect(report["verdictText"] == "unplaced — suggested section: Developer Portal › Operator Guides")
        // The Helm guide links to four operator pages, and the Docker guide links to it.
        let (_, helm) = try Self.runJSON(["classify", "--json",
                                          Self.repositoryRoot.appendingPathComponent("fixtures/portal/docs/portal/operator-guides/deploying-with-helm.md").path])
        #expect(helm["links"] == ["administrator": 4])
        #expect(helm["linkedFrom"] == ["administrator": 1])
    }
}
