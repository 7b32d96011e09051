import Foundation
import MemMap
import Testing

@testable import HexCore

@Suite("Editor: typing, undo and redo")
struct EditorEditingTests {
  static let sample = Array("0123456789abcdefghijklmnopqrstuvwxyzABCD".utf8)
  static let size = TerminalSize(columns: 76, rows: 6)

  func makeEditor(readOnly: Bool = false) throws -> Editor {
    Editor(document: try makeDocument(Self.sample, isReadOnly: readOnly), configuration: EditorConfiguration())
  }

  @Test("hex digits overwrite the high nibble, then the low one, then advance")
  func hexTyping() throws {
    let editor = try makeEditor()
    editor.type("4")
    #expect(editor.viewport.cursor == 0, "the cursor waits for the low nibble")
    var frame = editor.render(size: Self.size)
    #expect(frame.lines[0].text.hasPrefix("00000000  40 31"), "0x30 with its high nibble replaced by 4")
    #expect(frame.cursor?.column == 11, "the hardware cursor sits on the second digit")
    editor.type("1")
    #expect(editor.viewport.cursor == 1)
    #expect(editor.session.edits.byte(at: 0) == 0x41)
    frame = editor.render(size: Self.size)
    #expect(
      frame.screen == """
        00000000  41 31 32 33 34 35 36 37  38 39 61 62 63 64 65 66  A123456789abcdef|
        00000010  67 68 69 6a 6b 6c 6d 6e  6f 70 71 72 73 74 75 76  ghijklmnopqrstuv|
        00000020  77 78 79 7a 41 42 43 44                           wxyzABCD|
        |
         sample.bin [modified: 1 byte]             0x00000001  1 / 40 bytes  2% OVR |
        F1 help  Ctrl-G go to  Ctrl-F find  Tab pane  Ctrl-S save  Ctrl-Q quit|
        """)
    #expect(frame.lines[0].runs.contains(StyledRun("41", .edited)))
    #expect(frame.lines[0].runs.contains(StyledRun("A", .edited)))
    #expect(frame.cursor?.column == 13)
  }

  @Test("moving away after one nibble starts the next byte at its high nibble")
  func movingEndsTheNibble() throws {
    let editor = try makeEditor()
    editor.type("f")
    editor.press(.right)
    editor.type("e")
    #expect(editor.session.edits.byte(at: 0) == 0xF0)
    #expect(editor.session.edits.byte(at: 1) == 0xE1)
    #expect(editor.viewport.cursor == 1)
  }

  @Test("the text pane overwrites whole bytes with printable characters")
  func textTyping() throws {
    let editor = try makeEditor()
    editor.press(.tab)
    editor.type("Hi!")
    #expect(editor.viewport.cursor == 3)
    #expect(editor.session.edits.runs == [EditRun(offset: 0, bytes: Array("Hi!".utf8))])
    #expect(editor.render(size: Self.size).lines[0].text.hasSuffix("Hi!3456789abcdef"))
    #expect(editor.session.changedByteCount == 3)
  }

  @Test("typing the value a byte already has changes nothing")
  func sameValue() throws {
    let editor = try makeEditor()
    editor.type("30")
    #expect(!editor.hasUnsavedChanges)
    #expect(editor.render(size: Self.size).lines[4].text.hasPrefix(" sample.bin" + String(repeating: " ", count: 10)))
  }

  @Test("typing at the last byte stays on it")
  func lastByte() throws {
    let editor = try makeEditor()
    editor.press(.controlEnd)
    editor.type("0000")
    #expect(editor.viewport.cursor == 39)
    #expect(editor.session.edits.byte(at: 39) == 0x00)
    #expect(editor.session.changedByteCount == 1)
  }

  @Test("undo reverts a whole byte (both nibbles), redo brings it back, the cursor follows")
  func undoRedo() throws {
    let editor = try makeEditor()
    editor.type("4142")
    editor.press(.tab)
    editor.type("Z")
    #expect(editor.session.edits.runs == [EditRun(offset: 0, bytes: [0x41, 0x42, 0x5A])])
    editor.press(.control("z"))
    #expect(editor.session.edits.runs == [EditRun(offset: 0, bytes: [0x41, 0x42])])
    #expect(editor.viewport.cursor == 2)
    editor.press(.control("z"))
    #expect(editor.session.edits.runs == [EditRun(offset: 0, bytes: [0x41])])
    #expect(editor.viewport.cursor == 1)
    editor.press(.control("z"))
    #expect(!editor.hasUnsavedChanges)
    #expect(editor.viewport.cursor == 0)
    editor.press(.control("z"))
    #expect(editor.message == EditorMessage("nothing to undo"))
    editor.press(.control("y"), .control("y"))
    #expect(editor.session.edits.runs == [EditRun(offset: 0, bytes: [0x41, 0x42])])
    #expect(editor.viewport.cursor == 1)
    editor.press(.control("y"), .control("y"))
    #expect(editor.message == EditorMessage("nothing to redo"))
    #expect(editor.session.edits.runs == [EditRun(offset: 0, bytes: [0x41, 0x42, 0x5A])])
  }

  @Test("undo in the middle of a byte reverts the half typed so far")
  func undoHalfByte() throws {
    let editor = try makeEditor()
    editor.type("7")
    editor.press(.control("z"))
    #expect(!editor.hasUnsavedChanges)
    editor.type("9")
    #expect(editor.session.edits.byte(at: 0) == 0x90, "after undo the next digit is a high nibble again")
  }

  @Test("a read-only session refuses every edit and says so")
  func readOnly() throws {
    let editor = try makeEditor(readOnly: true)
    editor.type("41")
    #expect(editor.message == EditorMessage("read-only: this file cannot be changed", isError: true))
    editor.press(.tab)
    editor.type("x")
    #expect(!editor.hasUnsavedChanges)
    #expect(editor.viewport.cursor == 0)
    editor.press(.control("s"))
    #expect(editor.message == EditorMessage("read-only: this file cannot be changed; nothing to save", isError: true))
    let frame = editor.render(size: Self.size)
    #expect(frame.lines[4].text.hasPrefix(" sample.bin [read-only] "))
    #expect(frame.lines[5].runs == [StyledRun("read-only: this file cannot be changed; nothing to save", .error)])
  }

  @Test("an empty file has nothing to overwrite")
  func emptyFile() throws {
    let editor = Editor(document: try makeDocument([]), configuration: EditorConfiguration())
    editor.type("4")
    #expect(
      editor.message
        == EditorMessage(
          "the file is empty: there is no byte to overwrite; press Insert to type bytes into it", isError: true))
    #expect(!editor.hasUnsavedChanges)
  }

  @Test("Ctrl-Q quits at once without changes; with changes it asks, and Esc stays")
  func quitQuestion() throws {
    let clean = try makeEditor()
    #expect(clean.handle(.control("q")) == .quit)

    let editor = try makeEditor()
    editor.type("41")
    #expect(editor.handle(.control("q")) == .continue)
    #expect(editor.mode == .confirming(.saveBeforeQuit))
    let question = "1 changed byte is not saved. Save before quitting? y: save and quit, n: quit without saving, Esc: stay"
    let frame = editor.render(size: TerminalSize(columns: 120, rows: 6))
    #expect(frame.lines[5].runs == [StyledRun(question, .prompt)])
    #expect(frame.cursor?.row == 5)
    #expect(editor.handle(.character("x")) == .continue, "other keys leave the question open")
    #expect(editor.mode == .confirming(.saveBeforeQuit))
    #expect(editor.handle(.escape) == .continue)
    #expect(editor.mode == .browsing)
    #expect(editor.hasUnsavedChanges)
    editor.press(.control("q"))
    #expect(editor.handle(.character("n")) == .quit)
  }
}
