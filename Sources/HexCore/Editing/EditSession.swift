/// The editing state of one document: its ``PendingEdits`` and their ``UndoHistory``.
///
/// Every operation takes the byte values of the underlying source (the "baseline": the file as
/// last opened or saved) from the caller, so the session never reads the file itself.
/// Cursor movement stays with the caller; undo and redo say where the cursor should go.
///
/// ```swift
/// var session = EditSession()
/// session.typeNibble(at: cursor, high: true, value: 0xD, original: fileByte(cursor))
/// session.typeNibble(at: cursor, high: false, value: 0xE, original: fileByte(cursor))  // same step
/// var row = fileBytes(at: top, count: width)
/// session.edits.apply(to: &row, at: top)                        // what the screen shows
/// if let offset = session.undo(baseline: fileByte) { cursor = offset }
/// if case .saved(let report) = try Saver().save(session.edits, to: path, expecting: status) {
///   session.markSaved()                                         // undo stays available
///   status = report.status
/// }
/// ```
public struct EditSession: Hashable, Sendable {
  /// The pending edits over the baseline.
  public private(set) var edits = PendingEdits()

  /// The undo and redo steps.
  public private(set) var history = UndoHistory()

  /// Creates a session without edits or history.
  public init() {}

  /// Whether any byte differs from the baseline.
  public var hasChanges: Bool { edits.hasChanges }

  /// The number of bytes that differ from the baseline.
  public var changedByteCount: Int { edits.changedByteCount }

  /// The byte at `offset` as the user sees it: the pending edit, else `original`.
  public func byte(at offset: Int, original: UInt8) -> UInt8 {
    edits.byte(at: offset) ?? original
  }

  /// Types a hex digit into the high or low nibble of the byte at `offset` (hex pane).
  ///
  /// The high nibble followed by the low nibble of the same byte is one undo step.
  /// - Parameters:
  ///   - value: The digit's value, `0...15`.
  ///   - original: The byte's value in the baseline.
  /// - Returns: The change of the whole byte.
  @discardableResult
  public mutating func typeNibble(at offset: Int, high: Bool, value: UInt8, original: UInt8) -> ByteChange {
    let change = edits.setNibble(at: offset, high: high, value: value, original: original)
    history.recordNibble(change, high: high)
    return change
  }

  /// Overwrites the byte at `offset` with `value` (text pane); one undo step.
  ///
  /// - Parameter original: The byte's value in the baseline.
  /// - Returns: The change.
  @discardableResult
  public mutating func typeByte(at offset: Int, value: UInt8, original: UInt8) -> ByteChange {
    let change = edits.setByte(at: offset, value: value, original: original)
    history.record(change)
    return change
  }

  /// Overwrites the bytes from `offset` on with `bytes`, as one undo step (a paste, or the
  /// UTF-8 bytes of one typed character).
  ///
  /// - Parameter originals: The baseline values of those bytes, one for each of `bytes`.
  /// - Returns: The changes, in order (no-op changes included).
  @discardableResult
  public mutating func overwrite(at offset: Int, with bytes: [UInt8], originals: [UInt8]) -> [ByteChange] {
    precondition(bytes.count == originals.count, "one original per byte")
    var changes: [ByteChange] = []
    changes.reserveCapacity(bytes.count)
    for (index, value) in bytes.enumerated() {
      changes.append(edits.setByte(at: offset + index, value: value, original: originals[index]))
    }
    history.record(changes)
    return changes
  }

  /// Ends the current typing run (call when the cursor moves away): the next nibble typed
  /// starts a new undo step.
  public mutating func endTypingRun() {
    history.closeStep()
  }

  /// Reverts the most recent step.
  ///
  /// - Parameter baseline: The baseline value of a byte, or `nil` past the end of the source.
  /// - Returns: The offset the cursor should move to, or `nil` if there was nothing to undo.
  @discardableResult
  public mutating func undo(baseline: (Int) -> UInt8?) -> Int? {
    guard let step = history.popUndo() else { return nil }
    for change in step.changes.reversed() {
      edits.assign(change.before, at: change.offset, original: baseline(change.offset))
    }
    return step.cursorOffset
  }

  /// Reapplies the most recently undone step.
  ///
  /// - Parameter baseline: The baseline value of a byte, or `nil` past the end of the source.
  /// - Returns: The offset the cursor should move to, or `nil` if there was nothing to redo.
  @discardableResult
  public mutating func redo(baseline: (Int) -> UInt8?) -> Int? {
    guard let step = history.popRedo() else { return nil }
    for change in step.changes {
      edits.assign(change.after, at: change.offset, original: baseline(change.offset))
    }
    return step.cursorOffset
  }

  /// Makes the pending edits the new baseline after they were saved: the edits are cleared,
  /// the history stays, so undo after a save creates new pending edits.
  public mutating func markSaved() {
    edits.removeAll()
    history.closeStep()
  }

  /// Throws away every pending edit and the whole history (revert to the file).
  public mutating func discardAll() {
    edits.removeAll()
    history.removeAll()
  }
}
