extension MemMap {
  /// Whether the bytes in `range` (offsets into the map) lie in a hole of a sparse file: the file
  /// system stores nothing there, so they read as zeros, and reading them would only fill memory
  /// with zero pages. A scan can skip such a stretch.
  ///
  /// `false` whenever it cannot tell: anonymous and copy-on-write maps (written pages are private),
  /// a range outside the map or past the file's current end, file systems that do not report holes.
  /// Pages written through a shared map count as data once written. Linux and macOS ask
  /// `lseek(SEEK_DATA)`; Windows asks `FSCTL_QUERY_ALLOCATED_RANGES`.
  public func isHole(_ range: Range<Int>) -> Bool {
    guard mode != .copyOnWrite, !range.isEmpty, range.lowerBound >= 0, range.upperBound <= count else { return false }
    return Backend.isHole(mapping, range: range)
  }
}
