import Foundation
import MemMap
import Synchronization
import Testing

@testable import HexCore

/// A save that can be cancelled, with no ``Saver/lockTimeout``, waits for another process's save
/// of the file as long as it takes: it says so once, and either takes the lock when it is free
/// or is cancelled without having written anything.
@Suite("Saves waiting for another process's save", .serialized)
struct SaveLockWaitTests {
  static let original = patternBytes(count: 1 << 20)

  /// The steps a save reported, in order.
  final class StepLog: Sendable {
    private let steps = Mutex<[SaveStep]>([])
    func append(_ step: SaveStep) { steps.withLock { $0.append(step) } }
    var all: [SaveStep] { steps.withLock { $0 } }
  }

  /// A lock held as another process's save would hold it, until ``release()``.
  final class OtherSave: Sendable {
    private let lock: Mutex<FileLock?>
    init(_ path: String) throws { lock = Mutex(try SaveLockWaitTests.holdLock(path)) }
    func release() { lock.withLock { $0 = nil } }
  }

  /// A saver that waits without limit, recording its steps in `log`.
  static func waitingSaver(log: StepLog) -> Saver {
    var saver = Saver()
    saver.lockTimeout = nil
    saver.stepObserver = { step in log.append(step) }
    return saver
  }

  struct LockHeldElsewhere: Error {}

  /// Holds the lock of `path` as another process's save would.
  static func holdLock(_ path: String) throws -> FileLock {
    let acquired = try FileLock.acquire(path)
    guard let lock = consume acquired else { throw LockHeldElsewhere() }
    return lock
  }

  @Test func aSaveCancelledWhileItWaitsWritesNothing() throws {
    let directory = try SaveTestDirectory()
    let path = try directory.write("data.bin", Self.original)
    var table = try MovedBytesSaveTests.table(over: path)
    table.insert([1, 2, 3], at: 10)
    let log = StepLog()
    let held = try OtherSave(path)
    var asked = 0
    #expect(throws: SaveError.cancelled(path: path)) {
      try Self.waitingSaver(log: log).save(
        table, to: path, expecting: try MemMap.status(ofFile: path),
        shouldCancel: {
          asked += 1
          return asked == 3
        })
    }
    held.release()
    #expect(asked == 3, "asked between tries, and no more once cancelled")
    #expect(log.all == [.waitingForLock])
    #expect(try contents(of: path) == Self.original)
    #expect(!FileManager.default.fileExists(atPath: SaveJournal.path(for: path)))
  }

  @Test func aSaveThatWaitedRunsOnceTheLockIsFree() throws {
    let directory = try SaveTestDirectory()
    let path = try directory.write("data.bin", Self.original)
    var table = try MovedBytesSaveTests.table(over: path)
    table.delete(0..<4)
    let log = StepLog()
    let other = try OtherSave(path)
    var saver = Self.waitingSaver(log: log)
    saver.stepObserver = { step in
      log.append(step)
      // The other save ends as soon as this one says it waits: its next try takes the lock.
      if step == .waitingForLock { other.release() }
    }
    let outcome = try saver.save(table, to: path, expecting: try MemMap.status(ofFile: path))
    guard case .saved = outcome else {
      Issue.record("the save asked: \(outcome)")
      return
    }
    #expect(Array(log.all.prefix(2)) == [.waitingForLock, .locked])
    #expect(try contents(of: path) == Array(Self.original.dropFirst(4)))
  }

  @Test func aSaveWithATimeoutGivesUpAndSaysWhy() throws {
    let directory = try SaveTestDirectory()
    let path = try directory.write("data.bin", Self.original)
    var table = try MovedBytesSaveTests.table(over: path)
    table.insert([7], at: 0)
    var saver = Saver()
    saver.lockTimeout = .milliseconds(120)
    let held = try OtherSave(path)
    let started = ContinuousClock.now
    #expect(throws: SaveError.saveInProgress(path: path)) {
      try saver.save(table, to: path, expecting: try MemMap.status(ofFile: path))
    }
    #expect(ContinuousClock.now - started >= .milliseconds(120))
    held.release()
    #expect(try contents(of: path) == Self.original)
  }

  @Test func aSaveAsCancelledWhileItWaitsForItsSourceNamesTheDestination() throws {
    let directory = try TemporaryDirectory()
    let (table, source) = try SaverSaveAsCancelTests.table(in: directory)
    let destination = directory.url.appendingPathComponent("copy.bin").path
    let log = StepLog()
    let held = try OtherSave(source)
    #expect(throws: SaveError.cancelled(path: destination)) {
      try Self.waitingSaver(log: log).saveAs(
        table, sourcePath: source, to: destination, shouldCancel: { !log.all.isEmpty })
    }
    held.release()
    #expect(log.all == [.waitingForLock])
    #expect(try SaverSaveAsCancelTests.names(in: directory) == ["source.bin"])
  }
}
