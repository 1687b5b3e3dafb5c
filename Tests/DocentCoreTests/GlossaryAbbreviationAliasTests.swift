import Testing
@testable import DocentCore

/// An all-caps name given with "Also known as" in a definition is the entry's abbreviation: the glossary
/// records it like `(AKA X)`, so term-abbreviation asks for it to be spelled out on first use.
@Suite struct GlossaryAbbreviationAliasTests {
    static let glossary = """
        # Glossary

        ## Single Sign-On

        One login for many tools. Also known as SSO.

        ## Build Runner

        Runs the build. Also known as the Runner.

        ## MFA

        Multi-factor authentication. Also known as TFA.
        """

    @Test func anAllCapsAlsoKnownAsNameIsAnAbbreviationOfTheTerm() throws {
        let file = GlossaryParser.parse(SourceText(Self.glossary), path: "docs/glossary.md")
        #expect(file.entries.map(\.term) == ["Single Sign-On", "Build Runner", "MFA"])
        #expect(file.entries[0].aliases.map(\.name) == ["SSO"])
        #expect(file.entries[0].aliases.map(\.kind) == [.aka])
        // Not all caps: an ordinary alternative name.
        #expect(file.entries[1].aliases.map(\.kind) == [.alsoKnownAs])
        // The term is itself an abbreviation: the other name is not its expansion.
        #expect(file.entries[2].aliases.map(\.kind) == [.alsoKnownAs])
    }

    @Test func termAbbreviationSpellsOutAnAlsoKnownAsAbbreviation() {
        let page = "Sign in once with SSO. Then SSO again.\n"
        let snapshot = WorkspaceSnapshot(documents: [WorkspaceDocument(path: "docs/glossary.md", text: SourceText(Self.glossary)),
                                                     WorkspaceDocument(path: "docs/page.md", text: SourceText(page))])
        let diagnostics = RuleRegistry.diagnostics(for: "docs/page.md", in: snapshot).filter { $0.code == "term-abbreviation" }
        #expect(diagnostics.map(\.message) == ["Spell out “SSO” on its first use: “Single Sign-On (SSO)”"])
        #expect(diagnostics.map(\.range) == [18..<21])
    }
}
