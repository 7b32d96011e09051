import Foundation
import MemMap
import Testing

@testable import HexCore

/// Save-as of a piece table writes it from start to end, long stretches of its file copied by
/// the system and short pieces gathered: whatever the mix of pieces, the new file holds exactly
/// the document's bytes.
@Suite("Save-as of a piece table")
struct SaveAsTableTests {
  /// Three megabytes and a bit of a file, edited at random: inserts, deletes, overwrites and
  /// fills, short and long.
  static func editedTable(over path: String, seed: UInt64) throws -> PieceTable {
    var random = SplitMix64(seed: seed)
    var table = PieceTable(source: SharedSearchSource(try MemMap.open(path)))
    for _ in 0..<200 {
      let offset = Int.random(in: 0...table.count, using: &random)
      let length = Bool.random(using: &random) ? Int.random(in: 1...40, using: &random) : Int.random(in: 1...300_000, using: &random)
      let end = min(table.count, offset + length)
      switch Int.random(in: 0..<4, using: &random) {
      case 0:
        table.insert((0..<min(length, 5000)).map { _ in UInt8.random(in: 0...255, using: &random) }, at: offset)
      case 1 where offset < end:
        table.delete(offset..<end)
      case 2 where offset < end:
        table.overwrite(at: offset, with: (offset..<min(end, offset + 3000)).map { UInt8(truncatingIfNeeded: $0) })
      case 3 where offset < end:
        table.fill(offset..<end, with: [0x5A, UInt8(truncatingIfNeeded: offset), 0xC3])
      default:
        break
      }
    }
    return table
  }

  @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
  func theNewFileHoldsExactlyTheDocument(seed: UInt64) throws {
    let directory = try SaveTestDirectory()
    let path = try directory.write("source.bin", patternBytes(count: 3 << 20 + 11))
    let table = try Self.editedTable(over: path, seed: seed)
    let copy = directory.file("copy.bin")
    var reported: [Int] = []
    let outcome = try Saver().saveAs(table, sourcePath: path, to: copy, progress: { done, _ in reported.append(done) })
    guard case .saved(let report) = outcome else {
      Issue.record("the save-as asked: \(outcome)")
      return
    }
    #expect(try contents(of: copy) == table.bytes(in: 0..<table.count))
    #expect(report.bytesWritten == table.count)
    #expect(reported == reported.sorted() && reported.last == table.count, "progress only goes forward, to the end")
    #expect(try contents(of: path) == patternBytes(count: 3 << 20 + 11), "the source is untouched")
  }

  @Test func aSourceCutShortWhileItIsCopiedFailsTheSaveAsAndLeavesNothing() throws {
    let directory = try SaveTestDirectory()
    let path = try directory.write("source.bin", patternBytes(count: 4 << 20))
    var table = PieceTable(source: SharedSearchSource(try MemMap.open(path)))
    table.insert([1, 2, 3], at: 10)
    try resizeFile(path, to: 1 << 20)
    let copy = directory.file("copy.bin")
    #expect(throws: SaveError.sourceShrank(path: path, expected: 4 << 20, found: 1 << 20)) {
      try Saver().saveAs(table, sourcePath: path, to: copy)
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { !$0.hasPrefix("source.bin") } == [])
  }

  @Test func theScratchBufferIsSavedAsFromMemory() throws {
    let directory = try SaveTestDirectory()
    var scratch = try MemMap.anonymous(size: 2 << 20)
    try scratch.write(patternBytes(count: 2 << 20), at: 0)
    var table = PieceTable(source: SharedSearchSource(consume scratch))
    table.delete(5..<1000)
    table.insert([9, 9, 9], at: 1 << 20)
    let copy = directory.file("scratch.bin")
    _ = try Saver().saveAs(table, sourcePath: nil, to: copy)
    #expect(try contents(of: copy) == table.bytes(in: 0..<table.count))
  }
}
