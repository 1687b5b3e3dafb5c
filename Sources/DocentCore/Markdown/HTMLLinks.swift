/// The link attributes of the HTML in a Markdown page: `href` and `src` (and `srcset`'s first URL is
/// left alone) in tags of inline HTML and HTML blocks, outside code. Markdown renders them as written,
/// so a page that moves must rewrite them as it rewrites its Markdown links.
public enum HTMLLinks {
    /// Each `href="…"` or `src="…"` value (quoted or not) in a tag, as its text and byte range. Values in
    /// braces (JSX expressions) are code and left out.
    public static func attributes(in text: SourceText, document: MarkdownDocument) -> [(destination: String, range: ByteRange)] {
        let bytes = text.bytes
        guard bytes.contains(UInt8(ascii: "<")) else { return [] }
        // Code blocks and code spans, in order, to skip.
        let code = (document.codeBlocks.map(\.range) + document.codeSpans).sorted { $0.lowerBound < $1.lowerBound }
        var codeIndex = 0
        var result: [(destination: String, range: ByteRange)] = []
        bytes.withUnsafeBufferPointer { buffer in
            var index = 0
            while index + 1 < buffer.count {
                guard buffer[index] == UInt8(ascii: "<"), ByteClass.isASCIILetter(buffer[index + 1]) else { index += 1; continue }
                while codeIndex < code.count && code[codeIndex].upperBound <= index { codeIndex += 1 }
                if codeIndex < code.count && code[codeIndex].contains(index) { index = code[codeIndex].upperBound; continue }
                guard let close = ByteClass.tagEnd(buffer, from: index + 1, to: min(buffer.count, index + 8192), stopAtOpenAngle: true) else { index += 1; continue }
                attributes(buffer, tag: (index + 1)..<close, into: &result)
                index = close + 1
            }
        }
        return result
    }

    /// The `href` and `src` values of one tag's bytes (after its `<`, before its `>`).
    static func attributes(_ bytes: UnsafeBufferPointer<UInt8>, tag: ByteRange, into result: inout [(destination: String, range: ByteRange)]) {
        var cursor = tag.lowerBound
        // The tag name.
        while cursor < tag.upperBound && !ByteClass.isWhitespace(bytes[cursor]) && bytes[cursor] != UInt8(ascii: "/") { cursor += 1 }
        while cursor < tag.upperBound {
            while cursor < tag.upperBound && (ByteClass.isWhitespace(bytes[cursor]) || bytes[cursor] == UInt8(ascii: "/")) { cursor += 1 }
            let nameStart = cursor
            while cursor < tag.upperBound && !ByteClass.isWhitespace(bytes[cursor]) && bytes[cursor] != UInt8(ascii: "=") && bytes[cursor] != UInt8(ascii: "/") { cursor += 1 }
            let name = String(decoding: bytes[nameStart..<cursor].map(ByteClass.lowercased), as: UTF8.self)
            var look = cursor
            while look < tag.upperBound && ByteClass.isWhitespace(bytes[look]) { look += 1 }
            guard look < tag.upperBound, bytes[look] == UInt8(ascii: "=") else {
                if cursor == nameStart { cursor += 1 }
                continue
            }
            look += 1
            while look < tag.upperBound && ByteClass.isWhitespace(bytes[look]) { look += 1 }
            guard look < tag.upperBound else { return }
            let value: ByteRange
            let quote = bytes[look]
            if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                var end = look + 1
                while end < tag.upperBound && bytes[end] != quote { end += 1 }
                value = (look + 1)..<end
                cursor = min(tag.upperBound, end + 1)
            } else if quote == UInt8(ascii: "{") {
                // A JSX expression: skip to its closing brace.
                var depth = 0, end = look
                while end < tag.upperBound {
                    if bytes[end] == UInt8(ascii: "{") { depth += 1 } else if bytes[end] == UInt8(ascii: "}") { depth -= 1; if depth == 0 { break } }
                    end += 1
                }
                cursor = min(tag.upperBound, end + 1)
                continue
            } else {
                var end = look
                while end < tag.upperBound && !ByteClass.isWhitespace(bytes[end]) { end += 1 }
                value = look..<end
                cursor = end
            }
            if (name == "href" || name == "src") && !value.isEmpty {
                result.append((String(decoding: UnsafeBufferPointer(rebasing: bytes[value]), as: UTF8.self), value))
            }
        }
    }
}
