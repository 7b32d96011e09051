import Foundation
import MemMap
import Testing

@testable import HexCore

/// The editor's side of safe saving: its own rolled-back save is no outside change, `~` in a
/// save-as path, a long save-as path that cannot hide the reason, and readable change times.
@Suite("Editor: saving safely", .serialized)
struct EditorSaveSafetyTests {
  static let size = TerminalSize(columns: 100, rows: 6)

  func openEditor(_ path: String, _ configuration: EditorConfiguration = EditorConfiguration()) throws -> Editor {
    Editor(document: Document(mapping: try MemMap.open(path), path: path, isReadOnly: false), configuration: configuration)
  }

  /// Moves the cursor to `offset` through the go-to prompt.
  func go(_ editor: Editor, to offset: Int) {
    editor.press(.control("g"))
    editor.type("0x" + String(offset, radix: 16))
    editor.press(.enter)
  }

  @Test(.enabled(if: SaveTestMounts.isAvailable, "needs permission to mount small file systems"))
  func aSaveRolledBackOnAFullDiskIsNoChangeOnDisk() throws {
    let directory = try SaveTestDirectory()
    let mounts = SaveTestMounts()
    let disk = directory.file("disk")
    try mounts.mountExt4(megabytes: 16, at: disk)
    // A sparse 1 MiB file, then a disk filled up but for 64 KiB: enough for the journal, not
    // for the 32 pages the edits inside the holes need.
    let path = disk + "/sparse.bin"
    #expect(FileManager.default.createFile(atPath: path, contents: nil))
    try resizeFile(path, to: 1 << 20)
    let spare = disk + "/spare.bin"
    try Data(count: 64 << 10).write(to: URL(fileURLWithPath: spare))
    let filler = try FileHandle(forWritingTo: URL(fileURLWithPath: disk + "/filler.bin").creatingEmptyFile())
    while (try? filler.write(contentsOf: Data(count: 64 << 10))) != nil {}
    try? filler.close()
    try FileManager.default.removeItem(atPath: spare)

    let editor = try openEditor(path)
    for page in 0..<32 {
      go(editor, to: page * 8 * 4096 + 1)
      editor.type("ab")
    }
    editor.press(.control("s"))
    let failure = try #require(editor.message)
    #expect(failure.isError)
    #expect(failure.text.hasPrefix("saving '\(path)' failed ("))
    #expect(failure.text.hasSuffix("the file was restored to its previous contents, your edits are still pending"))
    #expect(try contents(of: path) == [UInt8](repeating: 0, count: 1 << 20))

    _ = editor.idle()
    #expect(!editor.document.isChangedOnDisk)
    #expect(!editor.render(size: Self.size).lines[4].text.contains("[changed on disk]"))
    editor.press(.control("s"))
    #expect(editor.mode == .browsing, "the next Ctrl-S tries again rather than asking about outside changes")
    #expect(editor.message == failure)
  }

  @Test func aTildeInTheSaveAsPathIsTheHomeDirectory() throws {
    let directory = try SaveTestDirectory()
    let home = try SaveTestDirectory()
    let path = try directory.write("data.bin", [1, 2, 3])
    let editor = try openEditor(path, EditorConfiguration(homeDirectory: home.path))
    editor.type("ff")
    editor.press(.control("o"), .control("u"))
    editor.type("~/copy.bin")
    editor.press(.enter)
    #expect(editor.message == EditorMessage("saved 3 bytes to '\(home.path)/copy.bin'"))
    #expect(try contents(of: home.file("copy.bin")) == [0xFF, 2, 3])
    #expect(editor.document.path == home.file("copy.bin"))
    #expect(editor.expandingHome("~") == home.path)
    #expect(editor.expandingHome("~user/x") == "~user/x")
    #expect(editor.expandingHome("a/~/b") == "a/~/b")
  }

  @Test func aLongSaveAsPathKeepsTheReasonOnScreen() throws {
    let directory = try SaveTestDirectory()
    let path = try directory.write("data.bin", [1, 2, 3])
    let editor = try openEditor(path)
    let target = directory.path + "/" + String(repeating: "deep/", count: 30) + "copy.bin"
    editor.press(.control("o"), .control("u"))
    editor.type(target)
    editor.press(.enter)
    #expect(editor.mode == .prompting(.saveAs(thenQuit: false)))
    let bottom = editor.render(size: Self.size).lines[5].text
    #expect(bottom.count <= 100)
    #expect(bottom.hasPrefix("Save as: "))
    #expect(bottom.contains("deep/copy.bin  its directory does not exist; nothing was saved"))
  }

  @Test func theChangedOnDiskQuestionShowsTheTimeAsConfigured() throws {
    let directory = try SaveTestDirectory()
    let path = try directory.write("data.bin", [1, 2, 3])
    let plusTwoHours = TimestampFormat { _ in 7200 }
    let editor = try openEditor(path, EditorConfiguration(timeFormat: plusTwoHours))
    editor.type("ff")
    try setModificationDate(of: path, to: Date(timeIntervalSince1970: 1_795_902_067))
    editor.press(.control("s"))
    #expect(
      editor.questionText
        == "'\(path)' changed on disk since it was opened (modified 2026-11-28 23:41:07); save anyway? (y/n)")
  }
}

extension URL {
  /// Creates an empty file here and returns the URL.
  fileprivate func creatingEmptyFile() -> URL {
    FileManager.default.createFile(atPath: path, contents: nil)
    return self
  }
}
