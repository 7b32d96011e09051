import ByteMatching

/// Finds a ``SearchPattern`` in a contiguous block of memory, with the shared ``ByteMatcher``
/// (which MemMap's `firstRange(of:in:)` uses too).
struct PatternMatcher: Sendable {
  /// The pattern this matcher finds.
  let pattern: SearchPattern
  private let matcher: ByteMatcher

  init(_ pattern: SearchPattern) {
    self.pattern = pattern
    matcher = ByteMatcher(values: pattern.values, masks: pattern.masks)
  }

  /// The number of bytes a match covers.
  var count: Int { pattern.count }

  /// Calls `body` with each match that starts in `starts`, in ascending order, and stops early
  /// when `body` returns false. A match must lie wholly inside `buffer`.
  ///
  /// - Returns: False when `body` stopped the scan.
  @discardableResult
  func forEachMatch(
    in buffer: UnsafeRawBufferPointer, startingIn starts: Range<Int>, _ body: (Int) -> Bool
  ) -> Bool {
    matcher.forEachMatch(in: buffer, startingIn: starts, body)
  }

  /// The first match starting in `starts`, if any.
  func firstMatch(in buffer: UnsafeRawBufferPointer, startingIn starts: Range<Int>) -> Int? {
    matcher.firstMatch(in: buffer, startingIn: starts)
  }

  /// The last match starting in `starts`, if any.
  func lastMatch(in buffer: UnsafeRawBufferPointer, startingIn starts: Range<Int>) -> Int? {
    matcher.lastMatch(in: buffer, startingIn: starts)
  }

  /// The number of matches starting in `starts`, counting at most `limit`.
  func countMatches(
    in buffer: UnsafeRawBufferPointer, startingIn starts: Range<Int>, limit: Int = .max
  ) -> Int {
    matcher.countMatches(in: buffer, startingIn: starts, limit: limit)
  }
}
