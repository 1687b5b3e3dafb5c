import Foundation
import Testing
@testable import DocentCore

/// The placement rules on real pages: exact code, range, message and data out.
@Suite struct PlacementRulesTests {
    /// The placement diagnostics of `path` (other rules left out).
    private func placementDiagnostics(_ path: String, in snapshot: WorkspaceSnapshot) -> [Diagnostic] {
        RuleRegistry.diagnostics(for: path, in: snapshot).filter { ["misplaced-document", "misplaced-section", "persona-mismatch", "unplaced-document"].contains($0.code) }
    }

    private func range(of needle: String, in text: String, occurrence: Int = 1) -> ByteRange {
        let bytes = Array(text.utf8)
        let target = Array(needle.utf8)
        var found = 0
        var index = 0
        while index + target.count <= bytes.count {
            if Array(bytes[index..<(index + target.count)]) == target {
                found += 1
                if found == occurrence { return index..<(index + target.count) }
            }
            index += 1
        }
        preconditionFailure("“\(needle)” not found")
    }

    @Test func rulesAreRegisteredWithTheirSeverities() {
        #expect(RuleRegistry.description(of: "misplaced-document")?.defaultSeverity == .warning)
        #expect(RuleRegistry.description(of: "misplaced-section")?.defaultSeverity == .warning)
        #expect(RuleRegistry.description(of: "persona-mismatch")?.defaultSeverity == .error)
        #expect(RuleRegistry.description(of: "unplaced-document")?.defaultSeverity == .information)
    }

    @Test func correctlyPlacedPagesAreQuiet() {
        let snapshot = PlacementTestWorkspace.snapshot()
        for path in snapshot.sortedPaths {
            #expect(placementDiagnostics(path, in: snapshot).isEmpty, "\(path)")
        }
    }

    @Test func administratorPageInTheEndUserSection() throws {
        let path = "docs/using/deploying-the-search-backend.md"
        let text = PlacementTestWorkspace.searchBackend
        let snapshot = PlacementTestWorkspace.snapshot([path: text])
        let diagnostics = placementDiagnostics(path, in: snapshot)
        try #require(diagnostics.count == 1)
        let diagnostic = diagnostics[0]
        #expect(diagnostic.code == "misplaced-document")
        #expect(diagnostic.severity == .warning)
        #expect(diagnostic.range == range(of: "Deploying the search backend", in: text))
        #expect(diagnostic.message == "Reads as Administrator documentation (app-config.yaml, helm, deploy) but sits in Guides › Using the Portal (End User). Suggested section: Guides › Running the Portal.")
        #expect(diagnostic.data["placedPersona"] == .string("end-user"))
        #expect(diagnostic.data["suggestedPersona"] == .string("administrator"))
        #expect(diagnostic.data["suggestedSection"] == .string("docs/running"))
        #expect(diagnostic.data["suggestedSectionTitle"] == .string("Guides › Running the Portal"))
        // The two shares as the page reads, and how clearly the suggested persona wins between them.
        let model = PlacementModel.of(snapshot)
        let assessment = try #require(model.assessment(of: path, in: snapshot))
        let rounded = { (value: Double) in (value * 100).rounded() / 100 }
        let administratorShare = assessment.scores[try #require(model.catalog.index(of: "administrator"))].share
        let endUserShare = assessment.scores[try #require(model.catalog.index(of: "end-user"))].share
        #expect(diagnostic.data["suggestedShare"] == .number(rounded(administratorShare)))
        #expect(diagnostic.data["placedShare"] == .number(rounded(endUserShare)))
        #expect(diagnostic.data["confidence"] == .number(rounded(administratorShare / (administratorShare + endUserShare))))
        #expect(administratorShare < 0.7 && rounded(administratorShare / (administratorShare + endUserShare)) > 0.8)
        #expect(diagnostic.related.map(\.message).prefix(3) == ["Administrator signal: app-config.yaml", "Administrator signal: helm", "Administrator signal: deploy"])
        #expect(diagnostic.related.first?.range == range(of: "app-config.yaml", in: text))
        #expect(diagnostic.related.allSatisfy { $0.file == path })
    }

    @Test func referenceSectionsServingEveryoneAreQuiet() {
        let path = "docs/reference/deploying-the-search-backend.md"
        let snapshot = PlacementTestWorkspace.snapshot([path: PlacementTestWorkspace.searchBackend])
        #expect(placementDiagnostics(path, in: snapshot).isEmpty)
    }

    @Test func weakEvidenceIsQuiet() {
        // Too short to judge, and a page with nothing persona-specific.
        let short = "# Search\n\nRun `helm install` with `kubectl` on the cluster.\n"
        let neutral = """
        # About this portal

        This portal collects what the company knows about its software in one place. It started as a
        small project and grew with the number of teams that use it. The pages in this section explain
        how the parts fit together and where to find more information about each of them.

        """
        let snapshot = PlacementTestWorkspace.snapshot(["docs/using/short.md": short, "docs/using/about.md": neutral])
        #expect(placementDiagnostics("docs/using/short.md", in: snapshot).isEmpty)
        #expect(placementDiagnostics("docs/using/about.md", in: snapshot).isEmpty)
    }

    @Test func pagesOfEveryPersonaAreFoundInSectionsOfTwoPages() {
        // Each section holds two pages; moving one page of each into another persona's section leaves
        // one page to learn from in its own section, and the classifier still tells where it belongs.
        let moves = [
            ("docs/using/starring-favourites.md", "docs/adoption/starring-favourites.md", "end-user", "docs/using"),
            ("docs/running/connecting-single-sign-on.md", "docs/contributing/connecting-single-sign-on.md", "administrator", "docs/running"),
            ("docs/extending/writing-a-backend-module.md", "docs/using/writing-a-backend-module.md", "integrator", "docs/extending"),
            ("docs/contributing/opening-a-pull-request.md", "docs/extending/opening-a-pull-request.md", "contributor", "docs/contributing"),
            ("docs/adoption/pitching-to-leadership.md", "docs/running/pitching-to-leadership.md", "business-stakeholder", "docs/adoption"),
        ]
        var changes: [WorkspaceChange] = []
        for (from, to, _, _) in moves {
            changes += [.removeDocument(path: from), .setDocument(path: to, text: SourceText(PlacementTestWorkspace.pages[from]!), version: nil)]
        }
        let snapshot = PlacementTestWorkspace.snapshot().applying(changes)
        for (_, to, persona, section) in moves {
            let diagnostics = placementDiagnostics(to, in: snapshot)
            #expect(diagnostics.map(\.code) == ["misplaced-document"], "\(to)")
            #expect(diagnostics.first?.data["suggestedPersona"] == .string(persona), "\(to)")
            #expect(diagnostics.first?.data["suggestedSection"] == .string(section), "\(to)")
        }
        // The pages left behind stay quiet.
        for path in ["docs/using/finding-a-service.md", "docs/running/deploying-with-helm.md", "docs/extending/adding-a-card-component.md",
                     "docs/contributing/writing-a-changeset.md", "docs/adoption/measuring-adoption.md"] {
            #expect(placementDiagnostics(path, in: snapshot).isEmpty, "\(path)")
        }
    }

    @Test func aMisplacedPageIsLeftOutOfItsSectionsProfile() throws {
        // An operator's page dropped into the two-page end-user section makes a third of its profile.
        // The model learns the profiles, finds the page misplaced, and learns them again without it.
        let moved = "docs/using/connecting-single-sign-on.md"
        let snapshot = PlacementTestWorkspace.snapshot().applying([
            .removeDocument(path: "docs/running/connecting-single-sign-on.md"),
            .setDocument(path: moved, text: SourceText(PlacementTestWorkspace.pages["docs/running/connecting-single-sign-on.md"]!), version: nil),
        ])
        let catalog = PersonaCatalog(configuration: snapshot.configuration.personas)
        let table = SignalTable(catalog: catalog)
        var features: [String: PageFeatures] = [:]
        for path in snapshot.sortedPaths {
            let document = try #require(snapshot.document(path))
            features[path] = FeatureExtractor.extract(document.text, markdown: document.markdown, signals: table, glossaryUses: [], glossaryWeight: 0)
        }
        let parameters = PlacementParameters()
        let draft = PlacementModel(snapshot: snapshot, catalog: catalog, signalTable: table, parameters: parameters, features: features)
        #expect(draft.misplacedProfilePages() == [moved])
        let model = PlacementModel.build(snapshot: snapshot, catalog: catalog, signalTable: table, parameters: parameters, features: features)
        #expect(model.pages[moved]?.isPruned == true)
        #expect(model.pages.values.filter(\.isPruned).count == 1)
        let using = try #require(model.sections.sections.firstIndex { $0.path == "docs/using" })
        // The moved page was already left out of its own section when assessed: its likeness to it is
        // the same, not subtracted twice.
        let before = try #require(draft.affinities(draft.pages[moved]!.counts, page: draft.pages[moved]!)[using])
        let after = try #require(model.affinities(model.pages[moved]!.counts, page: model.pages[moved]!)[using])
        #expect(abs(before - after) < 1e-3)
        // An end user's page of the section now reads more like its section.
        let native = "docs/using/finding-a-service.md"
        let nativeBefore = try #require(draft.affinities(draft.pages[native]!.counts, page: draft.pages[native]!)[using])
        let nativeAfter = try #require(model.affinities(model.pages[native]!.counts, page: model.pages[native]!)[using])
        #expect(nativeAfter > nativeBefore + 0.5)
        // And the page is still the one the rule names.
        #expect(placementDiagnostics(moved, in: snapshot).map(\.code) == ["misplaced-document"])
        #expect(placementDiagnostics(native, in: snapshot).isEmpty)
    }

    /// The adoption section keeps one page of its own and gets the operators' single sign-on page.
    static let adoptionWithAStrayOperatorPage = PlacementTestWorkspace.snapshot().applying([
        .removeDocument(path: "docs/adoption/pitching-to-leadership.md"),
        .removeDocument(path: "docs/running/connecting-single-sign-on.md"),
        .setDocument(path: "docs/adoption/connecting-single-sign-on.md",
                     text: SourceText(PlacementTestWorkspace.pages["docs/running/connecting-single-sign-on.md"]!), version: nil),
    ])

    @Test func aSectionLeftWithOnePageHasNoProfileForIt() throws {
        // The adoption section keeps one page of its own and gets an operator's page: once that page is
        // left out as misplaced, nothing is left to compare the adoption page with.
        let snapshot = Self.adoptionWithAStrayOperatorPage
        let model = PlacementModel.of(snapshot)
        let adoption = try #require(model.sections.sections.firstIndex { $0.path == "docs/adoption" })
        let native = try #require(model.pages["docs/adoption/measuring-adoption.md"])
        let stray = try #require(model.pages["docs/adoption/connecting-single-sign-on.md"])
        #expect(stray.isPruned && !native.isPruned)
        #expect(model.profiles[adoption]?.pageCount == 2)
        #expect(model.profiles[adoption]?.memberCount == 1)
        #expect(model.affinities(native.counts, page: native)[adoption] == nil)
        // The stray page is still compared with the page that stays.
        #expect(model.affinities(stray.counts, page: stray)[adoption] != nil)
        #expect(placementDiagnostics("docs/adoption/connecting-single-sign-on.md", in: snapshot).map(\.code) == ["misplaced-document"])
    }

    @Test func aPersonaWhoseSectionsHaveNoProfilePagesCountsAsTheMeanOfTheProfiles() throws {
        // The same workspace: the adoption page is judged without a profile of its section. Its persona
        // has a section, so the profiles do not speak against it: it gets the mean of the learned
        // scores (where the pull toward the mean leads as a profile's pages go to none), while the
        // evaluator, whom no section serves, gets the least similar section's.
        let snapshot = Self.adoptionWithAStrayOperatorPage
        let model = PlacementModel.of(snapshot)
        let native = try #require(model.pages["docs/adoption/measuring-adoption.md"])
        let affinities = model.affinities(native.counts, page: native)
        let scores = model.scores(affinities: affinities, evidence: [])
        let stakeholder = try #require(model.catalog.index(of: "business-stakeholder"))
        let evaluator = try #require(model.catalog.index(of: "evaluator"))
        let administrator = try #require(model.catalog.index(of: "administrator"))
        #expect(scores[stakeholder].affinity == nil && scores[evaluator].affinity == nil)
        // Each learned persona's best section, before the pull toward the mean.
        var best: [Double] = []
        for persona in model.catalog.personas.indices {
            let values = model.sectionsByPersona[persona].compactMap { affinities[$0] }
            if let top = values.max() { best.append(top) }
        }
        try #require(best.count >= 2)
        let mean = best.reduce(0, +) / Double(best.count)
        let learned = try #require(scores[administrator].affinity)
        // No evidence and no links: log-shares differ by the learned weight times the profiled values.
        #expect(abs(log(scores[stakeholder].share / scores[administrator].share) - model.learnedWeight * (mean - learned)) < 1e-9)
        let bottom = try #require(scores.compactMap(\.affinity).min())
        #expect(abs(log(scores[evaluator].share / scores[administrator].share) - model.learnedWeight * (bottom - learned)) < 1e-9)
        #expect(scores[stakeholder].share > scores[evaluator].share)
    }

    @Test func howUnlikeItsPageAPartReadsLeavesThePageOutOfItsPersona() throws {
        // r, computed here from the model's tables by the formula, with the page's own counts taken out
        // of its persona's: the method must agree, and taking them out must matter. (For a part whose
        // words the rest of the page never uses, r depends on the rest's length alone; this part shares
        // its words with the rest.)
        let path = "docs/using/restoring-a-deleted-entry.md"
        let snapshot = PlacementTestWorkspace.snapshot([path: PlacementTestWorkspace.restoringEntries])
        let model = PlacementModel.of(snapshot)
        let page = try #require(model.pages[path])
        let counts = try #require(model.rawTermCounts(of: path))
        let endUser = try #require(model.catalog.index(of: "end-user"))
        let partIndex = model.parts(of: path).count - 1  // “How the nightly backups run”
        func expected(leavingOut: Bool) -> Double {
            var inPage: [Int32: Double] = [:]
            for (id, weight) in counts.page { inPage[id, default: 0] += Double(weight) }
            let pageMass = inPage.values.reduce(0, +)
            let part = counts.parts[partIndex]
            let partMass = part.reduce(0) { $0 + Double($1.1) }
            let personaMass = model.personaMass[endUser] - (leavingOut ? pageMass : 0) + 1000
            var total = 0.0
            for (id, x) in part {
                let h = inPage[id]!
                let c = max(0, Double(model.personaCounts[endUser][Int(id)]) - (leavingOut ? h : 0))
                let persona = (c + 1000 * Double(model.wordProbability[Int(id)])) / personaMass
                let rest = (max(0, h - Double(x)) + 10 * persona) / (pageMass - partMass + 10)
                total += Double(x) * (log(persona) - log(rest))
            }
            return total / partMass
        }
        let measured = model.pageRatio(ofPart: partIndex, of: page, placed: [endUser])
        #expect(abs(measured - expected(leavingOut: true)) < 1e-3)
        #expect(abs(measured - expected(leavingOut: false)) > 0.05)
    }

    @Test func aPageIsScoredAgainstTheSectionItSitsIn() throws {
        // Two administrator sections: the Helm guide resembles the search-cluster page of the other one
        // more than the single sign-on page beside it. Judged where it sits, its persona is scored by its
        // own section, not by the best of the persona's sections.
        var configuration = PlacementTestWorkspace.configuration
        configuration.sections.insert(SectionConfiguration(path: "docs/operating", title: "Guides › Operating Search", personas: ["administrator"]), at: 2)
        let snapshot = PlacementTestWorkspace.snapshot(["docs/operating/deploying-the-search-backend.md": PlacementTestWorkspace.searchBackend],
                                                       configuration: configuration)
        let model = PlacementModel.of(snapshot)
        let path = "docs/running/deploying-with-helm.md"
        let page = try #require(model.pages[path])
        let running = try #require(model.sections.sections.firstIndex { $0.path == "docs/running" })
        let operating = try #require(model.sections.sections.firstIndex { $0.path == "docs/operating" })
        let affinities = model.affinities(page.counts, page: page)
        let own = try #require(affinities[running])
        let other = try #require(affinities[operating])
        try #require(own < other)
        let administrator = try #require(model.catalog.index(of: "administrator"))
        let judgedWhereItSits = try #require(model.scores(affinities: affinities, evidence: [], ownSection: running)[administrator].affinity)
        let bestOfThePersona = try #require(model.scores(affinities: affinities, evidence: [], ownSection: nil)[administrator].affinity)
        #expect(judgedWhereItSits < bestOfThePersona)
        #expect(model.assessment(of: path, in: snapshot)?.scores[administrator].affinity == judgedWhereItSits)
    }

    @Test func theSuggestedSectionIsWhereTheClosestPagesAndTheLinksAre() throws {
        // Two administrator sections. The profiles alone tie (equal affinities given); the page's nearest
        // page decides, and where the page's links lead, when only they count.
        var configuration = PlacementTestWorkspace.configuration
        configuration.sections.insert(SectionConfiguration(path: "docs/operating", title: "Guides › Operating Search", personas: ["administrator"]), at: 2)
        let path = "docs/using/deploying-the-search-backend.md"
        let linking = PlacementTestWorkspace.searchBackend + "\nSee [Helm](../running/deploying-with-helm.md) and [sign-on](../running/connecting-single-sign-on.md).\n"
        let snapshot = PlacementTestWorkspace.snapshot([path: linking, "docs/operating/search-cluster.md": PlacementTestWorkspace.searchBackend],
                                                       configuration: configuration)
        let running = try #require(configuration.sections.firstIndex { $0.path == "docs/running" })
        let operating = try #require(configuration.sections.firstIndex { $0.path == "docs/operating" })
        func suggestion(neighbours: Double, links: Double) throws -> Int {
            var parameters = PlacementParameters()
            parameters.suggestionNeighbourWeight = neighbours
            parameters.suggestionLinkWeight = links
            let model = PlacementModel.of(snapshot, parameters: parameters)
            let page = try #require(model.pages[path])
            var affinities = [Double?](repeating: nil, count: model.sections.sections.count)
            affinities[running] = 3
            affinities[operating] = 3
            return model.suggestedSection(among: [running, operating], affinities: affinities, text: page.counts, page: page, path: path, isPart: false)
        }
        // The same text sits in Operating Search (cosine 1 with the page, weighed 10)…
        #expect(try suggestion(neighbours: 10, links: 0) == operating)
        // …and two links lead to Running the Portal (2 · ln 3 = 2.2).
        #expect(try suggestion(neighbours: 0, links: 2) == running)
        #expect(try suggestion(neighbours: 10, links: 2) == operating)
        // Ties go to the section listed first.
        #expect(try suggestion(neighbours: 0, links: 0) == running)
        // In the workspace, the warning names the section of the closest page.
        let diagnostic = try #require(placementDiagnostics(path, in: snapshot).first)
        #expect(diagnostic.data["suggestedSection"] == .string("docs/operating"))
    }

    @Test func relatedInformationTellsSignalsFromWordsTypicalOfTheSection() throws {
        let catalog = PersonaCatalog.builtIn
        let administrator = try #require(catalog.index(of: "administrator"))
        let finding = PlacementFinding(placedPersona: 0, suggestedPersona: administrator, suggestedSection: 1, confidence: 0.8,
                                       labels: ["helm", "replica"], related: [("helm", 10..<14, true), ("replica", 30..<37, false)])
        #expect(PlacementPresentation.related(finding, file: "docs/a.md", catalog: catalog) == [
            RelatedLocation(file: "docs/a.md", range: 10..<14, message: "Administrator signal: helm"),
            RelatedLocation(file: "docs/a.md", range: 30..<37, message: "Word typical of Administrator pages: replica"),
        ])
    }

    @Test func aPartIsNotNamedForAPersonaItReadsLessAsThanTheSections() throws {
        // The Kubernetes part of the end-user page is named while it leads the section's persona; with
        // a lead of 100× required of the part, it is not.
        let path = "docs/using/finding-owners.md"
        let snapshot = PlacementTestWorkspace.snapshot([path: PlacementTestWorkspace.findingOwners])
        let part = try #require(PlacementModel.of(snapshot).assessment(of: path, in: snapshot)?.parts[2])
        let administrator = try #require(PlacementModel.of(snapshot).catalog.index(of: "administrator"))
        let endUser = try #require(PlacementModel.of(snapshot).catalog.index(of: "end-user"))
        #expect(part.finding?.suggestedPersona == administrator)
        let lead = part.scores[administrator].share / part.scores[endUser].share
        #expect(lead > 1)
        var parameters = PlacementParameters()
        parameters.partMinimumLead = lead * 1.01
        #expect(PlacementModel.of(snapshot, parameters: parameters).assessment(of: path, in: snapshot)?.parts[2].finding == nil)
        parameters.partMinimumLead = lead * 0.99
        #expect(PlacementModel.of(snapshot, parameters: parameters).assessment(of: path, in: snapshot)?.parts[2].finding != nil)
    }

    @Test func aPagesLinksCountForThePersonasOfTheSectionsTheyReach() throws {
        // Links to two operator pages (one by its folder's index, one without `.md`, one with an
        // anchor), one builder page, a reference page (a section for everyone), a missing page, the
        // page itself, a URL and a same-page anchor: three links count for Administrator, one for Integrator.
        let path = "docs/using/linking-around.md"
        let text = """
        # Linking around

        Read [the Helm guide](../running/deploying-with-helm.md#values) and [sign-on](../running/connecting-single-sign-on)
        first; the [running guides](../running/) say more, and [modules](/docs/extending/writing-a-backend-module.md)
        go further. See also [the reference](../reference/terms.md), [a page that is gone](gone.md),
        [this page](linking-around.md), [the site](https://example.com/docs/running/) and [the top](#linking-around).

        [ops]: ../running/deploying-with-helm.md
        """
        let snapshot = PlacementTestWorkspace.snapshot([path: text, "docs/running/index.md": "# Running\n\nThe guides for operators.\n",
                                                        "docs/reference/terms.md": "# Terms\n"])
        let model = PlacementModel.of(snapshot)
        let assessment = try #require(model.assessment(of: path, in: snapshot))
        var expected = [Int](repeating: 0, count: model.catalog.personas.count)
        expected[try #require(model.catalog.index(of: "administrator"))] = 4
        expected[try #require(model.catalog.index(of: "integrator"))] = 1
        #expect(assessment.linkCounts == expected)
    }

    @Test func linksToAPageCountForTheSectionsTheyComeFromAndHubsCountLess() throws {
        // Two operator pages link to the builder page; one of them links to four pages, so each of its
        // links weighs 4^−½ in the score, while the assessment counts links.
        let target = "docs/extending/writing-a-backend-module.md"
        let hub = "docs/running/index.md"
        let hubText = "# Running\n\n[a](deploying-with-helm.md), [b](connecting-single-sign-on.md), [c](../extending/writing-a-backend-module.md), [d](../using/finding-a-service.md)\n"
        var helm = try #require(PlacementTestWorkspace.pages["docs/running/deploying-with-helm.md"])
        helm += "\nSee [the module guide](../extending/writing-a-backend-module.md).\n"
        let snapshot = PlacementTestWorkspace.snapshot([hub: hubText, "docs/running/deploying-with-helm.md": helm])
        let model = PlacementModel.of(snapshot)
        let assessment = try #require(model.assessment(of: target, in: snapshot))
        let administrator = try #require(model.catalog.index(of: "administrator"))
        #expect(assessment.inboundLinkCounts[administrator] == 2)
        #expect(assessment.inboundLinkCounts.reduce(0, +) == 2)
        let page = try #require(model.pages[target])
        let evidence = model.linkEvidence(page)
        #expect(abs(evidence.inbound[administrator] - (1 + 1 / 2.0)) < 1e-12)
        // The hub's own links: each target is linked once (helm's link adds one to the module guide).
        let hubEvidence = model.linkEvidence(try #require(model.pages[hub]))
        let integrator = try #require(model.catalog.index(of: "integrator"))
        #expect(abs(hubEvidence.outbound[administrator] - 2) < 1e-12)
        #expect(abs(hubEvidence.outbound[integrator] - 1 / 2.0.squareRoot()) < 1e-12)
    }

    @Test func theTextOfLinkedPagesIsScoredWithoutThemAndThePage() throws {
        // The neighbours' mean unit vector against each profile, with the page and its neighbours
        // taken out of the profiles, computed here from dense vectors.
        let path = "docs/using/linking-out.md"
        let text = "# Linking out\n\nBefore you start, read [Helm](../running/deploying-with-helm.md) and [modules](../extending/writing-a-backend-module.md) and [helm again](../running/deploying-with-helm.md).\n"
        let snapshot = PlacementTestWorkspace.snapshot([path: text])
        let model = PlacementModel.of(snapshot)
        let page = try #require(model.pages[path])
        let neighbours = ["docs/running/deploying-with-helm.md", "docs/extending/writing-a-backend-module.md"]
        let size = model.inverseDocumentFrequencies.count
        func dense(_ counts: TermCounts) -> [Double] {
            var vector = [Double](repeating: 0, count: size)
            for index in counts.ids.indices { vector[Int(counts.ids[index])] += Double(counts.unit[index]) }
            return vector
        }
        func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }
        var mean = [Double](repeating: 0, count: size)
        for neighbour in neighbours { for (index, value) in dense(try #require(model.pages[neighbour]).counts).enumerated() { mean[index] += value } }
        let norm = dot(mean, mean).squareRoot()
        mean = mean.map { $0 / norm }
        let found = try #require(model.neighbourAffinities(page, path: path, ownPageDot: model.ownPageDot(page)))
        var checked = 0
        for (index, section) in model.sections.sections.enumerated() where section.isChecked {
            var profile = [Double](repeating: 0, count: size)
            var members = 0
            for (other, entry) in model.pages where entry.section == index && entry.isInSectionProfile && other != path && !neighbours.contains(other) {
                for (position, value) in dense(entry.counts).enumerated() { profile[position] += value }
                members += 1
            }
            guard members > 0 else { #expect(found[index] == nil); continue }
            let expected = model.parameters.temperature * max(0, dot(mean, profile)) / dot(profile, profile).squareRoot()
            #expect(abs((found[index] ?? -1) - expected) < 1e-3, "\(section.path)")
            checked += 1
        }
        #expect(checked == 5)
        // Mixed into the page's affinities a quarter to three quarters.
        let own = model.affinities(page.counts, page: page)
        let mixed = model.pageAffinities(page, path: path, own: own, ownPageDot: model.ownPageDot(page))
        let running = try #require(model.sections.sections.firstIndex { $0.path == "docs/running" })
        #expect(abs((mixed[running] ?? 0) - (0.75 * (own[running] ?? 0) + 0.25 * (found[running] ?? 0))) < 1e-9)
    }

    @Test func linksShiftAPersonasLogScoreByTheirSmoothedShare() throws {
        // With n_p of n links reaching persona p's sections, p's log-score moves by
        // linkWeight · ln((n_p + prior) / (n + P·prior)): 3 links of 3 to Administrator raise its log-odds
        // against any other persona by 0.5 · ln(4 / 1).
        let snapshot = PlacementTestWorkspace.snapshot()
        let model = PlacementModel.of(snapshot)
        let page = try #require(model.pages["docs/using/finding-a-service.md"])
        let affinities = model.affinities(page.counts, page: page)
        let administrator = try #require(model.catalog.index(of: "administrator"))
        let endUser = try #require(model.catalog.index(of: "end-user"))
        var outbound = [Double](repeating: 0, count: model.catalog.personas.count)
        outbound[administrator] = 3
        let without = model.scores(affinities: affinities, evidence: [])
        let with = model.scores(affinities: affinities, evidence: [], links: .init(outbound: outbound))
        let before = log(without[administrator].share / without[endUser].share)
        let after = log(with[administrator].share / with[endUser].share)
        #expect(abs((after - before) - 0.5 * log(4.0)) < 1e-9)
        // Links from other pages weigh half as much, with a prior of 2: 0.25 · ln((3 + 2) / 2).
        let inbound = model.scores(affinities: affinities, evidence: [], links: .init(inbound: outbound))
        #expect(abs((log(inbound[administrator].share / inbound[endUser].share) - before) - 0.25 * log(2.5)) < 1e-9)
        #expect(model.parameters.linkWeight == 0.5 && model.parameters.linkPrior == 1)
        #expect(model.parameters.inboundLinkWeight == 0.25 && model.parameters.inboundLinkPrior == 2)
    }

    @Test func foreignPartOfAnEndUserPage() throws {
        let path = "docs/using/finding-owners.md"
        let text = PlacementTestWorkspace.findingOwners
        let snapshot = PlacementTestWorkspace.snapshot([path: text])
        let diagnostics = placementDiagnostics(path, in: snapshot)
        try #require(diagnostics.count == 1)
        let diagnostic = diagnostics[0]
        #expect(diagnostic.code == "misplaced-section")
        #expect(diagnostic.severity == .warning)
        #expect(diagnostic.range == range(of: "Running the ownership sync on Kubernetes", in: text))
        #expect(diagnostic.message == "This part reads as Administrator documentation (kubectl, kubernetes, credentials) but the page sits in Guides › Using the Portal (End User). Suggested section: Guides › Running the Portal.")
        #expect(diagnostic.data["heading"] == .string("Running the ownership sync on Kubernetes"))
        #expect(diagnostic.data["placedPersona"] == .string("end-user"))
        #expect(diagnostic.data["suggestedPersona"] == .string("administrator"))
        #expect(diagnostic.data["suggestedSection"] == .string("docs/running"))
        #expect(diagnostic.related.first?.message == "Administrator signal: kubectl")
    }

    @Test func pastedOperatorPartsAreNamedRatherThanTheGuideTheyWerePastedInto() throws {
        // A user guide with two operator parts pasted at its end reads as Administrator as a whole
        // (48 % against End User's 30 %); its own parts still read as End User and hold most of its
        // prose, so the pasted parts are named and the guide is not sent to the operators' section.
        // The page rule is loosened so that this small workspace flags the mixed page as a whole, as a
        // workspace of hundreds of pages did (learned profiles sharpen the shares there).
        var parameters = PlacementParameters()
        parameters.minimumRatio = 1.5
        parameters.maximumPlacedShare = 0.35
        let path = "docs/using/signing-in.md"
        let text = PlacementTestWorkspace.signingInWithPastedParts
        let snapshot = PlacementTestWorkspace.snapshot([path: text])
        let rules: [any Rule] = [MisplacedDocumentRule(parameters: parameters), MisplacedSectionRule(parameters: parameters)]
        let diagnostics = rules.flatMap { $0.check(path, in: snapshot, cache: AnalysisCache()) }
        #expect(diagnostics.map(\.code) == ["misplaced-section", "misplaced-section"])
        #expect(diagnostics.map(\.range) == [range(of: "Creating the session database", in: text), range(of: "Rotating the signing keys", in: text)])
        #expect(diagnostics.allSatisfy { $0.data["suggestedPersona"] == .string("administrator") && $0.data["suggestedSection"] == .string("docs/running") })
        let model = PlacementModel.of(snapshot, parameters: parameters)
        let assessment = try #require(model.assessment(of: path, in: snapshot))
        #expect(assessment.ranking.first?.persona == model.catalog.index(of: "administrator"))
        #expect(PlacementVerdict.verdict(assessment, model: model) == "fits its section, except 2 `##` parts that read as Administrator (misplaced-section)")
        #expect(PlacementVerdict.whyNoWarning(assessment, model: model)
                == "Administrator leads because of 2 `##` parts written for it; parts that read as End User hold most of the page, so those parts are flagged rather than the page.")
        // Without the rule, the whole guide is flagged and its parts are not.
        var wholePage = parameters
        wholePage.ownPartsShare = 0
        let before = PlacementModel.of(snapshot, parameters: wholePage).assessment(of: path, in: snapshot)
        #expect(before?.finding?.suggestedPersona == model.catalog.index(of: "administrator"))
        #expect(before?.parts.allSatisfy { $0.finding == nil } == true)
        // A page that is foreign all through is still flagged as a whole.
        let moved = "docs/using/deploying-the-search-backend.md"
        let whole = PlacementTestWorkspace.snapshot([moved: PlacementTestWorkspace.searchBackend])
        #expect(MisplacedDocumentRule(parameters: parameters).check(moved, in: whole, cache: AnalysisCache()).map(\.code) == ["misplaced-document"])
    }

    @Test func aPartAboutThePagesOwnSubjectStaysWithItsPage() {
        // The operator's part names the same backup job, bucket and schedule as the rest of the page: it
        // belongs to the page even though it reads as another persona's.
        let path = "docs/using/restoring-a-deleted-entry.md"
        let snapshot = PlacementTestWorkspace.snapshot([path: PlacementTestWorkspace.restoringEntries])
        #expect(placementDiagnostics(path, in: snapshot).filter { $0.code == "misplaced-section" }.isEmpty)
    }

    @Test func aPartThatSharesNothingWithItsPageIsNamed() throws {
        let path = "docs/extending/writing-a-scaffolder-action.md"
        let text = PlacementTestWorkspace.scaffolderAction
        let snapshot = PlacementTestWorkspace.snapshot([path: text])
        let diagnostics = placementDiagnostics(path, in: snapshot)
        try #require(diagnostics.count == 1)
        let diagnostic = diagnostics[0]
        #expect(diagnostic.code == "misplaced-section")
        #expect(diagnostic.range == range(of: "Telling leadership what the portal saved", in: text))
        #expect(diagnostic.message == "This part reads as Business Stakeholder documentation (leadership, case study, return on investment) but the page sits in Guides › Extending the Portal (Integrator). Suggested section: Guides › Adoption.")
        #expect(diagnostic.data["placedPersona"] == .string("integrator"))
        #expect(diagnostic.data["suggestedPersona"] == .string("business-stakeholder"))
        #expect(diagnostic.data["suggestedSection"] == .string("docs/adoption"))
    }

    @Test func aPartIsWeighedByHowUnlikeItsPageItReads() throws {
        // The Kubernetes part's words are explained far better by the end-user section's other pages than
        // by the rest of its own page (r well above 0); the parts of a page about one subject (the
        // backup job) are explained better by the rest of their page (r below 0).
        let owners = "docs/using/finding-owners.md"
        let restoring = "docs/using/restoring-a-deleted-entry.md"
        let snapshot = PlacementTestWorkspace.snapshot([owners: PlacementTestWorkspace.findingOwners, restoring: PlacementTestWorkspace.restoringEntries])
        let model = PlacementModel.of(snapshot)
        let parts = try #require(model.assessment(of: owners, in: snapshot)?.parts)
        try #require(parts.count == 3)
        let foreign = parts[2]
        #expect(foreign.finding?.suggestedPersona == model.catalog.index(of: "administrator"))
        #expect(foreign.pageRatio > 1)
        let measured = try #require(model.assessment(of: restoring, in: snapshot)?.parts.filter { $0.wordCount >= 40 })
        #expect(measured.count == 2)
        #expect(measured.allSatisfy { $0.pageRatio < 0 && $0.finding == nil })
        // Raising the bar of the one log-odds silences the part.
        var strict = PlacementParameters()
        strict.partThreshold = 40
        #expect(PlacementModel.of(snapshot, parameters: strict).assessment(of: owners, in: snapshot)?.parts[2].finding == nil)
    }

    @Test func frontMatterPersonaOfAnotherSectionIsAnError() throws {
        let path = "docs/using/deploying-the-search-backend.md"
        let text = "---\ntitle: Deploying the search backend\npersona: Operator\n---\n\n" + PlacementTestWorkspace.searchBackend
        let snapshot = PlacementTestWorkspace.snapshot([path: text])
        let diagnostics = placementDiagnostics(path, in: snapshot)
        // The declaration settles what the page is for: one error, no content warning on top.
        try #require(diagnostics.count == 1)
        #expect(diagnostics[0].code == "persona-mismatch")
        #expect(diagnostics[0].severity == .error)
        #expect(diagnostics[0].range == range(of: "Operator", in: text))
        #expect(diagnostics[0].message == "Declares persona Administrator but sits in Guides › Using the Portal (End User). Suggested section: Guides › Running the Portal.")
        #expect(diagnostics[0].data == ["declaredPersona": .string("administrator"), "sectionPersonas": .array([.string("end-user")]),
                                        "section": .string("docs/using"), "suggestedSection": .string("docs/running")])
    }

    @Test func frontMatterPersonaOfTheSectionConfirmsThePage() {
        // The author says this page is for end users: the classifier does not argue.
        let path = "docs/using/deploying-the-search-backend.md"
        let text = "---\naudience: [end user]\n---\n\n" + PlacementTestWorkspace.searchBackend
        let snapshot = PlacementTestWorkspace.snapshot([path: text])
        #expect(placementDiagnostics(path, in: snapshot).isEmpty)
    }

    @Test func unknownFrontMatterPersona() {
        let path = "docs/using/finding-a-service.md"
        let text = "---\npersona: astronaut\n---\n\n" + PlacementTestWorkspace.pages[path]!
        let snapshot = PlacementTestWorkspace.snapshot([path: text])
        let diagnostics = placementDiagnostics(path, in: snapshot)
        #expect(diagnostics.map(\.code) == ["persona-mismatch"])
        #expect(diagnostics.first?.severity == .error)
        #expect(diagnostics.first?.message == "Unknown persona “astronaut”; known personas: end-user (User), administrator (Operator, Admin), integrator (Builder, Plugin Developer), contributor (Maintainer), business-stakeholder (Product Manager, Business, Stakeholder), evaluator.")
        #expect(diagnostics.first?.range == range(of: "astronaut", in: text))
    }

    @Test func anUnknownPersonaInAListIsFlaggedWhereItIsWritten() {
        let path = "docs/using/finding-a-service.md"
        for text in ["---\npersona:\n  - end-user\n  - wizard\n---\n\n", "---\npersona: end-user, wizard\n---\n\n", "+++\npersona = ['end-user', 'wizard']\n+++\n\n",
                     "{\n  \"persona\": [\"end-user\", \"wizard\"]\n}\n\n"] {
            let page = text + PlacementTestWorkspace.pages[path]!
            let diagnostics = placementDiagnostics(path, in: PlacementTestWorkspace.snapshot([path: page]))
            #expect(diagnostics.map(\.code) == ["persona-mismatch"])
            #expect(diagnostics.first?.message.hasPrefix("Unknown persona “wizard”") == true)
            #expect(diagnostics.first?.range == range(of: "wizard", in: page), "\(text)")
        }
    }

    /// A known name next to an unknown one still counts: its mismatch is reported too, and the
    /// suggestion comes from the first declared persona that has a section.
    @Test func anUnknownNameDoesNotHideTheMismatchOfAKnownOne() throws {
        let path = "docs/using/finding-a-service.md"
        let page = "---\npersona: [wizard, Operator]\n---\n\n" + PlacementTestWorkspace.pages[path]!
        let diagnostics = placementDiagnostics(path, in: PlacementTestWorkspace.snapshot([path: page]))
        #expect(diagnostics.map(\.code) == ["persona-mismatch", "persona-mismatch"])
        #expect(diagnostics.map { String($0.message.prefix(34)) } == ["Declares persona Administrator but", "Unknown persona “wizard”; known pe"])
        #expect(diagnostics.map(\.range) == [range(of: "[wizard, Operator]", in: page), range(of: "wizard", in: page)])
        let evaluatorFirst = "---\npersona: [evaluator, administrator]\n---\n\n" + PlacementTestWorkspace.pages[path]!
        let mismatch = try #require(placementDiagnostics(path, in: PlacementTestWorkspace.snapshot([path: evaluatorFirst])).first)
        #expect(mismatch.message == "Declares personas Evaluator and Administrator but sits in Guides › Using the Portal (End User). Suggested section: Guides › Running the Portal.")
        #expect(mismatch.data["suggestedSection"] == .string("docs/running"))
        #expect(mismatch.data["declaredPersona"] == .string("evaluator"))
    }

    /// "any" is for sections: a page that declares it is told so, not silently ignored.
    @Test func anyInFrontMatterIsAnError() {
        let path = "docs/using/finding-a-service.md"
        let page = "---\npersona: any\n---\n\n" + PlacementTestWorkspace.pages[path]!
        let diagnostics = placementDiagnostics(path, in: PlacementTestWorkspace.snapshot([path: page]))
        #expect(diagnostics.map(\.code) == ["persona-mismatch"])
        #expect(diagnostics.first?.severity == .error)
        #expect(diagnostics.first?.message.hasPrefix("“any” names no persona: a page declares the personas it is written for (“any” is for a section in docent.json); known personas: end-user (User)") == true)
        #expect(diagnostics.first?.range == range(of: "any", in: page))
    }

    @Test func unknownAudienceIsInformationAndIgnored() {
        // `audience:` is free text on many sites: an unknown name is information, and a known one still counts.
        let path = "docs/using/finding-a-service.md"
        let text = "---\naudience: Developers\n---\n\n" + PlacementTestWorkspace.pages[path]!
        let snapshot = PlacementTestWorkspace.snapshot([path: text])
        let diagnostics = placementDiagnostics(path, in: snapshot)
        #expect(diagnostics.map(\.code) == ["persona-mismatch"])
        #expect(diagnostics.first?.severity == .information)
        #expect(diagnostics.first?.message == "“Developers” under audience: names no persona, so placement ignores it; known personas: end-user (User), administrator (Operator, Admin), integrator (Builder, Plugin Developer), contributor (Maintainer), business-stakeholder (Product Manager, Business, Stakeholder), evaluator.")
        #expect(diagnostics.first?.range == range(of: "Developers", in: text))
        let mixed = "---\naudience: [Developers, operator]\n---\n\n" + PlacementTestWorkspace.pages[path]!
        let both = placementDiagnostics(path, in: PlacementTestWorkspace.snapshot([path: mixed]))
        // The mismatch points at the declaration, the unknown name at itself in the list.
        #expect(both.map(\.severity) == [.error, .information])
        #expect(both.first?.message == "Declares persona Administrator but sits in Guides › Using the Portal (End User). Suggested section: Guides › Running the Portal.")
        #expect(both.first?.range == range(of: "[Developers, operator]", in: mixed))
        #expect(both.last?.range == range(of: "Developers", in: mixed))
    }

    @Test func configuredTitlesAndAliasesAreListedAsKnown() {
        let catalog = PersonaCatalog(configuration: [PersonaConfiguration(id: "administrator", title: "Operator", aliases: ["SRE"])])
        #expect(PersonaMismatchRule.knownPersonas(catalog).hasPrefix("end-user (User), administrator (Operator, Admin, SRE), integrator"))
    }

    @Test func pageOutsideEverySection() throws {
        let path = "docs/unsorted/deploying-the-search-backend.md"
        let text = PlacementTestWorkspace.searchBackend
        let snapshot = PlacementTestWorkspace.snapshot([path: text, "docs/unsorted/notes.md": "# Notes\n\nA few words.\n"])
        let diagnostics = placementDiagnostics(path, in: snapshot)
        try #require(diagnostics.count == 1)
        #expect(diagnostics[0].code == "unplaced-document")
        #expect(diagnostics[0].severity == .information)
        #expect(diagnostics[0].range == range(of: "Deploying the search backend", in: text))
        #expect(diagnostics[0].message == "Not in any configured section. Reads as Administrator documentation (app-config.yaml, helm, deploy); suggested section: Guides › Running the Portal.")
        #expect(diagnostics[0].data["suggestedSection"] == .string("docs/running"))
        #expect(diagnostics[0].data["suggestedPersona"] == .string("administrator"))
        let notes = placementDiagnostics("docs/unsorted/notes.md", in: snapshot)
        #expect(notes.map(\.message) == ["Not in any configured section."])
        #expect(notes.first?.range == range(of: "Notes", in: "# Notes\n\nA few words.\n"))
        #expect(notes.first?.data == ["suggestedPersona": .null, "suggestedSection": .null, "confidence": .null])
    }

    @Test func withoutConfiguredSectionsNothingIsUnplacedAndFoldersAreInferred() {
        let snapshot = WorkspaceSnapshot(configuration: Configuration(), documents: [
            WorkspaceDocument(path: "notes/deploying.md", text: SourceText(PlacementTestWorkspace.searchBackend)),
            WorkspaceDocument(path: "user-guides/finding-a-service.md", text: SourceText(PlacementTestWorkspace.pages["docs/using/finding-a-service.md"]!)),
            WorkspaceDocument(path: "user-guides/starring.md", text: SourceText(PlacementTestWorkspace.pages["docs/using/starring-favourites.md"]!)),
            WorkspaceDocument(path: "user-guides/deploying-the-search-backend.md", text: SourceText(PlacementTestWorkspace.searchBackend)),
            WorkspaceDocument(path: "operator-guides/helm.md", text: SourceText(PlacementTestWorkspace.pages["docs/running/deploying-with-helm.md"]!)),
        ])
        #expect(placementDiagnostics("notes/deploying.md", in: snapshot).isEmpty)
        let model = PlacementModel.of(snapshot)
        #expect(model.sections.sections.map(\.path) == ["operator-guides", "user-guides"])
        let diagnostics = placementDiagnostics("user-guides/deploying-the-search-backend.md", in: snapshot)
        #expect(diagnostics.map(\.code) == ["misplaced-document"])
        #expect(diagnostics.first?.data["suggestedSection"] == .string("operator-guides"))
    }

    @Test func rulesCanBeTurnedOff() {
        var configuration = PlacementTestWorkspace.configuration
        configuration.rules = ["misplaced-document": .off]
        let path = "docs/using/deploying-the-search-backend.md"
        let snapshot = PlacementTestWorkspace.snapshot([path: PlacementTestWorkspace.searchBackend], configuration: configuration)
        #expect(placementDiagnostics(path, in: snapshot).isEmpty)
    }
}
@testable import DocentCore

/// A small docs workspace for the placement tests: two pages in each persona section (the smallest
/// profile the classifier has to learn from), a reference section for everyone, and pages the tests
/// place, mark and change.
enum PlacementTestWorkspace {
    static let configuration = Configuration(sections: [
        SectionConfiguration(path: "docs/using", title: "Guides › Using the Portal", personas: ["end-user"]),
        SectionConfiguration(path: "docs/running", title: "Guides › Running the Portal", personas: ["Operator"]),
        SectionConfiguration(path: "docs/extending", title: "Guides › Extending the Portal", personas: ["builder"]),
        SectionConfiguration(path: "docs/contributing", title: "Guides › Contributing", personas: ["contributor"]),
        SectionConfiguration(path: "docs/adoption", title: "Guides › Adoption", personas: ["Product Manager"]),
        SectionConfiguration(path: "docs/reference", title: "Reference", personas: ["any"]),
    ])

    static let pages: [String: String] = [
        "docs/using/finding-a-service.md": """
        # Finding a service

        When you need to know who runs a service, the portal has the answer. Open the Catalog page from
        the sidebar and type part of the name into the search box at the top of the list.

        ## Open the service

        Click the name of the service to open its overview. The About card shows the owning team, the
        lifecycle, and links to the repository and the dashboards. Select the Docs tab to read what the
        team wrote about it, or the API tab to see the interfaces it offers to other teams.

        ## Ask the owners

        Click the team name to see its members and its chat channel. Use the channel for questions and
        the on-call button only when something is broken right now.

        """,
        "docs/using/starring-favourites.md": """
        # Starring your favourite components

        Most people come back to the same few services every day. Stars keep them one click away.

        ## Add a star

        Open the page of the component you want to keep and click the star icon next to its name. The
        icon turns yellow. Starred components appear at the top of your home page and in the Starred
        filter of the catalog list.

        ## Remove a star

        Click the yellow star icon again, or open your profile menu in the sidebar, select Starred, and
        click the star next to the entry you no longer need. Nothing else changes for your teammates.

        """,
        "docs/running/deploying-with-helm.md": """
        # Deploying with Helm

        Production installations run on Kubernetes. The chart installs the backend, a PostgreSQL database
        and an ingress in one namespace, which keeps upgrades and rollbacks predictable for operators.

        ## Install the chart

        ```bash
        helm repo add portal https://charts.example.com
        kubectl create namespace portal
        helm install portal portal/portal --namespace portal --values values.yaml
        ```

        ## Configure the database

        Store the database password in a Kubernetes secret and reference it from `app-config.yaml` with an
        environment variable:

        ```yaml
        backend:
          database:
            client: pg
            connection:
              host: ${POSTGRES_HOST}
              password: ${POSTGRES_PASSWORD}
        ```

        Restart the deployment after every configuration change with `kubectl rollout restart`.

        """,
        "docs/running/connecting-single-sign-on.md": """
        # Connecting single sign-on

        Every installation needs an identity provider before people can sign in. This guide configures
        the OAuth client credentials, the callback URL and the resolver that maps accounts to users.

        ## Register the client

        Create an OAuth application in your identity provider and note the client ID and the client
        secret. Keep both in the secret store of your cluster, never in the repository.

        ## Configure the provider

        ```yaml
        auth:
          environment: production
          providers:
            oidc:
              production:
                clientId: ${OIDC_CLIENT_ID}
                clientSecret: ${OIDC_CLIENT_SECRET}
        ```

        Deploy the new configuration and watch the backend logs for certificate or TLS errors while the
        first users sign in.

        """,
        "docs/extending/writing-a-backend-module.md": """
        # Writing a backend module

        Backend modules add behaviour to an existing plugin through its extension points. This guide
        builds a module in TypeScript that registers an extra processor with the catalog plugin.

        ## Create the module

        ```ts
        import { createBackendModule, coreServices } from '@portal/backend-plugin-api';

        export const catalogModuleAudit = createBackendModule({
          pluginId: 'catalog',
          moduleId: 'audit',
          register(env) {
            env.registerInit({
              deps: { logger: coreServices.logger },
              async init({ logger }) {
                logger.info('audit module ready');
              },
            });
          },
        });
        ```

        ## Test it

        Write a unit test with Jest and mock the services your module depends on, so the test runs
        without a database.

        """,
        "docs/extending/adding-a-card-component.md": """
        # Adding a card component

        Entity pages are built from React components. This guide writes a card that shows the last
        deployment of a service and adds it to the overview tab through the plugin API.

        ## Write the component

        ```tsx
        import { useApi } from '@portal/core-plugin-api';

        export const DeploymentCard = (props: { entityRef: string }) => {
          const api = useApi(deploymentsApiRef);
          const [latest, setLatest] = useState<Deployment>();
          useEffect(() => { api.latest(props.entityRef).then(setLatest); }, [api, props.entityRef]);
          return <InfoCard title="Last deployment">{latest?.version}</InfoCard>;
        };
        ```

        ## Export it from the plugin

        Export the component from the package so that apps can import it, and describe its props in the
        interface documentation of the plugin.

        """,
        "docs/contributing/opening-a-pull-request.md": """
        # Opening a pull request

        Contributions to the upstream project arrive as pull requests against the monorepo. Maintainers
        review them in the order they arrive.

        ## Before you open it

        Fork the repository, create a branch for your change, and rebase it on the main branch so that
        the history stays linear. Sign off every commit to agree to the DCO.

        ## During code review

        A reviewer may ask for changes. Push new commits to the same branch rather than opening a second
        pull request, and reply to each comment so the maintainers know what changed. Once two
        maintainers approve, the pull request is merged.

        """,
        "docs/contributing/writing-a-changeset.md": """
        # Writing a changeset

        Every change to a published package needs a changeset, which becomes an entry in the release
        notes. Contributors add it in the same pull request as the code.

        ## Add the changeset

        ```bash
        yarn changeset
        git add .changeset
        git commit -s -m "Add changeset"
        ```

        Pick the packages you changed and the kind of version bump. Describe the change for the people
        who read the release notes, not for the reviewer of your pull request.

        """,
        "docs/adoption/measuring-adoption.md": """
        # Measuring adoption

        Leadership wants to know whether the investment in the portal pays off. Measure a few things
        consistently instead of everything once.

        ## Choose the metrics

        Track weekly active users, the share of services with an owner, and the time it takes a new
        engineer to ship a first change. Report them every quarter to your stakeholders.

        ## Tell the story

        Numbers alone rarely convince an executive. Pair each metric with a short case study from a team
        whose productivity improved, and state the cost of the platform team next to the savings.

        """,
        "docs/adoption/pitching-to-leadership.md": """
        # Pitching the portal to leadership

        A portal succeeds when the business sees it as a strategic investment rather than a side project
        of the platform team.

        ## Start with the problem

        Describe the cost of fragmentation: onboarding that takes weeks, duplicated services and
        incidents nobody owns. Use numbers from your own organization.

        ## Propose a rollout

        Suggest a pilot with two teams for one quarter, with agreed success metrics and a champion in
        each team. Ask for a budget for the platform team and a sponsor among the executives.

        """,
        "docs/reference/configuration-keys.md": """
        # Configuration keys

        Every key of `app-config.yaml`, with its type and default. Operators deploy with these keys, and
        plugin builders read them through the config API.

        | Key | Type | Default |
        | --- | --- | --- |
        | `backend.database.client` | string | `better-sqlite3` |
        | `auth.environment` | string | `development` |

        """,
    ]

    /// The workspace, with `extra` pages added (or replacing pages of the same path).
    static func snapshot(_ extra: [String: String] = [:], configuration: Configuration = configuration) -> WorkspaceSnapshot {
        let all = pages.merging(extra) { $1 }
        return WorkspaceSnapshot(configuration: configuration, documents: all.map { WorkspaceDocument(path: $0.key, text: SourceText($0.value)) })
    }

    /// An administrator's page: deploying the search cluster.
    static let searchBackend = """
    # Deploying the search backend

    The in-memory search engine loses its index on every restart. In production, deploy a dedicated
    search cluster on Kubernetes and point the backend at it.

    ## Install the cluster

    ```bash
    helm repo add opensearch https://opensearch-project.github.io/helm-charts
    kubectl create namespace search
    helm install search opensearch/opensearch --namespace search --set replicas=3
    ```

    ## Configure the backend

    Add the cluster to `app-config.yaml` and keep the password in an environment variable:

    ```yaml
    search:
      opensearch:
        nodes: [https://search.search.svc.cluster.local:9200]
        password: ${SEARCH_PASSWORD}
    ```

    Restart the backend deployment and check its logs for connection errors.

    """

    /// A user guide (three parts for end users) with two operators' parts pasted at its end.
    static let signingInWithPastedParts = """
    # Signing in to the portal

    The portal uses your company account, so there is no separate password to remember.

    ## Open the sign-in page

    Open the portal address in your browser. The sign-in page shows one button for each way to sign
    in that your company allows. Click the button with your company's name and enter your usual email
    address and password in the window that appears.

    ## Check that it worked

    After a few seconds the home page appears with your name and picture in the top corner of the
    sidebar. Click your picture to open your profile page and check that it lists the teams you
    belong to. If a team is missing, ask the person who owns that team to add you.

    ## When the button does nothing

    Pop-up blockers can hide the sign-in window. Allow pop-ups for the portal in your browser
    settings, reload the page and click the button again. If you still see the sign-in page after
    that, sign out of your company account in another tab and try once more.

    ## Creating the session database

    Sessions are kept in PostgreSQL. In production, install the Postgres Helm chart on the Kubernetes
    cluster, create a database user, store its connection string as a Kubernetes secret in an
    environment variable, and configure the backend in app-config.yaml:

    ```yaml
    backend:
      database:
        client: pg
        connection: ${SESSION_DATABASE_URL}
    ```

    Restart the backend deployment, check the pod logs for connection errors, and back up the database
    before upgrading.

    ## Rotating the signing keys

    The backend signs session tokens with a key kept in a Kubernetes secret. Rotate it every quarter
    in production: create the new secret with kubectl, roll out the deployment, watch the replicas
    with your monitoring, and delete the old secret once every pod runs the new version.

    ```bash
    kubectl create secret generic session-keys --from-file=key.pem --namespace portal
    kubectl rollout restart deployment/portal-backend --namespace portal
    ```

    """

    /// An end user's page whose last part is for operators but about the same backups.
    static let restoringEntries = """
    # Restoring a deleted catalog entry

    Deleted an entry by mistake? The portal keeps nightly backups of the catalog, so the entry can come
    back. Open the Catalog page, click the Trash filter in the sidebar and find the entry by its name.

    ## Restore it yourself

    Click the entry in the Trash list, then click the Restore button at the top of its card. The entry
    returns to the catalog with its owner, tags and links. Entries stay in the Trash for thirty days.

    ## Older entries

    Entries deleted more than thirty days ago are only in the nightly backups. Ask the portal team in
    the support channel and give them the entry name and the day it was deleted.

    ## How the nightly backups run

    The nightly backup job copies the catalog tables to the backup bucket at two in the morning. The
    portal team restores an entry deleted more than thirty days ago from the bucket by its name and
    the day it was deleted, then the entry returns to the catalog with its owner, tags and links.
    Deleted entries stay in the bucket for a year; the Trash list only shows the last thirty days.

    """

    /// A builder's page with a part for business stakeholders that has nothing to do with the rest.
    static let scaffolderAction = """
    # Writing a custom scaffolder action

    A template step can call your own code. Write the action as a TypeScript function, register it in
    a backend module, and reference its id from the template.

    ```ts
    import { createTemplateAction } from '@harbor/plugin-scaffolder-node';

    export const createTicketAction = createTemplateAction({
      id: 'tickets:create',
      async handler(ctx) {
        const id = await ctx.input.client.createTicket(ctx.input.title);
        ctx.output('ticketId', id);
      },
    });
    ```

    ## Registering the action

    Add the action to the scaffolder's extension point from a backend module, so the backend picks it
    up at startup. Unit test the handler with a mock context before you wire it in.

    ```ts
    export default createBackendModule({
      pluginId: 'scaffolder',
      moduleId: 'tickets',
      register(reg) {
        reg.registerInit({
          deps: { scaffolder: scaffolderActionsExtensionPoint },
          async init({ scaffolder }) { scaffolder.addActions(createTicketAction); },
        });
      },
    });
    ```

    ## Telling leadership what the portal saved

    Quarterly reviews go better with numbers. Count the hours teams no longer spend waiting for
    tickets, estimate the cost of that time, and put it next to the budget of the portal team. A short
    case study from one team that adopted templates early makes the return on investment concrete for
    executives, and a survey of developer satisfaction shows the change in how work feels.

    """

    /// An end user's page with an administrator's part.
    static let findingOwners = """
    # Finding who owns a service

    When something breaks, the first thing you need is the team that owns the service. Open the
    Catalog page from the sidebar and type the service name into the search box.

    ## Look up the owner

    Click the name of the service to open its page. The About card shows the owner. Click the team
    name to see its members, its chat channel and who is on call right now.

    ## When the owner looks wrong

    Click the pencil icon on the About card to suggest a different owner. The page updates a few
    minutes after the change is accepted.

    ## Running the ownership sync on Kubernetes

    The ownership data comes from a nightly job. Operators deploy it as a CronJob in the cluster and
    keep its credentials in a Kubernetes secret:

    ```yaml
    apiVersion: batch/v1
    kind: CronJob
    metadata:
      name: ownership-sync
      namespace: portal
    spec:
      schedule: "15 2 * * *"
      jobTemplate:
        spec:
          template:
            spec:
              containers:
                - name: sync
                  image: registry.example.com/ownership-sync:1.8.2
                  env:
                    - name: DIRECTORY_TOKEN
                      valueFrom:
                        secretKeyRef: { name: directory, key: token }
    ```

    Trigger a run by hand with `kubectl create job --from=cronjob/ownership-sync sync-now` and follow
    its logs with `kubectl logs -f`.

    """
}

/// A page flagged on its likeness to another persona's pages rather than on strong signals: the
/// message names the page it reads most like (review: "form, filter, envelope" were named where the
/// likeness to one catalog page decided).
@Suite struct LikenessMessageTests {
    @Test func aVerdictFromLikenessNamesThePageItReadsMostLike() throws {
        let catalogPage = "# Catalog page\n\nThe zorblat descriptor lists each quenfrax with its vantrel, its plimsoll and its tessaract. A zorblat holds many quenfrax records; each vantrel names a plimsoll owner and the tessaract keeps the history of the zorblat.\n\nOpen the zorblat view to see every quenfrax and vantrel.\n"
        let decision = "# Decision\n\nOpen a pull request against the monorepo, add a changeset, and ask for code review from the maintainers before merging. Run the tests and the linter in CI, and sign off your commits.\n"
        var documents: [String: String] = ["docs/decisions/dec4.md": "# Decision 4: the zorblat format\n\nWe keep the zorblat descriptor: each quenfrax lists its vantrel, its plimsoll and its tessaract. The zorblat holds the quenfrax records, each vantrel names a plimsoll owner, and the tessaract keeps the zorblat history. A quenfrax without a vantrel has no plimsoll, and its tessaract stays empty until the zorblat is read again.\n"]
        for index in 1...3 {
            documents["docs/catalog/page\(index).md"] = catalogPage.replacingOccurrences(of: "Catalog page", with: "Catalog page \(index)")
            documents["docs/decisions/dec\(index).md"] = decision.replacingOccurrences(of: "# Decision", with: "# Decision \(index)")
        }
        let configuration = Configuration(sections: [SectionConfiguration(path: "docs/catalog", title: "Catalog", personas: ["end-user"]),
                                                     SectionConfiguration(path: "docs/decisions", title: "Decisions", personas: ["contributor"])])
        let snapshot = WorkspaceSnapshot(configuration: configuration, documents: documents.map { WorkspaceDocument(path: $0.key, text: SourceText($0.value)) })
        let found = MisplacedDocumentRule().check("docs/decisions/dec4.md", in: snapshot, cache: AnalysisCache())
        #expect(found.map(\.message) == ["Reads as End User documentation (zorblat, vantrel, quenfrax), most like docs/catalog/page1.md, but sits in Decisions (Contributor). Suggested section: Catalog."])
    }
}
