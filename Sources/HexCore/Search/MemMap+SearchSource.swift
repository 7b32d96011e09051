import MemMap

extension MemMap: SearchSource {
  /// Visits `range` in chunks with MemMap's parallel `forEachChunk`.
  ///
  /// The chunks are zero-copy views and not fault-guarded: a file truncated by another process
  /// during the scan ends the process (see ``MemMap``).
  public func scanChunks(
    in range: Range<Int>, chunkSize: Int, overlap: Int, concurrently: Bool,
    _ body: @Sendable (_ chunkStart: Int, _ bytes: RawSpan) -> Bool
  ) throws(SearchError) -> Bool {
    do {
      let visitedAll: Bool = try forEachChunk(
        in: range, chunkSize: chunkSize, overlap: overlap, concurrently: concurrently, body)
      return visitedAll
    } catch {
      throw .unreadable(error.userDescription)
    }
  }
}
