import MemMap

extension MemMap: SearchSource {
  /// Visits `range` in chunks with MemMap's parallel `forEachChunk`.
  ///
  /// A file truncated by another process during the scan stops it with
  /// ``SearchError/unreadable(_:)`` saying so and naming the new size; the chunks that were
  /// running read zeros for the vanished bytes, and no match found in them is reported.
  public func scanChunks(
    in range: Range<Int>, chunkSize: Int, overlap: Int, concurrently: Bool,
    _ body: @Sendable (_ chunkStart: Int, _ bytes: RawSpan) -> Bool
  ) throws(SearchError) -> Bool {
    do {
      let visitedAll: Bool = try forEachChunk(
        in: range, chunkSize: chunkSize, overlap: overlap, concurrently: concurrently, body)
      return visitedAll
    } catch .fileTruncated(_, _, let fileSize) {
      throw .unreadable("the file was truncated to \(fileSize) bytes by another process during the search")
    } catch {
      throw .unreadable(error.userDescription)
    }
  }
}
