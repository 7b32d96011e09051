import MemMap
import Testing

@testable import HexCore

/// Random inserts, deletes, overwrites and fills of `table`, mirrored in `bytes`.
private func edit(_ table: inout PieceTable, _ bytes: inout [UInt8], steps: Int, _ random: inout SearchRandom) {
  for _ in 0..<steps {
    let offset = random.next(in: 0...bytes.count)
    let length = random.next(in: 0...min(bytes.count - offset, [1, 4, 50, 600][random.next(in: 0...3)]))
    let values = random.bytes(random.next(in: 1...[1, 3, 40][random.next(in: 0...2)]))
    switch random.next() % 4 {
    case 0:
      _ = table.insert(values, at: offset)
      bytes.insert(contentsOf: values, at: offset)
    case 1:
      _ = table.delete(offset..<(offset + length))
      bytes.removeSubrange(offset..<(offset + length))
    case 2:
      let written = Array(values.prefix(bytes.count - offset))
      _ = table.overwrite(at: offset, with: written)
      bytes.replaceSubrange(offset..<(offset + written.count), with: written)
    default:
      let range = offset..<(offset + length)
      _ = table.fill(range, with: values)
      for index in range { bytes[index] = values[(index - offset) % values.count] }
    }
  }
}

@Suite("DiffScanner over piece tables (documents with inserts and deletes)")
struct DiffScannerPieceTableTests {
  /// Random pairs, one or both sides a piece table over a map (or over bytes in memory), edited
  /// at random: the runs, the count, and next and previous from random origins match the
  /// byte-by-byte reference of the edited documents, at equal offsets, different sizes included.
  @Test(arguments: 0..<8)
  func agreesWithNaiveComparison(seed: Int) throws {
    var random = SearchRandom(seed: UInt64(seed) &* 0x9E37_79B9 &+ 3)
    for _ in 0..<8 {
      let (first, second) = randomPair(&random)
      var editedFirst = first
      var editedSecond = second
      func side(_ original: [UInt8], _ edited: inout [UInt8], asTable: Bool, mapped: Bool) throws -> DiffSide {
        guard asTable else { return DiffSide(ByteArraySearchSource(original)) }
        let source: any ByteSource =
          mapped && !original.isEmpty
          ? SharedSearchSource(try anonymousMap(holding: original)) : ByteArraySearchSource(original)
        var table = PieceTable(source: source)
        edit(&table, &edited, steps: random.next(in: 0...12), &random)
        let snapshot = DiffSide(table)
        // Edits after the snapshot do not show in it.
        var later = edited
        edit(&table, &later, steps: 2, &random)
        return snapshot
      }
      let which = random.next(in: 0...2)
      let mapped = random.next() % 2 == 0
      let firstSide = try side(first, &editedFirst, asTable: which != 1, mapped: mapped)
      let secondSide = try side(second, &editedSecond, asTable: which != 0, mapped: !mapped)
      let total = max(editedFirst.count, editedSecond.count)
      let expected = naiveRuns(editedFirst, editedSecond, in: 0..<total)
      let chunkSize = [1, 8, 33, 100, 4096][random.next(in: 0...4)]
      let label = "sizes \(editedFirst.count)/\(editedSecond.count) chunk \(chunkSize)"
      for concurrently in [false, true] {
        let scanner = DiffScanner(firstSide, secondSide, chunkSize: chunkSize, concurrently: concurrently)
        #expect(scanner.count == total, "\(label)")
        #expect(try scanner.runs() == expected, "\(label)")
        #expect(
          try scanner.count() == DiffCount(bytes: expected.reduce(0) { $0 + $1.count }, runs: expected.count),
          "\(label)")
        for origin in [-1, 0, random.next(in: 0...max(0, total - 1)), total - 1, total] {
          #expect(try scanner.nextRun(after: origin) == expected.first { $0.offset > origin }, "\(label) after \(origin)")
          #expect(
            try scanner.previousRun(before: origin) == expected.last { $0.offset < origin }, "\(label) before \(origin)")
        }
      }
    }
  }

  /// One byte inserted at the start of one file: every later byte compares with its neighbour's
  /// next byte, so a counting file differs everywhere after it.
  @Test func anInsertShiftsTheComparison() throws {
    let bytes = (0..<300).map { UInt8($0 % 256) }
    var table = PieceTable(source: SharedSearchSource(try anonymousMap(holding: bytes)))
    _ = table.insert([0x00], at: 0)
    let scanner = DiffScanner(DiffSide(ByteArraySearchSource(bytes)), DiffSide(table), chunkSize: 64)
    #expect(try scanner.runs() == [DiffRun(offset: 1, count: 299), DiffRun(offset: 300, count: 1)])
    _ = table.delete(0..<1)
    #expect(try DiffScanner(DiffSide(ByteArraySearchSource(bytes)), DiffSide(table)).runs() == [])
  }
}
