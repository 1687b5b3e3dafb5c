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

    /// Every command's `--help` and `-h` print that command's usage on stdout and exit 0, wherever
    /// they stand before `--`; after it, `--help` is a path.
    @Test func everyCommandHasHelp() throws {
        let synopses = [
            "check": "Usage: docent check [PATH …] [--format text|json|sarif|github] [--config FILE] [--fix] [--strict] [--no-color]\n",
            "terms": "Usage: docent terms [DIR] [--json] [--config FILE]\n",
            "explain": "Usage: docent explain TERM [DIR] [--config FILE]\n",
            "sections": "Usage: docent sections [DIR] [--json] [--config FILE]\n",
            "classify": "Usage: docent classify FILE [--json] [--config FILE]\n",
            "lsp": "Usage: docent lsp [--stdio]\n",
            "rules": "Usage: docent rules\n",
        ]
        for (command, synopsis) in synopses {
            for flag in ["--help", "-h"] {
                let run = try Self.run([command, "--json", flag, "x"])
                #expect(run.status == 0, "\(command) \(flag)")
                #expect(run.stdout.hasPrefix(synopsis), "\(command) \(flag): \(run.stdout)")
                #expect(run.stderr.isEmpty, "\(command) \(flag)")
            }
            #expect(try Self.run(["help", command]).stdout == (try Self.run([command, "--help"])).stdout)
        }
        let check = try Self.run(["check", "--help"])
        #expect(check.stdout.contains("\n  --strict         exit 1 on warnings too, configuration warnings included\n  --no-color       no colour on a terminal (as the NO_COLOR environment variable)\n"))
        #expect(check.stdout.hasSuffix("""
            Exit codes: 0 no errors, 1 errors found (warnings and configuration warnings too with
            --strict), 2 usage or configuration errors, or a file that could not be read or fixed.

            """))
        let afterDashes = try Self.run(["check", "--", "--help"])
        #expect(afterDashes.status == 2)
        #expect(afterDashes.stderr == "docent check: no such file or directory: --help\n")
        let unknown = try Self.run(["help", "bogus"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.hasPrefix("docent help: unknown command 'bogus'\n"))
    }

    /// The general usage names every option each command accepts.
    @Test func usageListsEveryOption() throws {
        let run = try Self.run(["--help"])
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(Array(lines[2...11]) == [
            "Usage:",
            "  docent check [PATH …] [--format text|json|sarif|github] [--config FILE] [--fix] [--strict] [--no-color]",
            "  docent terms [DIR] [--json] [--config FILE]",
            "  docent explain TERM [DIR] [--config FILE]",
            "  docent sections [DIR] [--json] [--config FILE]",
            "  docent classify FILE [--json] [--config FILE]",
            "  docent lsp [--stdio]",
            "  docent rules",
            "  docent --version",
            "  docent COMMAND --help",
        ])
    }

    @Test func rulesTakesNoArguments() throws {
        let option = try Self.run(["rules", "--bogus"])
        #expect(option.status == 2)
        #expect(option.stdout.isEmpty)
        #expect(option.stderr == "docent rules: unknown option --bogus\n")
        let positional = try Self.run(["rules", "extra"])
        #expect(positional.status == 2)
        #expect(positional.stderr == "docent rules: takes no arguments\n")
    }

    /// Text reports and configuration problems name files from the current directory, as `github` and
    /// `sarif` do; JSON's `file` stays relative to the workspace root (documented so). Columns count
    /// UTF-16 code units: "Café 🎉 " before the term is 8 of them.
    @Test func textPathsAreRelativeToTheCurrentDirectory() throws {
        let parent = try CheckCommandTests.siteWorkspace()
        defer { try? FileManager.default.removeItem(at: parent) }
        let text = try Self.run(["check", "site"], in: parent)
        #expect(text.status == 1)
        #expect(text.stdout == """
        site/docs/glossary.md:7:4: error[glossary-empty] “Empty Term” has no definition
        site/docs/page.md:3:9: warning[term-casing] Write “DocHub”, not “dochub”
        site/docs/page.md:4:9: information[term-alias] The glossary prefers “DocHub” to “Scaffolder”
        site/docs/page.md:4:26: hint[term-abbreviation] Spell out “JWT” on its first use: “JSON Web Token (JWT)”
        1 error, 1 warning, 1 info, 1 hint in 2 files (2 checked)

        """)
        // From below the root, by the shortest route.
        let below = try Self.run(["check", "--format", "text", ".."], in: parent.appendingPathComponent("site/docs"))
        #expect(below.stdout.split(separator: "\n").map { String($0.prefix { $0 != " " }) } == [
            "glossary.md:7:4:", "page.md:3:9:", "page.md:4:9:", "page.md:4:26:", "1",
        ])
        try FileManager.default.createDirectory(at: parent.appendingPathComponent("site/other"), withIntermediateDirectories: true)
        let sibling = try Self.run(["check", "../docs/page.md"], in: parent.appendingPathComponent("site/other"))
        #expect(sibling.stdout.hasPrefix("../docs/page.md:3:9: warning[term-casing] Write “DocHub”, not “dochub”\n"))
        let json = try Self.run(["check", "--format", "json", "site"], in: parent)
        let items = try #require(try JSONParser.parse(Array(json.stdout.utf8)).arrayValue)
        #expect(items.map { $0["file"] } == ["docs/glossary.md", "docs/page.md", "docs/page.md", "docs/page.md"])
        // A broken docent.json: its location from the current directory too.
        try "{\n  \"glossaries\": [\"docs/glossary.md\"],\n}\n".write(to: parent.appendingPathComponent("site/docent.json"), atomically: true, encoding: .utf8)
        let broken = try Self.run(["check", "site"], in: parent)
        #expect(broken.status == 2)
        #expect(broken.stdout.isEmpty)
        #expect(broken.stderr == "site/docent.json:2:37: error: Trailing comma in object\n")
        let fromDocs = try Self.run(["check"], in: parent.appendingPathComponent("site/docs"))
        #expect(fromDocs.stderr == "../docent.json:2:37: error: Trailing comma in object\n")
    }

    /// `terms` and `classify` name files from the current directory in text, as `check` does; their
    /// JSON keeps `file` relative to the workspace root.
    @Test func termsAndClassifyNameFilesFromTheCurrentDirectory() throws {
        let parent = try CheckCommandTests.siteWorkspace()
        defer { try? FileManager.default.removeItem(at: parent) }
        let terms = try Self.run(["terms", "site"], in: parent)
        #expect(terms.status == 0)
        #expect(terms.stderr.isEmpty)
        #expect(terms.stdout == """
        DocHub  [not: Scaffolder]  (site/docs/glossary.md:3)
        Empty Term  (site/docs/glossary.md:7)
        JWT  (site/docs/glossary.md:9)
        Scaffolder  → DocHub  (site/docs/glossary.md:13)
        4 entries in 1 glossary file: site/docs/glossary.md

        """)
        let below = try Self.run(["terms", ".."], in: parent.appendingPathComponent("site/docs"))
        #expect(below.stdout == terms.stdout.replacingOccurrences(of: "site/docs/glossary.md", with: "glossary.md"))
        let json = try #require(try JSONParser.parse(Array(Self.run(["terms", "--json", "site"], in: parent).stdout.utf8)).arrayValue)
        #expect(json.map { $0["file"] } == ["docs/glossary.md", "docs/glossary.md", "docs/glossary.md", "docs/glossary.md"])
        // An empty glossary is named the same way.
        try "".write(to: parent.appendingPathComponent("site/docs/glossary.md"), atomically: true, encoding: .utf8)
        #expect(try Self.run(["terms", "site"], in: parent).stdout == "No glossary entries found. Glossaries: site/docs/glossary.md\n")

        // classify: the page, and the most similar pages of the sections.
        try #"{ "sections": [{ "path": "docs/guides", "title": "Guides", "persona": "end-user" }, { "path": "docs/admin", "title": "Admin", "persona": "administrator" }] }"#
            .write(to: parent.appendingPathComponent("site/docent.json"), atomically: true, encoding: .utf8)
        for (path, text) in ["guides/search.md": "# Search\n\nClick the search box and type a word to find a page.\n",
                             "guides/login.md": "# Login\n\nClick Sign in and type your name to open your pages.\n",
                             "admin/deploy.md": "# Deploy\n\nRun helm install and set the replicas in app-config.yaml for the cluster.\n"] {
            let url = parent.appendingPathComponent("site/docs/" + path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        let classify = try Self.run(["classify", "site/docs/guides/search.md"], in: parent)
        #expect(classify.status == 0)
        #expect(classify.stdout.hasPrefix("site/docs/guides/search.md\n  section:   Guides (docs/guides/) · End User\n"))
        #expect(classify.stdout.contains("\nMost similar pages of the sections (cosine of TF-IDF vectors):\n  1.00  site/docs/guides/login.md · Guides\n"))
        let fromAdmin = try Self.run(["classify", "../guides/search.md"], in: parent.appendingPathComponent("site/docs/admin"))
        #expect(fromAdmin.stdout == classify.stdout.replacingOccurrences(of: "site/docs/guides/", with: "../guides/"))
        let classifyJSON = try #require(try JSONParser.parse(Array(Self.run(["classify", "--json", "site/docs/guides/search.md"], in: parent).stdout.utf8)).objectValue)
        #expect(classifyJSON["file"] == "docs/guides/search.md")
        #expect(classifyJSON["similarPages"]?.arrayValue?.map { $0["path"] } == ["docs/guides/login.md"])
    }

    /// A file that is no page is refused with the reason: without a docent.json, before the folder
    /// around it is read; in a configured workspace, naming the file whose include and exclude left it out.
    @Test func classifyRefusesAFileThatIsNoPage() throws {
        let loose = try CheckCommandTests.workspace(["notes.txt": "Some notes.\n", "page.md": "# Page\n\nText.\n"])
        defer { try? FileManager.default.removeItem(at: loose) }
        let text = try Self.run(["classify", "notes.txt"], in: loose)
        #expect(text.status == 2)
        #expect(text.stderr == "docent classify: notes.txt is not a Markdown file (.md, .mdx); classify takes one page\n")
        let configured = try CheckCommandTests.workspace(["docent.json": #"{"include": ["docs/**/*.md"]}"#, "docs/a.md": "# A\n\nText.\n", "other/b.md": "# B\n\nText.\n"])
        defer { try? FileManager.default.removeItem(at: configured) }
        let outside = try Self.run(["classify", "other/b.md"], in: configured)
        #expect(outside.status == 2)
        #expect(outside.stderr.hasPrefix("docent classify: other/b.md is not a document of the workspace at "))
        #expect(outside.stderr.hasSuffix(" (see include and exclude in docent.json)\n"))
    }

    /// A clean workspace whose docent.json has an unknown key: a configuration warning, which the
    /// summary counts and `--strict` fails on.
    @Test func configurationWarningsCountUnderStrict() throws {
        let root = try CheckCommandTests.workspace([
            "docent.json": "{\n  \"includ\": [\"docs/**/*.md\"]\n}\n",
            "docs/page.md": "# Page\n\nNothing to say.\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let plain = try Self.run(["check"], in: root)
        #expect(plain.status == 0)
        #expect(plain.stderr == "docent.json:2:3: warning: Unknown key \"includ\"\n")
        #expect(plain.stdout == "0 errors, 0 warnings, 0 infos, 0 hints in 0 files (1 checked), plus 1 configuration warning\n")
        let strict = try Self.run(["check", "--strict"], in: root)
        #expect(strict.status == 1)
        #expect(strict.stdout == plain.stdout)
        #expect(try Self.run(["check", "--strict", "--format", "json"], in: root).status == 1)
        // The machine formats hold the warning as a `configuration` finding on docent.json.
        let github = try Self.run(["check", "--format", "github"], in: root)
        #expect(github.stdout == "::warning file=docent.json,line=2,col=3,endLine=2,endColumn=11,title=docent configuration::Unknown key \"includ\"\n")
    }

    /// A configuration with an error: exit 2, and the machine formats still print a valid report, of
    /// the configuration's problems alone (stdout was empty).
    @Test func aBrokenConfigurationIsReportedInEveryFormat() throws {
        let root = try CheckCommandTests.workspace([
            "docent.json": "{\n  \"rules\": { \"term-casing\": \"loud\" }\n}\n",
            "docs/page.md": "# Page\n\nThe Dochub viewer.\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let text = try Self.run(["check"], in: root)
        #expect(text.status == 2)
        #expect(text.stdout.isEmpty)
        let json = try Self.run(["check", "--format", "json"], in: root)
        #expect(json.status == 2)
        let parsed = try JSONParser.parse(Array(json.stdout.utf8))
        #expect(parsed.arrayValue?.map { [$0["file"], $0["code"], $0["severity"], $0["range"]?["start"]] } == [
            ["docent.json", "configuration", "error", ["line": 1, "character": 28]],
        ])
        let sarif = try Self.run(["check", "--format", "sarif"], in: root)
        #expect(sarif.status == 2)
        let sarifRun = try JSONParser.parse(Array(sarif.stdout.utf8))["runs"]?[0]
        #expect(sarifRun?["results"]?[0]?["ruleId"] == "configuration")
        // The result's rule is one of the driver's, and its index points at it.
        let ruleIndex = try #require(sarifRun?["results"]?[0]?["ruleIndex"]?.doubleValue)
        #expect(sarifRun?["tool"]?["driver"]?["rules"]?[Int(ruleIndex)]?["id"] == "configuration")
        let github = try Self.run(["check", "--format", "github"], in: root)
        #expect(github.stdout.hasPrefix("::error file=docent.json,line=2,col=29,"))
    }

    /// A file that cannot be read makes the check incomplete: exit 2, said on stderr and in the summary,
    /// when it is among the paths checked. (A link to a FIFO cannot be read, even by root.)
    @Test func anUnreadableFileIsAnIOFailure() throws {
        var files = CheckWorkspace.files
        files["docs/other/fine.md"] = "# Fine\n\nNothing.\n"
        let root = try CheckCommandTests.workspace(files)
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(mkfifo(root.appendingPathComponent("docs/fifo").path, 0o644) == 0)
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("docs/pipe.md").path, withDestinationPath: "fifo")
        let run = try Self.run(["check"], in: root)
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("docent: skipped docs/pipe.md: cannot be read ("))
        #expect(run.stdout.hasSuffix("1 error, 1 warning, 1 info, 1 hint in 2 files (3 checked), plus 1 unreadable file\n"))
        #expect(try Self.run(["check", "--format", "json"], in: root).status == 2)
        // Checking another folder, the unreadable file is neither said nor counted.
        let other = try Self.run(["check", "docs/other"], in: root)
        #expect(other.status == 0)
        #expect(other.stderr.isEmpty)
        #expect(other.stdout == "0 errors, 0 warnings, 0 infos, 0 hints in 0 files (1 checked)\n")
    }

    /// A fix that cannot be written (here: the temporary file's name would be too long) is exit 2.
    @Test func aFailedFixWriteIsAnIOFailure() throws {
        let name = String(repeating: "a", count: 243) + ".md"
        let root = try CheckCommandTests.workspace([
            "docs/glossary.md": "# Glossary\n\n## DocHub\n\nThe viewer.\n",
            "docs/\(name)": "Open dochub.\n",
            "docs/fixable.md": "Open dochub.\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try Self.run(["check", "--fix"], in: root)
        #expect(run.status == 2)
        #expect(run.stderr == "docent check --fix: docs/\(name): cannot write: cannot create a temporary file in \(WorkspaceRootFinderPath.resolved(root))/docs\ndocent: fixed 1 problem in 1 file\n")
        #expect(run.stdout == "docs/\(name):1:6: warning[term-casing] Write “DocHub”, not “dochub”\n0 errors, 1 warning, 0 infos, 0 hints in 1 file (3 checked), plus 1 file not fixed (write failed)\n")
        #expect(try String(contentsOf: root.appendingPathComponent("docs/fixable.md"), encoding: .utf8) == "Open DocHub.\n")
    }

    /// Messages that say what is wrong with the argument, in the command's name.
    @Test func messagesNameTheProblem() throws {
        let root = try CheckCommandTests.workspace(["docs/one.md": "Word.\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let expectations: [([String], String)] = [
            (["classify", "docs"], "docent classify: docs is a folder; classify takes one Markdown file\n"),
            (["classify", "docs/none.md"], "docent classify: no such file: docs/none.md\n"),
            (["sections", "no/such/dir"], "docent sections: no/such/dir does not exist\n"),
            (["terms", "no/such/dir"], "docent terms: no/such/dir does not exist\n"),
            (["explain", "DocHub", "no/such/dir"], "docent explain: no/such/dir does not exist\n"),
            (["sections", "docs/one.md"], "docent sections: docs/one.md is a file; give the folder of the workspace\n"),
            (["check", "--config", "missing.json", "."], "missing.json:1:1: error: Cannot read the configuration file: no such file\n"),
            (["terms", "--config", "docs"], "docs:1:1: error: Cannot read the configuration file: it is a folder\n"),
        ]
        for (arguments, message) in expectations {
            let run = try Self.run(arguments, in: root)
            #expect(run.status == 2, "\(arguments)")
            #expect(run.stdout.isEmpty, "\(arguments)")
            #expect(run.stderr == message, "\(arguments)")
        }
        // A named pipe: refused as the loader refuses it, before it is opened (Foundation's read of one
        // said "You don’t have permission", even to root).
        #expect(mkfifo(root.appendingPathComponent("pipe.json").path, 0o644) == 0)
        let fromPipe = try Self.run(["check", "--config", "pipe.json"], in: root)
        #expect(fromPipe.status == 2)
        #expect(fromPipe.stdout.isEmpty)
        #expect(fromPipe.stderr == "pipe.json:1:1: error: Cannot read the configuration file: not a plain file\n")
        // From below, the configuration file's path is from there too.
        #expect(try Self.run(["check", "--config", "../missing.json"], in: root.appendingPathComponent("docs")).stderr == "../missing.json:1:1: error: Cannot read the configuration file: no such file\n")
        // One word, singular.
        let classify = try Self.run(["classify", "docs/one.md"], in: root)
        #expect(classify.status == 0)
        #expect(classify.stdout.split(separator: "\n")[2].hasSuffix("  (1 word of prose)"))
    }
}

/// A folder's path with symbolic links resolved, as docent prints it (`/tmp` may be a link).
enum WorkspaceRootFinderPath {
    static func resolved(_ url: URL) -> String { url.standardizedFileURL.resolvingSymlinksInPath().path }
}
