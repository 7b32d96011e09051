import MemMap
import Synchronization
import Testing

@Suite("Parallel writers and typed mutable views")
struct MutableChunkTests {
  @Test(arguments: [false, true])
  func threadsFillDisjointChunksOfOneMap(concurrently: Bool) throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("data.bin", [UInt8](repeating: 0, count: 100_003))
    var map = try MemMap.open(path, mode: .readWrite)
    // One slot per chunk, each written by the one thread that visits that chunk: no lock, so
    // ThreadSanitizer sees only the chunk visitor's own synchronisation.
    let slots = UnsafeMutableBufferPointer<Int>.allocate(capacity: 26)
    slots.initialize(repeating: 0)
    defer { slots.deallocate() }
    nonisolated(unsafe) let sizes = slots
    let visitedAll = try map.forEachMutableChunk(in: 3..<100_003, chunkSize: 4096, concurrently: concurrently) { chunkStart, bytes in
      sizes[(chunkStart - 3) / 4096] = bytes.byteCount
      for index in 0..<bytes.byteCount {
        bytes.storeBytes(of: UInt8(truncatingIfNeeded: (chunkStart + index) / 4096 + 1), toByteOffset: index, as: UInt8.self)
      }
      return true
    }
    #expect(visitedAll)
    #expect(slots.filter { $0 > 0 }.count == 25, "every chunk visited once")
    #expect(slots[0] == 4096)
    #expect(slots[24] == 100_000 - 24 * 4096)
    #expect(slots[25] == 0, "no chunk past the range")
    try map.close()
    let expected = [0, 0, 0] + (3..<100_003).map { UInt8(truncatingIfNeeded: $0 / 4096 + 1) }
    #expect(try contentsOnDisk(path) == expected)
  }

  @Test func aMutableChunkScanStopsWhenTheBodySaysSoAndChecksItsArguments() throws {
    var map = try MemMap.anonymous(size: 10 * 4096)
    let started = Mutex<[Int]>([])
    let visitedAll = try map.forEachMutableChunk(in: 0..<map.count, chunkSize: 4096) { chunkStart, _ in
      started.withLock { $0.append(chunkStart) }
      return chunkStart < 2 * 4096
    }
    #expect(!visitedAll)
    #expect(started.withLock { $0 } == [0, 4096, 8192])
    expectError(.invalidSize(path: nil, size: 0, reason: "the chunk size must be positive")) { () throws(MemMapError) in
      try map.forEachMutableChunk(in: 0..<10, chunkSize: 0) { _, _ in true }
    }
    expectError(.outOfBounds(path: nil, offset: 0, count: 50_000, mapCount: 40_960)) { () throws(MemMapError) in
      try map.forEachMutableChunk(in: 0..<50_000, chunkSize: 10) { _, _ in true }
    }
    try map.close()
    let directory = try TemporaryDirectory()
    var readOnly = try MemMap.open(try directory.write("r.bin", [1, 2, 3]))
    expectError(.notWritable(path: directory.file("r.bin"), operation: "forEachMutableChunk", mode: .readOnly)) { () throws(MemMapError) in
      try readOnly.forEachMutableChunk(in: 0..<3, chunkSize: 1) { _, _ in true }
    }
    try readOnly.close()
  }

  @Test func withMutableSpanWritesTypedElementsWithTheSameRulesAsWithSpan() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("data.bin", [UInt8](repeating: 0, count: 64))
    var map = try MemMap.open(path, mode: .readWrite)
    try map.withMutableSpan(of: UInt32.self, at: 8, count: 3) { words in
      for index in words.indices { words[index] = UInt32(0x0102_0304 * (index + 1)) }
    }
    try map.withMutableSpan(of: Double.self, at: 56) { values in
      #expect(values.count == 1)
      values[0] = 1.5
    }
    expectError(.misaligned(path: path, offset: 3, alignment: 4)) {
      try map.withMutableSpan(of: UInt32.self, at: 3) { _ in }
    }
    expectError(.outOfBounds(path: path, offset: 60, count: 8, mapCount: 64)) {
      try map.withMutableSpan(of: UInt32.self, at: 60, count: 2) { _ in }
    }
    struct Rejected: Error, Equatable {}
    #expect(throws: Rejected()) { try map.withMutableSpan(of: UInt8.self) { _ in throw Rejected() } }
    try map.close()
    let bytes = try contentsOnDisk(path)
    #expect(Array(bytes[8..<20]) == [4, 3, 2, 1, 8, 6, 4, 2, 12, 9, 6, 3])
    #expect(Array(bytes[56..<64]) == withUnsafeBytes(of: (1.5).bitPattern.littleEndian) { Array($0) })
    var readOnly = try MemMap.open(path)
    expectError(.notWritable(path: path, operation: "withMutableSpan", mode: .readOnly)) {
      try readOnly.withMutableSpan(of: UInt8.self) { _ in }
    }
    try readOnly.close()
  }

  @Test func aConcurrentMutableChunkScanSurvivesTruncationByAnotherProcess() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("data.bin", pattern(1 << 20))
    var map = try MemMap.open(path, mode: .readWrite)
    let truncated = Atomic<Bool>(false)
    expectError(.fileTruncated(path: path, offset: 1 << 16, fileSize: 1 << 16)) { () throws(MemMapError) in
      try map.forEachMutableChunk(in: 0..<map.count, chunkSize: 1 << 16, concurrently: true) { chunkStart, bytes in
        if chunkStart == 4 << 16, !truncated.exchange(true, ordering: .acquiringAndReleasing) {
          try? truncateFromAnotherProcess(path, to: 1 << 16)
        }
        for index in 0..<bytes.byteCount { bytes.storeBytes(of: 0xEE, toByteOffset: index, as: UInt8.self) }
        return true
      }
    }
    try map.close()
    #expect(try contentsOnDisk(path).count == 1 << 16)
  }
}
