/// Why hex text could not be read as bytes (see ``HexText``).
public enum HexTextError: Error, Hashable, Sendable, CustomStringConvertible {
  /// Where in the text a problem starts: 1-based, in characters.
  public struct Position: Hashable, Sendable, CustomStringConvertible {
    /// The line, or `nil` when the text has only one.
    public var line: Int?
    /// The column on that line.
    public var column: Int

    /// Creates a position.
    public init(line: Int?, column: Int) {
      self.line = line
      self.column = column
    }

    /// `position 7`, or `line 2, column 3` in text of several lines.
    public var description: String {
      guard let line else { return "position \(column)" }
      return "line \(line), column \(column)"
    }
  }

  /// The text holds no byte (nothing but separators).
  case empty
  /// A character that is neither a hex digit, a separator nor part of a `0x` or `\x` prefix.
  case notHexDigit(Character, position: Position)
  /// A run of hex digits that does not make whole bytes.
  case oddDigitCount(group: String, position: Position)
  /// A `0x` or `\x` prefix with no hex digit after it.
  case prefixWithoutDigits(prefix: String, position: Position)

  /// One line saying what is wrong and where, e.g. `'z' is not a hex digit at position 4`.
  public var description: String {
    switch self {
    case .empty:
      "there are no hex bytes in it"
    case .notHexDigit(let character, let position):
      "\(Self.quoted(character)) is not a hex digit at \(position)"
    case .oddDigitCount(let group, let position):
      "'\(group)' at \(position) has an odd number of hex digits; each byte takes two"
    case .prefixWithoutDigits(let prefix, let position):
      "'\(prefix)' at \(position) has no hex digits after it"
    }
  }

  /// The character in quotes, or its code point when it cannot be shown (a control character).
  private static func quoted(_ character: Character) -> String {
    guard let scalar = character.unicodeScalars.first, scalar.properties.generalCategory == .control else {
      return "'\(character)'"
    }
    let digits = String(scalar.value, radix: 16, uppercase: true)
    return "U+" + String(repeating: "0", count: max(4 - digits.count, 0)) + digits
  }
}
