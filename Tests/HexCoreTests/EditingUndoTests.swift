import Testing

@testable import HexCore

/// A tiny in-memory "file" for the session to edit.
private struct Baseline {
  var bytes: [UInt8]

  func original(_ offset: Int) -> UInt8? { offset < bytes.count ? bytes[offset] : nil }

  func view(through session: EditSession) -> [UInt8] {
    var window = bytes
    session.edits.apply(to: &window, at: 0)
    return window
  }
}

@Suite("Editing: undo and redo")
struct EditingUndoTests {
  @Test func bothNibblesOfOneByteAreOneStep() {
    let file = Baseline(bytes: [0x00, 0x00, 0x00])
    var session = EditSession()
    session.typeNibble(at: 1, high: true, value: 0xC, original: 0x00)
    session.typeNibble(at: 1, high: false, value: 0x3, original: 0x00)
    #expect(file.view(through: session) == [0x00, 0xC3, 0x00])
    #expect(session.history.undoCount == 1)
    #expect(session.undo(baseline: file.original) == 1)
    #expect(file.view(through: session) == [0x00, 0x00, 0x00])
    #expect(!session.hasChanges)
    #expect(session.redo(baseline: file.original) == 1)
    #expect(file.view(through: session) == [0x00, 0xC3, 0x00])
  }

  @Test func everyByteTypedIsItsOwnStep() {
    let file = Baseline(bytes: [0x10, 0x20, 0x30, 0x40])
    var session = EditSession()
    for (offset, digits) in [(0, (0xD, 0xE)), (1, (0xA, 0xD))] {
      session.typeNibble(at: offset, high: true, value: UInt8(digits.0), original: file.bytes[offset])
      session.typeNibble(at: offset, high: false, value: UInt8(digits.1), original: file.bytes[offset])
    }
    session.typeByte(at: 2, value: 0x41, original: 0x30)
    #expect(file.view(through: session) == [0xDE, 0xAD, 0x41, 0x40])
    #expect(session.history.undoCount == 3)
    #expect(session.undo(baseline: file.original) == 2)
    #expect(session.undo(baseline: file.original) == 1)
    #expect(file.view(through: session) == [0xDE, 0x20, 0x30, 0x40])
    #expect(session.changedByteCount == 1)
  }

  @Test func aLowNibbleAfterMovingAwayStartsANewStep() {
    let file = Baseline(bytes: [0x00])
    var session = EditSession()
    session.typeNibble(at: 0, high: true, value: 0x1, original: 0x00)
    session.endTypingRun()
    session.typeNibble(at: 0, high: false, value: 0x2, original: 0x00)
    #expect(session.history.undoCount == 2)
    session.undo(baseline: file.original)
    #expect(file.view(through: session) == [0x10])
  }

  @Test func aRedoOrUndoWithNothingToDoKeepsTheNibblesOfOneByteOneStep() {
    let file = Baseline(bytes: [0x12])
    var session = EditSession()
    session.typeNibble(at: 0, high: true, value: 0x5, original: 0x12)
    #expect(session.redo(baseline: file.original) == nil)
    session.typeNibble(at: 0, high: false, value: 0x8, original: 0x12)
    #expect(file.view(through: session) == [0x58])
    #expect(session.history.undoCount == 1)
    session.undo(baseline: file.original)
    #expect(file.view(through: session) == [0x12], "undo never leaves half a byte typed")
  }

  @Test func aLowNibbleAloneIsAWholeByteStep() {
    let file = Baseline(bytes: [0xAB])
    var session = EditSession()
    session.typeNibble(at: 0, high: false, value: 0x0, original: 0xAB)
    #expect(file.view(through: session) == [0xA0])
    session.undo(baseline: file.original)
    #expect(file.view(through: session) == [0xAB])
  }

  @Test func noOpEditsRecordNoStep() {
    var session = EditSession()
    session.typeByte(at: 0, value: 0x41, original: 0x41)
    session.typeNibble(at: 0, high: true, value: 0x4, original: 0x41)
    #expect(!session.history.canUndo)
    #expect(session.undo(baseline: { _ in 0x41 }) == nil)
  }

  @Test func aNewEditClearsRedo() {
    let file = Baseline(bytes: [0, 0])
    var session = EditSession()
    session.typeByte(at: 0, value: 1, original: 0)
    session.undo(baseline: file.original)
    #expect(session.history.canRedo)
    session.typeByte(at: 1, value: 2, original: 0)
    #expect(!session.history.canRedo)
    #expect(session.redo(baseline: file.original) == nil)
  }

  @Test func undoAfterSaveCreatesPendingEditsRestoringTheOldBytes() {
    var file = Baseline(bytes: [0x00, 0x00, 0x00])
    var session = EditSession()
    session.typeByte(at: 0, value: 0x61, original: 0x00)
    session.typeByte(at: 2, value: 0x62, original: 0x00)
    // Save: the file takes the shown bytes; the edits become the baseline.
    file.bytes = file.view(through: session)
    session.markSaved()
    #expect(!session.hasChanges)
    #expect(session.history.undoCount == 2)

    #expect(session.undo(baseline: file.original) == 2)
    #expect(session.hasChanges)
    #expect(session.edits.runs == [EditRun(offset: 2, bytes: [0x00])])
    #expect(file.view(through: session) == [0x61, 0x00, 0x00])
    // Redo brings the view back to what is on disk: nothing pending any more.
    #expect(session.redo(baseline: file.original) == 2)
    #expect(!session.hasChanges)
  }

  @Test func undoKeepsEditsPastATruncatedEnd() {
    let file = Baseline(bytes: [0x00])
    var session = EditSession()
    session.typeByte(at: 5, value: 0x01, original: 0x00)
    session.typeByte(at: 5, value: 0x02, original: 0x00)
    // The file shrank to one byte: offset 5 has no baseline value, so the restored 0x01 stays pending.
    session.undo(baseline: file.original)
    #expect(session.edits.byte(at: 5) == 0x01)
  }

  @Test func discardAllForgetsEditsAndHistory() {
    var session = EditSession()
    session.typeByte(at: 0, value: 1, original: 0)
    session.discardAll()
    #expect(session == EditSession())
  }
}
