import MemMap
import Synchronization
import Testing

/// Collects what a scan's body saw, from any thread.
final class ChunkLog: Sendable {
  let visits = Mutex<[(start: Int, bytes: [UInt8])]>([])

  func record(_ start: Int, _ bytes: RawSpan) {
    let copy = (0..<bytes.byteCount).map { bytes.unsafeLoad(fromByteOffset: $0, as: UInt8.self) }
    visits.withLock { $0.append((start, copy)) }
  }

  var sorted: [(start: Int, bytes: [UInt8])] { visits.withLock { $0.sorted { $0.start < $1.start } } }
}

@Suite("Chunked scanning")
struct ChunkScanTests {
  @Test(arguments: [false, true])
  func everyByteIsVisitedOncePlusOverlaps(concurrently: Bool) throws {
    let content = pattern(100_003)
    var map = try MemMap.anonymous(size: content.count)
    try map.write(content, at: 0)
    let range = 17..<100_000
    let log = ChunkLog()
    let finished = try map.forEachChunk(in: range, chunkSize: 4096, overlap: 5, concurrently: concurrently) { start, bytes in
      log.record(start, bytes)
      return true
    }
    #expect(finished)
    let visits = log.sorted
    #expect(visits.map(\.start) == Array(stride(from: 17, to: 100_000, by: 4096)))
    for visit in visits {
      let end = min(visit.start + 4096 + 5, range.upperBound)
      #expect(visit.bytes == Array(content[visit.start..<end]))
    }
    try map.close()
  }

  @Test(arguments: [false, true])
  func patternsAcrossChunkBoundariesAreSeenThroughTheOverlap(concurrently: Bool) throws {
    var map = try MemMap.anonymous(size: 10_000)
    let needle: [UInt8] = [0xCA, 0xFE, 0xBA, 0xBE]
    try map.write(needle, at: 4094)  // crosses the boundary at 4096
    let found = Mutex<[Int]>([])
    try map.forEachChunk(in: 0..<10_000, chunkSize: 1024, overlap: needle.count - 1, concurrently: concurrently) { start, bytes in
      guard bytes.byteCount >= needle.count else { return true }
      for index in 0...(bytes.byteCount - needle.count)
      where (0..<needle.count).allSatisfy({ bytes.unsafeLoad(fromByteOffset: index + $0, as: UInt8.self) == needle[$0] }) {
        found.withLock { $0.append(start + index) }
      }
      return true
    }
    #expect(found.withLock { $0 } == [4094])
    try map.close()
  }

  @Test func sequentialScanStopsRightAfterTheBodySaysSo() throws {
    let map = try MemMap.anonymous(size: 10_000)
    let log = ChunkLog()
    let finished = try map.forEachChunk(in: 0..<10_000, chunkSize: 1000) { start, bytes in
      log.record(start, bytes)
      return start < 3000
    }
    #expect(finished == false)
    #expect(log.sorted.map(\.start) == [0, 1000, 2000, 3000])
    try map.close()
  }

  @Test func concurrentScanStopsEachWorkerAfterItsChunk() throws {
    let map = try MemMap.anonymous(size: 1 << 20)
    let log = ChunkLog()
    let finished = try map.forEachChunk(in: 0..<(1 << 20), chunkSize: 1024, concurrently: true) { start, bytes in
      log.record(start, bytes)
      return false
    }
    #expect(finished == false)
    // Every worker stops after the first chunk it takes; there are far fewer workers than chunks.
    #expect(log.sorted.count >= 1)
    #expect(log.sorted.count < 64)
    try map.close()
  }

  @Test func emptyRangesAndInvalidArguments() throws {
    let map = try MemMap.anonymous(size: 100)
    let log = ChunkLog()
    #expect(try map.forEachChunk(in: 50..<50, chunkSize: 10) { log.record($0, $1); return true })
    #expect(log.sorted.isEmpty)
    expectError(.invalidSize(path: nil, size: 0, reason: "the chunk size must be positive")) { () throws(MemMapError) in
      try map.forEachChunk(in: 0..<100, chunkSize: 0) { _, _ in true }
    }
    expectError(.invalidSize(path: nil, size: -1, reason: "the overlap must not be negative")) { () throws(MemMapError) in
      try map.forEachChunk(in: 0..<100, chunkSize: 10, overlap: -1) { _, _ in true }
    }
    expectError(.outOfBounds(path: nil, offset: 90, count: 11, mapCount: 100)) { () throws(MemMapError) in
      try map.forEachChunk(in: 90..<101, chunkSize: 10) { _, _ in true }
    }
    try map.close()
  }
}

@Suite("Chunk scans whose body throws")
struct ThrowingChunkScanTests {
  struct Found: Error, Equatable { let offset: Int }

  @Test(arguments: [false, true])
  func theBodysErrorStopsTheScanAndReachesTheCallerUnchanged(concurrently: Bool) throws {
    var map = try MemMap.anonymous(size: 64 * 4096)
    try map.store(UInt8(7), at: 10 * 4096 + 5)
    do {
      try map.forEachChunk(in: 0..<map.count, chunkSize: 4096, concurrently: concurrently) { chunkStart, bytes in
        if let index = (0..<bytes.byteCount).first(where: { bytes.unsafeLoad(fromByteOffset: $0, as: UInt8.self) == 7 }) {
          throw Found(offset: chunkStart + index)
        }
        return true
      }
      Issue.record("nothing was thrown")
    } catch let error as Found {
      #expect(error == Found(offset: 10 * 4096 + 5))
    }
    #expect(throws: Found(offset: 3)) {
      try map.forEachMutableChunk(in: 0..<8, chunkSize: 4, concurrently: concurrently) { chunkStart, _ in
        if chunkStart == 0 { throw Found(offset: 3) }
        return true
      }
    }
    try map.close()
  }
}
