import MemMap

// Saving a piece-table document (bytes inserted, deleted or filled): the stretches it changed
// are rewritten behind a roll-forward journal, fills as their pattern. A session of overwrites
// only (no table) keeps the journaled in-place save of its pending edits.

extension Editor {
  /// Saves a piece-table document: the edited ranges, and the tail from the first moved byte,
  /// are rewritten behind a roll-forward journal (``Saver/save(_:to:expecting:ifChangedOnDisk:progress:shouldCancel:)``),
  /// then the file is opened again and becomes the new baseline (the undo history starts anew).
  func saveMovingBytes(
    of table: PieceTable, to path: String, expecting expected: FileStatus, ifChangedOnDisk policy: Saver.ChangedFilePolicy,
    thenQuit: Bool
  ) -> EditorOutcome {
    // A running search scans pieces of the mapping the save is about to change.
    stopSearch()
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
      session.markSaved()
      endTypingRun()
      match = nil
      followContentCount()
      let written = report.bytesWritten
      message = EditorMessage(
        "saved: \(written) \(written == 1 ? "byte" : "bytes") rewritten, the file is now \(reopened.count) "
          + "\(reopened.count == 1 ? "byte" : "bytes"); undo starts afresh")
      return thenQuit ? .quit : .continue
    case .fileChangedOnDisk, .destinationExists:
      ask(.saveOverChangedFile(thenQuit: thenQuit), outcome.message(showingTimesAs: configuration.timeFormat))
      return .continue
    }
  }
}
