/// The hover on a page's title: its section, the section's personas, how the page reads
/// ("End User 81 % · Administrator 12 % · …"), where its links lead and come from, and the pages of
/// the sections it reads most like.
public enum PlacementHover {
    public struct Result: Sendable {
        public var markdown: String
        public var range: ByteRange
    }

    /// The placement hover when `offset` lies on the page title.
    public static func hover(at offset: Int, in path: String, snapshot: WorkspaceSnapshot) -> Result? {
        guard let document = snapshot.document(path), !snapshot.isGlossary(path), let title = titleRange(document),
              title.lowerBound <= offset, offset <= title.upperBound else { return nil }
        let model = PlacementModel.of(snapshot)
        // Without any section (configured or inferred) there is nothing to place the page in.
        guard !model.sections.sections.isEmpty, let assessment = model.assessment(of: path, in: snapshot) else { return nil }
        return Result(markdown: markdown(assessment, model: model), range: title)
    }

    /// The page's first level-1 heading, else its first heading, else its front-matter title.
    static func titleRange(_ document: WorkspaceDocument) -> ByteRange? {
        let markdown = document.markdown
        if let heading = markdown.headings.first(where: { $0.level == 1 }) ?? markdown.headings.first { return heading.textRange }
        if let title = markdown.frontMatter?.entry("title"), !title.valueRange.isEmpty { return title.valueRange }
        return nil
    }

    public static func markdown(_ assessment: PlacementAssessment, model: PlacementModel) -> String {
        let catalog = model.catalog
        var lines: [String] = []
        if let index = assessment.sectionIndex {
            let section = model.sections.sections[index]
            let personas = section.servesEveryone ? "every persona" : PlacementPresentation.personaTitles(section.personas, catalog: catalog)
            lines.append("**Section:** \(section.title)\(section.isInferred ? " (inferred from the folder name)" : "") · **written for:** \(personas)")
        } else {
            lines.append(model.sections.isConfigured ? "**Section:** none of the configured sections" : "**Section:** none")
        }
        if !assessment.declaredPersonas.isEmpty {
            lines.append("**Declared persona:** \(PlacementPresentation.personaTitles(assessment.declaredPersonas, catalog: catalog))")
        }
        let shares = assessment.ranking.filter { $0.share >= 0.01 }.prefix(4)
            .map { "\(catalog.personas[$0.persona].title) \(Int(($0.share * 100).rounded())) %" }
        lines.append("**Reads as:** " + (shares.isEmpty ? "—" : shares.joined(separator: " · ") + (assessment.ranking.count > shares.count ? " · …" : "")))
        let signals = assessment.evidence.prefix(5).map { "\($0.label) (\(catalog.personas[$0.persona].title))" }
        if !signals.isEmpty { lines.append("**Signals:** " + signals.joined(separator: ", ")) }
        // Where its links lead and come from: evidence too, and one a writer can check at a glance.
        func links(_ counts: [Int]) -> String {
            counts.indices.filter { counts[$0] > 0 }.sorted { (counts[$0], $1) > (counts[$1], $0) }
                .map { "\(counts[$0]) \(catalog.personas[$0].title)" }.joined(separator: ", ")
        }
        let outbound = links(assessment.linkCounts)
        let inbound = links(assessment.inboundLinkCounts)
        if !outbound.isEmpty || !inbound.isEmpty {
            lines.append("**Links:** " + [outbound.isEmpty ? nil : "to \(outbound)", inbound.isEmpty ? nil : "from \(inbound)"]
                .compactMap { $0 }.joined(separator: " · ") + " (pages of each persona's sections)")
        }
        // The pages it resembles most, and where they sit: what a writer compares it with.
        let similar = model.nearestPages(to: assessment.path, count: 3).filter { $0.similarity >= 0.1 }.map { page in
            "`\(page.path)`" + (model.sectionIndex(of: page.path).map { " (\(model.sections.sections[$0].title))" } ?? "")
        }
        if !similar.isEmpty { lines.append("**Reads most like:** " + similar.joined(separator: ", ")) }
        if let finding = assessment.finding ?? assessment.suggestion {
            lines.append("**Suggested section:** \(model.sections.sections[finding.suggestedSection].title)")
        }
        return lines.joined(separator: "\n\n")
    }
}
