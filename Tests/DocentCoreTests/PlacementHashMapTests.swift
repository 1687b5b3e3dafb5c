import Testing
@testable import DocentCore

/// The word-hash map the placement classifier counts words with.
@Suite struct PlacementHashMapTests {
    @Test func insertsUpdatesAndGrowsLikeADictionary() {
        var map = WordHashMap<Int>(capacity: 2)
        var reference: [UInt64: Int] = [:]
        var generator = SystemRandomNumberGenerator()
        var keys: [UInt64] = [0, 1, UInt64.max]
        for _ in 0..<2_000 { keys.append(UInt64.random(in: 0...UInt64.max, using: &generator) & 0xFFFF_0000_0000_00FF) }
        for (index, key) in keys.enumerated() {
            map.update(key, initial: 0) { $0 += index }
            reference[key == 0 ? 1 : key, default: 0] += index
        }
        #expect(map.count == reference.count)
        for (key, value) in reference { #expect(map[key] == value) }
        var seen = 0
        map.forEachEntry { key, value in
            #expect(reference[key] == value)
            seen += 1
        }
        #expect(seen == reference.count)
        #expect(Array(map).count == reference.count)
        #expect(map[12_345] == nil || reference[12_345] != nil)
    }

    @Test func settingAndClearingAValue() {
        var map = WordHashMap<String>()
        map[7] = "seven"
        map[7] = "sept"
        #expect(map[7] == "sept")
        map[7] = nil
        #expect(map[7] == nil)
        #expect(Array(map).isEmpty)
    }
}
