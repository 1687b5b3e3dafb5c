import DocentCore
import DocentIO
import DocentLSP
import Foundation

/// `docent-bench lsp WORKSPACE [--requests N] [--extra-terms N] [--binary PATH]`: drives the built
/// `docent lsp` over real pipes like an editor and reports, for each request kind, p50/p99/max round
/// trips over N requests at positions spread over real term uses; the time from `initialized` to
/// complete diagnostics of the whole workspace; `didChange` → `publishDiagnostics` on the largest page;
/// and the server's peak RSS.
enum LSPScenario {
    static func run(_ arguments: [String]) -> Int32 {
        guard let options = BenchmarkOptions.scenario("lsp", arguments, valued: ["--requests", "--extra-terms", "--binary", "--seed"],
                                                      usage: "usage: docent-bench lsp WORKSPACE [--requests N] [--extra-terms N] [--binary PATH]"),
              let workspacePath = options.positional.first else { return 2 }
        let requests = Int(options.value("--requests") ?? "1000") ?? 1000
        let extraTerms = Int(options.value("--extra-terms") ?? "0") ?? 0
        guard let binary = locateBinary(options.value("--binary")) else {
            printError("docent-bench lsp: cannot find the docent binary; run `swift build -c release` first or pass --binary")
            return 2
        }
        // With extra terms, measure on a copy of the workspace with a generated glossary added.
        var root = URL(fileURLWithPath: workspacePath).standardizedFileURL
        var temporary: URL?
        if extraTerms > 0 {
            do { (root, temporary) = try copyWithGeneratedGlossary(root, terms: extraTerms) } catch {
                printError("docent-bench lsp: cannot prepare the workspace copy: \(error)")
                return 2
            }
        }
        defer { if let temporary { try? FileManager.default.removeItem(at: temporary) } }

        // Positions of real term uses, chosen in process with the same core the server uses.
        let loaded = WorkspaceLoader(root: root).load().snapshot
        var generator = SeededGenerator(seed: UInt64(options.value("--seed") ?? "42") ?? 42)
        var uses: [(uri: String, position: Position)] = []
        for path in loaded.sortedPaths {
            guard let document = loaded.document(path) else { continue }
            for match in loaded.termMatches(in: path) {
                uses.append((root.appendingPathComponent(path).absoluteString, document.text.position(of: match.range.lowerBound + 1, encoding: .utf16)))
            }
        }
        guard !uses.isEmpty else {
            printError("docent-bench lsp: the workspace has no term uses to measure")
            return 2
        }
        let chosen = (0..<requests).map { _ in uses[Int(generator.next() % UInt64(uses.count))] }

        print("docent-bench lsp \(workspacePath)\(extraTerms > 0 ? " with \(extraTerms) extra terms" : "") — \(loaded.documents.count) documents, \(loaded.glossary.entries.count) glossary entries; \(ProcessStats.machine)")
        var rows: [[String]] = []
        // Session 1: a pull-diagnostics client (as VS Code is).
        do {
            let client = try PipeLSPClient(binary: binary)
            _ = client.request("initialize", ["rootUri": .string(root.absoluteString), "capabilities": [
                "textDocument": ["diagnostic": ["dynamicRegistration": false], "completion": ["completionItem": ["resolveSupport": ["properties": ["documentation"]]]]],
                "general": ["positionEncodings": ["utf-16"]],
            ]])
            let start = DispatchTime.now().uptimeNanoseconds
            client.notify("initialized", [:])
            let (report, _) = client.request("workspace/diagnostic", ["previousResultIds": []])
            let firstDiagnostics = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
            let reported = report["result"]?["items"]?.arrayValue?.count ?? 0
            rows.append(["first complete diagnostics (\(reported) files)", "", "", format(firstDiagnostics, 1), "1"])
            for (method, label) in [("textDocument/hover", "hover"), ("textDocument/completion", "completion"), ("textDocument/definition", "definition"), ("textDocument/references", "references"),
                                    ("textDocument/codeAction", "code actions (cursor on a term, no diagnostics sent)")] {
                var samples = LatencySamples()
                for use in chosen {
                    var position = use.position
                    if method == "textDocument/completion" { position.character += 2 }
                    var params: JSONObject = ["textDocument": ["uri": .string(use.uri)], "position": ["line": JSONValue(position.line), "character": JSONValue(position.character)]]
                    if method == "textDocument/references" { params["context"] = ["includeDeclaration": false] }
                    if method == "textDocument/codeAction" {
                        // As editors ask on every cursor move, for the lightbulb: an empty range at the cursor.
                        let point: JSONValue = ["line": JSONValue(position.line), "character": JSONValue(position.character)]
                        params["range"] = ["start": point, "end": point]
                        params["context"] = ["diagnostics": []]
                        params["position"] = nil
                    }
                    let (_, milliseconds) = client.request(method, .object(params))
                    samples.add(milliseconds)
                }
                rows.append([label, format(samples.percentile(0.5), 3), format(samples.percentile(0.99), 3), format(samples.maximum, 3), "\(samples.count)"])
            }
            let rss = ProcessStats.peakRSS(pid: client.process.processIdentifier)
            client.shutdown()
            rows.append(["server peak RSS (MiB)", "", "", format(rss ?? .nan, 1), ""])
        } catch {
            printError("docent-bench lsp: cannot start \(binary.path): \(error)")
            return 1
        }
        // Session 2: a push-diagnostics client editing the largest page.
        do {
            let client = try PipeLSPClient(binary: binary)
            _ = client.request("initialize", ["rootUri": .string(root.absoluteString), "capabilities": [:]])
            client.notify("initialized", [:])
            let largest = loaded.sortedPaths.max { (loaded.document($0)?.text.count ?? 0) < (loaded.document($1)?.text.count ?? 0) }!
            let text = loaded.document(largest)!.text
            let uri = root.appendingPathComponent(largest).absoluteString
            client.notify("textDocument/didOpen", ["textDocument": ["uri": .string(uri), "languageId": "markdown", "version": 1, "text": .string(text.string)]])
            _ = client.wait { $0["method"]?.stringValue == "textDocument/publishDiagnostics" && $0["params"]?["version"]?.intValue == 1 }
            var samples = LatencySamples()
            var version = 1
            var lastLine = 0
            var lastPublished: JSONValue?
            let lines = text.lineTable.lineCount
            for index in 0..<requests {
                version += 1
                let line = Int(generator.next() % UInt64(max(lines - 1, 1)))
                // Type a word, then take it out again, so the page stays the same size.
                let change: JSONValue = index % 2 == 0
                    ? ["range": ["start": ["line": JSONValue(line), "character": 0], "end": ["line": JSONValue(line), "character": 0]], "text": "Catalog "]
                    : ["range": ["start": ["line": JSONValue(lastLine), "character": 0], "end": ["line": JSONValue(lastLine), "character": 8]], "text": ""]
                if index % 2 == 0 { lastLine = line }
                let start = DispatchTime.now().uptimeNanoseconds
                client.notify("textDocument/didChange", ["textDocument": ["uri": .string(uri), "version": JSONValue(version)], "contentChanges": [change]])
                let expected = version
                let published = client.wait { $0["method"]?.stringValue == "textDocument/publishDiagnostics" && $0["params"]?["version"]?.intValue == expected }
                lastPublished = published
                if published == .null {
                    printError("docent-bench lsp: no diagnostics for version \(expected)")
                    return 1
                }
                samples.add(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
            }
            rows.append(["didChange → publishDiagnostics (\(largest), \(text.count / 1024) KB)", format(samples.percentile(0.5), 3), format(samples.percentile(0.99), 3), format(samples.maximum, 3), "\(samples.count)"])
            // Code actions for a finding of that page, sent as an editor sends it: its quick fixes and
            // the "fix all" of the page, whose count is in its title.
            let findings = lastPublished?["params"]?["diagnostics"]?.arrayValue ?? []
            if !findings.isEmpty {
                var actionSamples = LatencySamples()
                for _ in 0..<requests {
                    let finding = findings[Int(generator.next() % UInt64(findings.count))]
                    let (_, milliseconds) = client.request("textDocument/codeAction", ["textDocument": ["uri": .string(uri)], "range": finding["range"] ?? .null,
                                                                                      "context": ["diagnostics": [finding]]])
                    actionSamples.add(milliseconds)
                }
                rows.append(["code actions for a finding (\(findings.count) on that page)", format(actionSamples.percentile(0.5), 3), format(actionSamples.percentile(0.99), 3), format(actionSamples.maximum, 3), "\(actionSamples.count)"])
            }
            client.shutdown()
        } catch {
            printError("docent-bench lsp: cannot start \(binary.path): \(error)")
            return 1
        }
        printTable(["round trip (ms)", "p50", "p99", "max", "n"], rows)
        return 0
    }

    /// The `docent` binary beside this benchmark's own executable, or the one given.
    static func locateBinary(_ given: String?) -> URL? {
        if let given { return URL(fileURLWithPath: given) }
        let own = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let sibling = own.deletingLastPathComponent().appendingPathComponent("docent")
        return FileManager.default.isExecutableFile(atPath: sibling.path) ? sibling : nil
    }

    /// Copies the workspace to a temporary folder and adds a glossary of `terms` generated entries.
    static func copyWithGeneratedGlossary(_ root: URL, terms: Int) throws -> (URL, URL) {
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("docent-bench-\(UUID().uuidString.prefix(8))")
        try FileManager.default.copyItem(at: root, to: temporary)
        try SyntheticGlossary.text(terms: terms).write(to: temporary.appendingPathComponent("generated-glossary.md"), atomically: true, encoding: .utf8)
        return (temporary, temporary)
    }
}

/// Generated glossary entries with made-up two-word terms, for scaling the glossary.
enum SyntheticGlossary {
    static let syllables = ["ka", "lo", "mi", "ru", "ta", "ve", "zo", "pe", "ni", "sa", "do", "gu", "fe", "hy", "jo", "wa"]

    static func term(_ index: Int) -> String {
        var value = index
        var word = ""
        repeat {
            word += syllables[value % syllables.count]
            value /= syllables.count
        } while value > 0
        return word.prefix(1).uppercased() + word.dropFirst() + " Widget"
    }

    static func text(terms: Int) -> String {
        var text = "# Generated glossary\n\n"
        for index in 0..<terms {
            text += "## \(term(index))\n\nA made-up entry number \(index) used to measure how Docent scales with the glossary.\n\n"
        }
        return text
    }
}
