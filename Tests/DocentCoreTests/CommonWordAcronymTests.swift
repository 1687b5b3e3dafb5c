import Testing
@testable import DocentCore

/// An acronym that spells a common English word (IT, US, AD, ON, REST) is used only where it is written
/// in capitals: "ask the IT desk" uses it, "if it fails", "It is fine", "tell us", "its status",
/// "uses" and "the rest" do not, so no casing warning, hover or fix touches ordinary English.
@Suite struct CommonWordAcronymTests {
    static let glossary = """
    # Glossary

    ## IT

    Information technology.

    ## US

    United States.

    ## AD

    Active Directory.

    ## REST

    An architectural style for web services.

    ## JWT

    JSON Web Token: a signed token.

    """

    func matches(_ markdown: String) -> [String] {
        let snapshot = terminologySnapshot(["docs/page.md": markdown], glossary: Self.glossary)
        let text = SourceText(markdown)
        return TermMatcher.matches(in: text, document: MarkdownScanner.scan(text, isMDX: false), glossary: snapshot.glossary)
            .map { text.string(in: $0.range) }
    }

    @Test func onlyTheCapitalsAreAUse() {
        #expect(matches("If it fails, ask the IT desk. It is fine. Tell us about its status; the tool uses it. Those ads are loud.")
                == ["IT"])
        #expect(matches("The rest of the page is about a REST API for the US office, two ADs and the ITs.") == ["REST", "US", "ADs", "ITs"])
    }

    /// Capitalised in the middle of a paragraph's sentence, the word is the acronym miscased; at a
    /// sentence's start, after a quote or in a heading it is the word.
    @Test func aCapitalisedWordIsTheAcronymOnlyMidSentence() {
        #expect(matches("It works. Call the Rest API, \"It\" said: Us too.") == ["Rest"])
        #expect(matches("## Tell Us About It\n\nText.") == [])
        checkTerminology("Call the ⟦Rest⟧ API.", glossary: Self.glossary, [("term-casing", .warning, "Write “REST”, not “Rest”", "REST")])
    }

    @Test func ordinaryEnglishDrawsNoWarningsWhileAMiscasedAcronymStillDoes() {
        checkTerminology("If it fails, tell us. It is fine; the rest uses its ads. Send the ⟦JWT⟧, then a ⟦jwt⟧.", glossary: Self.glossary, [
            spellOutJWT,
            ("term-casing", .warning, "Write “JWT”, not “jwt”", "JWT"),
        ])
    }

    @Test func theListHoldsShortCommonWordsOnly() {
        #expect(CommonWords.isAcronymOfCommonWord("IT"))
        #expect(CommonWords.isAcronymOfCommonWord("REST"))
        // Not all capitals, too long, or no common word.
        #expect(!CommonWords.isAcronymOfCommonWord("It"))
        #expect(!CommonWords.isAcronymOfCommonWord("ABOUT"))
        #expect(!CommonWords.isAcronymOfCommonWord("JWT"))
        #expect(!CommonWords.isAcronymOfCommonWord("API"))
        #expect(!CommonWords.isAcronymOfCommonWord("RAM"))
        #expect(!CommonWords.isAcronymOfCommonWord("JAR"))
    }
}
