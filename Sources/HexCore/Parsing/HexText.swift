/// Reads bytes from hex text in the forms people copy: `de ad be ef`, `deadbeef`, `DE:AD`,
/// `0xde, 0xad`, `{ 0xde, 0xad }` (a C array), `\xde\xad` (a C or Python string), and any mix of
/// them across spaces, tabs and lines.
///
/// Between bytes, white space (line breaks included), commas, colons, semicolons, braces and
/// brackets are separators. A run of hex digits without a prefix holds two digits per byte; after
/// `0x` a run of one or two digits is one byte (`0x1` is `01`), a longer one two digits per byte
/// (`0xdeadbeef`); after `\x` come one or two digits for one byte. Anything else is refused with
/// its position: nothing is half-read.
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
    var reader = Reader(text)
    var bytes: [UInt8] = []
    while let character = reader.peek() {
      if isSeparator(character) {
        reader.advance()
      } else if let prefix = reader.prefix() {
        let position = reader.position
        reader.advance(by: 2)
        let digits = reader.hexDigits(maximum: prefix == "\\x" ? 2 : nil)
        guard !digits.isEmpty else { throw .prefixWithoutDigits(prefix: prefix, position: position) }
        if digits.count <= 2 {
          bytes.append(byte(digits[...]))
        } else {
          try appendPairs(digits, group: prefix + String(digits), position: position, to: &bytes)
        }
      } else if character.isHexDigit, character.isASCII {
        let position = reader.position
        let digits = reader.hexDigits(maximum: nil)
        try appendPairs(digits, group: String(digits), position: position, to: &bytes)
      } else {
        throw .notHexDigit(character, position: reader.position)
      }
    }
    guard !bytes.isEmpty else { throw .empty }
    return bytes
  }

  private static func isSeparator(_ character: Character) -> Bool {
    character.isWhitespace || ",:;{}[]".contains(character)
  }

  /// Appends two digits per byte; an odd count is refused.
  private static func appendPairs(
    _ digits: [Character], group: String, position: HexTextError.Position, to bytes: inout [UInt8]
  ) throws(HexTextError) {
    guard digits.count.isMultiple(of: 2) else { throw .oddDigitCount(group: group, position: position) }
    var index = 0
    while index < digits.count {
      bytes.append(byte(digits[index..<index + 2]))
      index += 2
    }
  }

  /// The value of one or two hex digits.
  private static func byte(_ digits: ArraySlice<Character>) -> UInt8 {
    digits.reduce(0) { $0 << 4 | UInt8($1.hexDigitValue ?? 0) }
  }

  /// Walks the text character by character, keeping the line and column.
  private struct Reader {
    private let characters: [Character]
    private let isMultiline: Bool
    private var index = 0
    private var line = 1
    private var column = 1

    init(_ text: String) {
      characters = Array(text)
      isMultiline = characters.contains { $0.isNewline }
    }

    var position: HexTextError.Position {
      HexTextError.Position(line: isMultiline ? line : nil, column: column)
    }

    func peek(_ ahead: Int = 0) -> Character? {
      index + ahead < characters.count ? characters[index + ahead] : nil
    }

    /// `0x` or `\x` (either case of `x`) at the reading point, if there.
    func prefix() -> String? {
      guard let first = peek(), first == "0" || first == "\\", let second = peek(1), second == "x" || second == "X"
      else { return nil }
      return "\(first)x"
    }

    mutating func advance(by count: Int = 1) {
      for _ in 0..<count where index < characters.count {
        if characters[index].isNewline {
          line += 1
          column = 1
        } else {
          column += 1
        }
        index += 1
      }
    }

    /// Reads hex digits, at most `maximum` of them.
    mutating func hexDigits(maximum: Int?) -> [Character] {
      var digits: [Character] = []
      while let character = peek(), character.isHexDigit, character.isASCII, digits.count < (maximum ?? .max) {
        digits.append(character)
        advance()
      }
      return digits
    }
  }
}
