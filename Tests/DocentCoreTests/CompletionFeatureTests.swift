import Testing
@testable import DocentCore

@Suite struct CompletionFeatureTests {
    /// The labels offered at marker 1️⃣ of a page in the shared terminology workspace (empty when
    /// completion answers nothing).
    func labels(_ marked: String) -> [String] {
        let page = MarkedText(marked)
        let snapshot = terminologySnapshot(["docs/page.md": page.text])
        return CompletionFeature.complete(at: page["1️⃣"], in: "docs/page.md", snapshot: snapshot, personaIDs: [])?.items.map(\.label) ?? []
    }

    @Test func proseRightAfterAURLStillCompletes() {
        #expect(labels("See https://example.com/x and Doc1️⃣ here.\n") == ["DocHub"])
        #expect(labels("See [the site](https://example.com/x) and Doc1️⃣\n") == ["DocHub"])
    }

    @Test func midWordTheWordRangeCoversTheRestOfTheWord() throws {
        let page = MarkedText("Open 2️⃣Doc1️⃣Hxyz3️⃣ now, or 4️⃣Doc5️⃣ here.\n")
        let snapshot = terminologySnapshot(["docs/page.md": page.text])
        let mid = try #require(CompletionFeature.complete(at: page["1️⃣"], in: "docs/page.md", snapshot: snapshot, personaIDs: []))
        #expect(mid.items.map(\.label) == ["DocHub"])
        #expect(mid.items.map(\.replaceRange) == [page.range("2️⃣", "1️⃣")])
        #expect(mid.items.map(\.wordRange) == [page.range("2️⃣", "3️⃣")])
        // At a word's end both ranges are the typed text.
        let end = try #require(CompletionFeature.complete(at: page["5️⃣"], in: "docs/page.md", snapshot: snapshot, personaIDs: []))
        #expect(end.items.map(\.wordRange) == [page.range("4️⃣", "5️⃣")])
    }

    @Test func nothingInsideOrAtTheEndOfAURL() {
        // Where the cursor is while the URL is being typed: at its end.
        #expect(labels("See https://example.com/Doc1️⃣ here.\n") == [])
        #expect(labels("See https://example.com/Doc1️⃣\n") == [])
        #expect(labels("See www.example.com/Doc1️⃣ here.\n") == [])
        #expect(labels("See <https://example.com/Doc1️⃣> here.\n") == [])
        #expect(labels("See [the site](https://example.com/Doc1️⃣) here.\n") == [])
        #expect(labels("See [the site][site].\n\n[site]: https://example.com/Doc1️⃣\n") == [])
        #expect(labels("See https://example.com/Doc1️⃣/more here.\n") == [])
    }
}
