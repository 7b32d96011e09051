/// Why a go-to entry was refused; ``description`` is the message the prompt shows.
public enum OffsetExpressionError: Error, Hashable, Sendable, CustomStringConvertible {
  /// Nothing was typed.
  case empty
  /// A term is not a number, `N%` or `end`.
  case invalidNumber(NumberParseError)
  /// An operator with nothing after it, as in `0x10+`.
  case missingTerm(text: String)
  /// The arithmetic does not fit in a 64-bit signed integer.
  case overflow(text: String)
  /// The result lies before offset 0.
  case beforeStart(offset: Int)
  /// The result lies past the last byte of a file of `count` bytes (the message gives the size).
  case beyondEnd(offset: Int, count: Int)
  /// A percentage above 100.
  case percentTooLarge(percent: Int)

  /// One line saying what is wrong.
  public var description: String {
    switch self {
    case .empty:
      "type an offset: 0x1f, 31, +16, -0x10, 50%, end or end-16"
    case .invalidNumber(let error):
      error.description
    case .missingTerm(let text):
      "'\(text)' ends with an operator; a number must follow"
    case .overflow(let text):
      "'\(text)' is too large"
    case .beforeStart(let offset):
      "that is \(offset.magnitude) byte\(offset.magnitude == 1 ? "" : "s") before the start of the file"
    case .beyondEnd(let offset, let count):
      count == 0
        ? "the file is empty; only offset 0 exists"
        : "0x\(String(offset, radix: 16)) is beyond the end of the \(count)-byte file (last offset 0x\(String(count - 1, radix: 16)))"
    case .percentTooLarge(let percent):
      "\(percent)% is more than 100%"
    }
  }
}
