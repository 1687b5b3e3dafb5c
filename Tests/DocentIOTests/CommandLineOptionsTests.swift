import DocentIO
import Testing

/// The option parser `docent` and `docent-bench` share.
@Suite struct CommandLineOptionsTests {
    @Test func positionalValuedAndBooleanInAnyOrder() throws {
        let options = try CommandLineOptions(["docs", "--format", "json", "--strict", "more", "--config=docent.json"],
                                             valued: ["--format", "--config"], boolean: ["--strict", "--fix"])
        #expect(options.positional == ["docs", "more"])
        #expect(options.value("--format") == "json")
        #expect(options.value("--config") == "docent.json")
        #expect(options.flags == ["--strict"])
        #expect(options.value("--missing") == nil)
    }

    @Test func repeatedValuesAreKeptAndTheLastWins() throws {
        let options = try CommandLineOptions(["--param", "a=1", "--param=b=2", "--seed", "1", "--seed", "2"], valued: ["--param", "--seed"], boolean: [])
        #expect(options.values["--param"] == ["a=1", "b=2"])
        #expect(options.value("--seed") == "2")
    }

    @Test func aDoubleDashEndsTheOptions() throws {
        let options = try CommandLineOptions(["--json", "--", "--not-an-option", "-x"], valued: [], boolean: ["--json"])
        #expect(options.flags == ["--json"])
        #expect(options.positional == ["--not-an-option", "-x"])
        // A single dash or a word that merely contains dashes is positional.
        #expect(try CommandLineOptions(["-", "a--b"], valued: [], boolean: []).positional == ["-", "a--b"])
    }

    @Test func usageErrors() throws {
        #expect(throws: CommandLineOptions.UsageError("unknown option --bogus")) { try CommandLineOptions(["--bogus=1"], valued: [], boolean: []) }
        // Short options are none of Docent's: said (it was "no such file or directory: -f"), with the long ones they may mean.
        #expect(throws: CommandLineOptions.UsageError("unknown option -f (did you mean --fix or --format?)")) {
            try CommandLineOptions(["-f", "json", "docs"], valued: ["--format", "--config"], boolean: ["--fix", "--strict"])
        }
        // The letters after the dash pick the long options that start with them all, not just the first.
        #expect(throws: CommandLineOptions.UsageError("unknown option -fo (did you mean --format?)")) {
            try CommandLineOptions(["-fo", "json"], valued: ["--format", "--config"], boolean: ["--fix", "--strict"])
        }
        #expect(throws: CommandLineOptions.UsageError("unknown option -x; options take two dashes")) { try CommandLineOptions(["-x"], valued: ["--format"], boolean: []) }
        // A lone dash, and a dashed name after `--` or written as a path, are arguments.
        #expect(try CommandLineOptions(["-", "--", "-f"], valued: [], boolean: []).positional == ["-", "-f"])
        #expect(try CommandLineOptions(["./-f"], valued: [], boolean: []).positional == ["./-f"])
        #expect(throws: CommandLineOptions.UsageError("--format needs a value")) { try CommandLineOptions(["docs", "--format"], valued: ["--format"], boolean: []) }
        // A flag given a value is refused rather than read as on: `--fix=false` must not fix.
        #expect(throws: CommandLineOptions.UsageError("--fix takes no value")) { try CommandLineOptions(["--fix=false"], valued: [], boolean: ["--fix"]) }
        #expect(CommandLineOptions.UsageError("x").description == "x")
    }

    /// An empty value is an error: `--fix=` does not fix, and `--format=` does not take the next argument.
    @Test func emptyValuesAreUsageErrors() {
        #expect(throws: CommandLineOptions.UsageError("--fix takes no value")) { try CommandLineOptions(["--fix=", "."], valued: [], boolean: ["--fix"]) }
        #expect(throws: CommandLineOptions.UsageError("--format needs a value, and it is empty")) {
            try CommandLineOptions(["--format=", "."], valued: ["--format"], boolean: [])
        }
        #expect(throws: CommandLineOptions.UsageError("--config needs a value, and it is empty")) {
            try CommandLineOptions(["--config", "", "."], valued: ["--config"], boolean: [])
        }
        // A value that holds `=` or ends with one is kept whole.
        let options = try? CommandLineOptions(["--param=a=", "--param==b"], valued: ["--param"], boolean: [])
        #expect(options?.values["--param"] == ["a=", "=b"])
    }
}
