import MemMap
import Testing

@testable import HexCore

/// Undo and redo across saves of a document whose bytes were inserted or deleted: the history
/// moves onto the saved file, and the bytes it needs that the save dropped are kept in memory.
@Suite("Undo across saves")
struct UndoAcrossSaveTests {
  /// A session editing one file, saved the way the editor saves it, with the user's view kept
  /// independently as an array and every state the history should reach again.
  struct SavedFile {
    let path: String
    var source: any ByteSource
    var session = EditSession()
    /// What the file holds on disk.
    var saved: [UInt8]
    /// The document as the user should see it.
    var shown: [UInt8]
    /// The document before each step that undo can take back, oldest first.
    var undoStates: [[UInt8]] = []

    init(path: String) throws {
      self.path = path
      source = SharedSearchSource(try MemMap.open(path, mode: .readOnly))
      saved = try contents(of: path)
      shown = saved
    }

    var document: [UInt8] {
      let count = session.count(baselineCount: saved.count)
      return session.tableBytes(in: 0..<count) ?? (0..<count).map { session.byte(at: $0, original: saved[$0]) }
    }

    /// One random insert, delete or overwrite (overwrites only, with `overwritesOnly`).
    mutating func randomEdit(_ random: inout SplitMix64, overwritesOnly: Bool) {
      let before = shown
      let kind = overwritesOnly ? 2 : Int.random(in: 0..<3, using: &random)
      let bytes = (0..<Int.random(in: 1...40, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
      switch kind {
      case 0:
        let offset = Int.random(in: 0...shown.count, using: &random)
        session.insert(bytes, at: offset, over: source)
        shown.insert(contentsOf: bytes, at: offset)
      case 1 where !shown.isEmpty:
        let start = Int.random(in: 0..<shown.count, using: &random)
        let range = start..<min(shown.count, start + Int.random(in: 1...300, using: &random))
        session.delete(range: range, over: source)
        shown.removeSubrange(range)
      default:
        guard !shown.isEmpty else { return }
        let offset = Int.random(in: 0..<shown.count, using: &random)
        let values = Array(bytes.prefix(shown.count - offset))
        let originals = session.table == nil ? Array(saved[offset..<(offset + values.count)]) : values
        session.overwrite(at: offset, with: values, originals: originals)
        shown.replaceSubrange(offset..<(offset + values.count), with: values)
      }
      session.endTypingRun()
      if shown != before || session.undoCount > undoStates.count { undoStates.append(before) }
    }

    /// Saves the document as the editor does (in place, or rewriting the tail) with the history
    /// captured before and moved onto the saved file after.
    mutating func save(limit: Int = EditSession.historyCaptureLimit) throws -> SavedHistoryCapture {
      let capture = session.captureHistoryForSave(limit: limit)
      let status = try MemMap.status(ofFile: path)
      let outcome: SaveOutcome
      if let table = session.table, !table.isInPlace {
        outcome = try Saver().save(table, to: path, expecting: status)
      } else {
        var edits = session.edits
        if let table = session.table {
          for range in table.saveLayout.inPlaceRanges {
            for (index, value) in table.bytes(in: range).enumerated() {
              edits.assign(value, at: range.lowerBound + index, original: nil)
            }
          }
        }
        outcome = try Saver().save(edits, to: path, expecting: status)
      }
      guard case .saved = outcome else {
        Issue.record("the save asked instead of saving")
        return capture
      }
      source = SharedSearchSource(try MemMap.open(path, mode: .readOnly))
      session.markSaved(keeping: capture, savedSource: source)
      saved = try contents(of: path)
      return capture
    }
  }

  @Test(arguments: 0..<24)
  func undoingEverythingAfterTwoSavesGivesBackTheOriginalAndRedoTheLastSave(seed: Int) throws {
    var random = SplitMix64(seed: UInt64(seed) &* 7919 &+ 1)
    let directory = try SaveTestDirectory()
    let original = (0..<Int.random(in: 0...3000, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
    var file = try SavedFile(path: try directory.write("data.bin", original))

    // A few overwrites before the first insert or delete, then edits of every kind; two saves.
    for _ in 0..<Int.random(in: 0...3, using: &random) { file.randomEdit(&random, overwritesOnly: true) }
    for round in 0..<2 {
      for _ in 0..<Int.random(in: 1...12, using: &random) { file.randomEdit(&random, overwritesOnly: false) }
      #expect(same(file.document, file.shown), "round \(round), seed \(seed)")
      let capture = try file.save()
      #expect(capture.droppedHistoryByteCount == nil)
      #expect(same(file.saved, file.shown), "round \(round): the save wrote the document")
      #expect(!file.session.hasChanges)
      #expect(same(file.document, file.shown), "round \(round): the document after the save is the saved file")
    }
    let lastSaved = file.shown
    #expect(file.session.undoCount == file.undoStates.count)

    for state in file.undoStates.reversed() {
      #expect(file.session.undo(baseline: { _ in nil }) != nil)
      #expect(same(file.document, state))
    }
    #expect(file.session.undo(baseline: { _ in nil }) == nil)
    #expect(same(file.document, original))
    _ = try file.save()
    #expect(same(try contents(of: file.path), original), "seed \(seed): undo everything, save: the original bytes")

    while file.session.redo(baseline: { _ in nil }) != nil {}
    #expect(same(file.document, lastSaved))
    _ = try file.save()
    #expect(same(try contents(of: file.path), lastSaved))
    for _ in file.undoStates { file.session.undo(baseline: { _ in nil }) }
    #expect(same(file.document, original), "and undo still works after saving the redone document")
  }

  @Test func aHistoryNeedingMoreThanTheLimitIsDroppedAtTheSave() throws {
    let directory = try SaveTestDirectory()
    let original = patternBytes(count: 10_000)
    var file = try SavedFile(path: try directory.write("data.bin", original))
    file.session.delete(range: 1000..<5000, over: file.source)
    file.session.insert([0xAA], at: 0, over: file.source)

    let dropped = try file.save(limit: 3999)
    #expect(dropped.droppedHistoryByteCount == 4000, "the deleted bytes, gone from the saved file")
    #expect(same(try contents(of: file.path), [0xAA] + original[0..<1000] + original[5000...]))
    #expect(file.session.undoCount == 0 && file.session.redoCount == 0 && !file.session.hasChanges)
    #expect(file.session.undo(baseline: { _ in nil }) == nil)
  }

  @Test func aHistoryWithinTheLimitKeepsOnlyTheBytesTheSaveDropped() throws {
    let directory = try SaveTestDirectory()
    let original = patternBytes(count: 10_000)
    var file = try SavedFile(path: try directory.write("data.bin", original))
    file.session.delete(range: 1000..<5000, over: file.source)
    file.session.overwrite(at: 0, with: [1, 2, 3], originals: [1, 2, 3])

    let kept = try file.save(limit: 4003)
    #expect(kept.droppedHistoryByteCount == nil)
    #expect(kept.capturedByteCount == 4003, "the deleted and the overwritten bytes; the moved ones are in the file")
    file.session.undo(baseline: { _ in nil })
    file.session.undo(baseline: { _ in nil })
    #expect(same(file.document, original))
  }

  @Test func aFailedSaveChangesNothing() throws {
    let directory = try SaveTestDirectory()
    let original = patternBytes(count: 1000)
    var file = try SavedFile(path: try directory.write("data.bin", original))
    file.session.insert([0xAA, 0xBB], at: 10, over: file.source)
    let edited = file.document
    _ = file.session.captureHistoryForSave()
    // The save stops at its last chance before the commit point, as Esc stops it.
    let table = try #require(file.session.table)
    #expect(throws: SaveError.cancelled(path: file.path)) {
      try Saver().save(table, to: file.path, expecting: try MemMap.status(ofFile: file.path), shouldCancel: { true })
    }
    #expect(try contents(of: file.path) == original, "the file is untouched")
    #expect(same(file.document, edited), "the edit is still pending")
    file.session.undo(baseline: { _ in nil })
    #expect(same(file.document, original), "and undo takes it back over the unchanged file")
  }
}

/// Whether `actual` holds `expected`, without printing both in full when not.
private func same(_ actual: [UInt8], _ expected: [UInt8]) -> Bool {
  actual == expected
}

/// The editor's side of undo across saves: the save's message, and the cap.
@Suite("Undo across saves in the editor")
struct EditorUndoAcrossSaveTests {
  static func openEditor(_ path: String) throws -> Editor {
    Editor(
      document: Document(mapping: try MemMap.open(path, mode: .readOnly), path: path, isReadOnly: false),
      configuration: EditorConfiguration(bytesPerRow: 16))
  }

  @Test func deletingMoreThanTheCapThenSavingSaysWhyUndoStartsAfresh() throws {
    let directory = try SaveTestDirectory()
    let path = try directory.write("big.bin", [0x11])
    try resizeFile(path, to: EditSession.historyCaptureLimit + 2)
    let editor = try Self.openEditor(path)
    editor.press(.right, .control("a"), .delete)
    editor.press(.control("s"))
    #expect(
      editor.message
        == EditorMessage(
          "saved: 0 bytes rewritten, the file is now 0 bytes; undo starts afresh: undoing the earlier edits would need "
            + "65 MiB of the old file in memory, more than the 64 MiB kept across a save"))
    #expect(try contents(of: path).isEmpty)
    editor.press(.control("z"))
    #expect(editor.message == EditorMessage("nothing to undo"))
  }

  @Test func aSaveAsKeepsTheHistoryToo() throws {
    let directory = try SaveTestDirectory()
    let original = patternBytes(count: 100)
    let path = try directory.write("data.bin", original)
    let editor = try Self.openEditor(path)
    editor.press(.delete, .delete)
    editor.press(.control("o"))
    for _ in 0..<path.count { editor.press(.backspace) }
    let copy = directory.file("copy.bin")
    editor.type(copy)
    editor.press(.enter)
    #expect(editor.message == EditorMessage("saved 98 bytes to '\(copy)'"))
    editor.press(.control("z"), .control("z"))
    #expect(editor.contentWindow(at: 0, length: 100).bytes == original)
    editor.press(.control("s"))
    #expect(try contents(of: copy) == original)
  }
}
