import Foundation
import Testing

/// The open file deleted, or replaced by a file renamed over it, while mmhex runs; and bytes that
/// cannot be read on a full disk. What the screen says without a key pressed, and what ends up
/// in the files.
@Suite struct OutsideChangeTests {
  static let columns = EditingTests.columns

  static func statusLine(_ left: String, _ position: String) -> String {
    EditingTests.statusLine(left, position)
  }

  @Test func aFileRenamedOverTheOpenOneIsShownAndNeverSavedIntoSilently() throws {
    let folder = try TemporaryDirectory()
    let original = [UInt8](0..<64)
    let path = try folder.file("data.bin", bytes: original)
    let replacement = [UInt8](repeating: 0xEE, count: 48)
    let other = try folder.file("other.bin", bytes: replacement)
    let session = try EditingTests.open([path])
    try session.type("0102")
    try session.waitForLine(28, Self.statusLine("data.bin [modified: 2 bytes]", "0x00000002  2 / 64 bytes  3%"))

    #expect(rename(other, path) == 0)
    // Seen by the idle check: no key pressed.
    let noticed = try session.waitForLine(
      28, Self.statusLine("data.bin [modified: 2 bytes] [replaced on disk]", "0x00000002  2 / 64 bytes  3%"))
    #expect(noticed[29] == "'data.bin' was replaced on disk by another file; you see the old one. Ctrl-R reloads it")
    #expect(noticed[0] == ViewerRow.line(offset: 0, bytes: [0x01, 0x02] + original[2..<16]))

    try session.press("C-s")
    try session.waitForLine(
      29, "not saved: 'data.bin' was replaced by another file; Ctrl-R reloads it, Ctrl-O saves elsewhere")
    #expect(try EditingTests.contents(path) == replacement)

    try session.press("C-r")
    try session.waitForLine(
      29, "Reload 'data.bin' from disk? d: drop your 2 changed bytes, k: keep them over it, Esc: stay")
    try session.type("k")
    let reloaded = try session.waitForLine(
      29, "reloaded 'data.bin' (48 bytes) and kept your edits: 2 bytes differ from it")
    #expect(reloaded[28] == Self.statusLine("data.bin [modified: 2 bytes]", "0x00000002  2 / 48 bytes  4%"))
    #expect(reloaded[0] == ViewerRow.line(offset: 0, bytes: [0x01, 0x02] + replacement[2..<16]))
    try session.press("C-s")
    try session.waitForLine(29, "saved 2 bytes")
    #expect(try EditingTests.contents(path) == [0x01, 0x02] + replacement.dropFirst(2))
    try session.press("C-q")
    #expect(try session.waitForExit() == 0)
  }

  @Test func aDeletedFileIsShownAndCtrlOWritesItBack() throws {
    let folder = try TemporaryDirectory()
    let original = [UInt8](0..<64)
    let path = try folder.file("data.bin", bytes: original)
    let session = try EditingTests.open([path])
    try session.type("ff")
    try FileManager.default.removeItem(atPath: path)
    let noticed = try session.waitForLine(
      28, Self.statusLine("data.bin [modified: 1 byte] [deleted on disk]", "0x00000001  1 / 64 bytes  1%"))
    #expect(noticed[29] == "'data.bin' was deleted on disk; you see its last bytes. Ctrl-O saves them to a file")
    try session.press("C-s")
    try session.waitForLine(
      29, "not saved: 'data.bin' was deleted; Ctrl-O saves what you see (edits included) to a file")
    #expect(!FileManager.default.fileExists(atPath: path))
    try session.press("C-o")
    try session.waitForLine(29, "Save as: \(path)")
    try session.press("Enter")
    try session.waitForLine(29, "saved 64 bytes to '\(path)'")
    #expect(try EditingTests.contents(path) == [0xFF] + original.dropFirst())
  }

  @Test(.enabled(if: getuid() == 0, "needs root to mount a small tmpfs"))
  func bytesThatCannotBeReadOnAFullDiskAreNotATruncation() throws {
    let folder = try TemporaryDirectory()
    let disk = folder.path("disk")
    try FileManager.default.createDirectory(atPath: disk, withIntermediateDirectories: true)
    let mounted = try MMHexBinary.runProgram("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", disk])
    try #require(mounted.status == 0, "mount failed: \(mounted.standardError)")
    // Lazily: a failing test may end while mmhex still has the file mapped.
    defer { _ = try? MMHexBinary.runProgram("umount", ["-l", disk]) }
    // A 1 MiB sparse file on a 64 KiB tmpfs that is then filled: its holes cannot be read.
    let path = disk + "/sparse.bin"
    try Data([UInt8](0..<16)).write(to: URL(fileURLWithPath: path))
    #expect(truncate(path, 1 << 20) == 0)
    FileManager.default.createFile(atPath: disk + "/filler", contents: nil)
    let filler = try FileHandle(forWritingTo: URL(fileURLWithPath: disk + "/filler"))
    while (try? filler.write(contentsOf: Data(count: 4096))) != nil {}
    try? filler.close()

    let session = try TmuxSession(mmhex: ["--width", "16", "--offset", "0x80000", path], columns: Self.columns)
    let screen = try session.waitForLine(
      29, "cannot read from 0x80000 on (I/O error, or no space for a sparse file's hole); not truncated")
    #expect(screen.contains { $0.hasPrefix("00080000  __ __ __ __") })
    #expect(!screen.joined().contains("truncated to"))
    // It keeps running: the start of the file still reads.
    try session.press("C-Home")
    let start = try session.waitForLine(29, EditingTests.keyHints)
    #expect(start[0] == ViewerRow.line(offset: 0, bytes: [UInt8](0..<16), offsetDigits: 8))
    try session.press("C-q")
    #expect(try session.waitForExit() == 0)
  }
}
