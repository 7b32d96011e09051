import MemMap
import Testing

@testable import HexCore

@Suite("Piece tables report the holes of their file and fills of zeros")
struct PieceTableHoleTests {
  /// `HoleySource` as a table's source: bytes in memory declaring some zero runs holes.
  final class HoleyByteSource: ByteSource, SearchSource {
    let holey: HoleySource
    let bytes: [UInt8]

    init(_ bytes: [UInt8], holes: [Range<Int>]) {
      holey = HoleySource(bytes, holes: holes)
      self.bytes = bytes
    }

    var count: Int { bytes.count }

    func read(at offset: Int, into destination: inout MutableRawSpan) -> Int {
      let length = min(destination.byteCount, bytes.count - offset)
      for index in 0..<length { destination.storeBytes(of: bytes[offset + index], toByteOffset: index, as: UInt8.self) }
      return length
    }

    func withContiguousBytes<Result>(in range: Range<Int>, _ body: (RawSpan) throws -> Result) rethrows -> Result? {
      nil
    }

    func scanChunks(
      in range: Range<Int>, chunkSize: Int, overlap: Int, concurrently: Bool, _ body: @Sendable (Int, RawSpan) -> Bool
    ) throws(SearchError) -> Bool {
      try holey.scanChunks(in: range, chunkSize: chunkSize, overlap: overlap, concurrently: concurrently, body)
    }

    func firstDataRange(in range: Range<Int>) -> Range<Int>? { holey.firstDataRange(in: range) }
  }

  /// After random inserts, deletes, overwrites and fills (zeros among them), every byte of a
  /// range before its first data range is zero, and a range without one is all zeros.
  @Test(arguments: 0..<6)
  func onlyZerosComeBeforeTheFirstDataRange(seed: Int) {
    var random = SearchRandom(seed: UInt64(seed) &* 0x9E37_79B9 &+ 5)
    let (bytes, holes) = islands(&random, count: 4000, alphabet: [0, 1, 2])
    var table = PieceTable(source: HoleyByteSource(bytes, holes: holes))
    for _ in 0..<random.next(in: 0...12) {
      let offset = random.next(in: 0...table.count)
      switch random.next(in: 0...3) {
      case 0: table.insert(random.bytes(random.next(in: 1...20), from: [0, 7]), at: offset)
      case 1 where offset < table.count:
        table.delete(offset..<min(table.count, offset + random.next(in: 1...300)))
      case 2 where offset < table.count:
        table.fill(offset..<min(table.count, offset + random.next(in: 1...500)), with: random.next() % 2 == 0 ? [0] : [0, 3])
      default:
        if offset < table.count { table.overwrite(at: offset, with: [0]) }
      }
    }
    let document = table.bytes(in: 0..<table.count)
    for _ in 0..<50 {
      let lower = random.next(in: 0...table.count)
      let range = lower..<random.next(in: lower...table.count)
      let data = table.firstDataRange(in: range)
      let zerosUpTo = data?.lowerBound ?? range.upperBound
      #expect(document[range.lowerBound..<zerosUpTo].allSatisfy { $0 == 0 }, "range \(range), data \(String(describing: data))")
      if let data { #expect(range.contains(data.lowerBound) && data.upperBound <= range.upperBound) }
    }
  }

  @Test func aFillOfZerosIsAHoleAndInsertedBytesAreData() {
    var table = PieceTable(source: HoleyByteSource([UInt8](repeating: 0, count: 100), holes: [0..<100]))
    #expect(table.firstDataRange(in: 0..<100) == nil)
    table.insert([0], at: 50)
    #expect(table.firstDataRange(in: 0..<101) == 50..<51, "an inserted byte is data, even a zero")
    table.fill(10..<20, with: [0])
    #expect(table.firstDataRange(in: 0..<50) == nil)
    table.fill(30..<40, with: [0, 1])
    #expect(table.firstDataRange(in: 0..<50) == 30..<40)
  }

  /// A search through a table over a 1 TiB sparse file, after an insert at its start, reads only
  /// the data: without the holes it would read a terabyte of zero pages.
  @Test(.timeLimit(.minutes(1)))
  func aSearchOfAnEditedTebibyteSparseFileSkipsItsHoles() throws {
    let directory = try SearchTestDirectory()
    let size = 1 << 40
    let path = try directory.sparseFile("big.bin", size: size, bytes: Array("needle".utf8), at: size - 4096)
    var table = PieceTable(source: SharedSearchSource(try MemMap.open(path)))
    table.insert([0xAA, 0xBB], at: 0)
    let search = ByteSearch(pattern: try SearchPattern(bytes: Array("needle".utf8)))
    #expect(try search.firstMatch(in: table) == size - 4096 + 2)
    #expect(try search.lastMatch(in: table) == size - 4096 + 2)
  }
}
