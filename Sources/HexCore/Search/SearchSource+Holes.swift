extension SearchPattern {
  /// Whether the pattern matches a run of zero bytes (every position's value is zero): such a
  /// pattern matches inside holes, so searches for it cannot skip them.
  var matchesZeros: Bool { values.allSatisfy { $0 == 0 } }
}

extension SearchSource where Self: ~Copyable {
  /// The first stretch of `range` that may be nonzero: the source's data (see
  /// ``firstDataRange(in:)``), or an edit in `overlay`.
  func firstNonzeroCandidate(in range: Range<Int>, overlay: (any SearchOverlay)?) -> Range<Int>? {
    let data = firstDataRange(in: range)
    // Only an edit before the data (or before the end, without data) can come first.
    let editsEnd = data?.lowerBound ?? range.upperBound
    guard let overlay, range.lowerBound < editsEnd,
      let edit = overlay.editedRanges(in: range.lowerBound..<editsEnd).first
    else { return data }
    return edit
  }
}

/// Splits a scan of start positions into the stretches whose `length`-byte windows may reach a
/// nonzero byte, skipping those that lie wholly in zeros (the holes of sparse files).
///
/// Stretches separated by fewer than `gap` positions are joined (scanning a few zeros costs less
/// than a separate scan), up to `gap × 16` positions, so a heavily fragmented file is still
/// scanned a piece at a time.
struct ZeroSkippingScan {
  /// The bytes a window covers from its start.
  let length: Int
  /// The narrowest run of all-zero starts worth skipping.
  let gap: Int
  /// The number of bytes there are: no window reaches past it.
  let count: Int

  /// Calls `scan` with each stretch of `starts` worth scanning, ascending, and counts the starts
  /// skipped before it as done in `progress`; stops when `scan` returns false or `progress` is
  /// cancelled. `firstNonzero` answers the first stretch of a range that may be nonzero.
  ///
  /// - Returns: False when `scan` stopped.
  func forEachStretch(
    in starts: Range<Int>, progress: SearchProgress?, firstNonzero: (Range<Int>) -> Range<Int>?,
    _ scan: (Range<Int>) throws(SearchError) -> Bool
  ) throws(SearchError) -> Bool {
    var remaining = starts
    while !remaining.isEmpty, progress?.isCancelled != true {
      guard let next = firstStretch(in: remaining, firstNonzero: firstNonzero) else {
        progress?.advance(by: remaining.count)
        break
      }
      progress?.advance(by: next.lowerBound - remaining.lowerBound)
      guard try scan(next) else { return false }
      remaining = next.upperBound..<remaining.upperBound
    }
    return true
  }

  /// The first stretch of `starts` whose windows may reach a nonzero byte; nil when none does.
  func firstStretch(in starts: Range<Int>, firstNonzero: (Range<Int>) -> Range<Int>?) -> Range<Int>? {
    let bytesEnd = min(starts.upperBound + length - 1, count)
    var result: Range<Int>?
    var cursor = starts.lowerBound
    while cursor < bytesEnd, let data = firstNonzero(cursor..<bytesEnd) {
      let lower = max(data.lowerBound - length + 1, starts.lowerBound)
      let upper = min(data.upperBound, starts.upperBound)
      if let joined = result {
        guard lower - joined.upperBound < gap, joined.count < gap * 16 else { break }
        result = joined.lowerBound..<max(joined.upperBound, upper)
      } else {
        result = lower..<upper
      }
      cursor = data.upperBound
    }
    return result
  }
}
