import DocentCore
import DocentIO
import Foundation

/// A small seeded random number generator (SplitMix64), so that runs are repeatable.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

/// Command-line options of a scenario: the parser `docent` uses (positional arguments, `--name value`
/// repeatable, `--flag`); a usage error prints as its message.
typealias BenchmarkOptions = CommandLineOptions

extension CommandLineOptions {
    /// A scenario's options, whose first positional argument is the WORKSPACE. On a usage error prints
    /// `docent-bench SCENARIO: message`, without a workspace prints `usage`, and returns nil (exit 2).
    static func scenario(_ name: String, _ arguments: [String], valued: Set<String> = [], boolean: Set<String> = [], usage: String) -> CommandLineOptions? {
        let options: CommandLineOptions
        do { options = try CommandLineOptions(arguments, valued: valued, boolean: boolean) } catch {
            printError("docent-bench \(name): \(error)")
            return nil
        }
        guard !options.positional.isEmpty else {
            printError(usage)
            return nil
        }
        return options
    }
}

struct BenchmarkError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Wall-clock milliseconds of `body`.
func measure<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let start = DispatchTime.now().uptimeNanoseconds
    let result = try body()
    return (result, Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
}

/// Loads a workspace from disk (never writing to it).
func loadBenchmarkWorkspace(_ path: String) -> WorkspaceSnapshot? {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
        printError("docent-bench: \(path) is not a directory")
        return nil
    }
    let result = WorkspaceLoader(root: URL(fileURLWithPath: path)).load()
    for problem in result.snapshot.configurationProblems where problem.isError {
        printError("\(problem.file):\(problem.line):\(problem.column): error: \(problem.message)")
        return nil
    }
    return result.snapshot
}

extension Double {
    /// Fixed decimals, without Foundation's `String(format:)` locale surprises.
    func formatted(_ decimals: Int) -> String {
        guard isFinite else { return "n/a" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let rounded = (self * scale).rounded() / scale
        var text = String(rounded)
        if decimals == 0 { return String(Int(rounded)) }
        let parts = text.split(separator: ".", maxSplits: 1)
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        text = String(parts[0]) + "." + fraction.padding(toLength: decimals, withPad: "0", startingAt: 0)
        return text
    }
}
