import Foundation
import Testing

/// Ctrl-K fills the selection with a repeated pattern, driven through tmux: what the screen
/// shows, and the exact bytes on disk after saving.
@Suite struct FillTests {
  static func statusLine(_ left: String, _ position: String) -> String {
    EditingTests.statusLine(left, position)
  }

  @Test func aHexPatternFillsTheSelectionAndIsSavedExactly() throws {
    let folder = try TemporaryDirectory()
    let original = [UInt8](0..<64)
    let path = try folder.file("data.bin", bytes: original)
    let inode = try InsertDeleteTests.inode(path)
    let session = try EditingTests.open([path])
    try session.press("Right", "Right", "S-Right", "S-Right", "S-Right", "S-Right", "S-Right")
    try session.waitForLine(
      28, Self.statusLine("data.bin", "selected 0x00000002  6 bytes   0x00000007  7 / 64 bytes  11%"))
    try session.press("C-k")
    try session.waitForLine(29, "Fill 6 bytes from 0x2 with hex [Tab: text]:")
    try session.type("de ad be ef")
    try session.press("Enter")
    let filled = try session.waitForLine(29, "filled 6 bytes at 0x2 with de ad be ef  (Ctrl-Z takes the fill back)")
    var expected = original
    expected.replaceSubrange(2..<8, with: [0xDE, 0xAD, 0xBE, 0xEF, 0xDE, 0xAD])
    #expect(filled[0] == ViewerRow.line(offset: 0, bytes: expected[0..<16]))
    #expect(filled[28] == Self.statusLine("data.bin [modified: 6 bytes]", "0x00000002  2 / 64 bytes  3%"))
    #expect(try EditingTests.contents(path) == original, "nothing is written before Ctrl-S")

    try session.press("C-s")
    try session.waitForLine(29, "saved 6 bytes")
    #expect(try EditingTests.contents(path) == expected)
    #expect(try InsertDeleteTests.inode(path) == inode)
    #expect(!FileManager.default.fileExists(atPath: EditingTests.journalPath(path)))
    try session.press("C-q")
    #expect(try session.waitForExit() == 0)
  }

  @Test func theFilledBytesAreDrawnAsEditedWithTheCursorOnTheFirst() throws {
    let folder = try TemporaryDirectory()
    let path = try folder.file("data.bin", bytes: [UInt8](0..<16))
    let session = try TmuxSession(mmhex: ["--width", "16", "--color", "never", path], columns: 100)
    try session.waitForText(ViewerTests.keyHints)
    try session.press("Right", "S-Right", "S-Right", "C-k")
    try session.type("ff")
    try session.press("Enter")
    let styled = try session.waitFor("the fill to be drawn", styled: true) { $0.first?.contains("ff ff") == true }
    // The cursor (reversed) on the first filled byte, the others bold and underlined (edited).
    #expect(styled[0].hasPrefix("00000000  00 \u{1B}[7mff\u{1B}[0m"), "styled row: \(styled[0].debugDescription)")
    #expect(styled[0].contains("\u{1B}[1;4mff ff\u{1B}[0m"), "styled row: \(styled[0].debugDescription)")
    try session.press("C-q")
    try session.waitForText("Save before quitting?")
    try session.type("n")
    #expect(try session.waitForExit() == 0)
    #expect(try EditingTests.contents(path) == [UInt8](0..<16))
  }

  @Test func tabSwitchesToTextAndAFillOfTheWholeFileIsSaved() throws {
    let folder = try TemporaryDirectory()
    let path = try folder.file("text.bin", bytes: [UInt8](repeating: 0, count: 40))
    let session = try EditingTests.open([path])
    try session.press("C-a", "C-k", "Tab")
    try session.waitForLine(29, "Fill 40 bytes from 0x0 with text [Tab: hex]:")
    try session.type("abc")
    try session.press("Enter")
    let filled = try session.waitForLine(29, "filled 40 bytes at 0x0 with \"abc\"  (Ctrl-Z takes the fill back)")
    let expected = Array(String(repeating: "abc", count: 14).utf8.prefix(40))
    #expect(filled[0] == ViewerRow.line(offset: 0, bytes: expected[0..<16]))
    #expect(filled[2] == ViewerRow.line(offset: 32, bytes: expected[32..<40]))
    try session.press("C-s")
    try session.waitForLine(29, "saved 40 bytes")
    #expect(try EditingTests.contents(path) == expected)
    try session.press("C-q")
    #expect(try session.waitForExit() == 0)
  }

  @Test func aFillUndoneLeavesTheFileAsItWasAndRedoBringsItBack() throws {
    let folder = try TemporaryDirectory()
    let original = [UInt8](0..<32)
    let path = try folder.file("data.bin", bytes: original)
    let session = try EditingTests.open([path])
    try session.press("Down", "S-Down", "C-k")
    try session.type("ff")
    try session.press("Enter")
    try session.waitForLine(29, "filled 16 bytes at 0x10 with ff  (Ctrl-Z takes the fill back)")
    try session.press("C-z")
    let undone = try session.waitForLine(28, Self.statusLine("data.bin", "0x00000010  16 / 32 bytes  51%"))
    #expect(undone[1] == ViewerRow.line(offset: 16, bytes: original[16..<32]))
    try session.press("C-s")
    try session.waitForLine(29, "no changes to save")
    #expect(try EditingTests.contents(path) == original)

    try session.press("C-y")
    try session.waitForLine(28, Self.statusLine("data.bin [modified: 16 bytes]", "0x00000010  16 / 32 bytes  51%"))
    try session.press("C-s")
    try session.waitForLine(29, "saved 16 bytes")
    #expect(try EditingTests.contents(path) == Array(original[0..<16]) + [UInt8](repeating: 0xFF, count: 16))
    try session.press("C-q")
    #expect(try session.waitForExit() == 0)
  }

  @Test func wrongInputIsExplainedOnScreenAndWritesNothing() throws {
    let folder = try TemporaryDirectory()
    let original = [UInt8](0..<32)
    let path = try folder.file("data.bin", bytes: original)
    let session = try EditingTests.open([path])
    try session.press("C-k")
    try session.waitForLine(
      29,
      "select the bytes to fill first: Shift with an arrow key, Ctrl-Space then movement keys, or Ctrl-A for the whole file")
    try session.press("S-Right", "C-k")
    try session.type("de zz")
    try session.press("Enter")
    try session.waitForLine(29, "Fill 2 bytes from 0x0 with hex [Tab: text]: de zz  'z' is not a hex digit at position 4")
    try session.press("C-u", "Enter")
    try session.waitForLine(
      29, "Fill 2 bytes from 0x0 with hex [Tab: text]:   type the bytes to repeat, such as 00 or de ad be ef (Tab: text)")
    try session.press("Escape")
    let cancelled = try session.waitForLine(29, "fill cancelled: nothing was written")
    #expect(cancelled[28] == Self.statusLine("data.bin", "selected 0x00000000  2 bytes   0x00000001  1 / 32 bytes  3%"))
    try session.press("C-q")
    #expect(try session.waitForExit() == 0, "nothing changed, so Ctrl-Q quits without asking")
    #expect(try EditingTests.contents(path) == original)

    let readOnly = try EditingTests.open(["-r", path])
    try readOnly.press("C-a", "C-k")
    try readOnly.waitForLine(29, "read-only: this file cannot be changed")
    try readOnly.press("C-q")
    #expect(try readOnly.waitForExit() == 0)
  }
}
