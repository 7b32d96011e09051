/// Reads bytes from hex text in the forms people copy: `de ad be ef`, `deadbeef`, `DE:AD`,
/// `0xde, 0xad`, `{ 0xde, 0xad }` (a C array), `\xde\xad` (a C or Python string), and any mix of
/// them across spaces, tabs and lines.
///
/// Between bytes, white space (line breaks included), commas, colons, semicolons, braces and
/// brackets are separators. A run of hex digits without a prefix holds two digits per byte; after
/// `0x` a run of one or two digits is one byte (`0x1` is `01`), a longer one two digits per byte
/// (`0xdeadbeef`); after `\x` come one or two digits for one byte. Anything else is refused with
/// its position: nothing is half-read. The text is read in one pass without copying it, so
/// megabytes of hex cost little more than the bytes they spell.
///
/// ```swift
/// try HexText.bytes(from: "{ 0xde, 0xad }")   // [0xDE, 0xAD]
/// try HexText.bytes(from: "de zz")            // throws: 'z' is not a hex digit at position 4
/// ```
public enum HexText {
  /// The bytes `text` spells.
  ///
  /// - Throws: ``HexTextError`` for a character that is not hex, a run with an odd number of
  ///   digits, a prefix without digits, or text without any byte.
  public static func bytes(from text: String) throws(HexTextError) -> [UInt8] {
    let scalars = text.unicodeScalars
    var bytes: [UInt8] = []
    bytes.reserveCapacity(text.utf8.count / 2)
    var index = scalars.startIndex
    while index < scalars.endIndex {
      let start = index
      if isSeparator(scalars[index]) {
        scalars.formIndex(after: &index)
        continue
      }
      let prefix = prefix(in: scalars, at: index)
      if prefix != nil {
        scalars.formIndex(&index, offsetBy: 2)
      } else if hexValue(of: scalars[index]) == nil {
        throw .notHexDigit(text[start], position: position(of: start, in: text))
      }
      let run = readRun(in: scalars, from: &index, maximum: prefix == "\\x" ? 2 : .max, into: &bytes)
      switch (prefix, run.count, run.unpaired) {
      case (let prefix?, 0, _):
        throw .prefixWithoutDigits(prefix: prefix, position: position(of: start, in: text))
      case (_?, 1, let digit?):
        bytes.append(digit)  // `0x1` and `\x1` are one byte
      case (_, _, nil):
        break
      case (_, _, _?):
        throw .oddDigitCount(group: String(text[start..<index]), position: position(of: start, in: text))
      }
    }
    guard !bytes.isEmpty else { throw .empty }
    return bytes
  }

  private static func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar {
    case ",", ":", ";", "{", "}", "[", "]": true
    default: scalar.properties.isWhitespace
    }
  }

  /// The value of an ASCII hex digit.
  private static func hexValue(of scalar: Unicode.Scalar) -> UInt8? {
    switch scalar.value {
    case 0x30...0x39: UInt8(scalar.value - 0x30)
    case 0x41...0x46: UInt8(scalar.value - 0x41 + 10)
    case 0x61...0x66: UInt8(scalar.value - 0x61 + 10)
    default: nil
    }
  }

  /// `0x` or `\x` (either case of `x`) at `index`, if there.
  private static func prefix(in scalars: String.UnicodeScalarView, at index: String.Index) -> String? {
    let first = scalars[index]
    guard first == "0" || first == "\\" else { return nil }
    let next = scalars.index(after: index)
    guard next < scalars.endIndex, scalars[next] == "x" || scalars[next] == "X" else { return nil }
    return "\(first)x"
  }

  /// Reads a run of at most `maximum` hex digits from `index` on, appending two digits per byte.
  ///
  /// - Returns: How many digits were read, and the last one when it was left without a partner.
  private static func readRun(
    in scalars: String.UnicodeScalarView, from index: inout String.Index, maximum: Int, into bytes: inout [UInt8]
  ) -> (count: Int, unpaired: UInt8?) {
    var count = 0
    var high: UInt8?
    while index < scalars.endIndex, count < maximum, let value = hexValue(of: scalars[index]) {
      if let pending = high {
        bytes.append(pending << 4 | value)
        high = nil
      } else {
        high = value
      }
      count += 1
      scalars.formIndex(after: &index)
    }
    return (count, high)
  }

  /// Where `index` lies in `text`, in characters: a column, or a line and a column when the
  /// text has several lines.
  private static func position(of index: String.Index, in text: String) -> HexTextError.Position {
    let before = text[..<index]
    let isMultiline = text.contains { $0.isNewline }
    guard isMultiline else { return HexTextError.Position(line: nil, column: before.count + 1) }
    let line = before.count { $0.isNewline } + 1
    let lineStart = before.lastIndex { $0.isNewline }.map { before.index(after: $0) } ?? before.startIndex
    return HexTextError.Position(line: line, column: before[lineStart...].count + 1)
  }
}
