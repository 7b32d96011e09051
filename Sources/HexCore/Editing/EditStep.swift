/// One undoable step: the byte changes it made, in the order they were made.
///
/// Typing both nibbles of a byte in a row is one step; a paste, or the UTF-8 bytes of one
/// character typed in the text pane, is one step however many bytes it covers; every other edit
/// is a step of its own. A step is never half a byte.
public struct EditStep: Hashable, Sendable {
  /// The changes, in the order they were made. Never empty.
  public var changes: [ByteChange]

  /// Creates a step from `changes` (made in that order).
  public init(changes: [ByteChange]) {
    self.changes = changes
  }

  /// Where the cursor goes after undoing or redoing the step: the first byte it changed.
  public var cursorOffset: Int { changes.first?.offset ?? 0 }
}
