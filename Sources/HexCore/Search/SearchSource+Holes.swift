extension SearchPattern {
  /// Whether the pattern matches a run of zero bytes (every position's value is zero): such a
  /// pattern matches inside holes, so searches for it cannot skip them.
  var matchesZeros: Bool { values.allSatisfy { $0 == 0 } }
}

extension SearchSource where Self: ~Copyable {
  /// The first run of match starts in `starts` whose `length`-byte windows may hold a nonzero
  /// byte (of the source, or an edit in `overlay`); nil when every window in `starts` is all zeros,
  /// so no pattern that cannot match zeros can start there.
  ///
  /// Runs separated by fewer than `gap` starts are joined (scanning a few zeros costs less than
  /// a separate scan), up to a run of `gap × 16` starts, so a heavily fragmented file is still
  /// scanned a piece at a time.
  func startsNearData(
    in starts: Range<Int>, length: Int, overlay: (any SearchOverlay)?, joiningGapsBelow gap: Int
  ) -> Range<Int>? {
    let bytesEnd = min(starts.upperBound + length - 1, count)
    var result: Range<Int>?
    var cursor = starts.lowerBound
    while cursor < bytesEnd, let data = firstNonzeroCandidate(in: cursor..<bytesEnd, overlay: overlay) {
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

  /// The first stretch of `range` that may be nonzero: source data, or an edit in `overlay`.
  private func firstNonzeroCandidate(in range: Range<Int>, overlay: (any SearchOverlay)?) -> Range<Int>? {
    let data = firstDataRange(in: range)
    // Only an edit before the data (or before the end, without data) can come first.
    let editsEnd = data?.lowerBound ?? range.upperBound
    guard let overlay, range.lowerBound < editsEnd,
      let edit = overlay.editedRanges(in: range.lowerBound..<editsEnd).first
    else { return data }
    return edit
  }
}
