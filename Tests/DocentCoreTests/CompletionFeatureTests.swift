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

    /// A Title Case term that the glossary's own prose writes in lower case ("a [user role]") is a
    /// common noun: typed in lower case it is written so; typed with a capital, or a name the
    /// glossary keeps capitalised ("Service Catalog"), it keeps the glossary's spelling (review).
    @Test func aCommonNounTypedInLowerCaseIsWrittenInLowerCase() throws {
        func first(_ marked: String, properNames: [String] = []) throws -> (label: String, written: String) {
            let page = MarkedText(marked)
            let snapshot = terminologySnapshot(["docs/page.md": page.text], configuration: Configuration(glossaries: [GlossarySource(pattern: "docs/glossary.md")], properNames: properNames))
            let item = try #require(CompletionFeature.complete(at: page["1️⃣"], in: "docs/page.md", snapshot: snapshot, personaIDs: [])?.items.first)
            return (item.label, item.insertText ?? item.label)
        }
        #expect(try first("Pick a user r1️⃣") == ("User Role", "user role"))
        #expect(try first("Pick a User r1️⃣") == ("User Role", "User Role"))
        #expect(try first("Pick a user r1️⃣", properNames: ["User Role"]) == ("User Role", "User Role"))
        #expect(try first("Open the service cat1️⃣") == ("Service Catalog", "Service Catalog"))
    }

    /// The first item offered at marker 1️⃣ and the text accepting it replaces.
    func firstItemAndReplacedText(_ marked: String, glossary: String = terminologyGlossary) throws -> (label: String, replaced: String) {
        let page = MarkedText(marked)
        let snapshot = terminologySnapshot(["docs/page.md": page.text], glossary: glossary)
        let item = try #require(CompletionFeature.complete(at: page["1️⃣"], in: "docs/page.md", snapshot: snapshot, personaIDs: [])?.items.first)
        return (item.label, String(decoding: Array(page.text.utf8)[item.replaceRange], as: UTF8.self))
    }

    /// The typed text begins a later word of a term and the words before it are its earlier words
    /// misspelt: accepting the term replaces them too (review: "Develper Por" left "Develper
    /// Developer Portal"). Words that are not near the term's stay.
    @Test func aTermCompletedAfterItsMisspeltFirstWordsReplacesThem() throws {
        func first(_ marked: String) throws -> (label: String, replaced: String) { try firstItemAndReplacedText(marked) }
        #expect(try first("Open the Servce Cat1️⃣") == ("Service Catalog", "Servce Cat"))
        #expect(try first("Open the sevrice cat1️⃣") == ("Service Catalog", "sevrice cat"))
        #expect(try first("Open the big cat1️⃣") == ("Service Catalog", "cat"))
        #expect(try first("Open the service cat1️⃣") == ("Service Catalog", "service cat"))
    }

    /// The edges of replacing misspelt earlier words: typed text that could start the term itself
    /// ("Da" of Data Dashboard) replaces only itself; every earlier word of a longer term is taken
    /// back; a word counts within a third of its length in edits; punctuation before the space
    /// stops the look back, even before a one-letter word.
    @Test func misspeltEarlierWordsAreTakenBackOnlyWhenTheyAreTheTerms() throws {
        let glossary = "# Glossary\n\n## Data Dashboard\n\nA page of charts.\n\n## Search Index\n\nThe store of words.\n\n## Software Supply Chain\n\nWhere code comes from.\n\n## X Ray\n\nAn image of bones.\n"
        func first(_ marked: String) throws -> (label: String, replaced: String) { try firstItemAndReplacedText(marked, glossary: glossary) }
        #expect(try first("Pick a date Da1️⃣") == ("Data Dashboard", "Da"))
        #expect(try first("Check the Sofware Suply Ch1️⃣") == ("Software Supply Chain", "Sofware Suply Ch"))
        #expect(try first("Draw the sketch Ind1️⃣") == ("Search Index", "Ind"))
        #expect(try first("Draw the serch Ind1️⃣") == ("Search Index", "serch Ind"))
        #expect(try first("Take an image, Ra1️⃣") == ("X Ray", "Ra"))
    }

    /// Front matter completes in its own syntax: YAML `key: `, TOML `key = `, JSON `"key": `, and
    /// persona ids quoted where the syntax wants strings (inside the writer's quote when typed).
    @Test func frontMatterCompletesInItsOwnSyntax() throws {
        func items(_ marked: String, path: String = "docs/page.md") throws -> (CompletionFeature.Result, MarkedText) {
            let page = MarkedText(marked)
            let snapshot = terminologySnapshot([path: page.text])
            return (try #require(CompletionFeature.complete(at: page["1️⃣"], in: path, snapshot: snapshot, personaIDs: ["end-user", "administrator"])), page)
        }
        func written(_ result: CompletionFeature.Result) -> [String] { result.items.map { $0.insertText ?? $0.label } }
        // Keys not yet written.
        let (yamlKeys, yamlPage) = try items("---\ntitle: A\n2️⃣per1️⃣\n---\n")
        #expect(written(yamlKeys) == ["persona: ", "audience: ", "description: ", "tags: "])
        #expect(yamlKeys.items.first?.replaceRange == yamlPage.range("2️⃣", "1️⃣"))
        #expect(written(try items("+++\ntitle = \"A\"\n  per1️⃣\n+++\n").0) == ["persona = ", "audience = ", "description = ", "tags = "])
        let (jsonKeys, jsonPage) = try items("{\n  \"title\": \"A\",\n  2️⃣\"per1️⃣\n}\n")
        #expect(written(jsonKeys) == ["\"persona\": ", "\"audience\": ", "\"description\": ", "\"tags\": "])
        #expect(jsonKeys.items.map(\.filterText).first == "\"persona\"")
        #expect(jsonKeys.items.first?.replaceRange == jsonPage.range("2️⃣", "1️⃣"))
        #expect(jsonKeys.items.allSatisfy { $0.additionalEdits.isEmpty })
        // After a member without its comma (a blank line between), accepting a key adds the comma.
        let (afterLast, afterLastPage) = try items("{\n  \"title\": \"A\"3️⃣\n\n  \"per1️⃣\n}\n")
        #expect(afterLast.items.first?.additionalEdits == [FileEdit(file: "docs/page.md", range: afterLastPage["3️⃣"]..<afterLastPage["3️⃣"], newText: ",")])
        #expect(try items("{\n  per1️⃣\n}\n").0.items.allSatisfy { $0.additionalEdits.isEmpty })
        // Persona values.
        let (yamlValue, yamlValuePage) = try items("---\npersona: 2️⃣adm1️⃣\n---\n")
        #expect(written(yamlValue) == ["end-user", "administrator"])
        #expect(yamlValue.items.first?.replaceRange == yamlValuePage.range("2️⃣", "1️⃣"))
        let (tomlValue, tomlValuePage) = try items("+++\npersona = 2️⃣adm1️⃣\n+++\n")
        #expect(written(tomlValue) == ["\"end-user\"", "\"administrator\""])
        #expect(tomlValue.items.first?.replaceRange == tomlValuePage.range("2️⃣", "1️⃣"))
        let (quoted, quotedPage) = try items("+++\npersona = \"2️⃣adm1️⃣\n+++\n")
        #expect(written(quoted) == ["end-user", "administrator"])
        #expect(quoted.items.first?.replaceRange == quotedPage.range("2️⃣", "1️⃣"))
        let (jsonValue, jsonValuePage) = try items("{\n  \"audience\": [\"end-user\", 2️⃣1️⃣\n}\n")
        #expect(written(jsonValue) == ["\"end-user\"", "\"administrator\""])
        #expect(jsonValue.items.first?.replaceRange == jsonValuePage.range("2️⃣", "1️⃣"))
        #expect(written(try items("{\n  \"persona\": \"2️⃣adm1️⃣\n}\n").0) == ["end-user", "administrator"])
        // `personas:` takes them too, in a flow list (review: nothing was offered).
        let (flow, flowPage) = try items("---\npersonas: [end-user, 2️⃣int1️⃣\n---\n")
        #expect(written(flow) == ["end-user", "administrator"])
        #expect(flow.items.first?.replaceRange == flowPage.range("2️⃣", "1️⃣"))
        // Other keys' values, and a closed string, get nothing.
        #expect(try items("{\n  \"title\": \"adm1️⃣\n}\n").0.items.isEmpty)
        #expect(try items("+++\npersona = \"administrator\" 1️⃣\n+++\n").0.items.isEmpty)
    }

    /// Docent reads its front-matter keys at the top level only, so neither keys nor persona ids are
    /// offered inside a nested map, table, object or array.
    @Test func frontMatterKeysAreOfferedAtTheTopLevelOnly() throws {
        func labels(_ marked: String) -> [String] {
            let page = MarkedText(marked)
            let snapshot = terminologySnapshot(["docs/page.md": page.text])
            return CompletionFeature.complete(at: page["1️⃣"], in: "docs/page.md", snapshot: snapshot, personaIDs: ["end-user", "administrator"])?.items.map(\.label) ?? []
        }
        let keys = ["persona", "audience", "title", "description", "tags"]
        // YAML: an indented line belongs to the map above it.
        #expect(labels("---\ntitle: A\nparams:\n  per1️⃣\n---\n") == [])
        #expect(labels("---\nparams:\n  persona: adm1️⃣\n---\n") == [])
        #expect(labels("---\nparams:\n  a: b\nper1️⃣\n---\n") == keys)
        #expect(labels("---\nparams:\n  a: b\npersona: adm1️⃣\n---\n") == ["end-user", "administrator"])
        // In a list, and in a string over several lines.
        #expect(labels("---\ntags:\n- a\n- per1️⃣\n---\n") == [])
        #expect(labels("---\ndescription: |\n  A long\n  per1️⃣\n---\n") == [])
        #expect(labels("+++\ntags = [\n  \"a\",\n  per1️⃣\n]\n+++\n") == [])
        #expect(labels("+++\ndescription = \"\"\"\nA long\nper1️⃣\n\"\"\"\n+++\n") == [])
        #expect(labels("+++\ntags = [\"a\"]\nper1️⃣\n+++\n") == ["persona", "audience", "title", "description"])
        // TOML: after a table header, keys are the table's.
        #expect(labels("+++\ntitle = \"A\"\n[params]\nper1️⃣\n+++\n") == [])
        #expect(labels("+++\n[params]\npersona = \"adm1️⃣\n+++\n") == [])
        #expect(labels("+++\nper1️⃣\n[params]\nx = 1\n+++\n") == keys)
        // JSON: inside an object or array that is a member's value; braces in strings do not count.
        #expect(labels("{\n  \"params\": {\n    \"per1️⃣\n  }\n}\n") == [])
        #expect(labels("{\n  \"params\": {\n    \"persona\": \"adm1️⃣\n  }\n}\n") == [])
        #expect(labels("{\n  \"tags\": [\n    per1️⃣\n  ]\n}\n") == [])
        #expect(labels("{\n  \"params\": { \"a\": \"{ \\\" [\" },\n  \"per1️⃣\n}\n") == keys)
    }

    /// A JSON key typed on a line of its own is a whole member: its snippet puts the cursor in its value
    /// and brings the comma the member after it needs (only then), so the block is valid JSON once the
    /// value is filled in. The plain text is the key alone: the cursor ends where the text does, so a
    /// comma there would come before the value.
    @Test func jsonFrontMatterKeysBringTheCommaTheNextMemberNeeds() throws {
        func complete(_ marked: String, personaIDs: [String] = ["end-user", "administrator"]) throws -> ([CompletionFeature.Item], MarkedText) {
            let page = MarkedText(marked)
            let snapshot = terminologySnapshot(["docs/page.md": page.text])
            return (try #require(CompletionFeature.complete(at: page["1️⃣"], in: "docs/page.md", snapshot: snapshot, personaIDs: personaIDs)).items, page)
        }
        /// The text once `item` is accepted and `value` filled in: chosen or typed at the snippet's tab
        /// stop, or, in plain text, typed where the cursor is left, after the inserted text.
        func accepted(_ item: CompletionFeature.Item, in text: String, value: String, snippet: Bool) throws -> String {
            var inserted = try #require(item.insertText)
            if snippet {
                inserted = try #require(item.snippet)
                let stop = try #require(inserted.firstRange(of: "${1|").map { $0.lowerBound..<inserted.firstRange(of: "|}")!.upperBound } ?? inserted.firstRange(of: "$1"))
                inserted.replaceSubrange(stop, with: value)
            } else {
                inserted += value
            }
            var bytes = Array(text.utf8)
            for edit in ([FileEdit(file: "docs/page.md", range: item.replaceRange, newText: inserted)] + item.additionalEdits).sorted(by: { $0.range.lowerBound > $1.range.lowerBound }) {
                bytes.replaceSubrange(edit.range, with: Array(edit.newText.utf8))
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        func problems(_ text: String) throws -> [SyntaxProblem] { try #require(FrontMatterReader.read(SourceText(text))).problems }

        // Between two members: the comma after it in the snippet; the plain text leaves it to the writer.
        let (between, betweenPage) = try complete("{\n  \"title\": \"A\",\n  2️⃣\"per1️⃣\n  \"slug\": \"a\"\n}\n\nBody\n")
        #expect(between.map(\.label) == ["persona", "audience", "description", "tags"])
        #expect(between.map(\.insertText) == ["\"persona\": ", "\"audience\": ", "\"description\": ", "\"tags\": "])
        #expect(between.map(\.snippet) == [#""persona": "${1|end-user,administrator|}","#, #""audience": "${1|end-user,administrator|}","#,
                                           #""description": "$1","#, #""tags": ["$1"],"#])
        #expect(between.allSatisfy { $0.replaceRange == betweenPage.range("2️⃣", "1️⃣") && $0.additionalEdits.isEmpty })
        let filled = "{\n  \"title\": \"A\",\n  \"persona\": \"administrator\",\n  \"slug\": \"a\"\n}\n\nBody\n"
        #expect(try accepted(between[0], in: betweenPage.text, value: "administrator", snippet: true) == filled)
        #expect(try problems(filled) == [])
        let typed = try accepted(between[0], in: betweenPage.text, value: "\"administrator\"", snippet: false)
        #expect(typed == "{\n  \"title\": \"A\",\n  \"persona\": \"administrator\"\n  \"slug\": \"a\"\n}\n\nBody\n")
        #expect(try problems(typed).map(\.message) == ["Expected `,` before this member"])
        #expect(try accepted(between[3], in: betweenPage.text, value: "how-to", snippet: true) == "{\n  \"title\": \"A\",\n  \"tags\": [\"how-to\"],\n  \"slug\": \"a\"\n}\n\nBody\n")
        // After a member without its comma too: both commas with a snippet; the one before in plain text.
        let (both, bothPage) = try complete("{\n  \"title\": \"A\"3️⃣\n  2️⃣per1️⃣\n\n  \"slug\": \"a\"\n}\n")
        #expect(both[0].insertText == "\"persona\": ")
        #expect(both[0].additionalEdits == [FileEdit(file: "docs/page.md", range: bothPage["3️⃣"]..<bothPage["3️⃣"], newText: ",")])
        let bothFilled = try accepted(both[0], in: bothPage.text, value: "end-user", snippet: true)
        #expect(bothFilled == "{\n  \"title\": \"A\",\n  \"persona\": \"end-user\",\n\n  \"slug\": \"a\"\n}\n")
        #expect(try problems(bothFilled) == [])
        #expect(try accepted(both[0], in: bothPage.text, value: "\"end-user\"", snippet: false) == "{\n  \"title\": \"A\",\n  \"persona\": \"end-user\"\n\n  \"slug\": \"a\"\n}\n")
        // The last member owes no comma.
        let (last, lastPage) = try complete("{\n  \"title\": \"A\",\n  \"per1️⃣\n}\n")
        #expect(last[0].insertText == "\"persona\": ")
        #expect(last[0].snippet == #""persona": "${1|end-user,administrator|}""#)
        for snippet in [true, false] {
            let text = try accepted(last[0], in: lastPage.text, value: snippet ? "end-user" : "\"end-user\"", snippet: snippet)
            #expect(text == "{\n  \"title\": \"A\",\n  \"persona\": \"end-user\"\n}\n")
            #expect(try problems(text) == [])
        }
        // Nor does one before a comma written first on the next line.
        #expect(try complete("{\n  \"title\": \"A\"\n  per1️⃣\n  , \"slug\": \"a\"\n}\n").0[0].insertText == "\"persona\": ")
        // The quote an editor closed the typed one with is replaced too.
        let (closed, closedPage) = try complete("{\n  \"title\": \"A\",\n  2️⃣\"per1️⃣\"3️⃣\n  \"slug\": \"a\"\n}\n")
        #expect(closed[0].replaceRange == closedPage.range("2️⃣", "3️⃣"))
        #expect(closed[0].insertText == "\"persona\": ")
        #expect(try accepted(closed[0], in: closedPage.text, value: "end-user", snippet: true) == "{\n  \"title\": \"A\",\n  \"persona\": \"end-user\",\n  \"slug\": \"a\"\n}\n")
        // With more on the line, only the key, no snippet.
        let (more, morePage) = try complete("{\n  2️⃣\"per1️⃣xyz\": \"a\",\n  \"slug\": \"a\"\n}\n")
        #expect(more[0].insertText == "\"persona\": ")
        #expect(more[0].snippet == nil)
        #expect(more[0].replaceRange == morePage.range("2️⃣", "1️⃣"))
        // A YAML key that takes a persona gets the choice (other values need no quotes); TOML values are quoted.
        #expect(try complete("---\ntitle: A\nper1️⃣\nslug: a\n---\n").0.map(\.snippet) == ["persona: ${1|end-user,administrator|}", "audience: ${1|end-user,administrator|}", nil, nil])
        let toml = try complete("+++\ntitle = \"A\"\nper1️⃣\nslug = \"a\"\n+++\n").0
        #expect(toml.map(\.insertText) == ["persona = ", "audience = ", "description = ", "tags = "])
        #expect(toml.map(\.snippet) == [#"persona = "${1|end-user,administrator|}""#, #"audience = "${1|end-user,administrator|}""#, #"description = "$1""#, #"tags = ["$1"]"#])
        #expect(try complete("---\nper1️⃣ x\n---\n").0.map(\.snippet) == [nil, nil, nil, nil, nil])
        // Snippet metacharacters are escaped; in a choice, `,`, `|` and `\` alone.
        #expect(try complete("{\n  per1️⃣\n}\n", personaIDs: ["a$b", "c}d", #"e\f"#, "g,h", "i|j"]).0[0].snippet == #""persona": "${1|a$b,c}d,e\\f,g\,h,i\|j|}""#)
        #expect(CompletionFeature.snippetEscaped(#"$1 {x} \n, |"#) == #"\$1 {x\} \\n, |"#)
    }

    /// An accepted other name typed from its start is offered as itself, before the term it stands
    /// for: "JW" gives JWT (a page writes it after spelling it out once) and JSON Web Token; a
    /// discouraged name gives the preferred term alone (review: "JW" gave JSON Web Token only).
    @Test func anAbbreviationTypedIsOfferedAsItselfAndAsItsTerm() throws {
        let glossary = "# Glossary\n\n## JSON Web Token (AKA JWT)\n\nA signed token.\n\n## Blueprints\n\nTemplates for new projects.\n\n## Scaffolder\n\nKnown as Blueprints.\n"
        func items(_ marked: String) throws -> [CompletionFeature.Item] {
            let page = MarkedText(marked)
            let snapshot = terminologySnapshot(["docs/page.md": page.text], glossary: glossary)
            return try #require(CompletionFeature.complete(at: page["1️⃣"], in: "docs/page.md", snapshot: snapshot, personaIDs: [])).items
        }
        let typed = try items("Then JW1️⃣\n")
        #expect(typed.map(\.label) == ["JWT", "JSON Web Token"])
        #expect(typed.map(\.detail) == ["JSON Web Token", "A signed token."])
        #expect(typed[0].matchedAlias == nil && typed[1].matchedAlias == "JWT")
        #expect(try items("Then jwt1️⃣\n").map(\.label) == ["JWT", "JSON Web Token"])
        #expect(try items("Then JSON W1️⃣\n").map(\.label) == ["JSON Web Token"])
        #expect(try items("The scaff1️⃣\n").map(\.label) == ["Blueprints"])
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

    /// Review finding F4: markup opened but not yet closed on the line (no auto-closing editor) is
    /// no prose: a link's or image's destination, an HTML tag's attributes, a code span.
    @Test func nothingInMarkupStillBeingTyped() {
        #expect(labels("See [x](Doc1️⃣\n") == [])
        #expect(labels("See ![img](Doc1️⃣\n") == [])
        #expect(labels("See [x](<Doc1️⃣\n") == [])
        #expect(labels("See [x](page.md \"The Doc1️⃣\n") == [])
        #expect(labels("See <a href=\"Doc1️⃣\n") == [])
        #expect(labels("See <img alt=Doc1️⃣\n") == [])
        #expect(labels("See `Doc1️⃣\n") == [])
        #expect(labels("See ``a ` Doc1️⃣\n") == [])
        #expect(labels("See `x` and `Doc1️⃣ here\n") == [])
        // Closed markup before the cursor, escapes and a lone `<` leave prose.
        #expect(labels("See [x](page.md) and Doc1️⃣\n") == ["DocHub"])
        #expect(labels("See ![img](a.png), <b>bold</b> and Doc1️⃣\n") == ["DocHub"])
        #expect(labels("Run `x` and `y`, then Doc1️⃣\n") == ["DocHub"])
        #expect(labels("A \\` and \\](x then Doc1️⃣\n") == ["DocHub"])
        #expect(labels("If a < b then Doc1️⃣\n") == ["DocHub"])
        // Markup left open on an earlier line does not reach this one.
        #expect(labels("See [x](page\nand Doc1️⃣\n") == ["DocHub"])
    }

    /// Punctuation, symbols, emoji and no-break spaces end the typed word, ASCII or not; the query
    /// and both ranges stop there.
    @Test(arguments: [
        "He said “2️⃣Doch1️⃣3️⃣",
        "the\u{00A0}2️⃣Doch1️⃣3️⃣",
        "Use 2️⃣Doch1️⃣3️⃣— it works",
        "Use 2️⃣Doch1️⃣3️⃣… it works",
        "“2️⃣Doch1️⃣3️⃣” works",
        "🚀2️⃣Doch1️⃣3️⃣🚀 works",
        "❤️2️⃣Doch1️⃣3️⃣ works",
        "«2️⃣Doch1️⃣3️⃣» works",
        "(2️⃣Doch1️⃣3️⃣) works",
        "Use 2️⃣Doc1️⃣hub’s3️⃣ viewer",
    ])
    func nonASCIIPunctuationEndsTheWord(marked: String) throws {
        let page = MarkedText(marked + "\n")
        let snapshot = terminologySnapshot(["docs/page.md": page.text])
        let result = try #require(CompletionFeature.complete(at: page["1️⃣"], in: "docs/page.md", snapshot: snapshot, personaIDs: []))
        #expect(result.items.first?.label == "DocHub")
        #expect(result.items.first?.replaceRange == page.range("2️⃣", "1️⃣"))
        #expect(result.items.first?.wordRange == page.range("2️⃣", "3️⃣"))
    }

    /// Letters of any script are word characters: an accented or CJK word typed against the text
    /// before it is one query, and the word range takes in the letters after the cursor.
    @Test func lettersOfAnyScriptAreWordCharacters() throws {
        let glossary = "# Glossary\n\n## Café Menu\n\nThe menu.\n\n## 数据库\n\nThe database.\n"
        let accented = MarkedText("See the 2️⃣Caf1️⃣é3️⃣ here.\n")
        let snapshot = terminologySnapshot(["docs/page.md": accented.text], glossary: glossary)
        let cafe = try #require(CompletionFeature.complete(at: accented["1️⃣"], in: "docs/page.md", snapshot: snapshot, personaIDs: []))
        #expect(cafe.items.first?.label == "Café Menu")
        #expect(cafe.items.first?.replaceRange == accented.range("2️⃣", "1️⃣"))
        #expect(cafe.items.first?.wordRange == accented.range("2️⃣", "3️⃣"))
        let cjk = MarkedText("使用 2️⃣数据1️⃣3️⃣。\n")
        let cjkSnapshot = terminologySnapshot(["docs/page.md": cjk.text], glossary: glossary)
        let database = try #require(CompletionFeature.complete(at: cjk["1️⃣"], in: "docs/page.md", snapshot: cjkSnapshot, personaIDs: []))
        #expect(database.items.first?.label == "数据库")
        #expect(database.items.first?.wordRange?.upperBound == cjk["3️⃣"])
    }

    /// CJK text leaves no space between words: the tail of a run of ideographs that starts a term is a
    /// query of its own, and a change between ideographs and other letters ends a word.
    @Test func cjkTextWithoutSpacesIsSplitIntoQueries() throws {
        let glossary = "# Glossary\n\n## 数据库\n\nThe database.\n\n## DocHub\n\nThe docs site.\n"
        let ideographs = MarkedText("我们使用2️⃣数据1️⃣3️⃣。\n")
        let snapshot = terminologySnapshot(["docs/page.md": ideographs.text], glossary: glossary)
        let database = try #require(CompletionFeature.complete(at: ideographs["1️⃣"], in: "docs/page.md", snapshot: snapshot, personaIDs: []))
        #expect(database.items.map(\.label) == ["数据库"])
        #expect(database.items.first?.replaceRange == ideographs.range("2️⃣", "1️⃣"))
        #expect(database.items.first?.wordRange == ideographs.range("2️⃣", "3️⃣"))

        let latin = MarkedText("我们使用2️⃣Doc1️⃣3️⃣数据。\n")
        let latinSnapshot = terminologySnapshot(["docs/page.md": latin.text], glossary: glossary)
        let docHub = try #require(CompletionFeature.complete(at: latin["1️⃣"], in: "docs/page.md", snapshot: latinSnapshot, personaIDs: []))
        #expect(docHub.items.first?.label == "DocHub")
        #expect(docHub.items.first?.replaceRange == latin.range("2️⃣", "1️⃣"))
        #expect(docHub.items.first?.wordRange == latin.range("2️⃣", "3️⃣"))

        // Only names that start with a tail are offered for it: "据" alone starts none.
        let none = MarkedText("我们使用数据据1️⃣。\n")
        let noneSnapshot = terminologySnapshot(["docs/page.md": none.text], glossary: glossary)
        #expect(try #require(CompletionFeature.complete(at: none["1️⃣"], in: "docs/page.md", snapshot: noneSnapshot, personaIDs: [])).items.isEmpty)
    }

    /// The result at marker 1️⃣ when the client asks because a space was typed.
    func afterSpace(_ marked: String) -> CompletionFeature.Result? {
        let page = MarkedText(marked)
        let snapshot = terminologySnapshot(["docs/page.md": page.text])
        return CompletionFeature.complete(at: page["1️⃣"], in: "docs/page.md", snapshot: snapshot, personaIDs: [], afterTriggerCharacter: true)
    }

    /// Review finding F3: the trigger character (a space) gives the same answer at the end of a line,
    /// where the cursor follows the line's trailing space, as in the middle of one: the name the words
    /// before it start, replacing them; after an ordinary word nothing, and always incomplete, so the
    /// next word typed asks again.
    @Test func aSpaceTypedAtTheEndOfALineOrMidLineOffersTheContinuation() throws {
        for marked in ["In the 2️⃣service 1️⃣\n", "In the 2️⃣service 1️⃣ more words.\n", "# The 2️⃣service 1️⃣\n", "- In the 2️⃣service 1️⃣"] {
            let page = MarkedText(marked)
            let result = try #require(afterSpace(marked), "\(marked.debugDescription)")
            #expect(result.items.map(\.label) == ["Service Catalog"], "\(marked.debugDescription)")
            #expect(result.items.map(\.replaceRange) == [page.range("2️⃣", "1️⃣")], "\(marked.debugDescription)")
            #expect(result.isIncomplete, "\(marked.debugDescription)")
        }
        for marked in ["In the 1️⃣\n", "In the 1️⃣ more words.\n", "Text 1️⃣"] {
            let result = try #require(afterSpace(marked), "\(marked.debugDescription)")
            #expect(result.items.isEmpty, "\(marked.debugDescription)")
            #expect(result.isIncomplete, "\(marked.debugDescription)")
        }
        // Outside prose the trailing space changes nothing.
        #expect(afterSpace("```\nservice 1️⃣\n```\n") == nil)
        // Asked for by the writer (not a trigger), an empty word still lists every term, at a line's end too.
        let invoked = MarkedText("In the service 1️⃣\n")
        let everything = try #require(CompletionFeature.complete(at: invoked["1️⃣"], in: "docs/page.md", snapshot: terminologySnapshot(["docs/page.md": invoked.text]), personaIDs: []))
        #expect(everything.items.map(\.label) == ["Service Catalog", "JWT", "OAuth", "DocHub", "User Role", "kubectl", "Blueprints"])
    }
}
