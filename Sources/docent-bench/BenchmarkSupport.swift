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

/// Command-line options of a scenario: positional arguments, `--name value` and `--flag`.
struct BenchmarkOptions {
    var positional: [String] = []
    var values: [String: [String]] = [:]
    var flags: Set<String> = []

    init(_ arguments: [String], valued: Set<String>, boolean: Set<String>) throws(BenchmarkError) {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument.hasPrefix("--") {
                let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
                if valued.contains(parts[0]) {
                    if parts.count == 2 {
                        values[parts[0], default: []].append(parts[1])
                    } else {
                        guard index + 1 < arguments.count else { throw BenchmarkError("\(parts[0]) needs a value") }
                        values[parts[0], default: []].append(arguments[index + 1])
                        index += 1
                    }
                } else if boolean.contains(argument) {
                    flags.insert(argument)
                } else {
                    throw BenchmarkError("unknown option \(argument)")
                }
            } else {
                positional.append(argument)
            }
            index += 1
        }
    }

    func value(_ name: String) -> String? { values[name]?.last }
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
