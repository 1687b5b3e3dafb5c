import DocentCore
import DocentIO
import Foundation
import Testing
@testable import DocentLSP

/// Document sync as a property: thousands of seeded random incremental edits (inserts, deletes and
/// replacements spanning lines; CRLF and lone CR; surrogate pairs, ZWJ sequences, CJK, combining
/// marks; positions past the end of a line or of the text) go through `textDocument/didChange`. After
/// each, the server's text equals a reference model's — UTF-16 code units edited by offset, converted
/// to LSP positions on their own — and every position the server sends back (hover ranges, pushed
/// diagnostics) lies inside the document on a character boundary. Once with UTF-16 positions, once
/// with UTF-8.
@Suite struct DocumentSyncPropertyTests {
    /// SplitMix64: small, seeded, the same sequence on every platform.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// The reference: the document as UTF-16 code units, and LSP positions computed from them alone.
    struct ReferenceDocument {
        var units: [UInt16]

        var string: String { String(decoding: units, as: UTF16.self) }

        /// Offsets where each line starts (after `\n`, `\r\n` or a lone `\r`).
        var lineStarts: [Int] {
            var starts = [0]
            var index = 0
            while index < units.count {
                if units[index] == 0x0A {
                    starts.append(index + 1)
                } else if units[index] == 0x0D {
                    if index + 1 < units.count && units[index + 1] == 0x0A { index += 1 }
                    starts.append(index + 1)
                }
                index += 1
            }
            return starts
        }

        /// The code units of each line, without its terminator.
        var lines: [ArraySlice<UInt16>] {
            let starts = lineStarts
            return starts.indices.map { line in
                var end = line + 1 < starts.count ? starts[line + 1] : units.count
                if end > starts[line] && units[end - 1] == 0x0A { end -= 1 }
                if end > starts[line] && units[end - 1] == 0x0D { end -= 1 }
                return units[starts[line]..<end]
            }
        }

        /// Whether an offset can be named by an LSP position: not inside a surrogate pair, not between
        /// the `\r` and `\n` of one line end.
        func isAddressable(_ offset: Int) -> Bool {
            guard offset > 0 && offset < units.count else { return offset == 0 || offset == units.count }
            if UTF16.isTrailSurrogate(units[offset]) && UTF16.isLeadSurrogate(units[offset - 1]) { return false }
            if units[offset] == 0x0A && units[offset - 1] == 0x0D { return false }
            return true
        }

        /// The LSP position of an addressable offset, in `encoding`'s columns.
        func position(of offset: Int, encoding: PositionEncoding) -> Position {
            let starts = lineStarts
            var line = 0
            while line + 1 < starts.count && starts[line + 1] <= offset { line += 1 }
            let prefix = units[starts[line]..<offset]
            switch encoding {
            case .utf16: return Position(line: line, character: prefix.count)
            case .utf8: return Position(line: line, character: String(decoding: prefix, as: UTF16.self).utf8.count)
            case .utf32: return Position(line: line, character: String(decoding: prefix, as: UTF16.self).unicodeScalars.count)
            }
        }

        /// The offset a position names, clamping as LSP says: a line past the end is the end of the
        /// text, a character past the end of its line is the end of the line.
        func offset(of position: Position, encoding: PositionEncoding) -> Int {
            let starts = lineStarts
            guard position.line >= 0 else { return 0 }
            guard position.line < starts.count else { return units.count }
            let line = lines[position.line]
            var remaining = max(0, position.character)
            var index = line.startIndex
            while index < line.endIndex && remaining > 0 {
                let isPair = UTF16.isLeadSurrogate(line[index]) && index + 1 < line.endIndex && UTF16.isTrailSurrogate(line[index + 1])
                let width: Int
                switch encoding {
                case .utf16: width = isPair ? 2 : 1
                case .utf8: width = isPair ? 4 : (line[index] < 0x80 ? 1 : line[index] < 0x800 ? 2 : 3)
                case .utf32: width = 1
                }
                if width > remaining { break }
                remaining -= width
                index += isPair ? 2 : 1
            }
            return index
        }

        /// Whether a position the server sent lies inside the document on a character boundary.
        func isValid(_ position: Position, encoding: PositionEncoding) -> Bool {
            let lines = self.lines
            guard position.line >= 0 && position.line < lines.count && position.character >= 0 else { return false }
            let line = String(decoding: lines[position.line], as: UTF16.self)
            switch encoding {
            case .utf16:
                let units = Array(line.utf16)
                guard position.character <= units.count else { return false }
                return position.character == 0 || position.character == units.count || !UTF16.isTrailSurrogate(units[position.character])
            case .utf8:
                let bytes = Array(line.utf8)
                guard position.character <= bytes.count else { return false }
                return position.character == bytes.count || bytes[position.character] & 0xC0 != 0x80
            case .utf32:
                return position.character <= line.unicodeScalars.count
            }
        }

        mutating func replace(_ range: Range<Int>, with text: String) {
            units.replaceSubrange(range, with: Array(text.utf16))
        }
    }

    static let pieces = [
        "a", "word ", " ", "Service Catalog", "service catalog", "Blueprints", "scaffolder", "DocHub", "\n", "\n\n", "\r\n", "\r",
        "😀", "👩‍👧‍👦", "🇯🇵", "日本語", "中文 ", "e\u{301}", "\u{301}", "ñ", "\t", "`code`", "[link](x.md)", "# ", "## Heading\n",
        "- ", "> ", "```\n", "**", "\u{FEFF}", "\u{200B}", "עברית", "\u{10FFFF}",
    ]

    static func randomText(_ generator: inout SeededGenerator) -> String {
        (0..<Int.random(in: 0...6, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
    }

    /// A random offset the client could name.
    static func randomOffset(in document: ReferenceDocument, _ generator: inout SeededGenerator) -> Int {
        while true {
            let offset = Int.random(in: 0...document.units.count, using: &generator)
            if document.isAddressable(offset) { return offset }
        }
    }

    static func json(_ position: Position) -> JSONValue { ["line": JSONValue(position.line), "character": JSONValue(position.character)] }

    static func position(_ value: JSONValue?) -> Position? {
        guard let line = value?["line"]?.intValue, let character = value?["character"]?.intValue else { return nil }
        return Position(line: line, character: character)
    }

    func run(encoding: PositionEncoding, seed: UInt64, edits: Int) throws {
        var generator = SeededGenerator(state: seed)
        let capabilities: JSONValue = encoding == .utf8 ? ["general": ["positionEncodings": ["utf-8", "utf-16"]]] : [:]
        let client = try TestClient(files: SampleWorkspace.files, capabilities: capabilities)
        #expect(client.server.encoding == encoding)
        var reference = ReferenceDocument(units: Array(("# Page\r\n\r\nThe Service Catalog 😀 lists e\u{301} 日本語.\rNext line\n\n" + SampleWorkspace.glossary).utf16))
        let path = "docs/page.md"
        let uri = client.uri(path)
        client.open(path, reference.string)

        func serverText() -> String? {
            client.server.queue.sync {
                guard let open = client.server.openDocuments[uri] else { return nil }
                return open.workspace.snapshot.document(open.path)?.text.string
            }
        }

        var largest = 0
        for version in 2..<(edits + 2) {
            var changes: [JSONValue] = []
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let roll = Int.random(in: 0..<1000, using: &generator) / 10
                if roll == 0 && Int.random(in: 0..<8, using: &generator) == 0 {
                    // A full replacement now and then.
                    let text = Self.randomText(&generator) + "\n"
                    reference = ReferenceDocument(units: Array(text.utf16))
                    changes.append(["text": .string(text)])
                    continue
                }
                var start = Self.randomOffset(in: reference, &generator)
                var end = Self.randomOffset(in: reference, &generator)
                if start > end { swap(&start, &end) }
                // Mostly short spans; deletes win when the document grows past a few KB.
                if roll < 97 && end - start > 12 {
                    end = min(reference.units.count, start + Int.random(in: 0...12, using: &generator))
                    while !reference.isAddressable(end) { end += 1 }
                }
                let text = roll < 15 || reference.units.count > 3000 && roll < 80 ? "" : Self.randomText(&generator)
                var startPosition = reference.position(of: start, encoding: encoding)
                var endPosition = reference.position(of: end, encoding: encoding)
                if roll >= 97 {
                    // Past the end of the line, or of the text: clamped by both sides alike.
                    endPosition = Position(line: endPosition.line + Int.random(in: 0...2, using: &generator), character: endPosition.character + 1000)
                    if roll == 99 { startPosition = Position(line: startPosition.line, character: startPosition.character + 500) }
                    start = reference.offset(of: startPosition, encoding: encoding)
                    end = max(start, reference.offset(of: endPosition, encoding: encoding))
                }
                reference.replace(start..<end, with: text)
                changes.append(["range": ["start": Self.json(startPosition), "end": Self.json(endPosition)], "text": .string(text)])
            }
            largest = max(largest, reference.units.count)
            client.notify("textDocument/didChange", ["textDocument": ["uri": .string(uri), "version": JSONValue(version)], "contentChanges": .array(changes)])
            let text = serverText()
            #expect(text == reference.string, "after version \(version) (seed \(seed))")
            if text != reference.string { return }

            // Pushed diagnostics of this version lie inside this version's text.
            if let published = client.publishedDiagnostics(path), published["version"]?.intValue == version {
                for diagnostic in published["diagnostics"]?.arrayValue ?? [] {
                    for end in [diagnostic["range"]?["start"], diagnostic["range"]?["end"]] {
                        let position = Self.position(end)
                        #expect(position.map { reference.isValid($0, encoding: encoding) } == true, "diagnostic \(diagnostic) at version \(version)")
                    }
                }
            }
            // Every tenth version, hover at a random place; its range lies inside the text.
            if version % 10 == 0 {
                let position = reference.position(of: Self.randomOffset(in: reference, &generator), encoding: encoding)
                let hover = client.response("textDocument/hover", client.textDocumentPosition(path, Self.json(position)))
                #expect(hover["error"] == nil)
                if let range = hover["result"]?["range"] {
                    for end in [range["start"], range["end"]] {
                        #expect(Self.position(end).map { reference.isValid($0, encoding: encoding) } == true, "hover range \(range) at version \(version)")
                    }
                }
                client.sink.messages.withLock { $0.removeAll() }
            }
        }
        #expect(largest > 800, "the edits grew the document beyond its start")
        // The server’s own conversions agree with the reference's at every addressable offset.
        let source = SourceText(reference.string)
        var offsets = [(utf16: 0, utf8: 0)]
        for scalar in reference.string.unicodeScalars {
            offsets.append((offsets.last!.utf16 + UTF16.width(scalar), offsets.last!.utf8 + UTF8.width(scalar)))
        }
        for (utf16, utf8) in offsets where reference.isAddressable(utf16) {
            #expect(source.position(of: utf8, encoding: encoding) == reference.position(of: utf16, encoding: encoding), "offset \(utf16)")
        }
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func randomEditsWithUTF16Positions(seed: UInt64) throws {
        try run(encoding: .utf16, seed: seed, edits: 1000)
    }

    @Test(arguments: [UInt64(11), 12, 13])
    func randomEditsWithUTF8Positions(seed: UInt64) throws {
        try run(encoding: .utf8, seed: seed, edits: 1000)
    }
}
