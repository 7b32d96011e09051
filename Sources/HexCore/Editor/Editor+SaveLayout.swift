import MemMap

// Saving a piece-table document (bytes inserted, deleted or filled): the stretches it changed
// are rewritten behind a roll-forward journal, fills as their pattern. A session of overwrites
// only (no table) keeps the journaled in-place save of its pending edits.

extension Editor {
  /// Saves a piece-table document: the edited ranges, and the tail from the first moved byte,
  /// are rewritten behind a roll-forward journal (``Saver/save(_:to:expecting:ifChangedOnDisk:progress:shouldCancel:)``),
  /// then the file is opened again and becomes the new baseline; the undo history stays (see
  /// ``captureHistoryBeforeSave()``). A save that rewrites many bytes runs in the background
  /// (``startBackgroundSave(of:to:expecting:ifChangedOnDisk:history:thenQuit:)``).
  func saveMovingBytes(
    of table: PieceTable, to path: String, expecting expected: FileStatus, ifChangedOnDisk policy: Saver.ChangedFilePolicy,
    thenQuit: Bool
  ) -> EditorOutcome {
    // A running search scans pieces of the mapping the save is about to change.
    stopSearch()
    let history = captureHistoryBeforeSave()
    if table.saveLayout.rewrittenByteCount >= Self.backgroundSaveMinimumBytes {
      return startBackgroundSave(
        of: table, to: path, expecting: expected, ifChangedOnDisk: policy, history: history, thenQuit: thenQuit)
    }
    let result = Result { () throws(SaveError) in
      try Saver().save(table, to: path, expecting: expected, ifChangedOnDisk: policy)
    }
    return handleMovedBytesSaveResult(result, path: path, history: history, thenQuit: thenQuit)
  }

  /// What the editor does once a save that moved bytes is over: says why it failed or was
  /// cancelled, asks about a file changed on disk, or takes the saved file on.
  func handleMovedBytesSaveResult(
    _ result: Result<SaveOutcome, SaveError>, path: String, history: SavedHistoryCapture, thenQuit: Bool
  ) -> EditorOutcome {
    switch result {
    case .failure(let error):
      if case .cancelled = error {
        message = EditorMessage(error.description + "; your edits are still pending")
      } else {
        message = EditorMessage(error.description, isError: true)
      }
      return .continue
    case .success(.saved(let report)):
      return didSaveMovingBytes(report, path: path, history: history, thenQuit: thenQuit)
    case .success(let outcome):
      ask(.saveOverChangedFile(thenQuit: thenQuit), outcome.message(showingTimesAs: configuration.timeFormat))
      return .continue
    }
  }

  /// After a successful save of a piece-table document: opens the saved file again and makes it
  /// the document, with no pending edits and the undo history moved onto it.
  func didSaveMovingBytes(
    _ report: SaveReport, path: String, history: SavedHistoryCapture, thenQuit: Bool
  ) -> EditorOutcome {
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
    let movedBytes = session.table.map { !$0.isInPlace } ?? true
    document = reopened
    match = nil
    let historyNote = markSaved(keeping: history)
    if movedBytes {
      let written = report.bytesWritten
      message = EditorMessage(
        "saved: \(written) \(written == 1 ? "byte" : "bytes") rewritten, the file is now \(reopened.count) "
          + "\(reopened.count == 1 ? "byte" : "bytes")" + historyNote)
    } else {
      // Nothing moved (a fill, or an insert taken back): said as a save of overwrites is.
      message = EditorMessage(report.message + historyNote)
    }
    return thenQuit ? .quit : .continue
  }
}
