/// One edit of a ``PieceTable`` as its undo record: which pieces it took out where, and which it
/// put in their place.
///
/// The record holds pieces, never bytes (a deleted gigabyte is a piece or two), and the pieces
/// share the table's tree nodes, so a record of a small edit costs a few nodes. Undo puts the
/// removed pieces back, redo the inserted ones; each costs O(log n) per change.
public struct PieceTableEdit: Sendable {
  /// One replacement: at `offset`, the pieces of `removed` gave way to those of `inserted`.
  struct Change: Sendable {
    let offset: Int
    let removed: PieceTree
    let inserted: PieceTree

    /// `self` and `next` (made right after it) as one change, when they touch: the next bytes
    /// of a typed run, or the previous byte of a run of Backspaces.
    func merged(with next: Change) -> Change? {
      if next.offset == offset + inserted.count {
        return Change(
          offset: offset, removed: removed.joined(with: next.removed), inserted: inserted.joined(with: next.inserted))
      }
      if next.offset + next.removed.count == offset {
        return Change(
          offset: next.offset, removed: next.removed.joined(with: removed),
          inserted: next.inserted.joined(with: inserted))
      }
      return nil
    }
  }

  /// The changes in the order they were made (none for an edit that changed nothing).
  let changes: [Change]

  init(changes: [Change]) {
    self.changes = changes
  }

  /// The first offset the edit touched: where the cursor goes after undoing or redoing it.
  public var offset: Int { changes.map(\.offset).min() ?? 0 }

  /// How many bytes the edit added to the document (negative when it removed more than it
  /// inserted).
  public var countChange: Int { changes.reduce(0) { $0 + $1.inserted.count - $1.removed.count } }

  /// Whether the edit changed nothing (an empty insert or range).
  public var isNoOp: Bool { changes.isEmpty }

  /// This edit and `next`, made right after it, as one step (a typed run): undoing it takes both
  /// back. Changes that touch are merged, so a typed run stays one change however long it is.
  public func followed(by next: PieceTableEdit) -> PieceTableEdit {
    var changes = self.changes
    for change in next.changes {
      if let last = changes.last, let merged = last.merged(with: change) {
        changes[changes.count - 1] = merged
      } else {
        changes.append(change)
      }
    }
    return PieceTableEdit(changes: changes)
  }

  /// This edit with the pieces of every change replaced by `transform`'s, which must hold the
  /// same bytes.
  func mapped(_ transform: (PieceTree) -> PieceTree) -> PieceTableEdit {
    PieceTableEdit(
      changes: changes.map {
        Change(offset: $0.offset, removed: transform($0.removed), inserted: transform($0.inserted))
      })
  }
}
