import Testing
@testable import DocentCore

/// Placement behaviour that mutation testing found unpinned: the decisive rule's ratio, the length
/// boundary of the page rule's explanation, the confidence of a suggestion for an unplaced page, the
/// `personas:` key, which parts count as the section's own, naming a part of a flagged page, and the
/// evaluator's signals.
@Suite struct PlacementClassifierMutationTests {
    static let searchBackendPath = "docs/using/deploying-the-search-backend.md"

    /// The decisive rule needs both its share and its ratio: Administrator at 63 % against the
    /// section's 7 % (9×) is decisive at 8× and not at 10×. The other rule is off here (no section
    /// share is at most 0 %).
    @Test func theDecisiveRuleNeedsItsRatioToo() throws {
        let path = Self.searchBackendPath
        let snapshot = PlacementTestWorkspace.snapshot([path: PlacementTestWorkspace.searchBackend])
        func assessed(strongRatio: Double) throws -> (PlacementAssessment, PlacementModel) {
            var parameters = PlacementParameters()
            parameters.maximumPlacedShare = 0
            parameters.strongShare = 0.5
            parameters.strongRatio = strongRatio
            let model = PlacementModel.of(snapshot, parameters: parameters)
            return (try #require(model.assessment(of: path, in: snapshot)), model)
        }
        let administrator = try #require(PersonaCatalog.builtIn.index(of: "administrator"))
        let (warned, warnedModel) = try assessed(strongRatio: 8)
        #expect(warned.finding?.suggestedPersona == administrator)
        #expect(warned.finding?.suggestedShare == 0.63 && warned.finding?.placedShare == 0.07)
        #expect(PlacementVerdict.whyNoWarning(warned, model: warnedModel) == nil)
        let (quiet, quietModel) = try assessed(strongRatio: 10)
        #expect(quiet.finding == nil)
        #expect(quiet.ranking.first?.persona == administrator)
        #expect(quietModel.pageRule(quiet)?.wouldWarn == false)
        #expect(PlacementVerdict.whyNoWarning(quiet, model: quietModel)
                == "Administrator leads, but not clearly enough to warn (needs 30 % and 2× the section's share with the section at most 0 %, or 50 % and 10×).")
    }

    /// At exactly `minimumWords` judged words (13 of prose, 108 of code at a quarter) a page is long
    /// enough for the page rule's explanation as for the rule itself: the declaration that keeps it
    /// quiet is said to do so, not the page called too short.
    @Test func aPageOfExactlyTheMinimumLengthIsJudgedByTheExplanationToo() throws {
        let path = "docs/using/helm.md"
        let text = "---\npersona: end-user\n---\n# Helm\n\nRun helm install in the cluster, then kubectl rollout restart the deployment.\n"
            + "\n```bash\n" + String(repeating: "helm upgrade portal ./chart --namespace portal --values values.yaml\n", count: 12) + "```\n"
        let snapshot = PlacementTestWorkspace.snapshot([path: text])
        let model = PlacementModel.of(snapshot)
        let assessment = try #require(model.assessment(of: path, in: snapshot))
        #expect(assessment.judgedWordCount == model.parameters.minimumWords)
        #expect(model.pageRule(assessment)?.isLongEnough == true)
        #expect(PlacementVerdict.quietedByDeclaration(assessment, model: model)
                == "it reads as Administrator (47 %) and would otherwise be flagged misplaced")
        #expect(PlacementVerdict.verdict(assessment, model: model)
                == "declares End User, which keeps it quiet: it reads as Administrator (47 %) and would otherwise be flagged misplaced")
    }

    /// The confidence of a suggestion for a page in no section weighs the suggested persona against
    /// the next one (there is no section's share to weigh it against): 0.60 ÷ (0.60 + 0.09) = 0.88.
    @Test func anUnplacedPagesConfidenceIsAgainstTheRunnerUp() throws {
        let path = "docs/unsorted/deploying-the-search-backend.md"
        let snapshot = PlacementTestWorkspace.snapshot([path: PlacementTestWorkspace.searchBackend])
        let model = PlacementModel.of(snapshot)
        let assessment = try #require(model.assessment(of: path, in: snapshot))
        let ranking = assessment.ranking
        let suggestion = try #require(assessment.suggestion)
        #expect(suggestion.suggestedPersona == ranking[0].persona)
        #expect(suggestion.placedShare == 0)
        #expect(suggestion.confidence == PlacementPresentation.rounded(ranking[0].share / (ranking[0].share + ranking[1].share)))
        #expect(suggestion.confidence == 0.88)
        let diagnostic = try #require(RuleRegistry.diagnostics(for: path, in: snapshot).first { $0.code == "unplaced-document" })
        #expect(diagnostic.data["confidence"] == .number(0.88))
        #expect(diagnostic.data["suggestedShare"] == .number(0.6))
    }

    /// `personas:` declares like `persona:` and `audience:`: the section's own persona keeps a
    /// clearly foreign page quiet, another one is a mismatch.
    @Test func thePersonasKeyDeclaresToo() throws {
        let path = Self.searchBackendPath
        func codes(_ frontMatter: String) -> [String] {
            let snapshot = PlacementTestWorkspace.snapshot([path: frontMatter + PlacementTestWorkspace.searchBackend])
            return RuleRegistry.diagnostics(for: path, in: snapshot).map(\.code).filter { $0.contains("placed") || $0.contains("persona") }
        }
        #expect(codes("") == ["misplaced-document"])
        #expect(codes("---\npersonas: end-user\n---\n\n") == [])
        #expect(codes("---\npersonas: [User, Operator]\n---\n\n") == [])
        #expect(codes("---\npersonas: Operator\n---\n\n") == ["persona-mismatch"])
        let snapshot = PlacementTestWorkspace.snapshot([path: "---\npersonas: end-user, astronaut\n---\n\n" + PlacementTestWorkspace.searchBackend])
        let assessment = try #require(PlacementModel.of(snapshot).assessment(of: path, in: snapshot))
        #expect(assessment.declaredPersonas == [PersonaCatalog.builtIn.index(of: "end-user")!])
        #expect(assessment.unknownDeclaredPersonas == ["astronaut"])
    }

    /// Only parts long enough to be measured count as the section's own when a flagged page may owe
    /// its reading to them: with `minimumPartWords` at 50 the first end-user part (49 words) is not
    /// measured, the two others (110 of 284 words) are under half the page, and the page is flagged
    /// as a whole, its parts not.
    @Test func unmeasuredPartsDoNotCountAsTheSectionsOwn() throws {
        var parameters = PlacementParameters()
        parameters.minimumRatio = 1.5
        parameters.maximumPlacedShare = 0.35
        parameters.minimumPartWords = 50
        let path = "docs/using/signing-in.md"
        let snapshot = PlacementTestWorkspace.snapshot([path: PlacementTestWorkspace.signingInWithPastedParts])
        let model = PlacementModel.of(snapshot, parameters: parameters)
        let assessment = try #require(model.assessment(of: path, in: snapshot))
        #expect(assessment.wordCount == 284)
        #expect(assessment.parts.map(\.wordCount) == [49, 55, 55, 57, 49])
        #expect(assessment.parts.map(\.isMeasured) == [false, true, true, true, true])
        #expect(assessment.finding?.suggestedPersona == model.catalog.index(of: "administrator"))
        #expect(assessment.parts.allSatisfy { $0.finding == nil })
        // With the first part measured too (the default 40), the end-user parts hold most of the page:
        // the operators' parts are named instead.
        var measured = parameters
        measured.minimumPartWords = 40
        let named = try #require(PlacementModel.of(snapshot, parameters: measured).assessment(of: path, in: snapshot))
        #expect(named.finding == nil)
        #expect(named.parts.map { $0.finding?.suggestedPersona } == [nil, nil, nil, 1, 1])
    }

    /// A part of a flagged page is named as well when it reads as the same persona and the rest of
    /// the page does not: there, the part is the cause. The end-user text before the first `##` is
    /// no part; the one operators' part after it is.
    @Test func aPartIsNamedWithItsFlaggedPageWhenTheRestReadsAsTheSection() throws {
        var text = PlacementTestWorkspace.signingInWithPastedParts
        for heading in ["## Open the sign-in page\n\n", "## Check that it worked\n\n", "## When the button does nothing\n\n"] {
            text = text.replacingOccurrences(of: heading, with: "")
        }
        let cut = try #require(text.range(of: "## Rotating the signing keys"))
        text = String(text[..<cut.lowerBound])
        var parameters = PlacementParameters()
        parameters.minimumRatio = 1.2
        parameters.maximumPlacedShare = 0.45
        let path = "docs/using/signing-in.md"
        let snapshot = PlacementTestWorkspace.snapshot([path: text])
        let model = PlacementModel.of(snapshot, parameters: parameters)
        let assessment = try #require(model.assessment(of: path, in: snapshot))
        let administrator = try #require(model.catalog.index(of: "administrator"))
        let endUser = try #require(model.catalog.index(of: "end-user"))
        #expect(assessment.finding?.suggestedPersona == administrator)
        try #require(assessment.parts.count == 1)
        let part = assessment.parts[0]
        #expect(part.restScores[administrator].share < part.restScores[endUser].share)
        #expect(part.finding?.suggestedPersona == administrator)
        let rules: [any Rule] = [MisplacedDocumentRule(parameters: parameters), MisplacedSectionRule(parameters: parameters)]
        let diagnostics = rules.flatMap { $0.check(path, in: snapshot, cache: AnalysisCache()) }
        #expect(diagnostics.map(\.code) == ["misplaced-document", "misplaced-section"])
    }

    /// The evaluator's signals are found in prose, each under its own label.
    @Test func theEvaluatorsSignals() {
        let text = "We evaluate the portal this quarter. The evaluation starts with a demo and a trial, then a proof of concept: "
            + "we compare it with an alternative and decide whether it is suitable. Try it out first.\n"
        let document = WorkspaceDocument(path: "page.md", text: SourceText(text))
        let table = SignalTable(catalog: .builtIn)
        let features = FeatureExtractor.extract(document.text, markdown: document.markdown, signals: table)
        let evaluator = PersonaCatalog.builtIn.index(of: "evaluator")!
        let found = features.hits.filter { table.signals[Int($0.signal)].persona == evaluator }.map { table.signals[Int($0.signal)].label }
        #expect(Set(found) == ["evaluate", "evaluation", "demo", "trial", "proof of concept", "compare", "alternative", "decide", "suitable", "try it out"])
        // In code, prose signals say nothing.
        let code = WorkspaceDocument(path: "code.md", text: SourceText("```sh\nevaluate --demo\n```\n"))
        let inCode = FeatureExtractor.extract(code.text, markdown: code.markdown, signals: table)
        #expect(!inCode.hits.contains { table.signals[Int($0.signal)].persona == evaluator })
    }
}
