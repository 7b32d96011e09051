import Foundation
import Testing

/// The compare view's inspector and inserts through tmux: values on screen, a value written
/// through the inspector, a byte inserted in one file shifting the comparison, and the exact
/// bytes on disk after saving.
@Suite struct CompareViewEditingTests {
  static let hints = CompareViewTests.hints

  @Test func inspectorValuesAndAnEditedValueInTheCompareView() throws {
    let folder = try TemporaryDirectory()
    let first = try folder.file("a.bin", bytes: CompareViewTests.first)
    let second = try folder.file("b.bin", bytes: CompareViewTests.second)
    let session = try TmuxSession(mmhex: ["--width", "16", first, second], columns: 140, rows: 30)
    try session.waitForLine(29, "23 differing bytes in 3 runs  " + Self.hints)
    try session.press("F8")
    try session.waitForLine(29, "difference at 0x25  (F8 next, F7 previous)")
    try session.press("F2")
    let a = CompareViewTests.first
    let b = CompareViewTests.second
    // Waited for whole: a capture taken while the frame is being drawn may hold only its top.
    let int8 = "int8    \(Int8(bitPattern: a[0x25]))"
    let int16 = "int16   \(Int16(bitPattern: UInt16(a[0x25]) | UInt16(a[0x26]) << 8))"
    var screen = try session.waitFor("the inspector's int8 and int16 rows") {
      $0.count > 3 && $0.contains { $0.contains("little endian            big endian") }
        && $0[1].hasSuffix(int8) && $0[3].contains(int16)
    }
    #expect(screen[1].hasSuffix(int8))
    #expect(screen[3].contains(int16))

    // Tab, Tab: the inspector; uint16 takes b.bin's two bytes, which ends that difference.
    let value = UInt16(b[0x25]) | UInt16(b[0x26]) << 8
    try session.press("Tab", "Tab", "Down", "Down", "Down", "Enter")
    try session.waitForLine(29, "uint16 LE at 0x25:")
    try session.type("\(value)")
    try session.press("Enter")
    try session.waitForLine(29, "wrote uint16 LE at 0x25 = \(value) (2 bytes; Ctrl-Z takes it back)")
    try session.press("Tab")
    screen = try session.waitForLine(29, "21 differing bytes in 2 runs  " + Self.hints)
    #expect(screen[4].contains("uint16  \(value) "))
    try session.press("C-s")
    try session.waitForLine(29, "saved 2 bytes")
    try session.press("C-q")
    #expect(try session.waitForExit() == 0)
    var expected = a
    expected[0x25] = b[0x25]
    expected[0x26] = b[0x26]
    #expect(try EditingTests.contents(first) == expected)
    #expect(try EditingTests.contents(second) == b)
  }

  @Test func aByteInsertedInOneFileShiftsTheComparisonAndIsSaved() throws {
    // b.bin is a.bin with 0x5a inserted at 0x40 and one byte changed at 0x100.
    var random = SeededBytes(seed: 77)
    let a = random.bytes(300)
    var b = a
    b.insert(0x5A, at: 0x40)
    b[0x100] ^= 0xFF
    try #require(a[0x40] != 0x5A)
    let folder = try TemporaryDirectory()
    let first = try folder.file("a.bin", bytes: a)
    let second = try folder.file("b.bin", bytes: b)
    let session = try TmuxSession(mmhex: ["--width", "16", first, second], columns: 170, rows: 12)
    try session.waitFor("the count") { $0[11].contains("differing bytes in") }
    try session.press("F8")
    try session.waitForLine(11, "difference at 0x40  (F8 next, F7 previous)")
    try session.press("Insert")
    try session.type("5a")
    var screen = try session.waitForLine(11, "1 differing byte in 1 run  " + Self.hints)
    // The rows from 0x40 on now agree: a.bin's bytes moved one to the right.
    let half = (170 - 3) / 2
    let row = ViewerRow.line(offset: 0x40, bytes: b[0x40..<0x50])
    #expect(screen.contains(row + String(repeating: " ", count: half + 3 - row.count) + row))
    #expect(screen[10].contains("0x00000041  65 / 301 bytes  21% INS"))
    try session.press("F8")
    try session.waitForLine(11, "difference at 0x100  (F8 next, F7 previous)")
    try session.press("C-s")
    try session.waitForLine(11, "saved: 237 bytes rewritten, the file is now 301 bytes")
    try session.press("Right")
    screen = try session.waitForLine(11, "1 differing byte in 1 run  " + Self.hints)
    #expect(screen[10].contains("0x00000101  257 / 301 bytes  85% INS"))
    try session.press("C-q")
    #expect(try session.waitForExit() == 0)
    var expected = a
    expected.insert(0x5A, at: 0x40)
    #expect(try EditingTests.contents(first) == expected)
    #expect(try EditingTests.contents(second) == b)
  }
}
