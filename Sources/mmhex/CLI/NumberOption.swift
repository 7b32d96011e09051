import HexCore

/// Reads the numbers given to command-line options: decimal (`4096`) or `0x` hex (`0x1000`).
enum NumberOption {
  /// Parses `text`, the value of `option` (named in the error, e.g. `--offset`).
  ///
  /// - Parameter minimum: the smallest value the option accepts.
  /// - Throws: ``CommandLineFailure`` naming the option and the value.
  static func parse(_ text: String, option: String, minimum: Int = 0) throws(CommandLineFailure) -> Int {
    let value: Int
    do {
      value = try NumberParser.parse(text)
    } catch {
      throw .invalidNumber(option, error)
    }
    guard value >= minimum else {
      throw .outOfRange(option, text, expected: "is too small (the least is \(minimum))")
    }
    return value
  }
}
