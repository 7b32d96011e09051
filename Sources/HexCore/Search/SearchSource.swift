/// Bytes a ``ByteSearch`` can scan: a memory map, or bytes held in memory.
///
/// The search only needs the size and a chunked scan; a source may visit chunks in parallel.
/// A source that knows where its bytes are all zeros (the holes of a sparse file) says so through
/// ``firstDataRange(in:)``, so searches skip them.
public protocol SearchSource: ~Copyable {
  /// The number of bytes in the source.
  var count: Int { get }

  /// Visits `range` in chunks of `chunkSize` bytes, each extended by `overlap` bytes past its end
  /// (clipped to `range`), calling `body` with the chunk's start offset and its bytes.
  ///
  /// `body` returns `false` to stop: chunks not yet started are then skipped. With
  /// `concurrently: true` chunks may run in parallel and finish in any order, but they must be
  /// started in increasing order, so that when a chunk stops the scan every earlier chunk has
  /// already started.
  ///
  /// - Returns: `true` if every chunk was visited, `false` if `body` stopped the scan.
  /// - Throws: ``SearchError/unreadable(_:)`` when the bytes cannot be read.
  func scanChunks(
    in range: Range<Int>, chunkSize: Int, overlap: Int, concurrently: Bool,
    _ body: @Sendable (_ chunkStart: Int, _ bytes: RawSpan) -> Bool
  ) throws(SearchError) -> Bool

  /// The first stretch of bytes in `range` that may be nonzero, clipped to it; every byte of
  /// `range` before it is zero. Nil when all of `range` is zero or it is empty.
  ///
  /// The default answers all of `range`: nothing is known to be zero.
  func firstDataRange(in range: Range<Int>) -> Range<Int>?
}

extension SearchSource where Self: ~Copyable {
  /// All of `range` may hold nonzero bytes (nil when it is empty).
  public func firstDataRange(in range: Range<Int>) -> Range<Int>? {
    range.isEmpty ? nil : range
  }
}
