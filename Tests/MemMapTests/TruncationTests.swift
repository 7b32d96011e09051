import MemMap
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("Files changed by someone else while mapped")
struct TruncationTests {
  @Test func readAfterTruncationByAnotherDescriptorThrowsFileTruncated() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("data.bin", pattern(3 * 4096))
    let map = try MemMap.open(path)
    try truncateFile(path, to: 4096)
    let error = caughtError { () throws(MemMapError) in _ = try map.read(at: 8192, count: 10) }
    #expect(error == .fileTruncated(path: path, offset: 8192, fileSize: 4096))
    #expect(
      error?.description
        == "accessing '\(path)' at map offset 8192 failed: file was truncated to 4096 bytes by another process; "
        + "close the map and open the file again")
    // A copy that starts in a surviving page and runs into a vanished one reports the first missing byte.
    expectError(.fileTruncated(path: path, offset: 4096, fileSize: 4096)) { () throws(MemMapError) in
      _ = try map.read(at: 4000, count: 200)
    }
    var buffer = [UInt8](repeating: 0, count: 16)
    expectError(.fileTruncated(path: path, offset: 5000, fileSize: 4096)) { () throws(MemMapError) in
      try map.read(at: 5000, into: &buffer)
    }
    // Copies of 1, 2, 4 and 8 bytes take the single-instruction path; they fail the same way.
    for count in [1, 2, 4, 8] {
      expectError(.fileTruncated(path: path, offset: 9000, fileSize: 4096)) { () throws(MemMapError) in
        _ = try map.read(at: 9000, count: count)
      }
    }
    // Bytes that still exist read fine.
    #expect(try map.read(at: 0, count: 4096) == Array(pattern(3 * 4096)[..<4096]))
    try map.close()
  }

  @Test func loadAfterTruncationThrowsFileTruncated() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("data.bin", pattern(2 * 4096))
    let map = try MemMap.open(path, mode: .readOnly, offset: 100)
    try truncateFile(path, to: 0)
    expectError(.fileTruncated(path: path, offset: 4000, fileSize: 0)) { () throws(MemMapError) in
      _ = try map.load(as: UInt64.self, at: 4000)
    }
    expectError(.fileTruncated(path: path, offset: 0, fileSize: 0)) { () throws(MemMapError) in
      _ = try map.load(as: UInt8.self, at: 0)
    }
    try map.close()
  }

  @Test(arguments: [MemMap.Mode.readWrite, .copyOnWrite])
  func writeAfterTruncationThrowsFileTruncated(mode: MemMap.Mode) throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("data.bin", pattern(4 * 4096))
    var map = try MemMap.open(path, mode: mode)
    try truncateFile(path, to: 4096 + 1)
    expectError(.fileTruncated(path: path, offset: 3 * 4096, fileSize: 4097)) { () throws(MemMapError) in
      try map.write([1, 2, 3], at: 3 * 4096)
    }
    expectError(.fileTruncated(path: path, offset: 2 * 4096, fileSize: 4097)) { () throws(MemMapError) in
      try map.store(UInt32(7), at: 2 * 4096)
    }
    expectError(.fileTruncated(path: path, offset: 2 * 4096 + 8, fileSize: 4097)) { () throws(MemMapError) in
      try map.write([1, 2, 3, 4, 5, 6, 7, 8], at: 2 * 4096 + 8)
    }
    // The page holding the new end of file still exists (its tail reads as zero).
    try map.write([9], at: 4096)
    #expect(try map.read(at: 4096, count: 2) == [9, 0])
    // close() must not crash either, even though the mapping now reaches past the end of the file.
    try map.close()
  }

  @Test func unlinkWhileMappedKeepsTheBytesAvailable() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("data.bin", pattern(10_000))
    var map = try MemMap.open(path, mode: .readWrite)
    try #require(unlink(path) == 0)
    #expect(try map.read(at: 0, count: 10_000) == pattern(10_000))
    try map.write([1, 2, 3], at: 5000)
    try map.flush()
    #expect(try map.read(at: 4999, count: 5) == [pattern(10_000)[4999], 1, 2, 3, pattern(10_000)[5003]])
    #expect(try map.status().size == 10_000)
    try map.close()
    #expect(caughtError { () throws(MemMapError) in _ = try MemMap.status(ofFile: path) } == .fileNotFound(path: path))
  }

  @Test func otherDescriptorsWritesAreVisibleThroughTheMap() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("data.bin", [UInt8](repeating: 0, count: 100))
    let map = try MemMap.open(path)
    try writeThroughDescriptor(path, [0xDE, 0xAD], at: 50)
    #expect(try map.read(at: 49, count: 4) == [0, 0xDE, 0xAD, 0])
    try map.close()
  }
}

@Suite("File status")
struct FileStatusTests {
  @Test func statusOfPathAndOfMapAgree() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("data.bin", pattern(1234))
    let map = try MemMap.open(path, offset: 10, length: 5)
    let byPath = try MemMap.status(ofFile: path)
    let byMap = try map.status()
    #expect(byPath == byMap)
    #expect(byPath.size == 1234)
    try map.close()
  }

  @Test func statusChangesWhenAnotherDescriptorWritesOrTruncates() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("data.bin", pattern(1000))
    try setModificationTime(path, seconds: 1_000_000_000, nanoseconds: 123)
    let map = try MemMap.open(path)
    let before = try map.status()
    #expect(before.modificationTime == FileTimestamp(seconds: 1_000_000_000, nanoseconds: 123))
    try writeThroughDescriptor(path, [1], at: 0)
    let afterWrite = try map.status()
    #expect(afterWrite.size == 1000)
    #expect(afterWrite.modificationTime > before.modificationTime)
    #expect(afterWrite != before)
    #expect(afterWrite.identity == before.identity)
    try truncateFile(path, to: 10)
    let afterTruncate = try MemMap.status(ofFile: path)
    #expect(afterTruncate.size == 10)
    #expect(try map.status() == afterTruncate)
    try map.close()
  }

  @Test func replacingThePathChangesTheIdentity() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("data.bin", pattern(10))
    let replacement = try directory.write("new.bin", pattern(10))
    let map = try MemMap.open(path)
    try #require(rename(replacement, path) == 0)
    let original = try map.status()
    let current = try MemMap.status(ofFile: path)
    #expect(original.identity != current.identity)
    #expect(original.size == current.size)
    try map.close()
  }

  @Test func statusErrorsNameThePath() throws {
    let directory = try TemporaryDirectory()
    let missing = directory.file("missing")
    #expect(caughtError { () throws(MemMapError) in _ = try MemMap.status(ofFile: missing) } == .fileNotFound(path: missing))
    let anonymous = try MemMap.anonymous(size: 1)
    #expect(caughtError { () throws(MemMapError) in _ = try anonymous.status() }
      == .unsupported(path: nil, operation: "status()", reason: "an anonymous map has no file"))
    try anonymous.close()
  }

  @Test func timestampsNormaliseAndOrder() {
    #expect(FileTimestamp(seconds: 5, nanoseconds: 1_500_000_000) == FileTimestamp(seconds: 6, nanoseconds: 500_000_000))
    #expect(FileTimestamp(seconds: 5, nanoseconds: -1) == FileTimestamp(seconds: 4, nanoseconds: 999_999_999))
    #expect(FileTimestamp(seconds: 4, nanoseconds: 999_999_999) < FileTimestamp(seconds: 5))
    #expect(FileTimestamp(seconds: 12, nanoseconds: 42).description == "12.000000042")
  }
}

func setModificationTime(_ path: String, seconds: Int, nanoseconds: Int) throws {
  var times = [timespec(tv_sec: seconds, tv_nsec: nanoseconds), timespec(tv_sec: seconds, tv_nsec: nanoseconds)]
  try #require(utimensat(AT_FDCWD, path, &times, 0) == 0)
}
