/// A map from 64-bit word hashes to values: open addressing with linear probing over flat arrays.
///
/// The keys are FNV-1a hashes already, so a multiply-shift picks the slot; Swift's `Dictionary` would
/// hash each of them again with SipHash, which cost the placement classifier most of its time.
/// Key 0 marks an empty slot; a real key 0 is stored as 1 (a collision of one hash value in 2⁶⁴).
public struct WordHashMap<Value>: Sequence {
    @usableFromInline var keys: [UInt64]
    @usableFromInline var values: [Value?]
    @usableFromInline var shift: UInt64
    public private(set) var count: Int = 0

    /// A map with room for `capacity` entries before it grows.
    public init(capacity: Int = 8) {
        let size = Self.tableSize(capacity: capacity)
        keys = Self.emptyKeys(size)
        values = Self.emptyValues(size)
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    /// The number of slots of a map made with room for `capacity` entries.
    static func tableSize(capacity: Int) -> Int {
        var size = 8
        while size * 3 < Swift.max(capacity, 1) * 4 { size <<= 1 }
        return size
    }

    @inline(__always) static func emptyKeys(_ size: Int) -> [UInt64] { filledArray(0, count: size) }

    @inline(__always) static func emptyValues(_ size: Int) -> [Value?] { filledArray(nil, count: size) }

    public var isEmpty: Bool { count == 0 }

    @inline(__always) static func stored(_ key: UInt64) -> UInt64 { key == 0 ? 1 : key }

    @inline(__always) func home(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    /// The slot holding `key`, or the empty slot where it would go.
    @inline(__always) func slot(of key: UInt64) -> Int {
        keys.withUnsafeBufferPointer { keys in
            let mask = keys.count - 1
            var index = home(key)
            while true {
                let found = keys[index]
                if found == key || found == 0 { return index }
                index = (index + 1) & mask
            }
        }
    }

    public subscript(key: UInt64) -> Value? {
        get {
            let key = Self.stored(key)
            return values[slot(of: key)]
        }
        set {
            let key = Self.stored(key)
            let index = slot(of: key)
            if keys[index] == key {
                // Removal is not supported (no tombstones): setting nil keeps the key with no value.
                values[index] = newValue
                return
            }
            guard let newValue else { return }
            insert(key, newValue, at: index)
        }
    }

    /// Applies `update` to the value of `key`, inserting `initial` first when the key is new.
    @inline(__always)
    public mutating func update(_ key: UInt64, initial: @autoclosure () -> Value, _ update: (inout Value) -> Void) {
        let key = Self.stored(key)
        let index = slot(of: key)
        if keys[index] == key, values[index] != nil {
            update(&values[index]!)
        } else if keys[index] == key {
            var value = initial()
            update(&value)
            values[index] = value
        } else {
            var value = initial()
            update(&value)
            insert(key, value, at: index)
        }
    }

    @inline(__always)
    mutating func insert(_ key: UInt64, _ value: Value, at index: Int) {
        if (count + 1) * 4 > keys.count * 3 {
            grow()
            let index = slot(of: key)
            keys[index] = key
            values[index] = value
        } else {
            keys[index] = key
            values[index] = value
        }
        count += 1
    }

    mutating func grow() {
        let oldKeys = keys
        let oldValues = values
        let size = keys.count * 2
        keys = Self.emptyKeys(size)
        values = Self.emptyValues(size)
        shift = UInt64(64 - size.trailingZeroBitCount)
        let shift = self.shift
        let mask = size - 1
        keys.withUnsafeMutableBufferPointer { keys in
            values.withUnsafeMutableBufferPointer { values in
                oldKeys.withUnsafeBufferPointer { oldKeys in
                    oldValues.withUnsafeBufferPointer { oldValues in
                        for index in 0..<oldKeys.count where oldKeys[index] != 0 {
                            let key = oldKeys[index]
                            var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
                            while keys[slot] != 0 && keys[slot] != key { slot = (slot + 1) & mask }
                            keys[slot] = key
                            values[slot] = oldValues[index]
                        }
                    }
                }
            }
        }
    }

    public struct Iterator: IteratorProtocol {
        let map: WordHashMap
        var index = 0

        public mutating func next() -> (key: UInt64, value: Value)? {
            while index < map.keys.count {
                defer { index += 1 }
                if map.keys[index] != 0, let value = map.values[index] { return (map.keys[index], value) }
            }
            return nil
        }
    }

    public func makeIterator() -> Iterator { Iterator(map: self) }

    /// Calls `body` with each key and value, in slot order.
    @inline(__always)
    public func forEachEntry(_ body: (UInt64, Value) -> Void) {
        keys.withUnsafeBufferPointer { keys in
            values.withUnsafeBufferPointer { values in
                for index in 0..<keys.count where keys[index] != 0 {
                    if let value = values[index] { body(keys[index], value) }
                }
            }
        }
    }
}

extension WordHashMap: Sendable where Value: Sendable {}

/// `Array(repeating:count:)` without its generic allocation entry point: that one looks up the array
/// storage's type metadata in the runtime's table on every call (about a thousand instructions), where
/// growing an empty array uses the caller's cached metadata.
@inline(__always)
func filledArray<Element>(_ value: Element, count: Int) -> [Element] {
    var result: [Element] = []
    result.reserveCapacity(count)
    for _ in 0..<count { result.append(value) }
    return result
}
