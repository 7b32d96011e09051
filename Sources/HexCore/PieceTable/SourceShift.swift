/// How far the source's bytes in a run of pieces sit from their offsets in the source: what
/// tells, without walking the pieces, whether any byte of the file moved.
enum SourceShift: Hashable, Sendable {
  /// No piece of the run shows the source's bytes.
  case none
  /// Every piece of the run that shows the source's bytes starts at source offset `delta` plus
  /// its offset in the run.
  case uniform(delta: Int)
  /// The source's pieces are shifted by different amounts.
  case mixed

  /// The shift of a single piece starting at `offset` in its run.
  init(of piece: Piece, at offset: Int) {
    guard case .original(let sourceOffset) = piece.content else {
      self = .none
      return
    }
    self = .uniform(delta: sourceOffset - offset)
  }

  /// This run's shift once it starts `offset` bytes into a longer run.
  func placed(at offset: Int) -> SourceShift {
    guard case .uniform(let delta) = self else { return self }
    return .uniform(delta: delta - offset)
  }

  /// The shift of this run and `other` (both measured from the same start) together.
  func combined(with other: SourceShift) -> SourceShift {
    switch (self, other) {
    case (.none, _): return other
    case (_, .none): return self
    case (.uniform(let first), .uniform(let second)) where first == second: return self
    default: return .mixed
    }
  }
}
