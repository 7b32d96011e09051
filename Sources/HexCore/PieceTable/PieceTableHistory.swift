/// Unlimited undo and redo of ``PieceTableEdit``s, one step per user action.
///
/// A step is one edit, or several made in a row that belong together (the bytes of one typed
/// run): recording an edit with `joiningLast: true` adds it to the last step while that step is
/// open, from its first edit until ``closeStep()``, an undo or a redo.
public struct PieceTableHistory: Sendable {
  private var undoSteps: [PieceTableEdit] = []
  private var redoSteps: [PieceTableEdit] = []
  private var lastStepIsOpen = false

  /// An empty history.
  public init() {}

  /// Whether there is a step to undo.
  public var canUndo: Bool { !undoSteps.isEmpty }

  /// Whether there is a step to redo.
  public var canRedo: Bool { !redoSteps.isEmpty }

  /// The number of steps that can be undone.
  public var undoCount: Int { undoSteps.count }

  /// The number of steps that can be redone.
  public var redoCount: Int { redoSteps.count }

  /// Records `edit` (just applied) and forgets the steps that could be redone. An edit that
  /// changed nothing is ignored.
  ///
  /// - Parameter joiningLast: Whether the edit continues the last step (the next byte of a
  ///   typed run) instead of starting its own; it joins only while that step is open, and must
  ///   have been made right after it.
  public mutating func record(_ edit: PieceTableEdit, joiningLast: Bool = false) {
    guard !edit.isNoOp else { return }
    redoSteps.removeAll()
    if joiningLast, lastStepIsOpen, let last = undoSteps.last {
      undoSteps[undoSteps.count - 1] = last.followed(by: edit)
    } else {
      undoSteps.append(edit)
    }
    lastStepIsOpen = true
  }

  /// Ends the current step: the next edit starts a new one even if it asks to join.
  public mutating func closeStep() {
    lastStepIsOpen = false
  }

  /// Takes back the last step in `table`.
  ///
  /// - Returns: The step undone (its ``PieceTableEdit/offset`` is where the cursor goes), or
  ///   `nil` when there is nothing to undo.
  @discardableResult
  public mutating func undo(in table: inout PieceTable) -> PieceTableEdit? {
    guard let step = undoSteps.popLast() else { return nil }
    table.undo(step)
    redoSteps.append(step)
    lastStepIsOpen = false
    return step
  }

  /// Applies the last undone step to `table` again.
  ///
  /// - Returns: The step redone, or `nil` when there is nothing to redo.
  @discardableResult
  public mutating func redo(in table: inout PieceTable) -> PieceTableEdit? {
    guard let step = redoSteps.popLast() else { return nil }
    table.redo(step)
    undoSteps.append(step)
    lastStepIsOpen = false
    return step
  }

  // MARK: - Across a save

  /// Calls `body` with every tree of pieces the steps hold, to undo and to redo.
  func forEachTree(_ body: (PieceTree) -> Void) {
    for step in undoSteps + redoSteps {
      for change in step.changes {
        body(change.removed)
        body(change.inserted)
      }
    }
  }

  /// This history with every tree of pieces replaced by `transform`'s (the same bytes, held by
  /// other pieces: after a save replaced the table's source); the last step is closed.
  func mapped(_ transform: (PieceTree) -> PieceTree) -> PieceTableHistory {
    var history = PieceTableHistory()
    history.undoSteps = undoSteps.map { $0.mapped(transform) }
    history.redoSteps = redoSteps.map { $0.mapped(transform) }
    return history
  }
}
