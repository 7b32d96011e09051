import MemMap

/// A memory map held by a shared reference, so a search on another thread can keep it alive
/// (a ``MemMap`` itself cannot be copied into a background task).
///
/// Open a second, read-only map of the file for searching; pass the pending edits as the
/// overlay so the search sees what the user sees.
public final class SharedSearchSource: SearchSource, Sendable {
  let map: MemMap
  /// Whether the file had holes when the source was made. A file without any needs no further
  /// question to the system: every range is data (holes that appear later only read as zeros).
  private let hasHoles: Bool

  /// Takes ownership of `map`; it is unmapped when the last reference goes away.
  public init(_ map: consuming MemMap) {
    hasHoles = map.count > 0 && map.firstDataRange(in: 0..<map.count) != 0..<map.count
    self.map = map
  }

  /// The number of bytes in the map.
  public var count: Int { map.count }

  /// Visits `range` in chunks of the map (see ``SearchSource``).
  public func scanChunks(
    in range: Range<Int>, chunkSize: Int, overlap: Int, concurrently: Bool,
    _ body: @Sendable (_ chunkStart: Int, _ bytes: RawSpan) -> Bool
  ) throws(SearchError) -> Bool {
    try map.scanChunks(in: range, chunkSize: chunkSize, overlap: overlap, concurrently: concurrently, body)
  }

  /// The first stretch of `range` that is not a hole of the mapped file (see `MemMap.firstDataRange(in:)`).
  public func firstDataRange(in range: Range<Int>) -> Range<Int>? {
    guard hasHoles else {
      let clipped = max(range.lowerBound, 0)..<max(min(range.upperBound, count), 0)
      return clipped.isEmpty ? nil : clipped
    }
    return map.firstDataRange(in: range)
  }
}
