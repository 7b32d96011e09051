// Undo across saves: each save takes what the session needs to keep its history before the file
// is written, and hands it back once the save succeeded (see `EditSession+SavedHistory.swift`).

extension Editor {
  /// Before a save writes the file: what keeps the undo history across it.
  func captureHistoryBeforeSave() -> SavedHistoryCapture {
    session.captureHistoryForSave()
  }

  /// After a successful save, once ``document`` reads the saved file: makes it the baseline,
  /// keeping the undo history when `capture` could.
  ///
  /// - Returns: What the save's message adds when the history was dropped, else `""`.
  func markSaved(keeping capture: SavedHistoryCapture) -> String {
    session.markSaved(keeping: capture, savedSource: document.byteSource)
    endTypingRun()
    followContentCount()
    guard let needed = capture.droppedHistoryByteCount else { return "" }
    return "; undo starts afresh: undoing the earlier edits would need \(Self.mebibytes(needed)) of the old file "
      + "in memory, more than the \(Self.mebibytes(EditSession.historyCaptureLimit)) kept across a save"
  }

  /// `count` bytes in MiB, rounded up (`1 MiB` for a byte).
  private static func mebibytes(_ count: Int) -> String {
    "\((count + (1 << 20) - 1) >> 20) MiB"
  }
}
