extension PieceTable {
  /// How far ``firstDataRange(in:)`` follows data across pieces before it answers: far enough
  /// that a scan asks once per stretch of many pieces, not once per piece.
  static let dataRangeReach = 16 << 20

  /// The first stretch of `range` that may hold nonzero bytes, clipped to it; every byte of
  /// `range` before it is zero: pieces of the file that lie in holes of a sparse file (as its
  /// source tells, see ``SearchSource/firstDataRange(in:)``) and fills of zeros. Inserted bytes
  /// and other fills count as data. The stretch runs on across pieces until a hole, or for about
  /// ``dataRangeReach`` bytes. `nil` when all of `range` is zero.
  public func firstDataRange(in range: Range<Int>) -> Range<Int>? {
    var position = max(range.lowerBound, 0)
    let upperBound = min(range.upperBound, count)
    var found: Range<Int>?
    while position < upperBound {
      let (start, piece) = tree.piece(containing: position)
      let end = min(start + piece.length, upperBound)
      let data = dataRange(of: piece, at: start, in: position..<end)
      if let previous = found {
        // A hole at the start of this piece ends the stretch.
        guard let data, data.lowerBound == position else { break }
        found = previous.lowerBound..<data.upperBound
      } else {
        found = data
      }
      // Data that stops inside the piece is followed by a hole.
      if let found, found.upperBound < end || found.count >= Self.dataRangeReach { break }
      position = end
    }
    return found
  }

  /// The first stretch of `range` (inside the piece `piece`, which starts at `start`) that may
  /// hold nonzero bytes, or `nil`.
  private func dataRange(of piece: Piece, at start: Int, in range: Range<Int>) -> Range<Int>? {
    switch piece.content {
    case .original(let sourceStart):
      guard let file = source as? any SearchSource else { return range }
      let shift = sourceStart - start
      return file.firstDataRange(in: (range.lowerBound + shift)..<(range.upperBound + shift))
        .map { ($0.lowerBound - shift)..<($0.upperBound - shift) }
    case .fill(let pattern, _):
      return pattern.contains(where: { $0 != 0 }) ? range : nil
    case .added:
      return range
    }
  }
}
