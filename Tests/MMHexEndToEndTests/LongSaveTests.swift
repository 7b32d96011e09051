import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// A long size-changing save runs in the background: its progress on the bottom line, Esc that
/// cancels it and leaves the file exactly as it was, Ctrl-Q that quits once it succeeded.
///
/// The save is held at its start by taking the file's lock (as another mmhex saving it would):
/// it waits for the lock as long as the user lets it, so the test sees it running and presses
/// keys while it is known not to have written anything; a 32 MiB file is above the size from
/// which saves run in the background.
@Suite struct LongSaveTests {
  static let size = 32 << 20
  /// A 1 MiB block repeated: every row of a screen differs from its neighbours.
  static let original: [UInt8] = {
    let block = (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ $0 >> 11) }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(size)
    for _ in 0..<(size >> 20) { bytes += block }
    return bytes
  }()

  /// Holds the exclusive lock a save takes on `path` until ``release()``.
  final class HeldLock {
    private var descriptor: Int32

    init(_ path: String) throws {
      descriptor = open(path, O_RDONLY | O_CLOEXEC)
      try #require(descriptor >= 0)
      try #require(flock(descriptor, LOCK_EX) == 0)
    }

    func release() {
      guard descriptor >= 0 else { return }
      close(descriptor)
      descriptor = -1
    }

    deinit { release() }
  }

  /// Opens `path`, inserts 0xAB at offset 0 and checks the status line.
  static func openWithInsertAtStart(_ path: String) throws -> TmuxSession {
    let session = try EditingTests.open([path])
    try session.press("IC")
    try session.type("ab")
    try session.waitForLine(
      28,
      InsertDeleteTests.statusLine(
        "big.bin [modified: 1 byte]", "0x00000001  1 / 33554433 bytes  0%", inserting: true))
    return session
  }

  @Test func escapeCancelsALongSaveAndTheNextOneWritesExactly() throws {
    let folder = try TemporaryDirectory()
    let path = try folder.file("big.bin", bytes: Self.original)
    let inode = try InsertDeleteTests.inode(path)
    let session = try Self.openWithInsertAtStart(path)

    // Another process saving the file holds its lock: the save waits for it, as long as the
    // user lets it, and nothing has been written meanwhile.
    let lock = try HeldLock(path)
    try session.press("C-s")
    let waiting = "saving 'big.bin': waiting for another mmhex saving it to finish"
    let running = try session.waitForLine(29, "\(waiting)  Esc cancels")
    #expect(running[0] == ViewerRow.line(offset: 0, bytes: [0xAB] + Self.original[0..<15]))
    // Keys that would change the document are dropped while the save runs.
    try session.type("cd")
    try session.press("DC")
    let ignoring = try session.waitForLine(29, "\(waiting)  Esc cancels, other keys are ignored")
    #expect(ignoring[28] == running[28])
    #expect(ignoring[0] == running[0])
    try session.press("Escape")
    let cancelled = try session.waitForLine(
      29, "save of '\(path)' cancelled; the file is unchanged; your edits are still pending")
    #expect(cancelled[28] == running[28], "the edit is still pending")
    #expect(cancelled[0] == running[0])
    #expect(try EditingTests.contents(path) == Self.original)
    #expect(!FileManager.default.fileExists(atPath: EditingTests.journalPath(path)))
    lock.release()
    #expect(!FileManager.default.fileExists(atPath: EditingTests.journalPath(path)))

    try session.press("C-s")
    let saved = try session.waitForLine(
      29, "saved: 33554433 bytes rewritten, the file is now 33554433 bytes")
    #expect(saved[28] == InsertDeleteTests.statusLine("big.bin", "0x00000001  1 / 33554433 bytes  0%", inserting: true))
    #expect(saved[0] == ViewerRow.line(offset: 0, bytes: [0xAB] + Self.original[0..<15]))
    #expect(try EditingTests.contents(path) == [0xAB] + Self.original)
    #expect(try InsertDeleteTests.inode(path) == inode)
    #expect(!FileManager.default.fileExists(atPath: EditingTests.journalPath(path)))
    try session.press("C-q")
    #expect(try session.waitForExit() == 0)
  }

  @Test func controlQDuringALongSaveQuitsOnceItSucceeded() throws {
    let folder = try TemporaryDirectory()
    let path = try folder.file("big.bin", bytes: Self.original)
    let session = try Self.openWithInsertAtStart(path)

    let lock = try HeldLock(path)
    try session.press("C-s")
    try session.waitForLine(29, "saving 'big.bin': waiting for another mmhex saving it to finish  Esc cancels")
    try session.press("C-q")
    try session.waitForLine(
      29, "saving 'big.bin' before quitting: waiting for another mmhex saving it to finish  Esc cancels")
    #expect(try EditingTests.contents(path) == Self.original)
    // Once the other save is over, this one runs to its end and mmhex quits.
    lock.release()
    #expect(try session.waitForExit() == 0)
    #expect(try EditingTests.contents(path) == [0xAB] + Self.original)
    #expect(!FileManager.default.fileExists(atPath: EditingTests.journalPath(path)))
  }
}
