import DocentCore
import DocentIO
import DocentLSP
import Foundation

/// `docent-bench scale WORKSPACE`: how the figures grow. The workspace is multiplied in memory (1×, 10×,
/// 100× its documents, under renamed folders) and its glossary grown with generated terms (100, 1,000,
/// 10,000); each size runs in a child process so its peak RSS is its own. Reported: check time (scan,
/// match, every rule; disk excluded), peak RSS, and in-process hover and completion latency.
enum ScaleScenario {
    static func run(_ arguments: [String]) -> Int32 {
        guard let options = BenchmarkOptions.scenario("scale", arguments, valued: ["--copies", "--terms", "--requests"], boolean: ["--child"],
                                                      usage: "usage: docent-bench scale WORKSPACE"),
              let path = options.positional.first else { return 2 }
        if options.flags.contains("--child") {
            return child(path, copies: Int(options.value("--copies") ?? "1") ?? 1, terms: Int(options.value("--terms") ?? "0") ?? 0,
                         requests: Int(options.value("--requests") ?? "1000") ?? 1000)
        }
        print("docent-bench scale \(path) — each row a separate process; \(ProcessStats.machine)")
        var rows: [[String]] = []
        let configurations: [(copies: Int, terms: Int)] = [(1, 0), (10, 0), (100, 0), (1, 100), (1, 1_000), (1, 10_000)]
        for configuration in configurations {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            process.arguments = ["scale", path, "--child", "--copies", "\(configuration.copies)", "--terms", "\(configuration.terms)"]
            let pipe = Pipe()
            process.standardOutput = pipe
            do { try process.run() } catch {
                printError("docent-bench scale: \(error)")
                return 1
            }
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            let fields = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\t").map(String.init)
            guard fields.count == 8 else {
                printError("docent-bench scale: a child run failed: \(String(decoding: data, as: UTF8.self))")
                return 1
            }
            rows.append(["\(configuration.copies)×", configuration.terms == 0 ? "base" : "+\(configuration.terms)"] + fields)
        }
        printTable(["workspace", "glossary", "documents", "MB", "entries", "check ms", "peak RSS MiB", "hover p50/p99 ms", "completion p50/p99 ms", "findings"], rows)
        return 0
    }

    static func child(_ path: String, copies: Int, terms: Int, requests: Int) -> Int32 {
        let loader = WorkspaceLoader(root: URL(fileURLWithPath: path))
        let loaded = loader.load().snapshot
        // Multiply the documents in memory; glossary files stay single so the glossary is the same.
        var documents: [WorkspaceDocument] = []
        for path in loaded.sortedPaths {
            guard let document = loaded.document(path) else { continue }
            documents.append(document)
            if loaded.isGlossary(path) { continue }
            for copy in 1..<max(copies, 1) { documents.append(WorkspaceDocument(path: "copy\(copy)/\(path)", text: document.text)) }
        }
        var configuration = loaded.configuration
        if terms > 0 {
            documents.append(WorkspaceDocument(path: "generated-glossary.md", text: SourceText(SyntheticGlossary.text(terms: terms))))
            if !configuration.glossaries.isEmpty { configuration.glossaries.append(GlossarySource(pattern: "generated-glossary.md")) }
        }
        // Everything from here is the measured pipeline minus disk reads: scan (building the
        // documents above already scanned them, so scan again), glossary, match, rules.
        let (result, milliseconds) = measure { () -> (WorkspaceSnapshot, Int) in
            let rescanned = ParallelMap.map(documents) { WorkspaceDocument(path: $0.path, text: $0.text) }
            let snapshot = WorkspaceSnapshot(configuration: configuration, documents: rescanned)
            return (snapshot, Checker.check(paths: snapshot.sortedPaths, in: snapshot).count)
        }
        let (snapshot, findings) = result
        // In-process hover and completion at real term uses.
        var generator = SeededGenerator(seed: 7)
        var uses: [(String, Int)] = []
        for path in loaded.sortedPaths where !loaded.isGlossary(path) {
            for match in snapshot.termMatches(in: path) { uses.append((path, match.range.lowerBound + 1)) }
        }
        var hover = LatencySamples(), completion = LatencySamples()
        if !uses.isEmpty {
            for _ in 0..<requests {
                let (path, offset) = uses[Int(generator.next() % UInt64(uses.count))]
                hover.add(measure { HoverFeature.hover(at: offset, in: path, snapshot: snapshot) { "\($0):\($1)" } }.1)
                completion.add(measure { CompletionFeature.complete(at: offset + 1, in: path, snapshot: snapshot, personaIDs: []) }.1)
            }
        }
        let bytes = snapshot.documents.values.reduce(0) { $0 + $1.text.count }
        print([
            "\(snapshot.documents.count)", format(Double(bytes) / 1_000_000, 1), "\(snapshot.glossary.entries.count)", format(milliseconds, 0),
            format(ProcessStats.peakRSS() ?? .nan, 1), "\(format(hover.percentile(0.5), 3))/\(format(hover.percentile(0.99), 3))",
            "\(format(completion.percentile(0.5), 3))/\(format(completion.percentile(0.99), 3))", "\(findings)",
        ].joined(separator: "\t"))
        return 0
    }
}
