import MemMap
import PropertyBased
import Testing

@testable import HexCore

/// One user action, decoded from a random integer so that shrinking works on plain arrays.
private enum EditAction: CustomStringConvertible {
  case nibble(offset: Int, high: Bool, value: UInt8)
  case byte(offset: Int, value: UInt8)
  case undo, redo, save, moveAway

  static let fileSize = 12

  init(code: Int) {
    let offset = (code / 8) % Self.fileSize
    // Few distinct values, so edits often restore the file's own bytes.
    let value = UInt8((code / 8 / Self.fileSize) % 4)
    switch code % 8 {
    case 0, 1: self = .nibble(offset: offset, high: true, value: value)
    case 2: self = .nibble(offset: offset, high: false, value: value)
    case 3: self = .byte(offset: offset, value: value)
    case 4: self = .undo
    case 5: self = .redo
    case 6: self = .save
    default: self = .moveAway
    }
  }

  var description: String {
    switch self {
    case .nibble(let offset, let high, let value): "nibble(\(offset), \(high ? "high" : "low"), \(value))"
    case .byte(let offset, let value): "byte(\(offset), \(value))"
    case .undo: "undo"
    case .redo: "redo"
    case .save: "save"
    case .moveAway: "moveAway"
    }
  }
}

/// The reference: whole-buffer snapshots for undo and redo, and the rule that a high nibble
/// followed by the low nibble of the same byte is one step.
private struct SnapshotModel {
  var disk: [UInt8]
  var view: [UInt8]
  var undoSnapshots: [[UInt8]] = []
  var redoSnapshots: [[UInt8]] = []
  var openNibble: Int?

  init(disk: [UInt8]) {
    self.disk = disk
    self.view = disk
  }

  mutating func perform(_ action: EditAction) {
    switch action {
    case .nibble(let offset, let high, let value):
      var next = view
      next[offset] = high ? (value << 4) | (view[offset] & 0x0F) : (view[offset] & 0xF0) | value
      if !high, openNibble == offset {
        if next != view { redoSnapshots.removeAll() }
        view = next
        openNibble = nil
      } else {
        let changed = commit(next)
        openNibble = high && changed ? offset : nil
      }
    case .byte(let offset, let value):
      var next = view
      next[offset] = value
      commit(next)
      openNibble = nil
    // An undo or redo with nothing to do changes nothing, so a byte whose high nibble was just
    // typed still takes its low nibble into the same step.
    case .undo:
      if let previous = undoSnapshots.popLast() {
        redoSnapshots.append(view)
        view = previous
        openNibble = nil
      }
    case .redo:
      if let next = redoSnapshots.popLast() {
        undoSnapshots.append(view)
        view = next
        openNibble = nil
      }
    case .save:
      disk = view
      openNibble = nil
    case .moveAway:
      openNibble = nil
    }
  }

  /// Makes `next` the view as a new undo step, unless it changes nothing.
  @discardableResult
  private mutating func commit(_ next: [UInt8]) -> Bool {
    guard next != view else { return false }
    undoSnapshots.append(view)
    redoSnapshots.removeAll()
    view = next
    return true
  }
}

/// Replays `codes` on an `EditSession` and the snapshot model side by side, checking after
/// every action that both show the same bytes, counts and undo/redo availability.
///
/// - Parameter save: Saves the session's edits and returns the new file contents.
private func replay(
  initial: [Int], codes: [Int], save: ([UInt8], EditSession) throws -> [UInt8]
) rethrows {
  var model = SnapshotModel(disk: initial.map(UInt8.init))
  var disk = model.disk
  var session = EditSession()
  for action in codes.map(EditAction.init(code:)) {
    let baseline: (Int) -> UInt8? = { [disk] offset in disk[offset] }
    switch action {
    case .nibble(let offset, let high, let value):
      session.typeNibble(at: offset, high: high, value: value, original: disk[offset])
    case .byte(let offset, let value):
      session.typeByte(at: offset, value: value, original: disk[offset])
    case .undo:
      session.undo(baseline: baseline)
    case .redo:
      session.redo(baseline: baseline)
    case .save:
      disk = try save(disk, session)
      session.markSaved()
    case .moveAway:
      session.endTypingRun()
    }
    model.perform(action)

    var view = disk
    session.edits.apply(to: &view, at: 0)
    #expect(view == model.view, "after \(action)")
    #expect(disk == model.disk, "after \(action)")
    let differing = zip(model.view, model.disk).filter { $0 != $1 }.count
    #expect(session.changedByteCount == differing, "after \(action)")
    #expect(session.hasChanges == (differing > 0))
    #expect(session.history.canUndo == !model.undoSnapshots.isEmpty, "after \(action)")
    #expect(session.history.canRedo == !model.redoSnapshots.isEmpty, "after \(action)")
    for offset in 0..<EditAction.fileSize {
      #expect(session.edits.isEdited(offset) == (model.view[offset] != model.disk[offset]))
    }
  }
}

@Suite("Editing: random edits, undos, redos and saves against a snapshot model")
struct EditingPropertyTests {
  @Test func sessionMatchesTheSnapshotModel() async {
    await propertyCheck(
      count: 300,
      input: Gen.int(in: 0...3).array(of: EditAction.fileSize),
      Gen.int(in: 0...100_000).array(of: 0...120)
    ) { initial, codes in
      replay(initial: initial, codes: codes) { disk, session in
        var saved = disk
        session.edits.apply(to: &saved, at: 0)
        return saved
      }
    }
  }

  /// The same, with every save going through the crash-safe Saver into a real file, whose
  /// bytes then become the baseline (fewer cases: every save costs three fsyncs).
  @Test func savingThroughTheSaverMatchesTheSnapshotModel() async {
    await propertyCheck(
      count: 25,
      input: Gen.int(in: 0...3).array(of: EditAction.fileSize),
      Gen.int(in: 0...100_000).array(of: 0...60)
    ) { initial, codes in
      let directory = try SaveTestDirectory()
      let path = try directory.write("model.bin", initial.map(UInt8.init))
      var status = try MemMap.status(ofFile: path)
      try replay(initial: initial, codes: codes) { _, session in
        let outcome = try Saver().save(session.edits, to: path, expecting: status)
        guard case .saved(let report) = outcome else {
          Issue.record("save did not happen: \(outcome.message)")
          return try contents(of: path)
        }
        status = report.status
        #expect(!JournalRecovery.hasJournal(filePath: path))
        return try contents(of: path)
      }
    }
  }
}
