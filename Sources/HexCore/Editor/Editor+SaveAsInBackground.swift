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
    let table = session.snapshotTable(over: document.byteSource)
    let name = Document.fileName(of: path)
    return runInBackground(path: path, isSaveAs: true, name: name, history: history, thenQuit: thenQuit) {
      SaveJob.startSavingAs(
        table, sourcePath: document.path, to: path, replacingExisting: replacingExisting,
        observer: backgroundSaveObserver)
    }
  }
}
