import Testing

@testable import HexCore

@Suite("PendingEdits")
struct PendingEditsTests {
  @Test func emptyEditsChangeNothing() {
    let edits = PendingEdits()
    var window: [UInt8] = [1, 2, 3]
    edits.apply(to: &window, at: 100)
    #expect(window == [1, 2, 3])
    #expect(edits.byte(at: 0) == nil)
    #expect(!edits.hasChanges)
    #expect(edits.changedByteCount == 0)
    #expect(edits.endOffset == nil)
  }

  @Test func adjacentBytesCoalesceIntoOneRun() {
    var edits = PendingEdits()
    edits.setByte(at: 10, value: 0xAA, original: 0)
    edits.setByte(at: 12, value: 0xCC, original: 0)
    #expect(edits.runs == [EditRun(offset: 10, bytes: [0xAA]), EditRun(offset: 12, bytes: [0xCC])])
    edits.setByte(at: 11, value: 0xBB, original: 0)
    #expect(edits.runs == [EditRun(offset: 10, bytes: [0xAA, 0xBB, 0xCC])])
    edits.setByte(at: 9, value: 0x99, original: 0)
    edits.setByte(at: 13, value: 0xDD, original: 0)
    #expect(edits.runs == [EditRun(offset: 9, bytes: [0x99, 0xAA, 0xBB, 0xCC, 0xDD])])
    #expect(edits.changedByteCount == 5)
  }

  @Test func overwritingAnEditedByteKeepsTheCount() {
    var edits = PendingEdits()
    let first = edits.setByte(at: 5, value: 0x11, original: 0x00)
    let second = edits.setByte(at: 5, value: 0x22, original: 0x00)
    #expect(first == ByteChange(offset: 5, before: 0x00, after: 0x11))
    #expect(second == ByteChange(offset: 5, before: 0x11, after: 0x22))
    #expect(edits.changedByteCount == 1)
    #expect(edits.byte(at: 5) == 0x22)
  }

  @Test func settingTheOriginalValueRemovesTheEditAndSplitsRuns() {
    var edits = PendingEdits()
    for offset in 0..<5 { edits.setByte(at: offset, value: 0xFF, original: 0x00) }
    edits.setByte(at: 2, value: 0x00, original: 0x00)
    #expect(edits.runs == [EditRun(offset: 0, bytes: [0xFF, 0xFF]), EditRun(offset: 3, bytes: [0xFF, 0xFF])])
    #expect(edits.changedByteCount == 4)
    edits.setByte(at: 0, value: 0x00, original: 0x00)
    edits.setByte(at: 4, value: 0x00, original: 0x00)
    #expect(edits.runs == [EditRun(offset: 1, bytes: [0xFF]), EditRun(offset: 3, bytes: [0xFF])])
    edits.setByte(at: 1, value: 0x00, original: 0x00)
    edits.setByte(at: 3, value: 0x00, original: 0x00)
    #expect(edits.runs.isEmpty)
    #expect(edits.changedByteCount == 0)
    #expect(!edits.hasChanges)
  }

  @Test func typingTheSameValueAsTheFileIsNotAChange() {
    var edits = PendingEdits()
    let change = edits.setByte(at: 7, value: 0x41, original: 0x41)
    #expect(change.isNoOp)
    #expect(!edits.hasChanges)
  }

  @Test(arguments: [
    (high: true, value: UInt8(0xA), expected: UInt8(0xA4)),
    (high: false, value: UInt8(0xA), expected: UInt8(0x3A)),
    (high: true, value: UInt8(0x3), expected: UInt8(0x34)),
  ])
  func nibbleReplacesOnlyItsHalf(high: Bool, value: UInt8, expected: UInt8) {
    var edits = PendingEdits()
    let change = edits.setNibble(at: 0, high: high, value: value, original: 0x34)
    #expect(change == ByteChange(offset: 0, before: 0x34, after: expected))
    #expect(edits.byte(at: 0) == (expected == 0x34 ? nil : expected))
  }

  @Test func nibblesBuildOnTheEditedValue() {
    var edits = PendingEdits()
    edits.setNibble(at: 3, high: true, value: 0xD, original: 0x00)
    edits.setNibble(at: 3, high: false, value: 0xE, original: 0x00)
    #expect(edits.byte(at: 3) == 0xDE)
  }

  @Test func applyOverwritesOnlyTheEditedBytesInsideTheWindow() {
    var edits = PendingEdits()
    edits.setByte(at: 2, value: 0xA2, original: 0)
    edits.setByte(at: 3, value: 0xA3, original: 0)
    edits.setByte(at: 9, value: 0xA9, original: 0)
    edits.setByte(at: 20, value: 0xB4, original: 0)
    var window = [UInt8](repeating: 0x00, count: 8)  // offsets 3..<11
    edits.apply(to: &window, at: 3)
    #expect(window == [0xA3, 0, 0, 0, 0, 0, 0xA9, 0])
  }

  @Test func editedRangesAreClippedToTheQuery() {
    var edits = PendingEdits()
    for offset in [1, 2, 3, 8, 15, 16] { edits.setByte(at: offset, value: 1, original: 0) }
    #expect(edits.editedRanges(in: 2..<16) == [2..<4, 8..<9, 15..<16])
    #expect(edits.editedRanges(in: 4..<8) == [])
    #expect(edits.runs(in: 3..<9) == [EditRun(offset: 3, bytes: [1]), EditRun(offset: 8, bytes: [1])])
    #expect(edits.isEdited(8))
    #expect(!edits.isEdited(9))
  }

  @Test func editsFarBeyondFourGiBAreSparse() {
    var edits = PendingEdits()
    let far = 1 << 40
    edits.setByte(at: far, value: 0x5A, original: 0)
    edits.setByte(at: 0, value: 0x5B, original: 0)
    #expect(edits.runs.count == 2)
    #expect(edits.byte(at: far) == 0x5A)
    #expect(edits.endOffset == far + 1)
  }

  @Test func removeAllClearsEverything() {
    var edits = PendingEdits()
    edits.setByte(at: 1, value: 1, original: 0)
    edits.removeAll()
    #expect(edits == PendingEdits())
  }
}
