import DocentIO
import Foundation
import Testing

@Suite struct AtomicFileWriterTests {
    /// A fresh folder with one file, removed by the caller.
    func folder(with content: String, mode: Int = 0o644) throws -> (folder: URL, file: URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("docent-atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("page.md")
        try content.write(to: file, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: file.path)
        return (folder, file)
    }

    func listing(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    func mode(_ file: URL) throws -> Int? {
        try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
    }

    @Test(arguments: [0o644, 0o600, 0o640, 0o755, 0o666])
    func writesTheNewBytesAndKeepsTheMode(mode: Int) throws {
        let (folder, file) = try folder(with: "The dochub.\n", mode: mode)
        defer { try? FileManager.default.removeItem(at: folder) }
        try AtomicFileWriter.write(Array("The DocHub.\n".utf8), to: file, expecting: Array("The dochub.\n".utf8))
        #expect(try String(contentsOf: file, encoding: .utf8) == "The DocHub.\n")
        #expect(try self.mode(file) == mode)
        #expect(try listing(folder) == ["page.md"])
    }

    @Test func replacesTheFileByRename() throws {
        // A reader holding the old file keeps reading the old bytes: the new file is a new inode.
        let (folder, file) = try folder(with: "old\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = try FileManager.default.attributesOfItem(atPath: file.path)[.systemFileNumber] as? Int
        let reader = try FileHandle(forReadingFrom: file)
        defer { try? reader.close() }
        try AtomicFileWriter.write(Array("new\n".utf8), to: file, expecting: Array("old\n".utf8))
        let after = try FileManager.default.attributesOfItem(atPath: file.path)[.systemFileNumber] as? Int
        #expect(before != after)
        #expect(String(decoding: try reader.readToEnd() ?? Data(), as: UTF8.self) == "old\n")
        #expect(try String(contentsOf: file, encoding: .utf8) == "new\n")
    }

    @Test func refusesWhenTheFileChangedSinceItWasRead() throws {
        let (folder, file) = try folder(with: "Edited by someone else.\n", mode: 0o640)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: AtomicFileWriter.Failure.changedSinceRead) {
            try AtomicFileWriter.write(Array("Fixed.\n".utf8), to: file, expecting: Array("What we read.\n".utf8))
        }
        #expect(try String(contentsOf: file, encoding: .utf8) == "Edited by someone else.\n")
        #expect(try mode(file) == 0o640)
        #expect(try listing(folder) == ["page.md"])
    }

    @Test func refusesWhenTheFileIsGone() throws {
        let (folder, file) = try folder(with: "x\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.removeItem(at: file)
        #expect(throws: AtomicFileWriter.Failure.changedSinceRead) {
            try AtomicFileWriter.write(Array("y\n".utf8), to: file, expecting: Array("x\n".utf8))
        }
        #expect(try listing(folder) == [])
    }

    @Test func emptyFilesAndBinaryBytes() throws {
        let (folder, file) = try folder(with: "")
        defer { try? FileManager.default.removeItem(at: folder) }
        let bytes: [UInt8] = [0xFF, 0x00, 0x0D, 0x0A, 0xE2, 0x80]
        try AtomicFileWriter.write(bytes, to: file, expecting: [])
        #expect([UInt8](try Data(contentsOf: file)) == bytes)
        try AtomicFileWriter.write([], to: file, expecting: bytes)
        #expect(try Data(contentsOf: file).isEmpty)
        #expect(try listing(folder) == ["page.md"])
    }

    @Test func cannotWriteIntoAFolderThatIsGone() throws {
        // The file is read, then its folder disappears: the temporary file cannot be created.
        let (folder, file) = try folder(with: "x\n")
        try FileManager.default.removeItem(at: folder)
        #expect(throws: AtomicFileWriter.Failure.self) {
            try AtomicFileWriter.write(Array("y\n".utf8), to: file, expecting: Array("x\n".utf8))
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path))
    }

    @Test func refusesALinkAndKeepsIt() throws {
        // A link next to its target: neither is written, the link is not replaced by a regular file.
        let (folder, file) = try folder(with: "The dochub.\n", mode: 0o600)
        defer { try? FileManager.default.removeItem(at: folder) }
        let link = folder.appendingPathComponent("link.md")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "page.md")
        #expect(throws: AtomicFileWriter.Failure.symbolicLink(path: link.path, destination: "page.md")) {
            try AtomicFileWriter.write(Array("The DocHub.\n".utf8), to: link, expecting: Array("The dochub.\n".utf8))
        }
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == "page.md")
        #expect(try String(contentsOf: file, encoding: .utf8) == "The dochub.\n")
        #expect(try mode(file) == 0o600)
        #expect(try listing(folder) == ["link.md", "page.md"])
        // A dangling link is refused as a link, not read as a missing file.
        try FileManager.default.removeItem(at: file)
        #expect(throws: AtomicFileWriter.Failure.symbolicLink(path: link.path, destination: "page.md")) {
            try AtomicFileWriter.write([], to: link, expecting: [])
        }
    }

    @Test func failureDescriptions() {
        #expect(AtomicFileWriter.Failure.changedSinceRead.description == "the file changed on disk since it was read; not overwritten")
        #expect(AtomicFileWriter.Failure.cannotWrite("disk full").description == "cannot write: disk full")
        #expect(AtomicFileWriter.Failure.readOnly(mode: 0o444).description == "read-only (mode 444): not written")
        #expect(AtomicFileWriter.Failure.hardLinks(2).description == "the file has 2 hard links, which replacing it would break: not written")
    }

    /// `chmod a-w` keeps the writer off a file, for root too.
    @Test(arguments: [0o444, 0o400, 0o464])
    func aFileItsOwnerMayNotWriteIsLeftAlone(mode: Int) throws {
        let (folder, file) = try folder(with: "The dochub.\n", mode: mode)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: AtomicFileWriter.Failure.readOnly(mode: mode)) {
            try AtomicFileWriter.write(Array("The DocHub.\n".utf8), to: file, expecting: Array("The dochub.\n".utf8))
        }
        #expect(try String(contentsOf: file, encoding: .utf8) == "The dochub.\n")
        #expect(try listing(folder) == ["page.md"])
    }

    @Test func aFileWithOtherHardLinksIsLeftAlone() throws {
        let (folder, file) = try folder(with: "The dochub.\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let other = folder.appendingPathComponent("copy.md")
        try FileManager.default.linkItem(at: file, to: other)
        #expect(throws: AtomicFileWriter.Failure.hardLinks(2)) {
            try AtomicFileWriter.write(Array("The DocHub.\n".utf8), to: file, expecting: Array("The dochub.\n".utf8))
        }
        #expect(try String(contentsOf: other, encoding: .utf8) == "The dochub.\n")
        #expect(try listing(folder) == ["copy.md", "page.md"])
    }

    /// As root (a CI container), the new file keeps the original's owner and group instead of root's.
    @Test(.enabled(if: getuid() == 0)) func theOwnerAndGroupAreKept() throws {
        let (folder, file) = try folder(with: "The dochub.\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(chown(file.path, 65534, 65534) == 0)
        try AtomicFileWriter.write(Array("The DocHub.\n".utf8), to: file, expecting: Array("The dochub.\n".utf8))
        var info = stat()
        #expect(stat(file.path, &info) == 0)
        #expect(info.st_uid == 65534)
        #expect(info.st_gid == 65534)
        #expect(try String(contentsOf: file, encoding: .utf8) == "The DocHub.\n")
    }
}

/// A UTF-8 byte-order mark is not text: `WorkspaceLoader.read` drops it (editors do, and positions
/// follow the editor's text), and `AtomicFileWriter` writes it back into the file that had it.
@Suite struct ByteOrderMarkIOTests {
    @Test func readDropsTheMarkAndTheWriterPutsItBack() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("docent-bom-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("page.md")
        try Data([0xEF, 0xBB, 0xBF] + Array("The dochub.\n".utf8)).write(to: file)
        let loader = WorkspaceLoader(root: folder)
        let read = try loader.read("page.md").get()
        #expect(read == Array("The dochub.\n".utf8))
        try AtomicFileWriter.write(Array("The DocHub.\n".utf8), to: file, expecting: read)
        #expect([UInt8](try Data(contentsOf: file)) == [0xEF, 0xBB, 0xBF] + Array("The DocHub.\n".utf8))
        // A file without a mark gets none; a mark only inside the text is text.
        let plain = folder.appendingPathComponent("plain.md")
        try Data("A\u{FEFF}b.\n".utf8).write(to: plain)
        #expect(try loader.read("plain.md").get() == Array("A\u{FEFF}b.\n".utf8))
        try AtomicFileWriter.write(Array("B.\n".utf8), to: plain, expecting: Array("A\u{FEFF}b.\n".utf8))
        #expect([UInt8](try Data(contentsOf: plain)) == Array("B.\n".utf8))
    }
}
