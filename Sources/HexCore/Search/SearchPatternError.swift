/// Why a search pattern could not be parsed.
///
/// Positions are 1-based and count characters of the pattern as typed, so a message can point
/// at the offending character.
public enum SearchPatternError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The pattern has no bytes at all (nothing but spaces, or nothing typed).
  case empty
  /// A character that is neither a hex digit, `?`, white space nor part of a `0x` prefix.
  case notHexDigit(Character, position: Int)
  /// A group of hex digits (between spaces) has an odd number of digits, so it does not make
  /// whole bytes.
  case oddDigitCount(group: String, position: Int)
  /// A `0x` prefix with no digits after it.
  case prefixWithoutDigits(position: Int)
  /// Every byte of the pattern is the `??` wildcard, so it would match at every offset.
  case onlyWildcards

  /// A one-line message for the user, e.g. `'x' is not a hex digit at position 1`.
  public var description: String {
    switch self {
    case .empty:
      return "the pattern is empty"
    case .notHexDigit(let character, let position):
      return "'\(character)' is not a hex digit at position \(position)"
    case .oddDigitCount(let group, let position):
      return "'\(group)' at position \(position) has an odd number of hex digits; each byte takes two"
    case .prefixWithoutDigits(let position):
      return "'0x' at position \(position) has no hex digits after it"
    case .onlyWildcards:
      return "the pattern has only wildcards (??), so it would match everywhere"
    }
  }
}
