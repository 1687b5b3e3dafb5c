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
                == "Administrator leads, but the page is too short to judge (13 words of prose; a page needs 40, code counting a quarter).")
        let found = PlacementHover.hover(at: 3, in: path, snapshot: snapshot)
        #expect(try #require(found).markdown.contains("\n\nAdministrator leads, but the page is too short to judge ("))
    }

    @Test func codeCountsAQuarterTowardTheLengthOfAPage() throws {
        let path = "docs/using/helm.md"
        let prose = "# Helm\n\nRun helm install in the cluster, then kubectl rollout restart the deployment.\n"
        // 13 words of prose and 54 of code (9 a line): 13 + 13 = 26, still short.
        let short = prose + "\n```bash\n" + String(repeating: "helm upgrade portal ./chart --namespace portal --values values.yaml\n", count: 6) + "```\n"
        let (brief, model, _) = try assessment(path, short)
        #expect(brief.wordCount == 13 && brief.codeWordCount == 54 && brief.judgedWordCount == 26)
        #expect(PlacementVerdict.whyNoWarning(brief, model: model)
                == "Administrator leads, but the page is too short to judge (13 words of prose and 54 of code; a page needs 40, code counting a quarter).")
        // With 108 words of code (13 + 27 = 40) the page is long enough: a page of configuration is judged
        // by what its code does, and this one is flagged.
        let long = prose + "\n```bash\n" + String(repeating: "helm upgrade portal ./chart --namespace portal --values values.yaml\n", count: 12) + "```\n"
        let (judged, judgedModel, _) = try assessment(path, long)
        #expect(judged.judgedWordCount == 40)
        #expect(judged.finding?.suggestedPersona == judgedModel.catalog.index(of: "administrator"))
        #expect(PlacementVerdict.whyNoWarning(judged, model: judgedModel) == nil)
    }

    @Test func theSectionsOwnPersonaLeadingNeedsNoExplanation() throws {
        let path = "docs/using/finding-a-service.md"
        let (assessment, model, _) = try assessment(path, PlacementTestWorkspace.pages[path]!)
        #expect(PlacementVerdict.whyNoWarning(assessment, model: model) == nil)
    }
}
