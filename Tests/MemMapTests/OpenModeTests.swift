import MemMap
import Testing

@Suite("Opening in every mode")
struct OpenModeTests {
  @Test func readOnlyMapsTheWholeFile() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("data.bin", pattern(10_000))
    let map = try MemMap.open(path)
    #expect(map.count == 10_000)
    #expect(map.mode == .readOnly)
    #expect(map.path == path)
    #expect(map.isWritable == false)
    #expect(map.isAnonymous == false)
    #expect(try map.read(at: 0, count: 10_000) == pattern(10_000))
    try map.close()
  }

  @Test func issueExampleReadsFourBytes() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("data.bin", pattern(256))
    let mm = try MemMap.open(path, mode: .readOnly)
    let value: [UInt8] = try mm.read(at: 128, count: 4)
    #expect(value == Array(pattern(256)[128..<132]))
    try mm.close()
  }

  @Test func readWriteWritesReachTheFile() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("data.bin", [UInt8](repeating: 0, count: 64))
    var map = try MemMap.open(path, mode: .readWrite)
    #expect(map.isWritable == true)
    try map.write([1, 2, 3], at: 10)
    try map.close()
    var expected = [UInt8](repeating: 0, count: 64)
    expected[10...12] = [1, 2, 3]
    #expect(try contentsOnDisk(path) == expected)
  }

  @Test func copyOnWriteLeavesTheFileUntouched() throws {
    let directory = try TemporaryDirectory()
    let original = pattern(8192)
    let path = try directory.write("data.bin", original)
    var map = try MemMap.open(path, mode: .copyOnWrite)
    #expect(map.isWritable == true)
    try map.write([0xAA, 0xBB], at: 4095)
    #expect(try map.read(at: 4094, count: 4) == [original[4094], 0xAA, 0xBB, original[4097]])
    try map.flush()
    #expect(try contentsOnDisk(path) == original)
    try map.close()
    #expect(try contentsOnDisk(path) == original)
  }

  @Test func createMakesAZeroFilledFileOfTheGivenSize() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("new.bin")
    var map = try MemMap.open(path, mode: .create(size: 5000))
    #expect(map.count == 5000)
    #expect(try map.read(at: 0, count: 5000) == [UInt8](repeating: 0, count: 5000))
    try map.write([9, 8, 7], at: 4997)
    try map.close()
    var expected = [UInt8](repeating: 0, count: 5000)
    expected[4997...] = [9, 8, 7]
    #expect(try contentsOnDisk(path) == expected)
  }

  @Test func createTruncatesAnExistingFile() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("old.bin", pattern(100))
    let map = try MemMap.open(path, mode: .create(size: 10))
    #expect(try map.read(at: 0, count: 10) == [UInt8](repeating: 0, count: 10))
    try map.close()
    #expect(try contentsOnDisk(path) == [UInt8](repeating: 0, count: 10))
  }

  @Test func createWithSizeZeroGivesAnEmptyMap() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("empty.bin")
    let map = try MemMap.open(path, mode: .create(size: 0))
    #expect(map.count == 0)
    try map.close()
    #expect(try contentsOnDisk(path) == [])
  }

  @Test func anonymousMapsAreZeroFilledAndWritable() throws {
    var map = try MemMap.anonymous(size: 10_000)
    #expect(map.count == 10_000)
    #expect(map.path == nil)
    #expect(map.isAnonymous == true)
    #expect(map.isWritable == true)
    #expect(try map.read(at: 0, count: 10_000) == [UInt8](repeating: 0, count: 10_000))
    try map.write(pattern(100), at: 9900)
    #expect(try map.read(at: 9900, count: 100) == pattern(100))
    try map.flush()
    try map.close()
  }

  @Test func anonymousOfSizeZeroIsEmpty() throws {
    let map = try MemMap.anonymous(size: 0)
    #expect(map.count == 0)
    #expect(try map.read(at: 0, count: 0) == [])
    try map.close()
  }

  @Test func emptyFilesOpenInEveryMode() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("empty.bin", [])
    for mode in [MemMap.Mode.readOnly, .readWrite, .copyOnWrite] {
      var map = try MemMap.open(path, mode: mode)
      #expect(map.count == 0)
      #expect(try map.read(at: 0, count: 0) == [])
      #expect(try map.withBytes { $0.byteCount } == 0)
      if mode.isWritable { try map.write([], at: 0) }
      try map.flush()
      try map.close()
    }
  }

  @Test(arguments: [1, 4095, 4096, 4097, 12_345, 65_537])
  func windowsAtUnalignedOffsetsSeeExactlyTheRequestedBytes(offset: Int) throws {
    let directory = try TemporaryDirectory()
    let content = pattern(100_000)
    let path = try directory.write("data.bin", content)
    let map = try MemMap.open(path, offset: offset, length: 777)
    #expect(map.count == 777)
    #expect(try map.read(at: 0, count: 777) == Array(content[offset..<offset + 777]))
    #expect(try map.withBytes { span in (0..<span.byteCount).map { span.unsafeLoad(fromByteOffset: $0, as: UInt8.self) } }
      == Array(content[offset..<offset + 777]))
    try map.close()
  }

  @Test func windowWithoutLengthRunsToTheEndOfTheFile() throws {
    let directory = try TemporaryDirectory()
    let content = pattern(10_000)
    let path = try directory.write("data.bin", content)
    let map = try MemMap.open(path, offset: 6000)
    #expect(map.count == 4000)
    #expect(try map.read(at: 0, count: 4000) == Array(content[6000...]))
    try map.close()
    let atEnd = try MemMap.open(path, offset: 10_000)
    #expect(atEnd.count == 0)
    try atEnd.close()
  }

  @Test func writesThroughAnUnalignedReadWriteWindowLandAtTheRightFileOffset() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("data.bin", [UInt8](repeating: 0, count: 10_000))
    var map = try MemMap.open(path, mode: .readWrite, offset: 5003, length: 10)
    try map.write([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], at: 0)
    try map.close()
    let disk = try contentsOnDisk(path)
    #expect(Array(disk[5003..<5013]) == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    #expect(disk[5002] == 0 && disk[5013] == 0)
  }

  @Test func readWriteWindowPastTheEndExtendsTheFileWithZeros() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("data.bin", [1, 2, 3])
    var map = try MemMap.open(path, mode: .readWrite, offset: 0, length: 8)
    #expect(try map.read(at: 0, count: 8) == [1, 2, 3, 0, 0, 0, 0, 0])
    try map.write([9], at: 7)
    try map.close()
    #expect(try contentsOnDisk(path) == [1, 2, 3, 0, 0, 0, 0, 9])
  }

  @Test func twoMapsOfOneFileSeeEachOthersWrites() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("shared.bin", [UInt8](repeating: 0, count: 8192))
    var first = try MemMap.open(path, mode: .readWrite)
    var second = try MemMap.open(path, mode: .readWrite, offset: 4000, length: 200)
    try first.write([0x11, 0x22], at: 4100)
    #expect(try second.read(at: 100, count: 2) == [0x11, 0x22])
    try second.write([0x33], at: 0)
    #expect(try first.read(at: 4000, count: 1) == [0x33])
    let reader = try MemMap.open(path, mode: .readOnly)
    #expect(try reader.read(at: 4100, count: 2) == [0x11, 0x22])
    try reader.close()
    try second.close()
    try first.close()
  }

  @Test func copyOnWriteMapDoesNotLeakIntoASharedMap() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("data.bin", [UInt8](repeating: 5, count: 100))
    var privateMap = try MemMap.open(path, mode: .copyOnWrite)
    let shared = try MemMap.open(path, mode: .readOnly)
    try privateMap.write([6], at: 50)
    #expect(try shared.read(at: 50, count: 1) == [5])
    #expect(try privateMap.read(at: 50, count: 1) == [6])
    try privateMap.close()
    try shared.close()
  }
}

@Suite("Copy-on-write visibility")
struct CopyOnWriteVisibilityTests {
  @Test func pagesNotYetWrittenShowOtherWritersChangesAndWrittenPagesDoNot() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("data.bin", [UInt8](repeating: 0, count: 2 * 4096))
    var map = try MemMap.open(path, mode: .copyOnWrite)
    try map.write([1], at: 4096)  // the second page is now this map's copy
    try writeThroughDescriptor(path, [0xAA], at: 10)
    try writeThroughDescriptor(path, [0xBB], at: 4097)
    #expect(try map.read(at: 10, count: 1) == [0xAA], "an untouched page shows the file")
    #expect(try map.read(at: 4096, count: 2) == [1, 0], "a written page is private")
    try map.close()
    #expect(Array(try contentsOnDisk(path)[4096..<4098]) == [0, 0xBB])
  }
}
