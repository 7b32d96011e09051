import MemMap
import Testing

@Suite("firstRange and lastRange")
struct FindTests {
  @Test func theyAgreeWithASlowScanAcrossChunkAndRoundBoundaries() throws {
    // 40 MiB: more than two backward rounds, with matches planted across 1 MiB chunk boundaries.
    let size = 40 << 20
    let needle: [UInt8] = [0xFE, 0xED, 0xFA, 0xCE, 0x01]
    var bytes = [UInt8](repeating: 0, count: size)
    let planted = [3, (1 << 20) - 2, (17 << 20) - 1, size - 5 - (16 << 20) - 2, size - 5]
    for offset in planted { bytes.replaceSubrange(offset..<offset + 5, with: needle) }
    let directory = try TemporaryDirectory()
    let map = try MemMap.open(try directory.write("data.bin", bytes))
    #expect(try map.firstRange(of: needle) == 3..<8)
    #expect(try map.lastRange(of: needle) == (size - 5)..<size)
    for range in [4..<size, ((1 << 20) - 1)..<size, 0..<((17 << 20) + 3), 0..<(size - 1), 5..<((1 << 20) + 2)] {
      // Zeros elsewhere: the needle occurs exactly where it was planted.
      let expected = planted.filter { range.lowerBound <= $0 && $0 + needle.count <= range.upperBound }
      #expect(try map.firstRange(of: needle, in: range)?.lowerBound == expected.first, "first in \(range)")
      #expect(try map.lastRange(of: needle, in: range)?.lowerBound == expected.last, "last in \(range)")
    }
    try map.close()
  }

  @Test func emptyPatternsShortRangesAndBadRanges() throws {
    var map = try MemMap.anonymous(size: 100)
    try map.write([1, 2, 3, 1, 2, 3], at: 10)
    #expect(try map.firstRange(of: [1, 2, 3]) == 10..<13)
    #expect(try map.lastRange(of: [1, 2, 3]) == 13..<16)
    #expect(try map.firstRange(of: [1, 2, 3], in: 11..<16) == 13..<16)
    #expect(try map.lastRange(of: [1, 2, 3], in: 10..<15) == 10..<13)
    #expect(try map.firstRange(of: [1, 2, 3], in: 11..<15) == nil)
    #expect(try map.firstRange(of: [9]) == nil)
    #expect(try map.firstRange(of: [], in: 7..<9) == 7..<7)
    #expect(try map.lastRange(of: [], in: 7..<9) == 9..<9)
    #expect(try map.firstRange(of: [UInt8](repeating: 0, count: 200)) == nil)
    expectError(.outOfBounds(path: nil, offset: 90, count: 20, mapCount: 100)) { () throws(MemMapError) in
      _ = try map.firstRange(of: [1], in: 90..<110)
    }
    try map.close()
  }
}
