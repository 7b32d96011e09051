extension PieceTable {
  /// The first stretch of `range` that may hold nonzero bytes, clipped to it and to one piece;
  /// every byte of `range` before it is zero: pieces of the file that lie in holes of a sparse
  /// file (as its source tells, see ``SearchSource/firstDataRange(in:)``) and fills of zeros.
  /// Inserted bytes and other fills count as data. `nil` when all of `range` is zero.
  public func firstDataRange(in range: Range<Int>) -> Range<Int>? {
    var position = max(range.lowerBound, 0)
    let upperBound = min(range.upperBound, count)
    while position < upperBound {
      let (start, piece) = tree.piece(containing: position)
      let end = min(start + piece.length, upperBound)
      switch piece.content {
      case .original(let sourceStart):
        guard let file = source as? any SearchSource else { return position..<end }
        let shift = sourceStart - start
        if let data = file.firstDataRange(in: (position + shift)..<(end + shift)) {
          return (data.lowerBound - shift)..<(data.upperBound - shift)
        }
      case .fill(let pattern, _):
        if pattern.contains(where: { $0 != 0 }) { return position..<end }
      case .added:
        return position..<end
      }
      position = end
    }
    return nil
  }
}
