import Foundation

/// Writes the seed corpus of every fuzz target from `fixtures/` into a work folder (never committed):
/// `SeedCorpusBuilder FIXTURES OUTPUT`. Seeds are capped at 16 KiB each; libFuzzer mutates from there.
///
/// - `markdown`, `glossary`: every Markdown file of the fixtures, plus a few hostile shapes.
/// - `frontmatter`: the front matter of every fixture file that has one, plus odd YAML, TOML and JSON.
/// - `configuration`: every `docent.json`, plus broken ones.
/// - `framing`: LSP sessions (didOpen of a fixture page, then hover, completion, definition,
///   references, symbols, code actions, rename, diagnostics, incremental edits, shutdown and exit),
///   plus malformed headers. Sessions carry no workspace folders; the target initializes the server.
@main
struct SeedCorpusBuilder {
    static let maximumSeedSize = 16 * 1024

    static func main() throws {
        let arguments = CommandLine.arguments
        guard arguments.count == 3 else {
            FileHandle.standardError.write(Data("usage: SeedCorpusBuilder FIXTURES OUTPUT\n".utf8))
            exit(2)
        }
        let fixtures = URL(fileURLWithPath: arguments[1])
        let output = URL(fileURLWithPath: arguments[2])
        var builder = SeedCorpusBuilder(output: output)
        let files = markdownFiles(under: fixtures)
        for (name, bytes) in files {
            builder.add("markdown", name, bytes)
            builder.add("glossary", name, bytes)
            if let frontMatter = frontMatter(of: bytes) { builder.add("frontmatter", name, frontMatter) }
        }
        for (name, text) in hostileMarkdown {
            builder.add("markdown", name, Array(text.utf8))
            builder.add("glossary", name, Array(text.utf8))
        }
        for (name, text) in hostileFrontMatter { builder.add("frontmatter", name, Array(text.utf8)) }
        for (name, bytes) in configurationFiles(under: fixtures) { builder.add("configuration", name, bytes) }
        for (name, text) in hostileConfigurations { builder.add("configuration", name, Array(text.utf8)) }
        for (name, bytes) in files.prefix(12) { builder.add("framing", name, try session(page: bytes)) }
        for (name, text) in hostileFraming { builder.add("framing", name, Array(text.utf8)) }
        print("seed corpus: " + builder.counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
    }

    let output: URL
    var counts: [String: Int] = [:]

    init(output: URL) { self.output = output }

    mutating func add(_ target: String, _ name: String, _ bytes: [UInt8]) {
        let folder = output.appendingPathComponent(target)
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let safeName = name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." ? $0 : "_" }
        let file = folder.appendingPathComponent("seed-" + String(safeName))
        _ = FileManager.default.createFile(atPath: file.path, contents: Data(bytes.prefix(Self.maximumSeedSize)))
        counts[target, default: 0] += 1
    }

    static func markdownFiles(under root: URL) -> [(String, [UInt8])] {
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        var files: [(String, [UInt8])] = []
        while let url = enumerator?.nextObject() as? URL {
            guard ["md", "mdx"].contains(url.pathExtension), let data = FileManager.default.contents(atPath: url.path) else { continue }
            let relative = url.path.replacingOccurrences(of: root.path + "/", with: "")
            files.append((relative, [UInt8](data)))
        }
        return files.sorted { $0.0 < $1.0 }
    }

    static func configurationFiles(under root: URL) -> [(String, [UInt8])] {
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        var files: [(String, [UInt8])] = []
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "json", let data = FileManager.default.contents(atPath: url.path) else { continue }
            files.append((url.path.replacingOccurrences(of: root.path + "/", with: ""), [UInt8](data)))
        }
        return files.sorted { $0.0 < $1.0 }
    }

    /// The `---` block at the start of a file, with its fences.
    static func frontMatter(of bytes: [UInt8]) -> [UInt8]? {
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.hasPrefix("---\n") || text.hasPrefix("---\r\n") else { return nil }
        let body = text.dropFirst(4)
        guard let end = body.range(of: "\n---") else { return nil }
        return Array(text[..<end.upperBound].utf8) + Array("\n".utf8)
    }

    static func frame(_ object: [String: Any]) throws -> [UInt8] {
        var message = object
        message["jsonrpc"] = "2.0"
        let body = try JSONSerialization.data(withJSONObject: message, options: [.sortedKeys])
        return Array("Content-Length: \(body.count)\r\n\r\n".utf8) + [UInt8](body)
    }

    /// A session over one page: open it, ask everything about a few places, edit it, shut down.
    static func session(page bytes: [UInt8]) throws -> [UInt8] {
        let text = String(decoding: bytes.prefix(6 * 1024), as: UTF8.self)
        let uri = "file:///fuzz/docs/page.md"
        let document: [String: Any] = ["uri": uri]
        var stream: [UInt8] = []
        stream += try frame(["method": "textDocument/didOpen", "params": ["textDocument": ["uri": uri, "languageId": "markdown", "version": 1, "text": text]]])
        stream += try frame(["method": "textDocument/didOpen", "params": ["textDocument": ["uri": "file:///fuzz/docs/glossary.md", "languageId": "markdown", "version": 1,
                                                                                            "text": "## Service Catalog\n\nThe catalog. Also known as SC.\n\n## Blueprints\n\nSee [Service Catalog](#service-catalog).\n"]]])
        var id = 1
        for (line, character) in [(0, 2), (2, 5), (4, 10), (9999, 9999), (-1, -1)] {
            let position: [String: Any] = ["line": line, "character": character]
            for method in ["textDocument/hover", "textDocument/completion", "textDocument/definition", "textDocument/prepareRename"] {
                stream += try frame(["id": id, "method": method, "params": ["textDocument": document, "position": position]])
                id += 1
            }
            stream += try frame(["id": id, "method": "textDocument/references", "params": ["textDocument": document, "position": position, "context": ["includeDeclaration": true]]])
            id += 1
            stream += try frame(["id": id, "method": "textDocument/rename", "params": ["textDocument": document, "position": position, "newName": "Catalog"]])
            id += 1
        }
        let range: [String: Any] = ["start": ["line": 1, "character": 0], "end": ["line": 3, "character": 4]]
        stream += try frame(["method": "textDocument/didChange", "params": ["textDocument": ["uri": uri, "version": 2],
                                                                          "contentChanges": [["range": range, "text": "The service catalog 😀 and\r\nblueprints é\n"]]]])
        stream += try frame(["id": id, "method": "textDocument/codeAction", "params": ["textDocument": document, "range": range,
                                                                                     "context": ["diagnostics": [], "only": ["quickfix", "source.fixAll.docent"]]]])
        id += 1
        for method in ["textDocument/documentSymbol", "textDocument/diagnostic"] {
            stream += try frame(["id": id, "method": method, "params": ["textDocument": document]])
            id += 1
        }
        stream += try frame(["id": id, "method": "workspace/symbol", "params": ["query": "cat"]])
        id += 1
        stream += try frame(["id": id, "method": "workspace/diagnostic", "params": ["previousResultIds": []]])
        id += 1
        stream += try frame(["method": "$/cancelRequest", "params": ["id": id]])
        stream += try frame(["id": id, "method": "completionItem/resolve", "params": ["label": "Service Catalog", "data": ["term": "Service Catalog"]]])
        id += 1
        stream += try frame(["method": "textDocument/didClose", "params": ["textDocument": document]])
        stream += try frame(["id": id, "method": "shutdown"])
        stream += try frame(["method": "exit"])
        return stream
    }

    static let hostileMarkdown: [(String, String)] = [
        ("unclosed", "[[[[[[ `` ``` <!-- <div> **__*_ {{{ ((( \"\"\" [a](b\n"),
        ("nesting", String(repeating: "> - ", count: 200) + "Service Catalog\n"),
        ("crlf-mix", "# Title\r\n\r\nThe Service\rCatalog\n\r\n```\r\ncode\r\n```\r\n"),
        ("scripts", "## 日本語\n\n日本語 is 😀‍👩‍👧 e\u{301} עברית Service Catalog's\n"),
        ("table", "| Term | Definition |\n|---|---|\n| API | a \\| b |\n| | |\n|x\n"),
        ("mdx", "import X from 'y'\nexport const a = 1\n\n<Tabs>\n<Tab value=\"a\">Service Catalog</Tab>\n</Tabs>\n{/* c */}\n"),
        ("abbreviations", "*[API]: Application Programming Interface\n*[]: empty\n*[X\n"),
        ("definitions", "Term\n: one\n: two\n\nOther\n:\n"),
        ("bullets", "- **A** - one\n  more\n- **B**\n- ** ** -\n"),
    ]

    static let hostileFrontMatter: [(String, String)] = [
        ("lists", "---\ntitle: \"A: b\"\naka:\n  - x\n  - 'y'\ntags: [a, b, [c]]\n---\n"),
        ("unterminated", "---\ntitle: x\n"),
        ("toml", "+++\ntitle = \"A \\\" b\" # c\nslug = 'x'\ntags = [\n  \"a\", # one\n  'b',\n]\nbody = \"\"\"\nmulti\n\"\"\"\n[params]\nx = { y = 1 }\n[[menu]]\nw = 2\n+++\n"),
        ("toml-broken", "+++\ntitle = \"open\nlist = [1, 2\n[table\nbody = '''\nnever\n+++\n"),
        ("json", "{\n  \"title\": \"A \\\" b \\u00e9 \\ud83d\\ude00\",\n  \"persona\": [\"end-user\", null, 1.5e3, true],\n  \"params\": {\"x\": {\"y\": [[], {}]}},\n  \"draft\": false\n}\nBody {x}\n"),
        ("json-broken", "{\n  title: 'open,\n  \"a\": [1, 2,\n  \"b\": {\"c\": \"\\q\"\n  // comment\n  \"d\": yes \"e\"\n}\n"),
        ("json-deep", "{\n  \"a\": " + String(repeating: "[{\"b\": ", count: 300) + "\n}\n"),
        ("flow-multiline", "---\ntags: [a, # c\n  'b, c',\n  d\nnext: [\n---\n"),
        ("odd", "---\n: no key\nkey without colon\n  indented: deeper\n\"quoted key\": 'it''s'\nlong: >\n  folded\n  text\n---\n"),
    ]

    static let hostileConfigurations: [(String, String)] = [
        ("full", #"{"$schema":"x","include":["docs/**/*.{md,mdx}"],"exclude":["docs/drafts/**"],"glossaries":["docs/glossary.md",{"path":"docs/abbr.md","format":"abbreviations"}],"rules":{"glossary-duplicate":"error","term-casing":"off"},"overrides":[{"files":["docs/archive/**"],"rules":{"glossary-empty":"off"}}],"sections":[{"path":"docs/user","title":"User","persona":"end-user"}],"properNames":["Kubernetes"]}"#),
        ("escapes", #"{"include":["../x","/abs","a/../../b","\u0000","\ud800"],"rules":{"x":1}}"#),
        ("deep", String(repeating: "[", count: 600) + String(repeating: "]", count: 600)),
        ("wrong-types", #"{"include":"docs","glossaries":[1,null,{"path":2}],"rules":[],"overrides":{},"sections":[{"path":null}]}"#),
    ]

    static let hostileFraming: [(String, String)] = [
        ("no-length", "Content-Type: x\r\n\r\n{}"),
        ("negative", "Content-Length: -1\r\n\r\n{}"),
        ("huge", "Content-Length: 99999999999999999999\r\n\r\n{}"),
        ("lf-only", "Content-Length: 2\n\n{}"),
        ("truncated", "Content-Length: 100\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":1,"),
        ("wrong-shape", "Content-Length: 45\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":[1],\"method\":\"hover\"}  "),
        ("ids", "Content-Length: 56\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"method\":\"workspace/symbol\"}\r\n"),
    ]
}
