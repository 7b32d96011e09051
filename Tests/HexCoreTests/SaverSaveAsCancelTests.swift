import Foundation
import MemMap
import Synchronization
import Testing

@testable import HexCore

/// `Saver.saveAs(_:sourcePath:to:replacingExisting:progress:shouldCancel:)`: progress per
/// megabyte, cancelling up to the moment the new file replaces the destination (not after), and
/// the source file's lock.
@Suite("Saver: cancelling a save-as")
struct SaverSaveAsCancelTests {
  /// Three megabytes and a bit, so the save-as reports progress three times before its end.
  static let original = (0..<(3 << 20 + 5)).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ $0 >> 11) }

  /// A piece table over a copy of ``original`` in `directory` with two bytes inserted at the start.
  static func table(in directory: TemporaryDirectory) throws -> (PieceTable, String) {
    let path = try directory.file("source.bin", bytes: original)
    var table = PieceTable(source: SharedSearchSource(try MemMap.open(path)))
    table.insert([0xAB, 0xCD], at: 0)
    return (table, path)
  }

  static func names(in directory: TemporaryDirectory) throws -> [String] {
    try EditorBackgroundSaveAsTests.names(in: directory)
  }

  @Test("progress is reported per chunk; cancelling at the last chance, after the sync, replaces nothing")
  func cancelAtTheLastChance() throws {
    let directory = try TemporaryDirectory()
    let (table, source) = try Self.table(in: directory)
    let existing = try directory.file("existing.bin", bytes: [1, 2, 3])
    let identity = try MemMap.status(ofFile: existing).identity
    let total = Self.original.count + 2
    var reported: [Int] = []
    var asked = 0
    #expect(throws: SaveError.cancelled(path: existing)) {
      try Saver().saveAs(
        table, sourcePath: source, to: existing, replacingExisting: true,
        progress: { done, all in
          #expect(all == total)
          reported.append(done)
        },
        shouldCancel: {
          asked += 1
          // Once after each of the three whole megabytes, then once after the sync: cancel there.
          return asked == 4
        })
    }
    #expect(reported == [1 << 20, 2 << 20, 3 << 20, total])
    #expect(asked == 4)
    #expect(try Data(contentsOf: URL(fileURLWithPath: existing)) == Data([1, 2, 3]))
    #expect(try MemMap.status(ofFile: existing).identity == identity)
    #expect(try Self.names(in: directory) == ["existing.bin", "source.bin"])
  }

  @Test("once the new file is replacing the destination, a cancel request is too late: the save finishes")
  func noCancellingPastTheCommitPoint() throws {
    let directory = try TemporaryDirectory()
    let (table, source) = try Self.table(in: directory)
    let destination = directory.url.appendingPathComponent("copy.bin").path
    let committing = Atomic<Bool>(false)
    var saver = Saver()
    saver.stepObserver = { step in
      if step == .destinationReplacing { committing.store(true, ordering: .relaxed) }
    }
    let outcome = try saver.saveAs(
      table, sourcePath: source, to: destination,
      shouldCancel: { committing.load(ordering: .relaxed) })
    guard case .saved(let report) = outcome else {
      Issue.record("expected a save, got \(outcome)")
      return
    }
    #expect(report.savedByteCount == Self.original.count + 2)
    let reachedCommitPoint = committing.load(ordering: .relaxed)
    #expect(reachedCommitPoint)
    #expect(try Data(contentsOf: URL(fileURLWithPath: destination)) == Data([0xAB, 0xCD] + Self.original))
    #expect(try Self.names(in: directory) == ["copy.bin", "source.bin"])
  }

  @Test("save-as holds the source file's lock while it copies: another process's save holds it off")
  func saveAsLocksItsSource() throws {
    let directory = try TemporaryDirectory()
    let (table, source) = try Self.table(in: directory)
    let destination = directory.url.appendingPathComponent("copy.bin").path
    var saver = Saver()
    saver.lockTimeout = .zero
    let acquired = try FileLock.acquire(source)
    guard let held = consume acquired else {
      Issue.record("the source's lock is free")
      return
    }
    #expect(throws: SaveError.saveInProgress(path: source)) {
      try saver.saveAs(table, sourcePath: source, to: destination)
    }
    #expect(try Self.names(in: directory) == ["source.bin"])
    held.release()
    _ = try saver.saveAs(table, sourcePath: source, to: destination)
    #expect(try Data(contentsOf: URL(fileURLWithPath: destination)) == Data([0xAB, 0xCD] + Self.original))
  }

  @Test("an overwrite-only document's snapshot is the stored bytes with the pending edits over them")
  func overwriteSnapshot() {
    var edits = PendingEdits()
    _ = edits.setByte(at: 1, value: 0xEE, original: 1)
    _ = edits.setByte(at: 4, value: 0xFF, original: 4)
    let table = PieceTable(source: ByteArraySearchSource([0, 1, 2, 3, 4, 5]), overwrittenBy: edits)
    #expect(table.bytes(in: 0..<6) == [0, 0xEE, 2, 3, 0xFF, 5])
  }
}
