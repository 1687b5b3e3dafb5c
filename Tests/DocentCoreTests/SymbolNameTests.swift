import Testing
@testable import DocentCore

/// Glossary names that hold symbols besides their words (".NET", "C++", "C#", "CI/CD", "A/B testing",
/// "R&D"): a use writes the symbols too, so "the net result" is no use of .NET, "Plan C" none of C++,
/// and "CI/CD" is found although a slash ends an ordinary multi-word use.
@Suite struct SymbolNameTests {
    static let glossary = """
    # Glossary

    ## .NET

    A developer platform from Microsoft.

    ## C++

    A compiled programming language.

    ## C#

    A managed programming language.

    ## CI/CD

    Building, testing and shipping every change automatically.

    ## A/B testing

    Showing two variants to compare how they do.

    ## R&D

    Research and development.

    ## Service Catalog

    The register of software and its owners.

    """

    /// Every match in `markdown` as (text as written, glossary name).
    func matches(_ markdown: String, glossary: String = SymbolNameTests.glossary) -> [(String, String)] {
        let snapshot = terminologySnapshot(["docs/page.md": markdown], glossary: glossary)
        let text = SourceText(markdown)
        return TermMatcher.matches(in: text, document: MarkdownScanner.scan(text, isMDX: false), glossary: snapshot.glossary)
            .map { (text.string(in: $0.range), snapshot.glossary.names[$0.name].text) }
    }

    @Test func aUseWritesTheNamesSymbolsAndTheRangeHoldsThem() {
        let found = matches("We build .NET and C++ and C# apps through CI/CD, run A/B testing, and fund R&D.")
        #expect(found.map(\.0) == [".NET", "C++", "C#", "CI/CD", "A/B testing", "R&D"])
        #expect(found.map(\.1) == [".NET", "C++", "C#", "CI/CD", "A/B testing", "R&D"])
    }

    @Test func theWordsWithoutTheSymbolsAreNoUse() {
        // The words of .NET, C++ and C# without their symbols; CI/CD and A/B testing parted by spaces or
        // by other symbols; C++ with one plus too many.
        #expect(matches("The net result: Plan C works, and CI CD, CI-CD, CI&CD, A B testing and C+++ do not.").isEmpty)
        // Inside a word the tokenizer keeps (`ASP.NET`) and after another symbol (`#.NET`), .NET is not used either.
        #expect(matches("ASP.NET and #.NET").isEmpty)
    }

    @Test func symbolGapsAllowSpacesAroundTheSymbols() {
        #expect(matches("CI / CD and R & D").map(\.1) == ["CI/CD", "R&D"])
    }

    @Test func sentencePunctuationAfterASuffixedNameIsNotPartOfIt() {
        #expect(matches("Written in C++. Then C#, then (.NET).").map(\.0) == ["C++", "C#", ".NET"])
    }

    @Test func aPluralOfANameWithASymbolGap() {
        #expect(matches("Two CI/CDs ran.").map(\.0) == ["CI/CDs"])
    }

    @Test func aPlainNameAndAnAffixedNameWithTheSameWordsAreTwoNames() {
        let glossary = "# Glossary\n\n## C\n\nA systems language.\n\n## C++\n\nIts successor.\n"
        #expect(matches("Plan C, then C++.", glossary: glossary).map(\.1) == ["C", "C++"])
        let snapshot = terminologySnapshot([:], glossary: glossary)
        #expect(snapshot.glossary.names.map(\.text) == ["C", "C++"])
        #expect(snapshot.glossary.entries(named: "C++").map { snapshot.glossary.entries[$0].term } == ["C++"])
        #expect(snapshot.glossary.entries(named: "c").map { snapshot.glossary.entries[$0].term } == ["C"])
    }

    @Test func entriesAreFoundByTheirNamesWithSymbols() {
        let glossary = terminologySnapshot([:], glossary: Self.glossary).glossary
        for name in [".NET", "CI/CD", "ci / cd", "A/B testing", "R&D", "C#"] {
            #expect(glossary.entries(named: name).count == 1, "\(name)")
        }
        // Written without its symbols or with others, a name is found by its words ("See CI CD." is
        // no dangling reference), all the names with them when no name is exactly it.
        func terms(_ name: String) -> [String] { glossary.entries(named: name).map { glossary.entries[$0].term } }
        #expect(terms("net") == [".NET"])
        #expect(terms("the .NET") == [".NET"])
        #expect(terms("CI CD") == ["CI/CD"])
        #expect(terms("CI-CD") == ["CI/CD"])
        #expect(terms("C") == ["C++", "C#"])
        #expect(terms("C#") == ["C#"])
    }

    @Test func correctUsesAreQuietAndMiscasedOnesAreFlaggedOverTheWholeUse() {
        checkTerminology("We ship .NET builds through CI/CD; the net effect is good.", glossary: Self.glossary, [])
        checkTerminology("We ship ⟦.net⟧ builds through ⟦ci/cd⟧ in ⟦c++⟧.", glossary: Self.glossary, [
            ("term-casing", .warning, "Write “.NET”, not “.net”", ".NET"),
            ("term-casing", .warning, "Write “CI/CD”, not “ci/cd”", "CI/CD"),
            ("term-casing", .warning, "Write “C++”, not “c++”", "C++"),
        ])
        // Spaces around the symbol are the writer's; the letters are still compared.
        checkTerminology("Through CI / CD and ⟦ci / cd⟧.", glossary: Self.glossary, [
            ("term-casing", .warning, "Write “CI/CD”, not “ci / cd”", "CI/CD"),
        ])
    }

    @Test func completionReplacesTheSymbolsAlreadyTyped() throws {
        func item(_ marked: String, _ label: String) throws -> (CompletionFeature.Item, MarkedText) {
            let page = MarkedText(marked)
            let snapshot = terminologySnapshot(["docs/page.md": page.text], glossary: Self.glossary)
            let result = try #require(CompletionFeature.complete(at: page["1️⃣"], in: "docs/page.md", snapshot: snapshot, personaIDs: []))
            return (try #require(result.items.first { $0.label == label }), page)
        }
        let (net, netPage) = try item("Port it to 2️⃣.ne1️⃣", ".NET")
        #expect(net.replaceRange == netPage.range("2️⃣", "1️⃣"))
        let (cicd, cicdPage) = try item("Set up 2️⃣CI/c1️⃣", "CI/CD")
        #expect(cicd.replaceRange == cicdPage.range("2️⃣", "1️⃣"))
        let (spaced, spacedPage) = try item("Set up 2️⃣CI / c1️⃣", "CI/CD")
        #expect(spaced.replaceRange == spacedPage.range("2️⃣", "1️⃣"))
        // Without the symbols typed, only the word is replaced.
        let (bare, barePage) = try item("Port it to 2️⃣ne1️⃣", ".NET")
        #expect(bare.replaceRange == barePage.range("2️⃣", "1️⃣"))
        // Text before the word that is not the name's beginning stays.
        let (other, otherPage) = try item("Set up x/2️⃣c1️⃣", "CI/CD")
        #expect(other.replaceRange == otherPage.range("2️⃣", "1️⃣"))
    }

    /// An abbreviation written with periods keeps its last one: "U.S." is used, whole, in "the U.S."
    /// and at a sentence's end, and the glossary's own spelling draws no casing warning.
    @Test func anAbbreviationWithPeriodsKeepsItsLastPeriod() {
        let glossary = "# Glossary\n\n## U.S.\n\nThe country.\n\n## e.g.\n\nFor example.\n"
        #expect(matches("Offices in the U.S. close, e.g. today; our U.S.-based staff; we moved to the U.S.", glossary: glossary).map(\.0)
                == ["U.S.", "e.g.", "U.S.", "U.S."])
        checkTerminology("Offices in the U.S. close; e.g. today.", glossary: glossary, [])
    }

    /// Right after a dot that follows a letter, the word is the rest of an abbreviation or a domain:
    /// only a name that writes the text before the dot too is offered ("U.S" gave "U.Self-service").
    @Test func completionAfterADottedWordOffersOnlyNamesWithTheDot() {
        let glossary = "# Glossary\n\n## U.S.\n\nThe country.\n\n## Self-service\n\nServing yourself.\n\n## Sandbox\n\nA place to try.\n"
        func labels(_ marked: String) -> [String] {
            let page = MarkedText(marked)
            let snapshot = terminologySnapshot(["docs/page.md": page.text], glossary: glossary)
            return CompletionFeature.complete(at: page["1️⃣"], in: "docs/page.md", snapshot: snapshot, personaIDs: [])?.items.map(\.label) ?? []
        }
        #expect(labels("Offices in the U.S1️⃣") == ["U.S."])
        #expect(labels("See example.s1️⃣") == [])
        // After a sentence's period and a space, any name.
        #expect(labels("It ends. S1️⃣").contains("Self-service"))
        #expect(labels("It ends. S1️⃣").contains("Sandbox"))
    }

    /// A name that starts with an article is found by it ("A record", "The Hub"); "the user role"
    /// still finds the User Role.
    @Test func aNameThatStartsWithAnArticleIsFoundWhole() {
        let glossary = terminologySnapshot([:], glossary: "# Glossary\n\n## A record\n\nA DNS record.\n\n## The Hub\n\nA place.\n\n## Record\n\nA row.\n\n## User Role\n\nPermissions.\n").glossary
        #expect(glossary.entries(named: "A record").map { glossary.entries[$0].term } == ["A record"])
        #expect(glossary.entries(named: "the hub").map { glossary.entries[$0].term } == ["The Hub"])
        #expect(glossary.entries(named: "the record").map { glossary.entries[$0].term } == ["Record"])
        #expect(glossary.entries(named: "the user roles").map { glossary.entries[$0].term } == ["User Role"])
    }

    /// A hyphen typed in a name parts its words as a space does.
    @Test func completionReadsAHyphenAsTheNamesWordBreak() throws {
        let glossary = "# Glossary\n\n## Wi-Fi\n\nWireless networking.\n\n## e-mail\n\nElectronic mail.\n"
        for marked in ["Connect to 2️⃣Wi-1️⃣", "Send an 2️⃣e-m1️⃣"] {
            let page = MarkedText(marked)
            let snapshot = terminologySnapshot(["docs/page.md": page.text], glossary: glossary)
            let result = try #require(CompletionFeature.complete(at: page["1️⃣"], in: "docs/page.md", snapshot: snapshot, personaIDs: []))
            #expect(result.items.map(\.label) == [marked.contains("Wi") ? "Wi-Fi" : "e-mail"])
            #expect(result.items.first?.replaceRange == page.range("2️⃣", "1️⃣"))
        }
        // A prefix typed with a hyphen ("re-", "co-") offers no name that merely starts with the letters.
        let page = MarkedText("We re-1️⃣")
        let snapshot = terminologySnapshot(["docs/page.md": page.text], glossary: glossary + "\n## Resource\n\nA thing.\n")
        #expect(CompletionFeature.complete(at: page["1️⃣"], in: "docs/page.md", snapshot: snapshot, personaIDs: [])?.items.map(\.label) ?? [] == [])
    }

    /// "Add to glossary" is not offered for a name the glossary has, symbols and all ("A/B testing",
    /// whose A is no article), and is for a phrase it lacks.
    @Test func addToGlossaryKnowsNamesWithSymbols() {
        let page = "We run A/B testing on .NET apps. CI CD and the C language."
        let snapshot = terminologySnapshot(["docs/page.md": page], glossary: Self.glossary)
        func offered(_ phrase: String) -> Bool {
            let start = page.utf8.distance(from: page.startIndex, to: page.range(of: phrase)!.lowerBound)
            return AddToGlossary.action(selection: start..<(start + phrase.utf8.count), in: "docs/page.md", snapshot: snapshot) != nil
        }
        #expect(!offered("A/B testing"))
        #expect(!offered(".NET"))
        #expect(offered("C language"))
    }

    /// Renaming C++ replaces each use whole, its "++" included, and leaves C# and a bare C alone.
    @Test func renameReplacesTheWholeUse() throws {
        let page = "We write C++ and C#, and Plan C. Port the C++ code.\n"
        let snapshot = terminologySnapshot(["docs/page.md": page], glossary: Self.glossary)
        let offset = page.utf8.distance(from: page.startIndex, to: page.range(of: "C++")!.lowerBound) + 1
        let edits = try RenameFeature.rename(at: offset, in: "docs/page.md", to: "Cpp", snapshot: snapshot).get()
        let pageEdits = edits.filter { $0.file == "docs/page.md" }
        #expect(String(decoding: TerminologyFixes.apply(pageEdits, to: Array(page.utf8)), as: UTF8.self) == "We write Cpp and C#, and Plan C. Port the Cpp code.\n")
        #expect(edits.contains { $0.file == "docs/glossary.md" && $0.newText == "Cpp" })
    }

    /// Possessives and plurals of a name with a prefix keep the prefix in the use.
    @Test func aPrefixedNameInflects() {
        #expect(matches("The .NET's runtime, two .NETs, the .net's tools.").map(\.0) == [".NET's", ".NETs", ".net's"])
        checkTerminology("The ⟦.net's⟧ tools.", glossary: Self.glossary, [("term-casing", .warning, "Write “.NET's”, not “.net's”", ".NET's")])
    }

    /// Punctuation around a name that no use holds is not asked for: "Backstage, Inc." is used as
    /// "Backstage, Inc" before the sentence's own period, and is spelled right.
    @Test func punctuationAfterTheNameIsNotPartOfItsSpelling() {
        let glossary = "# Glossary\n\n## Backstage, Inc.\n\nThe company.\n"
        checkTerminology("Backstage, Inc. sells it.", glossary: glossary, [])
        #expect(matches("Backstage, Inc. sells it.", glossary: glossary).map(\.0) == ["Backstage, Inc"])
    }

    /// Symbols between words alone do not make a Title Case name one to write in capitals.
    @Test func aTitleCaseNameWithASymbolGapMayBeWrittenInLowerCase() {
        let glossary = "# Glossary\n\n## Client/Server Architecture\n\nA way to split work.\n\n## Build & Deploy\n\nA pipeline step.\n"
        checkTerminology("We use a client/server architecture and a build & deploy step.", glossary: glossary, [])
    }

    /// Two spellings of one name that differ only between the words are one term defined twice;
    /// names with other symbols around the words are other terms.
    @Test func duplicatesCompareTheSymbolsAroundTheWords() {
        let glossary = "# Glossary\n\n## Pub/Sub\n\nMessaging.\n\n## Pub-Sub\n\nMessaging again.\n\n## C\n\nA language.\n\n## C++\n\nAnother.\n"
        let snapshot = terminologySnapshot([:], glossary: glossary)
        let found = RuleRegistry.diagnostics(for: "docs/glossary.md", in: snapshot).filter { $0.code == "glossary-duplicate" }
        #expect(found.map(\.message) == ["“Pub-Sub” is already defined at line 3"])
    }

    /// A rename writes the new name as a use holds it: "Backstage, Inc." used before a sentence's
    /// period becomes "Backstage Corp." with one period, not two.
    @Test func renameKeepsOnePeriodBeforeTheSentences() throws {
        let glossary = "# Glossary\n\n## Backstage, Inc.\n\nThe company.\n"
        let page = "We thank Backstage, Inc. The Backstage, Inc.'s team too.\n"
        let snapshot = terminologySnapshot(["docs/page.md": page], glossary: glossary)
        let offset = page.utf8.distance(from: page.startIndex, to: page.range(of: "Backstage")!.lowerBound)
        let edits = try RenameFeature.rename(at: offset, in: "docs/page.md", to: "Backstage Corp.", snapshot: snapshot).get()
        #expect(String(decoding: TerminologyFixes.apply(edits.filter { $0.file == "docs/page.md" }, to: Array(page.utf8)), as: UTF8.self)
                == "We thank Backstage Corp. The Backstage Corp.'s team too.\n")
        #expect(edits.contains { $0.file == "docs/glossary.md" && $0.newText == "Backstage Corp." })
    }

    /// A redirect written without the target's symbols points to the one name with its words, and to
    /// none when two names have them ("See C." with C++ and C# in the glossary).
    @Test func aRedirectWithoutSymbolsNeedsOneCandidate() {
        func discouraged(_ glossary: String) -> [String: [String]] {
            let snapshot = terminologySnapshot([:], glossary: glossary)
            var result: [String: [String]] = [:]
            for entry in snapshot.glossary.entries where !entry.aliases.isEmpty {
                result[entry.term] = entry.aliases.filter { $0.kind == .discouraged }.map(\.name)
            }
            return result
        }
        #expect(discouraged("# Glossary\n\n## C++\n\nA language.\n\n## Cee\n\nSee C.\n") == ["C++": ["Cee"]])
        #expect(discouraged("# Glossary\n\n## C++\n\nA language.\n\n## C#\n\nAnother.\n\n## Cee\n\nSee C.\n") == [:])
    }
}
