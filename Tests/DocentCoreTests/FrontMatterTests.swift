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
        FrontMatterCase(name: "double-quoted code points and control escapes", body: #"title: "a\u0041\rb \U0001F600 \/ \q""#,
                        expected: [("title", .scalar("aA\rb 😀 / q"))]),
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
        FrontMatterCase(name: "plain scalar on the lines below its key", body: "persona:\n  end-user\ndescription:\n  Runs the portal # why\n  for everyone\nnext: x",
                        expected: [("persona", .scalar("end-user")), ("description", .scalar("Runs the portal for everyone")), ("next", .scalar("x"))]),
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
        ProblemCase(name: "JSON: unquoted key", marked: "{\n  1️⃣title: \"X\"2️⃣\n}\n", messages: ["Expected a key in double quotes"]),
        ProblemCase(name: "JSON: single-quoted string", marked: "{\n  \"title\": 1️⃣'X'2️⃣\n}\n", messages: ["JSON strings take double quotes"]),
        ProblemCase(name: "JSON: unclosed string", marked: "{\n  \"title\": 1️⃣\"Logging in2️⃣\n}\n", messages: ["This string has no closing \""]),
        ProblemCase(name: "JSON: unclosed key", marked: "{\n  1️⃣\"title: 12️⃣\n}\n", messages: ["This string has no closing \""]),
        ProblemCase(name: "JSON: missing comma", marked: "{\n  \"a\": 1\n  1️⃣\"b\": 22️⃣\n}\n", messages: ["Expected `,` before this member"]),
        ProblemCase(name: "JSON: trailing comma", marked: "{\n  \"a\": 11️⃣,2️⃣\n}\n", messages: ["JSON allows no comma after the last member"]),
        ProblemCase(name: "JSON: trailing comma in an array", marked: "{\n  \"tags\": [\"a\"1️⃣,2️⃣ ]\n}\n", messages: ["JSON allows no comma after the last item"]),
        ProblemCase(name: "JSON: missing comma in an array", marked: "{\n  \"tags\": [\"a\" 1️⃣\"b\"2️⃣]\n}\n", messages: ["Expected `,` before this item"]),
        ProblemCase(name: "JSON: two commas", marked: "{\n  \"a\": 1,1️⃣,2️⃣\n  \"b\": 2\n}\n", messages: ["Unexpected `,`"]),
        ProblemCase(name: "JSON: duplicate key", marked: "{\n  \"title\": \"A\",\n  1️⃣\"title\"2️⃣: \"B\"\n}\n", messages: ["Duplicate front-matter key `title`"]),
        ProblemCase(name: "JSON: unclosed array", marked: "{\n  \"tags\": 1️⃣[2️⃣\"a\"\n}\n", messages: ["This array has no closing `]`"]),
        ProblemCase(name: "JSON: unclosed object", marked: "{\n  \"params\": 1️⃣{2️⃣\n    \"a\": 1\n}\n", messages: ["This object has no closing `}`"]),
        ProblemCase(name: "JSON: not a value", marked: "{\n  \"draft\": 1️⃣yes2️⃣\n}\n", messages: ["Expected a JSON value: a string in double quotes, a number, true, false, null, an array or an object"]),
        ProblemCase(name: "JSON: a leading zero", marked: "{\n  \"weight\": 1️⃣01.2️⃣\n}\n", messages: ["Leading zeros are not allowed in numbers"]),
        ProblemCase(name: "JSON: no fraction digits", marked: "{\n  \"weight\": 1️⃣-1.2️⃣,\n  \"b\": 1\n}\n", messages: ["Expected digits after the decimal point"]),
        ProblemCase(name: "JSON: no exponent digits", marked: "{\n  \"weight\": 1️⃣2e+2️⃣\n}\n", messages: ["Expected digits in the exponent"]),
        ProblemCase(name: "JSON: a unit after a number", marked: "{\n  \"width\": 121️⃣px2️⃣\n}\n", messages: ["Unexpected text after the number"]),
        ProblemCase(name: "JSON: a lone minus", marked: "{\n  \"weight\": 1️⃣-2️⃣\n}\n", messages: ["Invalid number"]),
        ProblemCase(name: "JSON: a comment", marked: "{\n  1️⃣// the title2️⃣\n  \"title\": \"X\"\n}\n", messages: ["JSON has no comments"]),
        ProblemCase(name: "JSON: no value", marked: "{\n  1️⃣\"title\"2️⃣:\n}\n", messages: ["This key has no value"]),
        ProblemCase(name: "JSON: no colon", marked: "{\n  1️⃣\"title\"2️⃣ \"X\"\n}\n", messages: ["Expected `:` after the key"]),
        ProblemCase(name: "JSON: unknown escape", marked: "{\n  \"title\": \"a 1️⃣\\é2️⃣ b\"\n}\n", messages: ["`\\é` is not a JSON escape"]),
        ProblemCase(name: "JSON: short unicode escape", marked: "{\n  \"title\": \"1️⃣\\u2️⃣12\"\n}\n", messages: ["`\\u` takes four hexadecimal digits"]),
        ProblemCase(name: "JSON: lone high surrogate", marked: "{\n  \"title\": \"a 1️⃣\\ud83d2️⃣\\u0041\"\n}\n",
                    messages: ["`\\ud83d` is the first half of a UTF-16 surrogate pair without its second half (`\\uDC00`–`\\uDFFF`) after it"]),
        ProblemCase(name: "JSON: lone low surrogate", marked: "{\n  \"title\": \"1️⃣\\uDE002️⃣ b\"\n}\n",
                    messages: ["`\\uDE00` is the second half of a UTF-16 surrogate pair without its first half (`\\uD800`–`\\uDBFF`) before it"]),
        ProblemCase(name: "JSON: a tab in a string", marked: "{\n  \"title\": \"a1️⃣\t2️⃣b\"\n}\n", messages: ["A JSON string cannot hold a tab or other control character unescaped"]),
        ProblemCase(name: "JSON: text after a value", marked: "{\n  \"title\": \"A\" 1️⃣junk,2️⃣\n  \"b\": 1\n}\n", messages: ["Unexpected text after the value"]),
        ProblemCase(name: "JSON: a stray closing bracket", marked: "{\n  \"a\": 1,\n  1️⃣]2️⃣\n  \"b\": 2\n}\n", messages: ["Unexpected `]`"]),
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

    @Test func jsonFrontMatterAsHugoWritesIt() throws {
        let marked = MarkedText(#"""
            {
            5️⃣    "title": "1️⃣DocHub2️⃣ page",
                "slug": "dochub",
                "draft": false,
                "weight": -1.5e3,
                "persona": ["3️⃣end-user4️⃣", "integrator"],
                "description": 6️⃣null7️⃣,
                "params": {
                    "author": { "name": "Ana" },
                    "tags": [],
                    "menu": [[1, 2], {"w": 3}]
                },
                "escaped": "8️⃣Tab\tq\"u\u00e9 \ud83d\ude00 \/ \\9️⃣"
            }
            Body with } and {
            }
            """#)
        let frontMatter = try #require(FrontMatterReader.read(marked.source))
        #expect(frontMatter.syntax == .json)
        #expect(frontMatter.problems == [])
        let closing = marked.text.utf8.count - "Body with } and {\n}".utf8.count
        #expect(frontMatter.range == 0..<closing)
        #expect(frontMatter.contentRange == 2..<(closing - 2))
        #expect(frontMatter.entries.map(\.key) == ["title", "slug", "draft", "weight", "persona", "description", "params", "escaped"])
        #expect(frontMatter.string("title") == "DocHub page")
        #expect(frontMatter.string("slug") == "dochub")
        #expect(frontMatter.string("draft") == "false")
        #expect(frontMatter.string("weight") == "-1.5e3")
        #expect(frontMatter.strings("persona") == ["end-user", "integrator"])
        #expect(frontMatter.string("description") == "")
        #expect(frontMatter.strings("description") == [])
        #expect(YAML(frontMatter.entry("params")!.value) == .map([
            ("author", .map([("name", .scalar("Ana"))])), ("tags", .list([])),
            ("menu", .list([.list([.scalar("1"), .scalar("2")]), .map([("w", .scalar("3"))])])),
        ]))
        #expect(frontMatter.string("escaped") == "Tab\tq\"u\u{E9} \u{1F600} / \\")
        // A string's range is inside its quotes (a key's takes its quotes); a list's items are each inside theirs.
        #expect(frontMatter.entry("title")!.valueRange == marked["1️⃣"]..<(marked["2️⃣"] + " page".utf8.count))
        #expect(frontMatter.entry("title")!.keyRange == (marked["5️⃣"] + 4)..<(marked["5️⃣"] + 11))
        #expect(frontMatter.entry("persona")!.itemRanges.first == marked.range("3️⃣", "4️⃣"))
        #expect(frontMatter.entry("description")!.valueRange == marked.range("6️⃣", "7️⃣"))
        #expect(frontMatter.entry("escaped")!.valueRange == marked.range("8️⃣", "9️⃣"))
        // A new member goes first, indented like the others, with a comma; its value is escaped.
        #expect(frontMatter.insertionPoint == marked["5️⃣"])
        #expect(frontMatter.line("persona", "administrator") == "    \"persona\": \"administrator\",")
        #expect(frontMatter.line("title", "A \"quoted\" \\ title\u{1}") == #"    "title": "A \"quoted\" \\ title\u0001","#)
        // The body after the block is Markdown.
        let document = MarkdownScanner.scan(marked.source)
        #expect(document.title == "DocHub page")
        #expect(document.proseSpans.map { marked.source.string(in: $0.range) } == ["Body with } and {", "}"])
    }

    /// Hugo's rule: only a first line that is `{` alone opens JSON front matter; it closes at the `}`
    /// that balances it, alone on its line (else at the first line that is `}`), and without one there
    /// is none.
    @Test func jsonBlockOpensAndClosesOnLinesOfTheirOwn() throws {
        #expect(read("{\"title\": \"X\"}\n\nBody\n") == nil)
        #expect(read("{ \"title\": \"X\" }\n") == nil)
        #expect(read("{\n  \"title\": \"X\"\nno closing line\n") == nil)
        #expect(read("{{ template }}\n}\n") == nil)
        // Spaces after the braces; a BOM; CRLF; the block at the end of the text.
        #expect(try #require(read("{ \t\n\"title\": \"X\"\n}  \nBody")).range == 0..<21)
        #expect(try #require(read("\u{FEFF}{\n\"title\": \"X\"\n}\n")).string("title") == "X")
        let crlf = try #require(read("{\r\n  \"title\": \"Windows\",\r\n  \"tags\": [\r\n    \"a\"\r\n  ]\r\n}\r\nBody"))
        #expect(crlf.problems == [])
        #expect(crlf.string("title") == "Windows")
        #expect(crlf.strings("tags") == ["a"])
        #expect(crlf.range == 0..<56)
        #expect(try #require(read("{\n\"a\": 1\n}")).range == 0..<10)
        // Braces inside strings do not count; a nested object's `}` alone on its line does not close.
        let nested = try #require(read("{\n  \"a\": \"}\",\n  \"b\": {\n    \"c\": \"{\"\n}\n}\nBody\n"))
        #expect(nested.range == 0..<40)
        #expect(nested.problems == [])
        #expect(YAML(nested.entry("b")!.value) == .map([("c", .scalar("{"))]))
        // An object left open closes at the first `}` line, and says so.
        let open = try #require(read("{\n  \"params\": {\n    \"a\": 1\n}\n\nBody {x}\n"))
        #expect(open.range == 0..<29)
        #expect(open.problems.map(\.message) == ["This object has no closing `}`"])
        // `{}` with nothing between: a new member needs no comma.
        let empty = try #require(read("{\n}\nBody\n"))
        #expect(empty.entries.isEmpty)
        #expect(empty.insertionPoint == 2)
        #expect(empty.line("persona", "end-user") == "  \"persona\": \"end-user\"")
        // In MDX a `{` line opens an expression, not front matter.
        #expect(FrontMatterReader.read(SourceText("{\n  \"title\": \"X\"\n}\n"), isMDX: true) == nil)
        #expect(FrontMatterReader.read(SourceText("---\ntitle: X\n---\n"), isMDX: true)?.string("title") == "X")
        let page = SourceText("{\n  \"title\": \"X\"\n}\n\nBody\n")
        #expect(MarkdownScanner.scan(page, isMDX: true).frontMatter == nil)
        #expect(MarkdownScanner.scan(page, isMDX: true).proseSpans.map { page.string(in: $0.range) } == ["Body"])
        #expect(MarkdownScanner.scan(page).title == "X")
    }

    /// Problems do not stop the reading: later members are still read.
    @Test func jsonProblemsDoNotStopReading() throws {
        let frontMatter = try #require(read("{\n  title: \"X\",\n  \"persona\": \"administrator\n  \"draft\": true,\n  \"weight\": 3,\n}\n"))
        #expect(frontMatter.problems.map(\.message) == ["Expected a key in double quotes", "This string has no closing \"", "JSON allows no comma after the last member"])
        #expect(frontMatter.entries.map(\.key) == ["persona", "draft", "weight"])
        #expect(frontMatter.string("persona") == "administrator")
        #expect(frontMatter.string("draft") == "true")
    }

    /// Arrays and objects nested past `JSONFrontMatterReader.maximumDepth` are kept as written.
    @Test func deeplyNestedJSONIsKeptAsWritten() throws {
        let depth = 10_000
        let deep = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let frontMatter = try #require(read("{\n  \"deep\": \(deep),\n  \"title\": \"X\"\n}\n"))
        #expect(frontMatter.problems == [])
        #expect(frontMatter.string("title") == "X")
        var value = try #require(frontMatter.entry("deep")?.value)
        var levels = 0
        while case .list(let items) = value, items.count == 1 { value = items[0]; levels += 1 }
        #expect(levels == JSONFrontMatterReader.maximumDepth)
        #expect(value.scalarText?.utf8.count == 2 * (depth - JSONFrontMatterReader.maximumDepth))
        let unclosed = try #require(read("{\n  \"deep\": " + String(repeating: "{\"a\": [", count: depth) + "\n}\n"))
        #expect(unclosed.problems.count == JSONFrontMatterReader.maximumDepth + 1)
        #expect(unclosed.problems.allSatisfy { $0.message.hasSuffix("has no closing `]`") || $0.message.hasSuffix("has no closing `}`") })
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
