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
}
