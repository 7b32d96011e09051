import Foundation
import Testing

/// The data inspector through tmux: values on screen beside and below the rows, editing a value
/// through it, and the exact bytes on disk after saving.
@Suite struct InspectorTests {
  @Test func valuesShowBesideTheRowsAndAnEditedValueIsSavedExactly() throws {
    let folder = try TemporaryDirectory()
    var original = [UInt8](0..<64)
    original.replaceSubrange(0x10..<0x18, with: [0x1F, 0x85, 0xEB, 0x51, 0xB8, 0x1E, 0x09, 0x40])
    let path = try folder.file("values.bin", bytes: original)
    let session = try EditingTests.open([path])
    try session.press("C-g")
    try session.type("0x10")
    try session.press("Enter", "F2")
    let shown = try session.waitForText("float64 3.14")
    let row = { (name: String) in shown.first { $0.contains(" \(name) ") || $0.hasPrefix(name) } ?? "" }
    #expect(row("int8").hasSuffix("int8    31"))
    #expect(row("uint16").hasSuffix("uint16  34079                    8069"))
    #expect(row("float64").hasSuffix("float64 3.14                     7.9824696849641e-157"))
    #expect(row("binary").hasSuffix("binary  0b00011111"))

    // Tab, Tab: the inspector; down to uint32, right to big endian, Enter: a prompt.
    try session.press("Tab", "Tab", "Down", "Down", "Down", "Down", "Down", "Right", "Enter")
    try session.waitForLine(29, "uint32 BE at 0x10:")
    try session.type("300000")
    try session.press("Enter")
    try session.waitForLine(29, "wrote uint32 BE at 0x10 = 300000 (4 bytes; Ctrl-Z takes it back)")
    try session.press("Up", "Up", "Up", "Up", "Enter")
    try session.waitForLine(29, "uint8 at 0x10:")
    try session.type("300")
    try session.press("Enter")
    try session.waitForLine(29, "uint8 at 0x10: 300  300 does not fit in uint8 (0…255); nothing was written")
    try session.press("Escape", "C-s")
    try session.waitForLine(29, "saved 4 bytes")
    var expected = original
    expected.replaceSubrange(0x10..<0x14, with: [0x00, 0x04, 0x93, 0xE0])
    #expect(try EditingTests.contents(path) == expected)
    try session.press("C-q")
    #expect(try session.waitForExit() == 0)
  }

  @Test func inANarrowTerminalTheInspectorGoesBelowAndATinyOneSaysItIsTooSmall() throws {
    let folder = try TemporaryDirectory()
    let path = try folder.file("data.bin", bytes: [UInt8](repeating: 0xFF, count: 256))
    let session = try TmuxSession(mmhex: ["--width", "16", path], columns: 80, rows: 30)
    try session.waitForText(ViewerTests.keyHints)
    try session.press("F2")
    let screen = try session.waitForText("uint64  18446744073709551615")
    #expect(screen[11] == "        little endian            big endian")
    #expect(screen[10].hasPrefix("000000a0  ff ff"))
    try session.resize(columns: 80, rows: 12)
    try session.waitForLine(11, "too small for the inspector: it needs 58 columns and 20 rows; F2 hides it")
    try session.press("F2")
    try session.waitForLine(11, ViewerTests.keyHints)
    try session.press("C-q")
    #expect(try session.waitForExit() == 0)
  }
}
