/// One byte's value changing from `before` to `after`, as seen through the pending edits.
///
/// Undo restores `before`; redo restores `after`. Both are the values the user saw, not the
/// values in the file, so a change recorded before a save can still be undone after it.
public struct ByteChange: Hashable, Sendable {
  /// The byte's offset in the document.
  public var offset: Int
  /// The value shown before the change.
  public var before: UInt8
  /// The value shown after the change.
  public var after: UInt8

  /// Creates a change of the byte at `offset` from `before` to `after`.
  public init(offset: Int, before: UInt8, after: UInt8) {
    self.offset = offset
    self.before = before
    self.after = after
  }

  /// Whether the change leaves the byte as it was.
  public var isNoOp: Bool { before == after }
}
