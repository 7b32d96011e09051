extension MemMap {
  /// The first offset at or after `offset` whose byte may be nonzero, or nil when every byte from
  /// `offset` to the end of the map reads as zero (it lies in holes of a sparse file).
  ///
  /// Together with ``nextHole(from:)`` this walks a sparse file's allocated data one extent at a
  /// time, so a 1 TiB file with three extents answers in a few calls, and a heavily fragmented
  /// one never has to list all its extents at once. An `offset` below zero counts as zero.
  ///
  /// The answer is never wrong, only sometimes pessimistic: where the system cannot tell (no
  /// support in the file system, anonymous maps), or where this map's own bytes may differ from
  /// the file's (a `.copyOnWrite` map, whose private copies the file system knows nothing about),
  /// every byte counts as data. Bytes written through a `.readWrite` map count as data at once,
  /// even before they are flushed. Where another process has truncated the file below the end of
  /// the map, the missing part counts as data, so that reading it reports the truncation.
  public func nextData(from offset: Int) -> Int? {
    let offset = max(offset, 0)
    guard offset < count else { return nil }
    guard showsFileBytes else { return offset }
    guard let found = Backend.nextData(mapping, from: offset) else { return nil }
    return found < count ? max(found, offset) : nil
  }

  /// The first offset at or after `offset` where a hole (bytes that read as zeros without being
  /// stored) begins, or ``count`` when there is none before the end of the map. An `offset` below
  /// zero counts as zero. See ``nextData(from:)`` for when holes are reported.
  public func nextHole(from offset: Int) -> Int {
    let offset = max(offset, 0)
    guard offset < count, showsFileBytes else { return count }
    return min(max(Backend.nextHole(mapping, from: offset), offset), count)
  }

  /// The first stretch of possibly nonzero bytes in `range`, clipped to it; every byte of `range`
  /// before it reads as zero. Nil when all of `range` reads as zero (or it is empty).
  public func firstDataRange(in range: Range<Int>) -> Range<Int>? {
    let lower = max(range.lowerBound, 0)
    guard lower < range.upperBound, let start = nextData(from: lower), start < range.upperBound else { return nil }
    return start..<min(nextHole(from: start), range.upperBound)
  }

  /// Calls `body` with each stretch of possibly nonzero bytes in `range`, ascending and clipped to
  /// it, until `body` returns false. The bytes of `range` between them read as zeros.
  public func forEachDataRange(in range: Range<Int>, _ body: (Range<Int>) -> Bool) {
    var cursor = range.lowerBound
    while let data = firstDataRange(in: cursor..<range.upperBound) {
      guard body(data) else { return }
      cursor = data.upperBound
    }
  }

}
