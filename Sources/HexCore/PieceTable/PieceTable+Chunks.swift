extension PieceTable {
  /// The document's bytes in `range`, in order, in chunks of at most `chunkSize` bytes, for a
  /// caller that wants the bytes themselves (saves and exports write through the system's
  /// file-to-file copy instead, see `SequentialFileOutput`).
  ///
  /// Lazy: a chunk is read when the loop asks for it, so a caller can report progress and stop
  /// between chunks. The chunk array is reused when the loop does not keep the previous one.
  public func chunks(in range: Range<Int>, chunkSize: Int = 1 << 20) -> Chunks {
    precondition(chunkSize > 0, "chunks: the chunk size must be positive, got \(chunkSize)")
    precondition(
      range.lowerBound >= 0 && range.upperBound <= count,
      "chunks: range \(range) is outside the document (0..<\(count))")
    return Chunks(table: self, range: range, chunkSize: chunkSize)
  }

  /// A lazy sequence of a document's bytes in chunks (see ``PieceTable/chunks(in:chunkSize:)``).
  ///
  /// It reads a snapshot: edits made to the table after it was created do not show.
  public struct Chunks: Sequence, IteratorProtocol, Sendable {
    /// One chunk: where it starts in the document, its bytes, and how many of them are
    /// readable (all, unless the source shrank; the rest read as zero).
    public struct Chunk: Sendable {
      /// The offset of the first byte.
      public let offset: Int
      /// The bytes.
      public let bytes: [UInt8]
      /// How many leading bytes are real.
      public let readableCount: Int
    }

    private let table: PieceTable
    private let range: Range<Int>
    private let chunkSize: Int
    private var position = 0
    private var buffer: [UInt8] = []

    init(table: PieceTable, range: Range<Int>, chunkSize: Int) {
      self.table = table
      self.range = range
      self.chunkSize = chunkSize
      position = range.lowerBound
    }

    /// The next chunk, or `nil` after the last.
    public mutating func next() -> Chunk? {
      guard position < range.upperBound else { return nil }
      let chunk = position..<Swift.min(range.upperBound, position + chunkSize)
      var bytes = buffer
      buffer = []
      if bytes.count != chunk.count { bytes = [UInt8](repeating: 0, count: chunk.count) }
      let readable = bytes.withUnsafeMutableBytes { table.readPadded(chunk, into: $0) }
      buffer = bytes
      position = chunk.upperBound
      return Chunk(offset: chunk.lowerBound, bytes: bytes, readableCount: readable)
    }
  }
}
