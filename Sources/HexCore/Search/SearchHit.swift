/// Where a search from a starting point found its match.
public struct SearchHit: Equatable, Hashable, Sendable {
  /// The offset of the first byte of the match.
  public var offset: Int
  /// Whether the search passed the end (or, backwards, the start) of the data and continued from
  /// the other end to find it.
  public var wrapped: Bool

  /// A hit at `offset`.
  public init(offset: Int, wrapped: Bool) {
    self.offset = offset
    self.wrapped = wrapped
  }
}
