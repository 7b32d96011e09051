import MemMap
import Testing

struct Pair: BitwiseCopyable, Equatable {
  var low: UInt16
  var high: UInt16
}

@Suite("Zero-copy views")
struct ViewTests {
  @Test func withBytesSeesTheWholeMap() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("data.bin", pattern(5000))
    let map = try MemMap.open(path, offset: 100)
    let (count, sum) = try map.withBytes { bytes in
      var sum = 0
      for index in 0..<bytes.byteCount { sum += Int(bytes.unsafeLoad(fromByteOffset: index, as: UInt8.self)) }
      return (bytes.byteCount, sum)
    }
    #expect(count == 4900)
    #expect(sum == pattern(5000)[100...].reduce(0) { $0 + Int($1) })
    try map.close()
  }

  @Test func withBytesRethrowsTheBodysError() throws {
    struct Stop: Error, Equatable {}
    let map = try MemMap.anonymous(size: 8)
    #expect(throws: Stop()) { try map.withBytes { _ throws(Stop) in throw Stop() } }
    try map.close()
  }

  @Test func withBytesInARangeSeesExactlyThatRange() throws {
    var map = try MemMap.anonymous(size: 100)
    try map.write(pattern(100), at: 0)
    let seen = try map.withBytes(in: 40..<45) { bytes in
      (0..<bytes.byteCount).map { bytes.unsafeLoad(fromByteOffset: $0, as: UInt8.self) }
    }
    #expect(seen == Array(pattern(100)[40..<45]))
    #expect(try map.withBytes(in: 100..<100) { $0.byteCount } == 0)
    try map.close()
  }

  @Test func withMutableBytesChangesTheFile() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("data.bin", [UInt8](repeating: 0, count: 10))
    var map = try MemMap.open(path, mode: .readWrite, offset: 2, length: 6)
    try map.withMutableBytes { bytes in
      for index in 0..<bytes.byteCount { bytes.storeBytes(of: UInt8(index + 1), toByteOffset: index, as: UInt8.self) }
    }
    try map.withMutableBytes(in: 4..<6) { bytes in
      bytes.storeBytes(of: 0xFFFF, toByteOffset: 0, as: UInt16.self)
    }
    try map.close()
    #expect(try contentsOnDisk(path) == [0, 0, 1, 2, 3, 4, 0xFF, 0xFF, 0, 0])
  }

  @Test func withSpanViewsTypedElements() throws {
    var map = try MemMap.anonymous(size: 64)
    for index in 0..<16 { try map.store(UInt32(index * 3), at: index * 4, endianness: .host) }
    let all = try map.withSpan(of: UInt32.self) { span in (0..<span.count).map { span[$0] } }
    #expect(all == (0..<16).map { UInt32($0 * 3) })
    let some = try map.withSpan(of: UInt32.self, at: 8, count: 3) { span in (0..<span.count).map { span[$0] } }
    #expect(some == [6, 9, 12])
    let floats = try map.withSpan(of: Float.self, at: 60) { $0.count }
    #expect(floats == 1)
    let pairs = try map.withSpan(of: Pair.self, at: 4, count: 2) { span in [span[0], span[1]] }
    #expect(pairs == [Pair(low: 3, high: 0), Pair(low: 6, high: 0)].map { Endianness.host == .little ? $0 : Pair(low: $0.high, high: $0.low) })
    try map.close()
  }

  @Test func withSpanRejectsMisalignedOffsetsAndRangesPastTheEnd() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("data.bin", pattern(64))
    let map = try MemMap.open(path)
    let misaligned = caughtError { _ = try map.withSpan(of: UInt64.self, at: 3) { $0.count } }
    #expect(misaligned == .misaligned(path: path, offset: 3, alignment: 8))
    #expect(misaligned?.description.contains("'\(path)'") == true)
    expectError(.outOfBounds(path: path, offset: 56, count: 16, mapCount: 64)) {
      _ = try map.withSpan(of: UInt64.self, at: 56, count: 2) { $0.count }
    }
    expectError(.outOfBounds(path: path, offset: 65, count: 0, mapCount: 64)) {
      _ = try map.withSpan(of: UInt8.self, at: 65) { $0.count }
    }
    expectError(.outOfBounds(path: path, offset: 0, count: Int.max, mapCount: 64)) {
      _ = try map.withSpan(of: UInt64.self, count: Int.max) { $0.count }
    }
    expectError(.outOfBounds(path: path, offset: 0, count: -1, mapCount: 64)) {
      _ = try map.withSpan(of: UInt8.self, count: -1) { $0.count }
    }
    try map.close()
  }

  @Test func unalignedWindowShiftsTypedAlignmentWithTheFileOffset() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("data.bin", pattern(100))
    // The window starts at file offset 4: map offset 4 is file offset 8, aligned for UInt64.
    let map = try MemMap.open(path, offset: 4)
    let first = try map.withSpan(of: UInt64.self, at: 4, count: 1) { $0[0] }
    #expect(first == (try map.load(as: UInt64.self, at: 4)))
    #expect(caughtError { _ = try map.withSpan(of: UInt64.self, at: 0) { $0.count } }
      == .misaligned(path: path, offset: 0, alignment: 8))
    try map.close()
  }
}
