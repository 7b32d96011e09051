import Testing

@testable import HexCore

@Suite("HexText: hex bytes in the forms people copy")
struct HexTextTests {
  @Test(
    "every copied form reads as the same bytes",
    arguments: [
      "de ad be ef", "deadbeef", "DEADBEEF", "0xdeadbeef", "0xde, 0xad, 0xbe, 0xef", "{ 0xde, 0xad, 0xbe, 0xef }",
      "{0xDE,0xAD,0xBE,0xEF};", "\\xde\\xad\\xbe\\xef", "de:ad:be:ef", "[0xde, 0xad]\n[0xbe, 0xef]",
      "  de ad\r\n\tbe\n\nef  ", "dead 0xbe \\xef",
    ])
  func forms(text: String) throws {
    #expect(try HexText.bytes(from: text) == [0xDE, 0xAD, 0xBE, 0xEF])
  }

  @Test("after 0x or \\x one digit is one byte; \\x takes at most two digits")
  func shortForms() throws {
    #expect(try HexText.bytes(from: "{ 0x1, 0x2, 0xff }") == [0x01, 0x02, 0xFF])
    #expect(try HexText.bytes(from: "\\x1\\x2") == [0x01, 0x02])
    #expect(try HexText.bytes(from: "\\xdead") == [0xDE, 0xAD], "\\xde, then the pair ad")
  }

  @Test(
    "malformed text is refused with the reason and the position",
    arguments: [
      ("de ad zz be", "'z' is not a hex digit at position 7"),
      ("de\nad zz", "'z' is not a hex digit at line 2, column 4"),
      ("dea", "'dea' at position 1 has an odd number of hex digits; each byte takes two"),
      ("00 0xabc", "'0xabc' at position 4 has an odd number of hex digits; each byte takes two"),
      ("de 0x, ad", "'0x' at position 4 has no hex digits after it"),
      ("\\xzz", "'\\x' at position 1 has no hex digits after it"),
      ("b\"\\xde\"", "'b' at position 1 has an odd number of hex digits; each byte takes two"),
      ("de\u{7}ad", "U+0007 is not a hex digit at position 3"),
      (" , {}\n", "there are no hex bytes in it"),
      ("", "there are no hex bytes in it"),
    ])
  func refusals(text: String, message: String) {
    #expect(throws: (any Error).self) { try HexText.bytes(from: text) }
    do {
      _ = try HexText.bytes(from: text)
    } catch {
      #expect(error.description == message)
    }
  }

  @Test("256 KiB of hex, as xxd -p and as spaced pairs, reads back exactly")
  func large() throws {
    let bytes = (0..<(1 << 18)).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 8) }
    let pairs = bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }
    let plain = stride(from: 0, to: pairs.count, by: 30).map { pairs[$0..<min($0 + 30, pairs.count)].joined() }
    #expect(try HexText.bytes(from: plain.joined(separator: "\n")) == bytes)
    #expect(try HexText.bytes(from: pairs.joined(separator: " ")) == bytes)
  }

  @Test("white space copied from web pages (no-break space, ideographic space) separates bytes")
  func unicodeWhiteSpace() throws {
    #expect(try HexText.bytes(from: "de\u{A0}ad\u{3000}be") == [0xDE, 0xAD, 0xBE])
  }
}
