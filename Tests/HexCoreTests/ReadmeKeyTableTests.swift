import Foundation
import Testing

@testable import HexCore

/// The README's key table is the help screen's list, so the two can never disagree.
@Suite("README key table")
struct ReadmeKeyTableTests {
  /// The table the README must hold under `## Keys`, generated from ``KeyBinding/table``.
  static var expectedTable: [String] {
    ["| Key | Action |", "| --- | --- |"]
      + HelpScreen.entries.map { "| \($0.keys.replacingOccurrences(of: "|", with: "\\|")) | \($0.summary) |" }
  }

  @Test("the README's key table is generated from the key table")
  func readmeMatchesTheKeyTable() throws {
    let readme = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("README.md")
    let lines = try String(contentsOf: readme, encoding: .utf8).components(separatedBy: "\n")
    let section = try #require(lines.firstIndex(of: "## Keys"), "README has no '## Keys' section")
    let start = try #require(lines[section...].firstIndex(of: "| Key | Action |"), "no key table under '## Keys'")
    let table = Array(lines[start...].prefix { $0.hasPrefix("|") })
    #expect(
      table == Self.expectedTable,
      "replace the README's key table with:\n\(Self.expectedTable.joined(separator: "\n"))")
  }
}
