import Testing
@testable import DocentCore

@Suite struct MarkdownTextTests {
    @Test(arguments: [
        ("Getting Started", "getting-started"),
        ("  Padded   heading  ", "padded-heading"),
        ("Deploy & operate", "deploy--operate"),
        ("What's new in v1.2?", "whats-new-in-v12"),
        ("(Optional) steps", "optional-steps"),
        ("kebab-case-name", "kebab-case-name"),
        ("`app-config.yaml` options", "app-configyaml-options"),
        ("**Bold** and _slanted_ words", "bold-and-slanted-words"),
        ("snake_case stays", "snake_case-stays"),
        ("[Linked](https://example.com) text", "linked-text"),
        ("Émigré café 🚀 launch", "émigré-café--launch"),
        ("日本語 の 見出し", "日本語-の-見出し"),
        ("!!!", ""),
    ])
    func headingSlugs(heading: String, slug: String) {
        #expect(MarkdownText.slug(heading) == slug)
    }

    @Test(arguments: [
        ("A plain definition, as most are.", "A plain definition, as most are."),
        ("Café & co. — 日本語 ok", "Café & co. — 日本語 ok"),
        ("", ""),
        ("  padded  ", "padded"),
        ("two  spaces", "two spaces"),
        ("a `code` span", "a code span"),
        ("[Linked](https://example.com) text", "Linked text"),
        ("line\nbreak\tand tab", "line break and tab"),
        ("**bold** and snake_case", "bold and snake_case"),
        ("an <b>HTML</b> tag", "an HTML tag"),
    ])
    func plainText(markdown: String, plain: String) {
        #expect(MarkdownText.plainText(markdown) == plain)
    }

    /// The one-pass slug for plain ASCII headings agrees with the general one on every heading it takes.
    @Test func plainASCIISlugAgreesWithTheGeneralSlug() {
        let alphabet = Array("aZ09 -&?.:()'\"#/\t,{}|$=+".utf8)
        var generator = SeededGenerator(seed: 7)
        var checked = 0
        for _ in 0..<20_000 {
            let length = Int(generator.next() % 14)
            let bytes = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            let heading = String(decoding: bytes, as: UTF8.self)
            guard let fast = MarkdownText.plainASCIISlug(heading) else { continue }
            checked += 1
            #expect(fast == MarkdownText.generalSlug(heading), "\(heading.debugDescription)")
        }
        #expect(checked == 20_000)
    }
}

