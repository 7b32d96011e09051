extension DiffScanner {
  /// The first stretch of `range` where either file may hold a nonzero byte (data of its source,
  /// or a pending edit); elsewhere in `range` both read zeros and so agree. Only map-backed sides
  /// know their holes; any other side counts as data throughout.
  func firstPossibleDifference(in range: Range<Int>) -> Range<Int>? {
    let inFirst = first.source.firstNonzeroCandidate(in: range, overlay: first.overlay)
    // Only a stretch of the second file that starts first can come before the first file's.
    let secondEnd = inFirst?.lowerBound ?? range.upperBound
    guard range.lowerBound < secondEnd,
      let inSecond = second.source.firstNonzeroCandidate(in: range.lowerBound..<secondEnd, overlay: second.overlay)
    else { return inFirst }
    return inSecond
  }
}
