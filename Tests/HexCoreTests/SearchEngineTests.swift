import MemMap
import Testing

@testable import HexCore

@Suite("ByteSearch")
struct SearchEngineTests {
  private func hex(_ text: String) throws -> SearchPattern { try SearchPattern(hex: text) }

  @Test func overlappingMatchesAreAllReported() throws {
    let data = Array("aaaaXaaa".utf8)
    let search = ByteSearch(pattern: try SearchPattern(text: "aa"), chunkSize: 3)
    let source = ByteArraySearchSource(data)
    #expect(try search.matches(in: source) == [0, 1, 2, 5, 6])
    #expect(try search.countMatches(in: source) == 5)
    #expect(try search.matches(in: source, limit: 2) == [0, 1])
    #expect(try search.countMatches(in: source, limit: 4) == 4)
    #expect(try search.firstMatch(in: source) == 0)
    #expect(try search.lastMatch(in: source) == 6)
    var seen: [Int] = []
    try search.forEachMatch(in: source) {
      seen.append($0)
      return $0 < 2
    }
    #expect(seen == [0, 1, 2])
    seen = []
    try search.forEachMatch(in: source, startingIn: 1..<8, limit: 3) {
      seen.append($0)
      return true
    }
    #expect(seen == [1, 2, 5])
  }

  @Test(arguments: [1, 2, 5, 64, 4096])
  func matchesAcrossChunkBoundaries(chunkSize: Int) throws {
    // A 6-byte pattern planted so it starts at every offset around several chunk boundaries.
    var random = SearchRandom(seed: 7)
    var data = random.bytes(3 * 4096 + 300, from: [0x10, 0x20, 0x30])
    let needle: [UInt8] = [0xCA, 0xFE, 0xBA, 0xBE, 0x00, 0x01]
    var planted: [Int] = []
    for boundary in [64, 128, 4096, 8192] {
      for start in stride(from: boundary - 6, through: boundary + 1, by: 7) {
        data.replaceSubrange(start..<(start + 6), with: needle)
        planted.append(start)
      }
    }
    data.replaceSubrange((data.count - 6)..<data.count, with: needle)
    planted.append(data.count - 6)
    let pattern = try SearchPattern(bytes: needle)
    let expected = naiveMatches(of: pattern, in: data)
    #expect(expected == planted.sorted())
    let search = ByteSearch(pattern: pattern, chunkSize: chunkSize)
    let map = try anonymousMap(holding: data)
    #expect(try search.matches(in: map) == expected)
    #expect(try search.matches(in: ByteArraySearchSource(data)) == expected)
    #expect(try search.countMatches(in: map) == expected.count)
    #expect(try search.firstMatch(in: map, startingIn: 4091..<data.count) == expected.first { $0 >= 4091 })
    #expect(try search.lastMatch(in: map, startingIn: 0..<4096) == expected.last { $0 < 4096 })
  }

  @Test func matchEndingExactlyAtTheEndOfTheData() throws {
    let data: [UInt8] = Array(repeating: 0x41, count: 100) + [0x01, 0x02, 0x03]
    let search = ByteSearch(pattern: try hex("01 02 03"), chunkSize: 16)
    let map = try anonymousMap(holding: data)
    #expect(try search.matches(in: map) == [100])
    #expect(try search.firstMatch(in: map, startingIn: 100..<101) == 100)
    #expect(try search.firstMatch(in: map, startingIn: 101..<103) == nil)
  }

  @Test func wildcardsAndNibbles() throws {
    let data: [UInt8] = [0xDE, 0x00, 0xEF, 0xDE, 0xAD, 0xEF, 0xDF, 0x11, 0xEF, 0xDE, 0xEF]
    let source = ByteArraySearchSource(data)
    #expect(try ByteSearch(pattern: try hex("de ?? ef")).matches(in: source) == [0, 3])
    #expect(try ByteSearch(pattern: try hex("d? ?? ef")).matches(in: source) == [0, 3, 6])
    #expect(try ByteSearch(pattern: try hex("?? ef")).matches(in: source) == [1, 4, 7, 9])
  }

  @Test func caseInsensitiveText() throws {
    let data = Array("xx NeEdLe needle NEEDLE Needl".utf8)
    let insensitive = try SearchPattern("needle", kind: .text, ignoringCase: true)
    let sensitive = try SearchPattern("needle", kind: .text)
    let map = try anonymousMap(holding: data)
    #expect(try ByteSearch(pattern: insensitive, chunkSize: 4).matches(in: map) == [3, 10, 17])
    #expect(try ByteSearch(pattern: sensitive, chunkSize: 4).matches(in: map) == [10])
    // Case folding applies to letters only: '@' (0x40) is not '`' (0x60).
    let symbols = try SearchPattern("@", kind: .text, ignoringCase: true)
    #expect(try ByteSearch(pattern: symbols).matches(in: ByteArraySearchSource(Array("`@".utf8))) == [1])
  }

  @Test func backwardSearchFindsTheLastMatchStrictlyBefore() throws {
    let data = Array("ab..ab..ab".utf8)
    let search = ByteSearch(pattern: try SearchPattern(text: "ab"), chunkSize: 3)
    let source = ByteArraySearchSource(data)
    #expect(try search.lastMatch(in: source, startingIn: 0..<8) == 4)
    #expect(try search.lastMatch(in: source, startingIn: 0..<4) == 0)
    #expect(try search.lastMatch(in: source, startingIn: 0..<0) == nil)
    #expect(try search.find(.backward, from: 8, in: source) == SearchHit(offset: 4, wrapped: false))
    #expect(try search.find(.backward, from: 4, in: source) == SearchHit(offset: 0, wrapped: false))
  }

  @Test func findWrapsAroundAndSaysSo() throws {
    let data = Array("..ab....ab..".utf8)
    let search = ByteSearch(pattern: try SearchPattern(text: "ab"), chunkSize: 5)
    let map = try anonymousMap(holding: data)
    #expect(try search.find(.forward, from: 0, in: map) == SearchHit(offset: 2, wrapped: false))
    #expect(try search.find(.forward, from: 2, in: map) == SearchHit(offset: 2, wrapped: false))
    #expect(try search.find(.forward, from: 3, in: map) == SearchHit(offset: 8, wrapped: false))
    #expect(try search.find(.forward, from: 9, in: map) == SearchHit(offset: 2, wrapped: true))
    #expect(try search.find(.forward, from: 9, in: map, wrapping: false) == nil)
    #expect(try search.find(.backward, from: 2, in: map) == SearchHit(offset: 8, wrapped: true))
    #expect(try search.find(.backward, from: 2, in: map, wrapping: false) == nil)
    #expect(try search.find(.forward, from: 500, in: map) == SearchHit(offset: 2, wrapped: true))
    let absent = ByteSearch(pattern: try SearchPattern(text: "zz"))
    #expect(try absent.find(.forward, from: 4, in: map) == nil)
    #expect(try absent.find(.backward, from: 4, in: map) == nil)
  }

  @Test func emptySourceAndPatternLongerThanTheData() throws {
    let search = ByteSearch(pattern: try hex("00"))
    let empty = ByteArraySearchSource([])
    #expect(try search.matches(in: empty) == [])
    #expect(try search.countMatches(in: empty) == 0)
    #expect(try search.firstMatch(in: empty) == nil)
    #expect(try search.find(.forward, from: 0, in: empty) == nil)
    let directory = try SearchTestDirectory()
    let emptyFile = try MemMap.open(try directory.sparseFile("empty", size: 0))
    #expect(try search.firstMatch(in: emptyFile) == nil)
    #expect(try search.lastMatch(in: emptyFile) == nil)
    let long = ByteSearch(pattern: try hex("41 41 41 41"))
    let short = try anonymousMap(holding: [0x41, 0x41, 0x41])
    #expect(try long.matches(in: short) == [])
    #expect(try long.find(.backward, from: 3, in: short) == nil)
  }

  @Test func searchSeesPendingEdits() throws {
    // On disk: "needle" at 10 and 40. Edits destroy the first, create one at 24 (partly edited)
    // and one at 60 (wholly edited), and re-write a byte of the second with its own value.
    var data = Array(repeating: UInt8(ascii: "."), count: 80)
    data.replaceSubrange(10..<16, with: Array("needle".utf8))
    data.replaceSubrange(40..<46, with: Array("needle".utf8))
    data.replaceSubrange(24..<30, with: Array("neeXle".utf8))
    var edits = PendingEdits()
    edits.setByte(at: 12, value: UInt8(ascii: "X"), original: data[12])
    edits.setByte(at: 27, value: UInt8(ascii: "d"), original: data[27])
    edits.setByte(at: 41, value: UInt8(ascii: "e"), original: UInt8(ascii: "X"))
    for (index, byte) in "needle".utf8.enumerated() {
      edits.setByte(at: 60 + index, value: byte, original: data[60 + index])
    }
    var view = data
    edits.apply(to: &view, at: 0)
    let pattern = try SearchPattern(text: "needle")
    #expect(naiveMatches(of: pattern, in: view) == [24, 40, 60])
    for chunkSize in [1, 7, 26, 1 << 20] {
      let search = ByteSearch(pattern: pattern, chunkSize: chunkSize)
      let map = try anonymousMap(holding: data)
      #expect(try search.matches(in: map, overlay: edits) == [24, 40, 60])
      #expect(try search.matches(in: map) == [10, 40])
      #expect(try search.countMatches(in: map, overlay: edits) == 3)
      #expect(try search.firstMatch(in: map, overlay: edits) == 24)
      #expect(try search.lastMatch(in: map, overlay: edits) == 60)
      #expect(try search.find(.backward, from: 40, in: map, overlay: edits) == SearchHit(offset: 24, wrapped: false))
      #expect(try search.find(.forward, from: 61, in: map, overlay: edits) == SearchHit(offset: 24, wrapped: true))
    }
  }

  @Test func matchAtTheLastByteOfASparseFileBeyond4GiB() throws {
    let directory = try SearchTestDirectory()
    let size = (1 << 32) + 4099
    let needle = Array("NEEDLE42".utf8)
    let path = try directory.sparseFile("sparse", size: size, bytes: needle, at: size - needle.count)
    let map = try MemMap.open(path)
    let search = ByteSearch(pattern: try SearchPattern(bytes: needle))
    let tail = (size - (3 << 20))..<size
    #expect(try search.firstMatch(in: map, startingIn: tail) == size - 8)
    #expect(try search.lastMatch(in: map) == size - 8)
    #expect(try search.find(.backward, from: 0, in: map) == SearchHit(offset: size - 8, wrapped: true))
    let lastByte = ByteSearch(pattern: try SearchPattern(hex: "32"))
    #expect(try lastByte.matches(in: map, startingIn: tail) == [size - 1])
  }

  @Test func cancelledBeforeStartThrowsCancelled() throws {
    let progress = SearchProgress()
    progress.cancel()
    let search = ByteSearch(pattern: try hex("01"))
    let map = try anonymousMap(holding: [0, 1, 2])
    #expect(throws: SearchError.cancelled) { try search.firstMatch(in: map, progress: progress) }
    #expect(throws: SearchError.cancelled) { try search.countMatches(in: map, progress: progress) }
    #expect(throws: SearchError.cancelled) { try search.forEachMatch(in: map, progress: progress) { _ in true } }
  }

  @Test func cancellingPartWayStopsTheScan() throws {
    let progress = SearchProgress()
    let source = InstrumentedSource(Array(repeating: 0, count: 1000)) { visited in
      if visited == 3 { progress.cancel() }
    }
    let search = ByteSearch(pattern: try hex("ff"), chunkSize: 10)
    #expect(throws: SearchError.cancelled) { try search.firstMatch(in: source, progress: progress) }
    #expect(source.visitedChunks == 3)  // the third chunk saw the cancel and stopped at once
    #expect(progress.bytesScanned == 20)
    #expect(progress.totalBytes == 1000)
  }

  @Test func progressCountsEveryStartOnce() throws {
    let progress = SearchProgress()
    let data = Array(repeating: UInt8(7), count: 10_000)
    let search = ByteSearch(pattern: try hex("07 07"), chunkSize: 333)
    #expect(try search.countMatches(in: try anonymousMap(holding: data), progress: progress) == 9_999)
    #expect(progress.bytesScanned == 10_000)
    #expect(progress.totalBytes == 10_000)
    #expect(progress.fractionCompleted == 1)
  }
}
