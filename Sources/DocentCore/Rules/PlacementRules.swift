/// Where the placement diagnostics of a page point and how they name personas and sections.
public enum PlacementPresentation {
    /// Where a page's findings point: the title the reader sees on the page, the first level-1
    /// heading, else the front-matter `title`, else the first heading, else line 0. (The page's name,
    /// `MarkdownDocument.title`, prefers the front-matter title, as site generators do; a warning
    /// sits on the heading in the text when there is one.)
    public static func titleRange(_ document: WorkspaceDocument) -> ByteRange {
        if let title = writtenTitleRange(document.markdown) { return title }
        return document.text.count == 0 ? 0..<0 : document.text.lineRange(0)
    }

    /// The title as `titleRange` finds it; nil for a page with no heading and no front-matter `title`.
    public static func writtenTitleRange(_ markdown: MarkdownDocument) -> ByteRange? {
        if let heading = markdown.headings.first(where: { $0.level == 1 }) { return heading.textRange }
        if let title = markdown.frontMatter?.entry("title"), !title.valueRange.isEmpty { return title.valueRange }
        return markdown.headings.first?.textRange
    }

    /// "End User 81 % · Administrator 12 % · …": the shares of at least 1 %, highest first, at most
    /// `limit` of them ("…" when some are left out). Personas without a section of their own in the
    /// workspace (no page could move there) are left out unless they lead or there are no sections.
    public static func shareSummary(_ scores: [PersonaScore], model: PlacementModel, limit: Int = .max) -> String {
        let ranking = scores.sorted { ($0.share, $1.persona) > ($1.share, $0.persona) }
        let hasSections = !model.sections.sections.isEmpty
        let shown = ranking.filter { score in
            score.share >= 0.01 && (!hasSections || model.hasSection(persona: score.persona) || score.persona == ranking.first?.persona)
        }.prefix(limit)
        guard !shown.isEmpty else { return "—" }
        return shown.map { "\(model.catalog.personas[$0.persona].title) \(percent($0.share))" }.joined(separator: " · ")
            + (limit < .max && ranking.count > shown.count ? " · …" : "")
    }

    /// "End User" or "Administrator, Integrator".
    public static func personaTitles(_ personas: [Int], catalog: PersonaCatalog) -> String {
        personas.map { catalog.personas[$0].title }.joined(separator: ", ")
    }

    /// "Declares persona Administrator", "Declares personas Administrator and Integrator".
    public static func declares(_ personas: [Int], catalog: PersonaCatalog) -> String {
        let titles = personas.map { catalog.personas[$0].title }
        guard titles.count > 1 else { return "Declares persona " + (titles.first ?? "") }
        return "Declares personas " + titles.dropLast().joined(separator: ", ") + " and " + titles.last!
    }

    /// A share, confidence or evidence weight to two decimals (or `places`), as reported to tools.
    public static func rounded(_ value: Double, places: Int = 2) -> Double {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        return (value * scale).rounded() / scale
    }

    /// A share as people read it: 0.814 → "81 %".
    public static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded())) %" }

    /// Built-in evidence from which a persona's signals alone speak for a page (as `docent sections`
    /// counts a page's leading signals).
    public static let strongEvidence = 3.0

    /// "Reads as Administrator documentation (deploy, app-config.yaml, helm)".
    static func readsAs(_ finding: PlacementFinding, catalog: PersonaCatalog) -> String {
        let title = catalog.personas[finding.suggestedPersona].title
        return finding.labels.isEmpty ? "Reads as \(title) documentation" : "Reads as \(title) documentation (\(finding.labels.joined(separator: ", ")))"
    }

    static func related(_ finding: PlacementFinding, file: String, catalog: PersonaCatalog) -> [RelatedLocation] {
        let title = catalog.personas[finding.suggestedPersona].title
        return finding.related.map { item in
            RelatedLocation(file: file, range: item.range, message: item.isSignal ? "\(title) signal: \(item.label)" : "Word typical of \(title) pages: \(item.label)")
        }
    }

    static func data(_ finding: PlacementFinding, model: PlacementModel) -> [String: DiagnosticValue] {
        let section = model.sections.sections[finding.suggestedSection]
        return [
            "placedPersona": .string(model.catalog.personas[finding.placedPersona].id),
            "suggestedPersona": .string(model.catalog.personas[finding.suggestedPersona].id),
            "suggestedSection": .string(section.path),
            "suggestedSectionTitle": .string(section.title),
            "confidence": .number(finding.confidence),
            "suggestedShare": .number(finding.suggestedShare),
            "placedShare": .number(finding.placedShare),
        ]
    }

    /// Glossaries define words for every reader; their placement is not judged by content.
    static func isJudged(_ path: String, in snapshot: WorkspaceSnapshot) -> Bool { !snapshot.isGlossary(path) }
}

/// `misplaced-document`: the page reads clearly as written for another persona than its section's.
public struct MisplacedDocumentRule: Rule {
    public static let description = RuleDescription(code: "misplaced-document", summary: "A page reads as written for another persona than its section's", defaultSeverity: .warning)

    /// The classifier's settings; the defaults unless a benchmark tries others.
    public var parameters: PlacementParameters

    public init(parameters: PlacementParameters = PlacementParameters()) { self.parameters = parameters }

    public func check(_ path: String, in snapshot: WorkspaceSnapshot, cache: AnalysisCache) -> [Diagnostic] {
        guard PlacementPresentation.isJudged(path, in: snapshot), let document = snapshot.document(path) else { return [] }
        let model = PlacementModel.of(snapshot, parameters: parameters)
        guard let assessment = model.assessment(of: path, in: snapshot), let finding = assessment.finding,
              let sectionIndex = assessment.sectionIndex else { return [] }
        let section = model.sections.sections[sectionIndex]
        let suggested = model.sections.sections[finding.suggestedSection]
        // When the suggested persona's built-in signals are weak, the reading comes from the page's
        // likeness to that persona's pages: the message names the closest one (review: "form,
        // filter, envelope" were named where likeness to descriptor-format.md decided).
        var readsAs = PlacementPresentation.readsAs(finding, catalog: model.catalog)
        let evidence = assessment.scores.first { $0.persona == finding.suggestedPersona }?.evidence ?? 0
        if evidence < PlacementPresentation.strongEvidence,
           let like = model.nearestPages(to: path, count: 5).first(where: { page in
               model.sectionIndex(of: page.path).map { model.sections.sections[$0].personas.contains(finding.suggestedPersona) } ?? false
           }) {
            readsAs += ", most like \(like.path),"
        }
        let message = "\(readsAs) but sits in \(section.title) "
            + "(\(PlacementPresentation.personaTitles(section.personas, catalog: model.catalog))). Suggested section: \(suggested.title)."
        return [Diagnostic(code: Self.description.code, severity: Self.description.defaultSeverity, message: message, file: path,
                           range: PlacementPresentation.titleRange(document),
                           related: PlacementPresentation.related(finding, file: path, catalog: model.catalog),
                           data: PlacementPresentation.data(finding, model: model))]
    }
}

/// `misplaced-section`: a `##` part of the page clearly belongs to another persona than its section's.
public struct MisplacedSectionRule: Rule {
    public static let description = RuleDescription(code: "misplaced-section", summary: "A part of a page reads as written for another persona than its section's", defaultSeverity: .warning)

    /// The classifier's settings; the defaults unless a benchmark tries others.
    public var parameters: PlacementParameters

    public init(parameters: PlacementParameters = PlacementParameters()) { self.parameters = parameters }

    public func check(_ path: String, in snapshot: WorkspaceSnapshot, cache: AnalysisCache) -> [Diagnostic] {
        guard PlacementPresentation.isJudged(path, in: snapshot), let document = snapshot.document(path) else { return [] }
        let model = PlacementModel.of(snapshot, parameters: parameters)
        guard let assessment = model.assessment(of: path, in: snapshot), let sectionIndex = assessment.sectionIndex else { return [] }
        let section = model.sections.sections[sectionIndex]
        var result: [Diagnostic] = []
        for part in assessment.parts {
            guard let finding = part.finding else { continue }
            let heading = document.markdown.headings[part.headingIndex]
            let suggested = model.sections.sections[finding.suggestedSection]
            let message = "This part \(PlacementPresentation.readsAs(finding, catalog: model.catalog).lowercasedFirst()) but the page sits in "
                + "\(section.title) (\(PlacementPresentation.personaTitles(section.personas, catalog: model.catalog))). Suggested section: \(suggested.title)."
            var data = PlacementPresentation.data(finding, model: model)
            data["heading"] = .string(MarkdownText.plainText(heading.text))
            result.append(Diagnostic(code: Self.description.code, severity: Self.description.defaultSeverity, message: message, file: path,
                                     range: heading.textRange, related: PlacementPresentation.related(finding, file: path, catalog: model.catalog),
                                     data: data))
        }
        return result
    }
}

/// `persona-mismatch`: the persona a page declares in front matter is not one its section is for, or
/// names no persona. An unknown name under `persona:`/`personas:` is an error; under `audience:`, a
/// key many sites use for free text ("Developers"), it is information and placement ignores it.
public struct PersonaMismatchRule: Rule {
    public static let description = RuleDescription(code: "persona-mismatch", summary: "A page declares a persona its section is not written for", defaultSeverity: .error)

    /// The classifier's settings; the defaults unless a benchmark tries others.
    public var parameters: PlacementParameters

    public init(parameters: PlacementParameters = PlacementParameters()) { self.parameters = parameters }

    /// "end-user (User), administrator (Operator, Admin), …": each persona's id with the other names
    /// it is known by (its title when that differs, its aliases; plurals left out, since they match too).
    public static func knownPersonas(_ catalog: PersonaCatalog) -> String {
        catalog.personas.map { persona in
            var seen: Set<String> = [PersonaCatalog.normalize(persona.id)]
            var names: [String] = []
            for name in [persona.title] + persona.aliases {
                let key = PersonaCatalog.normalize(name)
                if seen.contains(key) || (key.hasSuffix("s") && seen.contains(String(key.dropLast()))) { continue }
                seen.insert(key)
                names.append(name)
            }
            return names.isEmpty ? persona.id : "\(persona.id) (\(names.joined(separator: ", ")))"
        }.joined(separator: ", ")
    }

    /// Where `name` is written in an entry: in its list item, or in its comma-separated value (the
    /// whole value when it cannot be found).
    static func itemRange(of name: String, in entry: FrontMatterEntry, text: SourceText) -> ByteRange {
        var range = entry.reportedRange
        if case .list(let items) = entry.value, items.count == entry.itemRanges.count,
           let index = items.firstIndex(where: { ($0.scalarText ?? "").split(separator: ",").contains { String($0).trimmingSpaces() == name } }) {
            range = entry.itemRanges[index]
        }
        return text.bytes[range].firstRange(of: Array(name.utf8)) ?? range
    }

    /// The names under `key` that match no persona ("any" included: it is for sections).
    static func unknownNames(_ frontMatter: FrontMatter, key: String, catalog: PersonaCatalog) -> [String] {
        PlacementModel.declaredNames(frontMatter, key: key).filter { catalog.index(of: $0) == nil }
    }

    public func check(_ path: String, in snapshot: WorkspaceSnapshot, cache: AnalysisCache) -> [Diagnostic] {
        guard let document = snapshot.document(path), let entry = PlacementModel.declarationEntry(document.markdown),
              let frontMatter = document.markdown.frontMatter else { return [] }
        let model = PlacementModel.of(snapshot, parameters: parameters)
        let (declared, _) = PlacementModel.declaredPersonas(document.markdown, catalog: model.catalog)
        let range = entry.reportedRange
        let known = Self.knownPersonas(model.catalog)
        let knownData = DiagnosticValue.array(model.catalog.personas.map { .string($0.id) })
        var result: [Diagnostic] = []
        // The first unknown name of each key; the known names still count (a mismatch among them is
        // reported too).
        for key in ["persona", "personas"] {
            guard let name = Self.unknownNames(frontMatter, key: key, catalog: model.catalog).first, let keyed = frontMatter.entry(key) else { continue }
            let message = SectionMap.everyoneNames.contains(name.lowercased())
                ? "“\(name)” names no persona: a page declares the personas it is written for (“\(name)” is for a section in docent.json); known personas: \(known)."
                : "Unknown persona “\(name)”; known personas: \(known)."
            result.append(Diagnostic(code: Self.description.code, severity: Self.description.defaultSeverity, message: message, file: path,
                                     range: Self.itemRange(of: name, in: keyed, text: document.text),
                                     data: ["declaredPersona": .string(name), "knownPersonas": knownData]))
        }
        if let name = Self.unknownNames(frontMatter, key: "audience", catalog: model.catalog).first, let audience = frontMatter.entry("audience") {
            result.append(Diagnostic(code: Self.description.code, severity: .information,
                                     message: "“\(name)” under audience: names no persona, so placement ignores it; known personas: \(known).", file: path,
                                     range: Self.itemRange(of: name, in: audience, text: document.text),
                                     data: ["declaredPersona": .string(name), "knownPersonas": knownData]))
        }
        guard !declared.isEmpty, let sectionIndex = model.sections.sectionIndex(for: path) else { return result }
        let section = model.sections.sections[sectionIndex]
        guard section.isChecked, !declared.contains(where: section.personas.contains) else { return result }
        var message = "\(PlacementPresentation.declares(declared, catalog: model.catalog)) but sits in \(section.title) (\(PlacementPresentation.personaTitles(section.personas, catalog: model.catalog)))."
        var data: [String: DiagnosticValue] = [
            "declaredPersona": .string(model.catalog.personas[declared[0]].id),
            "sectionPersonas": .array(section.personas.map { .string(model.catalog.personas[$0].id) }),
            "section": .string(section.path),
        ]
        // The first declared persona that has a section.
        if let target = declared.lazy.compactMap({ model.sectionsByPersona[$0].first }).first {
            let suggested = model.sections.sections[target]
            message += " Suggested section: \(suggested.title)."
            data["suggestedSection"] = .string(suggested.path)
        }
        return result + [Diagnostic(code: Self.description.code, severity: Self.description.defaultSeverity, message: message, file: path, range: range, data: data)]
    }
}

/// `unplaced-document`: a page in no section, when sections are configured.
public struct UnplacedDocumentRule: Rule {
    public static let description = RuleDescription(code: "unplaced-document", summary: "A page lies outside every configured section", defaultSeverity: .information)

    /// The classifier's settings; the defaults unless a benchmark tries others.
    public var parameters: PlacementParameters

    public init(parameters: PlacementParameters = PlacementParameters()) { self.parameters = parameters }

    public func check(_ path: String, in snapshot: WorkspaceSnapshot, cache: AnalysisCache) -> [Diagnostic] {
        // Glossary files (and snippets such as an abbreviations include) are reference material for
        // every page, not pages of a section.
        guard !snapshot.configuration.sections.isEmpty, !snapshot.isGlossary(path), let document = snapshot.document(path) else { return [] }
        let model = PlacementModel.of(snapshot, parameters: parameters)
        guard model.sections.isConfigured, model.sections.sectionIndex(for: path) == nil else { return [] }
        var message = "Not in any configured section."
        var data: [String: DiagnosticValue] = ["suggestedPersona": .null, "suggestedSection": .null, "confidence": .null]
        var related: [RelatedLocation] = []
        let assessment = PlacementPresentation.isJudged(path, in: snapshot) ? model.assessment(of: path, in: snapshot) : nil
        if let (declared, target) = assessment?.declaredPersonas.lazy.compactMap({ persona in model.sectionsByPersona[persona].first.map { (persona, $0) } }).first {
            let section = model.sections.sections[target]
            message += " Declares persona \(model.catalog.personas[declared].title); suggested section: \(section.title)."
            data = ["suggestedPersona": .string(model.catalog.personas[declared].id), "suggestedSection": .string(section.path),
                    "suggestedSectionTitle": .string(section.title), "confidence": .number(1)]
        } else if let finding = assessment?.suggestion {
            let section = model.sections.sections[finding.suggestedSection]
            message += " \(PlacementPresentation.readsAs(finding, catalog: model.catalog)); suggested section: \(section.title)."
            data = PlacementPresentation.data(finding, model: model)
            data["placedPersona"] = nil
            data["placedShare"] = nil
            related = PlacementPresentation.related(finding, file: path, catalog: model.catalog)
        }
        return [Diagnostic(code: Self.description.code, severity: Self.description.defaultSeverity, message: message, file: path,
                           range: PlacementPresentation.titleRange(document), related: related, data: data)]
    }
}

extension String {
    /// "Reads as" → "reads as".
    func lowercasedFirst() -> String { prefix(1).lowercased() + dropFirst() }
}
