import MemMap
import Testing

@testable import HexCore

/// The reference (shared with the piece-table tests): every run of differing bytes in `range`, one byte at a time. The bytes past the
/// shorter file's end are a run of their own.
func naiveRuns(_ first: [UInt8], _ second: [UInt8], in range: Range<Int>) -> [DiffRun] {
  let common = min(first.count, second.count)
  var runs: [DiffRun] = []
  var start: Int?
  for offset in range {
    let differs = offset >= common || first[offset] != second[offset]
    if let open = start, !differs || offset == common {
      runs.append(DiffRun(offset: open, count: offset - open))
      start = nil
    }
    if differs && start == nil { start = offset }
  }
  if let open = start { runs.append(DiffRun(offset: open, count: range.upperBound - open)) }
  return runs
}

/// A pair of random files that agree mostly, with differences in runs of random lengths.
func randomPair(_ random: inout SearchRandom) -> ([UInt8], [UInt8]) {
  let firstCount = random.next(in: 0...3000)
  let secondCount = random.next() % 3 == 0 ? random.next(in: 0...3000) : firstCount
  let first = random.bytes(firstCount)
  var second = Array(first.prefix(secondCount)) + random.bytes(max(0, secondCount - firstCount))
  for _ in 0..<random.next(in: 0...12) where !second.isEmpty {
    let start = random.next(in: 0...(second.count - 1))
    let length = random.next(in: 1...[1, 3, 9, 40, 200][random.next(in: 0...4)])
    for offset in start..<min(second.count, start + length) where random.next() % 8 != 0 {
      second[offset] ^= UInt8(random.next(in: 1...255))
    }
  }
  return (first, second)
}

/// Scanners over the same pair: bytes in memory (one thread) and maps (every core).
private func scanners(_ first: [UInt8], _ second: [UInt8], chunkSize: Int) throws -> [DiffScanner] {
  func side(_ bytes: [UInt8]) throws -> any SearchSource & Sendable {
    bytes.isEmpty ? ByteArraySearchSource(bytes) : SharedSearchSource(try anonymousMap(holding: bytes))
  }
  return [
    DiffScanner(DiffSide(ByteArraySearchSource(first)), DiffSide(ByteArraySearchSource(second)), chunkSize: chunkSize),
    DiffScanner(DiffSide(try side(first)), DiffSide(try side(second)), chunkSize: chunkSize),
  ]
}

@Suite("DiffScanner against a byte-by-byte reference")
struct DiffScannerTests {
  @Test(arguments: 0..<10)
  func agreesWithNaiveComparison(seed: Int) throws {
    var random = SearchRandom(seed: UInt64(seed) &* 0x5DEE_CE66_D1CE &+ 7)
    for _ in 0..<10 {
      let (first, second) = randomPair(&random)
      let total = max(first.count, second.count)
      let chunkSize = [1, 7, 8, 33, 64, 100, 4096][random.next(in: 0...6)]
      let lower = random.next(in: 0...total)
      let range = lower..<random.next(in: lower...total)
      let everything = naiveRuns(first, second, in: 0..<total)
      let expected = naiveRuns(first, second, in: range)
      for scanner in try scanners(first, second, chunkSize: chunkSize) {
        let label = "sizes \(first.count)/\(second.count) chunk \(chunkSize) range \(range)"
        #expect(try scanner.runs() == everything, "\(label)")
        #expect(try scanner.runs(in: range) == expected, "\(label)")
        #expect(
          try scanner.count(in: range) == DiffCount(bytes: expected.reduce(0) { $0 + $1.count }, runs: expected.count),
          "\(label)")
        let limit = random.next(in: 1...4)
        #expect(try scanner.runs(in: range, limit: limit) == Array(expected.prefix(limit)), "\(label)")
        for origin in [-1, 0, random.next(in: 0...max(0, total - 1)), total - 1, total] {
          #expect(try scanner.nextRun(after: origin) == everything.first { $0.offset > origin }, "\(label) after \(origin)")
          #expect(
            try scanner.previousRun(before: origin) == everything.last { $0.offset < origin }, "\(label) before \(origin)")
        }
      }
    }
  }

  @Test(arguments: [(0, 0), (0, 5), (5, 0), (5, 5)])
  func emptyAndShortFiles(firstCount: Int, secondCount: Int) throws {
    let first = [UInt8](repeating: 7, count: firstCount)
    let second = [UInt8](repeating: 7, count: secondCount)
    let scanner = DiffScanner(DiffSide(ByteArraySearchSource(first)), DiffSide(ByteArraySearchSource(second)))
    let expected = firstCount == secondCount ? [] : [DiffRun(offset: 0, count: 5)]
    #expect(try scanner.runs() == expected)
    #expect(try scanner.count() == DiffCount(bytes: expected.first?.count ?? 0, runs: expected.count))
    #expect(try scanner.nextRun(after: -1) == expected.first)
    #expect(try scanner.previousRun(before: 5) == expected.first)
  }

  /// A difference just before the shorter end does not join the bytes past it.
  @Test func bytesPastTheShorterEndAreARunOfTheirOwn() throws {
    let scanner = DiffScanner(
      DiffSide(ByteArraySearchSource([1, 2, 3])), DiffSide(ByteArraySearchSource([1, 2, 9, 4, 5])))
    #expect(try scanner.runs() == [DiffRun(offset: 2, count: 1), DiffRun(offset: 3, count: 2)])
    #expect(try scanner.count() == DiffCount(bytes: 3, runs: 2))
    #expect(try scanner.nextRun(after: 2) == DiffRun(offset: 3, count: 2))
    #expect(try scanner.previousRun(before: 3) == DiffRun(offset: 2, count: 1))
  }

  /// Runs that cross chunk boundaries, and one as long as many chunks, on every core.
  @Test func runsAcrossChunks() throws {
    let count = 1 << 16
    let first = [UInt8](repeating: 0, count: count)
    var second = first
    for offset in 1000..<40_000 { second[offset] = 1 }
    for offset in 50_000..<50_003 { second[offset] = 2 }
    for offset in [4095, 4096, 8191, count - 1] { second[offset] = 3 }
    let expected = naiveRuns(first, second, in: 0..<count)
    for scanner in try scanners(first, second, chunkSize: 4096) {
      #expect(try scanner.runs() == expected)
      #expect(try scanner.count() == DiffCount(bytes: 39_000 + 3 + 1, runs: 3))
      #expect(try scanner.nextRun(after: 1500) == DiffRun(offset: 50_000, count: 3))
      #expect(try scanner.previousRun(before: 39_999) == DiffRun(offset: 1000, count: 39_000))
      #expect(try scanner.runs(in: 2000..<3000) == [DiffRun(offset: 2000, count: 1000)])
    }
  }

  /// Pending edits are compared instead of the bytes under them, on both sides.
  @Test(arguments: 0..<4)
  func comparesThroughPendingEdits(seed: Int) throws {
    var random = SearchRandom(seed: UInt64(seed) &+ 41)
    for _ in 0..<10 {
      let (first, second) = randomPair(&random)
      var editedFirst = first
      var editedSecond = second
      var firstEdits = PendingEdits()
      var secondEdits = PendingEdits()
      for _ in 0..<random.next(in: 0...20) {
        let toFirst = random.next() % 2 == 0
        let bytes = toFirst ? editedFirst : editedSecond
        guard !bytes.isEmpty else { continue }
        let offset = random.next(in: 0...(bytes.count - 1))
        // Often copy the other side's byte, so edits also remove differences.
        let other = toFirst ? editedSecond : editedFirst
        let value = offset < other.count && random.next() % 2 == 0 ? other[offset] : UInt8(random.next(in: 0...255))
        if toFirst {
          _ = firstEdits.setByte(at: offset, value: value, original: first[offset])
          editedFirst[offset] = value
        } else {
          _ = secondEdits.setByte(at: offset, value: value, original: second[offset])
          editedSecond[offset] = value
        }
      }
      let expected = naiveRuns(editedFirst, editedSecond, in: 0..<max(first.count, second.count))
      let scanner = DiffScanner(
        DiffSide(ByteArraySearchSource(first), overlay: firstEdits),
        DiffSide(ByteArraySearchSource(second), overlay: secondEdits), chunkSize: [5, 64, 1000][seed % 3])
      #expect(try scanner.runs() == expected)
      #expect(try scanner.nextRun(after: -1) == expected.first)
      #expect(try scanner.previousRun(before: scanner.count) == expected.last)
    }
  }

  @Test func cancelledScanThrows() throws {
    let progress = SearchProgress()
    progress.cancel()
    let scanner = DiffScanner(
      DiffSide(ByteArraySearchSource([1, 2, 3])), DiffSide(ByteArraySearchSource([1, 2, 4])))
    #expect(throws: SearchError.cancelled) { try scanner.nextRun(after: -1, progress: progress) }
    #expect(throws: SearchError.cancelled) { try scanner.count(progress: progress) }
  }

  @Test func runDescriptionIsTheCmpLine() {
    #expect(DiffRun(offset: 0x1f0, count: 4).description == "0x1f0 4")
  }
}
