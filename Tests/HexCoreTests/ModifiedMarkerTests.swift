import Foundation
import MemMap
import Testing

@testable import HexCore

/// The status line's `[modified: …]` marker tells the truth whenever a save would write
/// something: after deletions too, and after undoing across a save; the questions before
/// quitting and reloading say the same.
@Suite("Editor: the modified marker counts deleted bytes")
struct ModifiedMarkerTests {
  static let size = TerminalSize(columns: 80, rows: 4)
  let directory: TemporaryDirectory
  /// `data.bin`, the bytes 0 to 31.
  let path: String

  init() throws {
    directory = try TemporaryDirectory()
    path = try directory.file("data.bin", bytes: countingBytes(32))
  }

  static func openEditor(_ path: String) throws -> Editor {
    Editor(
      document: Document(mapping: try MemMap.open(path, mode: .readOnly), path: path, isReadOnly: false),
      configuration: EditorConfiguration(bytesPerRow: 16))
  }

  /// A status line 80 columns wide: `left`, then `position` at the right edge.
  static func status(_ left: String, _ position: String) -> String {
    " " + left + String(repeating: " ", count: size.columns - 2 - left.count - position.count) + position + " "
  }

  /// The status line (the second to last row).
  static func statusLine(_ editor: Editor) -> String {
    editor.render(size: size).lines[2].text
  }

  @Test func deletingBytesShowsHowManyAndCtrlQAsks() throws {
    let editor = try Self.openEditor(path)
    editor.press(.delete, .delete, .delete)
    #expect(
      Self.statusLine(editor) == Self.status("data.bin [modified: 3 bytes deleted]", "0x00000000  0 / 29 bytes  0% OVR"))
    #expect(editor.hasUnsavedChanges)

    #expect(editor.press(.control("q")) == .continue)
    #expect(
      editor.questionText
        == "your edits are not saved (3 bytes deleted). Save before quitting? y: save and quit, n: quit without saving, "
        + "Esc: stay")
    editor.press(.escape)
    editor.press(.delete)
    #expect(
      Self.statusLine(editor) == Self.status("data.bin [modified: 4 bytes deleted]", "0x00000000  0 / 28 bytes  0% OVR"))

    editor.press(.control("s"))
    #expect(try contents(of: path) == countingBytes(28, from: 4))
    #expect(
      Self.statusLine(editor) == Self.status("data.bin", "0x00000000  0 / 28 bytes  0% OVR"))
    #expect(editor.press(.control("q")) == .quit)
  }

  @Test func aByteInsertedAndDeletedAgainIsNoChange() throws {
    let editor = try Self.openEditor(path)
    editor.press(.insert)
    editor.type("ab")
    #expect(
      Self.statusLine(editor) == Self.status("data.bin [modified: 1 byte]", "0x00000001  1 / 33 bytes  3% INS"))
    editor.press(.backspace)
    #expect(
      Self.statusLine(editor) == Self.status("data.bin", "0x00000000  0 / 32 bytes  0% INS"))
    #expect(!editor.hasUnsavedChanges)
    #expect(editor.press(.control("q")) == .quit)
  }

  @Test func insertedAndDeletedBytesTogetherSayBoth() throws {
    let editor = try Self.openEditor(path)
    editor.press(.insert)
    editor.type("ab")
    editor.press(.delete, .delete, .delete)
    #expect(
      Self.statusLine(editor) == Self.status("data.bin [modified: 1 byte, 2 bytes shorter]", "0x00000001  1 / 30 bytes  3% INS"))
    editor.press(.control("q"))
    #expect(
      editor.questionText
        == "your edits are not saved (1 byte changed, 2 bytes shorter). Save before quitting? y: save and quit, "
        + "n: quit without saving, Esc: stay")
    editor.press(.escape, .control("r"))
    #expect(
      editor.questionText
        == "Reload 'data.bin' from disk? d: drop your edits (1 byte changed, 2 bytes shorter), k: keep them over it, "
        + "Esc: stay")
  }

  @Test func undoingAnInsertAcrossASaveIsADeletionToSave() throws {
    let editor = try Self.openEditor(path)
    editor.press(.insert)
    editor.type("ab")
    editor.type("cd")
    editor.press(.control("s"))
    #expect(try contents(of: path) == [0xAB, 0xCD] + countingBytes(32))
    #expect(
      Self.statusLine(editor) == Self.status("data.bin", "0x00000002  2 / 34 bytes  6% INS"))

    editor.press(.control("z"))
    #expect(
      Self.statusLine(editor) == Self.status("data.bin [modified: 1 byte deleted]", "0x00000001  1 / 33 bytes  3% INS"))
    editor.press(.control("z"))
    #expect(
      Self.statusLine(editor) == Self.status("data.bin [modified: 2 bytes deleted]", "0x00000000  0 / 32 bytes  0% INS"))
    editor.press(.control("q"))
    #expect(editor.questionText.hasPrefix("your edits are not saved (2 bytes deleted). Save before quitting?"))
    editor.press(.escape, .control("s"))
    #expect(try contents(of: path) == countingBytes(32))
    #expect(
      Self.statusLine(editor) == Self.status("data.bin", "0x00000000  0 / 32 bytes  0% INS"))
  }

  @Test func theCompareViewsStatusLinesAndItsQuitQuestionShowDeletions() throws {
    let first = try directory.file("a.bin", bytes: countingBytes(32))
    let second = try directory.file("b.bin", bytes: countingBytes(32))
    let editor = try Self.openEditor(first)
    editor.compare(with: Document(mapping: try MemMap.open(second, mode: .readOnly), path: second, isReadOnly: false))
    editor.press(.delete)
    let status = editor.render(size: TerminalSize(columns: 160, rows: 6)).lines[4].text
    #expect(status.hasPrefix(" a.bin [modified: 1 byte deleted] "))
    #expect(status.contains(" b.bin  "))

    editor.press(.control("w"))
    #expect(editor.press(.control("q")) == .continue)
    #expect(
      editor.questionText
        == "'a.bin': your edits are not saved (1 byte deleted). Save before quitting? y: save and quit, "
        + "n: quit without saving, Esc: stay")
  }
}
