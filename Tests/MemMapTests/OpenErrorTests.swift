import Foundation
import MemMap
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("Open errors name the path and the fix")
struct OpenErrorTests {
  @Test(arguments: [MemMap.Mode.readOnly, .readWrite, .copyOnWrite])
  func missingFile(mode: MemMap.Mode) throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("absent.bin")
    let error = caughtError { () throws(MemMapError) in _ = try MemMap.open(path, mode: mode) }
    #expect(error == .fileNotFound(path: path))
    #expect(error?.description.contains(path) == true)
    #expect(error?.description.contains(".create(size:)") == true)
  }

  @Test func createInAMissingDirectoryNamesTheMissingDirectory() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("no/such/dir.bin")
    let error = caughtError { () throws(MemMapError) in _ = try MemMap.open(path, mode: .create(size: 1)) }
    #expect(error == .directoryNotFound(path: path))
    #expect(
      error?.description
        == "cannot create '\(path)': its directory does not exist; create the directory first, or choose another path")
  }

  @Test(arguments: [MemMap.Mode.readOnly, .readWrite, .copyOnWrite, .create(size: 10)])
  func directory(mode: MemMap.Mode) throws {
    let directory = try TemporaryDirectory()
    let error = caughtError { () throws(MemMapError) in _ = try MemMap.open(directory.path, mode: mode) }
    #expect(error == .isDirectory(path: directory.path))
    #expect(error?.description == "cannot map '\(directory.path)': it is a directory; pass the path of a regular file")
  }

  @Test(.timeLimit(.minutes(1)), arguments: [MemMap.Mode.readOnly, .readWrite, .copyOnWrite])
  func fifoWithoutWriterIsRefusedWithoutBlocking(mode: MemMap.Mode) throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("pipe")
    try #require(mkfifo(path, 0o600) == 0)
    let error = caughtError { () throws(MemMapError) in _ = try MemMap.open(path, mode: mode) }
    #expect(error == .notRegularFile(path: path, kind: "FIFO (named pipe)"))
    #expect(error?.description.contains(path) == true)
  }

  @Test func characterDeviceIsRefused() throws {
    let error = caughtError { () throws(MemMapError) in _ = try MemMap.open("/dev/null") }
    #expect(error == .notRegularFile(path: "/dev/null", kind: "character device"))
    #expect(error?.description == "cannot map '/dev/null': it is a character device, not a regular file; copy its content to a regular file first")
  }

  @Test func socketIsRefused() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("sock")
    let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    try #require(descriptor >= 0)
    defer { close(descriptor) }
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    withUnsafeMutableBytes(of: &address.sun_path) { buffer in
      for (index, byte) in path.utf8.enumerated() { buffer[index] = byte }
    }
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
    }
    try #require(bound == 0)
    // A socket cannot be opened at all (ENXIO); either way the error says it is not a regular file.
    let error = caughtError { () throws(MemMapError) in _ = try MemMap.open(path) }
    guard case .notRegularFile(let reported, _) = error else {
      Issue.record("expected notRegularFile, got \(String(describing: error))")
      return
    }
    #expect(reported == path)
  }

  @Test(.enabled(if: !isRoot, "root bypasses permission bits; see the immutable-file test"))
  func permissionDeniedForAnUnreadableFile() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("secret.bin", [1, 2, 3])
    try #require(chmod(path, 0o000) == 0)
    let error = caughtError { () throws(MemMapError) in _ = try MemMap.open(path, mode: .readOnly) }
    #expect(error == .permissionDenied(path: path, mode: .readOnly))
    #expect(error?.description == "cannot map '\(path)' with .readOnly: permission denied; make sure you may read the file")
  }

  @Test(.enabled(if: ImmutableFile.isSupported, "needs root and chattr +i support to deny access to root"))
  func permissionDeniedForWritingAnImmutableFile() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("locked.bin", [1, 2, 3])
    try #require(try runTool("/usr/bin/chattr", ["+i", path]))
    defer { _ = try? runTool("/usr/bin/chattr", ["-i", path]) }
    let error = caughtError { () throws(MemMapError) in _ = try MemMap.open(path, mode: .readWrite) }
    #expect(error == .permissionDenied(path: path, mode: .readWrite))
    #expect(error?.description == "cannot map '\(path)' with .readWrite: permission denied; make sure you may read and write the file")
    // Reading an immutable file is still allowed.
    let map = try MemMap.open(path, mode: .readOnly)
    #expect(try map.read(at: 0, count: 3) == [1, 2, 3])
    try map.close()
  }

  @Test(arguments: [MemMap.Mode.readOnly, .copyOnWrite])
  func windowBeyondTheEndOfTheFile(mode: MemMap.Mode) throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("small.bin", pattern(100))
    let error = caughtError { () throws(MemMapError) in _ = try MemMap.open(path, mode: mode, offset: 50, length: 51) }
    #expect(error == .windowBeyondEndOfFile(path: path, offset: 50, length: 51, fileSize: 100, mode: mode))
    #expect(
      error?.description
        == "cannot map '\(path)' with \(mode): bytes 50..<101 reach past the end of the 100-byte file; request a smaller window, "
        + "or open with .readWrite (r+) or .create(size:) to extend the file")
    expectError(.windowBeyondEndOfFile(path: path, offset: 101, length: 0, fileSize: 100, mode: mode)) { () throws(MemMapError) in
      _ = try MemMap.open(path, mode: mode, offset: 101)
    }
    #expect(try contentsOnDisk(path) == pattern(100))
  }

  @Test func explicitLengthOnAnEmptyReadOnlyFileIsBeyondTheEnd() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("empty.bin", [])
    expectError(.windowBeyondEndOfFile(path: path, offset: 0, length: 1, fileSize: 0, mode: .readOnly)) { () throws(MemMapError) in
      _ = try MemMap.open(path, length: 1)
    }
  }

  @Test func invalidSizesAreRejected() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("data.bin", pattern(10))
    expectError(.invalidSize(path: path, size: -1, reason: "the offset must not be negative")) { () throws(MemMapError) in
      _ = try MemMap.open(path, offset: -1)
    }
    expectError(.invalidSize(path: path, size: -5, reason: "the length must not be negative")) { () throws(MemMapError) in
      _ = try MemMap.open(path, length: -5)
    }
    let created = directory.file("created.bin")
    expectError(.invalidSize(path: created, size: -2, reason: "the size to create must not be negative")) { () throws(MemMapError) in
      _ = try MemMap.open(created, mode: .create(size: -2))
    }
    #expect(!FileManager.default.fileExists(atPath: created))
    expectError(.outOfBounds(path: path, offset: 1, count: Int.max, mapCount: 0)) { () throws(MemMapError) in
      _ = try MemMap.open(path, offset: 1, length: Int.max)
    }
    expectError(.invalidSize(path: nil, size: -1, reason: "the size must not be negative")) { () throws(MemMapError) in
      _ = try MemMap.anonymous(size: -1)
    }
    #expect(
      MemMapError.invalidSize(path: path, size: -1, reason: "the offset must not be negative").description
        == "invalid size -1 for '\(path)': the offset must not be negative")
  }

  @Test func anonymousMapLargerThanTheAddressSpaceIsAddressSpaceExhausted() {
    let error = caughtError { () throws(MemMapError) in _ = try MemMap.anonymous(size: Int.max / 2) }
    #expect(error == .addressSpaceExhausted(path: nil, requested: Int.max / 2))
    #expect(
      error?.description
        == "cannot map \(Int.max / 2) bytes for an anonymous map: out of address space or memory; choose a smaller size")
  }

  @Test func createOnAFullDiskIsNoSpaceAtOpen() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("huge.bin")
    // More than any test machine's disk, but within the file system's maximum file size.
    let size = 1 << 50
    let error = caughtError { () throws(MemMapError) in _ = try MemMap.open(path, mode: .create(size: size)) }
    switch error {
    case .noSpace(let reported)?:
      #expect(reported == path)
      #expect(error?.description == "no space left on the device holding '\(path)'; free some disk space or choose a smaller size")
    case .invalidSize(let reported, _, _)?:
      // File systems whose maximum file size is below 1 PiB say EFBIG instead.
      #expect(reported == path)
    default:
      Issue.record("expected noSpace or invalidSize, got \(String(describing: error))")
    }
  }
}

/// Files marked immutable (`chattr +i`) refuse writes even to root, which ignores permission bits.
enum ImmutableFile {
  static let isSupported: Bool = {
    guard isRoot, let directory = try? TemporaryDirectory(), let path = try? directory.write("probe", [0]) else {
      return false
    }
    guard (try? runTool("/usr/bin/chattr", ["+i", path])) == true else { return false }
    _ = try? runTool("/usr/bin/chattr", ["-i", path])
    return true
  }()
}

/// Runs an external tool and reports whether it succeeded.
func runTool(_ executable: String, _ arguments: [String]) throws -> Bool {
  guard FileManager.default.isExecutableFile(atPath: executable) else { return false }
  let process = Process()
  process.executableURL = URL(fileURLWithPath: executable)
  process.arguments = arguments
  process.standardError = FileHandle.nullDevice
  process.standardOutput = FileHandle.nullDevice
  try process.run()
  process.waitUntilExit()
  return process.terminationStatus == 0
}

@Suite("Files: existence and removal")
struct FileRemovalTests {
  @Test("itemExists sees files, directories and dangling links; removeFile removes, and missing is fine")
  func existsAndRemove() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("data.bin", [1, 2, 3])
    let dangling = directory.file("dangling")
    #expect(symlink(directory.file("nowhere"), dangling) == 0)
    #expect(MemMap.itemExists(atPath: path))
    #expect(MemMap.itemExists(atPath: directory.path))
    #expect(MemMap.itemExists(atPath: dangling), "a link pointing nowhere still exists")
    #expect(!MemMap.itemExists(atPath: directory.file("missing")))

    let map = try MemMap.open(path)
    try MemMap.removeFile(atPath: path)
    #expect(!MemMap.itemExists(atPath: path))
    #expect(try map.read(at: 0, count: 3) == [1, 2, 3], "a map outlives the removal of its file")
    try map.close()
    try MemMap.removeFile(atPath: dangling)
    #expect(!MemMap.itemExists(atPath: dangling))
    try MemMap.removeFile(atPath: path)  // already gone: not an error
    expectError(.isDirectory(path: directory.path)) { () throws(MemMapError) in
      try MemMap.removeFile(atPath: directory.path)
    }
  }

  @Test("synchronizeDirectory syncs the directory of a file, and names a missing one")
  func synchronizeDirectory() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("data.bin", [1])
    try MemMap.synchronizeDirectory(ofFile: path)
    try MemMap.synchronizeDirectory(ofFile: directory.file("not-yet-created.bin"))
    let missing = directory.file("no-such-dir")
    expectError(.fileNotFound(path: missing)) { () throws(MemMapError) in
      try MemMap.synchronizeDirectory(ofFile: missing + "/x.bin")
    }
  }
}
