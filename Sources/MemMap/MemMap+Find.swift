import ByteMatching
import Synchronization

extension MemMap {
  /// The first place in `range` (the whole map by default) where `pattern` occurs, like Python's
  /// `mmap.find`; nil when it does not occur. An empty pattern is found at the start of `range`.
  ///
  /// Scans with the project's search engine, in parallel on up to one thread per processor, and
  /// skips the holes of a sparse file (see ``nextData(from:)``) unless `pattern` is all zeros. A file
  /// truncated by another process during the scan throws
  /// ``MemMapError/fileTruncated(path:offset:fileSize:)``, as `forEachChunk` does.
  public func firstRange(of pattern: some Collection<UInt8>, in range: Range<Int>? = nil) throws(MemMapError) -> Range<Int>? {
    let range = range ?? 0..<count
    try checkBounds(range)
    let bytes = Array(pattern)
    guard !bytes.isEmpty else { return range.lowerBound..<range.lowerBound }
    guard bytes.count <= range.count else { return nil }
    let matcher = ByteMatcher(exactly: bytes)
    let first = Atomic<Int>(.max)
    var starts = range.lowerBound..<(range.upperBound - bytes.count + 1)
    while let piece = startsNearData(in: starts, pattern: bytes) {
      // Chunks start in increasing order: once one finds a match, every earlier chunk has started
      // and the smallest match found is the first.
      try forEachChunk(
        in: piece.lowerBound..<(piece.upperBound + bytes.count - 1), chunkSize: Self.findChunkSize,
        overlap: bytes.count - 1, concurrently: true
      ) { chunkStart, span in
        guard let found = Self.firstMatch(matcher, in: span) else { return true }
        first.min(chunkStart + found, ordering: .relaxed)
        return false
      }
      let start = first.load(ordering: .relaxed)
      if start != .max { return start..<(start + bytes.count) }
      starts = piece.upperBound..<starts.upperBound
    }
    return nil
  }

  /// The last place in `range` (the whole map by default) where `pattern` occurs, like Python's
  /// `mmap.rfind`; nil when it does not occur. An empty pattern is found at the end of `range`.
  ///
  /// Scans backwards in rounds of a few megabytes, each in parallel, so a match near the end is
  /// found without reading the rest.
  public func lastRange(of pattern: some Collection<UInt8>, in range: Range<Int>? = nil) throws(MemMapError) -> Range<Int>? {
    let range = range ?? 0..<count
    try checkBounds(range)
    let bytes = Array(pattern)
    guard !bytes.isEmpty else { return range.upperBound..<range.upperBound }
    guard bytes.count <= range.count else { return nil }
    let matcher = ByteMatcher(exactly: bytes)
    let roundSize = Self.findChunkSize * 16
    // Starts still to search: range.lowerBound..<startsEnd.
    var startsEnd = range.upperBound - bytes.count + 1
    while startsEnd > range.lowerBound {
      let roundStart = max(range.lowerBound, startsEnd - roundSize)
      let last = Atomic<Int>(-1)
      var starts = roundStart..<startsEnd
      while let piece = startsNearData(in: starts, pattern: bytes) {
        try forEachChunk(
          in: piece.lowerBound..<(piece.upperBound + bytes.count - 1), chunkSize: Self.findChunkSize,
          overlap: bytes.count - 1, concurrently: true
        ) { chunkStart, span in
          if let found = Self.lastMatch(matcher, in: span) { last.max(chunkStart + found, ordering: .relaxed) }
          return true
        }
        starts = piece.upperBound..<starts.upperBound
      }
      let start = last.load(ordering: .relaxed)
      if start >= 0 { return start..<(start + bytes.count) }
      startsEnd = roundStart
    }
    return nil
  }

  /// The first run of match starts in `starts` worth scanning for `pattern`: all of them when the
  /// pattern is all zeros (it matches inside holes), else those whose window may reach a byte
  /// outside the file's holes. A run covers at least 16 chunks (past its data if need be), so a
  /// file fragmented into many small pieces is scanned in large runs rather than many tiny ones.
  private func startsNearData(in starts: Range<Int>, pattern: [UInt8]) -> Range<Int>? {
    guard !starts.isEmpty else { return nil }
    guard pattern.contains(where: { $0 != 0 }) else { return starts }
    let bytes = starts.lowerBound..<(starts.upperBound + pattern.count - 1)
    guard let data = firstDataRange(in: bytes) else { return nil }
    let lower = max(data.lowerBound - pattern.count + 1, starts.lowerBound)
    return lower..<min(max(data.upperBound, lower + Self.findChunkSize * 16), starts.upperBound)
  }

  /// Bytes per chunk of a parallel find: large enough that handing out chunks costs nothing.
  private static var findChunkSize: Int { 1 << 20 }

  /// The first match (offset in `span`) that starts in the chunk proper, not in its overlap.
  private static func firstMatch(_ matcher: ByteMatcher, in span: RawSpan) -> Int? {
    span.withUnsafeBytes { buffer in
      matcher.firstMatch(in: buffer, startingIn: 0..<max(0, min(findChunkSize, buffer.count - matcher.count + 1)))
    }
  }

  /// The last match (offset in `span`) that starts in the chunk proper, not in its overlap.
  private static func lastMatch(_ matcher: ByteMatcher, in span: RawSpan) -> Int? {
    span.withUnsafeBytes { buffer in
      matcher.lastMatch(in: buffer, startingIn: 0..<max(0, min(findChunkSize, buffer.count - matcher.count + 1)))
    }
  }
}
