import Foundation
import Testing

/// Bracketed paste through tmux (`paste-buffer -p`), typing newlines and UTF-8 in the text pane:
/// what the screen shows and the exact bytes on disk after Ctrl-S.
@Suite struct PasteTests {
  static let columns = EditingTests.columns

  static func statusLine(_ left: String, _ position: String) -> String {
    EditingTests.statusLine(left, position)
  }

  static func contents(_ path: String) throws -> [UInt8] {
    try EditingTests.contents(path)
  }

  @Test func aHexPasteInCopiedFormsIsOneEditAndOneUndoStep() throws {
    let folder = try TemporaryDirectory()
    let original = [UInt8](0..<64)
    let path = try folder.file("data.bin", bytes: original)
    let session = try EditingTests.open([path])
    try session.press("Right", "Right")
    try session.paste("{ 0xde, 0xad,\n  0xbe, 0xef }\n\\x01\\x02 0304")
    var expected = original
    expected.replaceSubrange(2..<10, with: [0xDE, 0xAD, 0xBE, 0xEF, 0x01, 0x02, 0x03, 0x04])
    let pasted = try session.waitForLine(29, "pasted 8 bytes at 0x2  (Ctrl-Z takes the paste back)")
    #expect(pasted[0] == ViewerRow.line(offset: 0, bytes: expected[0..<16]))
    #expect(pasted[28] == Self.statusLine("data.bin [modified: 8 bytes]", "0x0000000a  10 / 64 bytes  15%"))

    // One Ctrl-Z takes the whole paste back; Ctrl-Y puts it back.
    try session.press("C-z")
    let undone = try session.waitForLine(28, Self.statusLine("data.bin", "0x00000002  2 / 64 bytes  3%"))
    #expect(undone[0] == ViewerRow.line(offset: 0, bytes: original[0..<16]))
    try session.press("C-y")
    try session.waitForLine(28, Self.statusLine("data.bin [modified: 8 bytes]", "0x00000002  2 / 64 bytes  3%"))
    try session.press("C-s")
    try session.waitForLine(29, "saved 8 bytes")
    #expect(try Self.contents(path) == expected)
    try session.press("C-q")
    #expect(try session.waitForExit() == 0)
  }

  @Test func malformedHexIsRefusedWholeWithTheReasonAndPosition() throws {
    let folder = try TemporaryDirectory()
    let original = [UInt8](0..<64)
    let path = try folder.file("data.bin", bytes: original)
    let session = try EditingTests.open([path])
    try session.paste("de ad zz be")
    let refused = try session.waitForLine(
      29,
      "cannot paste: 'z' is not a hex digit at position 7; nothing was written (the text pane pastes text)")
    #expect(refused[0] == ViewerRow.line(offset: 0, bytes: original[0..<16]))
    #expect(refused[28] == Self.statusLine("data.bin", "0x00000000  0 / 64 bytes  0%"))

    // Past the end: refused, saying how many bytes fit.
    try session.press("C-End", "Left", "Left")
    try session.paste("01 02 03 04")
    try session.waitForLine(
      29,
      "cannot paste 4 bytes at 0x3d: only 3 fit before the end of the file; nothing was written")
    try session.press("C-s")
    try session.waitForLine(29, "no changes to save")
    #expect(try Self.contents(path) == original)
  }

  @Test func theTextPaneWritesPastedUTF8EnterAndNonASCIICharacters() throws {
    let folder = try TemporaryDirectory()
    let original = [UInt8](repeating: 0x2E, count: 32)
    let path = try folder.file("text.bin", bytes: original)
    let session = try EditingTests.open([path])
    try session.press("Tab")
    try session.paste("héllo\nwörld")
    try session.waitForLine(29, "pasted 13 bytes at 0x0  (Ctrl-Z takes the paste back)")
    try session.press("Enter")
    try session.type("é")
    try session.waitForLine(28, Self.statusLine("text.bin [modified: 16 bytes]", "0x00000010  16 / 32 bytes  51%"))
    try session.press("C-z")
    try session.waitForLine(28, Self.statusLine("text.bin [modified: 14 bytes]", "0x0000000e  14 / 32 bytes  45%"))
    try session.press("C-y")
    try session.press("C-s")
    try session.waitForLine(29, "saved 16 bytes")
    var expected = original
    expected.replaceSubrange(0..<16, with: Array("héllo\nwörld\né".utf8))
    #expect(try Self.contents(path) == expected)
    #expect(Array(expected[0..<16]) == [
      0x68, 0xC3, 0xA9, 0x6C, 0x6C, 0x6F, 0x0A, 0x77, 0xC3, 0xB6, 0x72, 0x6C, 0x64, 0x0A, 0xC3, 0xA9,
    ])
  }

  @Test func aPasteIntoAPromptGoesIntoItsText() throws {
    let folder = try TemporaryDirectory()
    let path = try folder.file("data.bin", bytes: [UInt8](0..<64))
    let session = try EditingTests.open([path])
    try session.press("C-g")
    try session.waitForText("Go to offset:")
    try session.paste("0x2a\n")
    try session.waitForLine(29, "Go to offset: 0x2a")
    try session.press("Enter")
    try session.waitForLine(28, Self.statusLine("data.bin", "0x0000002a  42 / 64 bytes  66%"))
  }

  @Test(arguments: ["quit", "SIGTERM"])
  func bracketedPasteIsOffAgainAfterTheProgramEnds(ending: String) throws {
    let folder = try TemporaryDirectory()
    let path = try folder.file("data.bin", bytes: [UInt8](0..<64))
    let session = try EditingTests.open([path])
    if ending == "quit" {
      try session.press("C-q")
    } else {
      kill(try session.programID(), SIGTERM)
    }
    _ = try session.waitForExit()
    // The shell's `read` echoes what arrives: a paste still bracketed would show its markers.
    try session.paste("plain")
    let screen = try session.waitForText("plain")
    #expect(!screen.joined().contains("200~"))
    #expect(!screen.joined().contains("^["))
  }
}
