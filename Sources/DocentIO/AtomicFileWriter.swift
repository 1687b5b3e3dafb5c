import DocentCore
import Foundation

/// Writes a file the safe way: a temporary file in the same folder, the original's permissions, then
/// a rename over the original, so a reader never sees half a file and a crash leaves the original.
/// Refuses when the file no longer holds the bytes it had when it was read.
///
/// Refuses, too, when the path is a symbolic link, whatever it points at. Renaming over the link would
/// silently turn it into a regular file (and lose what it linked); writing its target would write
/// wherever the link leads, and this writer does not know the workspace root, so it cannot tell a link
/// within the workspace from one that leaves it. Confinement is the caller's: `check --fix` writes the
/// paths `WorkspaceLoader.confinedURL` gives, which are resolved (a link inside the root becomes its
/// target's own path there) and inside the root, so a link only reaches this writer when one appears
/// between the read and the write — and then nothing is written.
///
/// A file that starts with a UTF-8 byte-order mark keeps it: `expected` and `bytes` are the text
/// without it (as `WorkspaceLoader.read` gives it), and the mark is written back before `bytes`.
public enum AtomicFileWriter {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case changedSinceRead
        case cannotWrite(String)
        /// The file at `path` is a symbolic link to `destination`.
        case symbolicLink(path: String, destination: String)

        public var description: String {
            switch self {
            case .changedSinceRead: return "the file changed on disk since it was read; not overwritten"
            case .cannotWrite(let reason): return "cannot write: \(reason)"
            case .symbolicLink(_, let destination):
                // Said after the file's name: "docent check --fix: docs/page.md: a symbolic link (to …) …".
                return "a symbolic link (to \(destination)): not written through the link nor over it"
            }
        }
    }

    public static func write(_ bytes: [UInt8], to url: URL, expecting expected: [UInt8]) throws(Failure) {
        let manager = FileManager.default
        try refuseLink(url)
        guard let current = manager.contents(atPath: url.path) else { throw .changedSinceRead }
        var bytes = bytes
        var expected = expected
        let mark = UTF8Scalars.byteOrderMark
        if current.starts(with: mark) && !expected.starts(with: mark) {
            expected = mark + expected
            bytes = mark + bytes
        }
        guard [UInt8](current) == expected else { throw .changedSinceRead }
        let attributes = (try? manager.attributesOfItem(atPath: url.path)) ?? [:]
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).docent-\(UUID().uuidString.prefix(8))")
        guard manager.createFile(atPath: temporary.path, contents: Data(bytes), attributes: [.posixPermissions: attributes[.posixPermissions] ?? 0o644]) else {
            throw .cannotWrite("cannot create a temporary file in \(folder.path)")
        }
        // Last checks right before the rename: a concurrent edit wins over the fix, and a file swapped
        // for a link is not replaced.
        do throws(Failure) {
            try refuseLink(url)
            guard let latest = manager.contents(atPath: url.path), [UInt8](latest) == expected else { throw .changedSinceRead }
        } catch {
            try? manager.removeItem(at: temporary)
            throw error
        }
        if rename(temporary.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? manager.removeItem(at: temporary)
            throw .cannotWrite(reason)
        }
    }

    /// Throws `.symbolicLink` when the file itself (not a folder above it) is a symbolic link.
    static func refuseLink(_ url: URL) throws(Failure) {
        if let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: url.path) {
            throw .symbolicLink(path: url.path, destination: destination)
        }
    }
}
