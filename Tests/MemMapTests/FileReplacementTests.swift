import Foundation
import MemMap
import Testing

/// The permission bits of the file at `path`.
func permissionBits(_ path: String) throws -> Int {
  try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
}

/// The process's file-creation mask, read without changing it.
func currentUmask() throws -> Int {
  let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
  let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("Umask:") })
  return try #require(Int(line.dropFirst("Umask:".count).trimmingCharacters(in: .whitespaces), radix: 8))
}

/// Names in `directory` other than those listed.
func otherEntries(in directory: String, besides names: Set<String>) throws -> [String] {
  try FileManager.default.contentsOfDirectory(atPath: directory).filter { !names.contains($0) }
}

@Suite("Replacing a file atomically")
struct FileReplacementTests {
  @Test func aNewFileGetsTheGivenPermissionsLessTheMask() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("new.bin")
    let replacement = try FileReplacement(
      replacing: path, size: 4, newFilePermissions: FilePermissions(rawValue: 0o750))
    try replacement.write([1, 2, 3, 4], at: 0)
    #expect(!FileManager.default.fileExists(atPath: path), "nothing at the destination before commit")
    let status = try replacement.commit()
    #expect(try contentsOnDisk(path) == [1, 2, 3, 4])
    #expect(try permissionBits(path) == 0o750 & ~(try currentUmask()))
    #expect(status == (try MemMap.status(ofFile: path)))
    #expect(try otherEntries(in: directory.path, besides: ["new.bin"]) == [])
  }

  @Test func aReplacedFileKeepsItsPermissionsAndGetsTheNewBytes() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("old.bin", [9, 9, 9, 9, 9, 9])
    try #require(chmod(path, 0o640) == 0)
    let replacement = try FileReplacement(replacing: path, size: 3, newFilePermissions: FilePermissions(rawValue: 0o777))
    try replacement.write([7, 8], at: 1)
    #expect(try contentsOnDisk(path) == [9, 9, 9, 9, 9, 9])
    _ = try replacement.commit()
    #expect(try contentsOnDisk(path) == [0, 7, 8])
    #expect(try permissionBits(path) == 0o640)
    #expect(try otherEntries(in: directory.path, besides: ["old.bin"]) == [])
  }

  @Test func aSymbolicLinkStaysAndItsTargetIsReplaced() throws {
    let directory = try TemporaryDirectory()
    let target = try directory.write("target.bin", [1, 1])
    let link = directory.file("link.bin")
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "target.bin")
    let replacement = try FileReplacement(replacing: link, size: 2)
    #expect(replacement.destination == (try MemMap.resolvedPath(of: target)))
    try replacement.write([5, 6], at: 0)
    _ = try replacement.commit()
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "target.bin")
    #expect(try contentsOnDisk(target) == [5, 6])
  }

  @Test func aReplacementNeverCommittedLeavesNothingBehind() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("kept.bin", [4, 4, 4])
    do {
      let replacement = try FileReplacement(replacing: path, size: 1 << 20)
      try replacement.write([1], at: 0)
      #expect(try otherEntries(in: directory.path, besides: ["kept.bin"]).count == 1, "the temporary file")
    }
    #expect(try contentsOnDisk(path) == [4, 4, 4])
    #expect(try otherEntries(in: directory.path, besides: ["kept.bin"]) == [])
  }

  @Test func itsWriterCopiesFromAMapAndBytesPastItsSizeAreRefused() throws {
    let directory = try TemporaryDirectory()
    let bytes = (0..<(256 << 10)).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 9) }
    let source = try directory.write("source.bin", bytes)
    let map = try MemMap.open(source)
    let path = directory.file("copy.bin")
    let replacement = try FileReplacement(replacing: path, size: bytes.count + 2)
    expectError(
      .outOfBounds(path: replacement.temporaryPath, offset: bytes.count + 1, count: 2, mapCount: bytes.count + 2)
    ) { () throws(MemMapError) in try replacement.write([1, 2], at: bytes.count + 1) }
    expectError(.outOfBounds(path: replacement.temporaryPath, offset: -1, count: 1, mapCount: bytes.count + 2)) {
      () throws(MemMapError) in try replacement.write([1], at: -1)
    }
    try replacement.write([0xAA, 0xBB], at: 0)
    try replacement.withWriter { writer throws(MemMapError) in try writer.write(from: map, 0..<bytes.count, at: 2) }
    _ = try replacement.commit()
    #expect(try contentsOnDisk(path) == [0xAA, 0xBB] + bytes)
    #expect(try otherEntries(in: directory.path, besides: ["source.bin", "copy.bin"]) == [])
  }

  @Test func aNegativeSizeIsRefusedBeforeAnythingIsCreated() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("new.bin")
    expectError(.invalidSize(path: path, size: -1, reason: "the size must not be negative")) {
      () throws(MemMapError) in _ = try FileReplacement(replacing: path, size: -1)
    }
    #expect(try otherEntries(in: directory.path, besides: []) == [])
  }

  @Test func directoriesAndOtherSpecialFilesAreRefused() throws {
    let directory = try TemporaryDirectory()
    try FileManager.default.createDirectory(atPath: directory.file("dir"), withIntermediateDirectories: false)
    try #require(mkfifo(directory.file("fifo"), 0o644) == 0)
    try FileManager.default.createSymbolicLink(atPath: directory.file("dangling"), withDestinationPath: "nowhere")
    expectError(.isDirectory(path: directory.file("dir"))) { () throws(MemMapError) in
      _ = try FileReplacement(replacing: directory.file("dir"), size: 1)
    }
    expectError(.notRegularFile(path: directory.file("fifo"), kind: "FIFO (named pipe)")) { () throws(MemMapError) in
      _ = try FileReplacement.existingFile(at: directory.file("fifo"))
    }
    expectError(.notRegularFile(path: directory.file("dangling"), kind: "symbolic link to a missing file")) {
      () throws(MemMapError) in _ = try FileReplacement.existingFile(at: directory.file("dangling"))
    }
    #expect(try FileReplacement.existingFile(at: directory.file("absent")) == false)
    #expect(try otherEntries(in: directory.path, besides: ["dir", "fifo", "dangling"]) == [])
  }

  @Test(.enabled(if: TinyFileSystem.isAvailable, "needs root and permission to mount a small tmpfs"))
  func aFullDiskFailsBeforeTouchingTheDestination() throws {
    let disk = try TinyFileSystem()
    let path = "\(disk.path)/dest.bin"
    let original = pattern(20 << 10)
    try Data(original).write(to: URL(fileURLWithPath: path))
    let error = caughtError { () throws(MemMapError) in _ = try FileReplacement(replacing: path, size: 60 << 10) }
    guard case .noSpace = error else {
      Issue.record("expected no space, got \(String(describing: error))")
      return
    }
    #expect(try contentsOnDisk(path) == original)
    #expect(try otherEntries(in: disk.path, besides: ["dest.bin"]) == [])
  }
}
