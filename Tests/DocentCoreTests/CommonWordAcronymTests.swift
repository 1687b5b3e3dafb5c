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

    /// A capitalised word is not the acronym anywhere: at a sentence's start, in a title, a label, a
    /// list item or a table cell it is as often the word ("Contact Us", "Save As", "Turn It Off",
    /// "The Preparer Uses git") as a miscased acronym ("the Rest API", which goes unreported).
    @Test func aCapitalisedWordIsNeverTheAcronym() {
        #expect(matches("It works. Call the Rest API. Contact Us, Turn It Off; the Preparer Uses git; Its Features.") == [])
        #expect(matches("## Tell Us About It\n\n- Contact Us\n\n| Save As |\n|---|\n| It |\n") == [])
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
        #expect(CommonWords.isAcronymOfCommonWord("ARM") && CommonWords.isAcronymOfCommonWord("JAR"))
        // Not all capitals, too long, or no common word.
        #expect(!CommonWords.isAcronymOfCommonWord("It"))
        #expect(!CommonWords.isAcronymOfCommonWord("ABOUT"))
        #expect(!CommonWords.isAcronymOfCommonWord("JWT"))
        #expect(!CommonWords.isAcronymOfCommonWord("API"))
        #expect(!CommonWords.isAcronymOfCommonWord("RAM"))
    }
}
