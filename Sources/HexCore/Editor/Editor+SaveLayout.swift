import MemMap

// Saving a document whose bytes were inserted or deleted: in place when nothing moved in the
// end, otherwise by rewriting the tail from the first moved byte behind a roll-forward journal.

extension Editor {
  /// The edits an in-place save writes: the session's pending overwrites, or the edited ranges
  /// of its piece table when no byte moved (an insert taken back by a delete, say).
  var inPlaceEdits: PendingEdits {
    guard let table = session.table else { return session.edits }
    var edits = PendingEdits()
    for range in table.saveLayout.inPlaceRanges {
      let bytes = table.bytes(in: range)
      for (index, value) in bytes.enumerated() {
        edits.assign(value, at: range.lowerBound + index, original: nil)
      }
    }
    return edits
  }

  /// Saves a document whose size or layout changed: the tail from the first moved byte is
  /// rewritten behind a roll-forward journal (``Saver/save(_:to:expecting:ifChangedOnDisk:progress:)``),
  /// then the file is opened again and becomes the new baseline (the undo history stays).
  func saveMovingBytes(
    of table: PieceTable, to path: String, expecting expected: FileStatus, ifChangedOnDisk policy: Saver.ChangedFilePolicy,
    thenQuit: Bool
  ) -> EditorOutcome {
    // A running search scans pieces of the mapping the save is about to change.
    stopSearch()
    let history = captureHistoryBeforeSave()
    let outcome: SaveOutcome
    do {
      outcome = try Saver().save(table, to: path, expecting: expected, ifChangedOnDisk: policy)
    } catch {
      message = EditorMessage(error.description, isError: true)
      return .continue
    }
    switch outcome {
    case .saved(let report):
      let reopened: Document
      do {
        reopened = Document(mapping: try MemMap.open(path, mode: .readOnly), path: path, isReadOnly: false)
      } catch {
        // The file is saved; what is on screen still shows it, but the old mapping is stale.
        message = EditorMessage(
          "saved '\(path)', but it could not be reopened (\(error.userDescription)); quit and open it again",
          isError: true)
        return thenQuit ? .quit : .continue
      }
      document = reopened
      match = nil
      let historyNote = markSaved(keeping: history)
      let written = report.bytesWritten
      message = EditorMessage(
        "saved: \(written) \(written == 1 ? "byte" : "bytes") rewritten, the file is now \(reopened.count) "
          + "\(reopened.count == 1 ? "byte" : "bytes")" + historyNote)
      return thenQuit ? .quit : .continue
    case .fileChangedOnDisk, .destinationExists:
      ask(.saveOverChangedFile(thenQuit: thenQuit), outcome.message(showingTimesAs: configuration.timeFormat))
      return .continue
    }
  }
}
