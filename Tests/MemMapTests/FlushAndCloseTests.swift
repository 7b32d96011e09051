import MemMap
import Testing

@Suite("Flush, advise and close")
struct FlushAndCloseTests {
  @Test func flushPutsExactBytesOnDiskBeforeClose() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("data.bin", [UInt8](repeating: 0, count: 10_000))
    var map = try MemMap.open(path, mode: .readWrite)
    try map.write(pattern(300), at: 4000)
    try map.flush()
    var expected = [UInt8](repeating: 0, count: 10_000)
    expected[4000..<4300] = pattern(300)[...]
    #expect(try contentsOnDisk(path) == expected)
    try map.write([0xAB], at: 9999)
    try map.flush(9999..<10_000)
    expected[9999] = 0xAB
    #expect(try contentsOnDisk(path) == expected)
    try map.write([0xCD], at: 1)
    try map.flush(1..<2)
    try map.flush(0..<0)
    expected[1] = 0xCD
    #expect(try contentsOnDisk(path) == expected)
    try map.close()
    #expect(try contentsOnDisk(path) == expected)
  }

  @Test func flushOfARangeOutsideTheMapIsOutOfBounds() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("data.bin", pattern(10))
    let map = try MemMap.open(path, mode: .readWrite)
    expectError(.outOfBounds(path: path, offset: 5, count: 6, mapCount: 10)) { () throws(MemMapError) in try map.flush(5..<11) }
    try map.close()
  }

  @Test func closeWithoutFlushStillWritesEverything() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("new.bin")
    var map = try MemMap.open(path, mode: .create(size: 3 * 4096 + 5))
    try map.write(pattern(3 * 4096 + 5), at: 0)
    try map.close()
    #expect(try contentsOnDisk(path) == pattern(3 * 4096 + 5))
  }

  @Test func mapsDroppedWithoutCloseAreReleased() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("data.bin", pattern(10))
    for _ in 0..<2000 {
      // Each iteration's map goes out of scope without close(); deinit must unmap and close
      // its descriptor, or the process would run out of descriptors long before 2000 x several.
      let map = try MemMap.open(path)
      #expect(map.count == 10)
    }
    let status = try MemMap.status(ofFile: path)
    #expect(status.size == 10)
  }

  @Test(arguments: [MemMap.Advice.normal, .sequential, .random, .willNeed, .dontNeed])
  func adviceNeverChangesContent(advice: MemMap.Advice) throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("data.bin", pattern(20_000))
    let map = try MemMap.open(path, offset: 3)
    try map.advise(advice)
    try map.advise(advice, range: 5000..<6000)
    #expect(try map.read(at: 0, count: 19_997) == Array(pattern(20_000)[3...]))
    expectError(.outOfBounds(path: path, offset: 0, count: 19_998, mapCount: 19_997)) { () throws(MemMapError) in
      try map.advise(advice, range: 0..<19_998)
    }
    try map.close()
  }

  @Test func flushIsANoOpForReadOnlyCopyOnWriteAndAnonymousMaps() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("data.bin", pattern(10))
    let readOnly = try MemMap.open(path)
    try readOnly.flush()
    try readOnly.flush(0..<10)
    try readOnly.close()
    var copy = try MemMap.open(path, mode: .copyOnWrite)
    try copy.write([0], at: 0)
    try copy.flush()
    try copy.close()
    #expect(try contentsOnDisk(path) == pattern(10))
  }
}
