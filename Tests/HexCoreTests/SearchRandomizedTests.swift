import MemMap
import Testing

@testable import HexCore

/// Random data, patterns, chunk sizes and edits, each search compared with a naive matcher.
@Suite("ByteSearch against a naive matcher")
struct SearchRandomizedTests {
  /// A small alphabet (with both cases of a letter) so random patterns match often.
  static let alphabet: [UInt8] = [0x00, 0x41, 0x61, 0x42, 0xFF]

  private func randomPattern(_ random: inout SearchRandom, from data: [UInt8]) throws -> SearchPattern {
    let length = random.next(in: 1...7)
    // Half the time take the pattern from the data so it surely occurs.
    var values: [UInt8]
    if random.next() % 2 == 0, data.count >= length {
      let start = random.next(in: 0...(data.count - length))
      values = Array(data[start..<(start + length)])
    } else {
      values = random.bytes(length, from: Self.alphabet)
    }
    var masks = Array(repeating: UInt8(0xFF), count: length)
    for index in 0..<length where random.next() % 5 == 0 {
      masks[index] = [0x00, 0xF0, 0x0F][random.next(in: 0...2)]
    }
    if !masks.contains(where: { $0 != 0 }) { masks[0] = 0xFF }
    var pattern = try SearchPattern(values: values, masks: masks)
    if random.next() % 3 == 0 { pattern = pattern.ignoringASCIICase() }
    return pattern
  }

  @Test(arguments: 0..<8)
  func agreesWithNaiveMatcher(seed: Int) throws {
    var random = SearchRandom(seed: UInt64(seed) &* 0x1234_5678_9ABC)
    for _ in 0..<12 {
      let count = random.next(in: 1...3000)
      let data = random.bytes(count, from: Self.alphabet)
      let pattern = try randomPattern(&random, from: data)
      let chunkSize = [1, 3, 16, 31, 64, 100, 4096][random.next(in: 0...6)]
      let search = ByteSearch(pattern: pattern, chunkSize: chunkSize)
      let lower = random.next(in: 0...count)
      let starts = lower..<random.next(in: lower...count)
      let expected = naiveMatches(of: pattern, in: data, startingIn: starts)
      let map = try anonymousMap(holding: data)
      let array = ByteArraySearchSource(data)
      #expect(try search.matches(in: map, startingIn: starts) == expected, "\(pattern) chunk \(chunkSize)")
      #expect(try search.matches(in: array, startingIn: starts) == expected)
      #expect(try search.countMatches(in: map, startingIn: starts) == expected.count)
      #expect(try search.firstMatch(in: map, startingIn: starts) == expected.first)
      #expect(try search.lastMatch(in: map, startingIn: starts) == expected.last)
      let limit = random.next(in: 1...5)
      #expect(try search.matches(in: map, startingIn: starts, limit: limit) == Array(expected.prefix(limit)))
      #expect(try search.countMatches(in: map, startingIn: starts, limit: limit) == min(limit, expected.count))
    }
  }

  @Test(arguments: 0..<6)
  func agreesWithNaiveMatcherThroughEdits(seed: Int) throws {
    var random = SearchRandom(seed: UInt64(seed) &+ 99)
    for _ in 0..<10 {
      let count = random.next(in: 1...2000)
      let data = random.bytes(count, from: Self.alphabet)
      var edits = PendingEdits()
      for _ in 0..<random.next(in: 0...40) {
        let offset = random.next(in: 0...(count - 1))
        edits.setByte(at: offset, value: random.bytes(1, from: Self.alphabet)[0], original: data[offset])
      }
      var view = data
      edits.apply(to: &view, at: 0)
      let pattern = try randomPattern(&random, from: view)
      let search = ByteSearch(pattern: pattern, chunkSize: [1, 5, 64, 1 << 20][random.next(in: 0...3)])
      let expected = naiveMatches(of: pattern, in: view)
      let map = try anonymousMap(holding: data)
      #expect(try search.matches(in: map, overlay: edits) == expected, "\(pattern)")
      #expect(try search.countMatches(in: map, overlay: edits) == expected.count)
      let origin = random.next(in: 0...count)
      let forward =
        expected.first { $0 >= origin }.map { SearchHit(offset: $0, wrapped: false) }
        ?? expected.first.map { SearchHit(offset: $0, wrapped: true) }
      let backward =
        expected.last { $0 < origin }.map { SearchHit(offset: $0, wrapped: false) }
        ?? expected.last.map { SearchHit(offset: $0, wrapped: true) }
      #expect(try search.find(.forward, from: origin, in: map, overlay: edits) == forward)
      #expect(try search.find(.backward, from: origin, in: map, overlay: edits) == backward)
    }
  }

  @Test func largeRandomBufferWithRarePattern() throws {
    // Exercises the vector loop over long runs with few candidates, across 4 KiB pages.
    var random = SearchRandom(seed: 42)
    var data = random.bytes(1 << 20)
    let needle = Array("NEEDLE42".utf8)
    for offset in [0, 4093, 65_531, 500_000, data.count - 8] {
      data.replaceSubrange(offset..<(offset + 8), with: needle)
    }
    let pattern = try SearchPattern(bytes: needle)
    let expected = naiveMatches(of: pattern, in: data)
    let map = try anonymousMap(holding: data)
    for chunkSize in [4096, 65_536, 1 << 20] {
      #expect(try ByteSearch(pattern: pattern, chunkSize: chunkSize).matches(in: map) == expected)
    }
  }
}
