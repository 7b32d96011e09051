import Foundation
import MemMap
import Synchronization
import Testing

@testable import HexCore

/// Bytes in memory that declare some of their zero runs holes, as a sparse file's map does,
/// counting the bytes the search actually visits.
final class HoleySource: SearchSource, Sendable {
  let bytes: ByteArraySearchSource
  /// Ascending, disjoint ranges of zeros.
  let holes: [Range<Int>]
  private let visited = Atomic<Int>(0)

  init(_ bytes: [UInt8], holes: [Range<Int>]) {
    self.bytes = ByteArraySearchSource(bytes)
    self.holes = holes
  }

  var count: Int { bytes.count }
  var bytesVisited: Int { visited.load(ordering: .relaxed) }

  func scanChunks(
    in range: Range<Int>, chunkSize: Int, overlap: Int, concurrently: Bool,
    _ body: @Sendable (Int, RawSpan) -> Bool
  ) throws(SearchError) -> Bool {
    try bytes.scanChunks(in: range, chunkSize: chunkSize, overlap: overlap, concurrently: false) { start, chunk in
      self.visited.wrappingAdd(min(chunkSize, chunk.byteCount), ordering: .relaxed)
      return body(start, chunk)
    }
  }

  func firstDataRange(in range: Range<Int>) -> Range<Int>? {
    var cursor = range.lowerBound
    for hole in holes where hole.upperBound > cursor && cursor < range.upperBound {
      if hole.lowerBound > cursor { return cursor..<min(hole.lowerBound, range.upperBound) }
      cursor = hole.upperBound
    }
    return cursor < range.upperBound ? cursor..<range.upperBound : nil
  }
}

/// Random islands of data in zeros: the bytes, and the holes between the islands.
func islands(_ random: inout SearchRandom, count: Int, alphabet: [UInt8]) -> (bytes: [UInt8], holes: [Range<Int>]) {
  var bytes = [UInt8](repeating: 0, count: count)
  var holes: [Range<Int>] = []
  var cursor = 0
  while cursor < count {
    let gap = min(random.next(in: 0...max(1, count / 4)), count - cursor)
    if gap > 0 { holes.append(cursor..<(cursor + gap)) }
    cursor += gap
    let island = min(random.next(in: 1...max(1, count / 8)), count - cursor)
    bytes.replaceSubrange(cursor..<(cursor + island), with: random.bytes(island, from: alphabet))
    cursor += island
  }
  return (bytes, holes)
}

/// A pattern with zeros at its edges, usually taken from `data` across an island's edge.
private func edgePattern(_ random: inout SearchRandom, from data: [UInt8], holes: [Range<Int>]) throws -> SearchPattern {
  let length = random.next(in: 2...9)
  var values: [UInt8]
  if let hole = holes.randomElement(using: &random), random.next() % 4 != 0 {
    let edge = random.next() % 2 == 0 ? hole.lowerBound : hole.upperBound
    let start = min(max(0, edge - random.next(in: 1...(length - 1))), data.count - length)
    values = Array(data[start..<(start + length)])
  } else {
    values = random.bytes(length, from: [0x00, 0x41, 0x7F])
    values[0] = 0
  }
  if !values.contains(where: { $0 != 0 }) && random.next() % 3 != 0 { values[length / 2] = 0x41 }
  return try SearchPattern(bytes: values)
}

extension SearchRandom: RandomNumberGenerator {}

@Suite("Searches skip holes and still find every match")
struct SearchHoleTests {
  static let alphabet: [UInt8] = [0x00, 0x00, 0x41, 0x7F]

  @Test(arguments: 0..<10)
  func agreesWithNaiveMatcherOnIslandsInHoles(seed: Int) throws {
    var random = SearchRandom(seed: UInt64(seed) &* 0x51_7CC1_B727_220A &+ 3)
    for _ in 0..<10 {
      let (data, holes) = islands(&random, count: random.next(in: 200...6000), alphabet: Self.alphabet)
      let pattern = try edgePattern(&random, from: data, holes: holes)
      var edits = PendingEdits()
      for _ in 0..<random.next(in: 0...3) {
        let offset = random.next(in: 0...(data.count - 1))
        edits.setByte(at: offset, value: 0x41, original: data[offset])
      }
      var view = data
      edits.apply(to: &view, at: 0)
      let chunkSize = [1, 7, 64, 500, 1 << 20][random.next(in: 0...4)]
      let search = ByteSearch(pattern: pattern, chunkSize: chunkSize)
      let source = HoleySource(data, holes: holes)
      let lower = random.next(in: 0...data.count)
      let starts = lower..<random.next(in: lower...data.count)
      let expected = naiveMatches(of: pattern, in: data, startingIn: starts)
      let context = "\(pattern) chunk \(chunkSize) holes \(holes)"
      #expect(try search.matches(in: source, startingIn: starts) == expected, "\(context)")
      #expect(try search.countMatches(in: source, startingIn: starts) == expected.count, "\(context)")
      #expect(try search.firstMatch(in: source, startingIn: starts) == expected.first, "\(context)")
      #expect(try search.lastMatch(in: source, startingIn: starts) == expected.last, "\(context)")
      let edited = naiveMatches(of: pattern, in: view)
      #expect(try search.matches(in: source, overlay: edits) == edited, "\(context) edits \(edits)")
      let origin = random.next(in: 0...data.count)
      let backward =
        edited.last { $0 < origin }.map { SearchHit(offset: $0, wrapped: false) }
        ?? edited.last.map { SearchHit(offset: $0, wrapped: true) }
      #expect(try search.find(.backward, from: origin, in: source, overlay: edits) == backward, "\(context)")
    }
  }

  @Test func anAbsentPatternVisitsOnlyTheDataAndCountsTheHolesAsScanned() throws {
    var bytes = [UInt8](repeating: 0, count: 1 << 20)
    bytes.replaceSubrange(300_000..<300_010, with: [UInt8](repeating: 0x41, count: 10))
    let source = HoleySource(bytes, holes: [0..<300_000, 300_010..<(1 << 20)])
    let progress = SearchProgress()
    let search = ByteSearch(pattern: try SearchPattern(bytes: [0x41, 0x42]), chunkSize: 4096)
    #expect(try search.firstMatch(in: source, progress: progress) == nil)
    #expect(source.bytesVisited < 4096 * 2)
    #expect(progress.bytesScanned == progress.totalBytes)
    #expect(progress.totalBytes == (1 << 20))

    let unskipped = HoleySource(bytes, holes: source.holes)
    let baseline = ByteSearch(pattern: try SearchPattern(bytes: [0x41, 0x42]), chunkSize: 4096, skippingHoles: false)
    #expect(try baseline.firstMatch(in: unskipped) == nil)
    #expect(unskipped.bytesVisited == 1 << 20)
  }

  @Test func anAllZeroPatternIsFoundAtTheStartOfTheFirstHole() throws {
    var bytes = [UInt8](repeating: 0, count: 1 << 16)
    bytes.replaceSubrange(0..<4096, with: [UInt8](repeating: 0x11, count: 4096))
    let source = HoleySource(bytes, holes: [4096..<(1 << 16)])
    let search = ByteSearch(pattern: try SearchPattern(bytes: [0, 0, 0]), chunkSize: 1000)
    #expect(try search.firstMatch(in: source) == 4096)
    #expect(try search.lastMatch(in: source) == (1 << 16) - 3)
    #expect(try search.countMatches(in: source) == (1 << 16) - 4096 - 2)
  }

  @Test func aSparseFileOnDiskAgreesWithTheNaiveMatcher() throws {
    let directory = try SearchTestDirectory()
    var random = SearchRandom(seed: 77)
    let size = 256 << 10
    let path = try directory.sparseFile("islands.bin", size: size)
    var data = [UInt8](repeating: 0, count: size)
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    // Islands in the middle of pages, and whole pages that begin and end with 0x41 (so the
    // patterns with zeros at an edge match across the edge of a hole).
    let pages = [65_536..<(65_536 + 8192), 196_608..<(196_608 + 4096)]
    for (offset, length) in [(4096 - 3, 3000), (100_000, 5000), (size - 5, 5)] + pages.map({ ($0.lowerBound, $0.count) }) {
      var island = random.bytes(length, from: Self.alphabet)
      if pages.contains(where: { $0.lowerBound == offset }) {
        island[0] = 0x41
        island[length - 1] = 0x41
      }
      data.replaceSubrange(offset..<(offset + length), with: island)
      try handle.seek(toOffset: UInt64(offset))
      try handle.write(contentsOf: Data(island))
    }
    try handle.close()
    let map = SharedSearchSource(try MemMap.open(path))
    for pattern in [[0, 0x41], [0x41, 0, 0, 0], [0, 0, 0x7F, 0, 0], [0x41, 0x7F, 0x41], [0, 0, 0, 0], [0x42]] as [[UInt8]] {
      let search = ByteSearch(pattern: try SearchPattern(bytes: pattern), chunkSize: 1 << 14)
      let expected = naiveMatches(of: try SearchPattern(bytes: pattern), in: data)
      #expect(try search.matches(in: map) == expected, "\(pattern)")
      #expect(try search.lastMatch(in: map) == expected.last, "\(pattern)")
      #expect(try map.map.firstRange(of: pattern)?.lowerBound == expected.first, "\(pattern)")
      #expect(try map.map.lastRange(of: pattern)?.lowerBound == expected.last, "\(pattern)")
    }
    // Matches that begin in a hole and end in data, and the other way round.
    #expect(try map.map.firstRange(of: [0, 0x41], in: 65_000..<size) == 65_535..<65_537)
    #expect(try map.map.lastRange(of: [0x41, 0, 0], in: 0..<90_000) == 73_727..<73_730)
    #expect(try ByteSearch(pattern: try SearchPattern(bytes: [0, 0x41])).firstMatch(in: map, startingIn: 65_000..<size) == 65_535)
  }
}
