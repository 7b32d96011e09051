/// The editing state of one document: its ``PendingEdits`` and their ``UndoHistory`` while every
/// edit is an overwrite, and a ``PieceTable`` once a byte was inserted or deleted, or a range
/// filled.
///
/// Overwrite-only sessions work as they always did: every operation takes the byte values of the
/// underlying source (the "baseline": the file as last opened or saved) from the caller, the
/// edits are file offsets, and a save writes only the touched pages. The first insert or delete
/// (``insert(_:at:over:)``, ``delete(range:over:)``) moves the document into ``table``: the
/// pending overwrites are applied to it, and from then on every edit, undo and redo goes through
/// the table (the baselines passed in are not needed any more). Steps recorded before that are
/// still undone and redone, as overwrites of the table. A fill (``fill(range:with:over:)``) moves
/// the document there too: it is one piece of the table, whatever its length.
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
  /// The pending edits over the baseline (empty once ``table`` holds the document).
  public internal(set) var edits = PendingEdits()

  /// The undo and redo steps made while every edit was an overwrite.
  public internal(set) var history = UndoHistory()

  /// The document with its inserts, deletes, fills and every later edit, once a byte was
  /// inserted or deleted or a range filled; `nil` while every edit is an overwrite in ``edits``.
  public internal(set) var table: PieceTable?

  /// The undo and redo steps made in ``table``; all of them come after the steps of ``history``.
  var tableHistory = PieceTableHistory()

  /// Creates a session without edits or history.
  public init() {}

  /// Whether any byte differs from the baseline (or moved).
  public var hasChanges: Bool { table?.differsFromSource ?? edits.hasChanges }

  /// The number of bytes that differ from the baseline: overwritten, or inserted (once bytes
  /// were inserted or deleted, every byte typed or pasted counts, unless none differs).
  public var changedByteCount: Int {
    guard let table else { return edits.changedByteCount }
    return table.differsFromSource ? table.editedByteCount : 0
  }

  /// How far the document differs from the baseline, counting deleted bytes too: what the
  /// status line and the questions before quitting and reloading tell.
  public var changeTally: ChangeTally {
    guard let table else { return ChangeTally(changedByteCount: edits.changedByteCount) }
    guard table.differsFromSource else { return .none }
    let missing = max(table.source.count - table.count, 0)
    return ChangeTally(changedByteCount: table.editedByteCount, missingByteCount: missing, hasChanges: true)
  }

  /// The number of steps that can be undone.
  public var undoCount: Int { history.undoCount + tableHistory.undoCount }

  /// The number of steps that can be redone.
  public var redoCount: Int { history.redoCount + tableHistory.redoCount }

  /// Whether the document's size or layout may differ from the file's (a byte was inserted or
  /// deleted, or a range filled, since the last save: ``table`` holds the document).
  public var changesLayout: Bool { table != nil }

  /// The number of bytes in the document, whose baseline holds `baselineCount`.
  public func count(baselineCount: Int) -> Int { table?.count ?? baselineCount }

  /// The byte at `offset` as the user sees it: the pending edit, else `original`.
  public func byte(at offset: Int, original: UInt8) -> UInt8 {
    if let table { return table.byte(at: offset) }
    return edits.byte(at: offset) ?? original
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
    if table != nil {
      precondition(value < 16, "a nibble is 0...15, got \(value)")
      let current = table!.byte(at: offset)
      let updated = high ? (value << 4) | (current & 0x0F) : (current & 0xF0) | value
      return overwriteInTable(at: offset, with: [updated], joiningLast: !high)[0]
    }
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
    if table != nil { return overwriteInTable(at: offset, with: [value], joiningLast: false)[0] }
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
    if table != nil { return overwriteInTable(at: offset, with: bytes, joiningLast: false) }
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
    tableHistory.closeStep()
  }

  /// Reverts the most recent step.
  ///
  /// - Parameter baseline: The baseline value of a byte, or `nil` past the end of the source.
  /// - Returns: The offset the cursor should move to, or `nil` if there was nothing to undo.
  @discardableResult
  public mutating func undo(baseline: (Int) -> UInt8?) -> Int? {
    if table != nil, let step = tableHistory.undo(in: &table!) { return step.offset }
    guard let step = history.popUndo() else { return nil }
    for change in step.changes.reversed() {
      if table != nil {
        table!.overwrite(at: change.offset, with: [change.before])
      } else {
        edits.assign(change.before, at: change.offset, original: baseline(change.offset))
      }
    }
    return step.cursorOffset
  }

  /// Reapplies the most recently undone step.
  ///
  /// - Parameter baseline: The baseline value of a byte, or `nil` past the end of the source.
  /// - Returns: The offset the cursor should move to, or `nil` if there was nothing to redo.
  @discardableResult
  public mutating func redo(baseline: (Int) -> UInt8?) -> Int? {
    // Steps undone from ``history`` are older than every step of ``tableHistory``: they come back first.
    guard let step = history.popRedo() else {
      guard table != nil, let step = tableHistory.redo(in: &table!) else { return nil }
      return step.offset
    }
    for change in step.changes {
      if table != nil {
        table!.overwrite(at: change.offset, with: [change.after])
      } else {
        edits.assign(change.after, at: change.offset, original: baseline(change.offset))
      }
    }
    return step.cursorOffset
  }

  /// Makes the pending edits the new baseline after they were saved: the edits are cleared,
  /// the history stays, so undo after a save creates new pending edits.
  ///
  /// Once ``table`` held the document, the saved file is the new baseline of a new session: the
  /// table and the whole history are dropped (the table's undo records point at file bytes the
  /// save changed). ``markSaved(keeping:savedSource:)`` keeps them.
  public mutating func markSaved() {
    guard table == nil else {
      discardAll()
      return
    }
    edits.removeAll()
    history.closeStep()
  }

  /// Throws away every pending edit and the whole history (revert to the file).
  public mutating func discardAll() {
    edits.removeAll()
    history.removeAll()
    table = nil
    tableHistory = PieceTableHistory()
  }

  /// Whether two sessions hold the same edits and history (piece tables compare by version).
  public static func == (lhs: EditSession, rhs: EditSession) -> Bool {
    lhs.edits == rhs.edits && lhs.history == rhs.history && lhs.tableIdentity == rhs.tableIdentity
  }

  /// Hashes what ``==`` compares.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(edits)
    hasher.combine(history)
    hasher.combine(tableIdentity)
  }

  /// Tells tables apart by their current version (tables share no nodes unless one was copied
  /// from the other without an edit since).
  private var tableIdentity: [ObjectIdentifier]? {
    table.map { table in table.tree.root.map { [ObjectIdentifier($0)] } ?? [] }
  }
}
