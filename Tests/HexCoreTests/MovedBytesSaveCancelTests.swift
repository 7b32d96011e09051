import Foundation
import MemMap
import Synchronization
import Testing

@testable import HexCore

/// A size-changing save asks whether to stop between chunks before its commit point, and only
/// then: a cancel removes the journal and leaves the file exactly as it was.
@Suite("Size-changing saves: cancelling")
struct MovedBytesSaveCancelTests {
  /// 20 MiB: a journal of three chunks.
  static let original = patternBytes(count: 20 << 20)

  @Test func aCancelBeforeTheCommitPointLeavesTheFileAsItWas() throws {
    let directory = try SaveTestDirectory()
    let path = try directory.write("data.bin", Self.original)
    var table = try MovedBytesSaveTests.table(over: path)
    table.insert([1, 2, 3], at: 10)
    var progressCalls = 0
    let expected = try MemMap.status(ofFile: path)
    var caught: SaveError?
    do {
      _ = try Saver().save(
        table, to: path, expecting: expected, progress: { _, _ in progressCalls += 1 },
        shouldCancel: { progressCalls == 2 })
    } catch {
      caught = error
    }
    #expect(caught == .cancelled(path: path))
    #expect(caught?.description == "save of '\(path)' cancelled; the file is unchanged")
    #expect(progressCalls == 2, "no chunk is written after the cancel")
    #expect(try contents(of: path) == Self.original)
    #expect(!JournalRecovery.hasJournal(filePath: path))
    #expect(!FileManager.default.fileExists(atPath: SaveJournal.path(for: path)))
  }

  @Test func theSaveNeverAsksAfterTheCommitPoint() throws {
    let directory = try SaveTestDirectory()
    let path = try directory.write("data.bin", Self.original)
    var table = try MovedBytesSaveTests.table(over: path)
    table.delete(0..<5)
    let committed = Atomic<Bool>(false)
    var saver = Saver()
    saver.stepObserver = { step in
      if step == .journalCompleted { committed.store(true, ordering: .sequentiallyConsistent) }
    }
    var askedBeforeCommit = 0
    var askedAfterCommit = 0
    let outcome = try saver.save(table, to: path, expecting: try MemMap.status(ofFile: path), shouldCancel: {
      if committed.load(ordering: .sequentiallyConsistent) {
        askedAfterCommit += 1
        return true
      }
      askedBeforeCommit += 1
      return false
    })
    guard case .saved = outcome else {
      Issue.record("the save asked")
      return
    }
    #expect(askedBeforeCommit >= 3, "between the journal's chunks, and once the journal is written")
    #expect(askedAfterCommit == 0)
    #expect(try contents(of: path) == Array(Self.original.dropFirst(5)))
  }
}
