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

@Suite("Holes of sparse files")
struct HoleTests {
  static let size = 1 << 40
  static let mebibyte = 1 << 20

  /// A 1 TiB sparse file with 4 KiB of data at 1 MiB and 2 bytes at its end.
  func makeFile(_ directory: TemporaryDirectory) throws -> String {
    let path = try directory.write("holes.bin", [])
    try truncateFile(path, to: Self.size)
    try writeThroughDescriptor(path, pattern(4096), at: Self.mebibyte)
    try writeThroughDescriptor(path, [1, 2], at: Self.size - 2)
    return path
  }

  /// `isHole` of each range.
  func holes(_ map: borrowing MemMap, _ ranges: [Range<Int>]) -> [Bool] {
    ranges.map { map.isHole($0) }
  }

  @Test func holesAreReportedAndDataIsNot() throws {
    let directory = try TemporaryDirectory()
    let path = try makeFile(directory)
    let map = try MemMap.open(path)
    let mebibyte = Self.mebibyte
    #expect(holes(map, [0..<mebibyte, (2 * mebibyte)..<(Self.size - 4096)]) == [true, true])
    #expect(
      holes(
        map,
        [
          0..<(mebibyte + 1),  // reaches the data
          mebibyte..<(mebibyte + 4096), (Self.size - 4096)..<Self.size,
          0..<0,  // empty: tells nothing
          (Self.size - 8)..<(Self.size + 8),  // outside the map
        ]) == [false, false, false, false, false])
    try map.close()

    // A window: offsets are the window's.
    let window = try MemMap.open(path, offset: 1 << 30, length: mebibyte)
    #expect(holes(window, [0..<mebibyte]) == [true])
    try window.close()
  }

  @Test func writtenPagesAreDataAndPrivateOrAnonymousMapsNeverTell() throws {
    let directory = try TemporaryDirectory()
    let path = try makeFile(directory)
    var map = try MemMap.open(path, mode: .readWrite)
    let range = (4 * Self.mebibyte)..<(5 * Self.mebibyte)
    #expect(holes(map, [range]) == [true])
    try map.write([9], at: range.lowerBound + 100)
    #expect(holes(map, [range]) == [false], "a page written through the map holds data")
    try map.close()

    let copy = try MemMap.open(path, mode: .copyOnWrite)
    #expect(holes(copy, [0..<4096]) == [false])
    try copy.close()
    let anonymous = try MemMap.anonymous(size: Self.mebibyte)
    #expect(holes(anonymous, [0..<4096]) == [false])
  }

  @Test func bytesPastATruncationAreNotAHole() throws {
    let directory = try TemporaryDirectory()
    let path = try makeFile(directory)
    let map = try MemMap.open(path)
    try truncateFile(path, to: 1 << 30)
    #expect(holes(map, [0..<Self.mebibyte]) == [true])
    #expect(holes(map, [(2 << 30)..<((2 << 30) + 4096)]) == [false], "the file no longer has these bytes")
    try map.close()
  }
}
