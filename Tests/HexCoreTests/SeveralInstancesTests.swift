import Foundation
import MemMap
import Testing

@testable import HexCore

/// Two processes on one file: a save still running in another process (the crash helper,
/// stopped in the middle of its save while it holds the file's lock) is never rolled back by
/// recovery nor mixed with a second save; and the unsaved-edits marker names the other process.
@Suite("Several instances: locked saves and the unsaved-edits marker", .serialized)
struct SeveralInstancesTests {
  static let original = patternBytes(count: 40 * SaveKillTests.pageSize + 99, seed: 3)

  @Test func recoveryLeavesTheJournalOfARunningSaveAloneAndTheSaveFinishes() throws {
    let directory = try SaveTestDirectory()
    let path = try directory.write("busy.bin", Self.original)
    // Stopped after the journal and three pages were written: the file is half old, half new.
    let save = try PausedSave(path: path, afterStep: 3)
    let halfSaved = try contents(of: path)
    try #require(halfSaved != Self.original && halfSaved != SaveKillTests.edited(Self.original))
    let journalPath = SaveJournal.path(for: path)

    #expect(throws: RecoveryError.saveInProgress(path: path, journalPath: journalPath)) {
      try JournalRecovery.recover(filePath: path, waitingUpTo: .milliseconds(50))
    }
    #expect(try contents(of: path) == halfSaved, "recovery must not touch the file")
    #expect(fileExists(journalPath))
    #expect(
      RecoveryError.saveInProgress(path: path, journalPath: journalPath).description
        == "another mmhex is saving '\(path)' right now; reopen the file once that save is done to edit it")

    #expect(save.finish() == 0)
    #expect(try contents(of: path) == SaveKillTests.edited(Self.original))
    #expect(!fileExists(journalPath))
    #expect(try JournalRecovery.recover(filePath: path) == .noJournal)
  }

  @Test func aSecondSaveWaitsForTheRunningOneAndThenSeesTheChange() throws {
    let directory = try SaveTestDirectory()
    let path = try directory.write("both.bin", Self.original)
    let opened = try MemMap.status(ofFile: path)
    var ours = PendingEdits()
    for offset in [17, 5000, 40 * 4096] {
      ours.setByte(at: offset, value: 0xAA, original: Self.original[offset])
    }
    let save = try PausedSave(path: path, afterStep: 2)
    var saver = Saver()
    saver.lockTimeout = .milliseconds(50)

    #expect(throws: SaveError.saveInProgress(path: path)) {
      try saver.save(ours, to: path, expecting: opened)
    }
    #expect(
      SaveError.saveInProgress(path: path).description
        == "cannot save '\(path)': another mmhex is saving it right now; nothing was written, try again in a moment")

    #expect(save.finish() == 0)
    let theirs = SaveKillTests.edited(Self.original)
    #expect(try contents(of: path) == theirs)
    let outcome = try saver.save(ours, to: path, expecting: opened)
    guard case .fileChangedOnDisk(path, opened, let found) = outcome else {
      Issue.record("expected the second save to ask, got \(outcome)")
      return
    }
    #expect(found == (try MemMap.status(ofFile: path)))
    #expect(try contents(of: path) == theirs, "nothing written before the user answers")
  }

  @Test func aSaveWaitingForTheLockChecksTheFileOnlyOnceItHasTheLock() throws {
    let directory = try SaveTestDirectory()
    let path = try directory.write("waiting.bin", Self.original)
    let opened = try MemMap.status(ofFile: path)
    var pending = PendingEdits()
    pending.setByte(at: 100, value: 0xBB, original: Self.original[100])
    let ours = pending
    guard let lock = try FileLock.acquire(path) else {
      Issue.record("nobody else should hold the lock")
      return
    }
    let outcome = SaveTestRecorder<SaveOutcome>()
    let saving = Thread {
      var saver = Saver()
      saver.lockTimeout = .seconds(30)
      if let result = try? saver.save(ours, to: path, expecting: opened) { outcome.append(result) }
    }
    saving.start()
    // While the lock is held, another program changes the file; then the lock is released.
    Thread.sleep(forTimeInterval: 0.05)
    var theirs = Self.original
    theirs[200] = 0xCC
    try Data(theirs).write(to: URL(fileURLWithPath: path))
    lock.release()
    while outcome.elements.isEmpty { Thread.sleep(forTimeInterval: 0.01) }
    guard case .fileChangedOnDisk = outcome.elements[0] else {
      Issue.record("expected the waiting save to ask, got \(outcome.elements[0])")
      return
    }
    #expect(try contents(of: path) == theirs)
  }

  @Test func aFileSavedThroughALinkIsRecoveredByItsRealNameAfterAKill() throws {
    let helper = try #require(SaveKillTests.helperPath)
    let directory = try SaveTestDirectory()
    let real = try directory.write("k.bin", Self.original)
    try FileManager.default.createDirectory(atPath: directory.file("w"), withIntermediateDirectories: false)
    let link = directory.file("w/lnk.bin")
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "../k.bin")

    let (reason, _) = try SaveKillTests.runHelper(helper, path: link, stop: 4)
    #expect(reason == .uncaughtSignal)
    let halfSaved = try contents(of: real)
    let rewritten = zip(halfSaved, Self.original).filter { $0 != $1 }.count
    try #require(rewritten > 0)

    #expect(JournalRecovery.hasJournal(filePath: real))
    let outcome = try JournalRecovery.recover(filePath: real)
    guard case .rolledBack(let summary) = outcome else {
      Issue.record("expected a rollback, got \(outcome)")
      return
    }
    #expect(summary.changedByteCount == rewritten)
    #expect(try contents(of: real) == Self.original)
    #expect(!JournalRecovery.hasJournal(filePath: link))
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["k.bin", "w"])
  }

  @Test func aJournalUnderTheOldNameIsStillRecoveredAndBlocksSaving() throws {
    let directory = try SaveTestDirectory()
    let original = patternBytes(count: 8192)
    let path = try directory.write("old.bin", original)
    let legacy = directory.file(".old.bin.mmhex-journal")
    #expect(SaveJournal.legacyPaths(for: path).contains(legacy))
    // What an interrupted save of the previous version left: its journal, and one of its two
    // regions already written.
    let journal = SaveJournal(
      fileSize: original.count,
      regions: [
        JournalRegion(offset: 10, original: Array(original[10..<14]), replacement: [1, 2, 3, 4]),
        JournalRegion(offset: 5000, original: [original[5000]], replacement: [~original[5000]]),
      ])
    try Data(journal.encoded()).write(to: URL(fileURLWithPath: legacy))
    var halfSaved = original
    halfSaved.replaceSubrange(10..<14, with: [1, 2, 3, 4])
    try Data(halfSaved).write(to: URL(fileURLWithPath: path))

    var pending = PendingEdits()
    pending.setByte(at: 0, value: ~original[0], original: original[0])
    #expect(throws: SaveError.unfinishedJournalExists(journalPath: legacy)) {
      try Saver().save(pending, to: path, expecting: try MemMap.status(ofFile: path))
    }

    let outcome = try JournalRecovery.recover(filePath: path)
    guard case .rolledBack(let summary) = outcome else {
      Issue.record("expected a rollback, got \(outcome)")
      return
    }
    #expect(summary.changedByteCount == 4)
    #expect(try contents(of: path) == original)
    #expect(!fileExists(legacy))
  }

  // MARK: - The unsaved-edits marker

  @Test func theMarkerNamesTheProcessWhileEditsArePendingAndGoesAwayWithThem() throws {
    let directory = try SaveTestDirectory()
    let path = try directory.write("marked.bin", [1, 2, 3, 4])
    let marker = CompanionFile.editingMarker.path(for: path)
    let document = Document(mapping: try MemMap.open(path), path: path, isReadOnly: false)
    let editor = Editor(document: document, configuration: EditorConfiguration(processID: 4242))

    _ = editor.idle()
    #expect(!fileExists(marker))
    #expect(UnsavedEditsMarker.openingNotice(filePath: path) == nil)
    editor.type("ff")
    _ = editor.idle()
    #expect(try contents(of: marker) == Array("4242\n".utf8))
    #expect(UnsavedEditsMarker.otherEditor(of: path) == 4242)
    #expect(
      UnsavedEditsMarker.openingNotice(filePath: path)
        == "another mmhex (process 4242) has unsaved edits to '\(path)'; whoever saves second is asked first")

    editor.press(.control("z"))
    _ = editor.idle()
    #expect(!fileExists(marker), "undone: nothing unsaved")
    editor.type("ee")
    _ = editor.idle()
    #expect(fileExists(marker))
    editor.press(.control("s"))
    _ = editor.idle()
    #expect(!fileExists(marker), "saved: nothing unsaved")
    editor.type("dd")
    _ = editor.idle()
    #expect(fileExists(marker))
    #expect(editor.press(.control("q"), .character("n")) == .quit)
    #expect(!fileExists(marker), "quit without saving")
  }

  @Test func aSecondEditorTakesTheMarkerOverWhenTheFirstLetsGo() throws {
    // Two keepers in one process stand for two processes: each holds its own lock.
    let directory = try SaveTestDirectory()
    let path = try directory.write("shared.bin", [1])
    let marker = CompanionFile.editingMarker.path(for: path)
    let first = UnsavedEditsMarker(processID: 1111)
    let second = UnsavedEditsMarker(processID: 2222)
    first.update(filePath: path, hasUnsavedEdits: true)
    second.update(filePath: path, hasUnsavedEdits: true)
    #expect(try contents(of: marker) == Array("1111\n".utf8))
    first.update(filePath: path, hasUnsavedEdits: false)
    #expect(!fileExists(marker))
    second.update(filePath: path, hasUnsavedEdits: true)
    #expect(try contents(of: marker) == Array("2222\n".utf8))
    second.unmark()
    #expect(!fileExists(marker))
  }

  @Test func aMarkerLeftByADeadProcessIsIgnoredAndRemoved() throws {
    let directory = try SaveTestDirectory()
    let path = try directory.write("stale.bin", [1])
    let marker = CompanionFile.editingMarker.path(for: path)
    try Data("31337\n".utf8).write(to: URL(fileURLWithPath: marker))
    #expect(UnsavedEditsMarker.otherEditor(of: path) == nil)
    #expect(!fileExists(marker))
  }
}
