import Foundation
import MemMap
import Testing

@testable import HexCore

@Suite("DiffScanner skips the holes both files share")
struct DiffHoleTests {
  @Test(arguments: 0..<8)
  func agreesWithAScannerThatReadsEveryByte(seed: Int) throws {
    var random = SearchRandom(seed: UInt64(seed) &* 0x2545_F491 &+ 11)
    for _ in 0..<10 {
      let firstCount = random.next(in: 1...4000)
      let secondCount = random.next() % 3 == 0 ? random.next(in: 1...4000) : firstCount
      let (first, firstHoles) = islands(&random, count: firstCount, alphabet: [0, 0, 1, 2])
      let (second, secondHoles) = islands(&random, count: secondCount, alphabet: [0, 0, 1, 2])
      var edits = PendingEdits()
      for _ in 0..<random.next(in: 0...3) {
        let offset = random.next(in: 0...(secondCount - 1))
        edits.setByte(at: offset, value: 9, original: second[offset])
      }
      let chunkSize = [1, 8, 64, 500, 1 << 20][random.next(in: 0...4)]
      let skipping = DiffScanner(
        DiffSide(HoleySource(first, holes: firstHoles)), DiffSide(HoleySource(second, holes: secondHoles), overlay: edits),
        chunkSize: chunkSize)
      let reading = DiffScanner(
        DiffSide(ByteArraySearchSource(first)), DiffSide(ByteArraySearchSource(second), overlay: edits),
        chunkSize: chunkSize)
      let total = max(firstCount, secondCount)
      let lower = random.next(in: 0...total)
      let range = lower..<random.next(in: lower...total)
      let origin = random.next(in: -1...total)
      let context = "chunk \(chunkSize) holes \(firstHoles) \(secondHoles) edits \(edits)"
      #expect(try skipping.runs() == reading.runs(), "\(context)")
      #expect(try skipping.count() == reading.count(), "\(context)")
      #expect(try skipping.count(in: range) == reading.count(in: range), "\(context) range \(range)")
      #expect(try skipping.nextRun(after: origin) == reading.nextRun(after: origin), "\(context) origin \(origin)")
      #expect(try skipping.previousRun(before: origin) == reading.previousRun(before: origin), "\(context) origin \(origin)")
    }
  }

  @Test func runsOnEitherSideOfASharedHoleAreCountedApart() throws {
    var first = [UInt8](repeating: 0, count: 1 << 16)
    var second = first
    first[4095] = 1
    second[8192] = 1
    let holes = [0..<4095, 4096..<(1 << 16)]
    let scanner = DiffScanner(
      DiffSide(HoleySource(first, holes: holes)), DiffSide(HoleySource(second, holes: [0..<8192, 8193..<(1 << 16)])),
      chunkSize: 4096)
    #expect(try scanner.count() == DiffCount(bytes: 2, runs: 2))
    #expect(try scanner.runs() == [DiffRun(offset: 4095, count: 1), DiffRun(offset: 8192, count: 1)])
  }

  @Test func comparingTwoHoleyFilesVisitsOnlyTheirData() throws {
    var first = [UInt8](repeating: 0, count: 1 << 20)
    var second = first
    first[500_000] = 7
    second[500_001] = 7
    let firstSource = HoleySource(first, holes: [0..<500_000, 500_001..<(1 << 20)])
    let scanner = DiffScanner(
      DiffSide(firstSource), DiffSide(HoleySource(second, holes: [0..<500_001, 500_002..<(1 << 20)])),
      chunkSize: 4096)
    let progress = SearchProgress()
    #expect(try scanner.count(progress: progress) == DiffCount(bytes: 2, runs: 1))
    #expect(progress.bytesScanned == 1 << 20)
    #expect(firstSource.bytesVisited <= 4096 * 2)
  }

  @Test func twoOneTebibyteSparseFilesAreComparedInTheirData() throws {
    let directory = try SearchTestDirectory()
    let size = 1 << 40
    let first = try directory.sparseFile("a.bin", size: size, bytes: [1, 2, 3], at: 1 << 39)
    let second = try directory.sparseFile("b.bin", size: size, bytes: [1, 9, 3], at: 1 << 39)
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: second))
    try handle.seek(toOffset: UInt64(size - 2))
    try handle.write(contentsOf: Data([5, 5]))
    try handle.close()
    let scanner = DiffScanner(
      DiffSide(SharedSearchSource(try MemMap.open(first))), DiffSide(SharedSearchSource(try MemMap.open(second))))
    let progress = SearchProgress()
    #expect(try scanner.count(progress: progress) == DiffCount(bytes: 3, runs: 2))
    #expect(progress.fractionCompleted == 1)
    #expect(try scanner.runs() == [DiffRun(offset: (1 << 39) + 1, count: 1), DiffRun(offset: size - 2, count: 2)])
    #expect(try scanner.nextRun(after: (1 << 39) + 1) == DiffRun(offset: size - 2, count: 2))
    #expect(try scanner.previousRun(before: size - 2) == DiffRun(offset: (1 << 39) + 1, count: 1))
  }
}
