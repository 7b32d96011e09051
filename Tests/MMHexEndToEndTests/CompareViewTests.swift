import Foundation
import Testing

/// The compare view (`mmhex A B`) driven through tmux: both files side by side or stacked,
/// next and previous difference, editing one side and saving it, the exact bytes on disk.
@Suite struct CompareViewTests {
  /// 300 random bytes; the second file differs at 0x25-0x26 and 0x100 and has 20 bytes more.
  static let first: [UInt8] = {
    var random = SeededBytes(seed: 2026)
    return random.bytes(300)
  }()
  static let second: [UInt8] = {
    var bytes = first + Array(repeating: 0x41, count: 20)
    bytes[0x25] ^= 0xFF
    bytes[0x26] ^= 0x0F
    bytes[0x100] ^= 0x80
    return bytes
  }()
  static let hints = "F8 next  F7 previous  Ctrl-W other file  F1 help"

  /// Opens both files in a `columns` × `rows` window with 16-byte rows and waits for the count.
  static func open(_ folder: TemporaryDirectory, columns: Int, rows: Int) throws -> (TmuxSession, String, String) {
    let first = try folder.file("a.bin", bytes: Self.first)
    let second = try folder.file("b.bin", bytes: Self.second)
    let session = try TmuxSession(mmhex: ["--width", "16", first, second], columns: columns, rows: rows)
    try session.waitForLine(rows - 1, "23 differing bytes in 3 runs  " + Self.hints)
    return (session, first, second)
  }

  /// A row of each file at `offset`, side by side in a window whose blocks are `half` wide.
  static func sideBySideRow(_ offset: Int, half: Int) -> String {
    let left = ViewerRow.line(offset: offset, bytes: first[offset..<min(offset + 16, first.count)])
    let right = ViewerRow.line(offset: offset, bytes: second[offset..<min(offset + 16, second.count)])
    return left + String(repeating: " ", count: half + 3 - left.count) + right
  }

  @Test func sideBySideNextAndPreviousDifference() throws {
    let folder = try TemporaryDirectory()
    let (session, _, _) = try Self.open(folder, columns: 170, rows: 12)
    let half = (170 - 3) / 2
    var screen = try session.screen()
    #expect(screen[0] == Self.sideBySideRow(0, half: half))
    #expect(screen[2] == Self.sideBySideRow(0x20, half: half))
    #expect(screen[10].hasPrefix(" a.bin "))
    #expect(screen[10].contains("0x00000000  0 / 300 bytes  0%"))
    #expect(screen[10].contains("   b.bin "))
    #expect(screen[10].hasSuffix("0x00000000  0 / 320 bytes  0%"))

    try session.press("F8")
    try session.waitForLine(11, "difference at 0x25  (F8 next, F7 previous)")
    try session.press("F8")
    screen = try session.waitForLine(11, "difference at 0x100  (F8 next, F7 previous)")
    // The jump brings the difference's row into view in both blocks (as near the top as the
    // end of the active file allows).
    #expect(screen[7] == Self.sideBySideRow(0x100, half: half))
    // Past the shorter end: blank cells on the short side, the cursor in the longer file.
    try session.press("F8")
    screen = try session.waitForLine(11, "difference at 0x12c; only 'b.bin' has bytes here  (F8 next, F7 previous)")
    #expect(screen[9] == Self.sideBySideRow(0x120, half: half))
    #expect(screen[10].hasSuffix("0x0000012c  300 / 320 bytes  94% OVR"))
    try session.press("Down")
    screen = try session.waitForLine(9, String(repeating: " ", count: half + 3) + ViewerRow.line(offset: 0x130, bytes: Self.second[0x130...]))
    #expect(screen[8] == Self.sideBySideRow(0x120, half: half))
    try session.press("Up")
    try session.press("F8")
    try session.waitForLine(11, "no more differences after 0x12c")
    try session.press("F7")
    try session.waitForLine(11, "difference at 0x100  (F8 next, F7 previous)")
    try session.press("C-q")
    #expect(try session.waitForExit() == 0)
  }

  @Test func stackedEditingOneSideAndSaving() throws {
    let folder = try TemporaryDirectory()
    let (session, firstPath, secondPath) = try Self.open(folder, columns: 80, rows: 14)
    var screen = try session.screen()
    // Five rows of each file, each block with its status line.
    #expect(screen[2] == ViewerRow.line(offset: 0x20, bytes: Self.first[0x20..<0x30]))
    #expect(screen[5].hasPrefix(" a.bin "))
    #expect(screen[8] == ViewerRow.line(offset: 0x20, bytes: Self.second[0x20..<0x30]))
    #expect(screen[11].hasPrefix(" b.bin "))

    // Enter in the hex pane goes to the next difference; Ctrl-W moves the cursor to b.bin.
    try session.press("Enter")
    try session.waitForLine(13, "difference at 0x25  (F8 next, F7 previous)")
    try session.press("C-w")
    // Typing the first file's bytes there removes that difference.
    try session.type(ViewerRow.hexPair(Self.first[0x25]) + ViewerRow.hexPair(Self.first[0x26]))
    screen = try session.waitForLine(13, "21 differing bytes in 2 runs  " + Self.hints)
    #expect(screen[11].hasPrefix(" b.bin [modified: 2 bytes]"))
    #expect(screen[8] == ViewerRow.line(offset: 0x20, bytes: Self.first[0x20..<0x30]))
    try session.press("C-s")
    try session.waitForText("saved")
    try session.press("C-q")
    #expect(try session.waitForExit() == 0)

    var expected = Self.second
    expected[0x25] = Self.first[0x25]
    expected[0x26] = Self.first[0x26]
    #expect(Array(try Data(contentsOf: URL(fileURLWithPath: secondPath))) == expected)
    #expect(Array(try Data(contentsOf: URL(fileURLWithPath: firstPath))) == Self.first)
  }

  @Test func quittingAsksAboutTheOtherFilesEdits() throws {
    let folder = try TemporaryDirectory()
    let (session, firstPath, _) = try Self.open(folder, columns: 170, rows: 12)
    try session.type("00")
    try session.press("C-w")
    try session.press("C-q")
    try session.waitForText("'a.bin': 1 changed byte is not saved. Save before quitting?")
    try session.press("y")
    #expect(try session.waitForExit() == 0)
    var expected = Self.first
    expected[0] = 0
    #expect(Array(try Data(contentsOf: URL(fileURLWithPath: firstPath))) == expected)
  }

  @Test func anotherMmhexIsToldAboutEditsToTheFileThatIsNotActive() throws {
    let folder = try TemporaryDirectory()
    let (session, _, secondPath) = try Self.open(folder, columns: 170, rows: 12)
    try session.press("C-w")
    try session.type("00")
    try session.press("C-w")
    try session.waitFor("b.bin modified") { $0[10].contains("b.bin [modified: 1 byte]") }
    let firstID = try session.programID()
    let other = try TmuxSession(mmhex: ["--width", "16", secondPath], columns: 170)
    try other.waitForText("another mmhex (process \(firstID)) has unsaved edits to '\(secondPath)'")
    try other.press("C-q")
    #expect(try other.waitForExit() == 0)
    try session.press("C-q")
    try session.waitForText("'b.bin': 1 changed byte is not saved.")
    try session.press("n")
    #expect(try session.waitForExit() == 0)
  }
}
