import Testing
@testable import DocentCore

/// The compact features hold exactly what the extractor's hash tables held.
@Suite struct PlacementFeaturesTests {
    static let page = """
    ---
    title: Deploying the portal
    ---
    # Deploying the portal

    Install the Helm chart, then click **Register** in the catalog. Deploying deploys the deployment.

    ## Configure

    Set `GITHUB_TOKEN` in `app-config.yaml` and run `kubectl apply`.

    ```yaml
    auth:
      clientSecret: ${GITHUB_CLIENT_SECRET}
    ```

    # Back to the preamble

    More words about the catalog and the portal.

    ## Plugins

    Create a plugin with `yarn new` and export a React component.

    ```tsx
    <EntityPage />
    ```

    """

    @Test(arguments: [page, "# One part\n\nOnly a preamble with some words and words.\n", ""])
    func compactFeaturesMatchTheExtractorsTables(_ text: String) {
        let document = WorkspaceDocument(path: "page.md", text: SourceText(text))
        let table = SignalTable(catalog: .builtIn)
        let raw = FeatureExtractor.extractRaw(document.text, markdown: document.markdown, signals: table, glossaryUses: [], glossaryWeight: 0)
        let features = FeatureExtractor.extract(document.text, markdown: document.markdown, signals: table)
        // The page's terms in the order of the summed table, which numbers the vocabulary.
        let summed = PageFeatures.sum(raw.parts)
        var order: [UInt64] = []
        var weights: [Float] = []
        summed.forEachEntry { key, stat in order.append(key); weights.append(stat.weight) }
        #expect(features.keys == order)
        #expect(features.weights == weights)
        #expect(features.termCount == summed.count)
        #expect(features.hits == raw.hits)
        #expect(features.parts.count == raw.parts.count)
        var words = 0
        for (index, part) in raw.parts.enumerated() {
            let compact = features.parts[index]
            #expect(compact.headingIndex == part.headingIndex)
            #expect(compact.range == part.range)
            #expect(compact.wordCount == part.wordCount)
            #expect(compact.codeWordCount == part.codeWordCount)
            #expect(features.hitIndices(ofPart: index) == part.hits)
            #expect(compact.termRange.count == part.terms.count)
            part.terms.forEachEntry { key, stat in #expect(features.weight(of: key, inPart: index) == stat.weight) }
            words += part.wordCount
        }
        #expect(features.wordCount == words)
    }

    @Test func signalHitsKeepTheirRanges() {
        let hit = PageFeatures.SignalHit(signal: 3, range: 17..<42, placeWeight: 1.5)
        #expect(hit.range == 17..<42 && hit.signal == 3 && hit.placeWeight == 1.5)
        #expect(MemoryLayout<PageFeatures.SignalHit>.stride == 16)
    }

    /// Assessments are remembered for a few pages only; asking again gives the same answer.
    @Test func assessmentsAreTheSameWhenAskedAgain() {
        let snapshot = WorkspaceSnapshot(configuration: Configuration(), documents: (0..<40).map { index in
            WorkspaceDocument(path: "docs/user-guides/page\(index).md",
                              text: SourceText("# Page \(index)\n\nClick **Save** and open the Catalog page. Install the Helm chart \(index).\n\n## Deploy\n\nRun `kubectl apply` with app-config.yaml.\n"))
        })
        let model = PlacementModel.of(snapshot)
        let first = model.documentPaths.map { model.assessment(of: $0, in: snapshot) }
        let again = model.documentPaths.map { model.assessment(of: $0, in: snapshot) }
        #expect(first.map { $0?.scores } == again.map { $0?.scores })
        #expect(first.map { $0?.parts.map(\.scores) } == again.map { $0?.parts.map(\.scores) })
    }
}
