/// The command-line options of `docent` and `docent-bench`: positional arguments, `--name value` or
/// `--name=value` for the names in `valued` (repeatable: `values` keeps every one, `value(_:)` the
/// last), `--flag` for the names in `boolean`, and `--` before arguments that only look like options.
/// Anything else starting with `--` is a usage error, as is a valued name without a value or with an
/// empty one (`--format=`, `--config ""`), or a flag given one, even empty (`--fix=false` and `--fix=`
/// must not turn fixing on).
public struct CommandLineOptions: Sendable {
    public var positional: [String] = []
    public var values: [String: [String]] = [:]
    public var flags: Set<String> = []

    public struct UsageError: Error, Equatable, CustomStringConvertible {
        public var message: String
        public var description: String { message }

        public init(_ message: String) { self.message = message }
    }

    public init(_ arguments: [String], valued: Set<String>, boolean: Set<String>) throws(UsageError) {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument == "--" {
                positional += arguments[index...]
                break
            }
            guard argument.hasPrefix("--") else {
                // A short option (`-f json`) is none of Docent's: said, not taken for a file named
                // "-f". A path that starts with a dash is written `./-f` or after `--`.
                if argument.count > 1 && argument.hasPrefix("-") {
                    let long = (valued.union(boolean)).filter { $0.dropFirst(2).hasPrefix(argument.dropFirst()) }.sorted()
                    throw UsageError("unknown option \(argument)" + (long.isEmpty ? "; options take two dashes" : " (did you mean \(long.joined(separator: " or "))?)"))
                }
                positional.append(argument)
                continue
            }
            // Empty pieces are kept: `--format=` has an empty value, not none (which would take the next argument).
            let parts = argument.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            let name = parts[0]
            if valued.contains(name) {
                let value: String
                if parts.count == 2 {
                    value = parts[1]
                } else {
                    guard index < arguments.count else { throw UsageError("\(name) needs a value") }
                    value = arguments[index]
                    index += 1
                }
                guard !value.isEmpty else { throw UsageError("\(name) needs a value, and it is empty") }
                values[name, default: []].append(value)
            } else if boolean.contains(name) {
                guard parts.count == 1 else { throw UsageError("\(name) takes no value") }
                flags.insert(name)
            } else {
                throw UsageError("unknown option \(name)")
            }
        }
    }

    /// The value of a valued option (the last, when it is given more than once).
    public func value(_ name: String) -> String? { values[name]?.last }
}
