import Foundation
import MemMap
import Testing

@testable import HexCore

@Suite("Editor: the open file deleted or replaced on disk")
struct EditorReloadTests {
  static let size = TerminalSize(columns: 120, rows: 6)

  /// An editor on the file at `path`.
  func openEditor(_ path: String) throws -> Editor {
    Editor(
      document: Document(mapping: try MemMap.open(path), path: path, isReadOnly: false),
      configuration: EditorConfiguration(bytesPerRow: 16))
  }

  func contents(_ path: String) throws -> [UInt8] {
    Array(try Data(contentsOf: URL(fileURLWithPath: path)))
  }

  /// Renames `source` over `destination`, as `mv` does.
  func rename(_ source: String, over destination: String) throws {
    try #require(Foundation.rename(source, destination) == 0)
  }

  @Test("a file renamed over the open one is noticed while idle; saving refuses; Ctrl-R, k keeps the edits over it")
  func replacedKeepingEdits() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.file("data.bin", bytes: countingBytes(32))
    let other = try directory.file("other.bin", bytes: [UInt8](repeating: 0xEE, count: 32))
    let editor = try openEditor(path)
    editor.type("0102")
    _ = editor.render(size: Self.size)
    #expect(!editor.idle())

    try rename(other, over: path)
    #expect(editor.idle(), "the idle check notices the new file")
    #expect(editor.document.pathChange == .replaced)
    var frame = editor.render(size: Self.size)
    #expect(frame.lines[4].text.hasPrefix(" data.bin [modified: 2 bytes] [replaced on disk] "))
    #expect(frame.lines[5].text == "'data.bin' was replaced on disk by another file; you see the old one. Ctrl-R reloads it")
    #expect(frame.lines[0].text.hasPrefix("00000000  01 02 02 03"), "the old bytes stay on screen, never mixed")

    editor.press(.control("s"))
    #expect(
      editor.message
        == EditorMessage(
          "not saved: 'data.bin' was replaced by another file; Ctrl-R reloads it, Ctrl-O saves elsewhere",
          isError: true))
    #expect(try contents(path) == [UInt8](repeating: 0xEE, count: 32), "nothing went into the new file")

    editor.press(.control("r"))
    #expect(editor.mode == .confirming(.reload))
    #expect(
      editor.questionText
        == "Reload 'data.bin' from disk? d: drop your 2 changed bytes, k: keep them over it, Esc: stay")
    editor.press(.character("k"))
    #expect(editor.mode == .browsing)
    #expect(editor.message == EditorMessage("reloaded 'data.bin' (32 bytes) and kept your edits: 2 bytes differ from it"))
    #expect(editor.shownBytes == [0x01, 0x02] + [UInt8](repeating: 0xEE, count: 30))
    #expect(editor.document.pathChange == nil)
    frame = editor.render(size: Self.size)
    #expect(frame.lines[4].text.hasPrefix(" data.bin [modified: 2 bytes] "))
    #expect(!frame.lines[4].text.contains("on disk"))

    // Now the user chose the new file: Ctrl-S saves into it, asking nothing.
    editor.press(.control("s"))
    #expect(editor.message == EditorMessage("saved 2 bytes"))
    #expect(try contents(path) == [0x01, 0x02] + [UInt8](repeating: 0xEE, count: 30))
    editor.press(.control("z"))
    #expect(editor.shownBytes == [UInt8](repeating: 0xEE, count: 32), "the kept edits are one undo step")
  }

  @Test("Ctrl-R, d drops the edits; Esc stays with nothing changed; without edits it reloads at once")
  func replacedDroppingEdits() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.file("data.bin", bytes: countingBytes(32))
    let editor = try openEditor(path)
    editor.press(.controlEnd)
    editor.type("ff")
    try rename(try directory.file("short.bin", bytes: [0xAB, 0xCD]), over: path)
    _ = editor.idle()

    editor.press(.control("r"), .escape)
    #expect(editor.message == EditorMessage("not reloaded: nothing changed"))
    #expect(editor.document.count == 32)
    editor.press(.control("r"), .character("k"))
    #expect(
      editor.message
        == EditorMessage(
          "cannot keep your edits: some lie past the end of the new file (2 bytes); nothing was reloaded",
          isError: true))
    #expect(editor.document.count == 32)
    #expect(editor.hasUnsavedChanges)

    editor.press(.control("r"), .character("d"))
    #expect(editor.message == EditorMessage("reloaded 'data.bin' (2 bytes)"))
    #expect(editor.shownBytes == [0xAB, 0xCD])
    #expect(!editor.hasUnsavedChanges)
    #expect(editor.viewport.cursor == 1, "the cursor stays inside the reloaded file")
    #expect(editor.render(size: Self.size).lines[4].text.hasPrefix(" data.bin "))

    try rename(try directory.file("third.bin", bytes: [0x11]), over: path)
    _ = editor.idle()
    editor.press(.control("r"))
    #expect(editor.mode == .browsing, "nothing pending: nothing to ask")
    #expect(editor.shownBytes == [0x11])
  }

  @Test("a deleted file is noticed while idle; saving and reloading refuse; Ctrl-O writes it back")
  func deleted() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.file("data.bin", bytes: countingBytes(32))
    let editor = try openEditor(path)
    editor.type("aa")
    try FileManager.default.removeItem(atPath: path)
    #expect(editor.idle())
    let frame = editor.render(size: Self.size)
    #expect(frame.lines[4].text.hasPrefix(" data.bin [modified: 1 byte] [deleted on disk] "))
    #expect(
      frame.lines[5].text
        == "'data.bin' was deleted on disk; you see its last bytes. Ctrl-O saves them to a file")

    editor.press(.control("s"))
    #expect(
      editor.message
        == EditorMessage(
          "not saved: 'data.bin' was deleted; Ctrl-O saves what you see (edits included) to a file", isError: true))
    #expect(!FileManager.default.fileExists(atPath: path), "a save never recreates the file silently")
    editor.press(.control("q"), .character("y"))
    #expect(editor.mode == .browsing, "Ctrl-Q, y could not save, so it does not quit")
    editor.press(.control("r"))
    #expect(editor.message?.text.hasPrefix("cannot reload: 'data.bin' was deleted; Ctrl-O saves") == true)

    editor.press(.control("o"), .enter)
    #expect(try contents(path) == [0xAA] + countingBytes(31, from: 1))
    #expect(editor.document.pathChange == nil)
    #expect(!editor.hasUnsavedChanges)
  }
}
