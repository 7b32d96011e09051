import MemMap
import Testing

@Suite("Resizing read-write maps")
struct ResizeTests {
  @Test func growingAddsZeroBytesToMapAndFile() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("data.bin", pattern(100))
    var map = try MemMap.open(path, mode: .readWrite)
    try map.resize(to: 3 * 4096 + 7)
    #expect(map.count == 3 * 4096 + 7)
    #expect(try map.read(at: 0, count: 100) == pattern(100))
    #expect(try map.read(at: 100, count: 3 * 4096 - 93) == [UInt8](repeating: 0, count: 3 * 4096 - 93))
    try map.write([7], at: 3 * 4096 + 6)
    #expect(try MemMap.status(ofFile: path).size == 3 * 4096 + 7)
    try map.close()
    #expect(try contentsOnDisk(path) == pattern(100) + [UInt8](repeating: 0, count: 3 * 4096 + 6 - 100) + [7])
  }

  @Test func shrinkingCutsMapAndFile() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("data.bin", pattern(10_000))
    var map = try MemMap.open(path, mode: .readWrite)
    try map.resize(to: 10)
    #expect(map.count == 10)
    expectError(.outOfBounds(path: path, offset: 10, count: 1, mapCount: 10)) { () throws(MemMapError) in _ = try map.read(at: 10, count: 1) }
    try map.close()
    #expect(try contentsOnDisk(path) == Array(pattern(10_000)[..<10]))
  }

  @Test func resizingToZeroAndBackWorks() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("new.bin")
    var map = try MemMap.open(path, mode: .create(size: 50))
    try map.resize(to: 0)
    #expect(map.count == 0)
    #expect(try contentsOnDisk(path) == [])
    try map.resize(to: 5)
    try map.write([1, 2, 3, 4, 5], at: 0)
    try map.close()
    #expect(try contentsOnDisk(path) == [1, 2, 3, 4, 5])
  }

  @Test func windowResizeSetsTheFileSizeToOffsetPlusCount() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("data.bin", pattern(5000))
    var map = try MemMap.open(path, mode: .readWrite, offset: 4097, length: 3)
    try map.resize(to: 10)
    #expect(try map.read(at: 0, count: 10) == Array(pattern(5000)[4097..<4107]))
    try map.close()
    #expect(try MemMap.status(ofFile: path).size == 4107)
  }

  @Test(arguments: [MemMap.Mode.readOnly, .copyOnWrite])
  func resizeIsRefusedForMapsThatDoNotWriteTheFile(mode: MemMap.Mode) throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("data.bin", pattern(10))
    var map = try MemMap.open(path, mode: mode)
    let error = caughtError { () throws(MemMapError) in try map.resize(to: 20) }
    #expect(error == .unsupported(path: path, operation: "resize(to:)", reason: "the map is \(mode); open the file with .readWrite to resize it"))
    #expect(error?.description == "resize(to:) is not supported for '\(path)': the map is \(mode); open the file with .readWrite to resize it")
    #expect(map.count == 10)
    try map.close()
    #expect(try contentsOnDisk(path) == pattern(10))
  }

  @Test func resizeIsRefusedForAnonymousMapsAndNegativeSizes() throws {
    var anonymous = try MemMap.anonymous(size: 10)
    expectError(.unsupported(path: nil, operation: "resize(to:)", reason: "anonymous maps have a fixed size; create a new one with anonymous(size:) and copy")) { () throws(MemMapError) in
      try anonymous.resize(to: 20)
    }
    try anonymous.close()
    let directory = try TemporaryDirectory()
    let path = try directory.write("data.bin", pattern(10))
    var map = try MemMap.open(path, mode: .readWrite)
    expectError(.invalidSize(path: path, size: -1, reason: "the new size must not be negative")) { () throws(MemMapError) in
      try map.resize(to: -1)
    }
    try map.close()
  }
}
