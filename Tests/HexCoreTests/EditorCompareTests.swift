import Foundation
import MemMap
import Testing

@testable import HexCore

@Suite("Editor: the compare view")
struct EditorCompareTests {
  /// 64 counting bytes; the second file differs at 0x11-0x12 and 0x30, and has 4 more bytes.
  static let first = countingBytes(64)
  static let second: [UInt8] = {
    var bytes = countingBytes(64) + [0xAA, 0xBB, 0xCC, 0xDD]
    bytes[0x11] = 0xFF
    bytes[0x12] = 0xFE
    bytes[0x30] = 0x00
    return bytes
  }()
  static let wide = TerminalSize(columns: 160, rows: 8)
  static let narrow = TerminalSize(columns: 80, rows: 9)

  func makeEditor(_ first: [UInt8] = first, _ second: [UInt8] = second) throws -> Editor {
    try makeComparingEditor(first, second)
  }

  func settle(_ editor: Editor) { settleComparison(editor) }

  /// Compares two 4 GiB anonymous maps of zeros.
  static func makeZeroPairEditor() throws -> Editor {
    let size = 4 << 30
    let editor = Editor(
      document: Document(mapping: try MemMap.anonymous(size: size), path: "a.bin", isReadOnly: false),
      configuration: EditorConfiguration())
    editor.compare(with: Document(mapping: try MemMap.anonymous(size: size), path: "b.bin", isReadOnly: false))
    return editor
  }

  static let firstRow1 = "00000010  10 11 12 13 14 15 16 17  18 19 1a 1b 1c 1d 1e 1f  ................"
  static let secondRow1 = "00000010  10 ff fe 13 14 15 16 17  18 19 1a 1b 1c 1d 1e 1f  ................"
  static let tailRow = "00000040  aa bb cc dd                                       ...."

  @Test("side by side: the same offset, differing bytes highlighted in both, blanks past the shorter end")
  func sideBySide() throws {
    let editor = try makeEditor()
    let frame = editor.render(size: Self.wide)
    let pad = String(repeating: " ", count: 78 - Self.firstRow1.count)
    #expect(frame.lines[1].text == Self.firstRow1 + pad + "   " + Self.secondRow1)
    #expect(frame.lines[4].text == String(repeating: " ", count: 81) + Self.tailRow)
    #expect(
      frame.lines[6].text
        == " a.bin                                       0x00000000  0 / 64 bytes  0% OVR     "
        + "b.bin                                           0x00000000  0 / 68 bytes  0% ")
    #expect(frame.lines[7].text == "7 differing bytes in 3 runs  F8 next  F7 previous  Ctrl-W other file  F1 help")
    #expect(
      frame.lines[1].styleDump == [
        "offset:00000010", "plain:  ", "control:10 ", "differs:11 12",
        "control: 13 14 15 16 17  18 19 1a 1b 1c 1d 1e 1f", "plain:  ", "control:.", "differs:..",
        "control:.............", "plain:  ", "plain:   ", "offset:00000010", "plain:  ", "control:10 ",
        "differs:ff fe", "control: 13 14 15 16 17  18 19 1a 1b 1c 1d 1e 1f", "plain:  ", "control:.",
        "differs:..", "control:.............",
      ])
    #expect(frame.lines[4].styleDump.contains("differs:aa bb cc dd"))
    // The active file's status line is the status bar; the other one is plain.
    #expect(frame.lines[6].runs.first?.style == .statusBar)
    #expect(frame.lines[6].runs.last?.style == .plain)
    #expect(frame.cursor! == (0, 10))
  }

  @Test("stacked when two blocks do not fit side by side, each with its status line")
  func stacked() throws {
    let editor = try makeEditor()
    _ = editor.render(size: Self.narrow)
    editor.press(.control("w"))
    editor.press(.down)
    let frame = editor.render(size: Self.narrow)
    #expect(
      frame.screen == """
        00000000  00 01 02 03 04 05 06 07  08 09 0a 0b 0c 0d 0e 0f  ................|
        00000010  10 11 12 13 14 15 16 17  18 19 1a 1b 1c 1d 1e 1f  ................|
        00000020  20 21 22 23 24 25 26 27  28 29 2a 2b 2c 2d 2e 2f   !"#$%&'()*+,-./|
         a.bin                                           0x00000010  16 / 64 bytes  25% |
        00000000  00 01 02 03 04 05 06 07  08 09 0a 0b 0c 0d 0e 0f  ................|
        00000010  10 ff fe 13 14 15 16 17  18 19 1a 1b 1c 1d 1e 1f  ................|
        00000020  20 21 22 23 24 25 26 27  28 29 2a 2b 2c 2d 2e 2f   !"#$%&'()*+,-./|
         b.bin                                       0x00000010  16 / 68 bytes  23% OVR |
        7 differing bytes in 3 runs  F8 next  F7 previous  Ctrl-W other file  F1 help|
        """)
    // The cursor is in the second block, which is active.
    #expect(frame.cursor! == (5, 10))
  }

  @Test("F8 and Enter go to the next run start, F7 to the previous; past the shorter end in the longer file")
  func nextAndPrevious() throws {
    let editor = try makeEditor()
    editor.press(.function(8))
    settle(editor)
    #expect(editor.viewport.cursor == 0x11)
    #expect(editor.message == EditorMessage("difference at 0x11  (F8 next, F7 previous)"))
    editor.press(.enter)
    settle(editor)
    #expect(editor.viewport.cursor == 0x30)
    editor.press(.function(8))
    settle(editor)
    #expect(editor.document.displayName == "b.bin")
    #expect(editor.viewport.cursor == 0x40)
    #expect(editor.message == EditorMessage("difference at 0x40; only 'b.bin' has bytes here  (F8 next, F7 previous)"))
    editor.press(.function(8))
    settle(editor)
    #expect(editor.viewport.cursor == 0x40)
    #expect(editor.message == EditorMessage("no more differences after 0x40"))
    editor.press(.function(7))
    settle(editor)
    #expect(editor.viewport.cursor == 0x30)
    editor.press(.right)
    editor.press(.function(7))
    settle(editor)
    #expect(editor.viewport.cursor == 0x30)
    editor.press(.function(7))
    editor.press(.function(7))
    settle(editor)
    #expect(editor.viewport.cursor == 0x11)
    editor.press(.function(7))
    settle(editor)
    #expect(editor.message == EditorMessage("no more differences before 0x11"))
  }

  @Test("edits in either file change the highlighting and the count; Ctrl-W edits the other file")
  func highlightingFollowsEdits() throws {
    let editor = try makeEditor()
    editor.press(.function(8))
    settle(editor)
    editor.type("ff")
    settle(editor)
    var frame = editor.render(size: Self.wide)
    #expect(frame.lines[1].styleDump.contains("edited:ff"))
    // 0x11 now agrees (ff in both), 0x12 still differs (under the cursor on the left).
    #expect(frame.lines[1].styleDump.contains("differs:fe"))
    #expect(frame.lines[1].styleDump.contains("nonASCII:ff "))
    #expect(frame.lines[7].text.hasPrefix("6 differing bytes in 3 runs"))
    editor.press(.control("w"))
    editor.type("12")
    settle(editor)
    frame = editor.render(size: Self.wide)
    #expect(!frame.lines[1].styleDump.contains { $0.hasPrefix("differs:") })
    #expect(frame.lines[7].text.hasPrefix("5 differing bytes in 2 runs"))
    #expect(editor.session.edits.byte(at: 0x12) == 0x12)
    #expect(frame.lines[6].text.contains("b.bin [modified: 1 byte]"))
    #expect(frame.lines[6].text.contains("a.bin [modified: 1 byte]"))
  }

  @Test("quitting asks about unsaved edits in the file that is not active too")
  func quitAsksAboutBothFiles() throws {
    let editor = try makeEditor()
    editor.type("77")
    editor.press(.control("w"))
    #expect(editor.handle(.control("q")) == .continue)
    #expect(editor.document.displayName == "a.bin")
    #expect(
      editor.questionText
        == "'a.bin': 1 changed byte is not saved. Save before quitting? y: save and quit, n: quit without saving, Esc: stay")
    #expect(editor.handle(.escape) == .continue)
    #expect(editor.handle(.control("q")) == .continue)
    #expect(editor.handle(.character("n")) == .quit)
  }

  @Test("without a second file, F8, F7 and Ctrl-W say what they are for")
  func keysOutsideTheCompareView() throws {
    let editor = Editor(document: try makeDocument(Self.first), configuration: EditorConfiguration())
    editor.press(.function(8))
    #expect(
      editor.message
        == EditorMessage(
          "F8, F7 and Enter (hex pane) find differences in the compare view: open two files with 'mmhex A B'",
          isError: true))
    editor.press(.function(7))
    #expect(editor.message?.text == Editor.noComparisonNote)
    editor.press(.control("w"))
    #expect(
      editor.message == EditorMessage("Ctrl-W switches files in the compare view: open two files with 'mmhex A B'", isError: true))
  }

  @Test("without colour, differing bytes keep their own style")
  func withoutColour() throws {
    let editor = Editor(
      document: try makeDocument(Self.first, path: "a.bin"), configuration: EditorConfiguration(showsColor: false))
    editor.compare(with: try makeDocument(Self.second, path: "b.bin"))
    let line = editor.render(size: Self.wide).lines[1].styleDump
    #expect(line.contains("differs:11 12"))
    #expect(line.contains("plain:  10 "))
  }

  @Test("a long search for a difference shows its progress, keeps keys live, and Esc cancels it")
  func escCancelsALongSearch() throws {
    // No difference anywhere, so the search runs far past its first 30 ms wait (comparing
    // 8 GiB takes a good part of a second at the very least).
    let editor = try Self.makeZeroPairEditor()
    editor.press(.function(8))
    #expect(editor.isScanningDifferences)
    let bottom = editor.render(size: Self.wide).lines[7].text
    #expect(bottom.hasPrefix("looking for the next difference: "), "\(bottom)")
    #expect(bottom.hasSuffix("  Esc cancels"))
    editor.press(.right)
    #expect(editor.viewport.cursor == 1)
    editor.press(.escape)
    #expect(editor.message == EditorMessage("search cancelled"))
    #expect(editor.viewport.cursor == 1)
  }
}

extension EditorCompareTests {
  @Test("the active file's selection is drawn and shown on its status line")
  func selectionInTheActiveFile() throws {
    let editor = try makeEditor()
    editor.press(.right.with(.shift), .right.with(.shift))
    #expect(editor.selection == 0..<3)
    let frame = editor.render(size: Self.wide)
    #expect(frame.lines[6].text.hasPrefix(" a.bin"))
    #expect(frame.lines[6].text.contains("selected 0x00000000  3 bytes"))
    #expect(frame.lines[6].text.components(separatedBy: "selected").count == 2, "only the active file shows it")
    #expect(frame.lines[0].styleDump.contains { $0.hasPrefix("selection:") })
  }
}

extension EditorCompareTests {
  @Test("a long count shows its progress, keys stay live, and Ctrl-Q quits at once, stopping it")
  func quittingDuringALongCount() throws {
    // No holes to skip in anonymous maps: the count takes far longer than a key press.
    let editor = try Self.makeZeroPairEditor()
    #expect(editor.isScanningDifferences)
    let bottom = editor.render(size: Self.wide).lines[7].text
    #expect(bottom.hasPrefix("counting differences: "), "\(bottom)")
    editor.press(.right)
    #expect(editor.viewport.cursor == 1)
    #expect(editor.handle(.control("q")) == .quit)
    #expect(!editor.isScanningDifferences)
  }
}
