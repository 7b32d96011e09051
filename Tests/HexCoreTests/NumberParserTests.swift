import Testing

@testable import HexCore

@Suite("NumberParser")
struct NumberParserTests {
  @Test(
    "accepts decimal and 0x hex",
    arguments: [
      ("0", 0), ("31", 31), ("0x1f", 31), ("0X1F", 31), ("0x0", 0), ("  42 ", 42), ("+7", 7),
      ("9223372036854775807", Int.max), ("0x7fffffffffffffff", Int.max), ("0x10000000000", 1 << 40),
    ])
  func accepts(text: String, value: Int) throws {
    #expect(try NumberParser.parse(text) == value)
  }

  @Test(
    "refuses bad numbers with a precise error",
    arguments: [
      ("", NumberParseError.empty),
      ("   ", .empty),
      ("abc", .hexWithoutPrefix(text: "abc")),
      ("1f", .hexWithoutPrefix(text: "1f")),
      ("12z", .notANumber(text: "12z")),
      ("0x", .notANumber(text: "0x")),
      ("0xg1", .notANumber(text: "0xg1")),
      ("1_000", .notANumber(text: "1_000")),
      ("-5", .negative(text: "-5")),
      ("9223372036854775808", .overflow(text: "9223372036854775808")),
      ("0x8000000000000000", .overflow(text: "0x8000000000000000")),
    ])
  func refuses(text: String, error: NumberParseError) {
    #expect(throws: error) { try NumberParser.parse(text) }
  }

  @Test("signed parsing keeps the sign")
  func signed() throws {
    #expect(try NumberParser.parseSigned("-0x10") == -16)
    #expect(try NumberParser.parseSigned("+16") == 16)
    #expect(try NumberParser.parseSigned("5") == 5)
    #expect(throws: NumberParseError.notANumber(text: "-")) { try NumberParser.parseSigned("-") }
  }

  @Test("messages quote the text and say what to do")
  func messages() {
    #expect(NumberParseError.empty.description == "no number given")
    #expect(
      NumberParseError.notANumber(text: "12z").description
        == "'12z' is not a number (use decimal like 4096 or hex like 0x1000)")
    #expect(
      NumberParseError.hexWithoutPrefix(text: "1f").description
        == "'1f' is not a decimal number (write hex with a 0x prefix)")
    #expect(NumberParseError.negative(text: "-5").description == "'-5' is negative; use zero or more")
    #expect(
      NumberParseError.overflow(text: "99999999999999999999").description
        == "'99999999999999999999' is too large (the largest is 9223372036854775807)")
  }
}
