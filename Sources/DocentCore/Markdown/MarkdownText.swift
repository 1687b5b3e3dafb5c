/// Helpers that turn inline Markdown into the plain text a reader sees, and headings into anchors.
public enum MarkdownText {
    /// The text of inline Markdown as rendered: link and image text kept, destinations, code
    /// backticks, emphasis markers, HTML tags and escapes removed, whitespace runs collapsed.
    public static func plainText(_ markdown: String) -> String {
        // Most definitions and titles hold no markup and no runs of whitespace: they are their own
        // plain text, found in one pass without copying.
        var text = markdown
        let isPlain = text.withUTF8 { bytes -> Bool in
            guard let first = bytes.first, let last = bytes.last, first != 0x20, last != 0x20 else { return bytes.isEmpty }
            var previous: UInt8 = 0
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "!"),
                     UInt8(ascii: "["), UInt8(ascii: "<"), 0x0A, 0x0D, 0x09:
                    return false
                case 0x20 where previous == 0x20:
                    return false
                default:
                    previous = byte
                }
            }
            return true
        }
        if isPlain { return markdown }
        let bytes = Array(markdown.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\\") where index + 1 < bytes.count && ByteClass.isASCIIPunctuation(bytes[index + 1]):
                output.append(bytes[index + 1])
                index += 2
            case UInt8(ascii: "`"):
                var run = 0
                while index + run < bytes.count && bytes[index + run] == UInt8(ascii: "`") { run += 1 }
                if let close = findBacktickRun(bytes, length: run, from: index + run) {
                    var content = Array(bytes[(index + run)..<close])
                    if content.count >= 2 && content.first == 0x20 && content.last == 0x20 { content = Array(content.dropFirst().dropLast()) }
                    // Its whitespace collapses with the text's around it (`` ` ls` `` keeps one space before "ls").
                    for codeByte in content {
                        if !ByteClass.isWhitespace(codeByte) {
                            output.append(codeByte)
                        } else if output.last != 0x20 {
                            output.append(0x20)
                        }
                    }
                    index = close + run
                } else {
                    output += bytes[index..<(index + run)]
                    index += run
                }
            case UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "~"):
                // Emphasis markers vanish; an underscore or tilde inside a word stays.
                let before = index > 0 ? bytes[index - 1] : 0x20
                let after = index + 1 < bytes.count ? bytes[index + 1] : 0x20
                let isIntraword = ByteClass.isASCIIAlphanumeric(before) && ByteClass.isASCIIAlphanumeric(after)
                if byte != UInt8(ascii: "*") && isIntraword { output.append(byte) }
                index += 1
            case UInt8(ascii: "!") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "["):
                index += 1
            case UInt8(ascii: "["):
                if let close = findClosingBracket(bytes, from: index) {
                    let text = plainText(String(decoding: bytes[(index + 1)..<close], as: UTF8.self))
                    output += Array(text.utf8)
                    index = close + 1
                    if index < bytes.count && bytes[index] == UInt8(ascii: "("), let end = findClosingParen(bytes, from: index) {
                        index = end + 1
                    } else if index < bytes.count && bytes[index] == UInt8(ascii: "["), let end = findClosingBracket(bytes, from: index) {
                        index = end + 1
                    }
                } else {
                    output.append(byte)
                    index += 1
                }
            case UInt8(ascii: "<"):
                var end = index + 1
                while end < bytes.count && bytes[end] != UInt8(ascii: ">") && bytes[end] != UInt8(ascii: "<") { end += 1 }
                if end < bytes.count && bytes[end] == UInt8(ascii: ">") && end > index + 1 {
                    let inner = bytes[(index + 1)..<end]
                    if inner.starts(with: "http".utf8) || inner.contains(UInt8(ascii: "@")) && !inner.contains(0x20) {
                        output += inner
                    }
                    index = end + 1
                } else {
                    output.append(byte)
                    index += 1
                }
            case 0x20, 0x0A, 0x0D, 0x09:
                if output.last != 0x20 { output.append(0x20) }
                index += 1
            default:
                output.append(byte)
                index += 1
            }
        }
        while output.last == 0x20 { output.removeLast() }
        while output.first == 0x20 { output.removeFirst() }
        return String(decoding: output, as: UTF8.self)
    }

    /// A link label as CommonMark matches it: case-folded, inner whitespace (line breaks included)
    /// collapsed, trimmed. A label over lines of a block quote is read without the quote markers that
    /// start its lines (`[foo` / `> bar]` is `foo bar`): a line starting with `>` inside a paragraph
    /// can only be one.
    public static func referenceLabel(_ bytes: some Collection<UInt8>) -> String {
        var content: [UInt8] = []
        content.reserveCapacity(bytes.count)
        var atLineStart = false
        for byte in bytes {
            if byte == 0x0A || byte == 0x0D {
                atLineStart = true
            } else if atLineStart && (byte == 0x20 || byte == 0x09 || byte == UInt8(ascii: ">")) {
                content.append(0x20)
                continue
            } else {
                atLineStart = false
            }
            content.append(byte)
        }
        // Upper- then lower-casing folds what lower-casing alone leaves apart (ß and SS, ς and σ).
        return String(decoding: content, as: UTF8.self).uppercased().lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }).joined(separator: " ")
    }

    /// The anchor a heading gets on GitHub and Docusaurus: lower-cased, punctuation dropped, spaces
    /// turned into hyphens. Works on bytes; only non-ASCII scalars consult Unicode properties.
    public static func slug(_ headingText: String) -> String {
        plainASCIISlug(headingText) ?? generalSlug(headingText)
    }

    /// `slug` for any heading: inline markup removed by `plainText`, non-ASCII letters kept lower-cased.
    static func generalSlug(_ headingText: String) -> String {
        let plain = Array(plainText(headingText).utf8)
        var result: [UInt8] = []
        result.reserveCapacity(plain.count)
        plain.withUnsafeBufferPointer { bytes in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte < 0x80 {
                    if byte == 0x20 {
                        result.append(UInt8(ascii: "-"))
                    } else if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || ByteClass.isDigit(byte) {
                        result.append(byte)
                    } else if ByteClass.isASCIILetter(byte) {
                        result.append(ByteClass.lowercased(byte))
                    }
                    index += 1
                    continue
                }
                let (scalar, length) = UTF8Scalars.decode(bytes, at: index)
                if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                    result += Array(String(scalar).lowercased().utf8)
                }
                index += length
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// The slug of a heading that is plain ASCII without inline markup (most headings), in one pass
    /// and one allocation; nil when the heading needs `plainText` first.
    static func plainASCIISlug(_ headingText: String) -> String? {
        var text = headingText
        return text.withUTF8 { bytes -> String? in
            for byte in bytes where byte >= 0x80 || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "`") || byte == UInt8(ascii: "*")
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "~") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "[")
                || byte == UInt8(ascii: "<") {
                return nil
            }
            // As `plainText` then `slug` would: a run of whitespace after some text is one hyphen (none
            // at either end), other punctuation is dropped from the slug but still separates runs.
            return String(unsafeUninitializedCapacity: bytes.count) { output in
                var count = 0
                var sawText = false
                var pendingHyphen = false
                for byte in bytes {
                    if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                        if sawText { pendingHyphen = true }
                        continue
                    }
                    if pendingHyphen {
                        output[count] = UInt8(ascii: "-")
                        count += 1
                        pendingHyphen = false
                    }
                    sawText = true
                    if ByteClass.isASCIILetter(byte) {
                        output[count] = ByteClass.lowercased(byte)
                        count += 1
                    } else if ByteClass.isDigit(byte) || byte == UInt8(ascii: "-") {
                        output[count] = byte
                        count += 1
                    }
                }
                return count
            }
        }
    }

    /// A 64-bit FNV-1a hash of a string's bytes: cheap, for finding likely duplicates.
    static func fnv1a(_ string: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in string.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return hash
    }

    static func findBacktickRun(_ bytes: [UInt8], length: Int, from start: Int) -> Int? {
        var index = start
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "`") {
                var run = 0
                while index + run < bytes.count && bytes[index + run] == UInt8(ascii: "`") { run += 1 }
                if run == length { return index }
                index += run
            } else {
                index += 1
            }
        }
        return nil
    }

    static func findClosingBracket(_ bytes: [UInt8], from open: Int) -> Int? {
        var depth = 0
        var index = open
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"): index += 1
            case UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 { return index }
            default: break
            }
            index += 1
        }
        return nil
    }

    static func findClosingParen(_ bytes: [UInt8], from open: Int) -> Int? {
        var depth = 0
        var index = open
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"): index += 1
            case UInt8(ascii: "("): depth += 1
            case UInt8(ascii: ")"):
                depth -= 1
                if depth == 0 { return index }
            case 0x0A: return nil
            default: break
            }
            index += 1
        }
        return nil
    }
}
