import DocentCore
import DocentIO

/// `textDocument/completion`: canonical terms for what is typed, aliases offered as their term.
enum CompletionRequest: RequestHandler {
    static let method = "textDocument/completion"

    static func handle(_ params: JSONValue, _ context: RequestContext) throws(ResponseError) -> JSONValue {
        let server = context.server
        let (workspace, path, document) = try server.document(try params.textDocumentURI())
        let offset = try server.offset(params["position"], in: document)
        // Asked because a trigger character (a space) was typed, not by the writer.
        let afterTrigger = params["context"]?["triggerKind"]?.intValue == 2
        // The workspace's personas: the built-in ones and those docent.json adds.
        let personaIDs = PersonaCatalog(configuration: workspace.snapshot.configuration.personas).personas.map(\.id)
        guard let result = CompletionFeature.complete(at: offset, in: path, snapshot: workspace.snapshot, personaIDs: personaIDs,
                                                      afterTriggerCharacter: afterTrigger) else {
            return ["isIncomplete": false, "items": []]
        }
        // Documentation is sent lazily through completionItem/resolve when the client can resolve it.
        let resolvesDocumentation = (server.clientCapability("textDocument", "completion", "completionItem", "resolveSupport", "properties")?.arrayValue ?? [])
            .contains { $0.stringValue == "documentation" }
        let supportsLabelDetails = server.clientSupports("textDocument", "completion", "completionItem", "labelDetailsSupport")
        let supportsInsertReplace = server.clientSupports("textDocument", "completion", "completionItem", "insertReplaceSupport")
        let supportsSnippets = server.clientSupports("textDocument", "completion", "completionItem", "snippetSupport")
        let glossary = workspace.snapshot.glossary
        let documentationFormats = server.clientCapability("textDocument", "completion", "completionItem", "documentationFormat")
        let items: [JSONValue] = result.items.map { item in
            var object = JSONObject()
            object["label"] = .string(item.label)
            object["kind"] = JSONValue(item.isFrontMatter ? 10 : 18)  // Property or Reference
            object["sortText"] = .string(String(format4(item.rank)))
            object["filterText"] = .string(item.filterText)
            var editText = item.insertText ?? item.label
            if supportsSnippets, let snippet = item.snippet {
                editText = snippet
                object["insertTextFormat"] = 2  // Snippet
            }
            if supportsInsertReplace, let wordRange = item.wordRange, wordRange != item.replaceRange {
                // Insert keeps the rest of the word after the cursor; replace (the client's choice) takes it in.
                object["textEdit"] = ["insert": server.range(item.replaceRange, in: document.text), "replace": server.range(wordRange, in: document.text),
                                      "newText": .string(editText)]
            } else {
                object["textEdit"] = ["range": server.range(item.replaceRange, in: document.text), "newText": .string(editText)]
            }
            if !item.additionalEdits.isEmpty {
                object["additionalTextEdits"] = .array(item.additionalEdits.map { server.textEdit($0, in: document.text) })
            }
            if let alias = item.matchedAlias {
                if supportsLabelDetails {
                    object["labelDetails"] = ["detail": .string(" (for \(alias))"), "description": JSONValue(item.detail)]
                } else {
                    object["detail"] = .string("for \(alias)" + (item.detail.map { " · \($0)" } ?? ""))
                }
            } else if let detail = item.detail {
                object["detail"] = .string(detail)
            }
            if let entry = item.entry {
                if resolvesDocumentation {
                    object["data"] = ["uri": .string(try! params.textDocumentURI()), "entry": JSONValue(entry), "generation": JSONValue(workspace.snapshot.glossaryGeneration)]
                } else {
                    object["documentation"] = server.markup(EntryPresentation.markdown(glossary.entries[entry], glossary: glossary, location: { file, line in
                        server.linkTarget(file, line, in: workspace)
                    }, headingLine: workspace.snapshot.headingLine), formats: documentationFormats)
                }
            }
            return .object(object)
        }
        return ["isIncomplete": .bool(result.isIncomplete), "items": .array(items)]
    }

    static func format4(_ rank: Int) -> String {
        let digits = String(rank)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

/// `completionItem/resolve`: the entry's definition as documentation.
enum CompletionItemResolveRequest: RequestHandler {
    static let method = "completionItem/resolve"

    static func handle(_ params: JSONValue, _ context: RequestContext) throws(ResponseError) -> JSONValue {
        let server = context.server
        guard var item = params.objectValue, params["label"]?.stringValue != nil else { throw .invalidParams("Expected a completion item (with its label)") }
        guard let data = item["data"], let uri = data["uri"]?.stringValue, let entry = data["entry"]?.intValue,
              let (workspace, _) = server.locate(uri, createIfMissing: false) else { return params }
        let glossary = workspace.snapshot.glossary
        guard data["generation"]?.intValue == workspace.snapshot.glossaryGeneration, glossary.entries.indices.contains(entry) else { return params }
        item["documentation"] = server.markup(EntryPresentation.markdown(glossary.entries[entry], glossary: glossary, location: { file, line in
            server.linkTarget(file, line, in: workspace)
        }, headingLine: workspace.snapshot.headingLine), formats: server.clientCapability("textDocument", "completion", "completionItem", "documentationFormat"))
        return .object(item)
    }
}
