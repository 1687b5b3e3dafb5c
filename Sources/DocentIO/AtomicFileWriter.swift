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
///
/// The new file keeps the original's mode and, where the system allows it (as root, or a group the
/// user is in), its owner and group, as `sed -i` does. A file without its owner's write permission
/// is left alone, even for root: `chmod a-w` is how a file is kept out of reach. So is a file with
/// other hard links, which a rename would part from the new text.
public enum AtomicFileWriter {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case changedSinceRead
        case cannotWrite(String)
        /// The file at `path` is a symbolic link to `destination`.
        case symbolicLink(path: String, destination: String)
        /// The file's owner may not write it (mode without `u+w`).
        case readOnly(mode: Int)
        /// The file has `links` names; replacing one would leave the others with the old text.
        case hardLinks(Int)

        public var description: String {
            switch self {
            case .changedSinceRead: return "the file changed on disk since it was read; not overwritten"
            case .cannotWrite(let reason): return "cannot write: \(reason)"
            case .symbolicLink(_, let destination):
                // Said after the file's name: "docent check --fix: docs/page.md: a symbolic link (to …) …".
                return "a symbolic link (to \(destination)): not written through the link nor over it"
            case .readOnly(let mode): return "read-only (mode \(String(mode, radix: 8))): not written"
            case .hardLinks(let links): return "the file has \(links) hard links, which replacing it would break: not written"
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
        var info = stat()
        guard lstat(url.path, &info) == 0 else { throw .cannotWrite(String(cString: strerror(errno))) }
        let mode = Int(info.st_mode) & 0o7777
        guard mode & 0o200 != 0 else { throw .readOnly(mode: mode) }
        guard info.st_nlink <= 1 else { throw .hardLinks(Int(info.st_nlink)) }
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).docent-\(UUID().uuidString.prefix(8))")
        guard manager.createFile(atPath: temporary.path, contents: Data(bytes), attributes: [.posixPermissions: mode]) else {
            throw .cannotWrite("cannot create a temporary file in \(folder.path)")
        }
        // The original's owner and group where allowed; otherwise the writer's own, as for any new file.
        _ = chown(temporary.path, info.st_uid, info.st_gid)
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
