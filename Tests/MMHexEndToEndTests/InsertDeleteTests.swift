import Foundation
import Testing

/// Insert mode, Delete and Backspace, and saving a file whose size changed, driven through tmux.
/// Every test checks the screen and the exact bytes on disk, and that the file kept its inode.
@Suite struct InsertDeleteTests {
  static func statusLine(_ left: String, _ position: String, inserting: Bool) -> String {
    ViewerTests.statusLine(left, position, width: EditingTests.columns, inserting: inserting)
  }

  static func inode(_ path: String) throws -> Int {
    try #require(try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int)
  }

  @Test func insertedHexAndTextDeleteAndBackspaceAreSavedExactlyInTheSameFile() throws {
    let folder = try TemporaryDirectory()
    let original = [UInt8](0..<64)
    let path = try folder.file("data.bin", bytes: original)
    let inode = try Self.inode(path)
    let session = try EditingTests.open([path])
    try session.waitForLine(28, Self.statusLine("data.bin", "0x00000000  0 / 64 bytes  0%", inserting: false))
    try session.press("IC")
    try session.waitForLine(
      29, "insert mode (INS): typed and pasted bytes go in before the cursor; Insert switches back")
    try session.waitForLine(28, Self.statusLine("data.bin", "0x00000000  0 / 64 bytes  0%", inserting: true))

    // A hex digit inserts a byte (its high nibble); the next completes it and moves on.
    try session.type("a")
    try session.waitForLine(28, Self.statusLine("data.bin [modified: 1 byte]", "0x00000000  0 / 65 bytes  0%", inserting: true))
    try session.type("b")
    let typed = try session.waitForLine(
      28, Self.statusLine("data.bin [modified: 1 byte]", "0x00000001  1 / 65 bytes  1%", inserting: true))
    #expect(typed[0] == ViewerRow.line(offset: 0, bytes: [0xAB] + original[0..<15]))

    // The text pane inserts the character's byte.
    try session.press("Tab")
    try session.type("Z")
    try session.waitForLine(28, Self.statusLine("data.bin [modified: 2 bytes]", "0x00000002  2 / 66 bytes  3%", inserting: true))

    // Delete removes the byte under the cursor (0x00), Backspace the one before it ('Z').
    try session.press("DC")
    try session.waitForLine(29, "deleted 1 byte at 0x2  (Ctrl-Z brings it back)")
    try session.press("BSpace")
    try session.waitForLine(29, "deleted 1 byte at 0x1  (Ctrl-Z brings it back)")
    let deleted = try session.waitForLine(
      28, Self.statusLine("data.bin [modified: 1 byte]", "0x00000001  1 / 64 bytes  1%", inserting: true))
    #expect(deleted[0] == ViewerRow.line(offset: 0, bytes: [0xAB] + original[1..<16]))

    // Undo brings the 'Z' back, redo takes it away again.
    try session.press("C-z")
    try session.waitForLine(28, Self.statusLine("data.bin [modified: 2 bytes]", "0x00000001  1 / 65 bytes  1%", inserting: true))
    try session.press("C-y")
    try session.waitForLine(28, Self.statusLine("data.bin [modified: 1 byte]", "0x00000001  1 / 64 bytes  1%", inserting: true))

    // One more Delete: from offset 1 on, every byte moved.
    try session.press("DC")
    try session.waitForLine(
      28, Self.statusLine("data.bin [modified: 1 byte, 1 byte shorter]", "0x00000001  1 / 63 bytes  1%", inserting: true))
    #expect(try EditingTests.contents(path) == original, "nothing is written before Ctrl-S")
    try session.press("C-s")
    let saved = try session.waitForLine(29, "saved: 63 bytes rewritten, the file is now 63 bytes")
    #expect(saved[28] == Self.statusLine("data.bin", "0x00000001  1 / 63 bytes  1%", inserting: true))
    let expected = [0xAB] + Array(original[2...])
    #expect(try EditingTests.contents(path) == expected)
    #expect(try Self.inode(path) == inode, "the file was rewritten in place, not replaced")
    #expect(!FileManager.default.fileExists(atPath: EditingTests.journalPath(path)))
    try session.press("C-q")
    #expect(try session.waitForExit() == 0)
  }

  @Test func aDeletedByteShowsTheModifiedMarkerUntilItIsSaved() throws {
    let folder = try TemporaryDirectory()
    let original = [UInt8](0..<64)
    let path = try folder.file("data.bin", bytes: original)
    let session = try EditingTests.open([path])
    try session.waitForLine(28, Self.statusLine("data.bin", "0x00000000  0 / 64 bytes  0%", inserting: false))
    try session.press("Right", "Right", "DC")
    try session.waitForLine(29, "deleted 1 byte at 0x2  (Ctrl-Z brings it back)")
    let deleted = try session.waitForLine(
      28, Self.statusLine("data.bin [modified: 1 byte deleted]", "0x00000002  2 / 63 bytes  3%", inserting: false))
    #expect(deleted[0] == ViewerRow.line(offset: 0, bytes: original[0..<2] + original[3..<17]))
    try session.press("C-q")
    try session.waitForLine(
      29, "your edits are not saved (1 byte deleted). Save before quitting? y: save and quit, n: quit without saving, "
        + "Esc: stay")
    try session.press("Escape", "C-s")
    let saved = try session.waitForLine(29, "saved: 61 bytes rewritten, the file is now 63 bytes")
    #expect(saved[28] == Self.statusLine("data.bin", "0x00000002  2 / 63 bytes  3%", inserting: false))
    #expect(try EditingTests.contents(path) == Array(original[0..<2] + original[3...]))
    try session.press("C-q")
    #expect(try session.waitForExit() == 0)
  }

  @Test func aPasteInInsertModeInsertsAndTheGrownFileIsSaved() throws {
    let folder = try TemporaryDirectory()
    let original = [UInt8](0..<64)
    let path = try folder.file("data.bin", bytes: original)
    let link = folder.path("link.bin")
    try FileManager.default.linkItem(atPath: path, toPath: link)
    let session = try EditingTests.open([path])
    try session.press("IC", "Right", "Right")
    try session.paste("de ad")
    let pasted = try session.waitForLine(29, "inserted 2 bytes at 0x2  (Ctrl-Z takes the paste back)")
    var expected = original
    expected.insert(contentsOf: [0xDE, 0xAD], at: 2)
    #expect(pasted[0] == ViewerRow.line(offset: 0, bytes: expected[0..<16]))
    #expect(pasted[28] == Self.statusLine("data.bin [modified: 2 bytes]", "0x00000004  4 / 66 bytes  6%", inserting: true))
    try session.press("C-s")
    try session.waitForLine(29, "saved: 64 bytes rewritten, the file is now 66 bytes")
    #expect(try EditingTests.contents(path) == expected)
    #expect(try EditingTests.contents(link) == expected, "the hard link is the same file")
    try session.press("C-q")
    #expect(try session.waitForExit() == 0)
  }
}
