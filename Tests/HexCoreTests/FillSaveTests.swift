import Foundation
import MemMap
import Synchronization
import Testing

@testable import HexCore

/// Saves of piece tables holding fills, through the roll-forward journal: a fill is a pattern
/// in the journal and every byte in the file; cancelling before the commit point; progress;
/// recovery of a journal that holds fills.
@Suite("Fill saves and the roll-forward journal")
struct FillSaveTests {
  /// The size of the journal when the save reached its commit point.
  final class JournalSize: Sendable {
    let bytes = Atomic<Int>(-1)
  }

  static func save(_ table: PieceTable, to path: String, observing size: JournalSize? = nil) throws -> SaveReport {
    var saver = Saver()
    let journalPath = SaveJournal.path(for: path)
    saver.stepObserver = { step in
      guard step == .journalCompleted, let size else { return }
      let bytes = (try? FileManager.default.attributesOfItem(atPath: journalPath)[.size] as? Int) ?? -1
      size.bytes.store(bytes, ordering: .relaxed)
    }
    guard case .saved(let report) = try saver.save(table, to: path, expecting: try MemMap.status(ofFile: path)) else {
      throw SaveError.saveInProgress(path: path)
    }
    return report
  }

  static func repeated(_ pattern: [UInt8], from phase: Int, count: Int) -> [UInt8] {
    (0..<count).map { pattern[(phase + $0) % pattern.count] }
  }

  @Test func aFillIsJournaledAsItsPatternAndWrittenInFullIntoTheSameFile() throws {
    let directory = try SaveTestDirectory()
    let size = 3 << 20 | 77
    let original = patternBytes(count: size)
    let path = try directory.write("data.bin", original)
    let inode = try MovedBytesSaveTests.inode(path)
    var table = try MovedBytesSaveTests.table(over: path)
    let pattern: [UInt8] = [0xDE, 0xAD, 0xBE]
    table.fill(100..<(size - 100), with: pattern)
    table.overwrite(at: 5, with: [0x55])
    #expect(table.saveLayout.isInPlace)

    let journalSize = JournalSize()
    let report = try Self.save(table, to: path, observing: journalSize)
    var expected = original
    expected.replaceSubrange(100..<(size - 100), with: Self.repeated(pattern, from: 0, count: size - 200))
    expected[5] = 0x55
    #expect(try contents(of: path) == expected)
    #expect(try MovedBytesSaveTests.inode(path) == inode)
    #expect(!JournalRecovery.hasJournal(filePath: path))
    #expect(report.bytesWritten == size - 200 + 1)
    // Header, the overwritten byte's record and the fill's record with its pattern.
    #expect(journalSize.bytes.load(ordering: .relaxed) == 64 + (32 + 1) + (32 + 3))
  }

  @Test func fillsAmongInsertsDeletesAndCutsSaveExactlyTheDocument() throws {
    let directory = try SaveTestDirectory()
    var reference = patternBytes(count: 300_000, seed: 9)
    let path = try directory.write("data.bin", reference)
    var table = try MovedBytesSaveTests.table(over: path)
    func apply(_ range: Range<Int>, fill pattern: [UInt8]) {
      table.fill(range, with: pattern)
      reference.replaceSubrange(range, with: Self.repeated(pattern, from: 0, count: range.count))
    }
    apply(10_000..<150_000, fill: [1, 2, 3, 4, 5, 6, 7])
    // Cutting through the fill keeps each part's phase.
    table.delete(10_000..<10_003)
    reference.removeSubrange(10_000..<10_003)
    table.insert([0xAA, 0xBB], at: 50_000)
    reference.insert(contentsOf: [0xAA, 0xBB], at: 50_000)
    apply(200_000..<200_001, fill: [0x99, 0x98])
    table.overwrite(at: 3, with: [0x33, 0x34])
    reference.replaceSubrange(3..<5, with: [0x33, 0x34])
    table.delete(280_000..<290_000)
    reference.removeSubrange(280_000..<290_000)
    apply(reference.count - 50..<reference.count, fill: [0xF0])

    _ = try Self.save(table, to: path)
    #expect(try contents(of: path) == reference)
    #expect(!JournalRecovery.hasJournal(filePath: path))
  }

  @Test func bytesInsertedThenDeletedAreSavedThroughTheJournalEvenWhenNothingMoved() throws {
    let directory = try SaveTestDirectory()
    let original = patternBytes(count: 20_000)
    let path = try directory.write("data.bin", original)
    var table = try MovedBytesSaveTests.table(over: path)
    table.insert([0xA1, 0xA2, 0xA3], at: 1000)
    table.delete(1003..<1006)
    #expect(table.saveLayout.isInPlace && table.saveLayout.inPlaceRanges == [1000..<1003])
    let journalSize = JournalSize()
    let report = try Self.save(table, to: path, observing: journalSize)
    var expected = original
    expected.replaceSubrange(1000..<1003, with: [0xA1, 0xA2, 0xA3])
    #expect(try contents(of: path) == expected)
    #expect(report.bytesWritten == 3)
    #expect(journalSize.bytes.load(ordering: .relaxed) == 64 + 32 + 3)
  }

  @Test(arguments: [false, true])
  func cancellingBeforeTheCommitPointLeavesTheFileUntouched(fill: Bool) throws {
    let directory = try SaveTestDirectory()
    let original = patternBytes(count: 4 << 20)
    let path = try directory.write("data.bin", original)
    let status = try MemMap.status(ofFile: path)
    var table = try MovedBytesSaveTests.table(over: path)
    if fill {
      table.fill(0..<(4 << 20), with: [7])
    } else {
      table.insert([1], at: 0)
    }
    var asked = 0
    #expect(throws: SaveError.cancelled(path: path)) {
      try Saver().save(table, to: path, expecting: status, shouldCancel: {
        asked += 1
        return true
      })
    }
    #expect(asked == 1)
    #expect(SaveError.cancelled(path: path).description == "save of '\(path)' cancelled; the file is unchanged")
    #expect(try contents(of: path) == original)
    #expect(try MemMap.status(ofFile: path) == status)
    #expect(!JournalRecovery.hasJournal(filePath: path))
    // Not cancelled, the same save goes through.
    _ = try Saver().save(table, to: path, expecting: status, shouldCancel: { false })
    #expect(try contents(of: path) == (fill ? [UInt8](repeating: 7, count: 4 << 20) : [1] + original))
  }

  @Test func progressCoversTheJournalThenTheFile() throws {
    let directory = try SaveTestDirectory()
    let original = patternBytes(count: 5 << 20)
    let path = try directory.write("data.bin", original)
    var table = try MovedBytesSaveTests.table(over: path)
    table.insert([1, 2], at: 0)
    table.fill(4 << 20..<(5 << 20), with: [0xCC, 0xDD])
    var reports: [(done: Int, total: Int)] = []
    guard
      case .saved(let report) = try Saver().save(
        table, to: path, expecting: try MemMap.status(ofFile: path), progress: { reports.append(($0, $1)) })
    else {
      Issue.record("the save asked")
      return
    }
    let total = 2 * report.bytesWritten
    #expect(report.bytesWritten == (5 << 20) + 2)
    #expect(reports.allSatisfy { $0.total == total })
    #expect(zip(reports, reports.dropFirst()).allSatisfy { $0.done <= $1.done })
    #expect(reports.last?.done == total)
    #expect(reports.contains { $0.done == total / 2 }, "the journal's end")
    #expect(reports.contains { 0 < $0.done && $0.done < total / 2 }, "while the journal is written")
    #expect(reports.contains { total / 2 < $0.done && $0.done < total }, "while the file is written")
  }

  @Test func aFileThatCannotBeWrittenIsRefusedBeforeTheJournalIsWritten() throws {
    let directory = try SaveTestDirectory()
    let original = patternBytes(count: 10_000)
    let path = try directory.write("locked.bin", original)
    guard try runTool("/usr/bin/chattr", ["+i", path]) else {
      print("skipped: chattr +i is not supported here")
      return
    }
    defer { _ = try? runTool("/usr/bin/chattr", ["-i", path]) }
    var table = try MovedBytesSaveTests.table(over: path)
    table.insert([1], at: 0)
    #expect(throws: SaveError.cannotOpen(path: path, reason: .permissionDenied(path: path, mode: .readWrite))) {
      try Saver().save(table, to: path, expecting: try MemMap.status(ofFile: path))
    }
    #expect(try contents(of: path) == original)
    #expect(!JournalRecovery.hasJournal(filePath: path))
  }

  /// Writes a tail journal by hand: `records` with `bytes` behind each bytes record.
  static func writeJournal(
    _ journal: TailJournal, bytes: [[UInt8]], to journalPath: String, complete: Bool
  ) throws {
    var encoded = journal.encodedHeader()
    var payloads = bytes.makeIterator()
    for record in journal.records {
      encoded += record.encodedFields()
      if record.content == .bytes { encoded += payloads.next() ?? [] }
    }
    try Data(encoded).write(to: URL(fileURLWithPath: journalPath))
    if complete { try JournalFile.markComplete(at: journalPath) }
  }

  @Test func recoveryRepeatsAFillAndTheBytesOfACompleteJournalAsOftenAsItRuns() throws {
    let directory = try SaveTestDirectory()
    let original = patternBytes(count: 10_000)
    let path = try directory.write("data.bin", original)
    let journal = TailJournal(
      oldSize: 10_000, newSize: 12_000,
      records: [
        .init(offset: 10, length: 4, content: .bytes),
        .init(offset: 5_000, length: 7_000, content: .fill(pattern: [1, 2, 3, 4, 5], phase: 3)),
      ])
    var expected = original
    expected.replaceSubrange(10..<14, with: [9, 8, 7, 6])
    expected.replaceSubrange(5_000..., with: Self.repeated([1, 2, 3, 4, 5], from: 3, count: 7_000))
    for _ in 0..<2 {
      try Self.writeJournal(journal, bytes: [[9, 8, 7, 6]], to: SaveJournal.path(for: path), complete: true)
      guard case .rolledForward(let summary) = try JournalRecovery.recover(filePath: path) else {
        Issue.record("not rolled forward")
        return
      }
      #expect(summary.regionCount == 2 && summary.byteCount == 7_004)
      #expect(try contents(of: path) == expected)
      #expect(!JournalRecovery.hasJournal(filePath: path))
    }
  }

  @Test func recoveryDiscardsAJournalThatIsNotCompleteOrHoldsAnImpossibleFill() throws {
    let directory = try SaveTestDirectory()
    let original = patternBytes(count: 10_000)
    let path = try directory.write("data.bin", original)
    let journalPath = SaveJournal.path(for: path)
    let fill = TailJournal(
      oldSize: 10_000, newSize: 10_000, records: [.init(offset: 0, length: 100, content: .fill(pattern: [1], phase: 0))])
    try Self.writeJournal(fill, bytes: [], to: journalPath, complete: false)
    #expect(
      try JournalRecovery.recover(filePath: path)
        == .discardedIncompleteJournal(journalPath: journalPath, problem: .notMarkedComplete))

    // A phase outside the pattern: a journal torn while it was written.
    let impossible = TailJournal(
      oldSize: 10_000, newSize: 10_000, records: [.init(offset: 0, length: 100, content: .fill(pattern: [1], phase: 1))])
    try Self.writeJournal(impossible, bytes: [], to: journalPath, complete: true)
    #expect(
      try JournalRecovery.recover(filePath: path)
        == .discardedIncompleteJournal(journalPath: journalPath, problem: .malformedRegion(index: 0)))
    // A fill reaching past the new end.
    let beyond = TailJournal(
      oldSize: 10_000, newSize: 10_000, records: [.init(offset: 9_990, length: 11, content: .fill(pattern: [1], phase: 0))])
    try Self.writeJournal(beyond, bytes: [], to: journalPath, complete: true)
    #expect(
      try JournalRecovery.recover(filePath: path)
        == .discardedIncompleteJournal(journalPath: journalPath, problem: .malformedRegion(index: 0)))
    #expect(try contents(of: path) == original)
  }
}
