import MemMap

/// The read-only bytes a ``PieceTable`` edits: the mapped file, or bytes in memory.
///
/// A piece table never writes its source and reads only the ranges its pieces point at, so a
/// source of any size (a 1 TiB sparse file, or bytes computed from their offset) costs nothing
/// until it is read.
public protocol ByteSource: Sendable {
  /// The number of bytes in the source.
  var count: Int { get }

  /// Copies the bytes starting at `offset` into all of `destination` (the range lies inside
  /// `0..<count`).
  ///
  /// - Returns: How many leading bytes of `destination` were filled: its whole `byteCount`, or
  ///   fewer when the source shrank underneath (another process truncated the file).
  func read(at offset: Int, into destination: inout MutableRawSpan) -> Int

  /// Calls `body` with a zero-copy view of the bytes in `range` (inside `0..<count`), or returns
  /// `nil` when the source cannot lend its bytes (they are computed, or the range is not
  /// readable); callers then fall back to ``read(at:into:)``.
  ///
  /// The view of a mapped file is not fault-guarded, like every chunk the search engine scans.
  func withContiguousBytes<Result>(in range: Range<Int>, _ body: (RawSpan) -> Result) -> Result?

  /// Writes the bytes in `range` (inside `0..<count`) into `file` at `offset` without passing
  /// them through this process where the source can (a mapped file: the system copies from file
  /// to file), and returns `true`; returns `false` when it cannot (callers then write them from
  /// ``withContiguousBytes(in:_:)`` or ``read(at:into:)``).
  ///
  /// - Throws: ``MemMapError``; ``MemMapError/fileTruncated(path:offset:fileSize:)`` when the
  ///   source file was cut short underneath.
  func write(_ range: Range<Int>, into file: borrowing FileWriter, at offset: Int) throws(MemMapError) -> Bool
}

extension ByteSource {
  /// Lends nothing: every read copies.
  public func withContiguousBytes<Result>(in range: Range<Int>, _ body: (RawSpan) -> Result) -> Result? {
    nil
  }

  /// Cannot: callers write the bytes themselves.
  public func write(_ range: Range<Int>, into file: borrowing FileWriter, at offset: Int) throws(MemMapError) -> Bool {
    false
  }
}
