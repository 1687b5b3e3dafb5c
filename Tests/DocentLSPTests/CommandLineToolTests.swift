import DocentIO
import Foundation
import Testing

/// Options, help, exit statuses and messages of the `docent` commands, through the built binary.
@Suite(.serialized) struct CommandLineToolTests {
    typealias Run = CheckCommandTests.Run

    static func run(_ arguments: [String], in directory: URL? = nil) throws -> Run {
        try CheckCommandTests.run(arguments, in: directory)
    }

    /// `--fix=` neither fixes nor passes; `--format=` and `--config=` do not swallow the next argument.
    @Test func emptyOptionValuesAreUsageErrors() throws {
        let root = try CheckCommandTests.workspace(CheckWorkspace.files)
        defer { try? FileManager.default.removeItem(at: root) }
        let fix = try Self.run(["check", "--fix=", "."], in: root)
        #expect(fix.status == 2)
        #expect(fix.stdout.isEmpty)
        #expect(fix.stderr == "docent check: --fix takes no value\n")
        #expect(try String(contentsOf: root.appendingPathComponent("docs/page.md"), encoding: .utf8) == CheckWorkspace.page)
        let format = try Self.run(["check", "--format=", "."], in: root)
        #expect(format.status == 2)
        #expect(format.stderr == "docent check: --format needs a value, and it is empty\n")
        let config = try Self.run(["check", "--config=", "."], in: root)
        #expect(config.status == 2)
        #expect(config.stderr == "docent check: --config needs a value, and it is empty\n")
        let terms = try Self.run(["terms", "--config", "", "."], in: root)
        #expect(terms.status == 2)
        #expect(terms.stderr == "docent terms: --config needs a value, and it is empty\n")
    }
}
