import Foundation
import Testing

/// Appending at the end in insert mode, and undo after a save that moved bytes, driven through
/// tmux: the screen as a person sees it and the exact bytes on disk.
@Suite struct AppendAndUndoAcrossSaveTests {
  static func statusLine(_ left: String, _ position: String, inserting: Bool) -> String {
    ViewerTests.statusLine(left, position, width: EditingTests.columns, inserting: inserting)
  }

  @Test func hexTypedIntoAnEmptyFileIsSavedAsExactlyThoseBytes() throws {
    let folder = try TemporaryDirectory()
    let path = try folder.file("empty.bin", bytes: [])
    let session = try TmuxSession(mmhex: ["--width", "16", path], columns: EditingTests.columns)
    try session.waitForText("empty file: nothing to show  F1 help  Ctrl-Q quit")
    try session.press("IC")
    try session.press("Escape")
    let ready = try session.waitForLine(29, "empty file: type to add bytes  F1 help  Ctrl-Q quit")
    #expect(ready[0] == "00000000")
    try session.type("de ad")
    let typed = try session.waitForLine(
      28, Self.statusLine("empty.bin [modified: 2 bytes]", "0x00000002  2 / 2 bytes  100%", inserting: true))
    #expect(typed[0] == ViewerRow.line(offset: 0, bytes: [0xDE, 0xAD]))
    try session.press("C-s")
    try session.waitForLine(29, "saved: 2 bytes rewritten, the file is now 2 bytes")
    #expect(try EditingTests.contents(path) == [0xDE, 0xAD])
    try session.press("C-q")
    #expect(try session.waitForExit() == 0)
  }

  @Test func textAppendedAtTheEndOfAFileIsSavedAfterIt() throws {
    let folder = try TemporaryDirectory()
    let original = [UInt8](0..<20)
    let path = try folder.file("data.bin", bytes: original)
    let session = try EditingTests.open([path])
    // Overwrite mode stops on the last byte and says how to append.
    try session.press("C-End", "Right")
    try session.waitForLine(29, "at the last byte: press Insert to append bytes at the end")
    try session.press("IC", "Right", "Tab")
    try session.waitForLine(28, Self.statusLine("data.bin", "0x00000014  20 / 20 bytes  100%", inserting: true))
    try session.type("hi!")
    let typed = try session.waitForLine(
      28, Self.statusLine("data.bin [modified: 3 bytes]", "0x00000017  23 / 23 bytes  100%", inserting: true))
    let expected = original + Array("hi!".utf8)
    #expect(typed[1] == ViewerRow.line(offset: 16, bytes: expected[16...]))
    try session.press("C-s")
    try session.waitForLine(29, "saved: 3 bytes rewritten, the file is now 23 bytes")
    #expect(try EditingTests.contents(path) == expected)
    try session.press("C-q")
    #expect(try session.waitForExit() == 0)
  }

  @Test func anInsertSavedThenUndoneAndSavedAgainLeavesTheOriginalFile() throws {
    let folder = try TemporaryDirectory()
    let original = [UInt8](0..<64)
    let path = try folder.file("data.bin", bytes: original)
    let session = try EditingTests.open([path])
    try session.press("IC")
    try session.type("ff")
    try session.press("C-s")
    try session.waitForLine(29, "saved: 65 bytes rewritten, the file is now 65 bytes")
    #expect(try EditingTests.contents(path) == [0xFF] + original)

    try session.press("C-z")
    let undone = try session.waitForLine(
      28, Self.statusLine("data.bin [modified: 1 byte deleted]", "0x00000000  0 / 64 bytes  0%", inserting: true))
    #expect(undone[0] == ViewerRow.line(offset: 0, bytes: original[0..<16]))
    try session.press("C-s")
    let saved = try session.waitForLine(29, "saved: 64 bytes rewritten, the file is now 64 bytes")
    #expect(saved[28] == Self.statusLine("data.bin", "0x00000000  0 / 64 bytes  0%", inserting: true))
    #expect(try EditingTests.contents(path) == original)

    // Redo, across the second save too.
    try session.press("C-y", "C-s")
    try session.waitForLine(29, "saved: 65 bytes rewritten, the file is now 65 bytes")
    #expect(try EditingTests.contents(path) == [0xFF] + original)
    try session.press("C-q")
    #expect(try session.waitForExit() == 0)
  }
}
