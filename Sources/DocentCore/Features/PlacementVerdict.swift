/// The placement verdict on a page in words, as `docent classify` prints it and the title hover shows
/// it: it agrees with what `docent check` reports, declarations included.
public enum PlacementVerdict {
    /// "misplaced — …", "unplaced — …", "persona-mismatch — …", "fits its section …"; nil for a page
    /// in a section that is not checked (one for everyone) or in no section when none are configured.
    public static func verdict(_ assessment: PlacementAssessment, model: PlacementModel) -> String? {
        let catalog = model.catalog
        let sections = model.sections.sections
        if let finding = assessment.finding {
            return "misplaced — reads as \(catalog.personas[finding.suggestedPersona].title); suggested section: \(sections[finding.suggestedSection].title) (confidence \(PlacementPresentation.percent(finding.confidence)))"
        }
        if let suggestion = assessment.suggestion {
            return "unplaced — suggested section: \(sections[suggestion.suggestedSection].title)"
        }
        guard let index = assessment.sectionIndex, sections[index].isChecked else { return nil }
        let section = sections[index]
        let declared = assessment.declaredPersonas
        guard !declared.isEmpty else {
            let flaggedParts = assessment.parts.compactMap(\.finding)
            guard !flaggedParts.isEmpty else { return "fits its section (or the evidence is too weak to say otherwise)" }
            let personas = PlacementPresentation.personaTitles(Array(Set(flaggedParts.map(\.suggestedPersona))).sorted(), catalog: catalog)
            return "fits its section, except \(flaggedParts.count == 1 ? "one `##` part that reads" : "\(flaggedParts.count) `##` parts that read") as \(personas) (misplaced-section)"
        }
        let declaredTitles = PlacementPresentation.personaTitles(declared, catalog: catalog)
        if !declared.contains(where: section.personas.contains) {
            return "persona-mismatch — declares \(declaredTitles), but \(section.title) is for \(PlacementPresentation.personaTitles(section.personas, catalog: catalog)) (docent check reports it)"
        }
        if let quieted = quietedByDeclaration(assessment, model: model) { return "declares \(declaredTitles), which keeps it quiet: \(quieted)" }
        return "fits its section (declares \(declaredTitles))"
    }

    /// The verdict as a code: the diagnostic `docent check` gives the page (`misplaced-document`,
    /// `unplaced-document`, `persona-mismatch`, or `misplaced-section` when only parts are flagged),
    /// `fits` when it gives none, nil when the page is not judged (a section for everyone, or no
    /// sections configured). `docent classify --json` gives it beside `verdict`'s text.
    public static func code(_ assessment: PlacementAssessment, model: PlacementModel) -> String? {
        if assessment.finding != nil { return "misplaced-document" }
        if assessment.suggestion != nil { return "unplaced-document" }
        guard let index = assessment.sectionIndex, model.sections.sections[index].isChecked else { return nil }
        let declared = assessment.declaredPersonas
        if !declared.isEmpty && !declared.contains(where: model.sections.sections[index].personas.contains) { return "persona-mismatch" }
        return assessment.parts.contains { $0.finding != nil } ? "misplaced-section" : "fits"
    }

    /// "it reads as Administrator (92 %) and would otherwise be flagged misplaced": for a page that
    /// declares its section's persona but reads clearly as another, so that the page rule would warn
    /// without the declaration. Nil otherwise.
    public static func quietedByDeclaration(_ assessment: PlacementAssessment, model: PlacementModel) -> String? {
        guard let index = assessment.sectionIndex, !assessment.declaredPersonas.isEmpty,
              assessment.declaredPersonas.contains(where: model.sections.sections[index].personas.contains),
              let rule = model.pageRule(assessment), rule.wouldWarn else { return nil }
        return "it reads as \(model.catalog.personas[rule.lead.persona].title) (\(PlacementPresentation.percent(rule.lead.share))) and would otherwise be flagged misplaced"
    }

    /// Why no warning fires although another persona leads "Reads as", in one line phrased from the
    /// page rule's parameters: "Integrator leads, but not clearly enough to warn (needs 30 % and 2× the
    /// section's share with the section at most 15 %, or 60 % and 5×)." Nil when the section's persona
    /// leads, the page is flagged or declares a persona, or its section is not checked.
    public static func whyNoWarning(_ assessment: PlacementAssessment, model: PlacementModel) -> String? {
        guard assessment.finding == nil, assessment.declaredPersonas.isEmpty, let index = assessment.sectionIndex,
              model.sections.sections[index].isChecked, let leader = assessment.ranking.first,
              !model.sections.sections[index].personas.contains(leader.persona) else { return nil }
        let title = model.catalog.personas[leader.persona].title
        let parameters = model.parameters
        guard let rule = model.pageRule(assessment), rule.lead.persona == leader.persona else {
            return "\(title) leads, but has no other section in this workspace to suggest."
        }
        guard rule.isLongEnough else {
            let code = assessment.codeWordCount > 0 ? " and \(assessment.codeWordCount) of code" : ""
            return "\(title) leads, but the page is too short to judge (\(assessment.wordCount) words of prose\(code); "
                + "a page needs \(parameters.minimumWords), code counting a quarter)."
        }
        if rule.wouldWarn {
            // The page rule would warn, but the reading comes from parts written for another audience:
            // they are flagged instead (see `PlacementParameters.ownPartsShare`).
            let flagged = assessment.parts.filter { $0.finding?.suggestedPersona == leader.persona }.count
            guard flagged > 0 else { return nil }
            let placed = PlacementPresentation.personaTitles(model.sections.sections[index].personas, catalog: model.catalog)
            return "\(title) leads because of \(flagged == 1 ? "one `##` part" : "\(flagged) `##` parts") written for it; parts that read as \(placed) hold most of the page, "
                + "so \(flagged == 1 ? "that part is" : "those parts are") flagged rather than the page."
        }
        return "\(title) leads, but not clearly enough to warn (needs \(PlacementPresentation.percent(parameters.minimumShare)) and \(times(parameters.minimumRatio)) the section's share "
            + "with the section at most \(PlacementPresentation.percent(parameters.maximumPlacedShare)), or \(PlacementPresentation.percent(parameters.strongShare)) and \(times(parameters.strongRatio)))."
    }

    /// 2 → "2×", 1.5 → "1.5×".
    static func times(_ ratio: Double) -> String {
        ratio == ratio.rounded() ? "\(Int(ratio))×" : "\((ratio * 10).rounded() / 10)×"
    }

}
