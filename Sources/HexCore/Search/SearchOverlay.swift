/// Pending (unsaved) changes a search must see instead of the source's bytes.
///
/// Changes overwrite bytes in place; they never change the source's size.
/// ``PendingEdits`` conforms.
public protocol SearchOverlay: Sendable {
  /// The changed ranges that intersect `range`, clipped to it, ascending and not overlapping.
  func editedRanges(in range: Range<Int>) -> [Range<Int>]
  /// The changed value of the byte at `offset`, or `nil` when it is unchanged.
  func byte(at offset: Int) -> UInt8?
}

extension PendingEdits: SearchOverlay {}
