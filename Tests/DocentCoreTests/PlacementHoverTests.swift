import Foundation
import Testing
@testable import DocentCore

/// The placement hover: offered where the page diagnostic is, and with a part's own figures on its heading.
@Suite struct PlacementHoverTests {
    private func offset(of needle: String, in text: String) -> Int {
        let bytes = Array(text.utf8), target = Array(needle.utf8)
        var index = 0
        while index + target.count <= bytes.count {
            if Array(bytes[index..<(index + target.count)]) == target { return index }
            index += 1
        }
        preconditionFailure("“\(needle)” not found")
    }

    /// The search backend page without its `#` heading: a front-matter title, then `##` parts (as Docusaurus writes them).
    static let frontMatterTitled = "---\ntitle: Deploying the search backend\n---\n\n"
        + PlacementTestWorkspace.searchBackend.replacingOccurrences(of: "# Deploying the search backend\n\n", with: "")

    /// A section whose persona docent.json names wrong ("enduser") is for no persona: the hover says so
    /// instead of leaving "written for" blank, and placement stays quiet on its pages.
    @Test func aSectionWithAnUnknownPersonaSaysSo() throws {
        var configuration = PlacementTestWorkspace.configuration
        configuration.sections[0] = SectionConfiguration(path: "docs/using", title: "Guides › Using the Portal", personas: ["enduser"])
        let path = "docs/using/search-backend.md"
        let snapshot = PlacementTestWorkspace.snapshot([path: PlacementTestWorkspace.searchBackend], configuration: configuration)
        let hover = try #require(PlacementHover.hover(at: 3, in: path, snapshot: snapshot))
        #expect(hover.markdown.hasPrefix("**Section:** Guides › Using the Portal · **written for:** no known persona (see docent.json)\n\n"))
        #expect(RuleRegistry.diagnostics(for: path, in: snapshot).filter { $0.code.hasPrefix("misplaced") }.isEmpty)
    }

    /// A page with a title and nothing else has no reading to show: no shares of the prior alone.
    @Test func anEmptyPageSaysThereIsNothingToRead() throws {
        let path = "docs/using/draft.md"
        let text = "# Draft\n"
        let snapshot = PlacementTestWorkspace.snapshot([path: text])
        let hover = try #require(PlacementHover.hover(at: 3, in: path, snapshot: snapshot))
        #expect(hover.markdown.hasPrefix("**Section:** Guides › Using the Portal · **written for:** End User\n\n**Reads as:** nothing yet: the text says nothing of its reader"))
        #expect(!hover.markdown.contains("%"))
    }

    @Test func theHoverIsWhereTheDocumentDiagnosticIs() throws {
        let path = "docs/using/deploying-the-search-backend.md"
        let text = Self.frontMatterTitled
        let snapshot = PlacementTestWorkspace.snapshot([path: text])
        let diagnostic = try #require(RuleRegistry.diagnostics(for: path, in: snapshot).first { $0.code == "misplaced-document" })
        let title = offset(of: "Deploying the search backend", in: text)
        #expect(diagnostic.range == title..<(title + "Deploying the search backend".utf8.count))
        let hover = try #require(PlacementHover.hover(at: title + 4, in: path, snapshot: snapshot))
        #expect(hover.range == diagnostic.range)
        #expect(hover.markdown.hasPrefix("**Section:** Guides › Using the Portal · **written for:** End User\n\n**Reads as:** Administrator "))
        #expect(!hover.markdown.contains("**Part:**"))
        // The first `##` heading is a part: its own figures, not the page's.
        let heading = offset(of: "Install the cluster", in: text)
        let part = try #require(PlacementHover.hover(at: heading + 2, in: path, snapshot: snapshot))
        #expect(part.range == heading..<(heading + "Install the cluster".utf8.count))
        #expect(part.markdown == """
            **Part:** Install the cluster · 3 words of prose

            **Reads as:** Administrator 44 % · Contributor 12 % · Integrator 11 % · Business Stakeholder 11 % · …

            **Signals:** helm (Administrator), helm chart (Administrator), kubectl (Administrator), cluster (Administrator), install (Administrator)

            Too short to be flagged on its own (a part needs 40 words of prose, code counting a quarter).
            """)
    }

    @Test func aFlaggedPartShowsItsOwnReadingAndSuggestion() throws {
        let path = "docs/using/finding-owners.md"
        let text = PlacementTestWorkspace.findingOwners
        let snapshot = PlacementTestWorkspace.snapshot([path: text])
        let diagnostic = try #require(RuleRegistry.diagnostics(for: path, in: snapshot).first { $0.code == "misplaced-section" })
        let hover = try #require(PlacementHover.hover(at: diagnostic.range.lowerBound + 1, in: path, snapshot: snapshot))
        #expect(hover.range == diagnostic.range)
        #expect(hover.markdown == """
            **Part:** Running the ownership sync on Kubernetes · 38 words of prose

            **Reads as:** Administrator 55 % · Integrator 9 % · End User 9 % · Contributor 9 % · …

            **Signals:** kubectl (Administrator), kubernetes (Administrator), credentials (Administrator), deploy (Administrator), secret (Administrator)

            **Suggested section:** Guides › Running the Portal (reads as Administrator)
            """)
        // The page's title hover names the flagged part, with its line (review: it said nothing of it).
        let page = try #require(PlacementHover.hover(at: offset(of: "# ", in: text) + 3, in: path, snapshot: snapshot))
        #expect(page.markdown.hasPrefix("**Section:** Guides › Using the Portal · **written for:** End User\n\n**Reads as:** End User "))
        let line = text.utf8.prefix(diagnostic.range.lowerBound).filter { $0 == 0x0A }.count + 1
        #expect(page.markdown.hasSuffix("\n\n**Parts flagged:** “Running the ownership sync on Kubernetes” (line \(line)) reads as Administrator: Guides › Running the Portal"))
    }

    @Test func aPageWithOnlyPartHeadingsShowsPageAndPartOnTheFirst() throws {
        // No `#` heading and no front-matter title: the first heading is the page title and a part.
        let path = "docs/using/deploying-the-search-backend.md"
        let text = PlacementTestWorkspace.searchBackend.replacingOccurrences(of: "# Deploying the search backend\n\n", with: "")
        let snapshot = PlacementTestWorkspace.snapshot([path: text])
        let heading = offset(of: "Install the cluster", in: text)
        let diagnostic = try #require(RuleRegistry.diagnostics(for: path, in: snapshot).first { $0.code == "misplaced-document" })
        #expect(diagnostic.range == heading..<(heading + "Install the cluster".utf8.count))
        let hover = try #require(PlacementHover.hover(at: heading + 1, in: path, snapshot: snapshot))
        #expect(hover.range == diagnostic.range)
        #expect(hover.markdown.hasPrefix("**Section:** Guides › Using the Portal"))
        #expect(hover.markdown.contains("\n\n---\n\n**Part:** Install the cluster · "))
    }

    @Test func noHoverOnProseOrOnAPagesLaterHeadingsThatAreNoParts() throws {
        let path = "docs/using/deploying-the-search-backend.md"
        let text = Self.frontMatterTitled
        let snapshot = PlacementTestWorkspace.snapshot([path: text])
        #expect(PlacementHover.hover(at: offset(of: "in-memory", in: text), in: path, snapshot: snapshot) == nil)
    }

    @Test func readsAsLeavesOutPersonasWithoutASectionUnlessTheyLead() throws {
        let model = PlacementModel.of(PlacementTestWorkspace.snapshot())
        let evaluator = try #require(model.catalog.index(of: "evaluator"))
        let endUser = try #require(model.catalog.index(of: "end-user"))
        let administrator = try #require(model.catalog.index(of: "administrator"))
        func scores(_ shares: [Int: Double]) -> [PersonaScore] {
            model.catalog.personas.indices.map { PersonaScore(persona: $0, share: shares[$0] ?? 0, evidence: 0, affinity: nil) }
        }
        // The workspace has no Evaluator section: no page could move there.
        #expect(!model.hasSection(persona: evaluator))
        #expect(PlacementPresentation.shareSummary(scores([endUser: 0.6, evaluator: 0.3, administrator: 0.1]), model: model)
                == "End User 60 % · Administrator 10 %")
        #expect(PlacementPresentation.shareSummary(scores([endUser: 0.3, evaluator: 0.6, administrator: 0.1]), model: model)
                == "Evaluator 60 % · End User 30 % · Administrator 10 %")
        // Without any section, every persona counts.
        let unsectioned = PlacementModel.of(WorkspaceSnapshot(documents: [WorkspaceDocument(path: "notes/a.md", text: SourceText("# A\n"))]))
        #expect(PlacementPresentation.shareSummary(scores([endUser: 0.6, evaluator: 0.3, administrator: 0.1]), model: unsectioned)
                == "End User 60 % · Evaluator 30 % · Administrator 10 %")
    }
}
