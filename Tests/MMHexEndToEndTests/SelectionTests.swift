import Foundation
import Testing

/// Selecting with Shift and the mark, copying (checked through tmux's buffer, which OSC 52 sets
/// with `set-clipboard on`), pasting mmhex's clipboard, and the exact bytes on disk after saving.
@Suite struct SelectionTests {
  static let columns = EditingTests.columns

  static func statusLine(_ left: String, _ position: String) -> String {
    EditingTests.statusLine(left, position)
  }

  @Test func aShiftSelectionIsCopiedToTmuxAndPastedElsewhereAsOneUndoStep() throws {
    let folder = try TemporaryDirectory()
    let original = [UInt8](0..<64)
    let path = try folder.file("data.bin", bytes: original)
    let session = try EditingTests.open([path])
    try session.acceptClipboardFromPrograms()
    try session.press("Right", "S-Right", "S-Right", "S-Right")
    try session.waitForLine(
      28, Self.statusLine("data.bin", "selected 0x00000001  4 bytes   0x00000004  4 / 64 bytes  6%"))
    try session.press("C-c")
    try session.waitForLine(29, "copied 4 bytes")
    try session.waitFor("tmux's buffer to hold the copy") { _ in (try? session.newestBuffer()) == "01 02 03 04" }

    // A plain movement ends the selection; Ctrl-V pastes at the cursor.
    try session.press("Down", "C-v")
    var expected = original
    expected.replaceSubrange(20..<24, with: [1, 2, 3, 4])
    let pasted = try session.waitForLine(29, "pasted 4 bytes at 0x14  (Ctrl-Z takes the paste back)")
    #expect(pasted[1] == ViewerRow.line(offset: 16, bytes: expected[16..<32]))
    #expect(pasted[28] == Self.statusLine("data.bin [modified: 4 bytes]", "0x00000018  24 / 64 bytes  38%"))
    try session.press("C-z")
    try session.waitForLine(28, Self.statusLine("data.bin", "0x00000014  20 / 64 bytes  31%"))
    try session.press("C-y")

    // Past the end: refused, saying how many fit.
    try session.press("C-End", "C-v")
    try session.waitForLine(
      29, "cannot paste 4 bytes at 0x3f: only 1 fit before the end of the file; nothing was written")
    try session.press("C-s")
    try session.waitForLine(29, "saved 4 bytes")
    #expect(try EditingTests.contents(path) == expected)
    try session.press("C-q")
    #expect(try session.waitForExit() == 0)
  }

  @Test func theMarkSelectsWithPlainKeysAndGoToAndCtrlASelectsAll() throws {
    let folder = try TemporaryDirectory()
    let original = [UInt8](repeating: 0x41, count: 100)
    let path = try folder.file("letters.bin", bytes: original)
    let session = try EditingTests.open([path])
    try session.acceptClipboardFromPrograms()
    try session.press("C-Space")
    try session.waitForLine(29, "mark set: movement keys select, Ctrl-Space or Esc clears")
    try session.press("Down", "C-g")
    try session.type("0x20")
    try session.press("Enter")
    try session.waitForLine(
      28, Self.statusLine("letters.bin", "selected 0x00000000  33 bytes   0x00000020  32 / 100 bytes  32%"))
    try session.press("Escape")
    try session.waitForLine(28, Self.statusLine("letters.bin", "0x00000020  32 / 100 bytes  32%"))
    try session.press("C-S-End")
    try session.waitForLine(
      28, Self.statusLine("letters.bin", "selected 0x00000020  68 bytes   0x00000063  99 / 100 bytes  100%"))
    try session.press("C-S-Home")
    try session.waitForLine(
      28, Self.statusLine("letters.bin", "selected 0x00000000  33 bytes   0x00000000  0 / 100 bytes  0%"))
    try session.press("C-a", "C-c")
    try session.waitForLine(29, "copied 100 bytes")
    let hex = Array(repeating: "41", count: 100).joined(separator: " ")
    try session.waitFor("tmux's buffer to hold the whole file") { _ in (try? session.newestBuffer()) == hex }
    try session.press("C-q")
    #expect(try session.waitForExit() == 0)
    #expect(try EditingTests.contents(path) == original)
  }

  @Test func ctrlEExportsAsACArrayToTmuxAndAsRawBytesToAFile() throws {
    let folder = try TemporaryDirectory()
    let original = [UInt8](0..<64)
    let path = try folder.file("data.bin", bytes: original)
    let exported = folder.url.appendingPathComponent("part.bin").path
    let session = try EditingTests.open([path])
    try session.acceptClipboardFromPrograms()
    try session.type("ff")
    try session.press("Left", "S-Right", "S-Right")
    try session.press("C-e")
    try session.waitForLine(
      29,
      "Export 3 bytes from 0x0 as: h hex, c C array, p Python bytes, b base64 (to the clipboard), "
        + "f raw bytes to a file; Esc: cancel")
    try session.type("c")
    try session.waitForLine(29, "copied 3 bytes as C array")
    try session.waitFor("tmux's buffer to hold the C array") { _ in (try? session.newestBuffer()) == "{ 0xff, 0x01, 0x02 }" }

    try session.press("C-e")
    try session.type("f")
    try session.waitForLine(29, "Export 3 bytes to file:")
    try session.type(exported)
    try session.press("Enter")
    try session.waitForLine(29, "exported 3 bytes to '\(exported)'")
    #expect(try EditingTests.contents(exported) == [0xFF, 0x01, 0x02])
    #expect(try EditingTests.contents(path) == original, "exporting does not save")
    try session.press("C-q")
    try session.waitForText("Save before quitting?")
    try session.type("n")
    #expect(try session.waitForExit() == 0)
    #expect(try EditingTests.contents(path) == original)
  }

  @Test func theSelectionIsDrawnDistinctlyWithoutColour() throws {
    let folder = try TemporaryDirectory()
    let path = try folder.file("data.bin", bytes: [UInt8](0..<32))
    let session = try TmuxSession(mmhex: ["--width", "16", "--color", "never", path], columns: 100)
    try session.waitForText(ViewerTests.keyHints)
    try session.press("S-Right", "S-Right")
    let styled = try session.waitFor("the selection to be drawn", styled: true) { $0.first?.contains("01") == true && $0.joined().contains("selected") }
    let row = styled[0]
    // Bytes 00 and 01 selected (bold and reversed), 02 is the cursor (reversed only).
    #expect(row.hasPrefix("00000000  \u{1B}[1;7m00 01\u{1B}[0m"), "styled row: \(row.debugDescription)")
    #expect(row.contains("\u{1B}[7m02\u{1B}[0m"), "styled row: \(row.debugDescription)")
    #expect(row.contains("  \u{1B}[1;7m..\u{1B}[0;4m"), "the text pane too: \(row.debugDescription)")
    try session.press("C-q")
    #expect(try session.waitForExit() == 0)
  }
}
