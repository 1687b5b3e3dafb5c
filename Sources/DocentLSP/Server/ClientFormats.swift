import DocentCore
import DocentIO

extension LanguageServer {
    /// Documentation for the client: Markdown, unless the client lists the formats it renders
    /// (`contentFormat`, `documentationFormat`) and Markdown is not among them; then plain text.
    func markup(_ markdown: String, formats: JSONValue?) -> JSONValue {
        if let listed = formats?.arrayValue, !listed.contains(where: { $0.stringValue == "markdown" }) {
            return ["kind": "plaintext", "value": .string(PlainTextRendering.plainText(fromMarkdown: markdown))]
        }
        return ["kind": "markdown", "value": .string(markdown)]
    }

    /// Whether the client takes `CodeAction` literals (else it takes only `Command`s: Docent's edits
    /// then come as `docent.applyCodeAction`, see `CodeActionRequest`).
    var clientTakesCodeActionLiterals: Bool { clientCapability("textDocument", "codeAction", "codeActionLiteralSupport") != nil }

    /// Whether the client resolves a code action's `edit` with `codeAction/resolve`, keeping its `data`.
    var clientResolvesCodeActionEdits: Bool {
        let properties = clientCapability("textDocument", "codeAction", "resolveSupport", "properties")?.arrayValue ?? []
        return properties.contains { $0.stringValue == "edit" } && clientSupports("textDocument", "codeAction", "dataSupport")
    }

    /// Whether the client takes `DocumentSymbol` trees (else a flat `SymbolInformation` list).
    var clientTakesSymbolTrees: Bool { clientSupports("textDocument", "documentSymbol", "hierarchicalDocumentSymbolSupport") }
}

/// The Markdown Docent writes (hover and completion documentation) as plain text: the text is kept,
/// heading and quote markers, emphasis, code backticks and link destinations go; list markers,
/// line breaks and `---` separators stay, as they read well as they are.
enum PlainTextRendering {
    static func plainText(fromMarkdown markdown: String) -> String {
        markdown.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let indent = line.prefix { $0 == " " }
            var rest = line.dropFirst(indent.count)
            if rest.allSatisfy({ $0 == "-" }) { return String(line) }
            var marker = ""
            if rest.hasPrefix("#") {
                rest = rest.drop { $0 == "#" }.drop { $0 == " " }
            } else if rest.hasPrefix(">") {
                rest = rest.dropFirst().drop { $0 == " " }
            } else if rest.hasPrefix("- ") || rest.hasPrefix("* ") || rest.hasPrefix("+ ") {
                marker = "- "
                rest = rest.dropFirst(2)
            } else if let dot = rest.firstIndex(of: "."), dot != rest.startIndex, rest[..<dot].allSatisfy(\.isASCII), rest[..<dot].allSatisfy(\.isNumber),
                      rest[rest.index(after: dot)...].hasPrefix(" ") {
                marker = String(rest[...dot]) + " "
                rest = rest[rest.index(dot, offsetBy: 2)...]
            }
            return String(indent) + marker + MarkdownText.plainText(String(rest))
        }.joined(separator: "\n")
    }
}
