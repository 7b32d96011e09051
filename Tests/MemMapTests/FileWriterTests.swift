import Foundation
import MemMap
import Testing

@Suite("Writing a file at positions")
struct FileWriterTests {
  @Test func writesBytesAtTheirOffsetsAndLeavesTheRest() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("data.bin", pattern(10_000))
    let writer = try FileWriter.open(path)
    try writer.write([0xDE, 0xAD], at: 0)
    try writer.write([UInt8](repeating: 0xEE, count: 3)[1...], at: 9_998)
    try writer.synchronize()
    try writer.close()
    var expected = pattern(10_000)
    expected[0] = 0xDE
    expected[1] = 0xAD
    expected[9_998] = 0xEE
    expected[9_999] = 0xEE
    #expect(try contentsOnDisk(path) == expected)
  }

  @Test func startingTheWriteBackEarlyChangesNoByte() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("data.bin", [])
    let writer = try FileWriter.open(path)
    try writer.write(pattern(3 << 20), at: 0)
    try writer.startSynchronizing(0..<(1 << 20))
    try writer.startSynchronizing((1 << 20)..<(8 << 20))
    try writer.startSynchronizing(5..<5)
    try writer.synchronize()
    try writer.close()
    #expect(try contentsOnDisk(path) == pattern(3 << 20))
  }

  @Test func writingPastTheEndGrowsTheFileWithZerosBetween() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("short.bin", [1, 2, 3])
    let writer = try FileWriter.open(path)
    try writer.write([9, 9], at: 6)
    #expect(try writer.size() == 8)
    try writer.close()
    #expect(try contentsOnDisk(path) == [1, 2, 3, 0, 0, 0, 9, 9])
  }

  @Test func writesStraightFromAMapping() throws {
    let directory = try TemporaryDirectory()
    let source = try directory.write("source.bin", pattern(3 << 20, seed: 3))
    let path = try directory.write("target.bin", [UInt8](repeating: 0, count: 16))
    let map = try MemMap.open(source, mode: .readOnly)
    let writer = try FileWriter.open(path)
    try writer.write(from: map, 100..<(2 << 20), at: 4)
    let error = caughtError { () throws(MemMapError) in try writer.write(from: map, 0..<((3 << 20) + 1), at: 0) }
    #expect(error == .outOfBounds(path: source, offset: 0, count: (3 << 20) + 1, mapCount: 3 << 20))
    try writer.close()
    try map.close()
    #expect(try contentsOnDisk(path) == [0, 0, 0, 0] + Array(pattern(3 << 20, seed: 3)[100..<(2 << 20)]))
  }

  @Test func aPrivateMapIsWrittenAsItShowsItsBytes() throws {
    let directory = try TemporaryDirectory()
    let source = try directory.write("source.bin", pattern(100_000))
    let path = try directory.write("target.bin", [])
    var map = try MemMap.open(source, mode: .copyOnWrite)
    try map.write([0xAB, 0xCD], at: 50_000)
    let writer = try FileWriter.open(path)
    try writer.write(from: map, 40_000..<60_000, at: 0)
    try writer.close()
    try map.close()
    var expected = Array(pattern(100_000)[40_000..<60_000])
    expected[10_000] = 0xAB
    expected[10_001] = 0xCD
    #expect(try contentsOnDisk(path) == expected)
    #expect(try contentsOnDisk(source) == pattern(100_000))
  }

  @Test(arguments: [MemMap.Mode.readOnly, .copyOnWrite])
  func writingFromAMappingOfAFileCutShortIsFileTruncated(mode: MemMap.Mode) throws {
    let directory = try TemporaryDirectory()
    let source = try directory.write("source.bin", pattern(1 << 20))
    let path = try directory.write("target.bin", [])
    let map = try MemMap.open(source, mode: mode)
    try truncateFile(source, to: 8192)
    let writer = try FileWriter.open(path)
    let error = caughtError { () throws(MemMapError) in try writer.write(from: map, 4096..<(1 << 20), at: 0) }
    #expect(error == .fileTruncated(path: source, offset: 8192, fileSize: 8192))
    try writer.close()
    // The bytes that could still be read are written; nothing past them.
    #expect(try contentsOnDisk(path) == Array(pattern(1 << 20)[4096..<8192]))
    try map.close()
  }

  @Test func resizeCutsAndGrows() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("data.bin", pattern(100))
    let writer = try FileWriter.open(path)
    try writer.resize(to: 10)
    #expect(try contentsOnDisk(path) == Array(pattern(100)[0..<10]))
    try writer.resize(to: 12)
    #expect(try contentsOnDisk(path) == Array(pattern(100)[0..<10]) + [0, 0])
    let error = caughtError { () throws(MemMapError) in try writer.resize(to: -1) }
    #expect(error == .invalidSize(path: path, size: -1, reason: "the size must not be negative"))
    try writer.close()
  }

  @Test func reserveGrowsTheFileAndKeepsItsBytes() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("data.bin", pattern(100))
    let writer = try FileWriter.open(path)
    try writer.reserve(50..<5000)
    #expect(try writer.size() == 5000)
    try writer.reserve(0..<10)
    #expect(try writer.size() == 5000)
    try writer.close()
    #expect(try contentsOnDisk(path) == pattern(100) + [UInt8](repeating: 0, count: 4900))
  }

  @Test func createMakesAnEmptyFileAndRefusesAnExistingOne() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("new.bin")
    let writer = try FileWriter.create(path, permissions: FilePermissions(rawValue: 0o600))
    try writer.write([7], at: 2)
    try writer.close()
    #expect(try contentsOnDisk(path) == [0, 0, 7])
    #expect(try MemMap.permissions(ofFile: path) == FilePermissions(rawValue: 0o600))
    let error = caughtError { () throws(MemMapError) in _ = try FileWriter.create(path) }
    #expect(
      error?.description
        == "create failed for '\(path)': something already exists there; remove it or choose another path")
    #expect(try contentsOnDisk(path) == [0, 0, 7])
  }

  @Test func openingWhatIsNotAWritableRegularFileSaysWhy() throws {
    let directory = try TemporaryDirectory()
    let missing = directory.file("missing.bin")
    #expect(caughtError { () throws(MemMapError) in _ = try FileWriter.open(missing) } == .fileNotFound(path: missing))
    #expect(
      caughtError { () throws(MemMapError) in _ = try FileWriter.open(directory.path) } == .isDirectory(path: directory.path))
    #expect(
      caughtError { () throws(MemMapError) in _ = try FileWriter.create(directory.file("none/new.bin")) }
        == .directoryNotFound(path: directory.file("none/new.bin")))
  }

  @Test(.enabled(if: ImmutableFile.isSupported, "needs root and chattr +i support to deny access to root"))
  func aReadOnlyFileIsPermissionDenied() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("locked.bin", [1, 2, 3])
    try #require(try runTool("/usr/bin/chattr", ["+i", path]))
    defer { _ = try? runTool("/usr/bin/chattr", ["-i", path]) }
    let error = caughtError { () throws(MemMapError) in _ = try FileWriter.open(path) }
    #expect(error == .permissionDenied(path: path, mode: .readWrite))
    #expect(try contentsOnDisk(path) == [1, 2, 3])
  }

  @Test(.enabled(if: TinyFileSystem.isAvailable, "needs root and permission to mount a small tmpfs"))
  func reservingMoreThanTheDiskHoldsIsNoSpaceBeforeAnythingIsWritten() throws {
    let disk = try TinyFileSystem()
    let path = "\(disk.path)/big.bin"
    try Data([1, 2, 3]).write(to: URL(fileURLWithPath: path))
    let writer = try FileWriter.open(path)
    let error = caughtError { () throws(MemMapError) in try writer.reserve(0..<(1 << 20)) }
    #expect(error == .noSpace(path: path))
    #expect(
      error?.description == "no space left on the device holding '\(path)'; free some disk space or choose a smaller size")
    try writer.close()
    #expect(try contentsOnDisk(path) == [1, 2, 3])
  }

  @Test(.enabled(if: TinyFileSystem.isAvailable, "needs root and permission to mount a small tmpfs"))
  func writingMoreThanTheDiskHoldsIsNoSpace() throws {
    let disk = try TinyFileSystem()
    let path = "\(disk.path)/big.bin"
    let writer = try FileWriter.create(path)
    let error = caughtError { () throws(MemMapError) in try writer.write(pattern(1 << 20), at: 0) }
    #expect(error == .noSpace(path: path))
    try writer.close()
  }
}
