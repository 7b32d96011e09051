import Testing

@testable import HexCore

@Suite("HexDump")
struct HexDumpTests {
  static let sample = Array("Hello, world!\n".utf8) + [0x00, 0x01, 0xFF] + Array(" abcdefghijklmnopqrstuvwxyz".utf8)

  func dump(_ bytes: [UInt8], columns: Int = 16, offset: Int = 0, color: Bool = false) throws -> String {
    var output: [UInt8] = []
    try HexDump(columns: columns, usesColor: color).append(bytes, offset: offset, to: &output)
    return String(decoding: output, as: UTF8.self)
  }

  @Test("the default layout, as xxd prints it")
  func defaultLayout() throws {
    #expect(
      try dump(Self.sample) == """
        00000000: 4865 6c6c 6f2c 2077 6f72 6c64 210a 0001  Hello, world!...
        00000010: ff20 6162 6364 6566 6768 696a 6b6c 6d6e  . abcdefghijklmn
        00000020: 6f70 7172 7374 7576 7778 797a            opqrstuvwxyz

        """)
  }

  @Test("odd row widths, as xxd -c 5 and -c 7 print them")
  func oddWidths() throws {
    #expect(
      try dump(Array(Self.sample.prefix(12)), columns: 5) == """
        00000000: 4865 6c6c 6f  Hello
        00000005: 2c20 776f 72  , wor
        0000000a: 6c64          ld

        """)
    #expect(
      try dump(Array(Self.sample.prefix(9)), columns: 7) == """
        00000000: 4865 6c6c 6f2c 20  Hello, 
        00000007: 776f               wo

        """)
    #expect(try dump([0x48, 0x65], columns: 1) == "00000000: 48  H\n00000001: 65  e\n")
  }

  @Test("offsets passed from -s start the rows; offsets past 4 GiB get more digits")
  func offsets() throws {
    #expect(try dump(Array("abc".utf8), columns: 3, offset: 5) == "00000005: 6162 63  abc\n")
    #expect(
      try dump(countingBytes(12, from: 0x41), columns: 8, offset: 0xFFFF_FFFC) == """
        fffffffc: 4142 4344 4546 4748  ABCDEFGH
        100000004: 494a 4b4c            IJKL

        """)
  }

  @Test("nothing in, nothing out")
  func empty() throws {
    #expect(try dump([]) == "")
  }

  @Test("row widths: 0 means 16; more than 256 or negative is refused with xxd's message")
  func columns() throws {
    #expect(try HexDump(columns: 0).columns == 16)
    #expect(try HexDump(columns: 256).columns == 256)
    #expect(throws: HexDumpError.invalidColumns(257)) { try HexDump(columns: 257) }
    #expect(throws: HexDumpError.invalidColumns(-1)) { try HexDump(columns: -1) }
    #expect(HexDumpError.invalidColumns(257).description == "invalid number of columns (max. 256).")
    #expect(try HexDump(columns: 16).chunkSize == 1 << 20)
    #expect(try HexDump(columns: 3).chunkSize % 3 == 0)
  }

  @Test("-s and -l select a range, cut at the end of the file")
  func ranges() {
    #expect(HexDump.range(fileSize: 100, start: 0, length: nil) == 0..<100)
    #expect(HexDump.range(fileSize: 100, start: 10, length: 5) == 10..<15)
    #expect(HexDump.range(fileSize: 100, start: 90, length: 50) == 90..<100)
    #expect(HexDump.range(fileSize: 100, start: 200, length: nil) == 100..<100)
    #expect(HexDump.range(fileSize: 100, start: 5, length: 0) == 5..<5)
    #expect(HexDump.range(fileSize: 0, start: 0, length: nil) == 0..<0)
  }

  @Test("colour wraps hex and text by byte class and resets before the gap and at the end")
  func colored() throws {
    let escape = "\u{1B}["
    #expect(
      try dump([0x41, 0x00, 0x20, 0x01, 0xFF], columns: 4, color: true)
        == "00000000: \(escape)36m41\(escape)90m00 \(escape)32m20\(escape)35m01\(escape)0m  "
        + "\(escape)36mA\(escape)90m.\(escape)32m \(escape)35m.\(escape)0m\n"
        + "00000004: \(escape)33mff\(escape)0m         \(escape)33m.\(escape)0m\n")
  }

  @Test("colour changes nothing but the escape sequences")
  func coloredMatchesPlain() throws {
    var generator = SplitMix64(seed: 7)
    let bytes = (0..<3000).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
    for columns in [1, 2, 3, 8, 16, 33] {
      let colored = try dump(bytes, columns: columns, offset: 0xFFFF_FF00, color: true)
      let stripped = colored.replacing(#/\x1B\[[0-9;]*m/#, with: "")
      #expect(stripped == (try dump(bytes, columns: columns, offset: 0xFFFF_FF00)))
    }
  }
}

/// A small deterministic generator, so failures reproduce.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
