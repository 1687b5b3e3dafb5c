import DocentCore
import DocentIO

/// `docent/pagePlacement` (a Docent extension): the page's section, the persona it is written for,
/// how it reads, and where it would fit better — for an editor's status bar.
enum PagePlacementRequest: RequestHandler {
    static let method = "docent/pagePlacement"

    static func handle(_ params: JSONValue, _ context: RequestContext) throws(ResponseError) -> JSONValue {
        let server = context.server
        let (workspace, path, _) = try server.document(try params.textDocumentURI())
        let snapshot = workspace.snapshot
        let model = PlacementModel.of(snapshot)
        guard let assessment = model.assessment(of: path, in: snapshot) else { return .null }
        let catalog = model.catalog.personas
        func persona(_ index: Int, share: Double? = nil) -> JSONValue {
            var object: JSONObject = ["id": .string(catalog[index].id), "title": .string(catalog[index].title)]
            if let share { object["share"] = .number(PlacementPresentation.rounded(share)) }
            return .object(object)
        }
        func section(_ index: Int) -> JSONValue {
            let section = model.sections.sections[index]
            return ["title": .string(section.title), "path": .string(section.path)]
        }
        var result = JSONObject()
        if let index = assessment.sectionIndex {
            result["section"] = section(index)
            let personas = model.sections.sections[index].personas
            if let declared = assessment.declaredPersonas.first {
                result["persona"] = persona(declared)
            } else if let first = personas.first {
                result["persona"] = persona(first)
            } else if model.sections.sections[index].servesEveryone {
                result["persona"] = ["id": "any", "title": "Everyone"]
            }
        } else if let declared = assessment.declaredPersonas.first {
            result["persona"] = persona(declared)
        }
        // `confidence` only with a suggestion: how clearly the suggested persona wins (review: on a
        // quiet page it was the leading share, a "confidence" in a verdict never given).
        if let top = assessment.ranking.first {
            result["readsAs"] = persona(top.persona, share: top.share)
        }
        if let finding = assessment.finding ?? assessment.suggestion {
            result["suggestedSection"] = section(finding.suggestedSection)
            result["suggestedPersona"] = persona(finding.suggestedPersona)
            result["confidence"] = .number(finding.confidence)
        }
        return .object(result)
    }
}

/// `docent/personaReport` (a Docent extension): the page's persona scores, signals and parts as
/// Markdown, followed by the workspace's sections.
enum PersonaReportRequest: RequestHandler {
    static let method = "docent/personaReport"

    static func handle(_ params: JSONValue, _ context: RequestContext) throws(ResponseError) -> JSONValue {
        let server = context.server
        let (workspace, path, _) = try server.document(try params.textDocumentURI())
        let snapshot = workspace.snapshot
        let model = PlacementModel.of(snapshot)
        var lines: [String] = ["# Persona report: \(path)", ""]
        if let assessment = model.assessment(of: path, in: snapshot) {
            // The verdict first, as `docent classify` gives it, then the reading and the flagged parts.
            if let verdict = PlacementVerdict.verdict(assessment, model: model) { lines += ["**Verdict:** \(verdict)", ""] }
            lines.append(PlacementHover.markdown(assessment, model: model, document: snapshot.document(path)))
        } else {
            lines.append("*This page is not assessed (no sections, or not a documentation page).*")
        }
        lines += ["", "## Sections", ""]
        for (index, section) in model.sections.sections.enumerated() {
            let personas = section.servesEveryone ? "everyone" : section.personas.map { model.catalog.personas[$0].title }.joined(separator: ", ")
            let pages = model.pageCount(inSection: index)
            lines.append("- **\(section.title)** (`\(section.path)`): \(personas), \(pages) page\(pages == 1 ? "" : "s")\(section.isInferred ? " (inferred)" : "")")
        }
        return ["markdown": .string(lines.joined(separator: "\n"))]
    }
}
