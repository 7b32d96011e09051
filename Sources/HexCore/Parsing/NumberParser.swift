/// Parses the whole numbers users type: decimal (`4096`) or hexadecimal with a
/// `0x` prefix (`0x1000`).
///
/// Used for command-line values (`--offset`, `--width`, `dump -s/-l/-c`) and as the
/// number syntax of ``OffsetExpression``. Surrounding spaces are ignored; `_`
/// separators are not accepted, so a typo never silently becomes a different number.
public enum NumberParser {
  /// Parses a non-negative number.
  ///
  /// - Parameter text: `"31"`, `"0x1f"` or `"0X1F"`.
  /// - Returns: The value.
  /// - Throws: ``NumberParseError`` naming the text and what is wrong with it.
  public static func parse(_ text: String) throws(NumberParseError) -> Int {
    let trimmed = text.trimmingSpaces
    if trimmed.isEmpty { throw .empty }
    if trimmed.first == "-" { throw .negative(text: trimmed) }
    var digits = Substring(trimmed)
    if digits.first == "+" { digits = digits.dropFirst() }
    return try parseMagnitude(digits, original: trimmed)
  }

  /// Parses a number that may carry a sign: `-0x10`, `+16`, `42`.
  ///
  /// - Parameter text: The text, with an optional leading `+` or `-`.
  /// - Returns: The signed value.
  /// - Throws: ``NumberParseError`` naming the text and what is wrong with it.
  public static func parseSigned(_ text: String) throws(NumberParseError) -> Int {
    let trimmed = text.trimmingSpaces
    if trimmed.isEmpty { throw .empty }
    var digits = Substring(trimmed)
    var negative = false
    if digits.first == "-" || digits.first == "+" {
      negative = digits.first == "-"
      digits = digits.dropFirst()
    }
    let magnitude = try parseMagnitude(digits, original: trimmed)
    return negative ? -magnitude : magnitude
  }

  /// Parses unsigned digits, with an optional `0x` prefix, reporting errors against `original`.
  static func parseMagnitude(_ digits: Substring, original: String) throws(NumberParseError) -> Int {
    var body = digits.utf8[...]
    var radix = 10
    if body.count >= 2, body.first == UInt8(ascii: "0"),
      let marker = body.dropFirst().first, marker | 0x20 == UInt8(ascii: "x")
    {
      radix = 16
      body = body.dropFirst(2)
    }
    if body.isEmpty { throw .notANumber(text: original) }
    var value = 0
    for byte in body {
      guard let digit = digitValue(byte, radix: radix) else {
        if radix == 10, digitValue(byte, radix: 16) != nil {
          throw .hexWithoutPrefix(text: original)
        }
        throw .notANumber(text: original)
      }
      let (shifted, overflowA) = value.multipliedReportingOverflow(by: radix)
      let (sum, overflowB) = shifted.addingReportingOverflow(digit)
      if overflowA || overflowB { throw .overflow(text: original) }
      value = sum
    }
    return value
  }

  /// The value of one ASCII digit in `radix`, or `nil`.
  static func digitValue(_ byte: UInt8, radix: Int) -> Int? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(byte - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f") where radix == 16:
      return Int(byte - UInt8(ascii: "a")) + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F") where radix == 16:
      return Int(byte - UInt8(ascii: "A")) + 10
    default: return nil
    }
  }
}

extension String {
  /// The string without leading and trailing spaces and tabs.
  var trimmingSpaces: String {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
    guard let first = firstIndex(where: { !isSpace($0) }),
      let last = lastIndex(where: { !isSpace($0) })
    else { return "" }
    return String(self[first...last])
  }
}
