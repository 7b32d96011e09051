/// Both files' bytes in one chunk of a ``DiffScanner`` scan, equally long.
struct ChunkPair {
  let first: UnsafeRawBufferPointer
  let second: UnsafeRawBufferPointer
}

/// What a ``DiffScanner`` looks for in each chunk: the first or last offset where the files
/// differ or agree, found in the bytes, or known at once where both files have a hole.
struct ChunkSearch: Sendable {
  /// The offset in `range` of both buffers, or `nil`.
  let find: @Sendable (UnsafeRawBufferPointer, UnsafeRawBufferPointer, Range<Int>) -> Int?
  /// The offset in a chunk of `count` bytes that agree everywhere (both files' holes), or `nil`.
  let inEqualChunk: @Sendable (_ count: Int) -> Int?

  /// The offset in a chunk of `count` bytes: from `bytes`, or from `inEqualChunk` when there are
  /// none (holes).
  func offset(in bytes: ChunkPair?, count: Int) -> Int? {
    guard let bytes else { return inEqualChunk(count) }
    return find(bytes.first, bytes.second, 0..<count)
  }

  static let firstDifference = ChunkSearch(find: WordComparison.firstDifference, inEqualChunk: { _ in nil })
  static let firstEqual = ChunkSearch(find: WordComparison.firstEqual, inEqualChunk: { _ in 0 })
  static let lastDifference = ChunkSearch(find: WordComparison.lastDifference, inEqualChunk: { _ in nil })
  static let lastEqual = ChunkSearch(find: WordComparison.lastEqual, inEqualChunk: { $0 - 1 })
}
