import Testing

@testable import HexCore

/// The streaming pieces of the command line: the dump writer, the dump parser, the streaming
/// search and escaped text. Each gives the same result however its input is split.
@Suite("Streaming dump, parse and search")
struct HexDumpStreamingTests {
  static let formats: [HexDumpWriter.Format] = {
    var formats: [HexDumpWriter.Format] = []
    for (columns, group, littleEndian) in [(16, 2, false), (7, 3, false), (16, 4, true), (12, 8, true), (1, 1, false)] {
      let dump = try! HexDump(columns: columns, groupSize: group, littleEndian: littleEndian)
      formats.append(.rows(dump, skipsZeroRows: false))
      formats.append(.rows(dump, skipsZeroRows: true))
    }
    formats.append(.plain(try! PlainHexDump()))
    formats.append(.plain(try! PlainHexDump(columns: 0, uppercase: true)))
    formats.append(.cInclude(try! CIncludeDump(name: "data.bin")))
    formats.append(.cInclude(try! CIncludeDump(columns: 5, uppercase: true, name: nil)))
    return formats
  }()

  /// Bytes with runs of zero rows of several lengths.
  static func sample(_ random: inout SearchRandom) -> [UInt8] {
    var bytes: [UInt8] = []
    for _ in 0..<12 {
      bytes += random.bytes(random.next(in: 0...40))
      bytes += [UInt8](repeating: 0, count: random.next(in: 0...70))
    }
    return bytes
  }

  static func written(_ bytes: [UInt8], format: HexDumpWriter.Format, pieces: [Int]) -> [UInt8] {
    var writer = HexDumpWriter(format: format, offset: 3)
    var output: [UInt8] = []
    var start = 0
    for piece in pieces where start < bytes.count {
      let end = min(bytes.count, start + piece)
      writer.append(Array(bytes[start..<end]), to: &output)
      start = end
    }
    writer.append(Array(bytes[start...]), to: &output)
    writer.finish(to: &output)
    return output
  }

  @Test(arguments: 0..<formats.count)
  func writerOutputDoesNotDependOnTheChunks(_ index: Int) {
    var random = SearchRandom(seed: UInt64(index) + 1)
    for _ in 0..<10 {
      let bytes = Self.sample(&random)
      let whole = Self.written(bytes, format: Self.formats[index], pieces: [])
      let pieces = (0..<200).map { _ in random.next(in: 1...50) }
      #expect(Self.written(bytes, format: Self.formats[index], pieces: pieces) == whole)
    }
  }

  @Test(arguments: [(16, 2, false), (16, 4, true), (7, 3, false), (6, 4, true), (12, 0, false)])
  func colouredRowsAreThePlainRowsWithColours(_ layout: (columns: Int, group: Int, littleEndian: Bool)) throws {
    var random = SearchRandom(seed: 77)
    let bytes = random.bytes(100)
    func dump(color: Bool) throws -> String {
      var output: [UInt8] = []
      try HexDump(columns: layout.columns, groupSize: layout.group, littleEndian: layout.littleEndian, usesColor: color)
        .append(bytes, offset: 0, to: &output)
      return String(decoding: output, as: UTF8.self)
    }
    let coloured = try dump(color: true)
    #expect(coloured.contains("\u{1B}[36m"))
    let stripped = coloured.replacing(/\u{1B}\[[0-9]+m/, with: "")
    #expect(stripped == (try dump(color: false)))
  }

  @Test func zeroRowRunsCollapseAsXXDDoes() {
    let dump = try! HexDump(columns: 4)
    func lines(zeroRows: Int, trailing: [UInt8]) -> [String] {
      var writer = HexDumpWriter(format: .rows(dump, skipsZeroRows: true))
      var output: [UInt8] = []
      writer.append([1, 1, 1, 1] + [UInt8](repeating: 0, count: 4 * zeroRows) + trailing, to: &output)
      writer.finish(to: &output)
      return String(decoding: output, as: UTF8.self).split(separator: "\n").map { String($0.prefix(9)) }
    }
    #expect(lines(zeroRows: 2, trailing: [5]) == ["00000000:", "00000004:", "00000008:", "0000000c:"])
    #expect(lines(zeroRows: 3, trailing: [5]) == ["00000000:", "00000004:", "*", "00000010:"])
    // At the very end a run of three prints all three rows; of four, the first, `*` and the last.
    #expect(lines(zeroRows: 3, trailing: []) == ["00000000:", "00000004:", "00000008:", "0000000c:"])
    #expect(lines(zeroRows: 4, trailing: []) == ["00000000:", "00000004:", "*", "00000010:"])
  }

  @Test(arguments: [(16, 2), (7, 3), (32, 0), (5, 1)])
  func parserReadsBackEveryRowLayout(_ layout: (columns: Int, group: Int)) throws {
    var random = SearchRandom(seed: UInt64(layout.columns * 31 + layout.group))
    let bytes = random.bytes(1000)
    var text: [UInt8] = []
    var writer = HexDumpWriter(format: .rows(try HexDump(columns: layout.columns, groupSize: layout.group), skipsZeroRows: false), offset: 0x40)
    writer.append(bytes, to: &text)
    writer.finish(to: &text)
    var parser = HexDumpParser(layout: .offsets, seek: -0x40)
    var start = 0
    while start < text.count {
      let end = min(text.count, start + random.next(in: 1...90))
      try parser.feed(Array(text[start..<end]))
      start = end
    }
    try parser.finish()
    #expect(parser.runs == [HexDumpParser.Run(offset: 0, bytes: bytes)])
  }

  @Test func parserReadsPlainHexAndReportsTheBadLine() throws {
    var parser = HexDumpParser(layout: .plain, seek: 4)
    try parser.feed(Array("de ad\nBE\r\nef".utf8))
    try parser.finish()
    #expect(parser.runs == [HexDumpParser.Run(offset: 4, bytes: [0xDE, 0xAD, 0xBE, 0xEF])])
    var bad = HexDumpParser(layout: .offsets)
    #expect(throws: HexDumpParseError(line: 3, reason: "'0g' at column 11 is not hex digits")) {
      try bad.feed(Array("00000000: 0102\n\n00000002: 0g\n".utf8))
    }
    var skipped = HexDumpParser(layout: .offsets)
    try skipped.feed(Array("00000000: 0102  ..\n*\n00000010: 03                   .\n".utf8))
    try skipped.finish()
    #expect(skipped.runs == [HexDumpParser.Run(offset: 0, bytes: [1, 2]), HexDumpParser.Run(offset: 16, bytes: [3])])
  }

  @Test(arguments: 0..<6)
  func streamingSearchFindsWhatTheWholeSearchFinds(_ seed: Int) throws {
    var random = SearchRandom(seed: UInt64(seed) + 100)
    let data = random.bytes(20_000, from: [0x61, 0x62, 0x63])
    let pattern = try SearchPattern(bytes: random.bytes(random.next(in: 1...6), from: [0x61, 0x62, 0x63]))
    var search = StreamingSearch(pattern: pattern, startOffset: 0)
    var found: [Int] = []
    var start = 0
    while start < data.count {
      let end = min(data.count, start + random.next(in: 1...9))
      Array(data[start..<end]).withUnsafeBytes { bytes in
        search.feed(bytes) { found.append($0); return true }
      }
      start = end
    }
    #expect(found == naiveMatches(of: pattern, in: data))
  }

  @Test func escapedText() throws {
    #expect(try EscapedText.bytes(of: "ELF\\x02\\n\\t\\r\\0\\\\é") == Array("ELF".utf8) + [2, 10, 9, 13, 0, 0x5C, 0xC3, 0xA9])
    #expect(throws: EscapedText.ParseError.badHexEscape(position: 1)) { try EscapedText.bytes(of: "\\xg1") }
    #expect(throws: EscapedText.ParseError.trailingBackslash(position: 2)) { try EscapedText.bytes(of: "a\\") }
    #expect(throws: EscapedText.ParseError.unknownEscape("q", position: 1)) { try EscapedText.bytes(of: "\\q") }
  }
}
