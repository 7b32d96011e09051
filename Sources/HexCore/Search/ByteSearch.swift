import Synchronization

/// A search for one ``SearchPattern`` in a ``SearchSource`` (a memory map, or bytes in memory),
/// optionally seen through a ``SearchOverlay`` of pending edits.
///
/// Every operation scans in chunks (in parallel on all cores when `concurrently` is true),
/// reports matches in ascending order, counts overlapping matches, and checks its
/// ``SearchProgress`` before each chunk, throwing ``SearchError/cancelled`` once it is cancelled.
///
/// ```swift
/// let search = ByteSearch(pattern: try SearchPattern("de ad ?? ef", kind: .hex))
/// let first = try search.firstMatch(in: map)                // Int?
/// let hit = try search.find(.forward, from: cursor, in: map) // wraps at the end
/// ```
public struct ByteSearch: Sendable {
  /// The pattern searched for.
  public let pattern: SearchPattern
  /// Bytes scanned per chunk: the unit of parallel work and of progress and cancel checks.
  public let chunkSize: Int
  /// Whether chunks may run in parallel (when the source supports it).
  public let concurrently: Bool
  /// Whether the search skips the holes of sparse files (stretches the source reports as all
  /// zeros): asked for at `init`, and the pattern cannot match zeros.
  public let skipsHoles: Bool

  private let matcher: PatternMatcher

  /// Chunks scanned per round by the searches that must see chunks in order (backward search
  /// and listing every match), so each round still keeps every core busy.
  private static let chunksPerRound = 16

  /// A search for `pattern`.
  ///
  /// - Parameters:
  ///   - pattern: What to find.
  ///   - chunkSize: Bytes per chunk (at least 1); the default, 1 MiB, takes about 0.1 ms to scan.
  ///   - concurrently: Whether to use every core.
  ///   - skippingHoles: Whether to skip stretches the source reports as all zeros (the holes of a
  ///     sparse file); this never changes the matches found, only the time taken (turn it off
  ///     only to measure what it saves). A pattern that matches zeros scans holes anyway.
  public init(pattern: SearchPattern, chunkSize: Int = 1 << 20, concurrently: Bool = true, skippingHoles: Bool = true) {
    self.pattern = pattern
    self.chunkSize = max(1, chunkSize)
    self.concurrently = concurrently
    skipsHoles = skippingHoles && !pattern.matchesZeros
    matcher = PatternMatcher(pattern)
  }

  // MARK: - Finding one match

  /// The first match starting in `starts` (default: anywhere).
  ///
  /// - Parameters:
  ///   - source: The bytes to search.
  ///   - starts: The offsets a match may start at; a match may extend past its end.
  ///   - overlay: Pending edits to search instead of the source's bytes where they apply.
  ///   - progress: Progress to report, and the cancel switch.
  /// - Throws: ``SearchError/cancelled`` or ``SearchError/unreadable(_:)``.
  public func firstMatch<Source: SearchSource & ~Copyable>(
    in source: borrowing Source, startingIn starts: Range<Int>? = nil,
    overlay: (any SearchOverlay)? = nil, progress: SearchProgress? = nil
  ) throws(SearchError) -> Int? {
    let starts = clamp(starts, count: source.count)
    progress?.begin(totalBytes: starts.count)
    return try first(in: source, startingIn: starts, overlay: overlay, progress: progress)
  }

  /// The last match starting in `starts` (default: anywhere): for "find previous", pass
  /// `0..<cursor` to get the last match strictly before the cursor.
  ///
  /// - Throws: ``SearchError/cancelled`` or ``SearchError/unreadable(_:)``.
  public func lastMatch<Source: SearchSource & ~Copyable>(
    in source: borrowing Source, startingIn starts: Range<Int>? = nil,
    overlay: (any SearchOverlay)? = nil, progress: SearchProgress? = nil
  ) throws(SearchError) -> Int? {
    let starts = clamp(starts, count: source.count)
    progress?.begin(totalBytes: starts.count)
    return try last(in: source, startingIn: starts, overlay: overlay, progress: progress)
  }

  /// The next match from `origin`, wrapping around the ends of the source.
  ///
  /// Forward: the first match at or after `origin`, else (when `wrapping`) the first match
  /// before it. Backward: the last match strictly before `origin`, else (when `wrapping`) the
  /// last match at or after it. For "find next" from a match at the cursor, pass `cursor + 1`.
  ///
  /// - Returns: The match and whether the search wrapped to reach it, or `nil` when the pattern
  ///   does not occur at all.
  /// - Throws: ``SearchError/cancelled`` or ``SearchError/unreadable(_:)``.
  public func find<Source: SearchSource & ~Copyable>(
    _ direction: SearchDirection, from origin: Int, in source: borrowing Source,
    overlay: (any SearchOverlay)? = nil, wrapping: Bool = true, progress: SearchProgress? = nil
  ) throws(SearchError) -> SearchHit? {
    let count = source.count
    let origin = min(max(origin, 0), count)
    let ahead = origin..<count
    let behind = 0..<origin
    progress?.begin(totalBytes: wrapping ? count : (direction == .forward ? ahead.count : behind.count))
    switch direction {
    case .forward:
      if let offset = try first(in: source, startingIn: ahead, overlay: overlay, progress: progress) {
        return SearchHit(offset: offset, wrapped: false)
      }
      guard wrapping else { return nil }
      return try first(in: source, startingIn: behind, overlay: overlay, progress: progress)
        .map { SearchHit(offset: $0, wrapped: true) }
    case .backward:
      if let offset = try last(in: source, startingIn: behind, overlay: overlay, progress: progress) {
        return SearchHit(offset: offset, wrapped: false)
      }
      guard wrapping else { return nil }
      return try last(in: source, startingIn: ahead, overlay: overlay, progress: progress)
        .map { SearchHit(offset: $0, wrapped: true) }
    }
  }

  // MARK: - Every match

  /// Calls `body` with every match starting in `starts` (default: anywhere), ascending and
  /// overlapping ones included, on the calling thread; stops after `limit` matches or when `body`
  /// returns false.
  ///
  /// - Throws: ``SearchError/cancelled`` or ``SearchError/unreadable(_:)``.
  public func forEachMatch<Source: SearchSource & ~Copyable>(
    in source: borrowing Source, startingIn starts: Range<Int>? = nil,
    overlay: (any SearchOverlay)? = nil, limit: Int = .max, progress: SearchProgress? = nil,
    _ body: (Int) -> Bool
  ) throws(SearchError) {
    let count = source.count
    let starts = clamp(starts, count: count)
    progress?.begin(totalBytes: starts.count)
    guard limit > 0, canMatch(starts, count: count) else { return }
    var reported = 0
    let scanner = ChunkScanner(matcher: matcher, overlay: overlay)
    let roundSize = chunkSize * Self.chunksPerRound
    var roundStart = starts.lowerBound
    while roundStart < starts.upperBound {
      let roundEnd = min(starts.upperBound, roundStart + roundSize)
      let found = Mutex<[(chunkStart: Int, matches: [Int])]>([])
      // No chunk needs more matches than are still wanted.
      let wanted = limit - reported
      try scan(source, starts: roundStart..<roundEnd, overlay: overlay, progress: progress) { chunkStart, bytes, chunkStarts in
        var matches: [Int] = []
        scanner.forEachMatch(chunkStart: chunkStart, bytes: bytes, startingIn: chunkStarts) {
          matches.append($0)
          return matches.count < wanted
        }
        if !matches.isEmpty {
          found.withLock { $0.append((chunkStart, matches)) }
        }
        return true
      }
      let chunks = found.withLock { $0 }.sorted { $0.chunkStart < $1.chunkStart }
      for chunk in chunks {
        for match in chunk.matches {
          reported += 1
          if !body(match) || reported == limit { return }
        }
      }
      roundStart = roundEnd
    }
  }

  /// Every match starting in `starts` (default: anywhere), ascending, at most `limit` of them.
  ///
  /// - Throws: ``SearchError/cancelled`` or ``SearchError/unreadable(_:)``.
  public func matches<Source: SearchSource & ~Copyable>(
    in source: borrowing Source, startingIn starts: Range<Int>? = nil,
    overlay: (any SearchOverlay)? = nil, limit: Int = .max, progress: SearchProgress? = nil
  ) throws(SearchError) -> [Int] {
    var result: [Int] = []
    guard limit > 0 else { return result }
    try forEachMatch(in: source, startingIn: starts, overlay: overlay, limit: limit, progress: progress) {
      result.append($0)
      return true
    }
    return result
  }

  /// The number of matches starting in `starts` (default: anywhere), overlapping ones included,
  /// counting no further than `limit`.
  ///
  /// - Throws: ``SearchError/cancelled`` or ``SearchError/unreadable(_:)``.
  public func countMatches<Source: SearchSource & ~Copyable>(
    in source: borrowing Source, startingIn starts: Range<Int>? = nil,
    overlay: (any SearchOverlay)? = nil, limit: Int = .max, progress: SearchProgress? = nil
  ) throws(SearchError) -> Int {
    let count = source.count
    let starts = clamp(starts, count: count)
    progress?.begin(totalBytes: starts.count)
    guard limit > 0, canMatch(starts, count: count) else { return 0 }
    let scanner = ChunkScanner(matcher: matcher, overlay: overlay)
    let total = Atomic<Int>(0)
    try scan(source, starts: starts, overlay: overlay, progress: progress) { chunkStart, bytes, chunkStarts in
      var found = 0
      let allowed = limit - total.load(ordering: .relaxed)
      guard allowed > 0 else { return false }
      scanner.forEachMatch(chunkStart: chunkStart, bytes: bytes, startingIn: chunkStarts) { _ in
        found += 1
        return found < allowed
      }
      let now = total.wrappingAdd(found, ordering: .relaxed).newValue
      return now < limit
    }
    return min(total.load(ordering: .relaxed), limit)
  }

  // MARK: - Implementation

  private func first<Source: SearchSource & ~Copyable>(
    in source: borrowing Source, startingIn starts: Range<Int>,
    overlay: (any SearchOverlay)?, progress: SearchProgress?
  ) throws(SearchError) -> Int? {
    guard canMatch(starts, count: source.count) else { return nil }
    let scanner = ChunkScanner(matcher: matcher, overlay: overlay)
    let best = Atomic<Int>(.max)
    // Chunks start in increasing order, so once a chunk finds a match every earlier chunk has
    // started and will finish: stopping the unstarted ones loses nothing.
    try scan(source, starts: starts, overlay: overlay, progress: progress) { chunkStart, bytes, chunkStarts in
      guard chunkStart < best.load(ordering: .relaxed) else { return false }
      var found: Int?
      scanner.forEachMatch(chunkStart: chunkStart, bytes: bytes, startingIn: chunkStarts) {
        found = $0
        return false
      }
      guard let found else { return true }
      best.min(found, ordering: .relaxed)
      return false
    }
    let result = best.load(ordering: .relaxed)
    return result == .max ? nil : result
  }

  private func last<Source: SearchSource & ~Copyable>(
    in source: borrowing Source, startingIn starts: Range<Int>,
    overlay: (any SearchOverlay)?, progress: SearchProgress?
  ) throws(SearchError) -> Int? {
    guard canMatch(starts, count: source.count) else { return nil }
    let scanner = ChunkScanner(matcher: matcher, overlay: overlay)
    let roundSize = chunkSize * Self.chunksPerRound
    var roundEnd = starts.upperBound
    // Rounds go backwards from the end; inside a round all chunks run and the highest match wins.
    while roundEnd > starts.lowerBound {
      let roundStart = max(starts.lowerBound, roundEnd - roundSize)
      let best = Atomic<Int>(.min)
      try scan(source, starts: roundStart..<roundEnd, overlay: overlay, progress: progress) { chunkStart, bytes, chunkStarts in
        var found: Int?
        scanner.forEachMatch(chunkStart: chunkStart, bytes: bytes, startingIn: chunkStarts) {
          found = $0
          return true
        }
        if let found { best.max(found, ordering: .relaxed) }
        return true
      }
      let result = best.load(ordering: .relaxed)
      if result != .min { return result }
      roundEnd = roundStart
    }
    return nil
  }

  /// Scans the chunks holding the starts in `starts`, calling `body` with each chunk's start, its
  /// bytes (extended so every match starting in it is whole where the source allows), and the
  /// starts it owns. Checks for cancellation before each chunk and counts progress after it.
  ///
  /// Starts whose whole window lies in zeros the source knows of (holes of a sparse file) and
  /// `overlay` leaves alone are skipped when the pattern cannot match zeros; they count as
  /// scanned.
  private func scan<Source: SearchSource & ~Copyable>(
    _ source: borrowing Source, starts: Range<Int>, overlay: (any SearchOverlay)?, progress: SearchProgress?,
    _ body: @Sendable (Int, UnsafeRawBufferPointer, Range<Int>) -> Bool
  ) throws(SearchError) {
    // A range of one chunk costs less to scan than to ask about holes.
    if skipsHoles, starts.count > chunkSize {
      let stretches = ZeroSkippingScan(length: pattern.count, gap: chunkSize, count: source.count)
      _ = try stretches.forEachStretch(in: starts, progress: progress) {
        source.firstNonzeroCandidate(in: $0, overlay: overlay)
      } _: { stretch throws(SearchError) in
        try scanChunks(source, starts: stretch, progress: progress, body)
      }
    } else {
      _ = try scanChunks(source, starts: starts, progress: progress, body)
    }
    if progress?.isCancelled == true { throw .cancelled }
  }

  /// Scans the chunks holding the starts in `starts` (see `scan`), all of them.
  ///
  /// - Returns: False when `body` (or a cancel) stopped the scan.
  private func scanChunks<Source: SearchSource & ~Copyable>(
    _ source: borrowing Source, starts: Range<Int>, progress: SearchProgress?,
    _ body: @Sendable (Int, UnsafeRawBufferPointer, Range<Int>) -> Bool
  ) throws(SearchError) -> Bool {
    let overlap = pattern.count - 1
    let bytes = starts.lowerBound..<min(starts.upperBound + overlap, source.count)
    let chunkSize = self.chunkSize
    return try source.scanChunks(
      in: bytes, chunkSize: chunkSize, overlap: overlap, concurrently: concurrently
    ) { chunkStart, chunk in
      if progress?.isCancelled == true { return false }
      // The tail added for the overlap can form a last chunk that owns no start.
      guard chunkStart < starts.upperBound else { return true }
      let chunkStarts = chunkStart..<min(chunkStart + chunkSize, starts.upperBound)
      let keepGoing = chunk.withUnsafeBytes { body(chunkStart, $0, chunkStarts) }
      progress?.advance(by: chunkStarts.count)
      return keepGoing
    }
  }

  private func clamp(_ starts: Range<Int>?, count: Int) -> Range<Int> {
    guard let starts else { return 0..<count }
    let lower = min(max(starts.lowerBound, 0), count)
    let upper = min(max(starts.upperBound, lower), count)
    return lower..<upper
  }

  private func canMatch(_ starts: Range<Int>, count: Int) -> Bool {
    !starts.isEmpty && starts.lowerBound + pattern.count <= count
  }
}
