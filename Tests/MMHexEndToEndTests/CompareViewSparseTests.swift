import Foundation
import Testing

/// Two 1 TiB sparse files in the compare view: everything that works on one works on the pair,
/// and the searches and the count skip the stretches where both files have holes.
@Suite struct CompareViewSparseTests {
  static let size = 1 << 40

  /// The bytes at `offset..<offset + count` of the file at `path`.
  static func bytes(_ path: String, at offset: Int, count: Int) throws -> [UInt8] {
    let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
    defer { try? handle.close() }
    try handle.seek(toOffset: UInt64(offset))
    return Array(try handle.read(upToCount: count) ?? Data())
  }

  @Test func aTebibyteSparsePairOpensJumpsFindsDifferencesAndSaves() throws {
    let size = Self.size
    let folder = try TemporaryDirectory()
    // Differences: 0x1002, 0x2000-0x2001, size - 0x1000, size - 9.
    let first = try folder.sparseFile(
      "a.bin", size: size,
      patches: [
        (offset: 0x1000, bytes: Array("abcd".utf8)), (offset: size - 16, bytes: Array("ENDMARK!ENDMARK!".utf8)),
      ])
    let second = try folder.sparseFile(
      "b.bin", size: size,
      patches: [
        (offset: 0x1000, bytes: Array("abXd".utf8)), (offset: 0x2000, bytes: Array("ZZ".utf8)),
        (offset: size - 0x1000, bytes: Array("Q".utf8)), (offset: size - 16, bytes: Array("ENDMARK?ENDMARK!".utf8)),
      ])
    let session = try TmuxSession(mmhex: ["--width", "16", first, second], columns: 170, rows: 14)
    // It opens at once, and the background count crosses the holes.
    var screen = try session.waitForLine(13, "5 differing bytes in 4 runs  " + CompareViewTests.hints)
    #expect(screen[0].hasPrefix("00000000000  00 00 00 00"))
    #expect(screen[12].contains("0 / 1099511627776 bytes"))

    // Go to the end, then F7 finds the last difference.
    try session.press("C-g")
    try session.waitForText("Go to offset:")
    try session.type("end")
    try session.press("Enter")
    try session.waitFor("the end") { $0[12].contains("0x0ffffffffff  1099511627775 / 1099511627776 bytes  100%") }
    try session.press("F7")
    screen = try session.waitForLine(13, "difference at 0xfffffffff7  (F8 next, F7 previous)")
    #expect(screen.contains { $0.hasPrefix("0fffffffff0  45 4e 44 4d 41 52 4b 21  45 4e 44 4d 41 52 4b 21") })
    #expect(screen.contains { $0.hasSuffix("0fffffffff0  45 4e 44 4d 41 52 4b 3f  45 4e 44 4d 41 52 4b 21  ENDMARK?ENDMARK!") })
    try session.press("F7")
    try session.waitForLine(13, "difference at 0xfffffff000  (F8 next, F7 previous)")

    // Near the start: F8 from the first byte, twice.
    try session.press("C-Home", "F8")
    try session.waitForLine(13, "difference at 0x1002  (F8 next, F7 previous)")
    try session.press("F8")
    try session.waitForLine(13, "difference at 0x2000  (F8 next, F7 previous)")

    // Typing b.bin's bytes into a.bin there ends that difference; save writes just them.
    try session.type("5a5a")
    try session.waitFor("a.bin modified") { $0[12].contains("a.bin [modified: 2 bytes]") }
    try session.waitForLine(13, "3 differing bytes in 3 runs  " + CompareViewTests.hints)
    try session.press("C-s")
    try session.waitForLine(13, "saved 2 bytes")

    // Ctrl-W: b.bin is active, at the same offset; F7 finds the difference at 0x1002 from there.
    try session.press("C-w")
    screen = try session.waitFor("b.bin active") { $0[12].hasSuffix("0x00000002002  8194 / 1099511627776 bytes  0% OVR") }
    try session.press("F7")
    try session.waitForLine(13, "difference at 0x1002  (F8 next, F7 previous)")
    // F8 from 0x2000 crosses a terabyte of holes at once.
    try session.press("C-g")
    try session.waitForText("Go to offset:")
    try session.type("0x2000")
    try session.press("Enter", "F8")
    try session.waitForLine(13, "difference at 0xfffffff000  (F8 next, F7 previous)")
    try session.press("C-q")
    #expect(try session.waitForExit() == 0)

    #expect(try Self.bytes(first, at: 0x1FFF, count: 4) == [0x00, 0x5A, 0x5A, 0x00])
    #expect(try Self.bytes(first, at: 0x1000, count: 4) == Array("abcd".utf8))
    #expect(try Self.bytes(first, at: size - 16, count: 16) == Array("ENDMARK!ENDMARK!".utf8))
    #expect(try Self.bytes(second, at: 0x2000, count: 2) == Array("ZZ".utf8))
    for path in [first, second] {
      let attributes = try FileManager.default.attributesOfItem(atPath: path)
      #expect((attributes[.size] as? NSNumber)?.intValue == size)
    }
  }

  @Test func aByteInsertedAtTheStartOfATebibyteFileShiftsItsEnd() throws {
    let size = Self.size
    let folder = try TemporaryDirectory()
    let tail = Array("ENDMARK!".utf8)
    let first = try folder.sparseFile("a.bin", size: size, patches: [(offset: size - 8, bytes: tail)])
    let second = try folder.sparseFile("b.bin", size: size, patches: [(offset: size - 8, bytes: tail)])
    let session = try TmuxSession(mmhex: ["--width", "16", first, second], columns: 170, rows: 14)
    try session.waitFor("both blocks") { $0.count == 14 && $0[12].contains("0 / 1099511627776 bytes") }
    try session.press("C-w", "Insert")
    try session.type("00")
    try session.waitFor("b.bin one byte longer") { $0[12].hasSuffix("0x00000000001  1 / 1099511627777 bytes  0% INS") }
    // The count reads b.bin's piece table, whose holes still line up with a.bin's.
    try session.waitForLine(13, "9 differing bytes in 2 runs  " + CompareViewTests.hints)
    try session.press("C-g")
    try session.waitForText("Go to offset:")
    try session.type("end")
    try session.press("Enter")
    var screen = try session.waitFor("the end") { $0[12].hasSuffix("1099511627776 / 1099511627777 bytes  100% INS") }
    // b.bin's last row holds the mark one byte later, past a.bin's end.
    #expect(screen[10].hasSuffix("0fffffffff0  00 00 00 00 00 00 00 00  00 45 4e 44 4d 41 52 4b  .........ENDMARK"))
    #expect(screen[11] == String(repeating: " ", count: 86) + "10000000000  21" + String(repeating: " ", count: 48) + "!")
    try session.press("F7")
    screen = try session.waitForLine(13, "difference at 0xfffffffff8  (F8 next, F7 previous)")
    try session.press("C-q")
    try session.waitForText("1 changed byte is not saved. Save before quitting?")
    try session.press("n")
    #expect(try session.waitForExit() == 0)
    #expect(try Self.bytes(second, at: size - 8, count: 9) == tail)
  }
}
