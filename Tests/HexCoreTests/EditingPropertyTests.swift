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

/// One edit of the whole-document model, decoded from a random integer; offsets and lengths are
/// taken relative to the document's size at that step.
private enum DocumentAction: CustomStringConvertible {
  case insert(offset: Int, bytes: [UInt8])
  case delete(Range<Int>)
  case paste(offset: Int, bytes: [UInt8])
  case fill(Range<Int>, pattern: [UInt8])
  /// Ctrl-S; `hadChanges` is whether the editor had anything to save (after inserts and deletes
  /// that is a question of layout, which the array does not know).
  case save(hadChanges: Bool = true)
  case undo, redo

  init(code: Int, count: Int) {
    var random = SearchRandom(seed: UInt64(code))
    // Few byte values, so searches find matches and edits often repeat the file's own bytes.
    func bytes(_ length: Int) -> [UInt8] { random.bytes(length, from: [0x00, 0x41, 0xFF]) }
    func range() -> Range<Int> {
      let lower = random.next(in: 0...max(0, count - 1))
      let length = random.next(in: 1...max(1, min(count - lower, random.next(in: 0...1) == 0 ? 3 : count)))
      return lower..<(lower + length)
    }
    switch code % 10 {
    case 0, 1: self = .insert(offset: random.next(in: 0...max(0, count - 1)), bytes: bytes(random.next(in: 1...3)))
    case 2: self = count > 0 ? .delete(range()) : .undo
    case 3, 4:
      guard count > 0 else { self = .redo; return }
      let target = range()
      self = .paste(offset: target.lowerBound, bytes: bytes(target.count))
    case 5, 6: self = count > 0 ? .fill(range(), pattern: bytes(random.next(in: 1...4))) : .undo
    case 7: self = .undo
    case 8: self = .redo
    default: self = .save()
    }
  }

  var description: String {
    switch self {
    case .insert(let offset, let bytes): "insert(\(bytes) at \(offset))"
    case .delete(let range): "delete(\(range))"
    case .paste(let offset, let bytes): "paste(\(bytes) at \(offset))"
    case .fill(let range, let pattern): "fill(\(range) with \(pattern))"
    case .undo: "undo"
    case .redo: "redo"
    case .save: "save"
    }
  }
}

/// The reference for whole-document edits: a plain array and snapshots for undo and redo.
/// While every edit is an overwrite, one that changes nothing is no step; from the first insert,
/// delete or fill (the piece table) every edit is a step; a save keeps the history.
private struct DocumentModel {
  var bytes: [UInt8]
  var disk: [UInt8]
  var undoSnapshots: [[UInt8]] = []
  var redoSnapshots: [[UInt8]] = []
  var isInTable = false

  init(_ bytes: [UInt8]) {
    self.bytes = bytes
    disk = bytes
  }

  mutating func perform(_ action: DocumentAction) {
    var next = bytes
    switch action {
    case .insert(let offset, let inserted):
      next.insert(contentsOf: inserted, at: offset)
      isInTable = true
    case .delete(let range):
      next.removeSubrange(range)
      isInTable = true
    case .paste(let offset, let pasted):
      next.replaceSubrange(offset..<(offset + pasted.count), with: pasted)
    case .fill(let range, let pattern):
      for offset in range { next[offset] = pattern[(offset - range.lowerBound) % pattern.count] }
      isInTable = true
    case .undo:
      guard let previous = undoSnapshots.popLast() else { return }
      redoSnapshots.append(bytes)
      bytes = previous
      return
    case .redo:
      guard let following = redoSnapshots.popLast() else { return }
      undoSnapshots.append(bytes)
      bytes = following
      return
    case .save:
      // The history stays across a save (a table's steps are moved onto the saved file).
      disk = bytes
      return
    }
    guard isInTable || next != bytes else { return }
    undoSnapshots.append(bytes)
    redoSnapshots.removeAll()
    bytes = next
  }
}

@Suite("Editing: random inserts, deletes, pastes, fills, undos, redos and saves against a plain array")
struct DocumentEditingPropertyTests {
  /// Each case edits a real file through the editor, checking the bytes shown after every step,
  /// the file on disk after every save (Ctrl-S: in place, or rewriting the moved tail), and at
  /// the end every match of a pattern taken from the document against a naive scan.
  @Test func editorMatchesThePlainArray() async {
    await propertyCheck(
      count: 40,
      input: Gen.int(in: 0...2).array(of: 1...24),
      Gen.int(in: 0...1_000_000).array(of: 0...30)
    ) { initial, codes in
      let directory = try SaveTestDirectory()
      let original: [UInt8] = initial.map { [0x00, 0x41, 0xFF][$0] }
      let path = try directory.write("document.bin", original)
      let editor = Editor(
        document: Document(mapping: try MemMap.open(path), path: path, isReadOnly: false),
        configuration: EditorConfiguration())
      var model = DocumentModel(original)
      for (step, code) in codes.enumerated() {
        var action = DocumentAction(code: code, count: model.bytes.count)
        switch action {
        case .insert(let offset, let bytes):
          editor.viewport.moveCursor(to: offset)
          editor.insertAtCursor(bytes)
        case .delete(let range):
          editor.delete(range: range)
        case .paste(let offset, let bytes):
          editor.viewport.moveCursor(to: offset)
          editor.overwriteAtCursorAsPaste(bytes)
        case .fill(let range, let pattern):
          editor.fill(range, with: pattern)
        case .undo:
          editor.perform(.undo)
        case .redo:
          editor.perform(.redo)
        case .save:
          action = .save(hadChanges: editor.hasUnsavedChanges)
          editor.perform(.save)
        }
        model.perform(action)
        let context = "step \(step): \(action)"
        #expect(editor.contentWindow(at: 0, length: model.bytes.count + 1).bytes == model.bytes, "\(context)")
        #expect(editor.session.undoCount == model.undoSnapshots.count, "\(context)")
        #expect(editor.session.redoCount == model.redoSnapshots.count, "\(context)")
        if case .save = action {
          #expect(try contents(of: path) == model.disk, "\(context): the file on disk")
        }
      }

      // Every match of a pattern from the document, found through the table (or the pending
      // overwrites) in small chunks, against a naive scan of the array.
      let bytes = model.bytes
      guard !bytes.isEmpty else { return }
      var random = SearchRandom(seed: UInt64(codes.count * 31 + bytes.count))
      let start = random.next(in: 0...(bytes.count - 1))
      let pattern = try SearchPattern(bytes: Array(bytes[start..<min(bytes.count, start + random.next(in: 1...3))]))
      let search = ByteSearch(pattern: pattern, chunkSize: random.next(in: 1...5))
      let found =
        if let table = editor.session.table {
          try search.matches(in: table)
        } else {
          try search.matches(in: ByteArraySearchSource(editor.contentWindow(at: 0, length: bytes.count).bytes))
        }
      #expect(found == naiveMatches(of: pattern, in: bytes), "searching \(pattern.hexDescription)")

      // The same through the find prompt: from the start, the first match.
      editor.viewport.moveCursor(to: 0)
      editor.perform(.findPrompt)
      for character in pattern.hexDescription { _ = editor.handle(.character(character)) }
      _ = editor.handle(.enter)
      while editor.isSearching { _ = editor.idle() }
      #expect(editor.match?.lowerBound == naiveMatches(of: pattern, in: bytes).first)
    }
  }
}
