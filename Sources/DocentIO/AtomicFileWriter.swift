import Foundation

/// Writes a file the safe way: a temporary file in the same folder, the original's permissions, then
/// a rename over the original, so a reader never sees half a file and a crash leaves the original.
/// Refuses when the file no longer holds the bytes it had when it was read.
public enum AtomicFileWriter {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case changedSinceRead
        case cannotWrite(String)

        public var description: String {
            switch self {
            case .changedSinceRead: return "the file changed on disk since it was read; not overwritten"
            case .cannotWrite(let reason): return "cannot write: \(reason)"
            }
        }
    }

    public static func write(_ bytes: [UInt8], to url: URL, expecting expected: [UInt8]) throws(Failure) {
        let manager = FileManager.default
        guard let current = manager.contents(atPath: url.path), [UInt8](current) == expected else { throw .changedSinceRead }
        let attributes = (try? manager.attributesOfItem(atPath: url.path)) ?? [:]
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).docent-\(UUID().uuidString.prefix(8))")
        guard manager.createFile(atPath: temporary.path, contents: Data(bytes), attributes: [.posixPermissions: attributes[.posixPermissions] ?? 0o644]) else {
            throw .cannotWrite("cannot create a temporary file in \(folder.path)")
        }
        // Last check right before the rename: a concurrent edit wins over the fix.
        guard let latest = manager.contents(atPath: url.path), [UInt8](latest) == expected else {
            try? manager.removeItem(at: temporary)
            throw .changedSinceRead
        }
        if rename(temporary.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? manager.removeItem(at: temporary)
            throw .cannotWrite(reason)
        }
    }
}
