// Keeping the undo history across a save of a document held in a piece table: the bytes of the
// old file that undo or redo could still show, and that the save drops, are copied out before
// the save; after it, the history is moved onto the saved file.

/// What a session needs to keep its undo history across one save: taken by
/// ``EditSession/captureHistoryForSave(limit:)`` before the file is written, handed to
/// ``EditSession/markSaved(keeping:savedSource:)`` once it was saved. Dropped unused when the
/// save fails or is cancelled.
public struct SavedHistoryCapture: Sendable {
  enum Kind: Sendable {
    /// Every edit is an overwrite: the history never points at the file's bytes.
    case overwritesOnly
    /// The history of a table of `savedCount` bytes, ready to move onto the saved file.
    case rebase(SourceRebase, savedCount: Int)
    /// The history would need more of the old file's bytes than the limit.
    case tooLarge(neededByteCount: Int)
  }

  let kind: Kind

  /// How many bytes of the old file were copied into memory to keep the history.
  public var capturedByteCount: Int {
    if case .rebase(let rebase, _) = kind { return rebase.capturedByteCount }
    return 0
  }

  /// When the history cannot be kept: how many bytes of the old file it would need; `nil` when
  /// it is kept.
  public var droppedHistoryByteCount: Int? {
    if case .tooLarge(let count) = kind { return count }
    return nil
  }
}

extension EditSession {
  /// The most bytes of the old file kept in memory so that undo works across a save: 64 MiB.
  /// Undoing a deleted or overwritten gigabyte after its save would need that gigabyte; above
  /// this the history is dropped at the save instead.
  public static let historyCaptureLimit = 64 << 20

  /// Before a save: copies the bytes of the file that the undo and redo steps show and the save
  /// will drop (deleted or overwritten), so that the history survives it. Call while the file
  /// still holds its old bytes.
  ///
  /// - Parameter limit: The most bytes to copy; beyond it the capture says how many were needed
  ///   and the history is dropped at the save.
  public func captureHistoryForSave(limit: Int = historyCaptureLimit) -> SavedHistoryCapture {
    guard let table else { return SavedHistoryCapture(kind: .overwritesOnly) }
    switch SourceRebase.capture(for: table, history: tableHistory, limit: limit) {
    case .rebase(let rebase): return SavedHistoryCapture(kind: .rebase(rebase, savedCount: table.count))
    case .tooLarge(let count): return SavedHistoryCapture(kind: .tooLarge(neededByteCount: count))
    }
  }

  /// After a successful save: the saved document, read from `savedSource` (the saved file),
  /// becomes the new baseline with no changes, and every undo and redo step stays available.
  ///
  /// The history is dropped (as by ``discardAll()``) when `capture` could not keep it, or when
  /// `savedSource` does not have the size of the document that was saved.
  public mutating func markSaved(keeping capture: SavedHistoryCapture, savedSource: any ByteSource) {
    switch capture.kind {
    case .overwritesOnly where table == nil:
      markSaved()
    case .rebase(let rebase, let savedCount) where table != nil && savedSource.count == savedCount:
      var priorities: UInt64 = 0x7361_7665_6421_2121
      tableHistory = tableHistory.mapped { rebase.rebased($0, priorities: &priorities) }
      table = PieceTable(source: savedSource)
      edits.removeAll()
      history.closeStep()
    default:
      discardAll()
    }
  }
}
