import Foundation
import MemMap
import Testing

@testable import HexCore

@Suite("Editor: saving")
struct EditorSaveTests {
  static let sample = Array("0123456789abcdefghijklmnopqrstuvwxyzABCD".utf8)
  static let size = TerminalSize(columns: 100, rows: 6)

  func openEditor(_ path: String) throws -> Editor {
    let document = Document(mapping: try MemMap.open(path), path: path, isReadOnly: false)
    return Editor(document: document, configuration: EditorConfiguration())
  }

  func contents(_ path: String) throws -> [UInt8] {
    Array(try Data(contentsOf: URL(fileURLWithPath: path)))
  }

  @Test("Ctrl-S writes exactly the edited bytes; nothing reaches the file before")
  func saveInPlace() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.file("data.bin", bytes: Self.sample)
    let editor = try openEditor(path)
    editor.type("ff")
    editor.press(.controlEnd)
    editor.press(.tab)
    editor.type("!")
    #expect(try contents(path) == Self.sample, "pending edits stay in memory")
    editor.press(.control("s"))
    #expect(editor.message == EditorMessage("saved 2 bytes"))
    var expected = Self.sample
    expected[0] = 0xFF
    expected[39] = UInt8(ascii: "!")
    #expect(try contents(path) == expected)
    #expect(!editor.hasUnsavedChanges)
    #expect(!FileManager.default.fileExists(atPath: directory.url.appendingPathComponent(".data.bin.mmhex-journal").path))
    let frame = editor.render(size: Self.size)
    #expect(!frame.lines[4].text.contains("[modified"), "no modified marker after the save")
    #expect(frame.lines[0].text.hasPrefix("00000000  ff 31"), "the screen shows the saved file")
    editor.press(.control("s"))
    #expect(editor.message == EditorMessage("no changes to save"))
  }

  @Test("undo after a save makes new pending edits; saving them restores the file")
  func undoAfterSave() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.file("data.bin", bytes: Self.sample)
    let editor = try openEditor(path)
    editor.type("0102")
    editor.press(.control("s"))
    editor.press(.control("z"))
    #expect(editor.session.changedByteCount == 1)
    #expect(editor.render(size: Self.size).lines[4].text.contains("[modified: 1 byte]"))
    editor.press(.control("s"))
    var expected = Self.sample
    expected[0] = 0x01
    #expect(try contents(path) == expected)
    editor.press(.control("z"), .control("s"))
    #expect(try contents(path) == Self.sample)
    editor.press(.control("y"), .control("y"), .control("s"))
    expected[1] = 0x02
    #expect(try contents(path) == expected, "redo after saves")
  }

  @Test("Ctrl-Q, y saves and quits; n quits and leaves the file untouched")
  func quitAnswers() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.file("data.bin", bytes: Self.sample)
    var editor = try openEditor(path)
    editor.type("aa")
    editor.press(.control("q"))
    #expect(editor.handle(.character("n")) == .quit)
    #expect(try contents(path) == Self.sample)

    editor = try openEditor(path)
    editor.type("aa")
    editor.press(.control("q"))
    #expect(editor.handle(.character("y")) == .quit)
    var expected = Self.sample
    expected[0] = 0xAA
    #expect(try contents(path) == expected)
  }

  @Test("a file changed on disk by someone else: noticed, and Ctrl-S asks before saving over it")
  func changedOnDisk() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.file("data.bin", bytes: Self.sample)
    let editor = try openEditor(path)
    editor.type("bb")
    // Another program rewrites the first bytes and moves the modification time.
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    try handle.seek(toOffset: 10)
    try handle.write(contentsOf: Data("XY".utf8))
    try handle.close()
    try FileManager.default.setAttributes(
      [.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: path)
    #expect(editor.idle() == true)
    var frame = editor.render(size: Self.size)
    #expect(frame.lines[4].text.hasPrefix(" data.bin [modified: 1 byte] [changed on disk] "))
    #expect(
      frame.lines[5].runs == [
        StyledRun("another process changed the file since it was opened; Ctrl-S asks before saving over it", .error)
      ])
    editor.press(.control("s"))
    guard case .confirming(.saveOverChangedFile(thenQuit: false)) = editor.mode else {
      Issue.record("expected the changed-file question, got \(editor.mode)")
      return
    }
    #expect(editor.questionText.hasPrefix("'\(path)' changed on disk since it was opened"))
    #expect(editor.questionText.hasSuffix("save anyway? (y/n)"))
    editor.press(.character("n"))
    #expect(editor.message == EditorMessage("not saved: your changes are still pending"))
    var expected = Self.sample
    expected.replaceSubrange(10..<12, with: Array("XY".utf8))
    #expect(try contents(path) == expected)
    editor.press(.control("s"), .character("y"))
    #expect(editor.message == EditorMessage("saved 1 byte"))
    expected[0] = 0xBB
    #expect(try contents(path) == expected, "only the edited byte was written over their change")
    frame = editor.render(size: Self.size)
    #expect(!frame.lines[4].text.contains("changed on disk"))
  }

  @Test("truncated while open: bytes past the end cannot be edited, and saving never extends the file")
  func truncatedWhileOpen() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.file("data.bin", bytes: Self.sample)
    let editor = try openEditor(path)
    editor.press(.controlEnd)
    editor.type("cc")
    try directory.truncate(path, to: 20)
    #expect(editor.idle() == true)
    let frame = editor.render(size: Self.size)
    #expect(frame.lines[4].text.contains("[truncated to 20 bytes]"))
    #expect(frame.lines[2].text.hasPrefix("00000020  __ __ __ __ __ __ __ __"))
    editor.press(.left)
    editor.type("d")
    #expect(editor.message == EditorMessage("cannot edit 0x26: another process truncated the file before it", isError: true))
    editor.press(.control("s"), .character("y"))
    #expect(editor.message?.isError == true)
    #expect(editor.message?.text.contains("truncated it to 20 bytes") == true)
    #expect(try contents(path) == Array(Self.sample[0..<20]), "nothing written, the file not extended")
    #expect(editor.hasUnsavedChanges)
  }

  @Test("the scratch buffer asks for a path, writes everything there, and then saves in place")
  func scratchSaveAs() throws {
    let directory = try TemporaryDirectory()
    let editor = Editor(document: try makeDocument([0, 0, 0, 0], path: nil), configuration: EditorConfiguration())
    editor.type("cafe")
    editor.press(.control("s"))
    #expect(editor.mode == .prompting(.saveAs(thenQuit: false)))
    #expect(editor.render(size: Self.size).lines[5].text == "Save scratch buffer as: ")
    editor.press(.enter)
    #expect(editor.prompt.error == "type a file name (Esc cancels)")
    let path = directory.url.appendingPathComponent("out.bin").path
    editor.type(path)
    editor.press(.enter)
    #expect(editor.mode == .browsing)
    #expect(editor.message == EditorMessage("saved 4 bytes to '\(path)'"))
    #expect(try contents(path) == [0xCA, 0xFE, 0, 0])
    #expect(editor.document.path == path)
    #expect(editor.render(size: Self.size).lines[4].text.hasPrefix(" out.bin "))
    editor.type("01")
    editor.press(.control("s"))
    #expect(editor.message == EditorMessage("saved 1 byte"))
    #expect(try contents(path) == [0xCA, 0xFE, 0x01, 0])
  }

  @Test("save-as over an existing file asks first; a bad path keeps the prompt open with the reason")
  func scratchSaveAsQuestions() throws {
    let directory = try TemporaryDirectory()
    let existing = try directory.file("taken.bin", bytes: [9, 9])
    let editor = Editor(document: try makeDocument([1, 2], path: nil), configuration: EditorConfiguration())
    editor.press(.control("s"))
    editor.type(existing)
    editor.press(.enter)
    #expect(editor.mode == .confirming(.replaceExisting(path: existing, thenQuit: false)))
    #expect(editor.questionText == "'\(existing)' already exists; replace it? (y/n)")
    editor.press(.character("n"))
    #expect(try contents(existing) == [9, 9])

    let missingDirectory = directory.url.appendingPathComponent("no/such/dir/x.bin").path
    editor.press(.control("s"))
    editor.type(missingDirectory)
    editor.press(.enter)
    #expect(editor.mode == .prompting(.saveAs(thenQuit: false)))
    #expect(editor.prompt.text == missingDirectory)
    #expect(
      editor.prompt.error
        == "its directory does not exist; nothing was saved and no file changed, choose another path")

    editor.press(.control("u"))
    editor.type(existing)
    editor.press(.enter, .character("y"))
    #expect(try contents(existing) == [1, 2])
  }

  @Test("quitting the scratch buffer with changes: y asks for a path, then quits")
  func scratchQuit() throws {
    let directory = try TemporaryDirectory()
    let editor = Editor(document: try makeDocument([0, 0], path: nil), configuration: EditorConfiguration())
    editor.type("11")
    editor.press(.control("q"))
    #expect(editor.handle(.character("y")) == .continue)
    #expect(editor.mode == .prompting(.saveAs(thenQuit: true)))
    let path = directory.url.appendingPathComponent("kept.bin").path
    editor.type(path)
    #expect(editor.handle(.enter) == .quit)
    #expect(try contents(path) == [0x11, 0])
  }

  @Test("Ctrl-O saves a copy with the edits and continues on it; the original is untouched")
  func saveAsCopy() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.file("data.bin", bytes: Self.sample)
    let editor = try openEditor(path)
    editor.type("ee")
    editor.press(.control("o"))
    #expect(editor.mode == .prompting(.saveAs(thenQuit: false)))
    #expect(editor.prompt.label == "Save as: ")
    #expect(editor.prompt.text == path, "the prompt offers the file's own path to edit")
    let copy = directory.url.appendingPathComponent("copy.bin").path
    editor.press(.control("u"))
    editor.type(copy)
    editor.press(.enter)
    #expect(editor.message == EditorMessage("saved 40 bytes to '\(copy)'"))
    var expected = Self.sample
    expected[0] = 0xEE
    #expect(try contents(copy) == expected)
    #expect(try contents(path) == Self.sample)
    #expect(editor.document.path == copy)
    #expect(!editor.hasUnsavedChanges)
  }

  @Test("save-as onto the file itself (its path or a link to it) is an ordinary in-place save, never a truncation")
  func saveAsOntoItself() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.file("data.bin", bytes: Self.sample)
    let link = directory.url.appendingPathComponent("link.bin").path
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: path)
    let editor = try openEditor(path)
    editor.type("11")
    editor.press(.control("o"), .enter)
    #expect(editor.message == EditorMessage("saved 1 byte"))
    editor.type("22")
    editor.press(.control("o"), .control("u"))
    editor.type(link)
    editor.press(.enter)
    #expect(editor.message == EditorMessage("saved 1 byte"))
    var expected = Self.sample
    expected[0] = 0x11
    expected[1] = 0x22
    #expect(try contents(path) == expected)
    #expect(editor.document.path == path)

    let map = try MemMap.open(path)
    #expect(throws: SaveError.destinationIsSource(path: link)) {
      try Saver().saveAs(contentsOf: map, applying: PendingEdits(), to: link, replacingExisting: true)
    }
    #expect(try contents(path) == expected)
  }
}
