import Testing
@testable import DocentCore

/// A plain rendering of a front-matter value, so expectations are literals.
indirect enum YAML: Equatable, Sendable, CustomStringConvertible {
    case scalar(String)
    case list([YAML])
    case map([(String, YAML)])

    init(_ value: FrontMatterValue) {
        switch value {
        case .scalar(let text): self = .scalar(text)
        case .list(let items): self = .list(items.map(YAML.init))
        case .map(let entries): self = .map(entries.map { ($0.key, YAML($0.value)) })
        }
    }

    static func == (lhs: YAML, rhs: YAML) -> Bool {
        switch (lhs, rhs) {
        case (.scalar(let a), .scalar(let b)): return a == b
        case (.list(let a), .list(let b)): return a == b
        case (.map(let a), .map(let b)): return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    var description: String {
        switch self {
        case .scalar(let text): return text.debugDescription
        case .list(let items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .map(let entries): return "{" + entries.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + "}"
        }
    }
}

struct FrontMatterCase: Sendable, CustomTestStringConvertible {
    var name: String
    /// The lines between the `---` delimiters.
    var body: String
    var expected: [(String, YAML)]
    var testDescription: String { name }
}

private func read(_ text: String) -> FrontMatter? {
    FrontMatterReader.read(SourceText(text))
}

@Suite struct FrontMatterTests {
    static let cases: [FrontMatterCase] = [
        FrontMatterCase(name: "plain scalars", body: "title: Service Catalog\nsidebar_position: 3\nempty:",
                        expected: [("title", .scalar("Service Catalog")), ("sidebar_position", .scalar("3")), ("empty", .scalar(""))]),
        FrontMatterCase(name: "single-quoted with doubled quote", body: "title: 'It''s here: really'",
                        expected: [("title", .scalar("It's here: really"))]),
        FrontMatterCase(name: "double-quoted with escapes", body: #"title: "Tab\there \"quoted\" back\\slash\nnext""#,
                        expected: [("title", .scalar("Tab\there \"quoted\" back\\slash\nnext"))]),
        FrontMatterCase(name: "escaped quote before a hash", body: #"title: "Say \" # not a comment" # comment"#,
                        expected: [("title", .scalar("Say \" # not a comment"))]),
        FrontMatterCase(name: "prettier-ignore comment line", body: "# prettier-ignore\ntitle: Catalog",
                        expected: [("title", .scalar("Catalog"))]),
        FrontMatterCase(name: "trailing comments", body: "title: Catalog # the main one\nquoted: 'A # B' # c\nhash: a#b",
                        expected: [("title", .scalar("Catalog")), ("quoted", .scalar("A # B")), ("hash", .scalar("a#b"))]),
        FrontMatterCase(name: "colon inside a value", body: "url: https://example.com/a",
                        expected: [("url", .scalar("https://example.com/a"))]),
        FrontMatterCase(name: "indented block list", body: "tags:\n  - one\n  - two # comment\nnext: x",
                        expected: [("tags", .list([.scalar("one"), .scalar("two")])), ("next", .scalar("x"))]),
        FrontMatterCase(name: "block list at the key's indent", body: "tags:\n- one\n- 'two'",
                        expected: [("tags", .list([.scalar("one"), .scalar("two")]))]),
        FrontMatterCase(name: "flow list", body: "aka: [Entity, 'Catalog Entity', \"Thing, big\"]",
                        expected: [("aka", .list([.scalar("Entity"), .scalar("Catalog Entity"), .scalar("Thing, big")]))]),
        FrontMatterCase(name: "empty flow list", body: "aka: []", expected: [("aka", .list([]))]),
        FrontMatterCase(name: "nested map", body: "sidebar:\n  label: Intro\n  position: 2\ntitle: X",
                        expected: [("sidebar", .map([("label", .scalar("Intro")), ("position", .scalar("2"))])), ("title", .scalar("X"))]),
        FrontMatterCase(name: "map two levels deep", body: "a:\n  b:\n    c: d\n  e: f",
                        expected: [("a", .map([("b", .map([("c", .scalar("d"))])), ("e", .scalar("f"))]))]),
        FrontMatterCase(name: "list of maps", body: "authors:\n  - name: Ana\n    role: writer\n  - name: Bo\ntitle: T",
                        expected: [("authors", .list([.map([("name", .scalar("Ana")), ("role", .scalar("writer"))]), .map([("name", .scalar("Bo"))])])),
                                   ("title", .scalar("T"))]),
        FrontMatterCase(name: "folded block scalar", body: "description: >\n  Folded line one\n  and two\n\n  New para\nnext: x",
                        expected: [("description", .scalar("Folded line one and two\nNew para\n")), ("next", .scalar("x"))]),
        FrontMatterCase(name: "folded, strip chomping", body: "description: >-\n  One\n  two\n\nnext: x",
                        expected: [("description", .scalar("One two")), ("next", .scalar("x"))]),
        FrontMatterCase(name: "literal block scalar", body: "body: |\n  line one\n    indented\n  line two\nnext: y",
                        expected: [("body", .scalar("line one\n  indented\nline two\n")), ("next", .scalar("y"))]),
        FrontMatterCase(name: "literal, keep chomping", body: "body: |+\n  kept\n\n\nnext: y",
                        expected: [("body", .scalar("kept\n\n\n")), ("next", .scalar("y"))]),
        FrontMatterCase(name: "literal, strip chomping", body: "body: |-\n  kept\n\nnext: y",
                        expected: [("body", .scalar("kept")), ("next", .scalar("y"))]),
        FrontMatterCase(name: "quoted key", body: "\"odd key\": v", expected: [("odd key", .scalar("v"))]),
        FrontMatterCase(name: "flow list over several lines", body: "tags: [one, # first\n  'two, three',\n  four]\nnext: x",
                        expected: [("tags", .list([.scalar("one"), .scalar("two, three"), .scalar("four")])), ("next", .scalar("x"))]),
    ]

    @Test(arguments: cases)
    func values(_ example: FrontMatterCase) throws {
        let frontMatter = try #require(read("---\n\(example.body)\n---\nBody"))
        #expect(frontMatter.entries.map(\.key) == example.expected.map(\.0))
        #expect(YAML.list(frontMatter.entries.map { YAML($0.value) }) == YAML.list(example.expected.map(\.1)))
        #expect(frontMatter.problems == [])
    }

    @Test func stringAndStringsAccessors() throws {
        let frontMatter = try #require(read("---\ntitle: T\naka: [A, B]\nsidebar:\n  x: 1\n---\n"))
        #expect(frontMatter.string("title") == "T")
        #expect(frontMatter.string("aka") == "A, B")
        #expect(frontMatter.string("sidebar") == nil)
        #expect(frontMatter.string("missing") == nil)
        #expect(frontMatter.strings("title") == ["T"])
        #expect(frontMatter.strings("aka") == ["A", "B"])
        #expect(frontMatter.strings("sidebar") == [])
    }

    @Test func keyAndValueRanges() throws {
        let marked = MarkedText("---\n1️⃣title2️⃣: 3️⃣Service Catalog4️⃣ # note\ntags:\n  5️⃣- a\n  - b6️⃣\n---\n")
        let frontMatter = try #require(FrontMatterReader.read(marked.source))
        #expect(frontMatter.entries[0].keyRange == marked.range("1️⃣", "2️⃣"))
        #expect(frontMatter.entries[0].valueRange == marked.range("3️⃣", "4️⃣"))
        #expect(frontMatter.entries[1].valueRange == marked.range("5️⃣", "6️⃣"))
    }

    @Test func blockAndContentRanges() throws {
        let frontMatter = try #require(read("---\ntitle: X\n---\nBody"))
        #expect(frontMatter.range == 0..<17)
        #expect(frontMatter.contentRange == 4..<13)
    }

    @Test func dotsCloseTheBlock() throws {
        let frontMatter = try #require(read("---\ntitle: X\n...\nBody"))
        #expect(frontMatter.string("title") == "X")
        #expect(frontMatter.range == 0..<17)
    }

    @Test func closingAtTheEndOfTheText() throws {
        let frontMatter = try #require(read("---\ntitle: X\n---"))
        #expect(frontMatter.range == 0..<16)
    }

    @Test(arguments: [
        "---\ntitle: X\nno closing line",
        "---",
        "---\n",
        "title: X\n---\n",
        " ---\ntitle: X\n---",
        "----\ntitle: X\n----",
        "...\ntitle: X\n...",
        "",
    ])
    func noFrontMatter(_ text: String) {
        #expect(read(text) == nil)
    }

    @Test func crlfLines() throws {
        let frontMatter = try #require(read("---\r\ntitle: Windows\r\ntags:\r\n  - a\r\n---\r\nBody"))
        #expect(frontMatter.string("title") == "Windows")
        #expect(frontMatter.strings("tags") == ["a"])
    }

    struct ProblemCase: Sendable, CustomTestStringConvertible {
        var name: String
        var marked: String
        var messages: [String]
        var testDescription: String { name }
    }

    static let problemCases: [ProblemCase] = [
        ProblemCase(name: "duplicate key", marked: "---\ntitle: A\n1️⃣title2️⃣: B\n---\n", messages: ["Duplicate front-matter key `title`"]),
        ProblemCase(name: "unexpected indentation", marked: "---\ntitle: A\n   1️⃣stray: 12️⃣\n---\n", messages: ["Unexpected indentation in front matter"]),
        ProblemCase(name: "line without a colon", marked: "---\n1️⃣just some text2️⃣\n---\n", messages: ["Expected `key: value` in front matter"]),
        ProblemCase(name: "list item without a key", marked: "---\ntitle: A\n\n1️⃣- orphan2️⃣\n---\n", messages: ["A list item needs a key above it"]),
        ProblemCase(name: "unclosed flow list", marked: "---\npersona: 1️⃣[administrator2️⃣\ntitle: A\n---\n", messages: ["This list has no closing `]`"]),
        ProblemCase(name: "unclosed double quote", marked: "---\ntitle: 1️⃣\"Logging in2️⃣\n---\n", messages: ["This value has no closing \""]),
        ProblemCase(name: "escaped closing quote", marked: "---\ntitle: 1️⃣\"Say \\\"2️⃣\n---\n", messages: ["This value has no closing \""]),
        ProblemCase(name: "unclosed single quote in a list item", marked: "---\ntags:\n  - 1️⃣'one2️⃣\n---\n", messages: ["This value has no closing '"]),
        ProblemCase(name: "TOML: line without an equals sign", marked: "+++\n1️⃣title: X2️⃣\n+++\n", messages: ["Expected `key = value` in TOML front matter"]),
        ProblemCase(name: "TOML: unclosed string", marked: "+++\ntitle = 1️⃣\"X2️⃣\n+++\n", messages: ["This string has no closing \""]),
        ProblemCase(name: "TOML: unclosed array", marked: "+++\ntags = 1️⃣[\"a\"2️⃣\n+++\n", messages: ["This array has no closing `]`"]),
        ProblemCase(name: "TOML: duplicate key", marked: "+++\ntitle = \"A\"\n1️⃣title2️⃣ = \"B\"\n+++\n", messages: ["Duplicate front-matter key `title`"]),
        ProblemCase(name: "TOML: text after a value", marked: "+++\ntitle = \"A\" 1️⃣junk2️⃣\n+++\n", messages: ["Unexpected text after the value"]),
        ProblemCase(name: "TOML: unclosed table header", marked: "+++\n1️⃣[params2️⃣\n+++\n", messages: ["This table header has no closing `]`"]),
        ProblemCase(name: "TOML: multi-line string never closed", marked: "+++\nbody = 1️⃣\"\"\"2️⃣\ntext\n+++\n", messages: ["This string has no closing \"\"\""]),
    ]

    @Test(arguments: problemCases)
    func problems(_ example: ProblemCase) throws {
        let marked = MarkedText(example.marked)
        let frontMatter = try #require(FrontMatterReader.read(marked.source))
        #expect(frontMatter.problems == example.messages.map { SyntaxProblem(message: $0, range: marked.range("1️⃣", "2️⃣")) })
    }

    @Test func tomlFrontMatterAsHugoWritesIt() throws {
        let marked = MarkedText(#"""
            +++
            title = "1️⃣DocHub2️⃣ page" # the title
            slug = 'dochub'
            draft = false
            date = 2024-01-02T03:04:05Z
            persona = ["3️⃣end-user4️⃣", 'integrator']
            keywords = [
              "GraphQL", # a comment
              "DocHub",
            ]
            "quoted key" = "v"
            summary = """
            Two \"lines\"
            here"""
            5️⃣[params]
            author = { name = "Ana" }
            [[menu.main]]
            weight = 3
            +++
            Body
            """#)
        let frontMatter = try #require(FrontMatterReader.read(marked.source))
        #expect(frontMatter.syntax == .toml)
        #expect(frontMatter.problems == [])
        #expect(frontMatter.entries.map(\.key) == ["title", "slug", "draft", "date", "persona", "keywords", "quoted key", "summary", "params", "menu.main"])
        #expect(frontMatter.string("title") == "DocHub page")
        #expect(frontMatter.string("slug") == "dochub")
        #expect(frontMatter.string("date") == "2024-01-02T03:04:05Z")
        #expect(frontMatter.strings("persona") == ["end-user", "integrator"])
        #expect(frontMatter.strings("keywords") == ["GraphQL", "DocHub"])
        #expect(frontMatter.string("quoted key") == "v")
        #expect(frontMatter.string("summary") == "Two \"lines\"\nhere")
        #expect(YAML(frontMatter.entry("params")!.value) == .map([("author", .scalar("{ name = \"Ana\" }"))]))
        #expect(YAML(frontMatter.entry("menu.main")!.value) == .map([("weight", .scalar("3"))]))
        // A string's range is inside its quotes; a list's items are each inside theirs.
        #expect(frontMatter.entry("title")!.valueRange.lowerBound == marked.range("1️⃣", "2️⃣").lowerBound)
        #expect(frontMatter.entry("persona")!.itemRanges.first == marked.range("3️⃣", "4️⃣"))
        // New top-level keys go before the first table.
        #expect(frontMatter.insertionPoint == marked.range("5️⃣", "5️⃣").lowerBound)
        #expect(frontMatter.line("persona", "administrator") == "persona = \"administrator\"")
    }

    @Test func tomlBlockNeedsItsClosingLine() {
        #expect(read("+++\ntitle = \"X\"\nno closing line") == nil)
        #expect(read("+++\ntitle = \"X\"\n---\n") == nil)
        #expect(read("---\ntitle: X\n+++\n") == nil)
    }

    @Test func blockListItemsHaveRanges() throws {
        let marked = MarkedText("---\npersona:\n  - 1️⃣end-user2️⃣\n  - \"3️⃣wizard4️⃣\"\n---\n")
        let frontMatter = try #require(FrontMatterReader.read(marked.source))
        #expect(frontMatter.entries[0].itemRanges == [marked.range("1️⃣", "2️⃣"), marked.range("3️⃣", "4️⃣")])
    }

    @Test func duplicateKeyKeepsBothEntriesAndTheFirstWins() throws {
        let frontMatter = try #require(read("---\ntitle: A\ntitle: B\n---\n"))
        #expect(frontMatter.entries.map(\.key) == ["title", "title"])
        #expect(frontMatter.string("title") == "A")
    }

    @Test func problemsDoNotStopReading() throws {
        let frontMatter = try #require(read("---\nbroken line\n  worse: indent\ntitle: Still read\n---\n"))
        #expect(frontMatter.problems.map(\.message) == ["Expected `key: value` in front matter", "Unexpected indentation in front matter"])
        #expect(frontMatter.string("title") == "Still read")
    }
}
