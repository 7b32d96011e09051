/// Bytes held in an array, as a ``SearchSource`` (small buffers, tests, edited copies).
///
/// Chunks are visited in order on the calling thread.
public struct ByteArraySearchSource: SearchSource, Sendable {
  /// The bytes searched.
  public let bytes: [UInt8]

  /// A source over `bytes`.
  public init(_ bytes: [UInt8]) {
    self.bytes = bytes
  }

  /// The number of bytes.
  public var count: Int { bytes.count }

  /// Visits `range` in order; `concurrently` is ignored.
  ///
  /// - Throws: ``SearchError/unreadable(_:)`` when `range` is not inside the bytes, or the chunk
  ///   size is not positive.
  public func scanChunks(
    in range: Range<Int>, chunkSize: Int, overlap: Int, concurrently: Bool,
    _ body: @Sendable (_ chunkStart: Int, _ bytes: RawSpan) -> Bool
  ) throws(SearchError) -> Bool {
    guard range.lowerBound >= 0, range.upperBound <= bytes.count else {
      throw .unreadable("range \(range) is outside the \(bytes.count) bytes searched")
    }
    guard chunkSize > 0, overlap >= 0 else {
      throw .unreadable("chunk size \(chunkSize) and overlap \(overlap) are invalid")
    }
    let all = bytes.span.bytes
    var chunkStart = range.lowerBound
    while chunkStart < range.upperBound {
      let end = min(range.upperBound, chunkStart + chunkSize + overlap)
      let chunk = all.extracting(chunkStart..<end)
      if !body(chunkStart, chunk) { return false }
      chunkStart += chunkSize
    }
    return true
  }
}
