/// Finds a ``SearchPattern`` in bytes that arrive in pieces (a pipe, standard input), holding only
/// the last `pattern.count - 1` bytes between pieces, so a match that spans two pieces is found
/// and memory stays constant whatever the stream's length.
///
/// ```swift
/// var search = StreamingSearch(pattern: pattern, startOffset: 0)
/// while let chunk = read() { search.feed(chunk) { offset in print(offset); return true } }
/// ```
public struct StreamingSearch: Sendable {
  /// The pattern searched for.
  public var pattern: SearchPattern { matcher.pattern }
  /// The stream offset of the next byte fed in.
  public private(set) var offset: Int

  private let matcher: PatternMatcher
  /// The last bytes fed in, fewer than the pattern: where a match may still start.
  private var tail: [UInt8] = []

  /// A search whose first byte is at `startOffset` (reported offsets count from there).
  public init(pattern: SearchPattern, startOffset: Int = 0) {
    matcher = PatternMatcher(pattern)
    offset = startOffset
  }

  /// Scans the next bytes of the stream, calling `body` with each match's offset in ascending
  /// order, overlapping ones included.
  ///
  /// - Returns: `false` when `body` returned false (the rest of `bytes` was not scanned).
  @discardableResult
  public mutating func feed(_ bytes: UnsafeRawBufferPointer, _ body: (Int) -> Bool) -> Bool {
    let overlap = matcher.count - 1
    let tailStart = offset - tail.count
    // Matches that start in the tail end within the first `overlap` bytes of `bytes`.
    if !tail.isEmpty {
      let joined = tail + bytes.prefix(overlap)
      let keepGoing = joined.withUnsafeBytes { joinedBytes in
        matcher.forEachMatch(in: joinedBytes, startingIn: 0..<tail.count) { body(tailStart + $0) }
      }
      guard keepGoing else { return false }
    }
    let chunkStart = offset
    let keepGoing = matcher.forEachMatch(in: bytes, startingIn: 0..<bytes.count) { body(chunkStart + $0) }
    offset += bytes.count
    if bytes.count >= overlap {
      tail = Array(bytes.suffix(overlap))
    } else {
      tail = Array((tail + bytes).suffix(overlap))
    }
    return keepGoing
  }
}
