import Foundation
import MemMap
import Testing

/// The lock at `path`, failing the test when someone else holds it.
func takeLock(
  _ path: String, creatingIfMissing: Bool = false, waitingUpTo timeout: Duration = .zero,
  sourceLocation: SourceLocation = #_sourceLocation
) throws -> FileLock {
  guard let lock = try FileLock.acquire(path, creatingIfMissing: creatingIfMissing, waitingUpTo: timeout) else {
    Issue.record("'\(path)' is locked by someone else", sourceLocation: sourceLocation)
    throw CancellationError()
  }
  return lock
}

/// Whether someone holds the lock at `path` (after waiting up to `timeout` for it).
func isLocked(_ path: String, waitingUpTo timeout: Duration = .zero) throws -> Bool {
  guard let lock = try FileLock.acquire(path, waitingUpTo: timeout) else { return true }
  lock.release()
  return false
}

@Suite("File locks")
struct FileLockTests {
  @Test func aHeldLockIsRefusedThroughAnyNameUntilReleased() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("data.bin", [1, 2, 3])
    try FileManager.default.createSymbolicLink(atPath: directory.file("link.bin"), withDestinationPath: "data.bin")

    let held = try takeLock(path)
    #expect(held.path == path)
    // A second lock, even in this process, is another holder: it is refused.
    #expect(try isLocked(path))
    #expect(try isLocked(directory.file("link.bin")))
    held.release()
    // Waiting: a test running beside this one may fork, and its child holds a copy of every
    // descriptor (this lock's too) until it exits a moment later.
    let again = try takeLock(directory.file("link.bin"), waitingUpTo: .seconds(5))
    again.release()
  }

  @Test func closingAnotherMapOfTheFileKeepsTheLock() throws {
    // POSIX record locks (fcntl F_SETLK) would be dropped here: they belong to the process and
    // vanish when any descriptor of the file is closed.
    let directory = try TemporaryDirectory()
    let path = try directory.write("data.bin", [1, 2, 3])
    let held = try takeLock(path)
    let map = try MemMap.open(path, mode: .readWrite)
    try map.close()
    #expect(try isLocked(path))
    held.release()
  }

  @Test func waitingGivesUpAfterTheTimeoutWhileTheLockIsHeld() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("data.bin", [1])
    let held = try takeLock(path)
    #expect(try isLocked(path, waitingUpTo: .milliseconds(30)))
    held.release()
    let free = try takeLock(path, waitingUpTo: .seconds(5))  // a forked child of another test may hold a copy briefly
    free.release()
  }

  @Test func aMissingFileIsAnErrorUnlessCreated() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("marker")
    expectError(.fileNotFound(path: path)) { () throws(MemMapError) in _ = try FileLock.acquire(path) }
    let created = try takeLock(path, creatingIfMissing: true)
    #expect(FileManager.default.fileExists(atPath: path))
    created.release()
  }

  @Test func theSystemReleasesTheLockOfAProcessThatDies() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("data.bin", [1])
    // util-linux flock(1) takes the same kind of lock (flock(2)) and holds it while `sleep`
    // runs; both run in a process group of their own, killed together.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    posix_spawnattr_setpgroup(&attributes, 0)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
    let words: [String] = ["flock", "--exclusive", path, "sleep", "60"]
    let arguments = words.map { strdup($0) } + [nil]
    defer { arguments.forEach { free($0) } }
    var holder: pid_t = 0
    try #require(posix_spawnp(&holder, "flock", nil, &attributes, arguments, environ) == 0)
    defer {
      kill(-holder, SIGKILL)
      var status: Int32 = 0
      waitpid(holder, &status, 0)
    }
    var attempts = 0
    while try !isLocked(path), attempts < 500 {
      attempts += 1
      usleep(10_000)
    }
    try #require(try isLocked(path), "flock(1) should hold the lock")

    kill(-holder, SIGKILL)
    let freed = try takeLock(path, waitingUpTo: .seconds(5))
    freed.release()
  }
}
