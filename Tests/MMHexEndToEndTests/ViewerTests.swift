import Foundation
import Testing

/// The interactive viewer, driven through tmux exactly as a person would use it.
@Suite struct ViewerTests {
  static let knownBytes = Array("Hello, mmhex!\nThis is a small known file.".utf8) + [0x00, 0x01, 0x02, 0xFF]
  static let keyHints = "F1 help  Ctrl-G go to  Ctrl-F find  Tab pane  Ctrl-S save  Ctrl-Q quit"

  /// A 100-column status line: name and markers left, position right (tmux drops the trailing blank).
  /// The status line with `left` at the left and `position` at the right, followed by the
  /// typing mode (`OVR`, or `INS` with `inserting`) unless the file is read-only.
  static func statusLine(_ left: String, _ position: String, width: Int = 100, inserting: Bool = false) -> String {
    let position = left.contains("[read-only]") ? position : position + (inserting ? " INS" : " OVR")
    return " " + left + String(repeating: " ", count: width - 1 - left.count - position.count - 1) + position
  }

  @Test func firstScreenOfASmallFile() throws {
    let folder = try TemporaryDirectory()
    let path = try folder.file("known.bin", bytes: Self.knownBytes)
    let session = try TmuxSession(mmhex: [path])
    let screen = try session.waitForText(Self.keyHints)
    var expected = [
      "00000000  48 65 6c 6c 6f 2c 20 6d  6d 68 65 78 21 0a 54 68  Hello, mmhex!.Th",
      "00000010  69 73 20 69 73 20 61 20  73 6d 61 6c 6c 20 6b 6e  is is a small kn",
      "00000020  6f 77 6e 20 66 69 6c 65  2e 00 01 02 ff           own file.....",
    ]
    expected += Array(repeating: "", count: 25)
    expected.append(Self.statusLine("known.bin", "0x00000000  0 / 45 bytes  0%"))
    expected.append(Self.keyHints)
    #expect(screen == expected)
  }

  @Test func cursorIsShownInBothPanesAndTabSwitchesTheActiveOne() throws {
    let folder = try TemporaryDirectory()
    let path = try folder.file("known.bin", bytes: Self.knownBytes)
    let session = try TmuxSession(mmhex: ["--color", "never", path])
    try session.waitForText(Self.keyHints)
    let reverse = "\u{1B}[7m"
    let underline = "\u{1B}[4m"
    // Active hex pane: the byte is reversed there and underlined in the text pane.
    let hexActive = try session.styledScreen()[0]
    #expect(hexActive.hasPrefix("00000000  \(reverse)48"))
    #expect(hexActive.contains("  \(underline)H"))
    try session.press("Tab")
    let textActive = try session.waitFor("the text pane to be active", styled: true) { $0[0].contains("  \(reverse)H") }
    #expect(textActive[0].hasPrefix("00000000  \(underline)48"))
  }

  @Test func readOnlyFlagIsShownInTheStatusLine() throws {
    let folder = try TemporaryDirectory()
    let path = try folder.file("known.bin", bytes: Self.knownBytes)
    let session = try TmuxSession(mmhex: ["-r", path])
    let screen = try session.waitForText(Self.keyHints)
    #expect(screen[28] == Self.statusLine("known.bin [read-only]", "0x00000000  0 / 45 bytes  0%"))
  }

  @Test func startOffsetAndWidthOptions() throws {
    let folder = try TemporaryDirectory()
    let path = try folder.file("known.bin", bytes: Self.knownBytes)
    let session = try TmuxSession(mmhex: ["--offset", "0x21", "--width", "8", path])
    let screen = try session.waitForText(Self.keyHints)
    #expect(screen.contains("00000020  6f 77 6e 20 66 69 6c 65  own file"))
    #expect(screen[28] == Self.statusLine("known.bin", "0x00000021  33 / 45 bytes  75%"))
  }

  @Test func scratchBufferWithoutAFile() throws {
    let session = try TmuxSession(mmhex: ["--scratch-size", "0x100"])
    let screen = try session.waitForText(Self.keyHints)
    #expect(screen[0] == "00000000  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  ................")
    #expect(screen[15] == "000000f0  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  ................")
    #expect(screen[16] == "")
    #expect(screen[28] == Self.statusLine("[scratch]", "0x00000000  0 / 256 bytes  0%"))
  }

  @Test func goToFarIntoATebibyteSparseFileAndBack() throws {
    let folder = try TemporaryDirectory()
    let size = 1 << 40
    let path = try folder.sparseFile(
      "huge.bin", size: size,
      patches: [(offset: (1 << 32) + 5, bytes: Array("MIDDLE01".utf8)), (offset: size - 8, bytes: Array("ENDMARK!".utf8))])
    let session = try TmuxSession(mmhex: [path])
    try session.waitForText(Self.keyHints)

    try session.press("C-g")
    try session.waitForText("Go to offset:")
    try session.type("0x100000005")
    try session.press("Enter")
    // Wait for every row the test checks: a capture can land in the middle of a frame.
    let middleRow = "00100000000  00 00 00 00 00 4d 49 44  44 4c 45 30 31 00 00 00  .....MIDDLE01..."
    let middleStatus = Self.statusLine("huge.bin", "0x00100000005  4294967301 / 1099511627776 bytes  0%")
    let middle = try session.waitFor("the middle row and its status") {
      $0.contains(middleRow) && $0.count > 28 && $0[28] == middleStatus
    }
    #expect(middle.contains(middleRow))
    #expect(middle[28] == middleStatus)

    try session.press("C-End")
    let endRow = "0fffffffff0  00 00 00 00 00 00 00 00  45 4e 44 4d 41 52 4b 21  ........ENDMARK!"
    let endStatus = Self.statusLine("huge.bin", "0x0ffffffffff  1099511627775 / 1099511627776 bytes  100%")
    let end = try session.waitFor("the last row and its status") {
      $0.count > 28 && $0[27] == endRow && $0[28] == endStatus
    }
    #expect(end[27] == endRow)
    #expect(end[28] == endStatus)

    try session.press("C-Home")
    let startStatus = Self.statusLine("huge.bin", "0x00000000000  0 / 1099511627776 bytes  0%")
    let start = try session.waitFor("the start of the file") {
      $0.first?.hasPrefix("00000000000  ") == true && $0.count > 28 && $0[28] == startStatus
    }
    #expect(start[28] == startStatus)
  }

  @Test func badGoToEntryChangesNothingAndEscapeCancels() throws {
    let folder = try TemporaryDirectory()
    let path = try folder.file("known.bin", bytes: Self.knownBytes)
    let session = try TmuxSession(mmhex: [path])
    try session.waitForText(Self.keyHints)
    try session.press("C-g")
    try session.waitForText("Go to offset:")
    try session.type("zz")
    try session.press("Enter")
    let refused = try session.waitFor("a message about the entry") { screen in
      !screen[29].hasPrefix("Go to offset:") && screen[29] != Self.keyHints || screen[29].contains("zz")
    }
    #expect(refused[28] == Self.statusLine("known.bin", "0x00000000  0 / 45 bytes  0%"))
    try session.press("Escape")
    try session.press("C-g")
    try session.waitForText("Go to offset:")
    try session.type("0x10")
    try session.press("Escape")
    let cancelled = try session.waitForAbsence(of: "Go to offset:")
    #expect(cancelled[28] == Self.statusLine("known.bin", "0x00000000  0 / 45 bytes  0%"))
  }

  @Test func resizeToTinyAndBack() throws {
    let folder = try TemporaryDirectory()
    let path = try folder.file("known.bin", bytes: Self.knownBytes)
    let session = try TmuxSession(mmhex: [path])
    try session.waitForText(Self.keyHints)
    try session.resize(columns: 14, rows: 3)
    try session.waitForText("too small")
    try session.resize(columns: 60, rows: 10)
    let narrow = try session.waitForText("00000008  6d 68 65 78 21 0a 54 68  mhex!.Th")
    #expect(narrow[0] == "00000000  48 65 6c 6c 6f 2c 20 6d  Hello, m")
    try session.resize(columns: 100, rows: 30)
    let back = try session.waitFor("full-width rows") { $0.count == 30 && $0[29] == Self.keyHints }
    #expect(back[0] == "00000000  48 65 6c 6c 6f 2c 20 6d  6d 68 65 78 21 0a 54 68  Hello, mmhex!.Th")
    #expect(back[28] == Self.statusLine("known.bin", "0x00000000  0 / 45 bytes  0%"))
    #expect(try session.exitStatus() == nil)
  }

  @Test func helpOpensWithF1AndClosesWithEscapeAndQ() throws {
    let folder = try TemporaryDirectory()
    let path = try folder.file("known.bin", bytes: Self.knownBytes)
    let session = try TmuxSession(mmhex: [path])
    try session.waitForText(Self.keyHints)
    for closingKey in ["Escape", "q"] {
      try session.press("F1")
      let keys = ["Ctrl-G", "Ctrl-S", "PgDn", "Ctrl-Home", "Tab"]
      // Wait for the whole help screen, not just its first line: a capture can land mid-frame.
      let help = try session.waitFor("the help screen with its keys") { lines in
        lines.contains { $0.contains("Esc or q closes") } && keys.allSatisfy { key in lines.contains { $0.contains(key) } }
      }
      for key in keys {
        #expect(help.contains { $0.contains(key) }, "help lacks \(key)")
      }
      try session.press(closingKey)
      let closed = try session.waitFor("the file rows back") {
        $0.contains(Self.keyHints) && $0.first?.hasPrefix("00000000  48 65") == true
      }
      #expect(closed[0].hasPrefix("00000000  48 65"))
    }
    #expect(try session.exitStatus() == nil)
  }

  @Test func anUnknownEscapeSequenceIsNotTypedIntoTheFile() throws {
    let folder = try TemporaryDirectory()
    let path = try folder.file("known.bin", bytes: Self.knownBytes)
    let session = try TmuxSession(mmhex: [path])
    try session.waitForText(Self.keyHints)
    // In the text pane every printable character is typed over a byte; the rest of a sequence
    // the terminal description does not know must not be.
    try session.press("Tab")
    try session.type("\u{1B}[99~")
    let screen = try session.waitForText("An unrecognized key sequence does nothing here; F1 lists the keys")
    #expect(screen[28] == Self.statusLine("known.bin", "0x00000000  0 / 45 bytes  0%"))
    try session.press("C-q")
    #expect(try session.waitForExit() == 0, "no unsaved changes, so no question")
    #expect(try Array(Data(contentsOf: URL(fileURLWithPath: path))) == Self.knownBytes)
  }

  @Test func controlQQuitsRestoresTheTerminalAndLeavesTheFileUnchanged() throws {
    let folder = try TemporaryDirectory()
    var random = SeededBytes(seed: 7)
    let original = random.bytes(10_000)
    let path = try folder.file("random.bin", bytes: original)
    let session = try TmuxSession(mmhex: [path])
    try session.waitForText(Self.keyHints)
    for key in ["Down", "NPage", "Right", "End", "Tab", "Left", "PPage", "C-End", "Up", "C-Home"] {
      try session.press(key)
    }
    try session.press("C-q")
    #expect(try session.waitForExit() == 0)
    // The alternate screen is gone: nothing of the viewer is left, only what the shell printed.
    #expect(try session.screen().filter { !$0.isEmpty } == ["\(TmuxSession.exitMarker)0]"])
    #expect(try Array(Data(contentsOf: URL(fileURLWithPath: path))) == original)
  }

  @Test func terminationSignalRestoresTheTerminal() throws {
    let folder = try TemporaryDirectory()
    let path = try folder.file("known.bin", bytes: Self.knownBytes)
    let session = try TmuxSession(mmhex: [path])
    try session.waitForText(Self.keyHints)
    let pid = try session.programID()
    #expect(kill(pid, SIGTERM) == 0)
    // Ended by SIGTERM itself (the handler re-raises it after restoring the terminal).
    #expect(try session.waitForExit() == 128 + SIGTERM)
    // Nothing of the viewer is left; the shell may say "Terminated" before printing the status.
    let after = try session.screen().filter { !$0.isEmpty }
    #expect(after.last == "\(TmuxSession.exitMarker)\(128 + SIGTERM)]")
    #expect(after.allSatisfy { !$0.contains("known.bin") && !$0.hasPrefix("00000000") && !$0.contains("F1 help") })
  }
}
