/// One replacement in a text, in bytes: `range` of the text before the edit became `newCount` bytes.
///
/// The language server keeps slow analyses (placement) of an open page while the writer types and
/// carries their ranges through the edits made since, instead of recomputing them per keystroke.
public struct ByteEdit: Hashable, Sendable {
    public var range: ByteRange
    public var newCount: Int

    public init(range: ByteRange, newCount: Int) {
        self.range = range
        self.newCount = newCount
    }

    public var delta: Int { newCount - range.count }

    /// Where `offset` of the text before the edit is after it. Offsets before the edit stay, offsets
    /// after it move by the change in length; an offset inside the replaced bytes goes to the start of
    /// the new text, or to its end when `towardEnd` (the end of a range that covered the edit).
    /// Text inserted exactly at `offset` comes after it, unless `towardEnd` (a range's end grows to
    /// take in what is typed right after it).
    public func map(_ offset: Int, towardEnd: Bool) -> Int {
        if offset < range.lowerBound { return offset }
        if offset > range.upperBound { return offset + delta }
        if range.isEmpty { return towardEnd ? offset + newCount : offset }
        if offset == range.lowerBound { return offset }
        if offset == range.upperBound { return offset + delta }
        return towardEnd ? range.lowerBound + newCount : range.lowerBound
    }

    /// `original` carried through `edits` in order; nil when an edit removed or replaced every byte
    /// it covered (what it pointed at is gone).
    public static func map(_ original: ByteRange, through edits: [ByteEdit]) -> ByteRange? {
        var range = original
        for edit in edits {
            if !range.isEmpty && edit.range.lowerBound <= range.lowerBound && range.upperBound <= edit.range.upperBound { return nil }
            let lower = edit.map(range.lowerBound, towardEnd: false)
            let upper = max(lower, edit.map(range.upperBound, towardEnd: true))
            if upper == lower && !range.isEmpty { return nil }
            range = lower..<upper
        }
        return range
    }
}
