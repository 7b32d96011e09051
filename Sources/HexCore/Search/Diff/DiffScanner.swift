import Synchronization

/// Finds the runs of differing bytes between two files, each seen through its pending edits, at
/// memory speed.
///
/// The bytes both files have are compared in chunks, in parallel on all cores when `concurrently`
/// is true; inside a chunk equal stretches are crossed with `memcmp` (MemMap's
/// ``ByteComparison``) and differing ones examined eight bytes at a time. The bytes past the
/// shorter file's end all differ and form one run of their own (never joined to a run just
/// before the shorter end). Stretches where both files have holes of sparse files (see
/// ``SearchSource/firstDataRange(in:)``) are not read at all: they hold zeros on both sides.
/// Every operation checks its ``SearchProgress`` before each chunk and throws
/// ``SearchError/cancelled`` once it is cancelled.
///
/// ```swift
/// let scanner = DiffScanner(DiffSide(original), DiffSide(patched, overlay: edits))
/// let next = try scanner.nextRun(after: cursor)     // DiffRun?
/// let total = try scanner.count()                   // DiffCount(bytes:runs:)
/// ```
public struct DiffScanner: Sendable {
  /// The first file.
  public let first: DiffSide
  /// The second file.
  public let second: DiffSide
  /// Bytes compared per chunk: the unit of parallel work and of progress and cancel checks.
  public let chunkSize: Int
  /// Whether chunks may run in parallel (when the sources support it).
  public let concurrently: Bool

  /// Chunks compared per round by the scans that go backwards, so each round keeps every core busy.
  private static let chunksPerRound = 16

  /// A scanner comparing `first` with `second`.
  ///
  /// - Parameters:
  ///   - chunkSize: Bytes per chunk (at least 1); the default, 1 MiB, takes well under a
  ///     millisecond to compare.
  ///   - concurrently: Whether to use every core.
  public init(_ first: DiffSide, _ second: DiffSide, chunkSize: Int = 1 << 20, concurrently: Bool = true) {
    self.first = first
    self.second = second
    self.chunkSize = max(1, chunkSize)
    self.concurrently = concurrently
  }

  /// The number of offsets compared: the longer file's size.
  public var count: Int { max(first.count, second.count) }

  /// The number of bytes both files have: the shorter file's size.
  public var commonCount: Int { min(first.count, second.count) }

  // MARK: - Runs

  /// The first run that starts after `origin` (pass -1 for the first run of all), or `nil`.
  ///
  /// From inside a run this is the run after it: "next difference" from the cursor.
  /// - Throws: ``SearchError/cancelled`` or ``SearchError/unreadable(_:)``.
  public func nextRun(after origin: Int, progress: SearchProgress? = nil) throws(SearchError) -> DiffRun? {
    let total = count
    let from = max(origin + 1, 0)
    progress?.begin(totalBytes: max(0, total - from))
    guard from < total else { return nil }
    var searchStart = from
    if origin >= 0, try differs(at: origin) {
      searchStart = try runEnd(containing: origin, upTo: total, concurrently: concurrently, progress: progress)
    }
    guard
      let start = try firstDifference(
        in: searchStart..<total, concurrently: concurrently, progress: progress)
    else { return nil }
    let end = try runEnd(containing: start, upTo: total, concurrently: concurrently, progress: progress)
    return DiffRun(offset: start, count: end - start)
  }

  /// The last run that starts before `origin`, or `nil`; from inside a run, that run.
  ///
  /// - Throws: ``SearchError/cancelled`` or ``SearchError/unreadable(_:)``.
  public func previousRun(before origin: Int, progress: SearchProgress? = nil) throws(SearchError) -> DiffRun? {
    let total = count
    let end = min(max(origin, 0), total)
    progress?.begin(totalBytes: end)
    guard let last = try lastDifference(in: 0..<end, progress: progress) else { return nil }
    let start = try runStart(containing: last, from: 0, progress: progress)
    let runEnd = try runEnd(containing: last, upTo: total, concurrently: concurrently, progress: progress)
    return DiffRun(offset: start, count: runEnd - start)
  }

  /// Calls `body` with every run in `range` (default: everything), ascending, on the calling
  /// thread; a run crossing an end of `range` is cut there. Stops after `limit` runs or when
  /// `body` returns false.
  ///
  /// - Throws: ``SearchError/cancelled`` or ``SearchError/unreadable(_:)``.
  public func forEachRun(
    in range: Range<Int>? = nil, limit: Int = .max, progress: SearchProgress? = nil,
    _ body: (DiffRun) -> Bool
  ) throws(SearchError) {
    let range = clamp(range)
    progress?.begin(totalBytes: range.count)
    var reported = 0
    var position = range.lowerBound
    while position < range.upperBound, reported < limit {
      // Sparse differences are found by all cores at once; dense ones are listed on this
      // thread, a window at a time, where a parallel start per run would cost more than it saves.
      guard
        var start = try firstDifference(
          in: position..<range.upperBound, concurrently: concurrently, progress: progress)
      else { return }
      let window = start..<min(range.upperBound, start + chunkSize)
      while true {
        let end = try runEnd(
          containing: start, upTo: range.upperBound, within: window.upperBound, progress: progress)
        reported += 1
        guard body(DiffRun(offset: start, count: end - start)), reported < limit else { return }
        position = end
        guard position < window.upperBound,
          let next = try firstDifference(
            in: position..<window.upperBound, concurrently: false, progress: nil)
        else {
          position = max(position, window.upperBound)
          break
        }
        start = next
      }
    }
  }

  /// Every run in `range` (default: everything), ascending, at most `limit` of them.
  ///
  /// - Throws: ``SearchError/cancelled`` or ``SearchError/unreadable(_:)``.
  public func runs(
    in range: Range<Int>? = nil, limit: Int = .max, progress: SearchProgress? = nil
  ) throws(SearchError) -> [DiffRun] {
    var result: [DiffRun] = []
    try forEachRun(in: range, limit: limit, progress: progress) {
      result.append($0)
      return true
    }
    return result
  }

  /// The differing bytes and runs in `range` (default: everything), runs crossing an end of
  /// `range` counted as cut there.
  ///
  /// - Throws: ``SearchError/cancelled`` or ``SearchError/unreadable(_:)``.
  public func count(in range: Range<Int>? = nil, progress: SearchProgress? = nil) throws(SearchError) -> DiffCount {
    let range = clamp(range)
    progress?.begin(totalBytes: range.count)
    let common = range.clamped(to: 0..<commonCount)
    let tallies = Mutex<[(start: Int, tally: WordComparison.Tally)]>([])
    _ = try scanPairs(in: common, concurrently: concurrently, progress: progress) { start, _, bytes in
      // Two holes hold nothing that differs.
      let tally = bytes.map { WordComparison.tally($0.first, $0.second) } ?? WordComparison.Tally()
      tallies.withLock { $0.append((start, tally)) }
      return true
    }
    var result = DiffCount()
    var previousEndsInRun = false
    for chunk in tallies.withLock({ $0 }).sorted(by: { $0.start < $1.start }) {
      result.bytes += chunk.tally.count.bytes
      result.runs += chunk.tally.count.runs
      if previousEndsInRun && chunk.tally.firstDiffers { result.runs -= 1 }
      previousEndsInRun = chunk.tally.lastDiffers
    }
    let tail = range.clamped(to: commonCount..<count)
    if !tail.isEmpty {
      result.bytes += tail.count
      result.runs += 1
    }
    return result
  }

  /// Whether the bytes at `offset` differ (offsets past the shorter file's end always do).
  ///
  /// - Throws: ``SearchError/unreadable(_:)``.
  public func differs(at offset: Int) throws(SearchError) -> Bool {
    guard offset >= 0, offset < count else { return false }
    return try firstDifference(in: offset..<(offset + 1), concurrently: false, progress: nil) != nil
  }

  // MARK: - Run ends

  /// The end (exclusive) of the run holding the differing byte at `offset`, at most `upper`.
  /// The equal byte that ends it is looked for on this thread up to `within`, then by every core.
  private func runEnd(
    containing offset: Int, upTo upper: Int, within: Int? = nil, concurrently: Bool = false,
    progress: SearchProgress?
  ) throws(SearchError) -> Int {
    let common = commonCount
    guard offset < common else { return upper }
    let limit = min(common, upper)
    let near = min(within ?? limit, limit)
    if let equal = try firstEqual(in: offset..<near, concurrently: concurrently, progress: nil) {
      return equal
    }
    guard near < limit else { return limit }
    return try firstEqual(in: near..<limit, concurrently: self.concurrently, progress: progress) ?? limit
  }

  /// The start of the run holding the differing byte at `offset`, at least `lower`.
  private func runStart(containing offset: Int, from lower: Int, progress: SearchProgress?) throws(SearchError) -> Int {
    let common = commonCount
    guard offset < common else { return max(common, lower) }
    return try lastEqual(in: lower..<offset, progress: progress).map { $0 + 1 } ?? lower
  }

  // MARK: - Finding one offset

  /// The first differing offset in `range` (the shorter file's end counts as differing).
  private func firstDifference(
    in range: Range<Int>, concurrently: Bool, progress: SearchProgress?
  ) throws(SearchError) -> Int? {
    let common = range.clamped(to: 0..<commonCount)
    if let found = try firstOffset(in: common, concurrently: concurrently, progress: progress, .firstDifference) {
      return found
    }
    let tail = range.clamped(to: commonCount..<count)
    return tail.isEmpty ? nil : tail.lowerBound
  }

  /// The first offset in `range` where the files agree.
  private func firstEqual(
    in range: Range<Int>, concurrently: Bool, progress: SearchProgress?
  ) throws(SearchError) -> Int? {
    try firstOffset(
      in: range.clamped(to: 0..<commonCount), concurrently: concurrently, progress: progress,
      .firstEqual)
  }

  /// The last differing offset in `range`.
  private func lastDifference(in range: Range<Int>, progress: SearchProgress?) throws(SearchError) -> Int? {
    let tail = range.clamped(to: commonCount..<count)
    if !tail.isEmpty { return tail.upperBound - 1 }
    return try lastOffset(
      in: range.clamped(to: 0..<commonCount), progress: progress, .lastDifference)
  }

  /// The last offset in `range` where the files agree.
  private func lastEqual(in range: Range<Int>, progress: SearchProgress?) throws(SearchError) -> Int? {
    try lastOffset(in: range.clamped(to: 0..<commonCount), progress: progress, .lastEqual)
  }

  /// The lowest offset in `range` (inside both files) that `search` reports in its chunk.
  private func firstOffset(
    in range: Range<Int>, concurrently: Bool, progress: SearchProgress?, _ search: ChunkSearch
  ) throws(SearchError) -> Int? {
    let best = Atomic<Int>(.max)
    // Chunks start in increasing order, so once one finds an offset every earlier chunk has
    // started and will finish: skipping the unstarted ones loses nothing.
    _ = try scanPairs(in: range, concurrently: concurrently, progress: progress) { start, count, bytes in
      guard start < best.load(ordering: .relaxed) else { return false }
      guard let found = search.offset(in: bytes, count: count) else { return true }
      best.min(start + found, ordering: .relaxed)
      return false
    }
    let result = best.load(ordering: .relaxed)
    return result == .max ? nil : result
  }

  /// The highest offset in `range` (inside both files) that `search` reports in its chunk;
  /// rounds of chunks go backwards from the end.
  private func lastOffset(
    in range: Range<Int>, progress: SearchProgress?, _ search: ChunkSearch
  ) throws(SearchError) -> Int? {
    let roundSize = chunkSize * Self.chunksPerRound
    var roundEnd = range.upperBound
    while roundEnd > range.lowerBound {
      let roundStart = max(range.lowerBound, roundEnd - roundSize)
      let best = Atomic<Int>(.min)
      _ = try scanPairs(in: roundStart..<roundEnd, concurrently: concurrently, progress: progress) {
        start, count, bytes in
        if let found = search.offset(in: bytes, count: count) { best.max(start + found, ordering: .relaxed) }
        return true
      }
      let result = best.load(ordering: .relaxed)
      if result != .min { return result }
      roundEnd = roundStart
    }
    return nil
  }

  // MARK: - Chunks

  /// Visits `range` (inside both files) in chunks, calling `body` with each chunk's start, its
  /// length, and both files' bytes there, pending edits applied; or, for a stretch where both
  /// files have a hole of a sparse file (zeros that need not be read), once with the whole
  /// stretch and no bytes. Chunks and stretches start in increasing order. Checks for
  /// cancellation before each and counts progress after it.
  ///
  /// - Returns: False when `body` stopped the scan.
  private func scanPairs(
    in range: Range<Int>, concurrently: Bool, progress: SearchProgress?,
    _ body: @Sendable (Int, Int, ChunkPair?) -> Bool
  ) throws(SearchError) -> Bool {
    // A range shorter than a chunk is read whole (asking about holes would cost more).
    guard range.count > chunkSize else {
      return try scanBytes(in: range, concurrently: concurrently, progress: progress, body)
    }
    var position = range.lowerBound
    while position < range.upperBound {
      if progress?.isCancelled == true { throw .cancelled }
      let first = self.first.stretch(at: position, limit: range.upperBound)
      let second = self.second.stretch(at: position, limit: range.upperBound)
      // Holes shorter than a chunk are read with the bytes around them: fewer, larger scans.
      let holeEnd = min(first.end, second.end)
      if first.isHole, second.isHole, holeEnd - position >= chunkSize || holeEnd == range.upperBound {
        let keepGoing = body(position, holeEnd - position, nil)
        progress?.advance(by: holeEnd - position)
        guard keepGoing else { return false }
        position = holeEnd
        continue
      }
      // Bytes on one side at least: compare up to where both sides may have holes again.
      let end = min(
        range.upperBound,
        max(first.isHole ? position : first.end, second.isHole ? position : second.end, position + chunkSize))
      guard try scanBytes(in: position..<end, concurrently: concurrently, progress: progress, body) else {
        return false
      }
      position = end
    }
    return true
  }

  /// Visits `range` (inside both files) in chunks, calling `body` with each chunk's start, its
  /// length, and both files' bytes there, pending edits applied. Checks for cancellation before
  /// each chunk and counts progress after it.
  ///
  /// - Returns: False when `body` stopped the scan.
  private func scanBytes(
    in range: Range<Int>, concurrently: Bool, progress: SearchProgress?,
    _ body: @Sendable (Int, Int, ChunkPair?) -> Bool
  ) throws(SearchError) -> Bool {
    guard !range.isEmpty else { return true }
    let failure = Mutex<SearchError?>(nil)
    let first = self.first
    let second = self.second
    let completed = try first.source.scanChunks(
      in: range, chunkSize: chunkSize, overlap: 0, concurrently: concurrently
    ) { start, firstBytes in
      if progress?.isCancelled == true { return false }
      let chunk = start..<(start + firstBytes.byteCount)
      let keepGoing = Mutex(true)
      do throws(SearchError) {
        _ = try second.source.scanChunks(in: chunk, chunkSize: chunk.count, overlap: 0, concurrently: false) {
          _, secondBytes in
          let result = Self.withEditedBytes(firstBytes, at: start, first.overlay) { firstBuffer in
            Self.withEditedBytes(secondBytes, at: start, second.overlay) { secondBuffer in
              body(start, chunk.count, ChunkPair(first: firstBuffer, second: secondBuffer))
            }
          }
          keepGoing.withLock { $0 = result }
          return result
        }
      } catch {
        failure.withLock { $0 = error }
        return false
      }
      progress?.advance(by: chunk.count)
      return keepGoing.withLock { $0 }
    }
    if let error = failure.withLock({ $0 }) { throw error }
    if progress?.isCancelled == true { throw .cancelled }
    return completed
  }

  /// Calls `body` with `bytes` (starting at offset `start`), or with a copy carrying the
  /// pending edits of `overlay` when the chunk has any.
  private static func withEditedBytes<Result>(
    _ bytes: RawSpan, at start: Int, _ overlay: (any SearchOverlay)?,
    _ body: (UnsafeRawBufferPointer) -> Result
  ) -> Result {
    let chunk = start..<(start + bytes.byteCount)
    guard let overlay else { return bytes.withUnsafeBytes(body) }
    let edits = overlay.editedRanges(in: chunk)
    guard !edits.isEmpty else { return bytes.withUnsafeBytes(body) }
    var copy = bytes.withUnsafeBytes { Array($0) }
    for edit in edits {
      for offset in edit {
        if let value = overlay.byte(at: offset) { copy[offset - start] = value }
      }
    }
    return copy.withUnsafeBytes(body)
  }

  private func clamp(_ range: Range<Int>?) -> Range<Int> {
    guard let range else { return 0..<count }
    let lower = min(max(range.lowerBound, 0), count)
    let upper = min(max(range.upperBound, lower), count)
    return lower..<upper
  }
}
