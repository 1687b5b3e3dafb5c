import Foundation

/// A byte budget for received messages that wait on the server's queue.
///
/// The reader reserves a message's size before queueing it and the queue releases it once handled.
/// While the waiting messages exceed the budget the reader blocks, stops reading stdin, and the
/// client's writes block in turn: a client that floods the server, or stops reading its output so the
/// queue stalls on a full pipe, meets back-pressure instead of growing the server's memory. A single
/// message larger than the budget is still let through when nothing else waits, so no message (up to
/// `MessageFramer`'s own limit) can wedge the stream.
final class MessageBacklog: @unchecked Sendable {
    /// Bytes counted per message besides its body, so a flood of tiny messages is bounded too.
    static let overheadPerMessage = 256

    let limit: Int
    private let condition = NSCondition()
    private var pending = 0

    init(limit: Int) {
        self.limit = limit
    }

    /// Counts `bytes` as waiting, first waiting while the budget is spent.
    func reserve(_ bytes: Int) {
        condition.lock()
        while pending > 0 && pending + bytes > limit { condition.wait() }
        pending += bytes
        condition.unlock()
    }

    func release(_ bytes: Int) {
        condition.lock()
        pending -= bytes
        condition.broadcast()
        condition.unlock()
    }

    /// Bytes waiting now (for tests).
    var pendingBytes: Int {
        condition.lock()
        defer { condition.unlock() }
        return pending
    }
}
