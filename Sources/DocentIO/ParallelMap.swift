import Dispatch
import Synchronization

/// Maps over an array on all cores, keeping the order of results.
public enum ParallelMap {
    public static func map<Element: Sendable, Result: Sendable>(_ items: [Element], _ transform: @Sendable (Element) -> Result) -> [Result] {
        guard items.count > 1 else { return items.map(transform) }
        return map(items, order: Array(items.indices), transform)
    }

    /// Runs `transform` on every core, taking items in `order` (indices into `items`).
    private static func map<Element: Sendable, Result: Sendable>(_ items: [Element], order: [Int], _ transform: @Sendable (Element) -> Result) -> [Result] {
        let results = Mutex<[Result?]>([Result?](repeating: nil, count: items.count))
        let next = Atomic<Int>(0)
        let workers = min(items.count, max(1, System.coreCount))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let position = next.add(1, ordering: .relaxed).oldValue
                guard position < order.count else { return }
                let index = order[position]
                let value = transform(items[index])
                results.withLock { $0[index] = value }
            }
        }
        return results.withLock { $0.map { $0! } }
    }
}

extension ParallelMap {
    /// Like `map`, but starts the costliest items first (by `cost`, e.g. a file's size), so that a
    /// large item does not start last and run alone while the other cores wait. Results keep the
    /// order of `items`.
    public static func map<Element: Sendable, Result: Sendable>(_ items: [Element], cost: (Element) -> Int, _ transform: @Sendable (Element) -> Result) -> [Result] {
        guard items.count > 2 else { return map(items, transform) }
        let order = items.indices.map { ($0, cost(items[$0])) }.sorted { $0.1 > $1.1 }.map(\.0)
        return map(items, order: order, transform)
    }
}

enum System {
    static var coreCount: Int {
        #if canImport(Glibc) || canImport(Darwin)
        return ProcessInfoCores.count
        #else
        return 2
        #endif
    }
}
