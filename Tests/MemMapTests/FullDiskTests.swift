import Foundation
import MemMap
import Testing

/// A small tmpfs (64 KiB unless told otherwise) mounted for one test (needs root and mount
/// permission; otherwise the tests that use it are skipped).
final class TinyFileSystem {
  let directory: TemporaryDirectory
  var path: String { directory.path }

  /// Mounts a tmpfs of `size` (as `mount -o size=` reads it: `64k`, `16m`).
  init(size: String = "64k") throws {
    directory = try TemporaryDirectory()
    try #require(try runTool("/usr/bin/mount", ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", directory.path]))
  }

  deinit {
    _ = try? runTool("/usr/bin/umount", [directory.path])
  }

  /// Whether a tmpfs can be mounted here (root in a system that allows it).
  static let isAvailable: Bool = {
    guard isRoot, let probe = try? TemporaryDirectory() else { return false }
    guard (try? runTool("/usr/bin/mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", probe.path])) == true else {
      return false
    }
    _ = try? runTool("/usr/bin/umount", [probe.path])
    return true
  }()
}

@Suite("A full disk is an error, not a crash", .serialized)
struct FullDiskTests {
  @Test(.enabled(if: TinyFileSystem.isAvailable, "needs root and permission to mount a small tmpfs"))
  func createLargerThanTheDiskIsNoSpaceAtOpen() throws {
    let disk = try TinyFileSystem()
    let path = "\(disk.path)/big.bin"
    let error = caughtError { () throws(MemMapError) in _ = try MemMap.open(path, mode: .create(size: 1 << 20)) }
    #expect(error == .noSpace(path: path))
  }

  @Test(.enabled(if: TinyFileSystem.isAvailable, "needs root and permission to mount a small tmpfs"))
  func writingIntoHolesOfASparseFileOnAFullDiskIsNoSpace() throws {
    let disk = try TinyFileSystem()
    let path = "\(disk.path)/sparse.bin"
    try Data().write(to: URL(fileURLWithPath: path))
    try truncateFile(path, to: 1 << 20)  // 1 MiB of holes on a 64 KiB file system
    var map = try MemMap.open(path, mode: .readWrite)
    var failure: MemMapError?
    var offset = 0
    while offset < map.count {
      do {
        try map.write([UInt8](repeating: 0xAB, count: 4096), at: offset)
      } catch {
        failure = error
        break
      }
      offset += 4096
    }
    #expect(failure == .noSpace(path: path))
    #expect(offset < 1 << 20)
    // Small (integer-sized) writes take the other guarded path; they must fail the same way.
    expectError(.noSpace(path: path)) { () throws(MemMapError) in try map.store(UInt64(1), at: (1 << 20) - 8) }
    // What was written before the disk filled up is intact.
    #expect(try map.read(at: 0, count: 4) == [0xAB, 0xAB, 0xAB, 0xAB])
    try? map.close()
  }

  @Test(.enabled(if: TinyFileSystem.isAvailable, "needs root and permission to mount a small tmpfs"))
  func reservingHolesOnAFullDiskIsNoSpaceBeforeAnyWrite() throws {
    let disk = try TinyFileSystem()
    let path = "\(disk.path)/sparse.bin"
    try Data().write(to: URL(fileURLWithPath: path))
    try truncateFile(path, to: 1 << 20)
    let map = try MemMap.open(path, mode: .readWrite)
    try map.reserve(0..<4096)
    expectError(.noSpace(path: path)) { () throws(MemMapError) in try map.reserve(0..<(1 << 20)) }
    #expect(try map.status().size == 1 << 20, "reserving never changes the size")
    #expect(try map.read(at: 0, count: 4096) == [UInt8](repeating: 0, count: 4096), "nor the bytes")
    try? map.close()
  }
}

@Suite("Reserving disk space")
struct ReserveTests {
  @Test("reserve keeps size and bytes, checks bounds, and is a no-op for maps that never write the file")
  func reserveKeepsEverything() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("data.bin", [1, 2, 3, 4])
    let map = try MemMap.open(path, mode: .readWrite)
    try map.reserve(0..<4)
    try map.reserve(1..<2)
    try map.reserve(4..<4)
    expectError(.outOfBounds(path: path, offset: 2, count: 8, mapCount: 4)) { () throws(MemMapError) in
      try map.reserve(2..<10)
    }
    #expect(try map.read(at: 0, count: 4) == [1, 2, 3, 4])
    #expect(try map.status().size == 4)
    try map.close()
    let readOnly = try MemMap.open(path, mode: .readOnly)
    try readOnly.reserve(0..<4)
    let anonymous = try MemMap.anonymous(size: 16)
    try anonymous.reserve(0..<16)
  }
}
