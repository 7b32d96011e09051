import Foundation
import MemMap
import Testing

@testable import HexCore

/// Two 1 TiB sparse files: the stretches where both have holes are skipped unread, so counting
/// every difference takes seconds at most, not the hour reading 2 TiB of zero pages would.
@Suite("DiffScanner over 1 TiB sparse files")
struct DiffScannerSparseTests {
  static let size = 1 << 40

  /// Writes `patches` into the file at `path`.
  func patch(_ path: String, _ patches: [(offset: Int, bytes: [UInt8])]) throws {
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    defer { try? handle.close() }
    for patch in patches {
      try handle.seek(toOffset: UInt64(patch.offset))
      try handle.write(contentsOf: Data(patch.bytes))
    }
  }

  @Test func countsAndFindsDifferencesAcrossATebibyteOfHoles() throws {
    let size = Self.size
    let directory = try SearchTestDirectory()
    let first = try directory.sparseFile("a.bin", size: size)
    let second = try directory.sparseFile("b.bin", size: size)
    try patch(first, [(0x1000, Array("abcd".utf8)), (size / 2, [1, 2, 3]), (size - 8, Array("ENDMARK!".utf8))])
    try patch(second, [(0x1000, Array("abXd".utf8)), (size / 2 + 1, [2, 9]), (size - 8, Array("ENDMARK?".utf8))])
    let scanner = DiffScanner(
      DiffSide(SharedSearchSource(try MemMap.open(first))), DiffSide(SharedSearchSource(try MemMap.open(second))))
    let expected = [
      DiffRun(offset: 0x1002, count: 1), DiffRun(offset: size / 2, count: 1), DiffRun(offset: size / 2 + 2, count: 1),
      DiffRun(offset: size - 1, count: 1),
    ]
    #expect(try scanner.count() == DiffCount(bytes: 4, runs: 4))
    #expect(try scanner.runs() == expected)

    // A byte inserted at the start of b.bin (its piece table) shifts everything after it: the
    // holes still line up, so the scan still skips them.
    var table = PieceTable(source: SharedSearchSource(try MemMap.open(second)))
    _ = table.insert([0], at: 0)
    let shifted = DiffScanner(DiffSide(SharedSearchSource(try MemMap.open(first))), DiffSide(table))
    #expect(
      try shifted.runs() == [
        DiffRun(offset: 0x1000, count: 5), DiffRun(offset: size / 2, count: 4), DiffRun(offset: size - 8, count: 8),
        DiffRun(offset: size, count: 1),
      ])
  }

  /// Pending overwrites and fills inside holes are compared, not skipped with the holes.
  @Test func editsInsideHolesAreCompared() throws {
    let size = Self.size
    let directory = try SearchTestDirectory()
    let first = try directory.sparseFile("a.bin", size: size)
    let second = try directory.sparseFile("b.bin", size: size)
    let map = { (path: String) in SharedSearchSource(try MemMap.open(path)) }
    var edits = PendingEdits()
    _ = edits.setByte(at: size / 4, value: 7, original: 0)
    let overwritten = DiffScanner(DiffSide(try map(first), overlay: edits), DiffSide(try map(second)))
    #expect(try overwritten.runs() == [DiffRun(offset: size / 4, count: 1)])

    var table = PieceTable(source: try map(second))
    _ = table.fill((size / 2)..<(size / 2 + 3), with: [0])
    // Two MiB: longer than a chunk, so it would be skipped if it counted as a hole.
    let mebibyte = 1 << 20
    _ = table.fill((size - 4 * mebibyte)..<(size - 2 * mebibyte), with: [0xEE])
    let filled = DiffScanner(DiffSide(try map(first)), DiffSide(table))
    #expect(try filled.runs() == [DiffRun(offset: size - 4 * mebibyte, count: 2 * mebibyte)], "zeros change nothing")
    #expect(try filled.count() == DiffCount(bytes: 2 * mebibyte, runs: 1))
  }
}
