/// Why a typed number was refused.
public enum NumberParseError: Error, Hashable, Sendable, CustomStringConvertible {
  /// Nothing was typed.
  case empty
  /// The text is not a decimal or `0x` hexadecimal number.
  case notANumber(text: String)
  /// The text holds hex letters but no `0x` prefix (`1f` instead of `0x1f`).
  case hexWithoutPrefix(text: String)
  /// The value does not fit in a 64-bit signed integer.
  case overflow(text: String)
  /// A negative value where only zero or more is allowed.
  case negative(text: String)

  /// One line saying what is wrong, quoting the text.
  public var description: String {
    switch self {
    case .empty: "no number given"
    case .notANumber(let text): "'\(text)' is not a number (use decimal like 4096 or hex like 0x1000)"
    case .hexWithoutPrefix(let text): "'\(text)' is not a decimal number (write hex with a 0x prefix)"
    case .overflow(let text): "'\(text)' is too large (the largest is \(Int.max))"
    case .negative(let text): "'\(text)' is negative; use zero or more"
    }
  }
}
