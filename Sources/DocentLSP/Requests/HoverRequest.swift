import DocentCore
import DocentIO

/// `textDocument/hover`: a term's definitions, or an entry's own term with its uses count.
enum HoverRequest: RequestHandler {
    static let method = "textDocument/hover"

    static func handle(_ params: JSONValue, _ context: RequestContext) throws(ResponseError) -> JSONValue {
        let server = context.server
        let (workspace, path, document) = try server.document(try params.textDocumentURI())
        let offset = try server.offset(params["position"], in: document)
        // Placement only for a workspace folder's pages: an untitled buffer or a loose file has no section.
        guard let hover = HoverFeature.hover(at: offset, in: path, snapshot: workspace.snapshot, placement: workspace.isOnDisk, location: { file, line in
            server.linkTarget(file, line, in: workspace)
        }) else { return .null }
        return ["contents": server.markup(hover.markdown, formats: server.clientCapability("textDocument", "hover", "contentFormat")),
                "range": server.range(hover.range, in: document.text)]
    }
}
