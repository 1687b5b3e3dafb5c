import Testing
@testable import DocentCore

@Suite struct GlobTests {
    @Test(arguments: [
        // `**` spans any number of segments, including none.
        ("**/*.md", "docs/guides/intro.md", true),
        ("**/*.md", "intro.md", true),
        ("**/*.md", "docs/intro.mdx", false),
        ("**/*.md", "docs/intro.md/child.txt", false),
        ("docs/**", "docs/a/b.md", true),
        ("docs/**", "docs", true),
        ("docs/**", "other/docs/a.md", false),
        ("docs/**/glossary.md", "docs/glossary.md", true),
        ("docs/**/glossary.md", "docs/a/b/glossary.md", true),
        ("docs/**/glossary.md", "docs/a/b/glossary.mdx", false),
        // `*` stays within one segment.
        ("*.md", "readme.md", true),
        ("*.md", "docs/readme.md", false),
        ("docs/*", "docs/a/b", false),
        ("docs/*.md", "docs/.md", true),
        ("a*b*c", "aXXbYYc", true),
        ("a*b*c", "aXXbYY", false),
        // Alternatives, classes, single characters.
        ("docs/{guides,reference}/*.md", "docs/guides/a.md", true),
        ("docs/{guides,reference}/*.md", "docs/reference/b.md", true),
        ("docs/{guides,reference}/*.md", "docs/other/c.md", false),
        ("{a,b}/{c,d}.md", "b/c.md", true),
        ("{a,b}/{c,d}.md", "b/e.md", false),
        ("file[ab].md", "filea.md", true),
        ("file[ab].md", "filec.md", false),
        ("file[a-c].md", "fileb.md", true),
        ("file[!a].md", "fileb.md", true),
        ("file[!a].md", "filea.md", false),
        ("?.md", "a.md", true),
        ("?.md", "ab.md", false),
        ("?.md", "/.md", false),
        // A plain path matches itself and what lies under it as a folder.
        ("docs/guides", "docs/guides", true),
        ("docs/guides", "docs/guides/x.md", true),
        ("docs/guides", "docs/guidesx/y.md", false),
        ("docs/guides", "docs", false),
        ("./docs/", "docs/a.md", true),
        ("glossary.md", "glossary.md", true),
        ("glossary.md", "docs/glossary.md", false),
    ] as [(String, String, Bool)])
    func matches(_ pattern: String, _ path: String, _ expected: Bool) {
        #expect(Glob(pattern).matches(path) == expected)
    }

    @Test func normalizesThePattern() {
        #expect(Glob("./docs/").pattern == "docs")
        #expect(Glob("././a/b//").pattern == "a/b")
        #expect(Glob("docs").hasWildcard == false)
        #expect(Glob("docs/*.md").hasWildcard)
        #expect(Glob("{a,b}").hasWildcard)
    }

    @Test func braceExpansion() {
        #expect(Glob.expandBraces("{a,b}/{c,d}") == ["a/c", "a/d", "b/c", "b/d"])
        #expect(Glob.expandBraces("x{,y}") == ["x", "xy"])
        #expect(Glob.expandBraces("no braces") == ["no braces"])
        #expect(Glob.expandBraces("open{only") == ["open{only"])
    }

    @Test func pathologicalPatternsFinishFast() {
        let deep = Array(repeating: "a", count: 400).joined(separator: "/")
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            #expect(Glob("**/**/**/**/**/**/x").matches(deep + "/y") == false)
            #expect(Glob("**/**/**/**/**/**/x").matches(deep + "/x"))
            #expect(Glob("*a*a*a*a*a*a*a*b").matches(String(repeating: "a", count: 5_000)) == false)
            #expect(Glob("**/*a*a*a*a*b/**").matches(Array(repeating: String(repeating: "a", count: 60), count: 60).joined(separator: "/")) == false)
        }
        #expect(elapsed < .seconds(2))
    }

    @Test(arguments: [
        ("docs/intro.md", true),
        ("docs/page.mdx", true),
        ("docs/notes.txt", false),
        ("node_modules/pkg/readme.md", false),
        ("docs/node_modules/pkg/readme.md", false),
        (".git/info.md", false),
        ("drafts/wip.md", false),
    ] as [(String, Bool)])
    func configurationIncludes(_ path: String, _ expected: Bool) {
        #expect(Configuration(exclude: ["drafts/**"]).includes(path) == expected)
    }

    @Test(arguments: [
        ("glossary.md", true),
        ("docs/Glossary.MD", true),
        ("docs/team-glossary.mdx", true),
        ("docs/glossary-of-terms.md", true),
        ("docs/api_glossary.md", true),
        ("docs/glossary/pod.md", true),
        // A page about glossaries, not a glossary: "glossary" is neither the name nor its first or last word.
        ("references/writing-a-glossary-entry.md", false),
        ("docs/glossaryentries.md", false),
        ("docs/glossary-entry-guide/intro.md", false),
        ("docs/glossary.txt", false),
        ("docs/terms.md", false),
        ("glossary", false),
    ] as [(String, Bool)])
    func glossariesFoundByName(_ path: String, _ expected: Bool) {
        #expect(Configuration.looksLikeGlossary(path) == expected)
        #expect((Configuration().glossarySource(for: path) != nil) == expected)
    }

    @Test func configuredGlossariesReplaceNaming() {
        let configuration = Configuration(glossaries: [GlossarySource(pattern: "reference/terms.md", format: .table), GlossarySource(pattern: "terms/*.md")])
        #expect(configuration.glossarySource(for: "reference/terms.md") == GlossarySource(pattern: "reference/terms.md", format: .table))
        #expect(configuration.glossarySource(for: "terms/pod.md") == GlossarySource(pattern: "terms/*.md"))
        #expect(configuration.glossarySource(for: "glossary.md") == nil)
    }
}
