import Testing
@testable import DocentCore

/// One conversion: the text, a byte offset in it, and the position it has in each encoding.
struct PositionCase: Sendable, CustomTestStringConvertible {
    var text: String
    var offset: Int
    var utf8: Position
    var utf16: Position
    var utf32: Position
    var testDescription: String { "\(text.debugDescription) @\(offset)" }

    init(_ text: String, _ offset: Int, utf8: (Int, Int), utf16: (Int, Int), utf32: (Int, Int)) {
        self.text = text
        self.offset = offset
        self.utf8 = Position(line: utf8.0, character: utf8.1)
        self.utf16 = Position(line: utf16.0, character: utf16.1)
        self.utf32 = Position(line: utf32.0, character: utf32.1)
    }

    init(_ text: String, _ offset: Int, all: (Int, Int)) {
        self.init(text, offset, utf8: all, utf16: all, utf32: all)
    }
}

/// A position given by a client and the byte offset it lands on.
struct OffsetCase: Sendable, CustomTestStringConvertible {
    var text: String
    var position: Position
    var encoding: PositionEncoding
    var offset: Int
    var testDescription: String { "\(text.debugDescription) \(position) \(encoding.rawValue)" }

    init(_ text: String, _ line: Int, _ character: Int, _ encoding: PositionEncoding, _ offset: Int) {
        self.text = text
        self.position = Position(line: line, character: character)
        self.encoding = encoding
        self.offset = offset
    }
}

/// Incremental edits applied in order and the text they leave.
struct EditCase: Sendable, CustomTestStringConvertible {
    var name: String
    var text: String
    var edits: [TextEdit]
    var encoding: PositionEncoding
    var expected: String
    var testDescription: String { name }
}

private func edit(_ startLine: Int, _ startCharacter: Int, _ endLine: Int, _ endCharacter: Int, _ newText: String) -> TextEdit {
    TextEdit(range: PositionRange(start: Position(line: startLine, character: startCharacter), end: Position(line: endLine, character: endCharacter)), newText: newText)
}

@Suite struct LineTableTests {
    static let positionCases: [PositionCase] = [
        PositionCase("abc\ndef", 5, all: (1, 1)),
        PositionCase("abc\ndef", 7, all: (1, 3)),
        PositionCase("abc\n", 4, all: (1, 0)),
        PositionCase("", 0, all: (0, 0)),
        // CRLF: one terminator; an offset between `\r` and `\n` clamps to the end of the line's content.
        PositionCase("ab\r\ncd", 4, all: (1, 0)),
        PositionCase("ab\r\ncd", 3, all: (0, 2)),
        PositionCase("ab\r\ncd", 6, all: (1, 2)),
        // A lone CR ends a line too.
        PositionCase("ab\rcd", 3, all: (1, 0)),
        PositionCase("ab\rcd\ref", 7, all: (2, 1)),
        // A surrogate pair: "a😀b", the b is at byte 5.
        PositionCase("a😀b", 5, utf8: (0, 5), utf16: (0, 3), utf32: (0, 2)),
        PositionCase("a😀b", 6, utf8: (0, 6), utf16: (0, 4), utf32: (0, 3)),
        // An offset inside the emoji rounds down to its start.
        PositionCase("a😀b", 3, utf8: (0, 1), utf16: (0, 1), utf32: (0, 1)),
        // ZWJ sequence 👩‍💻: U+1F469 (4 bytes) U+200D (3) U+1F4BB (4).
        PositionCase("x👩‍💻y", 12, utf8: (0, 12), utf16: (0, 6), utf32: (0, 4)),
        PositionCase("x👩‍💻y", 5, utf8: (0, 5), utf16: (0, 3), utf32: (0, 2)),
        // CJK: three bytes, one UTF-16 unit each.
        PositionCase("日本語x", 9, utf8: (0, 9), utf16: (0, 3), utf32: (0, 3)),
        PositionCase("a\n日本語x\n", 8, utf8: (1, 6), utf16: (1, 2), utf32: (1, 2)),
        // Past the end clamps to the end; negative clamps to zero.
        PositionCase("ab\ncd", 99, all: (1, 2)),
        PositionCase("ab\ncd", -4, all: (0, 0)),
        PositionCase("é\n", 99, utf8: (1, 0), utf16: (1, 0), utf32: (1, 0)),
    ]

    @Test(arguments: positionCases)
    func positionOfOffset(_ example: PositionCase) {
        let text = SourceText(example.text)
        #expect(text.position(of: example.offset, encoding: .utf8) == example.utf8)
        #expect(text.position(of: example.offset, encoding: .utf16) == example.utf16)
        #expect(text.position(of: example.offset, encoding: .utf32) == example.utf32)
    }

    static let offsetCases: [OffsetCase] = [
        OffsetCase("a😀b", 0, 3, .utf16, 5),
        OffsetCase("a😀b", 0, 5, .utf8, 5),
        OffsetCase("a😀b", 0, 2, .utf32, 5),
        // A column in the middle of the surrogate pair rounds down to the emoji's start.
        OffsetCase("a😀b", 0, 2, .utf16, 1),
        // A UTF-8 column inside the emoji's bytes rounds down too.
        OffsetCase("a😀b", 0, 3, .utf8, 1),
        // Past the end of a line clamps to the line's end, before its terminator.
        OffsetCase("ab\ncd", 0, 10, .utf16, 2),
        OffsetCase("ab\r\ncd", 0, 5, .utf16, 2),
        OffsetCase("日本\nx", 0, 40, .utf16, 6),
        // Lines past the end clamp to the end of the text; negative lines and columns to their start.
        OffsetCase("ab\ncd", 7, 0, .utf16, 5),
        OffsetCase("ab\ncd", -1, 3, .utf16, 0),
        OffsetCase("ab\ncd", 1, -3, .utf16, 3),
        OffsetCase("x👩‍💻y", 0, 6, .utf16, 12),
        OffsetCase("x👩‍💻y", 0, 3, .utf16, 5),
        OffsetCase("x👩‍💻y", 0, 4, .utf32, 12),
        OffsetCase("ab\rcd", 1, 1, .utf16, 4),
    ]

    @Test(arguments: offsetCases)
    func offsetOfPosition(_ example: OffsetCase) {
        #expect(SourceText(example.text).offset(of: example.position, encoding: example.encoding) == example.offset)
    }

    /// Every scalar boundary survives offset → position → offset in every encoding.
    @Test(arguments: ["plain ascii\nsecond", "a😀b\r\n日本語\rx👩‍💻y\n", "é\u{301}\n\n\tß", ""])
    func roundTripsEveryScalarBoundary(_ string: String) {
        let text = SourceText(string)
        var boundaries = [0]
        for scalar in string.unicodeScalars { boundaries.append(boundaries.last! + String(scalar).utf8.count) }
        for offset in boundaries {
            // An offset between `\r` and `\n` has no position of its own.
            if offset > 0, offset < text.count, text.bytes[offset - 1] == 0x0D, text.bytes[offset] == 0x0A { continue }
            for encoding in PositionEncoding.allCases {
                let position = text.position(of: offset, encoding: encoding)
                #expect(text.offset(of: position, encoding: encoding) == offset, "offset \(offset) in \(encoding)")
            }
        }
    }

    @Test func lineStartsForEachTerminator() {
        #expect(Array(LineTable(Array("a\nb\r\nc\rd".utf8)).lineStarts) == [0, 2, 5, 7])
        #expect(Array(LineTable(Array("".utf8)).lineStarts) == [0])
        #expect(Array(LineTable(Array("\n".utf8)).lineStarts) == [0, 1])
        #expect(Array(LineTable(Array("\r\r\n".utf8)).lineStarts) == [0, 1, 3])
    }

    @Test func lineRangeExcludesTerminator() {
        let text = SourceText("one\r\ntwo\rthree\nfour")
        #expect(text.lineRange(0) == 0..<3)
        #expect(text.lineRange(1) == 5..<8)
        #expect(text.lineRange(2) == 9..<14)
        #expect(text.lineRange(3) == 15..<19)
        // Lines out of range clamp to the first or last line.
        #expect(text.lineRange(9) == 15..<19)
        #expect(text.lineRange(-2) == 0..<3)
    }

    @Test func positionRangeConversionOrdersEnds() {
        let text = SourceText("a😀b\nc")
        #expect(text.positionRange(of: 1..<5) == PositionRange(start: Position(line: 0, character: 1), end: Position(line: 0, character: 3)))
        let reversed = PositionRange(start: Position(line: 1, character: 1), end: Position(line: 0, character: 1))
        #expect(text.byteRange(of: reversed) == 1..<8)
    }

    static let editCases: [EditCase] = [
        EditCase(name: "insert", text: "hello world", edits: [edit(0, 5, 0, 5, ", dear")], encoding: .utf16, expected: "hello, dear world"),
        EditCase(name: "delete across lines", text: "one\ntwo\nthree", edits: [edit(0, 1, 2, 2, "")], encoding: .utf16, expected: "oree"),
        EditCase(name: "replace with CRLF", text: "a\nb", edits: [edit(0, 1, 1, 0, "\r\n")], encoding: .utf16, expected: "a\r\nb"),
        EditCase(name: "each edit sees the previous result", text: "abc",
                 edits: [edit(0, 3, 0, 3, "\n"), edit(1, 0, 1, 0, "d"), edit(0, 0, 0, 1, "A")], encoding: .utf16, expected: "Abc\nd"),
        EditCase(name: "utf-16 columns after an emoji", text: "😀x", edits: [edit(0, 2, 0, 3, "y")], encoding: .utf16, expected: "😀y"),
        EditCase(name: "utf-8 columns after an emoji", text: "😀x", edits: [edit(0, 4, 0, 5, "y")], encoding: .utf8, expected: "😀y"),
        EditCase(name: "utf-32 columns after CJK", text: "日本語", edits: [edit(0, 1, 0, 2, "")], encoding: .utf32, expected: "日語"),
        EditCase(name: "a range past the end appends", text: "ab", edits: [edit(5, 0, 5, 0, "!")], encoding: .utf16, expected: "ab!"),
        EditCase(name: "whole-document replacement", text: "old", edits: [TextEdit(range: nil, newText: "new\ntext")], encoding: .utf16, expected: "new\ntext"),
        EditCase(name: "edit on a CRLF line", text: "a\r\nbc\r\n", edits: [edit(1, 1, 1, 2, "X"), edit(2, 0, 2, 0, "end")], encoding: .utf16, expected: "a\r\nbX\r\nend"),
    ]

    @Test(arguments: editCases)
    func applyingEdits(_ example: EditCase) {
        var text = SourceText(example.text)
        text.apply(example.edits, encoding: example.encoding)
        #expect(text.string == example.expected)
        // The line table follows the edits.
        #expect(text.lineTable.lineStarts == SourceText(example.expected).lineTable.lineStarts)
        #expect(text.lineTable.byteCount == example.expected.utf8.count)
    }

    /// Invalid UTF-8 becomes U+FFFD on the way in, and every conversion stays in bounds.
    @Test(arguments: [
        ([0x61, 0xFF, 0x62], "a\u{FFFD}b"),
        ([0x61, 0xE6, 0x97], "a\u{FFFD}"),
        ([0xC3], "\u{FFFD}"),
        ([0x80, 0x0A, 0x62], "\u{FFFD}\nb"),
        ([0xF0, 0x9F, 0x98, 0x80], "😀"),
    ] as [([UInt8], String)])
    func invalidUTF8IsRepaired(_ bytes: [UInt8], _ expected: String) {
        let text = SourceText(bytes: bytes)
        #expect(text.string == expected)
        #expect(text.bytes == Array(expected.utf8))
        for offset in -2...(text.count + 2) {
            for encoding in PositionEncoding.allCases {
                let position = text.position(of: offset, encoding: encoding)
                let back = text.offset(of: position, encoding: encoding)
                #expect((0...text.count).contains(back))
            }
        }
    }

    @Test func replacementTextIsRepairedToo() {
        var text = SourceText("ab")
        text.replace(1..<1, with: [0xFF, 0x63])
        #expect(text.string == "a\u{FFFD}cb")
        text.replace(10..<20, with: Array("z".utf8))
        #expect(text.string == "a\u{FFFD}cbz")
    }

    @Test func markersAreTakenOutAtTheirByteOffsets() {
        let marked = MarkedText("1️⃣a😀2️⃣b\n3️⃣👩‍💻4️⃣")
        #expect(marked.text == "a😀b\n👩‍💻")
        #expect(marked.markers == ["1️⃣": 0, "2️⃣": 5, "3️⃣": 7, "4️⃣": 18])
    }
}
