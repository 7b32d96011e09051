import Foundation
import MemMap
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("Flushing without waiting, locking, prefaulting, protection, fork-shared memory")
struct MemoryControlTests {
  @Test func anAsynchronousFlushStartsTheWriteBackAndChecksBounds() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("data.bin", [UInt8](repeating: 0, count: 8192))
    var map = try MemMap.open(path, mode: .readWrite)
    try map.write([1, 2, 3], at: 5000)
    try map.flushAsynchronously()
    try map.flushAsynchronously(4096..<8192)
    expectError(.outOfBounds(path: path, offset: 8000, count: 200, mapCount: 8192)) { () throws(MemMapError) in
      try map.flushAsynchronously(8000..<8200)
    }
    // Another reader of the file sees the bytes (the page cache is shared).
    #expect(Array(try contentsOnDisk(path)[5000..<5003]) == [1, 2, 3])
    try map.close()
  }

  @Test func lockAndUnlockKeepPagesResidentAndCheckBounds() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("data.bin", pattern(3 * 4096))
    let map = try MemMap.open(path)
    try map.lock()
    try map.unlock()
    try map.lock(100..<5000)
    try map.unlock(100..<5000)
    try map.unlock()
    expectError(.outOfBounds(path: path, offset: 0, count: 20_000, mapCount: 3 * 4096)) { () throws(MemMapError) in
      try map.lock(0..<20_000)
    }
    try map.close()
  }

  @Test func prefaultedMapsReadTheSameBytes() throws {
    let directory = try TemporaryDirectory()
    let content = pattern(50_000)
    let path = try directory.write("data.bin", content)
    let map = try MemMap.open(path, offset: 123, prefault: true)
    #expect(try map.read(at: 0, count: 50_000 - 123) == Array(content[123...]))
    try map.close()
    let anonymous = try MemMap.anonymous(size: 1 << 20, prefault: true)
    #expect(try anonymous.load(as: UInt64.self, at: (1 << 20) - 8) == 0)
    try anonymous.advise(.hugePages)
    try anonymous.close()
  }

  @Test func setWritableMakesAMapReadOnlyAndBack() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("data.bin", [UInt8](repeating: 0, count: 100))
    var map = try MemMap.open(path, mode: .readWrite)
    let writableAtFirst = map.isWritable
    #expect(writableAtFirst)
    try map.setWritable(false)
    let writableAfterwards = map.isWritable
    #expect(!writableAfterwards)
    expectError(.writeProtected(path: path, operation: "write")) { () throws(MemMapError) in try map.write([1], at: 0) }
    expectError(.writeProtected(path: path, operation: "write")) { () throws(MemMapError) in try map.store(UInt32(1), at: 4) }
    expectError(.writeProtected(path: path, operation: "withMutableBytes")) { try map.withMutableBytes { _ in } }
    #expect(try map.load(as: UInt32.self, at: 4) == 0, "reads still work")
    try map.setWritable(true)
    try map.store(UInt32(0x0A0B_0C0D), at: 4, endianness: .big)
    try map.close()
    #expect(Array(try contentsOnDisk(path)[4..<8]) == [0x0A, 0x0B, 0x0C, 0x0D])

    var readOnly = try MemMap.open(path)
    try readOnly.setWritable(false)
    expectError(.notWritable(path: path, operation: "setWritable(true)", mode: .readOnly)) { () throws(MemMapError) in
      try readOnly.setWritable(true)
    }
    try readOnly.close()
  }

  @Test func aForkedChildWritesIntoASharedAnonymousMap() throws {
    var shared = try MemMap.anonymous(size: 4096, sharedWithForkedChildren: true)
    var privateMap = try MemMap.anonymous(size: 4096)
    let child = fork()
    if child == 0 {
      // The child only stores (one guarded instruction each) and exits.
      try? shared.store(UInt64(0xC0FFEE), at: 8)
      try? privateMap.store(UInt64(0xBAD), at: 8)
      _exit(0)
    }
    try #require(child > 0)
    var status: Int32 = 0
    while waitpid(child, &status, 0) < 0 && errno == EINTR {}
    #expect(status == 0)
    #expect(try shared.load(as: UInt64.self, at: 8) == 0xC0FFEE)
    #expect(try privateMap.load(as: UInt64.self, at: 8) == 0, "a private map is not shared")
    try shared.close()
    try privateMap.close()
  }
}

@Suite("A refused lock names the limit")
struct LockLimitTests {
  @Test(.enabled(if: isRoot && !runsUnderSanitizer, "needs root to give up the right to lock any amount"))
  func lockingMoreThanTheLimitAllowsNamesRLIMIT_MEMLOCKAndItsValue() throws {
    let map = try MemMap.anonymous(size: 1 << 20)
    let child = fork()
    if child == 0 {
      // A lower limit, then an unprivileged user: the limit now applies (root may lock anything).
      var limit = rlimit(rlim_cur: 65_536, rlim_max: 65_536)
      guard setrlimit(__rlimit_resource_t(__RLIMIT_MEMLOCK.rawValue), &limit) == 0, setuid(65_534) == 0 else { _exit(2) }
      do {
        try map.lock()
        _exit(3)
      } catch {
        let expected = MemMapError.systemError(
          path: nil, operation: "lock()",
          reason: "the system would not keep 1048576 bytes in RAM; the limit for locked memory "
            + "(RLIMIT_MEMLOCK, shown by `ulimit -l`) is 65536 bytes; raise it or lock a smaller range")
        _exit(error == expected ? 0 : 4)
      }
    }
    try #require(child > 0)
    var status: Int32 = 0
    while waitpid(child, &status, 0) < 0 && errno == EINTR {}
    #expect(status >> 8 == 0, "the child's verdict: 2 setup failed, 3 lock succeeded, 4 another error")
    try map.close()
  }
}
