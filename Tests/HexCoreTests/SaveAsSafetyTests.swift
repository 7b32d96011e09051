import Foundation
import MemMap
import Testing

@testable import HexCore

/// The permission bits of the file at `path`.
private func permissionBits(_ path: String) throws -> Int {
  try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
}

/// The process's file-creation mask, read without changing it.
private func currentUmask() throws -> Int {
  let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
  let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("Umask:") })
  return try #require(Int(line.dropFirst("Umask:".count).trimmingCharacters(in: .whitespaces), radix: 8))
}

/// Every name in `directory`, sorted.
private func entries(_ directory: String) throws -> [String] {
  try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
}

/// Save-as never harms the destination: it writes a temporary file beside it and renames it over
/// the destination only once complete, keeps permissions as `cp` does, refuses what is not a
/// regular file before asking, and fails (leaving nothing) when the source shrinks underneath.
@Suite("Save as: the destination is safe until the copy is complete", .serialized)
struct SaveAsSafetyTests {
  @Test(arguments: [0o600, 0o750, 0o755, 0o644])
  func aNewCopyGetsTheSourcesPermissionsLessTheMask(mode: Int) throws {
    let directory = try SaveTestDirectory()
    let source = try directory.write("priv.bin", patternBytes(count: 5000))
    try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: source)
    let map = try MemMap.open(source)
    let copy = directory.file("priv-copy.bin")
    _ = try Saver().saveAs(contentsOf: map, applying: PendingEdits(), to: copy)
    try map.close()
    #expect(try permissionBits(copy) == mode & ~(try currentUmask()))
    #expect(try contents(of: copy) == patternBytes(count: 5000))
  }

  @Test func theScratchBuffersNewFileGetsTheDefaultPermissionsLessTheMask() throws {
    let directory = try SaveTestDirectory()
    var scratch = try MemMap.anonymous(size: 16)
    try scratch.write([1, 2, 3], at: 0)
    let path = directory.file("scratch.bin")
    _ = try Saver().saveAs(contentsOf: scratch, applying: PendingEdits(), to: path)
    #expect(try permissionBits(path) == 0o666 & ~(try currentUmask()))
    #expect(try contents(of: path) == [1, 2, 3] + [UInt8](repeating: 0, count: 13))
  }

  @Test func aReplacedFileKeepsItsOwnPermissionsAndALinkStaysALink() throws {
    let directory = try SaveTestDirectory()
    let source = try directory.write("source.bin", [1, 2, 3, 4])
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: source)
    let target = try directory.write("target.bin", [9, 9])
    try FileManager.default.setAttributes([.posixPermissions: 0o664], ofItemAtPath: target)
    let link = directory.file("link.bin")
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "target.bin")
    let map = try MemMap.open(source)
    var pending = PendingEdits()
    pending.setByte(at: 3, value: 0x44, original: 4)

    #expect(try Saver().saveAs(contentsOf: map, applying: pending, to: link) == .destinationExists(path: link))
    _ = try Saver().saveAs(contentsOf: map, applying: pending, to: link, replacingExisting: true)
    try map.close()

    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "target.bin")
    #expect(try contents(of: target) == [1, 2, 3, 0x44])
    #expect(try permissionBits(target) == 0o664)
    #expect(try entries(directory.path) == ["link.bin", "source.bin", "target.bin"])
  }

  @Test func aDirectoryOrAFIFOIsRefusedBeforeAsking() throws {
    let directory = try SaveTestDirectory()
    let folder = directory.file("dirt")
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
    let fifo = directory.file("pipe")
    try #require(mkfifo(fifo, 0o644) == 0)
    let scratch = try MemMap.anonymous(size: 4)

    #expect(throws: SaveError.cannotWriteDestination(path: folder, reason: .isDirectory(path: folder))) {
      try Saver().saveAs(contentsOf: scratch, applying: PendingEdits(), to: folder)
    }
    #expect(
      SaveError.cannotWriteDestination(path: folder, reason: .isDirectory(path: folder)).reasonAfterPath
        == "it is a directory; nothing was saved and no file changed, choose another path")
    #expect(throws: SaveError.cannotWriteDestination(path: fifo, reason: .notRegularFile(path: fifo, kind: "FIFO (named pipe)"))) {
      try Saver().saveAs(contentsOf: scratch, applying: PendingEdits(), to: fifo)
    }
    #expect(try entries(directory.path) == ["dirt", "pipe"])
    #expect(try entries(folder) == [])
  }

  @Test func aSourceThatShrankFailsTheCopyAndLeavesNothing() throws {
    let directory = try SaveTestDirectory()
    let source = try directory.write("shrinking.bin", patternBytes(count: 1024))
    let map = try MemMap.open(source)
    try resizeFile(source, to: 100)
    let copy = directory.file("copy.bin")

    #expect(throws: SaveError.sourceShrank(path: source, expected: 1024, found: 100)) {
      try Saver().saveAs(contentsOf: map, applying: PendingEdits(), to: copy)
    }
    try map.close()
    #expect(try entries(directory.path) == ["shrinking.bin"])
    #expect(
      SaveError.sourceShrank(path: "s.bin", expected: 1024, found: 100).description
        == "cannot save a copy of 's.bin': another process truncated it from 1024 to 100 bytes while it was copied; "
        + "nothing was saved and no file was changed")
  }

  @Test(.enabled(if: SaveTestMounts.isAvailable, "needs permission to mount small file systems"))
  func saveAsOverAFileOnAFullDiskLeavesItWhole() throws {
    // As in the report: a 64 MB ext4, a 10 MB dest.bin, about 10 MB free, a 40 MB save-as.
    let directory = try SaveTestDirectory()
    let mounts = SaveTestMounts()
    let disk = directory.file("disk")
    try mounts.mountExt4(megabytes: 64, at: disk)
    let destination = disk + "/dest.bin"
    let original = patternBytes(count: 10 << 20, seed: 9)
    try Data(original).write(to: URL(fileURLWithPath: destination))
    try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: destination)
    let filler = disk + "/filler.bin"
    try Data(count: 40 << 20).write(to: URL(fileURLWithPath: filler))
    let identity = try MemMap.status(ofFile: destination)
    let source = try MemMap.anonymous(size: 40 << 20)

    #expect {
      try Saver().saveAs(contentsOf: source, applying: PendingEdits(), to: destination, replacingExisting: true)
    } throws: { error in
      guard case .cannotWriteDestination(destination, .noSpace) = error as? SaveError else { return false }
      return (error as? SaveError)?.reasonAfterPath
        == "not enough space on the device; nothing was saved and no file changed, choose another path"
    }
    #expect(try contents(of: destination) == original)
    #expect(try permissionBits(destination) == 0o640)
    #expect(try MemMap.status(ofFile: destination) == identity)
    #expect(try entries(disk) == ["dest.bin", "filler.bin", "lost+found"])
  }
}
