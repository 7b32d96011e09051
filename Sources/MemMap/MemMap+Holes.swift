extension MemMap {
  /// A stretch of a sparse file: a hole or data, and where it ends.
  public struct SparseStretch: Equatable, Sendable {
    /// Whether the file system stores nothing here (a hole: the bytes read as zeros, and reading
    /// them would only fill memory with zero pages).
    public let isHole: Bool
    /// The offset (into the map, at most its ``MemMap/count``) where the stretch ends.
    public let end: Int

    /// A stretch that is a hole (`isHole`) or data up to `end`.
    public init(isHole: Bool, end: Int) {
      self.isHole = isHole
      self.end = end
    }
  }

  /// The stretch of the file that starts at `offset` (into the map): a hole of a sparse file, or
  /// data, and where it ends; a scan can skip holes unread.
  ///
  /// `nil` whenever it cannot tell: anonymous and copy-on-write maps (written pages are private),
  /// an offset outside the map or past the file's current end, file systems that do not report
  /// holes. Pages written through a shared map count as data once written. Linux and macOS ask
  /// `lseek` (`SEEK_DATA`, `SEEK_HOLE`); Windows asks `FSCTL_QUERY_ALLOCATED_RANGES`.
  public func sparseStretch(at offset: Int) -> SparseStretch? {
    guard mode != .copyOnWrite, offset >= 0, offset < count,
      let stretch = Backend.sparseStretch(mapping, at: offset), stretch.end > offset
    else { return nil }
    return SparseStretch(isHole: stretch.isHole, end: min(stretch.end, count))
  }
}
