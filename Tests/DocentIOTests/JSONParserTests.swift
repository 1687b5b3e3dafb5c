import DocentCore
import Testing
@testable import DocentIO

/// Invalid JSON and the exact error it must produce.
struct JSONErrorCase: Sendable, CustomTestStringConvertible {
    var name: String
    var json: String
    var message: String
    var line: Int
    var column: Int
    var testDescription: String { name }
}

@Suite struct JSONParserTests {
    @Test(arguments: [
        ("null", JSONValue.null),
        ("true", .bool(true)),
        (" false ", .bool(false)),
        ("0", .number(0)),
        ("-12.5e2", .number(-1250)),
        ("1E+2", .number(100)),
        ("0.25", .number(0.25)),
        (#""plain""#, .string("plain")),
        (#""esc \" \\ \/ \b \f \n \r \t""#, .string("esc \" \\ / \u{8} \u{C} \n \r \t")),
        (#""\u00e9\u4E2D""#, .string("é中")),
        (#""\ud83d\ude00""#, .string("😀")),
        (#""raw 😀 é""#, .string("raw 😀 é")),
        ("[]", .array([])),
        ("{}", .object(JSONObject())),
        (#"{"a": [1, 2.5, -3e2, true, false, null, "s"], "b": {"c": {}}}"#,
         ["a": [1, 2.5, -300, true, false, nil, "s"], "b": ["c": .object(JSONObject())]]),
        ("\n\t [ 1 ,\r\n 2 ] \n", [1, 2]),
    ] as [(String, JSONValue)])
    func parsesValidDocuments(_ json: String, _ expected: JSONValue) throws {
        #expect(try JSONParser.parse(json) == expected)
    }

    static let errorCases: [JSONErrorCase] = [
        JSONErrorCase(name: "trailing comma in object", json: #"{"a": 1,}"#, message: "Trailing comma in object", line: 1, column: 8),
        JSONErrorCase(name: "trailing comma in array", json: "[1, 2,]", message: "Trailing comma in array", line: 1, column: 6),
        JSONErrorCase(name: "trailing comma on a later line", json: "{\n  \"a\": 1,\n  \"b\": [\n    2,\n  ]\n}", message: "Trailing comma in array", line: 4, column: 6),
        JSONErrorCase(name: "trailing comma in an object, closed on the next line", json: "{\n  \"a\": [1],\n}", message: "Trailing comma in object", line: 2, column: 11),
        JSONErrorCase(name: "missing colon", json: #"{"a" 1}"#, message: "Expected `:` after the key \"a\"", line: 1, column: 6),
        JSONErrorCase(name: "missing colon on line 3", json: "{\n  \"a\": 1,\n  \"b\" 2\n}", message: "Expected `:` after the key \"b\"", line: 3, column: 7),
        JSONErrorCase(name: "unterminated string", json: #"{"a": "abc"#, message: "Unterminated string", line: 1, column: 7),
        JSONErrorCase(name: "bad escape", json: #"["a\x"]"#, message: "`\\x` is not a JSON escape", line: 1, column: 4),
        JSONErrorCase(name: "bad hex digit", json: #""\u12G4""#, message: "`\\u` takes four hexadecimal digits", line: 1, column: 2),
        JSONErrorCase(name: "too few hex digits at the end", json: #""ab\u12"#, message: "`\\u` takes four hexadecimal digits", line: 1, column: 4),
        JSONErrorCase(name: "lone high surrogate", json: #"["\ud83d"]"#, message: "`\\ud83d` is the first half of a UTF-16 surrogate pair without its second half (`\\uDC00`–`\\uDFFF`) after it", line: 1, column: 3),
        JSONErrorCase(name: "high surrogate before a character", json: #""\ud83dx""#, message: "`\\ud83d` is the first half of a UTF-16 surrogate pair without its second half (`\\uDC00`–`\\uDFFF`) after it", line: 1, column: 2),
        JSONErrorCase(name: "high surrogate before an escape that is no low surrogate", json: "{\n  \"a\": \"é\\uD83D\\u0041\"\n}", message: "`\\uD83D` is the first half of a UTF-16 surrogate pair without its second half (`\\uDC00`–`\\uDFFF`) after it", line: 2, column: 10),
        JSONErrorCase(name: "lone low surrogate", json: #""x\uDE00""#, message: "`\\uDE00` is the second half of a UTF-16 surrogate pair without its first half (`\\uD800`–`\\uDBFF`) before it", line: 1, column: 3),
        JSONErrorCase(name: "surrogates in the wrong order", json: #""\uDE00\uD83D""#, message: "`\\uDE00` is the second half of a UTF-16 surrogate pair without its first half (`\\uD800`–`\\uDBFF`) before it", line: 1, column: 2),
        JSONErrorCase(name: "raw control character", json: "\"a\tb\"", message: "Control character in string; escape it", line: 1, column: 3),
        JSONErrorCase(name: "single-quoted key", json: "{'a': 1}", message: "Expected a string key in double quotes", line: 1, column: 2),
        JSONErrorCase(name: "missing comma", json: "[1 2]", message: "Expected `,` or `]` in array, found `2`", line: 1, column: 4),
        JSONErrorCase(name: "a backtick, quoted in double ones", json: "[1`]", message: "Expected `,` or `]` in array, found `` ` ``", line: 1, column: 3),
        JSONErrorCase(name: "missing comma in object", json: #"{"a": 1 "b": 2}"#, message: "Expected `,` or `}` in object, found `\"`", line: 1, column: 9),
        JSONErrorCase(name: "unterminated array", json: "[1,", message: "Unexpected end of input", line: 1, column: 4),
        JSONErrorCase(name: "unterminated object", json: #"{"a": 1"#, message: "Unterminated object: expected `,` or `}`", line: 1, column: 8),
        JSONErrorCase(name: "empty input", json: "  ", message: "Expected a JSON value, found the end of the input", line: 1, column: 3),
        JSONErrorCase(name: "text after the value", json: "{} x", message: "Unexpected text after the JSON value", line: 1, column: 4),
        JSONErrorCase(name: "leading zero", json: "01", message: "Leading zeros are not allowed in numbers", line: 1, column: 2),
        JSONErrorCase(name: "bare minus", json: "-", message: "Invalid number", line: 1, column: 2),
        JSONErrorCase(name: "decimal point without digits", json: "1.", message: "Expected digits after the decimal point", line: 1, column: 3),
        JSONErrorCase(name: "exponent without digits", json: "1e+", message: "Expected digits in the exponent", line: 1, column: 4),
        JSONErrorCase(name: "bad literal", json: "[tru]", message: "Invalid literal; expected true", line: 1, column: 2),
        JSONErrorCase(name: "comment", json: "// no\n{}", message: "Comments are not allowed in JSON", line: 1, column: 1),
        JSONErrorCase(name: "block comment in an object", json: "{\n  /* no */ \"a\": 1\n}", message: "Comments are not allowed in JSON", line: 2, column: 3),
        JSONErrorCase(name: "a character beyond ASCII is shown, not its first byte", json: "{\n\t\"x\": 😀\n}", message: "Unexpected character `😀` (U+1F600); expected a JSON value", line: 2, column: 7),
        JSONErrorCase(name: "a control character by its code point", json: "[1\u{7}]", message: "Expected `,` or `]` in array, found U+0007", line: 1, column: 3),
        JSONErrorCase(name: "a space beyond ASCII by its code point", json: "[\u{A0}1]", message: "Unexpected character U+00A0; expected a JSON value", line: 1, column: 2),
        JSONErrorCase(name: "columns count UTF-16 code units, not bytes", json: #"{"é😀": 1,}"#, message: "Trailing comma in object", line: 1, column: 10),
    ]

    @Test(arguments: errorCases)
    func reportsErrorsInPlace(_ example: JSONErrorCase) {
        #expect {
            _ = try JSONParser.parse(example.json)
        } throws: { error in
            guard let error = error as? JSONSyntaxError else { return false }
            #expect(error.message == example.message)
            #expect(error.line == example.line)
            #expect(error.column == example.column)
            #expect(error.description == "\(example.line):\(example.column): \(example.message)")
            return true
        }
    }

    /// A client's message may hold a lone surrogate (a JavaScript string can, and `JSON.stringify`
    /// escapes it): parsed for JSON-RPC, it is U+FFFD, that escape alone, and what follows is read on
    /// its own.
    @Test(arguments: [
        (#""\ud83d""#, "\u{FFFD}"),
        (#""\ude00x""#, "\u{FFFD}x"),
        (#""\ud83dx""#, "\u{FFFD}x"),
        (#""\ud83d\u0041""#, "\u{FFFD}A"),
        (#""\uD83D\uD83D\uDE00""#, "\u{FFFD}😀"),
        (#""\uDE00\uD83D""#, "\u{FFFD}\u{FFFD}"),
        (#""\ud83d\n""#, "\u{FFFD}\n"),
        (#""\ud83d\ude00""#, "😀"),
    ])
    func replacingLoneSurrogates(_ json: String, _ expected: String) throws {
        #expect(try JSONParser.parse(Array(json.utf8), replacingLoneSurrogates: true) == .string(expected))
    }

    /// Replacing lone surrogates leaves every other escape error an error.
    @Test func replacingLoneSurrogatesKeepsBadHexAnError() {
        #expect(throws: JSONSyntaxError(message: "`\\u` takes four hexadecimal digits", offset: 9, line: 1, column: 10)) {
            try JSONParser.parse(Array(#""\uD83D x\u12G4""#.utf8), replacingLoneSurrogates: true)
        }
    }

    /// A JSON string's content and how both JSON readers read it.
    struct EscapeCase: Sendable, CustomTestStringConvertible {
        struct Problem: Sendable {
            var message: String
            /// Where it is in `escaped`, in bytes.
            var offset: Int
            var length: Int
        }

        var name: String
        /// The content as written between the quotes (ASCII).
        var escaped: String
        /// What the front-matter reader reads, and the parser when it replaces lone surrogates.
        var value: String
        var problems: [Problem] = []
        /// Whether the parser reads `value` when it replaces lone surrogates (not when a `\u` has no digits).
        var replaceable = true
        var testDescription: String { name }
    }

    static func high(_ escape: String, _ offset: Int) -> EscapeCase.Problem {
        EscapeCase.Problem(message: "`\(escape)` is the first half of a UTF-16 surrogate pair without its second half (`\\uDC00`–`\\uDFFF`) after it", offset: offset, length: 6)
    }

    static func low(_ escape: String, _ offset: Int) -> EscapeCase.Problem {
        EscapeCase.Problem(message: "`\(escape)` is the second half of a UTF-16 surrogate pair without its first half (`\\uD800`–`\\uDBFF`) before it", offset: offset, length: 6)
    }

    static func noDigits(_ offset: Int) -> EscapeCase.Problem {
        EscapeCase.Problem(message: "`\\u` takes four hexadecimal digits", offset: offset, length: 2)
    }

    static let escapeCases: [EscapeCase] = [
        EscapeCase(name: "code points", escaped: #"\u00e9\u4E2D"#, value: "é中"),
        EscapeCase(name: "a surrogate pair", escaped: #"\ud83d\ude00"#, value: "😀"),
        EscapeCase(name: "a high surrogate at the end of the string", escaped: #"Smile \uD83D"#, value: "Smile \u{FFFD}", problems: [high(#"\uD83D"#, 6)]),
        EscapeCase(name: "a high surrogate before an escape that is no low surrogate", escaped: #"\uD83D\u0041"#, value: "\u{FFFD}A", problems: [high(#"\uD83D"#, 0)]),
        EscapeCase(name: "a high surrogate before a one-letter escape", escaped: #"\ud83d\""#, value: "\u{FFFD}\"", problems: [high(#"\ud83d"#, 0)]),
        EscapeCase(name: "a high surrogate before a pair", escaped: #"\uD83D\uD83D\uDE00"#, value: "\u{FFFD}😀", problems: [high(#"\uD83D"#, 0)]),
        EscapeCase(name: "a lone low surrogate", escaped: #"\uDE00"#, value: "\u{FFFD}", problems: [low(#"\uDE00"#, 0)]),
        EscapeCase(name: "a pair in the wrong order", escaped: #"\uDE00\uD83D"#, value: "\u{FFFD}\u{FFFD}", problems: [low(#"\uDE00"#, 0), high(#"\uD83D"#, 6)]),
        EscapeCase(name: "no hexadecimal digits", escaped: #"a\u12G4"#, value: "a12G4", problems: [noDigits(1)], replaceable: false),
        EscapeCase(name: "a high surrogate before a short escape", escaped: #"\uD83D\u12"#, value: "\u{FFFD}12", problems: [high(#"\uD83D"#, 0), noDigits(6)], replaceable: false),
    ]

    /// `docent.json`'s parser and the JSON front-matter reader decode `\u` escapes with one decoder
    /// (`JSONEscape.unicodeEscape`): the same text gives the front matter its value and problems,
    /// and the parser that value or an error, the first problem's message in its place.
    @Test(arguments: escapeCases)
    func bothJSONReadersReadEscapesAlike(_ example: EscapeCase) throws {
        let opening = "{\n  \"title\": \""
        let json = opening + example.escaped + "\"\n}\n"
        let start = opening.utf8.count
        let frontMatter = try #require(FrontMatterReader.read(SourceText(json)))
        #expect(frontMatter.string("title") == example.value)
        #expect(frontMatter.problems == example.problems.map { SyntaxProblem(message: $0.message, range: (start + $0.offset)..<(start + $0.offset + $0.length)) })
        guard let first = example.problems.first else {
            #expect(try JSONParser.parse(json)["title"] == .string(example.value))
            return
        }
        // The string's content starts at line 2, column 13.
        let error = JSONSyntaxError(message: first.message, offset: start + first.offset, line: 2, column: 13 + first.offset)
        #expect(throws: error) { try JSONParser.parse(json) }
        if example.replaceable {
            #expect(try JSONParser.parse(Array(json.utf8), replacingLoneSurrogates: true)["title"] == .string(example.value))
        } else {
            #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(Array(json.utf8), replacingLoneSurrogates: true) }
        }
    }

    /// Both JSON readers take numbers by one grammar (`JSONNumber`) and say the same of a bad one;
    /// what follows a number is each reader's to report (the front matter's value ends at a space or
    /// a comma, docent.json's parser wants a comma).
    @Test(arguments: [
        ("0", nil, nil), ("-0", nil, nil), ("12", nil, nil), ("1.5e3", nil, nil), ("-0.25E-2", nil, nil), ("1e+2", nil, nil),
        ("01", "Leading zeros are not allowed in numbers", "Leading zeros are not allowed in numbers @2:14"),
        ("-01", "Leading zeros are not allowed in numbers", "Leading zeros are not allowed in numbers @2:15"),
        ("1.", "Expected digits after the decimal point", "Expected digits after the decimal point @2:15"),
        ("1.e3", "Expected digits after the decimal point", "Expected digits after the decimal point @2:15"),
        ("-", "Invalid number", "Invalid number @2:14"),
        ("1e", "Expected digits in the exponent", "Expected digits in the exponent @2:15"),
        ("1e+", "Expected digits in the exponent", "Expected digits in the exponent @2:16"),
        (".5", "Expected a JSON value: a string in double quotes, a number, true, false, null, an array or an object", "Unexpected character `.`; expected a JSON value @2:13"),
        ("+1", "Expected a JSON value: a string in double quotes, a number, true, false, null, an array or an object", "Unexpected character `+`; expected a JSON value @2:13"),
        ("1.5.3", "Unexpected text after the number", "Expected `,` or `}` in object, found `.` @2:16"),
        ("0x1F", "Unexpected text after the number", "Expected `,` or `}` in object, found `x` @2:14"),
        ("1_000", "Unexpected text after the number", "Expected `,` or `}` in object, found `_` @2:14"),
    ] as [(String, String?, String?)])
    func bothJSONReadersTakeTheSameNumbers(_ token: String, _ frontMatterProblem: String?, _ parserError: String?) throws {
        let json = "{\n  \"weight\": \(token)\n}\n"
        let frontMatter = try #require(FrontMatterReader.read(SourceText(json)))
        #expect(frontMatter.problems.map(\.message) == (frontMatterProblem.map { [$0] } ?? []))
        #expect(frontMatter.string("weight") == token)
        do {
            let value = try JSONParser.parse(json)
            #expect(parserError == nil)
            #expect(value["weight"] == .number(Double(token)!))
        } catch {
            #expect("\(error.message) @\(error.line):\(error.column)" == parserError)
        }
    }

    @Test func depthLimit() throws {
        let atLimit = String(repeating: "[", count: JSONParser.maximumDepth) + String(repeating: "]", count: JSONParser.maximumDepth)
        _ = try JSONParser.parse(atLimit)
        for depth in [JSONParser.maximumDepth + 1, 100_000] {
            let tooDeep = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
            #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(tooDeep) }
            do {
                _ = try JSONParser.parse(tooDeep)
            } catch {
                #expect(error.message == "JSON nested deeper than 512 levels")
                #expect(error.column == 513)
            }
        }
        let objects = String(repeating: #"{"a":"#, count: 600) + "1" + String(repeating: "}", count: 600)
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(objects) }
    }

    @Test func invalidUTF8IsShownAsItsByte() {
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse([UInt8(ascii: "["), 0xF0, UInt8(ascii: "]")]) }
        do {
            _ = try JSONParser.parse([UInt8(ascii: "["), 0xF0, UInt8(ascii: "]")])
        } catch {
            #expect(error.message == "Unexpected character byte 0xF0 (not UTF-8); expected a JSON value")
        }
    }

    @Test func byteOrderMarkIsTolerated() throws {
        #expect(try JSONParser.parse([0xEF, 0xBB, 0xBF] + Array(#"{"a": 1}"#.utf8)) == ["a": 1])
        // Only at the start.
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(Array("[".utf8) + [0xEF, 0xBB, 0xBF] + Array("]".utf8)) }
    }

    @Test func locationsByJSONPointer() throws {
        let json = "{\n  \"include\": [\"docs/**\"],\n  \"rules\": {\"a/b\": \"off\", \"c~d\": \"hint\"}\n}"
        let bytes = Array(json.utf8)
        let (value, locations) = try JSONParser.parseWithLocations(bytes)
        #expect(value["rules"]?["a/b"] == "off")
        func place(_ pointer: String) -> (Int, Int)? {
            locations[pointer].map { JSONParser.lineAndColumn(of: $0, in: bytes) }.map { ($0.line, $0.column) }
        }
        #expect(place("/")! == (1, 1))
        #expect(place("/include")! == (2, 14))
        #expect(place("/include#key")! == (2, 3))
        #expect(place("/include/0")! == (2, 15))
        #expect(place("/rules/a~1b")! == (3, 20))
        #expect(place("/rules/c~0d#key")! == (3, 27))
    }

    /// Columns count UTF-16 code units, as the editor's positions and `docent check`'s do.
    @Test func columnsCountUTF16CodeUnits() {
        let bytes = Array("{\"title\": \"😀é中\" x}".utf8)
        let x = bytes.firstIndex(of: UInt8(ascii: "x"))!
        #expect(JSONParser.lineAndColumn(of: x, in: bytes) == (1, 18))
        #expect(throws: JSONSyntaxError(message: "Expected `,` or `}` in object, found `x`", offset: x, line: 1, column: 18)) { try JSONParser.parse(bytes) }
    }

    @Test func duplicateKeysKeepTheLastValueAndFirstPosition() throws {
        let value = try JSONParser.parse(#"{"a": 1, "b": 2, "a": 3}"#)
        #expect(value.objectValue?.keys == ["a", "b"])
        #expect(value["a"] == 3)
    }

    @Test func accessors() throws {
        let value = try JSONParser.parse(#"{"s": "x", "n": 2, "f": 2.5, "b": true, "a": [1], "o": {}, "z": null}"#)
        #expect(value["s"]?.stringValue == "x")
        #expect(value["n"]?.intValue == 2)
        #expect(value["f"]?.intValue == nil)
        #expect(value["f"]?.doubleValue == 2.5)
        #expect(value["b"]?.boolValue == true)
        #expect(value["a"]?[0] == 1)
        #expect(value["a"]?[1] == nil)
        #expect(value["o"]?.objectValue?.isEmpty == true)
        #expect(value["z"]?.isNull == true)
        #expect(value["missing"] == nil)
        #expect(value["s"]?["nested"] == nil)
    }

    // MARK: Serializer

    @Test(arguments: [
        (JSONValue.null, "null"),
        (["a": "x\"y\n", "b": [1, 2.5, nil, true]], #"{"a":"x\"y\n","b":[1,2.5,null,true]}"#),
        (.string("tab\there\u{1}\r\\"), #""tab\there\u0001\r\\""#),
        (.string("😀 é /"), #""😀 é /""#),
        (.number(-0.5), "-0.5"),
        (.number(1e20), "1e+20"),
        (.number(123_456_789_012), "123456789012"),
        (.number(.nan), "null"),
        (.number(.infinity), "null"),
        (.array([]), "[]"),
        (.object(JSONObject()), "{}"),
    ] as [(JSONValue, String)])
    func serializesCompactly(_ value: JSONValue, _ expected: String) {
        #expect(JSONSerializer.string(value) == expected)
    }

    @Test func serializesPrettilyInInsertionOrder() {
        let value: JSONValue = ["zeta": 1, "alpha": ["list": [true, "x"], "empty": [], "none": .object(JSONObject())]]
        #expect(JSONSerializer.string(value, pretty: true) == """
            {
              "zeta": 1,
              "alpha": {
                "list": [
                  true,
                  "x"
                ],
                "empty": [],
                "none": {}
              }
            }
            """)
    }

    @Test(arguments: [
        ["a": [1, 2.5, -300, true, false, nil, "s"], "b": ["c": .object(JSONObject())]] as JSONValue,
        .string("quotes \" backslash \\ controls \u{0}\u{1F} emoji 😀 CJK 中文 RTL שלום"),
        .array((0..<50).map { JSONValue.number(Double($0) * 1.5) }),
        ["nested": [["deep": [["deeper": ["x"]]]]]],
    ])
    func roundTrips(_ value: JSONValue) throws {
        #expect(try JSONParser.parse(JSONSerializer.string(value)) == value)
        #expect(try JSONParser.parse(JSONSerializer.string(value, pretty: true)) == value)
        #expect(try JSONParser.parse(JSONSerializer.bytes(value)) == value)
    }

    @Test func objectKeepsInsertionOrderAndRemovesKeys() {
        var object: JSONObject = ["b": 1, "a": 2]
        object["c"] = 3
        object["b"] = nil
        object["a"] = 4
        #expect(object.keys == ["a", "c"])
        #expect(object.count == 2)
        #expect(JSONSerializer.string(.object(object)) == #"{"a":4,"c":3}"#)
    }
}
