import Foundation
import Testing

/// Keys that do nothing are named as people say them, from the terminal's own description.
@Suite struct KeyNameTests {
  @Test func unboundKeysAreNamedAsPeopleSayThem() throws {
    let folder = try TemporaryDirectory()
    let path = try folder.file("known.bin", bytes: ViewerTests.knownBytes)
    let session = try TmuxSession(mmhex: [path])
    try session.waitForText(ViewerTests.keyHints)
    let keys = [
      ("C-Right", "Ctrl-Right"), ("M-Left", "Alt-Left"), ("C-Up", "Ctrl-Up"),
      ("C-S-Left", "Ctrl-Shift-Left"), ("C-S-Right", "Ctrl-Shift-Right"), ("S-F1", "Shift-F1"), ("C-F5", "Ctrl-F5"),
      ("M-x", "Alt-x"),
    ]
    for (tmuxKey, name) in keys {
      try session.press(tmuxKey)
      try session.waitForLine(29, "\(name) does nothing here; F1 lists the keys")
      try session.press("Escape")
      try session.waitForLine(29, ViewerTests.keyHints)
    }
    #expect(try session.screen()[28] == ViewerTests.statusLine("known.bin", "0x00000000  0 / 45 bytes  0%"))
  }

  /// tmux sends Home and End as `ESC [ 1 ~` and `ESC [ 4 ~`, which xterm's description does not
  /// list (xterm sends `ESC O H`): the sequences many terminals send are understood anyway.
  @Test func homeAndEndWorkWhicheverCommonSequenceTheTerminalSends() throws {
    let folder = try TemporaryDirectory()
    let path = try folder.file("known.bin", bytes: ViewerTests.knownBytes)
    let session = try TmuxSession(mmhex: [path])
    try session.waitForText(ViewerTests.keyHints)
    try session.press("End")
    try session.waitForLine(28, ViewerTests.statusLine("known.bin", "0x0000000f  15 / 45 bytes  34%"))
    try session.press("Home")
    try session.waitForLine(28, ViewerTests.statusLine("known.bin", "0x00000000  0 / 45 bytes  0%"))
    try session.press("End")
    try session.waitForLine(28, ViewerTests.statusLine("known.bin", "0x0000000f  15 / 45 bytes  34%"))
    try session.type("\u{1B}[7~")  // rxvt's Home, as from a terminal that claims to be xterm
    let screen = try session.waitForLine(28, ViewerTests.statusLine("known.bin", "0x00000000  0 / 45 bytes  0%"))
    #expect(screen[29] == ViewerTests.keyHints)
  }

  /// A terminal sends Alt-x as Esc and x; in the text pane that must not type x over a byte.
  @Test func altWithALetterIsAChordNotTyping() throws {
    let folder = try TemporaryDirectory()
    let path = try folder.file("known.bin", bytes: ViewerTests.knownBytes)
    let session = try TmuxSession(mmhex: [path])
    try session.waitForText(ViewerTests.keyHints)
    try session.press("Tab")
    try session.press("M-x")
    let screen = try session.waitForLine(29, "Alt-x does nothing here; F1 lists the keys")
    #expect(screen[28] == ViewerTests.statusLine("known.bin", "0x00000000  0 / 45 bytes  0%"))
    try session.press("C-q")
    #expect(try session.waitForExit() == 0, "nothing was typed, so nothing asks to be saved")
    #expect(try Array(Data(contentsOf: URL(fileURLWithPath: path))) == ViewerTests.knownBytes)
  }
}
