import Dispatch
import Foundation
import MemMap
import Testing

@testable import HexCore

/// Pauses a background save on its saving thread after a chosen chunk, so a test can look at
/// the screen and press keys while the save is known to be at that point.
final class SaveGate: @unchecked Sendable {
  private let reached = DispatchSemaphore(value: 0)
  private let resumed = DispatchSemaphore(value: 0)
  private let pausesAt: @Sendable (_ done: Int, _ total: Int) -> Bool
  /// Touched by the saving thread only.
  private var hasPaused = false

  /// A gate that pauses the save the first time `pausesAt` holds for its progress.
  init(pausesAt: @escaping @Sendable (_ done: Int, _ total: Int) -> Bool) {
    self.pausesAt = pausesAt
  }

  /// The editor's observer: pauses once, at the chosen chunk.
  var observer: @Sendable (Int, Int) -> Void {
    { done, total in
      guard !self.hasPaused, self.pausesAt(done, total) else { return }
      self.hasPaused = true
      self.reached.signal()
      self.resumed.wait()
    }
  }

  /// Blocks until the save is paused.
  func waitUntilPaused() { reached.wait() }

  /// Lets the save go on.
  func resume() { resumed.signal() }
}

/// Saves that rewrite many bytes run in the background: their progress on the bottom line, Esc
/// before the commit point leaving the file exactly as it was, and keys that cannot change the
/// document meanwhile.
@Suite("Editor: long saves in the background", .serialized)
struct EditorBackgroundSaveTests {
  static let size = TerminalSize(columns: 80, rows: 6)
  /// Three 8 MiB chunks of journal: above the background threshold, quick to write.
  static let fileSize = 24 << 20
  static let original: [UInt8] = {
    let block = (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 9) }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(fileSize)
    for _ in 0..<(fileSize >> 20) { bytes += block }
    return bytes
  }()

  /// An editor over a new copy of ``original`` with one byte (0xAB) inserted at offset 0,
  /// drawn once.
  static func editorWithInsertAtStart(in directory: TemporaryDirectory) throws -> (Editor, String) {
    let path = try directory.file("data.bin", bytes: original)
    let document = Document(mapping: try MemMap.open(path), path: path, isReadOnly: false)
    let editor = Editor(document: document, configuration: EditorConfiguration())
    _ = editor.render(size: size)
    editor.press(.insert)
    editor.type("ab")
    return (editor, path)
  }

  static func contents(_ path: String) throws -> [UInt8] {
    Array(try Data(contentsOf: URL(fileURLWithPath: path)))
  }

  static func bottomLine(_ editor: Editor) -> String {
    editor.render(size: size).lines.last!.text
  }

  /// `text` with its speed (`812.3 MB/s`) replaced by `SPEED`; a speed of another form stays,
  /// and fails the comparison.
  static func withoutSpeed(_ text: String) -> String {
    text.replacing(#/ at \d+\.\d (MB|GB)/s  /#, with: " at SPEED  ")
  }

  /// Presses `keys` (Ctrl-S unless told) to start a save that pauses on its saving thread the
  /// first time `pausesAt` holds for its progress; returns once it has paused there.
  static func startPausedSave(
    _ editor: Editor, pressing keys: [Key] = [.control("s")],
    pausesAt: @escaping @Sendable (_ done: Int, _ total: Int) -> Bool = { done, _ in done > 0 }
  ) -> SaveGate {
    let gate = SaveGate(pausesAt: pausesAt)
    editor.backgroundSaveObserver = gate.observer
    for key in keys { #expect(editor.handle(key) == .continue) }
    gate.waitUntilPaused()
    return gate
  }

  static func cancelledMessage(_ path: String) -> EditorMessage {
    EditorMessage("save of '\(path)' cancelled; the file is unchanged; your edits are still pending")
  }

  static let savedMessage = EditorMessage(
    "saved: 25165825 bytes rewritten, the file is now 25165825 bytes")

  @Test("Esc before the commit point cancels: the file is byte for byte as it was, no journal, edits pending")
  func escapeCancelsBeforeTheCommitPoint() throws {
    let directory = try TemporaryDirectory()
    let (editor, path) = try Self.editorWithInsertAtStart(in: directory)
    let rowsBefore = editor.render(size: Self.size).lines.prefix(4)

    let gate = Self.startPausedSave(editor)
    #expect(editor.isSaving)
    // 8 MiB of 2 × (24 MiB + 1) written: the first chunk of the journal.
    #expect(Self.withoutSpeed(Self.bottomLine(editor)) == "saving 'data.bin': 16% at SPEED  Esc cancels")
    #expect(editor.render(size: Self.size).lines.prefix(4) == rowsBefore, "the screen stays as it was")

    // Keys that would change the document do nothing while the save runs.
    editor.type("cd")
    editor.press(.delete, .control("z"))
    #expect(editor.contentCount == Self.fileSize + 1)
    #expect(editor.session.changedByteCount == 1)
    #expect(
      Self.withoutSpeed(Self.bottomLine(editor)) == "saving 'data.bin': 16% at SPEED  Esc cancels, other keys are ignored")

    editor.press(.escape)
    #expect(Self.withoutSpeed(Self.bottomLine(editor)) == "saving 'data.bin': 16% at SPEED  cancelling")
    gate.resume()
    editor.waitForSave()
    #expect(editor.idle())
    #expect(!editor.isSaving)
    #expect(editor.message == Self.cancelledMessage(path))
    #expect(try Self.contents(path) == Self.original)
    #expect(!FileManager.default.fileExists(atPath: SaveJournal.path(for: path)))
    #expect(editor.hasUnsavedChanges)
    #expect(editor.contentCount == Self.fileSize + 1)
    #expect(editor.render(size: Self.size).lines[0].text.hasPrefix("00000000  ab 00 07 0e"))

    // Saving again, to the end this time, writes exactly the edited document.
    editor.backgroundSaveObserver = nil
    editor.press(.control("s"))
    editor.waitForSave()
    _ = editor.idle()
    #expect(editor.message == Self.savedMessage)
    #expect(try Self.contents(path) == [0xAB] + Self.original)
    #expect(!FileManager.default.fileExists(atPath: SaveJournal.path(for: path)))
    #expect(!editor.hasUnsavedChanges)
  }

  @Test("past the commit point the save finishes: Esc no longer cancels, the rows shown stay still")
  func escapeAfterTheCommitPointDoesNotCancel() throws {
    let directory = try TemporaryDirectory()
    let (editor, path) = try Self.editorWithInsertAtStart(in: directory)
    let rowsBefore = editor.render(size: Self.size).lines.prefix(4)

    // The first chunk written into the file itself, after the journal was marked complete.
    let gate = Self.startPausedSave(editor) { done, total in done > total / 2 }
    #expect(
      Self.withoutSpeed(Self.bottomLine(editor)) == "saving 'data.bin': 66% at SPEED  finishing (can't cancel now)")
    // The file under the mapping already holds new bytes; the screen still shows the document.
    #expect(editor.render(size: Self.size).lines.prefix(4) == rowsBefore)
    editor.press(.escape)
    gate.resume()
    editor.waitForSave()
    _ = editor.idle()
    #expect(editor.message == Self.savedMessage)
    #expect(try Self.contents(path) == [0xAB] + Self.original)
    #expect(!editor.hasUnsavedChanges)
    #expect(editor.render(size: Self.size).lines[0].text.hasPrefix("00000000  ab 00 07 0e"))
  }

  @Test("the quit question's save runs in the background and quits once it succeeded")
  func saveAndQuitQuitsAfterTheSave() throws {
    let directory = try TemporaryDirectory()
    let (editor, path) = try Self.editorWithInsertAtStart(in: directory)
    let gate = Self.startPausedSave(editor, pressing: [.control("q"), .character("y")])
    #expect(
      Self.withoutSpeed(Self.bottomLine(editor)) == "saving 'data.bin' before quitting: 16% at SPEED  Esc cancels")
    #expect(!editor.wantsToQuit)
    gate.resume()
    editor.waitForSave()
    #expect(editor.idle())
    #expect(editor.wantsToQuit)
    #expect(try Self.contents(path) == [0xAB] + Self.original)
  }

  @Test("Ctrl-Q during a save quits once it succeeded; Esc then cancels both, and nothing is lost")
  func controlQDuringASave() throws {
    let directory = try TemporaryDirectory()
    let (editor, path) = try Self.editorWithInsertAtStart(in: directory)
    let gate = Self.startPausedSave(editor)
    #expect(editor.press(.control("q")) == .continue)
    #expect(
      Self.withoutSpeed(Self.bottomLine(editor)) == "saving 'data.bin' before quitting: 16% at SPEED  Esc cancels")
    editor.press(.escape)
    gate.resume()
    editor.waitForSave()
    _ = editor.idle()
    #expect(!editor.wantsToQuit)
    #expect(editor.message == Self.cancelledMessage(path))
    #expect(try Self.contents(path) == Self.original)
    #expect(editor.hasUnsavedChanges)

    // Without Esc, the save ends in quitting.
    let secondGate = Self.startPausedSave(editor)
    editor.press(.control("q"))
    secondGate.resume()
    editor.waitForSave()
    #expect(editor.press(.character("x")) == .quit, "a key after the save ended is not applied")
    #expect(editor.wantsToQuit)
    #expect(try Self.contents(path) == [0xAB] + Self.original)
  }

  @Test("on the way out (a termination signal), a save is cancelled and waited for")
  func finishSavingCancelsAndWaits() throws {
    let directory = try TemporaryDirectory()
    let (editor, path) = try Self.editorWithInsertAtStart(in: directory)
    let gate = Self.startPausedSave(editor)
    let job = try #require(editor.runningSave?.job)
    // Lets the save go on once it was asked to stop, so it stops at its very next chunk.
    DispatchQueue.global().async {
      while !job.isCancelRequested { usleep(1000) }
      gate.resume()
    }
    editor.finishSaving(cancelling: true)
    #expect(!editor.isSaving)
    #expect(editor.message == Self.cancelledMessage(path))
    #expect(try Self.contents(path) == Self.original)
    #expect(!FileManager.default.fileExists(atPath: SaveJournal.path(for: path)))
  }

  @Test("a long save that shrinks the file runs in the background too and writes exactly")
  func shrinkingInTheBackground() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.file("data.bin", bytes: Self.original)
    let document = Document(mapping: try MemMap.open(path), path: path, isReadOnly: false)
    let editor = Editor(document: document, configuration: EditorConfiguration())
    _ = editor.render(size: Self.size)
    editor.press(.delete, .delete, .delete)
    let gate = Self.startPausedSave(editor) { done, total in done > total / 2 }
    #expect(
      Self.withoutSpeed(Self.bottomLine(editor)) == "saving 'data.bin': 66% at SPEED  finishing (can't cancel now)")
    gate.resume()
    editor.waitForSave()
    _ = editor.idle()
    #expect(
      editor.message
        == EditorMessage("saved: 25165821 bytes rewritten, the file is now 25165821 bytes"))
    #expect(try Self.contents(path) == Array(Self.original.dropFirst(3)))
    #expect(editor.render(size: Self.size).lines[0].text.hasPrefix("00000000  15 1c 23"))
  }

  @Test("a save that rewrites less than the threshold finishes before Ctrl-S returns")
  func smallSavesFinishAtOnce() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.file("small.bin", bytes: Array(Self.original.prefix(4096)))
    let document = Document(mapping: try MemMap.open(path), path: path, isReadOnly: false)
    let editor = Editor(document: document, configuration: EditorConfiguration())
    editor.backgroundSaveObserver = { _, _ in Issue.record("a small save is not run in the background") }
    editor.press(.insert)
    editor.type("ab")
    editor.press(.control("s"))
    #expect(!editor.isSaving)
    #expect(editor.message == EditorMessage("saved: 4097 bytes rewritten, the file is now 4097 bytes"))
    #expect(try Self.contents(path) == [0xAB] + Self.original.prefix(4096))
  }
}
