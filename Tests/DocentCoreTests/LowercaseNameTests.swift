import Testing
@testable import DocentCore

/// Which Title Case terms the glossary's own definitions make common nouns, by how they write them
/// mid-sentence (`Glossary.lowercaseNames`, `isLowercaseName(ofEntry:properNames:)`).
@Suite struct LowercaseNameTests {
    /// The terms of the glossary made of `files` (path, text) that are written in lower case.
    func lowercaseTerms(_ files: [(String, String)], properNames: [String] = []) -> [String] {
        let glossary = Glossary(files: files.map { GlossaryParser.parse(SourceText($0.1), path: $0.0) })
        return glossary.entries.indices.filter { glossary.isLowercaseName(ofEntry: $0, properNames: properNames) }.map { glossary.entries[$0].term }
    }

    func withGroup(_ definition: String) -> [String] {
        lowercaseTerms([("glossary.md", "# Glossary\n\n## Group\n\n\(definition)\n\n## User Role\n\nA set of permissions.\n")])
    }

    /// Lower case must win: a tie with the glossary's own capitals is a name.
    @Test func lowerCaseMustOutnumberTheCapitals() {
        #expect(withGroup("A team with a user role.") == ["User Role"])
        #expect(withGroup("A team with a user role and a User Role of its own.") == [])
    }

    /// Only the glossary's exact spelling counts as capitalised: "User role" is neither.
    @Test func aHalfCapitalisedUseCountsForNeither() {
        #expect(withGroup("A team with a user role, or a User role.") == ["User Role"])
    }

    /// Mid-sentence is after a word, a comma, or a character beyond ASCII (a curly quote).
    @Test func afterACommaOrACurlyQuoteIsMidSentence() {
        #expect(withGroup("Members, user roles and teams.") == ["User Role"])
        #expect(withGroup("A team with a “user role”.") == ["User Role"])
    }

    /// A name with capitals inside ("DocHub") is never a common noun, however the prose writes it.
    @Test func aSpeciallyCasedNameIsNeverLowerCase() {
        #expect(lowercaseTerms([("glossary.md", "# Glossary\n\n## DocHub\n\nThe viewer.\n\n## Portal\n\nA site that hosts the dochub and more.\n")]) == [])
    }

    /// A term file's long text counts as its definition does; a `proper name` tag (either
    /// spelling) keeps the capitals.
    @Test func termFilesCountTheirDetailsAndHonourTheProperNameTag() {
        let group = ("glossary/group.md", "---\ntitle: Group\nshort_description: A team.\n---\n<!--more-->\nIts members hold a user role.\n")
        func role(_ tags: String) -> (String, String) { ("glossary/user-role.md", "---\ntitle: User Role\n\(tags)---\nA set of permissions.\n") }
        #expect(lowercaseTerms([group, role("")]) == ["User Role"])
        #expect(lowercaseTerms([group, role("tags: [proper name]\n")]) == [])
        #expect(lowercaseTerms([group, role("tags: [proper-name]\n")]) == [])
    }
}
