@testable import DocentCore

/// Text with location markers (1️⃣ … 9️⃣) taken out, and the UTF-8 byte offset where each marker stood
/// (sourcekit-lsp `LocationMarkers.swift`). Markers are found by their bytes, so a marker next to a
/// combining character or an emoji still splits cleanly.
struct MarkedText {
    /// The text without its markers.
    let text: String
    /// Marker ("1️⃣") to the byte offset in `text` where it stood.
    let markers: [String: Int]

    init(_ marked: String) {
        // A keycap marker is a digit, U+FE0F and U+20E3.
        let keycapTail: [UInt8] = [0xEF, 0xB8, 0x8F, 0xE2, 0x83, 0xA3]
        let bytes = Array(marked.utf8)
        var clean: [UInt8] = []
        var found: [String: Int] = [:]
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte >= UInt8(ascii: "1"), byte <= UInt8(ascii: "9"), index + 7 <= bytes.count,
               Array(bytes[(index + 1)..<(index + 7)]) == keycapTail {
                let name = String(decoding: bytes[index..<(index + 7)], as: UTF8.self)
                precondition(found[name] == nil, "marker \(name) appears twice")
                found[name] = clean.count
                index += 7
                continue
            }
            clean.append(byte)
            index += 1
        }
        text = String(decoding: clean, as: UTF8.self)
        markers = found
    }

    /// The byte offset of a marker; fails the calling test loudly when the marker is missing.
    subscript(_ marker: String) -> Int {
        guard let offset = markers[marker] else { preconditionFailure("no marker \(marker) in the text") }
        return offset
    }

    /// The byte range between two markers.
    func range(_ start: String, _ end: String) -> ByteRange { self[start]..<self[end] }

    var source: SourceText { SourceText(text) }
}
