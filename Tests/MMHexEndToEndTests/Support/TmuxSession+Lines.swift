import Foundation

extension TmuxSession {
  /// Polls until screen row `row` is exactly `expected` and returns that screen.
  @discardableResult
  func waitForLine(_ row: Int, _ expected: String) throws -> [String] {
    try waitFor("row \(row) to be '\(expected)'") { $0.count > row && $0[row] == expected }
  }

  /// Polls until screen row `row` matches the whole of the regular expression `pattern` and
  /// returns that screen.
  @discardableResult
  func waitForLine(_ row: Int, matching pattern: String) throws -> [String] {
    let regex = try Regex(pattern)
    return try waitFor("row \(row) to match /\(pattern)/") { $0.count > row && $0[row].wholeMatch(of: regex) != nil }
  }

  /// Starts mmhex with 16-byte rows (`--width 16`) in a window `columns` wide and waits for its
  /// first screen.
  static func viewer(_ arguments: [String], columns: Int) throws -> TmuxSession {
    let session = try TmuxSession(mmhex: ["--width", "16"] + arguments, columns: columns)
    try session.waitForText(ViewerTests.keyHints)
    return session
  }
}
