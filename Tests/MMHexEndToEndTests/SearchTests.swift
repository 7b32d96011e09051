import Foundation
import Testing

/// Ctrl-F, Ctrl-N and Ctrl-P in the interactive editor, driven through tmux: the prompt, where
/// the cursor lands, the messages, and a long search that shows progress and can be cancelled.
///
/// The window is wider than usual so long prompts and errors are not cut off; `--width 16`
/// keeps rows at 16 bytes.
@Suite struct SearchTests {
  static let columns = 160
  static let keyHints = ViewerTests.keyHints
  static let hexLabel = "Find hex [Tab: text]:"
  static let textLabel = "Find text [Tab: hex, Ctrl-T: any case]:"
  static let anyCaseLabel = "Find text, any case [Tab: hex, Ctrl-T: exact case]:"

  /// The status line of the wide window.
  static func statusLine(_ left: String, _ position: String) -> String {
    ViewerTests.statusLine(left, position, width: columns)
  }

  /// Starts mmhex with 16-byte rows in the wide window and waits for its first screen.
  static func open(_ arguments: [String]) throws -> TmuxSession {
    try TmuxSession.viewer(arguments, columns: columns)
  }

  /// Every offset where `pattern` occurs in `bytes`.
  static func occurrences(of pattern: [UInt8], in bytes: [UInt8]) -> [Int] {
    guard bytes.count >= pattern.count else { return [] }
    return (0...(bytes.count - pattern.count)).filter { bytes[$0..<$0 + pattern.count].elementsEqual(pattern) }
  }

  /// Random bytes with `pattern` planted at `offsets` and nowhere else.
  static func bytes(count: Int, seed: UInt64, planting pattern: [UInt8], at offsets: [Int]) throws -> [UInt8] {
    var random = SeededBytes(seed: seed)
    var bytes = random.bytes(count)
    for offset in offsets { bytes.replaceSubrange(offset..<offset + pattern.count, with: pattern) }
    try #require(occurrences(of: pattern, in: bytes) == offsets, "the seed should not make more matches")
    return bytes
  }

  /// Opens the find prompt, types `pattern` and submits it.
  static func find(_ pattern: String, in session: TmuxSession, label: String = hexLabel) throws {
    try session.press("C-f")
    try session.waitForLine(29, label)
    try session.type(pattern)
    try session.waitForLine(29, "\(label) \(pattern)")
    try session.press("Enter")
  }

  @Test func findPromptMovesTheCursorToTheMatch() throws {
    let folder = try TemporaryDirectory()
    let pattern: [UInt8] = [0xDE, 0xAD, 0xBE, 0xEF]
    let data = try Self.bytes(count: 64 * 1024, seed: 21, planting: pattern, at: [0x1234])
    let path = try folder.file("data.bin", bytes: data)
    let session = try Self.open([path])
    try Self.find("de ad be ef", in: session)
    let found = try session.waitForLine(29, "match at 0x1234  (Ctrl-N next, Ctrl-P previous)")
    #expect(found[28] == Self.statusLine("data.bin", "0x00001234  4660 / 65536 bytes  7%"))
    // The match's row is now the top row.
    #expect(found[0] == ViewerRow.line(offset: 0x1230, bytes: data[0x1230..<0x1240]))
    #expect(found[0].hasPrefix("00001230  "))
    #expect(found[0].contains(" de ad be ef "))
  }

  @Test func nextAndPreviousVisitEveryMatchAndWrapAround() throws {
    let folder = try TemporaryDirectory()
    let pattern: [UInt8] = [0xCA, 0xFE, 0xBA, 0xBE]
    let data = try Self.bytes(count: 32 * 1024, seed: 22, planting: pattern, at: [0x100, 0x2000, 0x5000])
    let path = try folder.file("three.bin", bytes: data)
    let session = try Self.open([path])
    let steps: [(key: String?, message: String, position: String)] = [
      (nil, "match at 0x100  (Ctrl-N next, Ctrl-P previous)", "0x00000100  256 / 32768 bytes  0%"),
      ("C-n", "match at 0x2000  (Ctrl-N next, Ctrl-P previous)", "0x00002000  8192 / 32768 bytes  25%"),
      ("C-n", "match at 0x5000  (Ctrl-N next, Ctrl-P previous)", "0x00005000  20480 / 32768 bytes  62%"),
      ("C-n", "search wrapped past the end of the file: match at 0x100", "0x00000100  256 / 32768 bytes  0%"),
      ("C-p", "search wrapped past the start of the file: match at 0x5000", "0x00005000  20480 / 32768 bytes  62%"),
      ("C-p", "match at 0x2000  (Ctrl-N next, Ctrl-P previous)", "0x00002000  8192 / 32768 bytes  25%"),
      ("C-p", "match at 0x100  (Ctrl-N next, Ctrl-P previous)", "0x00000100  256 / 32768 bytes  0%"),
    ]
    for step in steps {
      if let key = step.key {
        try session.press(key)
      } else {
        try Self.find("cafebabe", in: session)
      }
      let screen = try session.waitForLine(29, step.message)
      #expect(screen[28] == Self.statusLine("three.bin", step.position), "after \(step.key ?? "Ctrl-F")")
    }
  }

  @Test func textSearchInTheTextPaneWithAndWithoutCase() throws {
    let folder = try TemporaryDirectory()
    let data = try Self.bytes(count: 4096, seed: 23, planting: Array("hello".utf8), at: [0x345])
    try #require(Self.occurrences(of: Array("HeLLo".utf8), in: data).isEmpty)
    let path = try folder.file("text.bin", bytes: data)
    let session = try Self.open([path])
    try session.press("Tab")

    // Exact case first: nothing, and the cursor stays.
    try Self.find("HeLLo", in: session, label: Self.textLabel)
    let missed = try session.waitForLine(29, "not found: \"HeLLo\"")
    #expect(missed[28] == Self.statusLine("text.bin", "0x00000000  0 / 4096 bytes  0%"))

    // The prompt keeps the text; Ctrl-T switches to any case, and back.
    try session.press("C-f")
    try session.waitForLine(29, "\(Self.textLabel) HeLLo")
    try session.press("C-t")
    try session.waitForLine(29, "\(Self.anyCaseLabel) HeLLo")
    try session.press("C-t")
    try session.waitForLine(29, "\(Self.textLabel) HeLLo")
    try session.press("C-t")
    try session.waitForLine(29, "\(Self.anyCaseLabel) HeLLo")
    try session.press("Enter")
    let found = try session.waitForLine(29, "match at 0x345  (Ctrl-N next, Ctrl-P previous)")
    #expect(found[28] == Self.statusLine("text.bin", "0x00000345  837 / 4096 bytes  20%"))
    #expect(found[0] == ViewerRow.line(offset: 0x340, bytes: data[0x340..<0x350]))
    #expect(found[0].contains("hello"))
  }

  @Test func tabInTheFindPromptSwitchesBetweenHexAndText() throws {
    let folder = try TemporaryDirectory()
    let data = try Self.bytes(count: 4096, seed: 24, planting: Array("AB".utf8), at: [0x777])
    let path = try folder.file("tab.bin", bytes: data)
    let session = try Self.open([path])
    try session.press("C-f")
    try session.waitForLine(29, Self.hexLabel)
    try session.type("41 42")
    try session.waitForLine(29, "\(Self.hexLabel) 41 42")
    // Case only applies to text.
    try session.press("C-t")
    try session.waitForLine(29, "\(Self.hexLabel) 41 42  case applies to text: Tab switches to text")
    // Each kind keeps its own text.
    try session.press("Tab")
    try session.waitForLine(29, Self.textLabel)
    try session.type("AB")
    try session.waitForLine(29, "\(Self.textLabel) AB")
    try session.press("Tab")
    try session.waitForLine(29, "\(Self.hexLabel) 41 42")
    try session.press("BTab")
    try session.waitForLine(29, "\(Self.textLabel) AB")
    try session.press("Enter")
    let found = try session.waitForLine(29, "match at 0x777  (Ctrl-N next, Ctrl-P previous)")
    #expect(found[28] == Self.statusLine("tab.bin", "0x00000777  1911 / 4096 bytes  46%"))
  }

  @Test func notFoundLeavesTheCursorWhereItWas() throws {
    let folder = try TemporaryDirectory()
    var random = SeededBytes(seed: 25)
    let data = random.bytes(4096)
    try #require(Self.occurrences(of: [1, 2, 3, 4, 5], in: data).isEmpty)
    let path = try folder.file("none.bin", bytes: data)
    let session = try Self.open([path])
    try session.press("Down", "Down", "Right")
    let before = try session.waitForLine(28, Self.statusLine("none.bin", "0x00000021  33 / 4096 bytes  0%"))
    try Self.find("01 02 03 04 05", in: session)
    let after = try session.waitForLine(29, "not found: 01 02 03 04 05")
    #expect(after[28] == before[28])
    #expect(after[0..<28] == before[0..<28])
  }

  @Test func badPatternKeepsThePromptOpenWithTheReason() throws {
    let folder = try TemporaryDirectory()
    let path = try folder.file("known.bin", bytes: ViewerTests.knownBytes)
    let session = try Self.open([path])
    try Self.find("abc", in: session)
    try session.waitForLine(
      29, "\(Self.hexLabel) abc  'abc' at position 1 has an odd number of hex digits; each byte takes two")
    // Editing the text clears the reason; a second bad pattern gives its own.
    try session.type("x")
    try session.waitForLine(29, "\(Self.hexLabel) abcx")
    try session.press("Enter")
    try session.waitForLine(29, "\(Self.hexLabel) abcx  'x' is not a hex digit at position 4")
    try session.press("Escape")
    let closed = try session.waitForLine(29, Self.keyHints)
    #expect(closed[28] == Self.statusLine("known.bin", "0x00000000  0 / 45 bytes  0%"))
    #expect(try session.exitStatus() == nil)
  }

  @Test func searchSeesPendingEdits() throws {
    let folder = try TemporaryDirectory()
    var random = SeededBytes(seed: 26)
    let original = random.bytes(4096)
    try #require(Self.occurrences(of: [0xCA, 0xFE], in: original).isEmpty)
    try #require(original[0x200] != 0xCA && original[0x201] != 0xFE)
    let path = try folder.file("pending.bin", bytes: original)
    let session = try Self.open([path])
    try session.press("C-g")
    try session.waitForText("Go to offset:")
    try session.type("0x200")
    try session.press("Enter")
    try session.waitForLine(28, Self.statusLine("pending.bin", "0x00000200  512 / 4096 bytes  12%"))
    try session.type("cafe")
    try session.waitForLine(28, Self.statusLine("pending.bin [modified: 2 bytes]", "0x00000202  514 / 4096 bytes  12%"))
    try session.press("C-Home")
    try session.waitForLine(28, Self.statusLine("pending.bin [modified: 2 bytes]", "0x00000000  0 / 4096 bytes  0%"))

    try Self.find("cafe", in: session)
    let found = try session.waitForLine(29, "match at 0x200  (Ctrl-N next, Ctrl-P previous)")
    #expect(found[28] == Self.statusLine("pending.bin [modified: 2 bytes]", "0x00000200  512 / 4096 bytes  12%"))
    var edited = original
    edited[0x200] = 0xCA
    edited[0x201] = 0xFE
    #expect(found[0] == ViewerRow.line(offset: 0x200, bytes: edited[0x200..<0x210]))
    // Still nothing on disk.
    #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == original)
    try session.press("C-q")
    try session.waitForLine(
      29, "2 changed bytes are not saved. Save before quitting? y: save and quit, n: quit without saving, Esc: stay")
    try session.press("n")
    #expect(try session.waitForExit() == 0)
    #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == original)
  }

  @Test func longSearchShowsProgressKeepsTheCursorMovingAndEscapeCancels() throws {
    let folder = try TemporaryDirectory()
    // Sparse, yet with no hole wide enough to skip: cheap to create, and long enough to search
    // that it is still running when the screen is looked at.
    let size = 64 << 30
    let path = try folder.slowToSearchFile("huge.bin", size: size)
    let session = try Self.open([path])
    try Self.find("01", in: session)
    let progress = #"searching for 01: \d{1,3}% at \d+\.\d (GB|MB)/s  Esc cancels"#
    try session.waitForLine(29, matching: progress)

    // The editor keeps answering keys while the search runs.
    try session.press("Down")
    let moved = try session.waitForLine(28, Self.statusLine("huge.bin", "0x0000000010  16 / 68719476736 bytes  0%"))
    #expect(moved[29].wholeMatch(of: try Regex(progress)) != nil)
    try session.press("Right")
    let movedAgain = try session.waitForLine(28, Self.statusLine("huge.bin", "0x0000000011  17 / 68719476736 bytes  0%"))
    #expect(movedAgain[29].wholeMatch(of: try Regex(progress)) != nil)

    try session.press("Escape")
    let cancelled = try session.waitForLine(29, "search cancelled")
    #expect(cancelled[28] == movedAgain[28])
    #expect(cancelled[1] == "0000000010  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  ................")
    try session.press("C-q")
    #expect(try session.waitForExit() == 0)
  }
}
