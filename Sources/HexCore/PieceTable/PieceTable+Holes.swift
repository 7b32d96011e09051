import MemMap

extension PieceTable {
  /// The stretch of the document that starts at `offset`, up to the end of the piece holding it
  /// at most: a hole where a piece of a mapped file lies in a hole of the sparse file (see
  /// ``MemMap/sparseStretch(at:)``) or a fill of zeros, bytes to read where the piece was inserted
  /// or filled otherwise; `nil` when that is unknown.
  func sparseStretch(at offset: Int) -> MemMap.SparseStretch? {
    guard offset >= 0, offset < count else { return nil }
    let (start, piece) = tree.piece(containing: offset)
    let pieceEnd = start + piece.length
    switch piece.content {
    case .original(let sourceStart):
      let shift = sourceStart - start
      guard let map = source as? SharedSearchSource, let stretch = map.sparseStretch(at: offset + shift) else {
        return nil
      }
      return MemMap.SparseStretch(isHole: stretch.isHole, end: min(pieceEnd, stretch.end - shift))
    case .fill(let pattern, _):
      return MemMap.SparseStretch(isHole: pattern.allSatisfy { $0 == 0 }, end: pieceEnd)
    case .added:
      return MemMap.SparseStretch(isHole: false, end: pieceEnd)
    }
  }
}
