import Foundation
import Testing

/// Prompts that open with text show it selected: typing replaces it, arrows keep it. Ctrl-F,
/// Enter on the match of the same pattern goes on to the next match.
@Suite struct PromptSelectionTests {
  static let columns = SearchTests.columns

  @Test func saveAsReplacesTheOfferedPathWithWhatIsTyped() throws {
    let folder = try TemporaryDirectory()
    let original = [UInt8](0..<64)
    let path = try folder.file("ls3.bin", bytes: original)
    let copy = folder.path("copy.bin")
    let session = try SearchTests.open([path])
    try session.type("ff")
    try session.press("C-o")
    try session.waitForLine(29, "Save as: \(path)")
    // The offered path is drawn selected (reverse video).
    try session.waitFor("the path drawn reversed", styled: true) { lines in
      guard lines.count > 29, let label = lines[29].range(of: "Save as: "), let shown = lines[29].range(of: path)
      else { return false }
      // Between the label and the path: only attribute changes, reverse video (7) among them.
      let attributes = lines[29][label.upperBound..<shown.lowerBound]
      return attributes.contains("7m") && attributes.allSatisfy { "\u{1B}[0123456789;m".contains($0) }
    }
    // Typing replaces the path: no 'ls3.bincopy.bin'.
    try session.type(copy)
    try session.waitForLine(29, "Save as: \(copy)")
    try session.press("Enter")
    try session.waitForLine(29, "saved 64 bytes to '\(copy)'")
    #expect(try EditingTests.contents(copy) == [0xFF] + original.dropFirst())
    #expect(try EditingTests.contents(path) == original)

    // Right keeps the offered path and edits it at its end.
    try session.press("C-o", "Right")
    try session.type(".bak")
    try session.waitForLine(29, "Save as: \(copy).bak")
    try session.press("Escape")
  }

  @Test func findOffersTheLastPatternSelectedAndEnterGoesToTheNextMatch() throws {
    let folder = try TemporaryDirectory()
    let pattern: [UInt8] = [0xCA, 0xFE]
    let bytes = try SearchTests.bytes(count: 4096, seed: 21, planting: pattern, at: [0x100, 0x344, 0x900])
    let path = try folder.file("data.bin", bytes: bytes)
    let session = try SearchTests.open([path])
    try SearchTests.find("ca fe", in: session)
    try session.waitForLine(29, "match at 0x100  (Ctrl-N next, Ctrl-P previous)")
    // Ctrl-F offers 'ca fe'; Enter on its match goes to the next one, not the same one again.
    try session.press("C-f")
    try session.waitForLine(29, "\(SearchTests.hexLabel) ca fe")
    try session.press("Enter")
    try session.waitForLine(29, "match at 0x344  (Ctrl-N next, Ctrl-P previous)")
    try session.press("C-f", "Enter")
    try session.waitForLine(29, "match at 0x900  (Ctrl-N next, Ctrl-P previous)")
    // Typing replaces the offered pattern instead of appending to it.
    try session.press("C-f")
    try session.waitForLine(29, "\(SearchTests.hexLabel) ca fe")
    try session.type("fe")
    try session.waitForLine(29, "\(SearchTests.hexLabel) fe")
    try session.press("Enter")
    try session.waitForLine(29, "match at 0x901  (Ctrl-N next, Ctrl-P previous)")
  }
}
