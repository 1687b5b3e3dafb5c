import Testing
@testable import DocentCore

/// The verdict `docent classify` prints and the hover's trace of a declaration: they agree with `docent check`.
@Suite struct PlacementVerdictTests {
    private func assessment(_ path: String, _ text: String) throws -> (PlacementAssessment, PlacementModel, WorkspaceSnapshot) {
        let snapshot = PlacementTestWorkspace.snapshot([path: text])
        let model = PlacementModel.of(snapshot)
        return (try #require(model.assessment(of: path, in: snapshot)), model, snapshot)
    }

    @Test func aDeclarationForeignToTheSectionIsAMismatch() throws {
        let path = "docs/using/deploying-the-search-backend.md"
        let (assessment, model, snapshot) = try assessment(path, "---\npersona: Operator\n---\n\n" + PlacementTestWorkspace.searchBackend)
        #expect(RuleRegistry.diagnostics(for: path, in: snapshot).map(\.code) == ["persona-mismatch"])
        #expect(PlacementVerdict.verdict(assessment, model: model)
                == "persona-mismatch — declares Administrator, but Guides › Using the Portal is for End User (docent check reports it)")
    }

    @Test func aDeclarationThatKeepsAClearlyForeignPageQuietSaysSo() throws {
        let path = "docs/using/deploying-the-search-backend.md"
        let text = "---\npersona: end-user\n---\n\n" + PlacementTestWorkspace.searchBackend
        let (assessment, model, snapshot) = try assessment(path, text)
        #expect(RuleRegistry.diagnostics(for: path, in: snapshot).filter { $0.code.contains("placed") || $0.code.contains("persona") }.isEmpty)
        #expect(PlacementVerdict.verdict(assessment, model: model)
                == "declares End User, which keeps it quiet: it reads as Administrator (63 %) and would otherwise be flagged misplaced")
        let found = PlacementHover.hover(at: 30, in: path, snapshot: snapshot)
        let hover = try #require(found)
        #expect(hover.markdown.contains("\n\n**Declared persona:** End User — keeps the page quiet: it reads as Administrator (63 %) and would otherwise be flagged misplaced\n\n"))
    }

    @Test func aDeclarationThePageAgreesWithFits() throws {
        let path = "docs/using/finding-a-service.md"
        let (assessment, model, _) = try assessment(path, "---\npersona: end-user\n---\n\n" + PlacementTestWorkspace.pages[path]!)
        #expect(PlacementVerdict.verdict(assessment, model: model) == "fits its section (declares End User)")
        #expect(PlacementVerdict.quietedByDeclaration(assessment, model: model) == nil)
    }

    @Test func undeclaredPagesKeepTheirVerdicts() throws {
        let misplaced = "docs/using/deploying-the-search-backend.md"
        let (page, model, _) = try assessment(misplaced, PlacementTestWorkspace.searchBackend)
        #expect(PlacementVerdict.verdict(page, model: model)?.hasPrefix("misplaced — reads as Administrator; suggested section: Guides › Running the Portal (confidence ") == true)
        let (fitting, fittingModel, _) = try assessment("docs/using/finding-a-service.md", PlacementTestWorkspace.pages["docs/using/finding-a-service.md"]!)
        #expect(PlacementVerdict.verdict(fitting, model: fittingModel) == "fits its section (or the evidence is too weak to say otherwise)")
        let (reference, referenceModel, _) = try assessment("docs/reference/configuration-keys.md", PlacementTestWorkspace.pages["docs/reference/configuration-keys.md"]!)
        #expect(PlacementVerdict.verdict(reference, model: referenceModel) == nil)
    }

    @Test func whenAnotherPersonaLeadsWithoutAWarningTheRuleIsSaid() throws {
        // Raise the bar: the Administrator page no longer warns, and the line quotes the parameters used.
        let path = "docs/using/deploying-the-search-backend.md"
        let snapshot = PlacementTestWorkspace.snapshot([path: PlacementTestWorkspace.searchBackend])
        var strict = PlacementParameters()
        strict.minimumShare = 0.9
        strict.minimumRatio = 1.5
        strict.strongShare = 0.95
        let model = PlacementModel.of(snapshot, parameters: strict)
        let assessment = try #require(model.assessment(of: path, in: snapshot))
        #expect(assessment.finding == nil)
        #expect(PlacementVerdict.whyNoWarning(assessment, model: model)
                == "Administrator leads, but not clearly enough to warn (needs 90 % and 1.5× the section's share with the section at most 15 %, or 95 % and 5×).")
        // With the defaults it warns, and there is nothing to explain.
        let warned = PlacementModel.of(snapshot)
        #expect(PlacementVerdict.whyNoWarning(try #require(warned.assessment(of: path, in: snapshot)), model: warned) == nil)
        // Nor does the hover of the flagged page.
        let found = PlacementHover.hover(at: 3, in: path, snapshot: snapshot)
        #expect(try #require(found).markdown.contains("Administrator leads") == false)
    }

    @Test func aShortPageIsNotJudged() throws {
        let path = "docs/using/helm.md"
        let (assessment, model, snapshot) = try assessment(path, "# Helm\n\nRun helm install in the cluster, then kubectl rollout restart the deployment.\n")
        #expect(PlacementVerdict.whyNoWarning(assessment, model: model)
                == "Administrator leads, but the page is too short to judge (\(assessment.wordCount) words of prose; a page needs 40).")
        let found = PlacementHover.hover(at: 3, in: path, snapshot: snapshot)
        #expect(try #require(found).markdown.contains("\n\nAdministrator leads, but the page is too short to judge ("))
    }

    @Test func theSectionsOwnPersonaLeadingNeedsNoExplanation() throws {
        let path = "docs/using/finding-a-service.md"
        let (assessment, model, _) = try assessment(path, PlacementTestWorkspace.pages[path]!)
        #expect(PlacementVerdict.whyNoWarning(assessment, model: model) == nil)
    }
}
