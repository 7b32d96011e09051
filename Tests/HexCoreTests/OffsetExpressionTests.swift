import Testing

@testable import HexCore

@Suite("OffsetExpression")
struct OffsetExpressionTests {
  /// A 4096-byte file with the cursor at 0x100.
  static let count = 4096
  static let cursor = 0x100

  @Test(
    "resolves every accepted form",
    arguments: [
      ("0x1f", 31), ("31", 31), ("+16", 0x110), ("-0x10", 0xF0), ("50%", 2048), ("0%", 0),
      ("100%", 4095), ("end", 4095), ("END", 4095), ("end-0x10", 4080), ("end-1", 4095), ("0x100+4", 0x104),
      ("+0x10+4", 0x114), ("- 16", 0xF0), (" 0x20 ", 0x20), ("0", 0), ("+0", 0x100),
      ("25% + 1", 1025), ("end - 4096", 0), ("50%+0x10", 2064),
    ])
  func resolves(text: String, offset: Int) throws {
    #expect(try OffsetExpression.resolve(text, cursor: Self.cursor, count: Self.count) == offset)
  }

  @Test(
    "refuses bad entries with a precise error",
    arguments: [
      ("", OffsetExpressionError.empty),
      ("  ", .empty),
      ("0x1zz", .invalidNumber(.notANumber(text: "0x1zz"))),
      ("1f", .invalidNumber(.hexWithoutPrefix(text: "1f"))),
      ("hello", .invalidNumber(.notANumber(text: "hello"))),
      ("0x10+", .missingTerm(text: "0x10+")),
      ("+", .missingTerm(text: "+")),
      ("4096", .beyondEnd(offset: 4096, count: 4096)),
      ("+0x1000", .beyondEnd(offset: 0x1100, count: 4096)),
      ("-0x101", .beforeStart(offset: -1)),
      ("end-5000", .beforeStart(offset: 4096 - 5000)),
      ("end+0", .beyondEnd(offset: 4096, count: 4096)),
      ("100%+0", .beyondEnd(offset: 4096, count: 4096)),
      ("+end", .beyondEnd(offset: 0x100 + 4096, count: 4096)),
      ("101%", .percentTooLarge(percent: 101)),
      ("x%", .invalidNumber(.notANumber(text: "x"))),
      ("0x7fffffffffffffff+1", .overflow(text: "0x7fffffffffffffff+1")),
    ])
  func refuses(text: String, error: OffsetExpressionError) {
    #expect(throws: error) { try OffsetExpression.resolve(text, cursor: Self.cursor, count: Self.count) }
  }

  @Test("percentages and end work on files near Int.max bytes")
  func hugeFiles() throws {
    let count = Int.max
    #expect(try OffsetExpression.resolve("100%", cursor: 0, count: count) == Int.max - 1)
    #expect(try OffsetExpression.resolve("50%", cursor: 0, count: count) == Int.max / 2)
    #expect(try OffsetExpression.resolve("end", cursor: 0, count: count) == Int.max - 1)
    #expect(try OffsetExpression.resolve("end-16", cursor: 0, count: count) == Int.max - 16)
    let tebibyte = 1 << 40
    #expect(try OffsetExpression.resolve("0xffffffffff", cursor: 0, count: tebibyte) == tebibyte - 1)
  }

  @Test("an empty file accepts only offset 0")
  func emptyFile() throws {
    #expect(try OffsetExpression.resolve("0", cursor: 0, count: 0) == 0)
    #expect(try OffsetExpression.resolve("end", cursor: 0, count: 0) == 0)
    #expect(try OffsetExpression.resolve("50%", cursor: 0, count: 0) == 0)
    #expect(throws: OffsetExpressionError.beyondEnd(offset: 1, count: 0)) {
      try OffsetExpression.resolve("1", cursor: 0, count: 0)
    }
  }

  @Test("messages are readable")
  func messages() {
    #expect(
      OffsetExpressionError.beyondEnd(offset: 0x1100, count: 4096).description
        == "0x1100 is beyond the end of the 4096-byte file (last offset 0xfff)")
    #expect(OffsetExpressionError.beyondEnd(offset: 1, count: 0).description == "the file is empty; only offset 0 exists")
    #expect(OffsetExpressionError.beforeStart(offset: -1).description == "that is 1 byte before the start of the file")
    #expect(OffsetExpressionError.percentTooLarge(percent: 101).description == "101% is more than 100%")
    #expect(
      OffsetExpressionError.empty.description == "type an offset: 0x1f, 31, +16, -0x10, 50%, end or end-16")
    #expect(
      OffsetExpressionError.invalidNumber(.notANumber(text: "q")).description
        == "'q' is not a number (use decimal like 4096 or hex like 0x1000)")
  }
}
