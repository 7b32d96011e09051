import MemMap
import Testing

@Suite("Huge sparse files")
struct SparseFileTests {
  static let oneTebibyte = 1 << 40

  @Test func oneTebibyteSparseFileMapsAndReadsNearTheEnd() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("huge.bin", [])
    try truncateFile(path, to: Self.oneTebibyte)
    try writeThroughDescriptor(path, [0x42, 0x43], at: Self.oneTebibyte - 2)
    let map = try MemMap.open(path)
    #expect(map.count == Self.oneTebibyte)
    #expect(try map.read(at: Self.oneTebibyte - 4, count: 4) == [0, 0, 0x42, 0x43])
    #expect(try map.load(as: UInt16.self, at: Self.oneTebibyte - 2, endianness: .big) == 0x4243)
    #expect(try map.read(at: Self.oneTebibyte / 2, count: 3) == [0, 0, 0])
    try map.close()

    let window = try MemMap.open(path, offset: Self.oneTebibyte - 3)
    #expect(window.count == 3)
    #expect(try window.read(at: 0, count: 3) == [0, 0x42, 0x43])
    try window.close()
  }

  @Test func oneTebibyteSparseFileCanBeWrittenNearTheEnd() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("huge.bin", [])
    try truncateFile(path, to: Self.oneTebibyte)
    var map = try MemMap.open(path, mode: .readWrite)
    try map.write([7, 7, 7], at: Self.oneTebibyte - 3)
    try map.close()
    var copy = try MemMap.open(path, mode: .copyOnWrite)
    #expect(try copy.read(at: Self.oneTebibyte - 3, count: 3) == [7, 7, 7])
    try copy.write([1], at: 0)
    try copy.close()
    let status = try MemMap.status(ofFile: path)
    #expect(status.size == Self.oneTebibyte)
  }
}
