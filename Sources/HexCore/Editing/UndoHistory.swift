/// Unlimited undo and redo of ``EditStep``s.
///
/// The history records what the user saw change, never what the file held, so it stays valid
/// across saves: undoing a saved step creates new pending edits that restore the older values.
public struct UndoHistory: Hashable, Sendable {
  private var undoSteps: [EditStep] = []
  private var redoSteps: [EditStep] = []
  /// Whether the last undo step may still absorb the low nibble of the byte it changed.
  private var openNibbleOffset: Int?

  /// Creates an empty history.
  public init() {}

  /// Whether there is a step to undo.
  public var canUndo: Bool { !undoSteps.isEmpty }

  /// Whether there is a step to redo.
  public var canRedo: Bool { !redoSteps.isEmpty }

  /// The number of steps that can be undone.
  public var undoCount: Int { undoSteps.count }

  /// The number of steps that can be redone.
  public var redoCount: Int { redoSteps.count }

  /// Records a new change as its own step and clears the redo steps. No-op changes are ignored.
  public mutating func record(_ change: ByteChange) {
    openNibbleOffset = nil
    guard !change.isNoOp else { return }
    undoSteps.append(EditStep(changes: [change]))
    redoSteps.removeAll()
  }

  /// Records several changes as one step (a paste) and clears the redo steps; no-op changes
  /// are left out, and nothing is recorded when all of them are.
  public mutating func record(_ changes: [ByteChange]) {
    openNibbleOffset = nil
    let effective = changes.filter { !$0.isNoOp }
    guard !effective.isEmpty else { return }
    undoSteps.append(EditStep(changes: effective))
    redoSteps.removeAll()
  }

  /// Records a change made by typing a nibble.
  ///
  /// A high nibble opens a step for its byte; a low nibble typed next at the same byte joins
  /// that step, so undo never leaves half a byte typed.
  public mutating func recordNibble(_ change: ByteChange, high: Bool) {
    if !high, openNibbleOffset == change.offset, let last = undoSteps.indices.last,
      undoSteps[last].changes.last?.offset == change.offset
    {
      openNibbleOffset = nil
      guard !change.isNoOp else { return }
      undoSteps[last].changes.append(change)
      redoSteps.removeAll()
      return
    }
    record(change)
    // A high nibble that changed nothing records no step; the low nibble then starts its own.
    if high, !change.isNoOp { openNibbleOffset = change.offset }
  }

  /// Ends the current typing run: the next change starts a new step.
  public mutating func closeStep() {
    openNibbleOffset = nil
  }

  /// Removes the most recent step and keeps it for redo.
  ///
  /// - Returns: The step to revert, or `nil` if there is nothing to undo (and then nothing
  ///   changes: a byte whose high nibble was just typed still takes its low nibble into its step).
  public mutating func popUndo() -> EditStep? {
    guard let step = undoSteps.popLast() else { return nil }
    openNibbleOffset = nil
    redoSteps.append(step)
    return step
  }

  /// Removes the most recently undone step and makes it undoable again.
  ///
  /// - Returns: The step to reapply, or `nil` if there is nothing to redo (and then nothing
  ///   changes: a byte whose high nibble was just typed still takes its low nibble into its step).
  public mutating func popRedo() -> EditStep? {
    guard let step = redoSteps.popLast() else { return nil }
    openNibbleOffset = nil
    undoSteps.append(step)
    return step
  }

  /// Forgets the steps that could be redone (a newer edit was made elsewhere).
  mutating func removeRedoSteps() {
    redoSteps.removeAll()
  }

  /// Forgets every step.
  public mutating func removeAll() {
    undoSteps.removeAll()
    redoSteps.removeAll()
    openNibbleOffset = nil
  }
}
