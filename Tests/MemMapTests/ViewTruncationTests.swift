import Foundation
import MemMap
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Sets the size of the file at `path` with the `truncate` tool: another process, as in real life.
func truncateFromAnotherProcess(_ path: String, to size: Int) throws {
  try #require(try runTool("/usr/bin/truncate", ["-s", String(size), path]), "truncate -s \(size) failed")
}

/// Sums every byte of `bytes`, reading each one (so every page is touched).
func byteSum(_ bytes: RawSpan, from start: Int = 0) -> Int {
  var sum = 0
  for index in start..<bytes.byteCount { sum &+= Int(bytes.unsafeLoad(fromByteOffset: index, as: UInt8.self)) }
  return sum
}

@Suite("Views survive a file truncated by another process")
struct ViewTruncationTests {
  static let size = 1 << 20

  @Test func withBytesScanThrowsFileTruncatedAndTheMapKeepsWorking() throws {
    let directory = try TemporaryDirectory()
    let content = pattern(Self.size)
    let path = try directory.write("data.bin", content)
    let map = try MemMap.open(path)
    var sawBytesPastTheEnd = false
    let error = caughtError {
      _ = try map.withBytes { bytes in
        var sum = byteSum(bytes.extracting(0..<(Self.size / 2)))
        try truncateFromAnotherProcess(path, to: 300_000)
        sum &+= byteSum(bytes, from: Self.size / 2)
        sawBytesPastTheEnd = true
        return sum
      }
    }
    #expect(sawBytesPastTheEnd, "the scan ran to its end instead of crashing")
    #expect(error == .fileTruncated(path: path, offset: 300_000, fileSize: 300_000))
    // The map is a file map again: surviving bytes read normally, vanished ones throw, and bytes
    // the file gets back are the file's (not the stand-in zeros).
    #expect(try map.read(at: 299_990, count: 10) == Array(content[299_990..<300_000]))
    expectError(.fileTruncated(path: path, offset: 700_000, fileSize: 300_000)) { () throws(MemMapError) in
      _ = try map.read(at: 700_000, count: 1)
    }
    try truncateFromAnotherProcess(path, to: Self.size)
    try writeThroughDescriptor(path, [0xAB, 0xCD], at: 700_000)
    #expect(try map.read(at: 700_000, count: 3) == [0xAB, 0xCD, 0])
    #expect(try map.withBytes(in: 700_000..<700_002) { [$0.unsafeLoad(as: UInt8.self), $0.unsafeLoad(fromByteOffset: 1, as: UInt8.self)] } == [0xAB, 0xCD])
    try map.close()
  }

  @Test func withBytesInARangeAndWithSpanNameTheFirstMissingByteOfTheirRange() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("data.bin", pattern(Self.size))
    let map = try MemMap.open(path, offset: 4096)
    try truncateFromAnotherProcess(path, to: 4096 + 10_000)
    expectError(.fileTruncated(path: path, offset: 500_000, fileSize: 14_096)) {
      _ = try map.withBytes(in: 500_000..<600_000) { byteSum($0) }
    }
    expectError(.fileTruncated(path: path, offset: 10_000, fileSize: 14_096)) {
      _ = try map.withSpan(of: UInt64.self) { words in
        var total: UInt64 = 0
        for index in words.indices { total &+= words[index] }
        return total
      }
    }
    // A view of bytes that still exist is unaffected.
    #expect(try map.withBytes(in: 0..<8) { $0.byteCount } == 8)
    try map.close()
  }

  @Test func theBodysOwnErrorGivesWayToTheTruncationItMayHaveCausedButOtherwiseReachesTheCaller() throws {
    struct Rejected: Error, Equatable {}
    let directory = try TemporaryDirectory()
    let path = try directory.write("data.bin", pattern(3 * 4096))
    let map = try MemMap.open(path)
    #expect(throws: Rejected()) { try map.withBytes { _ in throw Rejected() } }
    try truncateFromAnotherProcess(path, to: 4096)
    expectError(.fileTruncated(path: path, offset: 4096, fileSize: 4096)) {
      try map.withBytes { bytes in
        if bytes.unsafeLoad(fromByteOffset: 8192, as: UInt8.self) == 0 { throw Rejected() }
      }
    }
    try map.close()
  }

  @Test(arguments: [MemMap.Mode.readWrite, .copyOnWrite])
  func withMutableBytesThrowsFileTruncated(mode: MemMap.Mode) throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("data.bin", pattern(4 * 4096))
    var map = try MemMap.open(path, mode: mode)
    expectError(.fileTruncated(path: path, offset: 8192, fileSize: 8192)) {
      try map.withMutableBytes { bytes in
        try truncateFromAnotherProcess(path, to: 8192)
        for index in 0..<bytes.byteCount { bytes.storeBytes(of: 0x11, toByteOffset: index, as: UInt8.self) }
      }
    }
    // The writes to bytes that still exist went where they belong.
    #expect(try map.read(at: 8190, count: 2) == [0x11, 0x11])
    try map.close()
    #expect(try contentsOnDisk(path) == (mode == .readWrite ? [UInt8](repeating: 0x11, count: 8192) : Array(pattern(8192))))
  }

  @Test func concurrentChunkScanStopsAndThrowsFileTruncated() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("data.bin", pattern(4 * Self.size))
    let map = try MemMap.open(path)
    let chunkSize = 1 << 16
    let truncated = Atomic<Bool>(false)
    let visitedAfterTruncation = Atomic<Int>(0)
    let error = caughtError { () throws(MemMapError) in
      try map.forEachChunk(in: 0..<map.count, chunkSize: chunkSize, concurrently: true) { chunkStart, bytes in
        if truncated.load(ordering: .acquiring) { visitedAfterTruncation.add(1, ordering: .relaxed) }
        if chunkStart == 8 * chunkSize, !truncated.exchange(true, ordering: .acquiringAndReleasing) {
          try? truncateFromAnotherProcess(path, to: 4 * chunkSize)
        }
        _ = byteSum(bytes)
        return true
      }
    }
    let didTruncate = truncated.load(ordering: .relaxed)
    let lateVisits = visitedAfterTruncation.load(ordering: .relaxed)
    #expect(didTruncate)
    #expect(error == .fileTruncated(path: path, offset: 4 * chunkSize, fileSize: 4 * chunkSize))
    // Chunks already running finish; no new one starts after the first vanished page (each
    // worker may have picked one more before noticing).
    #expect(lateVisits < 64)
    try map.close()
  }

  @Test func sequentialChunkScanStopsAtTheFirstChunkThatFaulted() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("data.bin", pattern(Self.size))
    let map = try MemMap.open(path)
    let visited = Mutex<[Int]>([])
    expectError(.fileTruncated(path: path, offset: 2 * 4096 + 100, fileSize: 2 * 4096 + 100)) { () throws(MemMapError) in
      try map.forEachChunk(in: 0..<map.count, chunkSize: 4 * 4096) { chunkStart, bytes in
        visited.withLock { $0.append(chunkStart) }
        if chunkStart == 0 { try? truncateFromAnotherProcess(path, to: 2 * 4096 + 100) }
        _ = byteSum(bytes)
        return true
      }
    }
    #expect(visited.withLock { $0 } == [0])
    try map.close()
  }

  @Test(.enabled(if: TinyFileSystem.isAvailable, "needs root and permission to mount a small tmpfs"))
  func aPageTheFullDiskCannotSupplyIsNoSpaceOrAnIOErrorNotATruncation() throws {
    let disk = try TinyFileSystem()
    let path = "\(disk.path)/sparse.bin"
    try Data().write(to: URL(fileURLWithPath: path))
    try truncateFile(path, to: Self.size)  // 1 MiB of holes on a 64 KiB file system
    var map = try MemMap.open(path, mode: .readWrite)
    let written = caughtError {
      try map.withMutableBytes { bytes in
        for page in stride(from: 0, to: bytes.byteCount, by: 4096) {
          bytes.storeBytes(of: 0xAB, toByteOffset: page, as: UInt8.self)
        }
      }
    }
    #expect(written == .noSpace(path: path))
    let readOnly = try MemMap.open(path)
    let read = caughtError { _ = try readOnly.withBytes { byteSum($0) } }
    #expect(read?.description.hasPrefix("I/O error accessing '\(path)' at map offset ") == true, "\(String(describing: read))")
    #expect(try map.status().size == Self.size, "the file did not shrink")
    try? readOnly.close()
    try? map.close()
  }
}
