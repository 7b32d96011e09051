import MemMap

// Save-as of a large document runs in the background like the long saves in place
// (Editor+SaveProgress.swift): the new file is written beside the destination from a snapshot
// of the document, Esc before it replaces the destination removes it, and the document is
// not touched by the save at all.

extension Editor {
  /// Starts writing the document to `path` in the background, from a snapshot of it as a
  /// piece table (a copy of the session's table, or one showing the pending overwrites over
  /// the stored bytes: neither copies the file).
  func startBackgroundSaveAs(
    to path: String, replacingExisting: Bool, history: SavedHistoryCapture, thenQuit: Bool
  ) -> EditorOutcome {
    let table = session.table ?? PieceTable(source: document.byteSource, overwrittenBy: session.edits)
    let name = Self.fileName(of: path)
    return runInBackground(path: path, isSaveAs: true, name: name, history: history, thenQuit: thenQuit) {
      SaveJob.startSavingAs(
        table, sourcePath: document.path, to: path, replacingExisting: replacingExisting,
        observer: backgroundSaveObserver)
    }
  }
}

extension PieceTable {
  /// A table showing `source` with the overwrites of `edits` (file offsets inside it) applied:
  /// about two pieces per run of edited bytes.
  init(source: any ByteSource, overwrittenBy edits: PendingEdits) {
    self.init(source: source)
    for run in edits.runs where run.endOffset <= source.count {
      overwrite(at: run.offset, with: run.bytes)
    }
  }
}
