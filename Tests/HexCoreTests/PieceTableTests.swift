import MemMap
import Testing

@testable import HexCore

/// Bytes computed from their offset, of any size: a document far larger than memory.
private struct ComputedSource: ByteSource {
  let count: Int

  static func byte(at offset: Int) -> UInt8 { UInt8(truncatingIfNeeded: (offset &* 0x9E37_79B1) >> 7) }

  func read(at offset: Int, into destination: inout MutableRawSpan) -> Int {
    for index in 0..<destination.byteCount {
      destination.storeBytes(of: Self.byte(at: offset + index), toByteOffset: index, as: UInt8.self)
    }
    return destination.byteCount
  }
}

/// A source of `count` bytes that only still holds the first `readable` (as after another
/// process truncated the file).
private struct ShrunkSource: ByteSource {
  let count: Int
  let readable: Int

  func read(at offset: Int, into destination: inout MutableRawSpan) -> Int {
    let available = max(0, min(destination.byteCount, readable - offset))
    for index in 0..<available { destination.storeBytes(of: 0x11, toByteOffset: index, as: UInt8.self) }
    return available
  }
}

private func table(_ bytes: [UInt8]) -> PieceTable {
  PieceTable(source: ByteArraySearchSource(bytes))
}

private func contents(_ table: PieceTable) -> [UInt8] {
  table.bytes(in: 0..<table.count)
}

@Suite("Piece table: edge cases")
struct PieceTableTests {
  @Test func emptyDocument() throws {
    var document = table([])
    #expect(document.count == 0 && document.pieceCount == 0)
    #expect(contents(document) == [])
    #expect(document.window(at: 0, count: 10) == ByteWindow(offset: 0, bytes: [], readableCount: 0))
    #expect(document.editedRanges(in: 0..<10) == [])
    #expect(!document.isEdited(0))
    #expect(!document.saveLayout.hasChanges && document.saveLayout.isInPlace)
    #expect(Array(document.chunks(in: 0..<0)).isEmpty)
    #expect(try ByteSearch(pattern: SearchPattern(bytes: [0])).matches(in: document) == [])
    #expect(document.delete(0..<0).isNoOp && document.insert([], at: 0).isNoOp)
    #expect(document.fill(0..<0, with: [1]).isNoOp)

    let edit = document.insert([1, 2], at: 0)
    #expect(contents(document) == [1, 2])
    #expect(document.saveLayout == PieceTable.SaveLayout(firstMovedOffset: 0, inPlaceRanges: [], count: 2))
    document.undo(edit)
    #expect(document.count == 0)
  }

  @Test func editsAtTheStartAndTheEnd() {
    var document = table([10, 11, 12, 13])
    document.insert([1], at: 0)
    document.insert([2], at: 5)
    #expect(contents(document) == [1, 10, 11, 12, 13, 2])
    document.delete(0..<1)
    document.delete(4..<5)
    #expect(contents(document) == [10, 11, 12, 13])
    #expect(document.editedRanges(in: 0..<4) == [])
    #expect(!document.saveLayout.hasChanges, "every byte is back in its place")
    document.overwrite(at: 3, with: [9])
    document.overwrite(at: 0, with: [8])
    #expect(contents(document) == [8, 11, 12, 9])
    #expect(
      document.saveLayout == PieceTable.SaveLayout(firstMovedOffset: nil, inPlaceRanges: [0..<1, 3..<4], count: 4))
    document.fill(2..<4, with: [7])
    #expect(contents(document) == [8, 11, 7, 7])
  }

  @Test func deleteEverythingAndUndo() {
    var document = table(Array(0..<100))
    document.insert([0xAA], at: 50)
    let edit = document.delete(0..<101)
    #expect(document.count == 0 && document.pieceCount == 0)
    #expect(document.saveLayout == PieceTable.SaveLayout(firstMovedOffset: 0, inPlaceRanges: [], count: 0))
    document.undo(edit)
    #expect(contents(document) == Array(0..<50) + [0xAA] + Array(50..<100))
    document.redo(edit)
    #expect(document.count == 0)
  }

  @Test func fillWithAPatternLongerThanTheRange() {
    var document = table([UInt8](repeating: 0, count: 6))
    document.fill(2..<5, with: [1, 2, 3, 4, 5, 6, 7])
    #expect(contents(document) == [0, 0, 1, 2, 3, 0])
    #expect(document.editedRanges(in: 0..<6) == [2..<5])
  }

  /// Cutting a fill keeps each part's bytes where they were: the part after an insert, a
  /// delete or an overwrite continues the pattern from where it stood, not from its start.
  @Test func patternPhaseContinuesAcrossASplitFill() throws {
    var document = table([UInt8](repeating: 0, count: 12))
    document.fill(1..<11, with: [1, 2, 3])
    #expect(contents(document) == [0, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 0])
    document.insert([9], at: 5)
    #expect(contents(document) == [0, 1, 2, 3, 1, 9, 2, 3, 1, 2, 3, 1, 0])
    document.delete(2..<3)
    #expect(contents(document) == [0, 1, 3, 1, 9, 2, 3, 1, 2, 3, 1, 0])
    document.overwrite(at: 7, with: [8])
    #expect(contents(document) == [0, 1, 3, 1, 9, 2, 3, 8, 2, 3, 1, 0])
    #expect(document.bytes(in: 8..<11) == [2, 3, 1])
    #expect(try ByteSearch(pattern: SearchPattern(bytes: [2, 3]), chunkSize: 2).matches(in: document) == [5, 8])
    #expect(document.editedRanges(in: 0..<12) == [1..<11])
  }

  @Test func aTypedRunIsOnePieceAndOneStep() {
    var document = table(Array(repeating: 0, count: 1000))
    var history = PieceTableHistory()
    for index in 0..<100 {
      history.record(document.insert([UInt8(index)], at: 500 + index), joiningLast: true)
    }
    #expect(document.pieceCount == 3, "source, typed run, source")
    #expect(document.bytes(in: 500..<600) == Array(0..<100))
    let step = history.undo(in: &document)
    #expect(step?.offset == 500)
    #expect(step?.changes.count == 1, "the run's changes merge into one")
    #expect(contents(document) == Array(repeating: 0, count: 1000))
    #expect(!history.canUndo)
    history.redo(in: &document)
    #expect(document.bytes(in: 500..<600) == Array(0..<100))
  }

  @Test func aRunOfBackspacesIsOneStep() {
    var document = table(Array(0..<100))
    var history = PieceTableHistory()
    for offset in stride(from: 59, through: 40, by: -1) {
      history.record(document.delete(offset..<(offset + 1)), joiningLast: true)
    }
    #expect(contents(document) == Array(0..<40) + Array(60..<100))
    let step = history.undo(in: &document)
    #expect(step?.changes.count == 1 && step?.offset == 40 && step?.countChange == -20)
    #expect(contents(document) == Array(0..<100))
    #expect(!history.canUndo)
  }

  @Test func copiesAreIndependentSnapshots() {
    var original = table([1, 2, 3])
    original.insert([4], at: 3)
    var copy = original
    copy.insert([5], at: 4)
    original.insert([6], at: 4)
    #expect(contents(copy) == [1, 2, 3, 4, 5])
    #expect(contents(original) == [1, 2, 3, 4, 6])
  }

  @Test func saveLayoutOfAnAppendACutAndAMove() {
    var appended = table([1, 2, 3])
    appended.insert([4, 5], at: 3)
    #expect(appended.saveLayout == PieceTable.SaveLayout(firstMovedOffset: 3, inPlaceRanges: [], count: 5))

    var cut = table([1, 2, 3])
    cut.overwrite(at: 0, with: [9])
    cut.delete(2..<3)
    #expect(cut.saveLayout == PieceTable.SaveLayout(firstMovedOffset: 2, inPlaceRanges: [0..<1], count: 2))

    var moved = table(Array(0..<20))
    moved.overwrite(at: 2, with: [9, 9])
    moved.overwrite(at: 10, with: [9])
    moved.insert([7], at: 11)
    moved.overwrite(at: 15, with: [9])
    #expect(moved.saveLayout == PieceTable.SaveLayout(firstMovedOffset: 10, inPlaceRanges: [2..<4], count: 21))
  }

  /// Memory follows the edits, not the size: an insert at the start of a 1 TiB document is two
  /// pieces, and its last bytes are read at once.
  @Test func insertAtTheStartOfATebibyteAndReadItsEnd() throws {
    let size = 1 << 40
    var document = PieceTable(source: ComputedSource(count: size))
    document.insert([0xAB], at: 0)
    #expect(document.count == size + 1 && document.pieceCount == 2)
    #expect(document.byte(at: 0) == 0xAB)
    #expect(document.window(at: size - 1, count: .max).range == (size - 1)..<(size + 1))
    let end = document.window(at: size - 7, count: 100)
    #expect(end.bytes == (size - 8..<size).map(ComputedSource.byte(at:)))
    #expect(document.saveLayout.firstMovedOffset == 0)
    let tail = document.chunks(in: (size - 3)..<(size + 1), chunkSize: 2).map(\.bytes)
    #expect(
      tail == [
        [ComputedSource.byte(at: size - 4), ComputedSource.byte(at: size - 3)],
        [ComputedSource.byte(at: size - 2), ComputedSource.byte(at: size - 1)],
      ])
  }

  @Test func aGibibyteFillIsOnePiece() {
    let size = 1 << 30
    var document = PieceTable(source: ComputedSource(count: size + 10))
    document.fill(5..<(5 + size), with: [0xDE, 0xAD, 0xBE])
    #expect(document.pieceCount == 3)
    // 2^30 leaves 1 when divided by 3: the fill's last byte, at 4 + 2^30, is pattern[0].
    #expect(
      document.bytes(in: (size + 2)..<(size + 7))
        == [0xAD, 0xBE, 0xDE, ComputedSource.byte(at: size + 5), ComputedSource.byte(at: size + 6)])
    #expect(document.saveLayout.inPlaceRanges == [5..<(5 + size)])
  }

  @Test func aTebibyteSparseFileThroughItsMapping() throws {
    let directory = try SearchTestDirectory()
    let size = 1 << 40
    let path = try directory.sparseFile("huge.bin", size: size, bytes: [0x5A, 0xA5], at: size - 2)
    var document = PieceTable(source: SharedSearchSource(try MemMap.open(path)))
    document.insert([1, 2, 3], at: 0)
    #expect(document.window(at: size - 1, count: 8).bytes == [0, 0, 0x5A, 0xA5])
    let search = ByteSearch(pattern: try SearchPattern(bytes: [0x5A, 0xA5]))
    #expect(try search.matches(in: document, startingIn: (size - 4096)..<(size + 3)) == [size + 1])
  }

  @Test func bytesTheSourceNoLongerHolds() throws {
    var document = PieceTable(source: ShrunkSource(count: 10, readable: 6))
    document.insert([0xEE], at: 2)
    let window = document.window(at: 0, count: 11)
    #expect(window.readableCount == 7)
    #expect(window.bytes == [0x11, 0x11, 0xEE, 0x11, 0x11, 0x11, 0x11, 0, 0, 0, 0])
    #expect(document.bytes(in: 6..<9) == [0x11, 0, 0])
    #expect(document.chunks(in: 0..<11, chunkSize: 4).map(\.readableCount) == [4, 3, 0])
    let search = ByteSearch(pattern: try SearchPattern(bytes: [0x22]), concurrently: false)
    #expect(
      throws: SearchError.unreadable(
        "the file no longer holds the bytes at document offset 7: another process truncated it")
    ) {
      try search.matches(in: document)
    }
  }

  /// A background search of the table sees the document as it was when the search started,
  /// while the table goes on being edited; copies that append on two threads at once never share
  /// bytes.
  @Test func snapshotsOnOtherThreads() async throws {
    var document = table([UInt8](repeating: 0, count: 100_000))
    // Two pieces, so the match spans a piece boundary.
    document.insert(Array("dle".utf8), at: 50_000)
    document.insert(Array("nee".utf8), at: 50_000)
    let search = ByteSearch(pattern: try SearchPattern(text: "needle"), chunkSize: 4096)
    let job = SearchJob.find(search, .forward, from: 60_000, in: document)
    for index in 0..<1000 {
      document.insert(Array("needle".utf8), at: index * 7)
    }
    #expect(job.wait() == .found(SearchHit(offset: 50_000, wrapped: true)))

    let copies = [document, document]
    let grown = await withTaskGroup(of: (Int, [UInt8]).self) { group in
      for (index, copy) in copies.enumerated() {
        group.addTask {
          var copy = copy
          for step in 0..<500 { copy.insert([UInt8(index + 1)], at: step) }
          return (index, copy.bytes(in: 0..<500))
        }
      }
      var results: [[UInt8]] = [[], []]
      for await (index, bytes) in group { results[index] = bytes }
      return results
    }
    #expect(grown[0] == [UInt8](repeating: 1, count: 500))
    #expect(grown[1] == [UInt8](repeating: 2, count: 500))
  }

}
