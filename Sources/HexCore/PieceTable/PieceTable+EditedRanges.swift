extension PieceTable {
  /// The ranges of the document whose bytes are not the source's own (inserted, overwritten or
  /// filled), clipped to `range`, ascending, adjacent ones merged: what the screen highlights.
  ///
  /// Bytes of the source that only moved (after an insert or delete before them) are not
  /// edited. Costs O(log n) plus the pieces inside `range`.
  public func editedRanges(in range: Range<Int>) -> [Range<Int>] {
    let range = max(0, range.lowerBound)..<max(max(0, range.lowerBound), min(count, range.upperBound))
    var result: [Range<Int>] = []
    tree.forEachPiece(overlapping: range) { start, piece in
      guard !piece.isOriginal else { return true }
      let lower = max(start, range.lowerBound)
      let upper = min(start + piece.length, range.upperBound)
      if let last = result.last, last.upperBound == lower {
        result[result.count - 1] = last.lowerBound..<upper
      } else {
        result.append(lower..<upper)
      }
      return true
    }
    return result
  }

  /// Whether the byte at `offset` is edited (see ``editedRanges(in:)``).
  public func isEdited(_ offset: Int) -> Bool {
    guard offset >= 0, offset < count else { return false }
    return !tree.piece(containing: offset).piece.isOriginal
  }
}
