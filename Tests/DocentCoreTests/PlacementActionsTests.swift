import Testing
@testable import DocentCore

/// Code actions and the title hover of the placement rules.
@Suite struct PlacementActionsTests {
    private func diagnostics(_ path: String, _ snapshot: WorkspaceSnapshot) -> [Diagnostic] {
        RuleRegistry.diagnostics(for: path, in: snapshot).filter { PlacementActions.codes.contains($0.code) }
    }

    private func actions(_ path: String, _ snapshot: WorkspaceSnapshot) -> [CodeActionProposal] {
        let found = diagnostics(path, snapshot)
        return CodeActionRegistry.actions(in: path, range: 0..<0, diagnostics: found, snapshot: snapshot).filter { $0.title.hasPrefix("Move") || $0.title.hasPrefix("Keep in") || $0.title.hasPrefix("Declare") }
    }

    @Test func misplacedPageCanMoveOrBeDeclared() throws {
        let path = "docs/using/deploying-the-search-backend.md"
        let snapshot = PlacementTestWorkspace.snapshot([path: PlacementTestWorkspace.searchBackend])
        let proposals = actions(path, snapshot)
        #expect(proposals.map(\.title) == ["Move to Guides › Running the Portal", "Keep in Guides › Using the Portal: declare End User in front matter"])
        let move = try #require(proposals.first)
        #expect(move.kind == "quickfix")
        // Never preferred: a one-key auto-fix would move the file on the classifier's word.
        #expect(!move.isPreferred)
        #expect(!move.isSafe)
        #expect(move.operations == [.renameFile(from: path, to: "docs/running/deploying-the-search-backend.md")])
        #expect(move.fixes.map(\.code) == ["misplaced-document"])
        // No front matter yet: the declaration opens a block. It silences the warning for good: never the preferred fix.
        #expect(!proposals[1].isPreferred)
        #expect(proposals[1].operations == [.edit(FileEdit(file: path, range: 0..<0, newText: "---\npersona: end-user\n---\n\n"))])
    }

    @Test func declaringThePersonaSilencesTheWarning() throws {
        let path = "docs/using/deploying-the-search-backend.md"
        let snapshot = PlacementTestWorkspace.snapshot([path: PlacementTestWorkspace.searchBackend])
        let declare = try #require(actions(path, snapshot).first { $0.title.hasPrefix("Keep in") })
        guard case .edit(let edit) = declare.operations.first else { Issue.record("not an edit"); return }
        var text = snapshot.document(path)!.text
        text.replace(edit.range, with: Array(edit.newText.utf8))
        let after = snapshot.applying([.setDocument(path: path, text: text, version: 2)])
        #expect(diagnostics(path, after).isEmpty)
    }

    @Test func moveKeepsThePathBelowTheSection() throws {
        let path = "docs/using/deployment/search/backend.md"
        let snapshot = PlacementTestWorkspace.snapshot([path: PlacementTestWorkspace.searchBackend])
        let move = try #require(actions(path, snapshot).first)
        #expect(move.title == "Move to Guides › Running the Portal")
        #expect(move.operations == [.renameFile(from: path, to: "docs/running/deployment/search/backend.md")])
    }

    @Test func moveIsNotOfferedOntoAnExistingFile() {
        let path = "docs/using/deploying-with-helm.md"
        let snapshot = PlacementTestWorkspace.snapshot([path: PlacementTestWorkspace.pages["docs/running/deploying-with-helm.md"]!])
        #expect(diagnostics(path, snapshot).map(\.code) == ["misplaced-document"])
        #expect(actions(path, snapshot).map(\.title) == ["Keep in Guides › Using the Portal: declare End User in front matter"])
    }

    /// A folder's landing page whose name is taken in the target section keeps its folder there.
    @Test func aLandingPageWhoseNameIsTakenKeepsItsFolder() throws {
        let path = "docs/using/search/index.md"
        let snapshot = PlacementTestWorkspace.snapshot([path: PlacementTestWorkspace.searchBackend, "docs/running/search/index.md": "# Search\n\nOperating search.\n"])
        #expect(diagnostics(path, snapshot).map(\.code) == ["misplaced-document"])
        // Below the section the path is kept, and that one is taken: no move.
        #expect(actions(path, snapshot).map(\.title) == ["Keep in Guides › Using the Portal: declare End User in front matter"])
        let top = "docs/using/index.md"
        let landing = PlacementTestWorkspace.snapshot([top: PlacementTestWorkspace.searchBackend, "docs/running/index.md": "# Running\n\nOperating the portal.\n"])
        let move = try #require(actions(top, landing).first)
        #expect(move.title == "Move to Guides › Running the Portal")
        #expect(move.operations == [.renameFile(from: top, to: "docs/running/using/index.md")])
    }

    /// A declaration written over lines (a block list, a folded scalar) is replaced by one line, which
    /// reads back as the persona.
    @Test func aDeclarationOverLinesBecomesOneLine() throws {
        let path = "docs/using/deploying-the-search-backend.md"
        for header in ["---\npersona:\n  - administrator\n  - Builder\ntitle: Search\n---\n\n", "---\npersona:\n  administrator\ntitle: Search\n---\n\n"] {
            let text = header + PlacementTestWorkspace.searchBackend
            let snapshot = PlacementTestWorkspace.snapshot([path: text])
            let declare = try #require(actions(path, snapshot).first { $0.title.hasPrefix("Keep in") })
            guard case .edit(let edit) = declare.operations.first else { Issue.record("not an edit"); return }
            var fixed = snapshot.document(path)!.text
            fixed.replace(edit.range, with: Array(edit.newText.utf8))
            #expect(fixed.string.hasPrefix("---\npersona: end-user\ntitle: Search\n---\n"), "\(header)")
            let after = snapshot.applying([.setDocument(path: path, text: fixed, version: 2)])
            #expect(after.document(path)?.markdown.frontMatter?.problems.isEmpty == true)
            #expect(diagnostics(path, after).isEmpty)
        }
    }

    /// `audience:` free text that names no persona is kept; the persona gets a key of its own.
    @Test func freeTextAudienceIsKept() throws {
        let path = "docs/using/deploying-the-search-backend.md"
        let text = "---\naudience: Developers\n---\n\n" + PlacementTestWorkspace.searchBackend
        let snapshot = PlacementTestWorkspace.snapshot([path: text])
        let declare = try #require(actions(path, snapshot).first { $0.title.hasPrefix("Keep in") })
        guard case .edit(let edit) = declare.operations.first else { Issue.record("not an edit"); return }
        var fixed = snapshot.document(path)!.text
        fixed.replace(edit.range, with: Array(edit.newText.utf8))
        #expect(fixed.string.hasPrefix("---\naudience: Developers\npersona: end-user\n---\n"))
        let after = snapshot.applying([.setDocument(path: path, text: fixed, version: 2)])
        #expect(diagnostics(path, after).map(\.severity) == [.information])
    }

    @Test func mismatchedDeclarationIsReplacedOrThePageMoved() throws {
        let path = "docs/running/search-tuning.md"
        let text = "---\ntitle: Tuning search\npersona: end-user\n---\n\n" + PlacementTestWorkspace.searchBackend
        let snapshot = PlacementTestWorkspace.snapshot([path: text])
        let proposals = actions(path, snapshot)
        #expect(proposals.map(\.title) == ["Move to Guides › Using the Portal", "Keep in Guides › Running the Portal: declare Administrator in front matter"])
        #expect(proposals[0].operations == [.renameFile(from: path, to: "docs/using/search-tuning.md")])
        #expect(!proposals[0].isPreferred)
        let value = try #require(text.range(of: "end-user"))
        let start = text.utf8.distance(from: text.startIndex, to: value.lowerBound)
        #expect(proposals[1].operations == [.edit(FileEdit(file: path, range: start..<(start + 8), newText: "administrator"))])
        #expect(!proposals[1].isPreferred)
    }

    @Test func declarationIsAddedToExistingFrontMatter() {
        let path = "docs/unsorted/deploying.md"
        let text = "---\ntitle: Deploying search\n---\n\n" + PlacementTestWorkspace.searchBackend
        let snapshot = PlacementTestWorkspace.snapshot([path: text])
        let proposals = actions(path, snapshot)
        #expect(proposals.map(\.title) == ["Move to Guides › Running the Portal", "Declare Administrator in front matter (the page stays in no section)"])
        #expect(proposals.map(\.isPreferred) == [false, false])
        let insertAt = "---\ntitle: Deploying search\n".utf8.count
        #expect(proposals.last?.operations == [.edit(FileEdit(file: path, range: insertAt..<insertAt, newText: "persona: administrator\n"))])
    }

    @Test func declarationsInTOMLFrontMatterAreWrittenAsTOML() throws {
        // A new key goes before the first table, as a quoted string.
        let path = "docs/unsorted/deploying.md"
        let text = "+++\ntitle = \"Deploying search\"\n[params]\nweight = 2\n+++\n\n" + PlacementTestWorkspace.searchBackend
        let proposals = actions(path, PlacementTestWorkspace.snapshot([path: text]))
        #expect(proposals.map(\.title) == ["Move to Guides › Running the Portal", "Declare Administrator in front matter (the page stays in no section)"])
        let insertAt = "+++\ntitle = \"Deploying search\"\n".utf8.count
        #expect(proposals.last?.operations == [.edit(FileEdit(file: path, range: insertAt..<insertAt, newText: "persona = \"administrator\"\n"))])
        // A mismatched string is replaced inside its quotes; an array becomes a string.
        let sitting = "docs/running/search-tuning.md"
        let quoted = "+++\npersona = \"end-user\"\n+++\n\n" + PlacementTestWorkspace.searchBackend
        let keep = try #require(actions(sitting, PlacementTestWorkspace.snapshot([sitting: quoted])).last)
        #expect(keep.operations == [.edit(FileEdit(file: sitting, range: 15..<23, newText: "administrator"))])
        let listed = "+++\npersona = [\"end-user\"]\n+++\n\n" + PlacementTestWorkspace.searchBackend
        let replaced = try #require(actions(sitting, PlacementTestWorkspace.snapshot([sitting: listed])).last)
        #expect(replaced.operations == [.edit(FileEdit(file: sitting, range: 14..<26, newText: "\"administrator\""))])
        // An empty string and a literal string are filled inside their quotes.
        let empty = "+++\npersona = \"\"\n+++\n\n" + PlacementTestWorkspace.searchBackend
        #expect(try #require(actions(path, PlacementTestWorkspace.snapshot([path: empty])).last).operations
                == [.edit(FileEdit(file: path, range: 15..<15, newText: "administrator"))])
        let literal = "+++\npersona = 'end-user'\n+++\n\n" + PlacementTestWorkspace.searchBackend
        #expect(try #require(actions(sitting, PlacementTestWorkspace.snapshot([sitting: literal])).last).operations
                == [.edit(FileEdit(file: sitting, range: 15..<23, newText: "administrator"))])
    }

    @Test func declarationsInJSONFrontMatterAreWrittenAsJSON() throws {
        // A new member goes first, indented like the others, with a comma when members follow.
        let path = "docs/unsorted/deploying.md"
        let text = "{\n\t\"title\": \"Deploying search\"\n}\n\n" + PlacementTestWorkspace.searchBackend
        let proposals = actions(path, PlacementTestWorkspace.snapshot([path: text]))
        #expect(proposals.map(\.title) == ["Move to Guides › Running the Portal", "Declare Administrator in front matter (the page stays in no section)"])
        #expect(proposals.last?.operations == [.edit(FileEdit(file: path, range: 2..<2, newText: "\t\"persona\": \"administrator\",\n"))])
        let empty = "{\r\n}\r\n\r\n" + PlacementTestWorkspace.searchBackend
        #expect(actions(path, PlacementTestWorkspace.snapshot([path: empty])).last?.operations == [.edit(FileEdit(file: path, range: 3..<3, newText: "  \"persona\": \"administrator\"\r\n"))])
        // A null value, or none, becomes the string.
        let null = "{\n  \"persona\": null,\n  \"title\": \"Deploying search\"\n}\n\n" + PlacementTestWorkspace.searchBackend
        #expect(actions(path, PlacementTestWorkspace.snapshot([path: null])).last?.operations == [.edit(FileEdit(file: path, range: 15..<19, newText: "\"administrator\""))])
        let missing = "{\n  \"persona\": ,\n  \"title\": \"Deploying search\"\n}\n\n" + PlacementTestWorkspace.searchBackend
        #expect(actions(path, PlacementTestWorkspace.snapshot([path: missing])).last?.operations == [.edit(FileEdit(file: path, range: 15..<15, newText: "\"administrator\""))])
        // A mismatched string is replaced inside its quotes; an array becomes a string.
        let sitting = "docs/running/search-tuning.md"
        let quoted = "{\n  \"persona\": \"end-user\"\n}\n\n" + PlacementTestWorkspace.searchBackend
        let keep = try #require(actions(sitting, PlacementTestWorkspace.snapshot([sitting: quoted])).last)
        #expect(keep.title == "Keep in Guides › Running the Portal: declare Administrator in front matter")
        #expect(keep.operations == [.edit(FileEdit(file: sitting, range: 16..<24, newText: "administrator"))])
        let listed = "{\n  \"persona\": [\"end-user\"]\n}\n\n" + PlacementTestWorkspace.searchBackend
        let replaced = try #require(actions(sitting, PlacementTestWorkspace.snapshot([sitting: listed])).last)
        #expect(replaced.operations == [.edit(FileEdit(file: sitting, range: 15..<27, newText: "\"administrator\""))])
        // An empty string is filled inside its quotes; JSON's invalid single quotes become double ones.
        let emptyString = "{\n  \"persona\": \"\"\n}\n\n" + PlacementTestWorkspace.searchBackend
        let filled = try #require(actions(path, PlacementTestWorkspace.snapshot([path: emptyString])).last)
        #expect(filled.operations == [.edit(FileEdit(file: path, range: 16..<16, newText: "administrator"))])
        let single = "{\n  \"persona\": 'end-user'\n}\n\n" + PlacementTestWorkspace.searchBackend
        let requoted = try #require(actions(sitting, PlacementTestWorkspace.snapshot([sitting: single])).last)
        #expect(requoted.operations == [.edit(FileEdit(file: sitting, range: 15..<25, newText: "\"administrator\""))])
        // Each edit leaves valid front matter that declares the persona: the warning goes.
        for (page, original, proposal) in [(path, text, proposals.last!), (sitting, quoted, keep), (sitting, listed, replaced),
                                           (path, emptyString, filled), (sitting, single, requoted)] {
            guard case .edit(let edit) = proposal.operations.first else { Issue.record("not an edit"); continue }
            let snapshot = PlacementTestWorkspace.snapshot([page: original])
            var edited = snapshot.document(page)!.text
            edited.replace(edit.range, with: Array(edit.newText.utf8))
            let after = snapshot.applying([.setDocument(path: page, text: edited, version: 2)])
            let frontMatter = try #require(after.document(page)?.markdown.frontMatter)
            #expect(frontMatter.problems == [], "\(edited.string)")
            #expect(frontMatter.strings("persona") == ["administrator"])
            #expect(diagnostics(page, after).filter { $0.code == "persona-mismatch" }.isEmpty)
        }
    }

    @Test func hoverOnTheTitleShowsSectionAndReading() throws {
        let path = "docs/using/finding-a-service.md"
        let snapshot = PlacementTestWorkspace.snapshot()
        let text = PlacementTestWorkspace.pages[path]!
        let titleOffset = text.utf8.distance(from: text.startIndex, to: text.range(of: "Finding a service")!.lowerBound)
        let hover = try #require(HoverFeature.hover(at: titleOffset + 3, in: path, snapshot: snapshot, location: { file, line in "\(file):\(line)" }))
        #expect(hover.range == titleOffset..<(titleOffset + "Finding a service".utf8.count))
        let lines = hover.markdown.components(separatedBy: "\n\n")
        #expect(lines.first == "**Section:** Guides › Using the Portal · **written for:** End User")
        #expect(lines.count >= 2 && lines[1].hasPrefix("**Reads as:** End User "))
        #expect(lines.contains { $0.hasPrefix("**Signals:** click (End User)") })
        // Elsewhere on the page: no placement hover.
        #expect(HoverFeature.hover(at: text.utf8.count - 5, in: path, snapshot: snapshot, location: { _, _ in "" }) == nil)
    }

    @Test func hoverNamesTheSuggestedSectionOfAMisplacedPage() throws {
        let path = "docs/using/deploying-the-search-backend.md"
        let snapshot = PlacementTestWorkspace.snapshot([path: PlacementTestWorkspace.searchBackend])
        let hover = try #require(PlacementHover.hover(at: 3, in: path, snapshot: snapshot))
        #expect(hover.markdown.contains("**Reads as:** Administrator "))
        // The Helm guide of the operators' section is the page it reads most like.
        #expect(hover.markdown.contains("\n\n**Reads most like:** `docs/running/deploying-with-helm.md` (Guides › Running the Portal)"))
        #expect(!hover.markdown.contains("`\(path)`"))
        #expect(hover.markdown.hasSuffix("**Suggested section:** Guides › Running the Portal"))
    }

    @Test func hoverSaysWhereThePagesLinksLeadAndComeFrom() throws {
        // The misplaced search page links to two operator pages and one builder page; the Helm guide links to it.
        let path = "docs/using/deploying-the-search-backend.md"
        let text = PlacementTestWorkspace.searchBackend + "\nSee [Helm](../running/deploying-with-helm.md), [sign-on](../running/connecting-single-sign-on.md) and [modules](../extending/writing-a-backend-module.md).\n"
        let helm = try #require(PlacementTestWorkspace.pages["docs/running/deploying-with-helm.md"]) + "\nThen [deploy search](../using/deploying-the-search-backend.md).\n"
        let snapshot = PlacementTestWorkspace.snapshot([path: text, "docs/running/deploying-with-helm.md": helm])
        let hover = try #require(PlacementHover.hover(at: 3, in: path, snapshot: snapshot))
        #expect(hover.markdown.contains("\n\n**Links:** to 2 Administrator, 1 Integrator · from 1 Administrator (pages of each persona's sections)\n\n"))
        // A page without links says nothing about them.
        let plain = PlacementTestWorkspace.snapshot([path: PlacementTestWorkspace.searchBackend])
        #expect(try #require(PlacementHover.hover(at: 3, in: path, snapshot: plain)).markdown.contains("**Links:**") == false)
    }

    @Test func noPlacementHoverWithoutSections() {
        let snapshot = WorkspaceSnapshot(documents: [WorkspaceDocument(path: "notes/page.md", text: SourceText(PlacementTestWorkspace.searchBackend))])
        #expect(PlacementHover.hover(at: 3, in: "notes/page.md", snapshot: snapshot) == nil)
    }
}

private extension String {
    func range(of needle: String) -> Range<String.Index>? {
        var index = startIndex
        while index < endIndex {
            if self[index...].hasPrefix(needle) { return index..<self.index(index, offsetBy: needle.count) }
            index = self.index(after: index)
        }
        return nil
    }
}

/// "Move “<heading>” to a new page in <section>" for a misplaced `##` part.
@Suite struct PlacementPartMoveTests {
    static let owners = PlacementTestWorkspace.findingOwners.replacingOccurrences(of: "## When the owner looks wrong", with: "## When the owner looks wrong {#wrong-owner}")
        .replacingOccurrences(of: "its logs with `kubectl logs -f`.\n", with: """
        its logs with `kubectl logs -f`.

        ### Restarting the job

        Restart the [CronJob](../running/deploying-with-helm.md#install-the-chart) after each Helm upgrade ([how](#restarting-the-job),
        [why](#wrong-owner)).

        """)

    @Test func aMisplacedPartMovesToAPageOfItsOwnAndLinksFollowIt() throws {
        let path = "docs/using/finding-owners.md"
        let faq = "docs/using/owner-questions.md"
        let snapshot = PlacementTestWorkspace.snapshot([
            path: Self.owners,
            faq: "# Owner questions\n\nStart a sync by hand as [the operators do](finding-owners.md#restarting-the-job) or read [the whole page](finding-owners.md).\n",
        ])
        let found = RuleRegistry.diagnostics(for: path, in: snapshot).filter { $0.code == "misplaced-section" }
        try #require(found.count == 1)
        let proposals = CodeActionRegistry.actions(in: path, range: found[0].range, diagnostics: found, snapshot: snapshot)
        let move = try #require(proposals.first { $0.title.hasPrefix("Move") })
        #expect(proposals.map(\.title).filter { !$0.hasPrefix("Disable") } == ["Move “Running the ownership sync on Kubernetes” to a new page in Guides › Running the Portal"])
        #expect(move.kind == "quickfix" && !move.isPreferred && !move.isSafe)
        #expect(move.fixes.map(\.code) == ["misplaced-section"])
        let text = Self.owners
        let heading = try #require(text.range(of: "## Running the ownership sync on Kubernetes"))
        let start = text.utf8.distance(from: text.startIndex, to: heading.upperBound)
        let sub = try #require(snapshot.document(faq)?.text.string.range(of: "finding-owners.md#restarting-the-job"))
        let faqText = snapshot.document(faq)!.text.string
        let subStart = faqText.utf8.distance(from: faqText.startIndex, to: sub.lowerBound)
        let fixture = PlacementTestWorkspace.findingOwners
        let partBody = "\n\n" + fixture[try #require(fixture.range(of: "## Running the ownership sync on Kubernetes")).upperBound...].trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(partBody.hasPrefix("\n\nThe ownership data comes from a nightly job.") && partBody.hasSuffix("`kubectl logs -f`."))
        let ownLink = try #require(text.range(of: "(#restarting-the-job)"))
        let ownLinkStart = text.utf8.distance(from: text.startIndex, to: ownLink.lowerBound) + 1
        #expect(move.operations == [
            // The heading stays, with a link to the new page.
            .edit(FileEdit(file: path, range: start..<text.utf8.count,
                           newText: "\n\nSee [Running the ownership sync on Kubernetes](../running/running-the-ownership-sync-on-kubernetes.md) in Guides › Running the Portal.\n")),
            // Another page's link to the moved sub-heading follows it.
            .edit(FileEdit(file: faq, range: subStart..<subStart + "finding-owners.md#restarting-the-job".utf8.count,
                           newText: "../running/running-the-ownership-sync-on-kubernetes.md#restarting-the-job")),
            // The part's own text as it was (from the fixture), then its sub-heading one level up with links from the new folder.
            .newFile(path: "docs/running/running-the-ownership-sync-on-kubernetes.md", text: "# Running the ownership sync on Kubernetes" + partBody + """


                ## Restarting the job

                Restart the [CronJob](deploying-with-helm.md#install-the-chart) after each Helm upgrade ([how](#restarting-the-job),
                [why](../using/finding-owners.md#wrong-owner)).

                """),
        ])
        #expect(ownLinkStart > start)
        // Applied, the page keeps its own parts and the new page sits in the suggested section, quiet.
        var page = snapshot.document(path)!.text
        var faqEdited = snapshot.document(faq)!.text
        var created: (String, String)?
        for operation in move.operations {
            switch operation {
            case .edit(let edit) where edit.file == path: page.replace(edit.range, with: Array(edit.newText.utf8))
            case .edit(let edit): faqEdited.replace(edit.range, with: Array(edit.newText.utf8))
            case .newFile(let newPath, let newText): created = (newPath, newText)
            case .renameFile: Issue.record("no rename expected")
            }
        }
        let (newPath, newText) = try #require(created)
        let after = snapshot.applying([.setDocument(path: path, text: page, version: 2), .setDocument(path: faq, text: faqEdited, version: 2),
                                       .setDocument(path: newPath, text: SourceText(newText), version: nil)])
        #expect(RuleRegistry.diagnostics(for: path, in: after).filter { PlacementActions.codes.contains($0.code) }.isEmpty)
        #expect(RuleRegistry.diagnostics(for: newPath, in: after).filter { PlacementActions.codes.contains($0.code) }.isEmpty)
        // Every link of the three pages reaches a page, and its heading when it names one.
        var reached: [String] = []
        for source in [path, faq, newPath] {
            for link in after.document(source)!.markdown.links where link.kind == .inline {
                let parts = link.destination.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                let target = parts[0].isEmpty ? source : WorkspacePath.resolved(Array(parts[0].utf8), relativeTo: source)
                let document = try #require(target.flatMap { after.document($0) }, "\(source): \(link.destination)")
                if parts.count == 2 { #expect(document.markdown.headings.contains { $0.anchor == parts[1] }, "\(source): \(link.destination)") }
                reached.append(document.path)
            }
        }
        #expect(reached.count == 6)
    }

    /// The "Move …" action for the Kubernetes part of `text` (`finding-owners.md` with a "## Getting
    /// help" part after it), the range of the part below its heading, and the part's text in the fixture.
    static func movedSyncPart(of text: String) throws -> (move: CodeActionProposal, body: ByteRange, partBody: String) {
        let path = "docs/using/finding-owners.md"
        let snapshot = PlacementTestWorkspace.snapshot([path: text])
        let found = RuleRegistry.diagnostics(for: path, in: snapshot).filter { $0.code == "misplaced-section" }
        try #require(found.count == 1)
        let move = try #require(CodeActionRegistry.actions(in: path, range: found[0].range, diagnostics: found, snapshot: snapshot).first { $0.title.hasPrefix("Move") })
        let start = text.utf8.distance(from: text.startIndex, to: try #require(text.range(of: "## Running the ownership sync on Kubernetes")).upperBound)
        let end = text.utf8.distance(from: text.startIndex, to: try #require(text.range(of: "\n## Getting help")).lowerBound) + 1
        let fixture = PlacementTestWorkspace.findingOwners
        let partBody = "\n\n" + fixture[try #require(fixture.range(of: "## Running the ownership sync on Kubernetes")).upperBound...].trimmingCharacters(in: .whitespacesAndNewlines)
        return (move, start..<end, partBody)
    }

    /// The edit that removes `lines` (whole lines, found once in `text` after `after`, with the line
    /// break that ends them) from the page.
    static func removal(of lines: String, in text: String, after: String? = nil) throws -> WorkspaceEditOperation {
        let from = try after.map { try #require(text.range(of: $0)).upperBound } ?? text.startIndex
        let found = try #require(text[from...].range(of: lines + "\n"))
        let start = text.utf8.distance(from: text.startIndex, to: found.lowerBound)
        return .edit(FileEdit(file: "docs/using/finding-owners.md", range: start..<start + (lines + "\n").utf8.count, newText: ""))
    }

    /// The fixture with `definition` (if any) after the first part's paragraph and `added` after the
    /// sync part's last sentence (on its line).
    static func findingOwners(definingEarlier definition: String? = nil, appending added: String) throws -> String {
        let earlier = "minutes after the change is accepted.\n"
        let tail = "its logs with `kubectl logs -f`.\n"
        let fixture = PlacementTestWorkspace.findingOwners
        try #require(fixture.contains(earlier) && fixture.contains(tail))
        return fixture.replacingOccurrences(of: earlier, with: earlier + (definition.map { "\n" + $0 + "\n" } ?? ""))
            .replacingOccurrences(of: tail, with: String(tail.dropLast()) + added)
    }

    @Test func referenceDefinitionsTravelWithTheTextThatUsesThem() throws {
        let path = "docs/using/finding-owners.md"
        let added = " After a [Helm upgrade][helm], restart the [CronJob].\n\n[sync]: ../running/deploying-with-helm.md\n"
        let help = "\n## Getting help\n\nAsk in the [owners channel][chat] or read how [the job is installed][sync].\n\n"
            + "[helm]: ../running/deploying-with-helm.md#install-the-chart\n[cronjob]: https://kubernetes.io/docs/concepts/workloads/controllers/cron-job/\n[chat]: https://chat.example.com/owners\n"
        let text = try Self.findingOwners(appending: added + help)
        let (move, body, partBody) = try Self.movedSyncPart(of: text)
        #expect(move.operations == [
            // The part's own definition stays behind too: "Getting help" still uses it.
            .edit(FileEdit(file: path, range: body, newText: "\n\nSee [Running the ownership sync on Kubernetes](../running/running-the-ownership-sync-on-kubernetes.md) in Guides › Running the Portal.\n"
                           + "\n[sync]: ../running/deploying-with-helm.md\n\n")),
            // [helm] and [cronjob], which nothing else in the page uses, leave it; [chat] stays.
            try Self.removal(of: "[helm]: ../running/deploying-with-helm.md#install-the-chart\n[cronjob]: https://kubernetes.io/docs/concepts/workloads/controllers/cron-job/", in: text),
            // The definitions the part uses (full and shortcut references) come along, relative ones from the new folder; [chat] does not.
            .newFile(path: "docs/running/running-the-ownership-sync-on-kubernetes.md", text: "# Running the ownership sync on Kubernetes" + partBody
                     + " After a [Helm upgrade][helm], restart the [CronJob].\n\n[sync]: deploying-with-helm.md\n"
                     + "\n[helm]: deploying-with-helm.md#install-the-chart\n[cronjob]: https://kubernetes.io/docs/concepts/workloads/controllers/cron-job/\n"),
        ])
    }

    @Test func fragmentsFootnotesAndDuplicateLabelsKeepTheirMeaningAcrossTheMove() throws {
        let path = "docs/using/finding-owners.md"
        let text = try Self.findingOwners(definingEarlier: "[a]: ../running/deploying-with-helm.md", appending: """
         As in [the lookup][lookup], see [^sync] and [a].

        ### Restarting the job

        Restart it by hand.

        [inner]: #restarting-the-job
        [a]: ../running/second.md

        ## Getting help

        See [inner] and the note[^help].

        [lookup]: #look-up-the-owner
        [^sync]: The sync runs at night;
            see [the chart](../running/deploying-with-helm.md).
        [^help]: Ask the owners.

        """)
        let (move, body, partBody) = try Self.movedSyncPart(of: text)
        #expect(move.operations == [
            // [inner] stays for "Getting help" and follows the sub-heading it names to the new page.
            .edit(FileEdit(file: path, range: body, newText: "\n\nSee [Running the ownership sync on Kubernetes](../running/running-the-ownership-sync-on-kubernetes.md) in Guides › Running the Portal.\n"
                           + "\n[inner]: ../running/running-the-ownership-sync-on-kubernetes.md#restarting-the-job\n\n")),
            // The definitions only the part used leave the page: the first [a], [lookup] and [^sync] with
            // its continuation line; [^help] stays.
            try Self.removal(of: "[a]: ../running/deploying-with-helm.md", in: text),
            try Self.removal(of: "[lookup]: #look-up-the-owner\n[^sync]: The sync runs at night;\n    see [the chart](../running/deploying-with-helm.md).", in: text),
            // [a] meant its first definition, from an earlier part: that one comes along and the part's
            // own later duplicate, which never counted, is left out. [lookup] points back at the page;
            // the footnote comes whole, its link from the new folder; [^help] stays.
            .newFile(path: "docs/running/running-the-ownership-sync-on-kubernetes.md", text: "# Running the ownership sync on Kubernetes" + partBody
                     + " As in [the lookup][lookup], see [^sync] and [a].\n\n## Restarting the job\n\nRestart it by hand.\n\n[inner]: #restarting-the-job\n"
                     + "\n[a]: deploying-with-helm.md\n[lookup]: ../using/finding-owners.md#look-up-the-owner\n[^sync]: The sync runs at night;\n    see [the chart](deploying-with-helm.md).\n"),
        ])
    }

    @Test func abbreviationsTravelWithTheTextThatUsesThem() throws {
        let path = "docs/using/finding-owners.md"
        // An earlier JWT definition is overridden by the later one: the last definition holds.
        let text = try Self.findingOwners(definingEarlier: "*[JWT]: JSON web token (old)", appending: """
         It signs a JWT as its KSA; the `SRE` rota and the APIs are not uses.

        *[KSA]: Kubernetes service account

        ## Getting help

        Ask the SRE team which KSA, if any, it runs as.

        *[JWT]: JSON Web Token
        *[SRE]: site reliability engineering
        *[API]: application programming interface

        """)
        let (move, body, partBody) = try Self.movedSyncPart(of: text)
        #expect(move.operations == [
            // "Getting help" still uses KSA: its definition stays behind as well.
            .edit(FileEdit(file: path, range: body, newText: "\n\nSee [Running the ownership sync on Kubernetes](../running/running-the-ownership-sync-on-kubernetes.md) in Guides › Running the Portal.\n"
                           + "\n*[KSA]: Kubernetes service account\n\n")),
            // Nothing else uses JWT: both its definitions leave the page; SRE's and API's stay.
            try Self.removal(of: "*[JWT]: JSON web token (old)", in: text),
            try Self.removal(of: "*[JWT]: JSON Web Token", in: text),
            // JWT's last definition comes along; SRE (only in code) and API (only inside "APIs") do not.
            .newFile(path: "docs/running/running-the-ownership-sync-on-kubernetes.md", text: "# Running the ownership sync on Kubernetes" + partBody
                     + " It signs a JWT as its KSA; the `SRE` rota and the APIs are not uses.\n\n*[KSA]: Kubernetes service account\n\n*[JWT]: JSON Web Token\n"),
        ])
    }

    /// Footnote and abbreviation definitions serve the whole page wherever they are written, in a block
    /// quote or a list item too (as GFM, markdown-it-footnote and Python-Markdown read them): the part
    /// takes those it uses, as definitions of the new page (their quote and list markers left behind),
    /// and leaves behind those the rest of the page uses.
    @Test func definitionsInQuotesAndListItemsTravelToo() throws {
        let path = "docs/using/finding-owners.md"
        let text = try Self.findingOwners(definingEarlier: "> [^quoted]: From the owners' FAQ;\n>     see [the chart](../running/deploying-with-helm.md).", appending: """
         See [^quoted], [^listed] and the KSA.

        > [^quoted]: A later duplicate, which never counted.

        - A step
        - [^own]: The part's own note, which "Getting help" uses too.

        ## Getting help

        Ask the owners[^own].

        1. First
        2. [^listed]: Listed in the runbook.
               It runs at night.

        > *[KSA]: Kubernetes service account

        """)
        let (move, body, partBody) = try Self.movedSyncPart(of: text)
        #expect(move.operations == [
            .edit(FileEdit(file: path, range: body, newText: "\n\nSee [Running the ownership sync on Kubernetes](../running/running-the-ownership-sync-on-kubernetes.md) in Guides › Running the Portal.\n"
                           + "\n[^own]: The part's own note, which \"Getting help\" uses too.\n\n")),
            // The quoted footnote and the quoted abbreviation leave the page, quote markers and all; the
            // listed footnote stays, as removing it would leave an empty item.
            try Self.removal(of: "> [^quoted]: From the owners' FAQ;\n>     see [the chart](../running/deploying-with-helm.md).", in: text),
            // The last line of the page goes with the blank line before it.
            try Self.removal(of: "\n> *[KSA]: Kubernetes service account", in: text),
            // The quoted footnote (its link from the new folder), the listed one with its continuation
            // line, and the quoted abbreviation arrive at the top level; the part's duplicate is left out.
            .newFile(path: "docs/running/running-the-ownership-sync-on-kubernetes.md", text: "# Running the ownership sync on Kubernetes" + partBody
                     + " See [^quoted], [^listed] and the KSA.\n\n\n- A step\n- [^own]: The part's own note, which \"Getting help\" uses too.\n"
                     // A blank line after each footnote, so that no renderer reads what follows as its lazy line.
                     + "\n[^quoted]: From the owners' FAQ;\n    see [the chart](deploying-with-helm.md).\n\n[^listed]: Listed in the runbook.\n    It runs at night.\n"
                     + "\n*[KSA]: Kubernetes service account\n"),
        ])
    }

    /// Definitions only the part used leave the page; one a footnote that stays refers to stays. A
    /// carried definition of a link to a sub-heading that moves leaves without a second edit to its
    /// destination (edits of a WorkspaceEdit must not overlap), and the page, edited, reads right.
    /// A page whose title lives in YAML front matter, with no `#` heading (a Docusaurus page), gives
    /// the new page its title the same way (review: the new page had an H1 among siblings with none);
    /// a title YAML would misread is quoted.
    @Test func aPageWithItsTitleInFrontMatterGivesTheNewPageFrontMatter() throws {
        let path = "docs/using/finding-owners.md"
        for (heading, written) in [("Running the ownership sync on Kubernetes", "Running the ownership sync on Kubernetes"),
                                   ("Sync: running it on Kubernetes", "\"Sync: running it on Kubernetes\"")] {
            let text = PlacementTestWorkspace.findingOwners
                .replacingOccurrences(of: "# Finding who owns a service\n", with: "---\nid: finding-owners\ntitle: Finding who owns a service\n---\n")
                .replacingOccurrences(of: "## Running the ownership sync on Kubernetes", with: "## " + heading)
            let snapshot = PlacementTestWorkspace.snapshot([path: text])
            let found = RuleRegistry.diagnostics(for: path, in: snapshot).filter { $0.code == "misplaced-section" }
            try #require(found.count == 1)
            let move = try #require(CodeActionRegistry.actions(in: path, range: found[0].range, diagnostics: found, snapshot: snapshot).first { $0.title.hasPrefix("Move") })
            let created = move.operations.compactMap { operation -> String? in
                if case .newFile(_, let newText) = operation { return newText }
                return nil
            }
            #expect(created.count == 1)
            #expect(created.first?.hasPrefix("---\ntitle: \(written)\n---\n\nThe ownership data comes from a nightly job.") == true, "\(created)")
        }
    }

    @Test func definitionsOnlyThePartUsedLeaveThePage() throws {
        let path = "docs/using/finding-owners.md"
        let text = try Self.findingOwners(appending: """
         Read [jump] and the notes[^deep][^gone].

        ### Restarting the job

        Restart it by hand.

        ## Getting help

        Ask the owners.[^help]

        [jump]: #restarting-the-job
        [^help]: Or see [^deep].
        [^deep]: The runbook.
        [^gone]: Only the part cites this.

        """)
        let (move, body, _) = try Self.movedSyncPart(of: text)
        let pageEdits = move.operations.compactMap { operation -> FileEdit? in
            if case .edit(let edit) = operation, edit.file == path { return edit }
            return nil
        }
        #expect(pageEdits.map(\.range) == [body] + [try Self.removal(of: "[jump]: #restarting-the-job", in: text), try Self.removal(of: "[^gone]: Only the part cites this.", in: text)].map { operation in
            guard case .edit(let edit) = operation else { return 0..<0 }
            return edit.range
        })
        // Applied from the end, as an editor applies a WorkspaceEdit's edits (all against the original).
        var page = SourceText(text)
        for edit in pageEdits.sorted(by: { $0.range.lowerBound > $1.range.lowerBound }) { page.replace(edit.range, with: Array(edit.newText.utf8)) }
        #expect(page.string.hasSuffix("## Getting help\n\nAsk the owners.[^help]\n\n[^help]: Or see [^deep].\n[^deep]: The runbook.\n"))
        guard case .newFile(_, let newText)? = move.operations.last else {
            Issue.record("no new page")
            return
        }
        #expect(newText.hasSuffix("Restart it by hand.\n\n[jump]: #restarting-the-job\n[^deep]: The runbook.\n\n[^gone]: Only the part cites this.\n"))
    }

    /// A link reference definition whose title runs over lines, or starts on the line after the
    /// destination, travels whole: no title line is left behind, and a duplicate in the part goes with
    /// all its lines.
    @Test func definitionsOverLinesTravelWhole() throws {
        let path = "docs/using/finding-owners.md"
        let text = try Self.findingOwners(definingEarlier: "[chart]: ../running/deploying-with-helm.md\n  \"Installing the chart\n  with Helm\"", appending: """
         See [the chart][chart].

        [chart]: ../running/second.md
        'A later duplicate,
        which never counted'

        [lookup]: #look-up-the-owner
        (How to look up
        the owner)

        ## Getting help

        Read [lookup].

        """)
        let (move, body, partBody) = try Self.movedSyncPart(of: text)
        #expect(move.operations == [
            .edit(FileEdit(file: path, range: body, newText: "\n\nSee [Running the ownership sync on Kubernetes](../running/running-the-ownership-sync-on-kubernetes.md) in Guides › Running the Portal.\n"
                           + "\n[lookup]: #look-up-the-owner\n(How to look up\nthe owner)\n\n")),
            try Self.removal(of: "[chart]: ../running/deploying-with-helm.md\n  \"Installing the chart\n  with Helm\"", in: text),
            .newFile(path: "docs/running/running-the-ownership-sync-on-kubernetes.md", text: "# Running the ownership sync on Kubernetes" + partBody
                     + " See [the chart][chart].\n\n\n[lookup]: ../using/finding-owners.md#look-up-the-owner\n(How to look up\nthe owner)\n"
                     + "\n[chart]: deploying-with-helm.md\n  \"Installing the chart\n  with Helm\"\n"),
        ])
    }

    /// The move takes the definitions as the page's scanner reads them, each with all its lines: a
    /// duplicate in a block quote leaves with its title lines and quote markers (the quote's text
    /// after it stays), a footnote in an item opened on one line with another (`- - [^n]:`) stays for
    /// the rest of the page, and what reads as a definition inside raw HTML is none.
    @Test func definitionsTravelAsTheScannerReadsThem() throws {
        let path = "docs/using/finding-owners.md"
        let text = try Self.findingOwners(definingEarlier: "[chart]: ../running/deploying-with-helm.md\n<div>\n*[KSA]: raw HTML, no definition\n</div>", appending: """
         See [the chart][chart], the KSA and the note[^n].

        > [chart]: ../running/second.md
        > 'A later duplicate,
        > which never counted'
        > Quoted text after it.

        - - [^n]: A note in a nested item.

        ## Getting help

        Read the note[^n].

        """)
        let (move, body, partBody) = try Self.movedSyncPart(of: text)
        #expect(move.operations == [
            .edit(FileEdit(file: path, range: body, newText: "\n\nSee [Running the ownership sync on Kubernetes](../running/running-the-ownership-sync-on-kubernetes.md) in Guides › Running the Portal.\n"
                           + "\n[^n]: A note in a nested item.\n\n")),
            // The first [chart] leaves; the raw HTML after it stays.
            try Self.removal(of: "[chart]: ../running/deploying-with-helm.md", in: text),
            .newFile(path: "docs/running/running-the-ownership-sync-on-kubernetes.md", text: "# Running the ownership sync on Kubernetes" + partBody
                     + " See [the chart][chart], the KSA and the note[^n].\n\n> Quoted text after it.\n\n- - [^n]: A note in a nested item.\n"
                     + "\n[chart]: deploying-with-helm.md\n"),
        ])
    }

    /// A duplicate that opens a list item leaves with its text only: the item's marker stays, and the
    /// item's next line with it (review: the marker went too, and the line joined the paragraph above).
    @Test func aDuplicateThatOpensAListItemLeavesTheItem() throws {
        let text = try Self.findingOwners(definingEarlier: "[chart]: ../running/deploying-with-helm.md", appending: """
         See [the chart][chart].

        Intro paragraph.
        - [chart]: ../running/second.md
          Item text after it.

        ## Getting help

        Ask in the channel.

        """)
        let (move, _, partBody) = try Self.movedSyncPart(of: text)
        guard case .newFile(_, let newText)? = move.operations.last else {
            Issue.record("no new page")
            return
        }
        #expect(newText == "# Running the ownership sync on Kubernetes" + partBody
                + " See [the chart][chart].\n\nIntro paragraph.\n- \n  Item text after it.\n\n[chart]: deploying-with-helm.md\n")
    }

    @Test func footnoteDefinitionsInQuotesAndListItems() {
        let text = SourceText("""
            Text.

                [^h]: indented code

            > Quoted.
            >
            > [^a]: One
            >     two
            >
            >     three
            > After.

            - [^b]: Item
                  more
            10.  [^c]: Wide

                 [^d]: Own line
            Lazy [^e]: not a definition
                [^f]: neither (a paragraph's continuation)

            > - [^g]: Both\r
            >       on\r
            ok

            """)
        let document = WorkspaceDocument(path: "p.md", text: text)
        let found = PlacementActions.labelledDefinitions(in: document).filter { $0.label.hasPrefix("^") }
        #expect(found.map(\.label) == ["^a", "^b", "^c", "^d", "^g"])
        #expect(found.map { text.string(in: $0.range) } == [
            "> [^a]: One\n>     two\n>\n>     three", "- [^b]: Item\n      more", "10.  [^c]: Wide",
            "     [^d]: Own line\nLazy [^e]: not a definition\n    [^f]: neither (a paragraph's continuation)", "> - [^g]: Both\r\n>       on\r\nok",
        ])
        // Lazy lines (not indented) are the footnote's too, as in GFM, their indentation kept.
        #expect(found.map { $0.segments.map { text.string(in: $0) } } == [
            ["[^a]: One", "    two", "", "    three"], ["[^b]: Item", "    more"], ["[^c]: Wide"],
            ["[^d]: Own line", "Lazy [^e]: not a definition", "    [^f]: neither (a paragraph's continuation)"], ["[^g]: Both", "    on", "ok"],
        ])
        let abbreviations = PlacementActions.abbreviationDefinitions(in: WorkspaceDocument(path: "p.md", text: SourceText("> *[A]: one\n- *[B]: two\n  *[C]: three\n")))
        #expect(abbreviations.map(\.abbreviation) == ["A", "B", "C"])
        #expect(abbreviations.map(\.range) == [0..<11, 12..<23, 24..<37])
        #expect(abbreviations.map(\.text) == [2..<11, 14..<23, 24..<37])
    }

    @Test func abbreviationsAreWordsOutsideCode() {
        let document = WorkspaceDocument(path: "p.md", text: SourceText("*[A.B]: one\n   *[C]: two\r\n```\n*[D]: code\n```\n    *[E]: indented code\n*[]: empty\n"))
        #expect(PlacementActions.abbreviationDefinitions(in: document).map(\.abbreviation) == ["A.B", "C"])
        #expect(PlacementActions.abbreviationDefinitions(in: document).map(\.range) == [0..<11, 12..<24])
        let text = SourceText("KSAs, xKSA, KSA_1 and `KSA` — but ÉKSA? No: (KSA).")
        let all = [0..<text.count]
        #expect(PlacementActions.usesWord("KSA", text, in: all, skipping: []))
        let parenthesised = text.string.utf8.count - 6
        #expect(!PlacementActions.usesWord("KSA", text, in: all, skipping: [22..<27, parenthesised..<(parenthesised + 4)]))
        #expect(PlacementActions.usesWord("C++", SourceText("Use C++."), in: [0..<8], skipping: []))
        #expect(!PlacementActions.usesWord("ksa", text, in: all, skipping: []))
    }

    @Test func footnoteDefinitionsRunOverTheirIndentedLines() {
        let document = WorkspaceDocument(path: "p.md", text: SourceText("Text[^a].\n\n[^a]: One\n    two\n\n    three\n\nAfter.\n```\n[^b]: code\n```\n   [^C d]: x\r\n"))
        let found = PlacementActions.labelledDefinitions(in: document).filter { $0.label.hasPrefix("^") }
        #expect(found.map { document.text.string(in: $0.range) } == ["[^a]: One\n    two\n\n    three", "   [^C d]: x"])
        #expect(found.map(\.label) == ["^a", "^c d"])
    }

    @Test func referenceLabelsMatchAsCommonMarkDoes() {
        #expect(MarkdownText.referenceLabel(Array("  Helm\t Upgrade ".utf8)) == "helm upgrade")
        #expect(MarkdownText.referenceLabel(Array("Straße".utf8)) == MarkdownText.referenceLabel(Array("STRASSE".utf8)))
        #expect(MarkdownText.referenceLabel(Array("UI kit\n> > Ref".utf8)) == "ui kit ref")
        #expect(MarkdownText.referenceLabel(Array("a > b\r\n  c".utf8)) == "a > b c")
        let text = SourceText("[a][Helm  Chart] \\[not] [x\n y] [skip] [c]")
        let skip = try! #require(text.string.range(of: "[skip]"))
        let skipStart = text.string.utf8.distance(from: text.string.startIndex, to: skip.lowerBound)
        #expect(PlacementActions.bracketedLabels(text, in: [0..<text.count], skipping: [skipStart..<skipStart + 6]) == ["a", "helm chart", "x y", "c"])
    }

    /// The new page's name: words and digits joined by single hyphens, whatever symbols, code or
    /// emoji the heading holds (it was "running-the-ownership-sync-job-on-k8skubernetes--helm-.md").
    @Test func theNewPageIsNamedByTheHeadingsWords() {
        #expect(PlacementActions.fileStem("Running the `ownership-sync` job on K8s/Kubernetes & Helm 🚀") == "running-the-ownership-sync-job-on-k8s-kubernetes-helm")
        #expect(PlacementActions.fileStem("Déployer l’index — étape 2") == "déployer-l-index-étape-2")
        #expect(PlacementActions.fileStem("🚀 !!!") == "part")
        #expect(PlacementActions.fileStem("[Linked](x.md) *emphasis* and __more__") == "linked-emphasis-and-more")
        let long = PlacementActions.fileStem(String(repeating: "configuration ", count: 10))
        #expect(long == Array(repeating: "configuration", count: 5).joined(separator: "-") && long.utf8.count <= 80)
    }

    /// The link left behind keeps the heading's inline code; a heading with a link gives its plain text.
    @Test func theLinkLeftBehindKeepsTheHeadingsMarkup() throws {
        let fixture = PlacementTestWorkspace.findingOwners
        for (heading, linkText, file) in [("## Running the `ownership-sync` job on Kubernetes", "Running the `ownership-sync` job on Kubernetes", "running-the-ownership-sync-job-on-kubernetes"),
                                          ("## Running the [sync](https://example.com) job on Kubernetes", "Running the sync job on Kubernetes", "running-the-sync-job-on-kubernetes")] {
            let text = fixture.replacingOccurrences(of: "## Running the ownership sync on Kubernetes", with: heading) + "\n## Getting help\n\nAsk in the channel.\n"
            let path = "docs/using/finding-owners.md"
            let snapshot = PlacementTestWorkspace.snapshot([path: text])
            let found = RuleRegistry.diagnostics(for: path, in: snapshot).filter { $0.code == "misplaced-section" }
            try #require(found.count == 1, "\(heading)")
            let move = try #require(CodeActionRegistry.actions(in: path, range: found[0].range, diagnostics: found, snapshot: snapshot).first { $0.title.hasPrefix("Move") })
            guard case .edit(let edit)? = move.operations.first else {
                Issue.record("no edit of the page")
                continue
            }
            #expect(edit.newText.hasPrefix("\n\nSee [\(linkText)](../running/\(file).md) in Guides › Running the Portal.\n"), "\(heading)")
        }
    }

    /// A heading's leading symbols give no leading hyphen; a name of exactly 80 bytes is kept whole,
    /// and a single word longer than that is cut at 80 bytes.
    @Test func theNewPageNameAtItsEdges() {
        #expect(PlacementActions.fileStem("🚀 Launch day") == "launch-day")
        let a = String(repeating: "a", count: 39), b = String(repeating: "b", count: 40)
        #expect(PlacementActions.fileStem("\(a) \(b) c") == a + "-" + b)
        #expect(PlacementActions.fileStem(String(repeating: "x", count: 100)) == String(repeating: "x", count: 80))
        // Cut at 80 bytes, not characters, and never inside a character: 40 two-byte letters.
        #expect(PlacementActions.fileStem(String(repeating: "é", count: 100)) == String(repeating: "é", count: 40))
    }

    /// Definitions that end the page leave with the blank line before them, with CRLF line breaks
    /// as with LF ones: the page ends with its last paragraph.
    @Test func theLastDefinitionsTakeTheBlankLineBeforeThemWithCRLF() throws {
        let path = "docs/using/finding-owners.md"
        for lineBreak in ["\n", "\r\n"] {
            let text = try Self.findingOwners(appending: " Read about the [CronJob].\n\n## Getting help\n\nAsk the owners.\n\n[cronjob]: https://kubernetes.io/cron\n")
                .replacingOccurrences(of: "\n", with: lineBreak)
            let snapshot = PlacementTestWorkspace.snapshot([path: text])
            let found = RuleRegistry.diagnostics(for: path, in: snapshot).filter { $0.code == "misplaced-section" }
            try #require(found.count == 1)
            let move = try #require(CodeActionRegistry.actions(in: path, range: found[0].range, diagnostics: found, snapshot: snapshot).first { $0.title.hasPrefix("Move") })
            var bytes = Array(text.utf8)
            let edits = move.operations.compactMap { operation -> FileEdit? in
                guard case .edit(let edit) = operation, edit.file == path else { return nil }
                return edit
            }
            for edit in edits.sorted(by: { $0.range.lowerBound > $1.range.lowerBound }) { bytes.replaceSubrange(edit.range, with: Array(edit.newText.utf8)) }
            #expect(String(decoding: bytes, as: UTF8.self).hasSuffix("\(lineBreak)Ask the owners.\(lineBreak)"), "\(lineBreak.utf8.count)")
        }
    }

    @Test func theNewPageTakesAFreeName() throws {
        let path = "docs/using/finding-owners.md"
        let taken = "docs/running/running-the-ownership-sync-on-kubernetes.md"
        let snapshot = PlacementTestWorkspace.snapshot([path: PlacementTestWorkspace.findingOwners, taken: "# Taken\n\nA page of that name is already there.\n"])
        let found = RuleRegistry.diagnostics(for: path, in: snapshot).filter { $0.code == "misplaced-section" }
        try #require(found.count == 1)
        let move = try #require(CodeActionRegistry.actions(in: path, range: found[0].range, diagnostics: found, snapshot: snapshot).first { $0.title.hasPrefix("Move") })
        #expect(move.operations.contains { if case .newFile(path: "docs/running/running-the-ownership-sync-on-kubernetes-2.md", _) = $0 { true } else { false } })
    }
}
