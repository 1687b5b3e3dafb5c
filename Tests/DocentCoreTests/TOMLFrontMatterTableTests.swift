import Testing
@testable import DocentCore

@Suite struct TOMLFrontMatterTableTests {
    /// A key is a duplicate only within its own table.
    @Test func duplicateKeysAreCountedPerTable() throws {
        let apart = try #require(FrontMatterReader.read(SourceText("+++\ntitle = \"A\"\n[params]\ntitle = \"B\"\n+++\nBody\n")))
        #expect(apart.problems == [])
        let twice = try #require(FrontMatterReader.read(SourceText("+++\ntitle = \"A\"\n[params]\nauthor = \"Ana\"\nauthor = \"Bo\"\n+++\nBody\n")))
        #expect(twice.problems.map(\.message) == ["Duplicate front-matter key `author`"])
    }

    /// A multi-line literal string ('''…''') keeps its backslashes, as a one-line literal does.
    @Test func multilineLiteralStringsHaveNoEscapes() throws {
        let frontMatter = try #require(FrontMatterReader.read(SourceText("+++\npath = '''\nC:\\new\\table'''\none = 'C:\\new'\n+++\nBody\n")))
        #expect(frontMatter.problems == [])
        #expect(frontMatter.string("one") == "C:\\new")
        #expect(frontMatter.string("path") == "C:\\new\\table")
    }
}
