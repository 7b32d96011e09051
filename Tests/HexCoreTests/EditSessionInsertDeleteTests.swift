import Testing

@testable import HexCore

/// The session's move from pending overwrites to a piece table at the first insert or delete,
/// against a plain array.
@Suite("Edit session: inserts and deletes")
struct EditSessionInsertDeleteTests {
  static let original = Array("0123456789".utf8)

  static func shown(_ session: EditSession) -> [UInt8] {
    session.tableBytes(in: 0..<session.count(baselineCount: original.count))
      ?? original.indices.map { session.byte(at: $0, original: original[$0]) }
  }

  @Test("overwrites made before the first insert are undone and redone in order after it")
  func undoAcrossTheMove() {
    var session = EditSession()
    session.typeByte(at: 2, value: 0x41, original: Self.original[2])
    session.overwrite(at: 5, with: [0x42, 0x43], originals: Array(Self.original[5..<7]))
    #expect(!session.changesLayout)
    session.insert([0x7A], at: 0, over: ByteArraySearchSource(Self.original))
    session.delete(range: 9..<11, over: ByteArraySearchSource(Self.original))
    #expect(session.changesLayout)
    let edited = Array("z01A34BC7".utf8)
    #expect(Self.shown(session) == edited)
    #expect(session.undoCount == 4)

    var states: [[UInt8]] = []
    while session.undo(baseline: { _ in nil }) != nil { states.append(Self.shown(session)) }
    #expect(states == [Array("z01A34BC789".utf8), Array("01A34BC789".utf8), Array("01A3456789".utf8), Self.original])
    #expect(!session.hasChanges, "every byte holds its file value again, though the table has edited pieces")
    #expect(session.changedByteCount == 0)
    while session.redo(baseline: { _ in nil }) != nil {}
    #expect(Self.shown(session) == edited)
    #expect(session.redoCount == 0)
  }

  @Test("a new edit after undoing into the overwrites forgets every redo step")
  func newEditForgetsRedo() {
    var session = EditSession()
    session.typeByte(at: 2, value: 0x41, original: Self.original[2])
    session.insert([0x7A], at: 0, over: ByteArraySearchSource(Self.original))
    session.undo(baseline: { _ in nil })
    session.undo(baseline: { _ in nil })
    #expect(session.redoCount == 2)
    session.delete(range: 0..<1, over: ByteArraySearchSource(Self.original))
    #expect(session.redoCount == 0)
    #expect(session.redo(baseline: { _ in nil }) == nil)
    #expect(Self.shown(session) == Array("123456789".utf8))
  }

  @Test("a hex digit inserted, then its low nibble, is one undo step")
  func insertedNibblesAreOneStep() {
    var session = EditSession()
    session.insert([0xA0], at: 3, over: ByteArraySearchSource(Self.original))
    session.typeNibble(at: 3, high: false, value: 0x5, original: 0)
    #expect(Self.shown(session) == Array("012".utf8) + [0xA5] + Array("3456789".utf8))
    #expect(session.undoCount == 1)
    session.undo(baseline: { _ in nil })
    #expect(Self.shown(session) == Self.original)
  }

  @Test("after a save that moved bytes the session starts afresh")
  func markSavedDropsTheTable() {
    var session = EditSession()
    session.insert([0x7A], at: 0, over: ByteArraySearchSource(Self.original))
    session.markSaved()
    #expect(!session.changesLayout && !session.hasChanges && session.undoCount == 0)
    #expect(session == EditSession())
  }
}
