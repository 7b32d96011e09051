/// Finds matches in one chunk of a source, seen through an optional overlay of pending edits.
///
/// A match whose bytes include no edited byte is found by the fast ``PatternMatcher`` in the
/// source's bytes. Every start whose window touches an edited byte is instead checked against the
/// edited view, byte by byte; there are at most (edited bytes + pattern length) of them.
struct ChunkScanner: Sendable {
  let matcher: PatternMatcher
  let overlay: (any SearchOverlay)?

  /// Calls `body` with each match (absolute offset) starting in `starts`, ascending; stops when
  /// `body` returns false.
  ///
  /// - Parameters:
  ///   - chunkStart: The absolute offset of `bytes[0]`.
  ///   - bytes: The chunk, extended past `starts` by the pattern length − 1 where the source has
  ///     the bytes (a match must lie wholly inside it).
  ///   - starts: Absolute start offsets to report, within the chunk.
  /// - Returns: False when `body` stopped the scan.
  @discardableResult
  func forEachMatch(
    chunkStart: Int, bytes: UnsafeRawBufferPointer, startingIn starts: Range<Int>,
    _ body: (Int) -> Bool
  ) -> Bool {
    guard !starts.isEmpty else { return true }
    let length = matcher.count
    let local = (starts.lowerBound - chunkStart)..<(starts.upperBound - chunkStart)
    let edits = overlay?.editedRanges(in: starts.lowerBound..<(starts.upperBound + length - 1)) ?? []
    guard let overlay, !edits.isEmpty else {
      return matcher.forEachMatch(in: bytes, startingIn: local) { body($0 + chunkStart) }
    }
    // Starts whose window [start, start + length) touches an edited byte, merged and ascending.
    var touched: [Range<Int>] = []
    for edit in edits {
      let lower = max(edit.lowerBound - length + 1, starts.lowerBound)
      let upper = min(edit.upperBound, starts.upperBound)
      guard lower < upper else { continue }
      if let last = touched.last, last.upperBound >= lower {
        touched[touched.count - 1] = last.lowerBound..<max(last.upperBound, upper)
      } else {
        touched.append(lower..<upper)
      }
    }
    var untouchedMatches: [Int] = []
    var touchedIndex = 0
    matcher.forEachMatch(in: bytes, startingIn: local) { localStart in
      let start = localStart + chunkStart
      while touchedIndex < touched.count, touched[touchedIndex].upperBound <= start { touchedIndex += 1 }
      if touchedIndex == touched.count || !touched[touchedIndex].contains(start) {
        untouchedMatches.append(start)
      }
      return true
    }
    var editedMatches: [Int] = []
    let pattern = matcher.pattern
    for range in touched {
      for start in range where start - chunkStart + length <= bytes.count {
        var matches = true
        for index in 0..<length {
          let offset = start + index
          let byte = overlay.byte(at: offset) ?? bytes[offset - chunkStart]
          if byte & pattern.masks[index] != pattern.values[index] {
            matches = false
            break
          }
        }
        if matches { editedMatches.append(start) }
      }
    }
    var untouchedIndex = 0
    var editedIndex = 0
    while untouchedIndex < untouchedMatches.count || editedIndex < editedMatches.count {
      let next: Int
      if editedIndex == editedMatches.count
        || (untouchedIndex < untouchedMatches.count
          && untouchedMatches[untouchedIndex] < editedMatches[editedIndex])
      {
        next = untouchedMatches[untouchedIndex]
        untouchedIndex += 1
      } else {
        next = editedMatches[editedIndex]
        editedIndex += 1
      }
      if !body(next) { return false }
    }
    return true
  }
}
