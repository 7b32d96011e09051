import Foundation
import MemMap
import Testing

@testable import HexCore

/// Save-as of a large document runs in the background like a long save in place: its progress
/// on the bottom line, Esc before the new file replaces the destination leaving the destination
/// (existing or not) exactly as it was and nothing behind, the pending edits kept.
@Suite("Editor: long save-as in the background", .serialized)
struct EditorBackgroundSaveAsTests {
  typealias Long = EditorBackgroundSaveTests

  /// An editor over a new copy of ``EditorBackgroundSaveTests/original`` in `directory`, with
  /// its first byte overwritten by 0xAB (no piece table), drawn once.
  static func editorWithOverwrite(in directory: TemporaryDirectory) throws -> (Editor, String) {
    let path = try directory.file("data.bin", bytes: Long.original)
    let document = Document(mapping: try MemMap.open(path), path: path, isReadOnly: false)
    let editor = Editor(document: document, configuration: EditorConfiguration())
    _ = editor.render(size: Long.size)
    editor.type("ab")
    #expect(editor.session.table == nil)
    return (editor, path)
  }

  /// The names in `directory`, sorted (a temporary file left behind would show here).
  static func names(in directory: TemporaryDirectory) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: directory.url.path).sorted()
  }

  static func cancelledMessage(_ name: String) -> EditorMessage {
    EditorMessage("save to '\(name)' cancelled; nothing was written, your edits are still pending")
  }

  /// Ctrl-O, the path, Enter (and `answers`), with the save paused after its first chunk.
  static func startPausedSaveAs(_ editor: Editor, to path: String, answering answers: [Key] = []) -> SaveGate {
    let gate = SaveGate { done, _ in done > 0 }
    editor.backgroundSaveObserver = gate.observer
    editor.press(.control("o"), .control("u"))
    editor.type(path)
    for key in [.enter] + answers { #expect(editor.handle(key) == .continue) }
    gate.waitUntilPaused()
    return gate
  }

  @Test("Esc cancels a save-as to a new path: no file is created, nothing is left behind, edits pending")
  func escapeCancelsSaveAsToANewPath() throws {
    let directory = try TemporaryDirectory()
    let (editor, path) = try Self.editorWithOverwrite(in: directory)
    let copy = directory.url.appendingPathComponent("copy.bin").path
    let rowsBefore = editor.render(size: Long.size).lines.prefix(4)

    let gate = Self.startPausedSaveAs(editor, to: copy)
    #expect(editor.isSaving)
    // 1 MiB of 24 MiB written.
    #expect(Long.withoutSpeed(Long.bottomLine(editor)) == "saving 'copy.bin': 4% at SPEED  Esc cancels")
    #expect(editor.render(size: Long.size).lines.prefix(4) == rowsBefore)
    editor.type("cd")
    #expect(
      Long.withoutSpeed(Long.bottomLine(editor))
        == "saving 'copy.bin': 4% at SPEED  Esc cancels, other keys are ignored")
    editor.press(.escape)
    #expect(Long.withoutSpeed(Long.bottomLine(editor)) == "saving 'copy.bin': 4% at SPEED  cancelling")
    gate.resume()
    editor.waitForSave()
    #expect(editor.idle())
    #expect(!editor.isSaving)
    #expect(editor.message == Self.cancelledMessage("copy.bin"))
    #expect(
      Long.bottomLine(editor) == "save to 'copy.bin' cancelled; nothing was written, your edits are still pending")
    #expect(try Self.names(in: directory) == ["data.bin"])
    #expect(try Long.contents(path) == Long.original)
    #expect(editor.hasUnsavedChanges)
    #expect(editor.document.path == path)

    // Saving again, to the end this time, writes exactly the edited document and goes on there.
    editor.backgroundSaveObserver = nil
    editor.press(.control("o"), .control("u"))
    editor.type(copy)
    editor.press(.enter)
    editor.waitForSave()
    _ = editor.idle()
    #expect(editor.message == EditorMessage("saved \(Long.fileSize) bytes to '\(copy)'"))
    #expect(try Long.contents(copy) == [0xAB] + Long.original.dropFirst())
    #expect(try Long.contents(path) == Long.original)
    #expect(try Self.names(in: directory) == ["copy.bin", "data.bin"])
    #expect(editor.document.path == copy)
    #expect(!editor.hasUnsavedChanges)
  }

  @Test("Esc cancels a save-as over an existing file: its bytes and inode stay, nothing is left behind")
  func escapeCancelsSaveAsOverAnExistingFile() throws {
    let directory = try TemporaryDirectory()
    let (editor, _) = try Self.editorWithOverwrite(in: directory)
    let existing = try directory.file("taken.bin", bytes: [9, 8, 7])
    let inode = try MemMap.status(ofFile: existing).identity

    let gate = Self.startPausedSaveAs(editor, to: existing, answering: [.character("y")])
    #expect(Long.withoutSpeed(Long.bottomLine(editor)) == "saving 'taken.bin': 4% at SPEED  Esc cancels")
    editor.press(.escape)
    gate.resume()
    editor.waitForSave()
    _ = editor.idle()
    #expect(editor.message == Self.cancelledMessage("taken.bin"))
    #expect(try Long.contents(existing) == [9, 8, 7])
    #expect(try MemMap.status(ofFile: existing).identity == inode)
    #expect(try Self.names(in: directory) == ["data.bin", "taken.bin"])
    #expect(editor.hasUnsavedChanges)
  }

  @Test("the scratch buffer's first save of a grown document runs in the background and writes exactly")
  func scratchBufferSaveAsOfAGrownDocument() throws {
    let directory = try TemporaryDirectory()
    let editor = Editor(document: try makeDocument(Long.original, path: nil), configuration: EditorConfiguration())
    _ = editor.render(size: Long.size)
    editor.press(.insert)
    editor.type("abcd")
    #expect(editor.contentCount == Long.fileSize + 2)
    let path = directory.url.appendingPathComponent("grown.bin").path

    let gate = SaveGate { done, _ in done > 0 }
    editor.backgroundSaveObserver = gate.observer
    editor.press(.control("s"))
    #expect(editor.mode == .prompting(.saveAs(thenQuit: false)))
    editor.type(path)
    editor.press(.enter)
    gate.waitUntilPaused()
    #expect(Long.withoutSpeed(Long.bottomLine(editor)) == "saving 'grown.bin': 4% at SPEED  Esc cancels")
    // Ctrl-Q waits for the save, then quits.
    #expect(editor.press(.control("q")) == .continue)
    #expect(
      Long.withoutSpeed(Long.bottomLine(editor)) == "saving 'grown.bin' before quitting: 4% at SPEED  Esc cancels")
    gate.resume()
    editor.waitForSave()
    #expect(editor.idle())
    #expect(editor.wantsToQuit)
    #expect(editor.message == EditorMessage("saved \(Long.fileSize + 2) bytes to '\(path)'"))
    #expect(try Long.contents(path) == [0xAB, 0xCD] + Long.original)
    #expect(try Self.names(in: directory) == ["grown.bin"])
    #expect(editor.document.path == path)
    #expect(!editor.hasUnsavedChanges)
  }

  @Test("a small save-as finishes before Enter returns")
  func smallSaveAsFinishesAtOnce() throws {
    let directory = try TemporaryDirectory()
    let editor = Editor(document: try makeDocument([1, 2, 3], path: nil), configuration: EditorConfiguration())
    editor.backgroundSaveObserver = { _, _ in Issue.record("a small save-as is not run in the background") }
    editor.press(.insert)
    editor.type("ab")
    let path = directory.url.appendingPathComponent("small.bin").path
    editor.press(.control("s"))
    editor.type(path)
    editor.press(.enter)
    #expect(!editor.isSaving)
    #expect(editor.message == EditorMessage("saved 4 bytes to '\(path)'"))
    #expect(try Long.contents(path) == [0xAB, 1, 2, 3])
  }
}
