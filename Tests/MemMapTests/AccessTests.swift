import MemMap
import Testing

@Suite("Guarded reads, loads and writes")
struct AccessTests {
  @Test func loadReadsUnalignedIntegersInEitherByteOrder() throws {
    var map = try MemMap.anonymous(size: 64)
    try map.write([0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09], at: 3)
    #expect(try map.load(as: UInt8.self, at: 3) == 0x01)
    #expect(try map.load(as: UInt16.self, at: 3, endianness: .little) == 0x0201)
    #expect(try map.load(as: UInt16.self, at: 3, endianness: .big) == 0x0102)
    #expect(try map.load(as: UInt32.self, at: 4, endianness: .big) == 0x0203_0405)
    #expect(try map.load(as: UInt64.self, at: 3, endianness: .little) == 0x0807_0605_0403_0201)
    #expect(try map.load(as: UInt64.self, at: 3, endianness: .big) == 0x0102_0304_0506_0708)
    #expect(try map.load(as: Int16.self, at: 63 - 1) == 0)
    let host: UInt32 = try map.load(at: 3)
    #expect(host == (Endianness.host == .little ? 0x0403_0201 : 0x0102_0304))
    try map.close()
  }

  @Test func storeWritesIntegersInTheRequestedByteOrder() throws {
    var map = try MemMap.anonymous(size: 16)
    try map.store(UInt32(0xA1B2_C3D4), at: 1, endianness: .big)
    try map.store(UInt16(0x1122), at: 9, endianness: .little)
    #expect(try map.read(at: 0, count: 12) == [0, 0xA1, 0xB2, 0xC3, 0xD4, 0, 0, 0, 0, 0x22, 0x11, 0])
    try map.close()
  }

  @Test func readIntoReusesTheCallersBuffer() throws {
    let directory = try TemporaryDirectory()
    let content = pattern(50_000)
    let path = try directory.write("data.bin", content)
    let map = try MemMap.open(path)
    var buffer = [UInt8](repeating: 0, count: 4096)
    var collected: [UInt8] = []
    var offset = 0
    while offset < map.count {
      let length = min(4096, map.count - offset)
      if length != buffer.count { buffer = [UInt8](repeating: 0, count: length) }
      try map.read(at: offset, into: &buffer)
      collected += buffer
      offset += length
    }
    #expect(collected == content)
    var empty: [UInt8] = []
    try map.read(at: 50_000, into: &empty)
    var tooLong = [UInt8](repeating: 0, count: 2)
    expectError(.outOfBounds(path: path, offset: 49_999, count: 2, mapCount: 50_000)) { () throws(MemMapError) in
      try map.read(at: 49_999, into: &tooLong)
    }
    try map.close()
  }

  @Test func readIntoAMutableRawSpan() throws {
    var map = try MemMap.anonymous(size: 100)
    try map.write(pattern(100), at: 0)
    var storage = [UInt8](repeating: 0, count: 10)
    do {
      var elements = storage.mutableSpan
      var bytes = elements.mutableBytes
      try map.read(at: 90, into: &bytes)
    }
    #expect(storage == Array(pattern(100)[90...]))
    try map.close()
  }

  @Test func writeAcceptsAnyByteCollectionAndRawSpans() throws {
    var map = try MemMap.anonymous(size: 32)
    try map.write([1, 2] as [UInt8], at: 0)
    try map.write(ArraySlice<UInt8>([3, 4, 5])[1...], at: 2)
    try map.write((6...8).map { UInt8($0) }.reversed(), at: 4)
    try map.write(Array("hi".utf8), at: 7)
    try map.write("ok".utf8, at: 9)
    let source: [UInt8] = [0xEE, 0xFF]
    try map.write(source.span.bytes, at: 11)
    #expect(try map.read(at: 0, count: 13) == [1, 2, 4, 5, 8, 7, 6, 0x68, 0x69, 0x6F, 0x6B, 0xEE, 0xFF])
    try map.close()
  }

  @Test func writeOnAReadOnlyMapIsRefused() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("data.bin", pattern(16))
    var map = try MemMap.open(path, mode: .readOnly)
    let error = caughtError { () throws(MemMapError) in try map.write([1], at: 0) }
    #expect(error == .notWritable(path: path, operation: "write", mode: .readOnly))
    #expect(
      error?.description
        == "write on '\(path)' failed: the map is .readOnly; open it with .readWrite, .create(size:) or .copyOnWrite to modify it")
    expectError(.notWritable(path: path, operation: "write", mode: .readOnly)) { () throws(MemMapError) in
      try map.store(UInt8(1), at: 0)
    }
    expectError(.notWritable(path: path, operation: "withMutableBytes", mode: .readOnly)) {
      try map.withMutableBytes { _ in }
    }
    #expect(try contentsOnDisk(path) == pattern(16))
    try map.close()
  }

  static let outOfBoundsCases: [(offset: Int, count: Int)] = [
    (-1, 1), (0, -1), (100, 1), (99, 2), (101, 0), (Int.max, 1), (1, Int.max), (Int.min, 0), (50, Int.max - 10),
  ]

  @Test(arguments: outOfBoundsCases)
  func outOfBoundsAccessesThrowWithoutTouchingMemory(offset: Int, count: Int) throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("data.bin", pattern(100))
    var map = try MemMap.open(path, mode: .readWrite)
    let expected = MemMapError.outOfBounds(path: path, offset: offset, count: count, mapCount: 100)
    expectError(expected) { () throws(MemMapError) in _ = try map.read(at: offset, count: count) }
    if count >= 0, count < 1 << 20 {
      expectError(expected) { () throws(MemMapError) in try map.write([UInt8](repeating: 1, count: count), at: offset) }
    }
    if count >= 0, !offset.addingReportingOverflow(count).overflow {
      expectError(expected) { _ = try map.withBytes(in: offset..<offset + count) { _ in } }
    }
    #expect(try contentsOnDisk(path) == pattern(100))
    try map.close()
  }

  @Test func loadPastTheEndIsOutOfBounds() throws {
    let map = try MemMap.anonymous(size: 10)
    expectError(.outOfBounds(path: nil, offset: 3, count: 8, mapCount: 10)) { () throws(MemMapError) in
      _ = try map.load(as: UInt64.self, at: 3)
    }
    expectError(.outOfBounds(path: nil, offset: -2, count: 2, mapCount: 10)) { () throws(MemMapError) in
      _ = try map.load(as: UInt16.self, at: -2)
    }
    #expect(
      MemMapError.outOfBounds(path: nil, offset: 3, count: 8, mapCount: 10).description
        == "access to 8 bytes at offset 3 of an anonymous map is out of bounds: the map holds 10 bytes; "
        + "offset and count must not be negative, and offset + count must not exceed 10")
    #expect(
      MemMapError.outOfBounds(path: nil, offset: 1, count: 1, mapCount: 1).description
        == "access to 1 byte at offset 1 of an anonymous map is out of bounds: the map holds 1 byte; "
        + "offset and count must not be negative, and offset + count must not exceed 1")
    try map.close()
  }

  @Test func readsCanBeSharedAcrossThreads() async throws {
    let directory = try TemporaryDirectory()
    let content = pattern(1 << 16)
    let path = try directory.write("data.bin", content)
    let map = try MemMap.open(path)
    let box = SharedMap(map)
    await withTaskGroup(of: Bool.self) { group in
      for task in 0..<4 {
        group.addTask {
          (0..<64).allSatisfy { index in
            let offset = (task * 64 + index) * 256
            return (try? box.map.read(at: offset, count: 256)) == Array(content[offset..<offset + 256])
          }
        }
      }
      for await ok in group { #expect(ok) }
    }
  }
}

/// Lets concurrent tasks borrow one read-only map (reads never mutate it).
final class SharedMap: Sendable {
  let map: MemMap
  init(_ map: consuming MemMap) { self.map = map }
}

@Suite("Reading into output spans")
struct OutputSpanReadTests {
  @Test func readAppendsToAnArraysOutputSpan() throws {
    var map = try MemMap.anonymous(size: 100)
    try map.write(pattern(100), at: 0)
    var collected: [UInt8] = [0xEE]
    try collected.append(addingCapacity: 10) { (output: inout OutputSpan<UInt8>) throws(MemMapError) in
      try map.read(at: 20, count: 6, into: &output)
      try map.read(at: 0, count: 4, into: &output)
    }
    #expect(collected == [0xEE] + Array(pattern(100)[20..<26]) + Array(pattern(100)[0..<4]))
    let tooSmall = caughtError { () throws(MemMapError) in
      var scratch: [UInt8] = []
      try scratch.append(addingCapacity: 2) { (output: inout OutputSpan<UInt8>) throws(MemMapError) in
        try map.read(at: 0, count: 3, into: &output)
      }
    }
    guard case .invalidSize(nil, 3, _)? = tooSmall else {
      Issue.record("expected invalidSize, got \(String(describing: tooSmall))")
      return
    }
    try map.close()
  }

  @Test func readAppendsToAnOutputRawSpan() throws {
    var map = try MemMap.anonymous(size: 64)
    try map.write(pattern(64), at: 0)
    var storage = [UInt8](repeating: 0, count: 8)
    let written = try storage.withUnsafeMutableBytes { buffer throws(MemMapError) in
      var output = OutputRawSpan(buffer: buffer, initializedCount: 0)
      try map.read(at: 60, count: 4, into: &output)
      try map.read(at: 0, count: 2, into: &output)
      return output.finalize(for: buffer)
    }
    #expect(written == 6)
    #expect(Array(storage[..<6]) == Array(pattern(64)[60...]) + Array(pattern(64)[..<2]))
    try map.close()
  }

  @Test func floatingPointValuesLoadAndStoreAsTheirIEEEBitsInEitherByteOrder() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("floats.bin", [UInt8](repeating: 0, count: 32))
    var map = try MemMap.open(path, mode: .readWrite)
    try map.store(1.5, at: 1, endianness: .big)
    try map.store(Float(-2.25), at: 9, endianness: .little)
    try map.store(Float16(0.5), at: 13, endianness: .big)
    try map.store(Double.pi, at: 16)
    #expect(try map.load(as: Double.self, at: 1, endianness: .big) == 1.5)
    #expect(try map.load(as: Float.self, at: 9, endianness: .little) == -2.25)
    #expect(try map.load(as: Float16.self, at: 13, endianness: .big) == 0.5)
    let pi: Double = try map.load(at: 16)
    #expect(pi == .pi)
    #expect(try map.load(as: Double.self, at: 1, endianness: .little) != 1.5)
    expectError(.outOfBounds(path: path, offset: 28, count: 8, mapCount: 32)) { () throws(MemMapError) in
      _ = try map.load(as: Double.self, at: 28)
    }
    try map.close()
    let bytes = try contentsOnDisk(path)
    #expect(Array(bytes[1..<9]) == [0x3F, 0xF8, 0, 0, 0, 0, 0, 0])
    #expect(Array(bytes[9..<13]) == [0, 0, 0x10, 0xC0])
    #expect(Array(bytes[13..<15]) == [0x38, 0x00])
    #expect(Array(bytes[16..<24]) == withUnsafeBytes(of: Double.pi.bitPattern) { Array($0) })
  }

  @Test func everyIntegerWidthLoadsAndStoresThroughTheGuardedFastPath() throws {
    var map = try MemMap.anonymous(size: 64)
    try map.store(UInt8(0xA1), at: 3)
    try map.store(Int16(-2), at: 5, endianness: .big)
    try map.store(UInt32(0xDEAD_BEEF), at: 7, endianness: .little)
    try map.store(Int64(-3), at: 11, endianness: .big)
    try map.store(UInt128(1) << 100, at: 19, endianness: .little)
    #expect(try map.read(at: 3, count: 16) == [0xA1, 0, 0xFF, 0xFE, 0xEF, 0xBE, 0xAD, 0xDE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFD])
    #expect(try map.load(as: UInt8.self, at: 3) == 0xA1)
    #expect(try map.load(as: Int16.self, at: 5, endianness: .big) == -2)
    #expect(try map.load(as: UInt32.self, at: 7, endianness: .little) == 0xDEAD_BEEF)
    #expect(try map.load(as: Int64.self, at: 11, endianness: .big) == -3)
    #expect(try map.load(as: UInt128.self, at: 19, endianness: .little) == UInt128(1) << 100)
    expectError(.outOfBounds(path: nil, offset: 63, count: 2, mapCount: 64)) { () throws(MemMapError) in
      try map.store(UInt16(1), at: 63)
    }
    try map.close()
  }
}
