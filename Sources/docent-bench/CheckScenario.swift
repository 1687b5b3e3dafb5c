import DocentCore
import DocentIO
import DocentLSP
import Foundation

/// `docent-bench check WORKSPACE [--runs N]`: the whole `docent check` pipeline in process (read,
/// scan, match, classify, every rule), repeated; reports files/s, MB/s, wall and CPU time, peak RSS.
enum CheckScenario {
    static func run(_ arguments: [String]) -> Int32 {
        guard let options = BenchmarkOptions.scenario("check", arguments, valued: ["--runs"],
                                                      usage: "usage: docent-bench check WORKSPACE [--runs N]"),
              let path = options.positional.first else { return 2 }
        let runs = Int(options.value("--runs") ?? "5") ?? 5
        var walls: [Double] = []
        var cpus: [Double] = []
        var files = 0, bytes = 0, findings = 0
        for _ in 0..<runs {
            let cpuStart = ProcessStats.cpuSeconds()
            let ((count, size, found), wall) = measure { () -> (Int, Int, Int) in
                let loaded = WorkspaceLoader(root: URL(fileURLWithPath: path)).load()
                let snapshot = loaded.snapshot
                let diagnostics = Checker.check(paths: snapshot.sortedPaths, in: snapshot)
                return (snapshot.documents.count, snapshot.documents.values.reduce(0) { $0 + $1.text.count }, diagnostics.count)
            }
            walls.append(wall)
            cpus.append((ProcessStats.cpuSeconds() - cpuStart) * 1000)
            (files, bytes, findings) = (count, size, found)
        }
        let wall = walls.sorted()[walls.count / 2]
        let cpu = cpus.sorted()[cpus.count / 2]
        print("docent-bench check \(path) — \(runs) runs, median shown; \(ProcessStats.machine)")
        printTable(["figure", "value"], [
            ["files", "\(files)"],
            ["bytes", String(format: "%.1f MB", Double(bytes) / 1_000_000)],
            ["findings", "\(findings)"],
            ["wall time", "\(format(wall, 1)) ms (min \(format(walls.min()!, 1)), max \(format(walls.max()!, 1)))"],
            ["CPU time", "\(format(cpu, 1)) ms"],
            ["files/s", format(Double(files) / wall * 1000, 0)],
            ["MB/s", format(Double(bytes) / 1_000_000 / wall * 1000, 1)],
            ["peak RSS", "\(format(ProcessStats.peakRSS() ?? .nan, 1)) MiB"],
        ])
        return 0
    }
}
