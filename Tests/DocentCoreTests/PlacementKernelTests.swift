import Testing
@testable import DocentCore

/// The placement classifier's fast paths against the straightforward versions they replaced: the same
/// words, hashes and sums, bit for bit.
@Suite struct PlacementKernelTests {
    /// The tokenizer as it was written first: a growing scratch array per word, every word hashed.
    static func referenceHashes(_ text: String) -> [UInt64] {
        let bytes = Array(text.utf8)
        var result: [UInt64] = []
        var index = 0
        let end = bytes.count
        func separatorLength(_ index: Int) -> Int {
            let byte = bytes[index]
            if byte == 0xE2 && index + 2 < end && (bytes[index + 1] == 0x80 || bytes[index + 1] == 0x81) { return 3 }
            if byte == 0xC2 && index + 1 < end && bytes[index + 1] >= 0xA0 && bytes[index + 1] <= 0xBF { return 2 }
            return 0
        }
        func isWordByte(_ byte: UInt8) -> Bool { ByteClass.isASCIIAlphanumeric(byte) || byte == UInt8(ascii: "_") || byte >= 0x80 }
        while index < end {
            let byte = bytes[index]
            if !isWordByte(byte) { index += 1; continue }
            if byte >= 0x80, separatorLength(index) > 0 { index += separatorLength(index); continue }
            let start = index
            var isNumber = true
            var word: [UInt8] = []
            while index < end {
                let current = bytes[index]
                if current < 0x80 {
                    guard ByteClass.isASCIIAlphanumeric(current) || current == UInt8(ascii: "_") else { break }
                    if !ByteClass.isDigit(current) { isNumber = false }
                    word.append(ByteClass.lowercased(current))
                } else {
                    if separatorLength(index) > 0 { break }
                    isNumber = false
                    word.append(current)
                }
                index += 1
            }
            guard index - start >= 2, !isNumber else { continue }
            var count = word.count
            if count <= 40 {
                func endsWith(_ a: UInt8, _ b: UInt8) -> Bool { count >= 2 && word[count - 2] == a && word[count - 1] == b }
                func undouble() {
                    guard count >= 3 else { return }
                    let last = word[count - 1]
                    if last == word[count - 2] && ByteClass.isASCIILetter(last) && !"lsz".utf8.contains(last) { count -= 1 }
                }
                let s = UInt8(ascii: "s")
                if count > 4 && word[count - 1] == s && endsWith(UInt8(ascii: "e"), s) && word[count - 3] == UInt8(ascii: "i") {
                    count -= 3; word[count] = UInt8(ascii: "y"); count += 1
                } else if count > 4 && word[count - 1] == s && word[count - 2] == s && word[count - 3] == UInt8(ascii: "e") && word[count - 4] == s {
                    count -= 2
                } else if count > 3 && word[count - 1] == s && !endsWith(s, s) && !endsWith(UInt8(ascii: "u"), s) && !endsWith(UInt8(ascii: "i"), s) {
                    count -= 1
                }
                if count > 5 && word[count - 3] == UInt8(ascii: "i") && endsWith(UInt8(ascii: "n"), UInt8(ascii: "g")) {
                    count -= 3
                    undouble()
                } else if count > 5 && endsWith(UInt8(ascii: "e"), UInt8(ascii: "d")) {
                    count -= 2
                    undouble()
                }
                if count > 5 && word[count - 1] == UInt8(ascii: "e") { count -= 1 }
            }
            var value = PlacementTokenizer.offsetBasis
            for position in 0..<count { value = (value ^ UInt64(word[position])) &* PlacementTokenizer.prime }
            result.append(value)
        }
        return result
    }

    @Test func tokenizerMatchesTheReference() {
        let samples = [
            "Deploying the search backend on Kubernetes: helm install, kubectl apply -f app-config.yaml",
            "GITHUB_TOKEN=${GITHUB_TOKEN} env.AUTH_SECRET $HOME a 42 b 3d x1 __init__ _ __",
            "policies classes buses passes running hopped fizzed installed thing based theme them",
            "“Catalog”—entities›page café Ünïcode naïve\u{A0}space …ellipsis ‘quotes’ ©2024 ½",
            "Supercalifragilisticexpialidociousnessesandmoreletters ANEXTREMELYLONGUPPERCASEWORDWITHMORETHANFORTYBYTES_IN_IT",
            "exactly40bytesxxxxxxxxxxxxxxxxxxxxxxxies exactly41bytesxxxxxxxxxxxxxxxxxxxxxxxxies",
            "<EntityPage /> </Grid> createPlugin yarn new @backstage/plugin-catalog-react",
            "\u{E2}\u{80}", "é", "ab", "A", "", "123abc abc123 1_2",
        ]
        var generator = SystemRandomNumberGenerator()
        var random: [String] = []
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_ -.,'\"ésß—‘’›\u{A0}\u{2026}\n")
        for _ in 0..<300 {
            let length = Int.random(in: 0..<120, using: &generator)
            random.append(String((0..<length).map { _ in alphabet.randomElement(using: &generator)! }))
        }
        for sample in samples + random {
            #expect(PlacementTokenizer.wordHashes(sample) == Self.referenceHashes(sample), "\(sample)")
        }
    }

    @Test func sparseDotMatchesTheMerge() {
        func merge(_ leftIds: [Int32], _ left: [Float], _ rightIds: [Int32], _ right: [Float]) -> Float {
            var total: Float = 0
            var a = 0
            var b = 0
            while a < leftIds.count && b < rightIds.count {
                if leftIds[a] == rightIds[b] {
                    total += left[a] * right[b]
                    a += 1
                    b += 1
                } else if leftIds[a] < rightIds[b] {
                    a += 1
                } else {
                    b += 1
                }
            }
            return total
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let universe = Int.random(in: 1...5000, using: &generator)
            func vector(_ density: Double) -> ([Int32], [Float]) {
                let ids = (0..<universe).filter { _ in Double.random(in: 0..<1, using: &generator) < density }.map(Int32.init)
                return (ids, ids.map { _ in Float.random(in: 0..<1, using: &generator) })
            }
            let (leftIds, left) = vector(Double.random(in: 0..<0.05, using: &generator))
            let (rightIds, right) = vector(Double.random(in: 0..<1, using: &generator))
            #expect(PlacementModel.dot(leftIds, left, rightIds, right).bitPattern == merge(leftIds, left, rightIds, right).bitPattern)
            #expect(PlacementModel.dot(rightIds, right, leftIds, left).bitPattern == merge(rightIds, right, leftIds, left).bitPattern)
        }
    }
}
