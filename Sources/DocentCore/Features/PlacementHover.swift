/// The hover on a page's title: its section, the section's personas, how the page reads
/// ("End User 81 % · Administrator 12 % · …"), where its links lead and come from, and the pages of
/// the sections it reads most like.
public enum PlacementHover {
    public struct Result: Sendable {
        public var markdown: String
        public var range: ByteRange
    }

    /// The placement hover when `offset` lies on the page title (where `misplaced-document` points,
    /// `PlacementPresentation.writtenTitleRange`) or on the heading of a `##` part (where `misplaced-section`
    /// points): the page's figures on the title, the part's on its heading, both when they coincide.
    /// A page without a title (no front-matter `title`, no heading) has no title hover: its finding
    /// falls back to line 0, which is prose, where a term's hover belongs.
    public static func hover(at offset: Int, in path: String, snapshot: WorkspaceSnapshot) -> Result? {
        guard let document = snapshot.document(path), !snapshot.isGlossary(path) else { return nil }
        func covers(_ range: ByteRange) -> Bool { range.lowerBound <= offset && offset <= range.upperBound }
        let title = PlacementPresentation.writtenTitleRange(document.markdown)
        let headings = document.markdown.headings
        let onTitle = title.map(covers) ?? false
        guard onTitle || headings.contains(where: { covers($0.textRange) }) else { return nil }
        let model = PlacementModel.of(snapshot)
        // Without any section (configured or inferred) there is nothing to place the page in.
        guard !model.sections.sections.isEmpty, let assessment = model.assessment(of: path, in: snapshot) else { return nil }
        let part = assessment.parts.first { covers(headings[$0.headingIndex].textRange) }
        var sections: [String] = []
        if onTitle { sections.append(markdown(assessment, model: model, document: document)) }
        if let part { sections.append(markdown(part, of: assessment, model: model, document: document)) }
        guard !sections.isEmpty else { return nil }
        return Result(markdown: sections.joined(separator: "\n\n---\n\n"), range: title.flatMap { onTitle ? $0 : nil } ?? headings[part!.headingIndex].textRange)
    }

    /// The hover on a `##` part's heading: how the part reads, its signals and, when it is flagged,
    /// where it would belong.
    public static func markdown(_ part: PartAssessment, of assessment: PlacementAssessment, model: PlacementModel, document: WorkspaceDocument) -> String {
        let catalog = model.catalog
        let heading = MarkdownText.plainText(document.markdown.headings[part.headingIndex].text)
        var lines = ["**Part:** \(heading) · \(part.wordCount) words of prose"]
        lines.append("**Reads as:** " + PlacementPresentation.shareSummary(part.scores, model: model, limit: 4))
        let signals = part.evidence.prefix(5).map { "\($0.label) (\(catalog.personas[$0.persona].title))" }
        if !signals.isEmpty { lines.append("**Signals:** " + signals.joined(separator: ", ")) }
        let checked = assessment.sectionIndex.map { model.sections.sections[$0].isChecked } ?? false
        if !part.isMeasured && checked && part.wordCount < model.parameters.minimumPartWords {
            lines.append("Too short to be flagged on its own (a part needs \(model.parameters.minimumPartWords) words of prose, code counting a quarter).")
        }
        if let finding = part.finding {
            lines.append("**Suggested section:** \(model.sections.sections[finding.suggestedSection].title) "
                + "(reads as \(catalog.personas[finding.suggestedPersona].title))")
        }
        return lines.joined(separator: "\n\n")
    }

    /// With the page's `document`, the `##` parts `misplaced-section` flags are named too, with their
    /// lines (review: the title hover said "fits" while a part of the page was flagged).
    public static func markdown(_ assessment: PlacementAssessment, model: PlacementModel, document: WorkspaceDocument? = nil) -> String {
        let catalog = model.catalog
        var lines: [String] = []
        if let index = assessment.sectionIndex {
            let section = model.sections.sections[index]
            // A section whose persona docent.json does not name right (an error shown on docent.json).
            let personas = section.servesEveryone ? "every persona" : section.personas.isEmpty ? "no known persona (see docent.json)" : PlacementPresentation.personaTitles(section.personas, catalog: catalog)
            lines.append("**Section:** \(section.title)\(section.isInferred ? " (inferred from the folder name)" : "") · **written for:** \(personas)")
        } else {
            lines.append(model.sections.isConfigured ? "**Section:** none of the configured sections" : "**Section:** none")
        }
        if !assessment.declaredPersonas.isEmpty {
            let quieted = PlacementVerdict.quietedByDeclaration(assessment, model: model).map { " — keeps the page quiet: \($0)" } ?? ""
            lines.append("**Declared persona:** \(PlacementPresentation.personaTitles(assessment.declaredPersonas, catalog: catalog))\(quieted)")
        }
        let shares = assessment.scores.map(\.share)
        if let high = shares.max(), let low = shares.min(), high - low < 1e-9 {
            // Every persona alike: the text says nothing of its reader yet (a title alone, an empty page).
            lines.append("**Reads as:** nothing yet: the text says nothing of its reader")
        } else {
            lines.append("**Reads as:** " + PlacementPresentation.shareSummary(assessment.scores, model: model, limit: 4))
        }
        if let why = PlacementVerdict.whyNoWarning(assessment, model: model) { lines.append(why) }
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
        if let document {
            let flagged = assessment.parts.compactMap { part -> String? in
                guard let finding = part.finding, document.markdown.headings.indices.contains(part.headingIndex) else { return nil }
                let heading = document.markdown.headings[part.headingIndex]
                return "“\(MarkdownText.plainText(heading.text))” (line \(document.text.line(of: heading.range.lowerBound) + 1)) reads as "
                    + "\(catalog.personas[finding.suggestedPersona].title): \(model.sections.sections[finding.suggestedSection].title)"
            }
            if !flagged.isEmpty { lines.append("**Parts flagged:** " + flagged.joined(separator: "; ")) }
        }
        return lines.joined(separator: "\n\n")
    }
}
