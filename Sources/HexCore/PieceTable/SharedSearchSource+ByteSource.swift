import MemMap

extension SharedSearchSource: ByteSource {
  /// Copies the bytes at `offset` through the map's fault-guarded read.
  ///
  /// - Returns: The bytes copied before the first one the file no longer holds (another process
  ///   truncated it), or `0` when the page could not be read at all.
  public func read(at offset: Int, into destination: inout MutableRawSpan) -> Int {
    let count = destination.byteCount
    do {
      try map.read(at: offset, into: &destination)
      return count
    } catch {
      if case .fileTruncated(_, let firstMissing, let fileSize) = error {
        return max(0, min(firstMissing, fileSize, offset + count) - offset)
      }
      return 0
    }
  }

  /// Lends the mapped bytes in `range` without copying (not fault-guarded).
  public func withContiguousBytes<Result>(in range: Range<Int>, _ body: (RawSpan) -> Result) -> Result? {
    try? map.withBytes(in: range) { span in body(span) }
  }

  /// Writes the bytes in `range` of the mapped file into `file` (see ``FileWriter/write(from:_:at:)``).
  public func write(_ range: Range<Int>, into file: borrowing FileWriter, at offset: Int) throws(MemMapError) -> Bool {
    try file.write(from: map, range, at: offset)
    return true
  }
}
