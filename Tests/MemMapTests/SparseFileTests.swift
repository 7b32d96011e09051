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

  func hole(until end: Int) -> MemMap.SparseStretch { MemMap.SparseStretch(isHole: true, end: end) }
  func data(until end: Int) -> MemMap.SparseStretch { MemMap.SparseStretch(isHole: false, end: end) }

  /// `sparseStretch(at:)` of each offset.
  func stretches(_ map: borrowing MemMap, _ offsets: [Int]) -> [MemMap.SparseStretch?] {
    offsets.map { map.sparseStretch(at: $0) }
  }

  @Test func holesAndDataAndWhereTheyEnd() throws {
    let directory = try TemporaryDirectory()
    let path = try makeFile(directory)
    let map = try MemMap.open(path)
    let mebibyte = Self.mebibyte
    // The file system's block (4 KiB) holding the last two bytes is data.
    #expect(
      stretches(map, [0, 4096, mebibyte, mebibyte + 4095, mebibyte + 4096, Self.size - 4096, Self.size - 1])
        == [
          hole(until: mebibyte), hole(until: mebibyte), data(until: mebibyte + 4096), data(until: mebibyte + 4096),
          hole(until: Self.size - 4096), data(until: Self.size), data(until: Self.size),
        ])
    #expect(stretches(map, [-1, Self.size]) == [nil, nil], "outside the map")
    try map.close()

    // A window: offsets are the window's, and a stretch ends at the window's end at the latest.
    let window = try MemMap.open(path, offset: 1 << 30, length: mebibyte)
    #expect(stretches(window, [0, 100]) == [hole(until: mebibyte), hole(until: mebibyte)])
    try window.close()
  }

  @Test func writtenPagesAreDataAndPrivateOrAnonymousMapsNeverTell() throws {
    let directory = try TemporaryDirectory()
    let path = try makeFile(directory)
    var map = try MemMap.open(path, mode: .readWrite)
    let start = 4 * Self.mebibyte
    #expect(stretches(map, [start]) == [hole(until: Self.size - 4096)])
    try map.write([9], at: start + 100)
    #expect(stretches(map, [start]) == [data(until: start + 4096)], "a page written through the map holds data")
    #expect(stretches(map, [start - 1]) == [hole(until: start)])
    try map.close()

    let copy = try MemMap.open(path, mode: .copyOnWrite)
    #expect(stretches(copy, [0]) == [nil])
    try copy.close()
    let anonymous = try MemMap.anonymous(size: Self.mebibyte)
    #expect(stretches(anonymous, [0]) == [nil])
  }

  @Test func bytesPastATruncationAreNotAHole() throws {
    let directory = try TemporaryDirectory()
    let path = try makeFile(directory)
    let map = try MemMap.open(path)
    try truncateFile(path, to: 1 << 30)
    #expect(stretches(map, [2 * Self.mebibyte]) == [hole(until: 1 << 30)], "the hole ends where the file now ends")
    #expect(stretches(map, [2 << 30]) == [nil], "the file no longer has these bytes")
    try map.close()
  }
}
