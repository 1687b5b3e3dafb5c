import DocentCore
import DocentIO
import Foundation
import Testing
@testable import DocentLSP

/// Files that start with a UTF-8 byte-order mark: the mark is not a column (editors drop it from
/// their text), it does not hide front matter, and `check --fix` keeps it.
@Suite struct ByteOrderMarkTests {
    static let files = SampleWorkspace.files.merging([
        "docs/bom.md": "\u{FEFF}Dochub first line.\n",
        "docs/front.md": "\u{FEFF}---\ntitle: Dochub notes\npersona: end-user\n---\n\nDochub is here.\n",
    ]) { $1 }

    static func range(_ line: Int, _ start: Int, _ end: Int) -> JSONValue {
        ["start": ["line": JSONValue(line), "character": JSONValue(start)], "end": ["line": JSONValue(line), "character": JSONValue(end)]]
    }

    func findings(_ client: TestClient, _ path: String) throws -> [JSONValue] {
        let report = try client.request("textDocument/diagnostic", ["textDocument": ["uri": .string(client.uri(path))]])
        return (report["items"]?.arrayValue ?? []).map { ["code": $0["code"] ?? .null, "range": $0["range"] ?? .null] }
    }

    @Test func closedFilesWithAMarkHaveTheEditorsPositions() throws {
        let client = try TestClient(files: Self.files)
        #expect(try findings(client, "docs/bom.md") == [["code": "term-casing", "range": Self.range(0, 0, 6)]])
        // The front matter is read as front matter: only the prose use is reported.
        #expect(try findings(client, "docs/front.md") == [["code": "term-casing", "range": Self.range(5, 0, 6)]])
        // A rename edit applies to the editor's text (no mark) as it is.
        let edit = try client.request("textDocument/rename", ["textDocument": ["uri": .string(client.uri("docs/bom.md"))],
                                                               "position": ["line": 0, "character": 2], "newName": "DocuHub"])
        #expect(edit["changes"]?[client.uri("docs/bom.md")] == [["range": Self.range(0, 0, 6), "newText": "DocuHub"]])

        // The same files opened as editors send them (without the mark) give the same answers.
        client.open("docs/bom.md", "Dochub first line.\n")
        client.open("docs/front.md", "---\ntitle: Dochub notes\npersona: end-user\n---\n\nDochub is here.\n")
        #expect(try findings(client, "docs/bom.md") == [["code": "term-casing", "range": Self.range(0, 0, 6)]])
        #expect(try findings(client, "docs/front.md") == [["code": "term-casing", "range": Self.range(5, 0, 6)]])
    }

    @Test func aClientThatKeepsTheMarkStillHasItsFrontMatterRead() throws {
        let client = try TestClient(files: Self.files)
        client.open("docs/front.md", "\u{FEFF}---\ntitle: Dochub notes\npersona: end-user\n---\n\nDochub is here.\n")
        #expect(try findings(client, "docs/front.md") == [["code": "term-casing", "range": Self.range(5, 0, 6)]])
    }

    @Test func checkReportsEditorPositionsAndFixKeepsTheMark() throws {
        let root = try CheckCommandTests.workspace(Self.files)
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try CheckCommandTests.run(["check", "--format", "json", root.path])
        let items = try JSONParser.parse(Array(run.stdout.utf8)).arrayValue ?? []
        let found = items.filter { $0["file"]?.stringValue?.hasPrefix("docs/") == true && $0["file"] != "docs/glossary.md" && $0["file"] != "docs/closed.md" }
            .map { [$0["file"] ?? .null, $0["code"] ?? .null, $0["range"]?["start"] ?? .null] }
        #expect(found == [["docs/bom.md", "term-casing", ["line": 0, "character": 0]], ["docs/front.md", "term-casing", ["line": 5, "character": 0]]])

        let fixed = try CheckCommandTests.run(["check", "--fix", root.path])
        #expect(fixed.stderr.contains("docent: fixed 2 problems in 2 files"), "\(fixed.stderr)")
        #expect([UInt8](try Data(contentsOf: root.appendingPathComponent("docs/bom.md"))) == [0xEF, 0xBB, 0xBF] + Array("DocHub first line.\n".utf8))
        #expect([UInt8](try Data(contentsOf: root.appendingPathComponent("docs/front.md")))
            == [0xEF, 0xBB, 0xBF] + Array("---\ntitle: Dochub notes\npersona: end-user\n---\n\nDocHub is here.\n".utf8))
    }
}
