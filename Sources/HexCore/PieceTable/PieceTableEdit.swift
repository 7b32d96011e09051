/// One edit of a ``PieceTable``, as its undo record: the document's version before and after it.
///
/// A version is one reference into the table's persistent tree, so a record costs the few tree
/// nodes its edit built and never holds bytes, whatever the size of the range it removed. Undo
/// puts the version before back, redo the one after; both are O(1).
public struct PieceTableEdit: Sendable {
  /// The first offset the edit touched: where the cursor goes after undoing or redoing it.
  public let offset: Int

  let before: PieceTree
  let after: PieceTree

  init(offset: Int, before: PieceTree, after: PieceTree) {
    self.offset = offset
    self.before = before
    self.after = after
  }

  /// The document's size before the edit.
  public var countBefore: Int { before.count }

  /// The document's size after the edit.
  public var countAfter: Int { after.count }

  /// Whether the edit changed nothing (an empty insert or range).
  public var isNoOp: Bool { before.isSameVersion(as: after) }

  /// This edit and `next`, made right after it, as one step (a typed run of bytes): undoing it
  /// takes both back.
  public func followed(by next: PieceTableEdit) -> PieceTableEdit {
    precondition(
      after.isSameVersion(as: next.before), "followed(by:): the next edit did not start where this one ended")
    return PieceTableEdit(offset: min(offset, next.offset), before: before, after: next.after)
  }
}
