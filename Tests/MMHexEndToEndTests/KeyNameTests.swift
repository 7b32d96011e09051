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
      ("S-Right", "Shift-Right"), ("IC", "Insert"), ("M-Left", "Alt-Left"), ("C-Space", "Ctrl-Space"),
      ("C-S-Left", "Ctrl-Shift-Left"), ("S-Home", "Shift-Home"), ("S-F1", "Shift-F1"), ("C-F5", "Ctrl-F5"),
    ]
    for (tmuxKey, name) in keys {
      try session.press(tmuxKey)
      try session.waitForLine(29, "\(name) does nothing here; F1 lists the keys")
      try session.press("Escape")
      try session.waitForLine(29, ViewerTests.keyHints)
    }
    #expect(try session.screen()[28] == ViewerTests.statusLine("known.bin", "0x00000000  0 / 45 bytes  0%"))
  }
}
