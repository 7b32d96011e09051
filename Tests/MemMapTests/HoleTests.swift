import Foundation
import MemMap
import Testing

/// An ext4 file system on a loop device, mounted for one test and unmounted when released (a
/// tmpfs is ``TinyFileSystem``).
final class ScratchFileSystem {
  let directory: TemporaryDirectory
  var path: String { directory.path }
  private let image: String

  init(ext4Megabytes megabytes: Int) throws {
    directory = try TemporaryDirectory()
    let image = directory.path + ".img"
    self.image = image
    try #require(FileManager.default.createFile(atPath: image, contents: nil))
    try truncateFile(image, to: megabytes << 20)
    try #require(try runTool("/usr/sbin/mkfs.ext4", ["-q", "-F", "-b", "4096", "-m", "0", image]))
    try #require(try runTool("/usr/bin/mount", ["-o", "loop", image, directory.path]))
  }

  deinit {
    _ = try? runTool("/usr/bin/umount", [directory.path])
    try? FileManager.default.removeItem(atPath: image)
  }

  /// Whether a loop-mounted ext4 can be mounted here (root on a system that allows it).
  static let isAvailable: Bool = {
    guard isRoot, FileManager.default.isExecutableFile(atPath: "/usr/sbin/mkfs.ext4") else { return false }
    return (try? ScratchFileSystem(ext4Megabytes: 16)) != nil
  }()
}

/// Every stretch of possibly nonzero bytes the map reports in `range`.
private func dataRanges(of map: borrowing MemMap, in range: Range<Int>? = nil) -> [Range<Int>] {
  var ranges: [Range<Int>] = []
  map.forEachDataRange(in: range ?? 0..<map.count) {
    ranges.append($0)
    return true
  }
  return ranges
}

@Suite("The holes of sparse files", .serialized)
struct HoleTests {
  static let mebibyte = 1 << 20
  static let page = 4096

  /// A 64 MiB file with a page of data at 1 MiB, ten bytes at 10 MiB + 100, and the last byte.
  static func makeSparseFile(in directory: String) throws -> String {
    let path = "\(directory)/sparse.bin"
    try Data().write(to: URL(fileURLWithPath: path))
    try truncateFile(path, to: 64 * mebibyte)
    try writeThroughDescriptor(path, [UInt8](repeating: 0xAA, count: page), at: mebibyte)
    try writeThroughDescriptor(path, [UInt8](repeating: 0xBB, count: 10), at: 10 * mebibyte + 100)
    try writeThroughDescriptor(path, [0xCC], at: 64 * mebibyte - 1)
    return path
  }

  static let expectedData = [
    mebibyte..<(mebibyte + page), (10 * mebibyte)..<(10 * mebibyte + page), (64 * mebibyte - page)..<(64 * mebibyte),
  ]

  static func expectExactHoles(in directory: String) throws {
    let path = try makeSparseFile(in: directory)
    let map = try MemMap.open(path)
    #expect(dataRanges(of: map) == expectedData)
    #expect(map.nextData(from: 0) == mebibyte)
    #expect(map.nextData(from: mebibyte + 17) == mebibyte + 17, "inside data, the offset itself")
    #expect(map.nextHole(from: 0) == 0)
    #expect(map.nextHole(from: mebibyte) == mebibyte + page)
    #expect(map.nextData(from: mebibyte + page) == 10 * mebibyte)
    #expect(map.nextHole(from: 64 * mebibyte - 1) == 64 * mebibyte, "no hole before the end: the end")
    #expect(map.nextData(from: 64 * mebibyte) == nil)
    #expect(map.nextData(from: -5) == mebibyte)
    #expect(map.firstDataRange(in: 0..<(mebibyte + 10)) == mebibyte..<(mebibyte + 10), "clipped to the range")
    #expect(map.firstDataRange(in: (2 * mebibyte)..<(10 * mebibyte)) == nil)
    #expect(dataRanges(of: map, in: (mebibyte + 5)..<(10 * mebibyte + 7)) == [
      (mebibyte + 5)..<(mebibyte + page), (10 * mebibyte)..<(10 * mebibyte + 7),
    ])
    try map.close()

    // A window that starts inside the file answers in window offsets.
    let window = try MemMap.open(path, offset: mebibyte - 100, length: 10 * mebibyte)
    #expect(dataRanges(of: window) == [100..<(100 + page), (9 * mebibyte + 100)..<(9 * mebibyte + 100 + page)])
    try window.close()

    // Bytes written through a shared map count as data before they are flushed.
    var writable = try MemMap.open(path, mode: .readWrite)
    try writable.write([1], at: 30 * mebibyte + 5)
    #expect(writable.firstDataRange(in: (20 * mebibyte)..<(40 * mebibyte)) == (30 * mebibyte)..<(30 * mebibyte + page))
    try writable.close()
  }

  @Test(.enabled(if: TinyFileSystem.isAvailable, "needs root and permission to mount a small tmpfs"))
  func tmpfsReportsTheExactPagesWritten() throws {
    let disk = try TinyFileSystem(size: "16m")
    try Self.expectExactHoles(in: disk.path)
  }

  @Test(.enabled(if: ScratchFileSystem.isAvailable, "needs root and permission to mount file systems"))
  func ext4ReportsTheExactBlocksWritten() throws {
    let disk = try ScratchFileSystem(ext4Megabytes: 32)
    try Self.expectExactHoles(in: disk.path)
  }

  @Test func copyOnWriteAndAnonymousMapsAreAllData() throws {
    let directory = try TemporaryDirectory()
    let path = try Self.makeSparseFile(in: directory.path)
    // A private copy of a page in a hole reads as the written bytes, yet the file still has a hole.
    var copy = try MemMap.open(path, mode: .copyOnWrite)
    try copy.write([9], at: 20 * Self.mebibyte)
    #expect(copy.nextData(from: 0) == 0)
    #expect(copy.nextHole(from: 0) == copy.count)
    #expect(dataRanges(of: copy) == [0..<copy.count])
    try copy.close()

    let anonymous = try MemMap.anonymous(size: 1 << 16)
    #expect(dataRanges(of: anonymous) == [0..<(1 << 16)])
    try anonymous.close()
  }

  @Test func aFileTruncatedUnderTheMapIsDataWhereItIsMissing() throws {
    let directory = try TemporaryDirectory()
    let path = try Self.makeSparseFile(in: directory.path)
    let map = try MemMap.open(path)
    try truncateFile(path, to: 2 * Self.mebibyte)
    #expect(map.nextData(from: 3 * Self.mebibyte) == 3 * Self.mebibyte)
    #expect(map.firstDataRange(in: (2 * Self.mebibyte - 8)..<(3 * Self.mebibyte)).map(\.upperBound) == 3 * Self.mebibyte)
    try map.close()
  }

  @Test func holesAlwaysReadAsZerosAndDataCoversEveryNonzeroByte() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("islands.bin")
    let size = 2 * Self.mebibyte
    try Data().write(to: URL(fileURLWithPath: path))
    try truncateFile(path, to: size)
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<20 {
      let length = Int.random(in: 1...5000, using: &generator)
      let offset = Int.random(in: 0...(size - length), using: &generator)
      try writeThroughDescriptor(path, (0..<length).map { _ in UInt8.random(in: 1...255, using: &generator) }, at: offset)
    }
    let contents = try contentsOnDisk(path)
    // Copy-on-write maps report all of the file as data (see the test above): nothing to check here.
    for mode in [MemMap.Mode.readOnly, .readWrite] {
      let map = try MemMap.open(path, mode: mode)
      var cursor = 0
      for data in dataRanges(of: map) {
        #expect(contents[cursor..<data.lowerBound].allSatisfy { $0 == 0 }, "hole \(cursor)..<\(data.lowerBound)")
        #expect(try map.read(at: cursor, count: data.lowerBound - cursor).allSatisfy { $0 == 0 })
        cursor = data.upperBound
      }
      #expect(contents[cursor...].allSatisfy { $0 == 0 })
      try map.close()
    }
  }
}
