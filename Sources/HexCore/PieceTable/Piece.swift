/// A run of a piece table's bytes: a stretch of the source, of the add buffer, or of a pattern
/// repeated.
///
/// A piece is a small value (no bytes of its own), so splitting one, or keeping one alive in an
/// undo state, costs the same for one byte and for a terabyte.
struct Piece: Sendable {
  /// Where a piece's bytes come from.
  enum Content: Sendable {
    /// The source's bytes starting at `offset`.
    case original(offset: Int)
    /// The add buffer's bytes starting at `offset` of `block`.
    case added(AddBlock, offset: Int)
    /// `pattern` repeated, starting at `pattern[phase]`.
    case fill(pattern: [UInt8], phase: Int)
  }

  /// The number of bytes (at least one).
  var length: Int
  /// Where they come from.
  var content: Content

  /// Whether the bytes are the source's own (not inserted, overwritten or filled).
  var isOriginal: Bool {
    if case .original = content { return true }
    return false
  }

  /// The first `count` bytes.
  func prefix(_ count: Int) -> Piece {
    Piece(length: count, content: content)
  }

  /// The bytes from `start` on: the content's start moves, a fill's phase with it.
  func suffix(from start: Int) -> Piece {
    let moved: Content
    switch content {
    case .original(let offset): moved = .original(offset: offset + start)
    case .added(let block, let offset): moved = .added(block, offset: offset + start)
    case .fill(let pattern, let phase): moved = .fill(pattern: pattern, phase: (phase + start) % pattern.count)
    }
    return Piece(length: length - start, content: moved)
  }

  /// Copies the bytes at `range` (relative to the piece) into `destination`, which is
  /// `range.count` bytes long.
  ///
  /// - Parameter fromViews: Whether to copy from the source's zero-copy view where it lends
  ///   one instead of its fault-guarded read: faster for many small pieces, but a file truncated
  ///   underneath then ends the process (the search engine's trade-off, not the screen's).
  /// - Returns: How many leading bytes were copied (fewer only when the source shrank).
  func read(
    _ range: Range<Int>, from source: any ByteSource, into destination: UnsafeMutableRawBufferPointer,
    fromViews: Bool = false
  ) -> Int {
    switch content {
    case .original(let offset):
      let sourceRange = (offset + range.lowerBound)..<(offset + range.upperBound)
      if fromViews {
        let copied: Void? = source.withContiguousBytes(in: sourceRange) { view in
          view.withUnsafeBytes { destination.copyMemory(from: $0) }
        }
        if copied != nil { return range.count }
      }
      var span = MutableRawSpan(_unsafeBytes: destination)
      return source.read(at: sourceRange.lowerBound, into: &span)
    case .added(let block, let offset):
      destination.copyMemory(from: block.bytes(in: (offset + range.lowerBound)..<(offset + range.upperBound)))
      return range.count
    case .fill(let pattern, let phase):
      Self.repeatPattern(pattern, from: (phase + range.lowerBound) % pattern.count, into: destination)
      return range.count
    }
  }

  /// Calls `body` with a zero-copy view of the bytes at `range` (relative to the piece), or
  /// returns `nil` when they have to be copied (a fill, or a source that lends nothing).
  func withContiguousBytes<Result>(
    _ range: Range<Int>, from source: any ByteSource, _ body: (RawSpan) -> Result
  ) -> Result? {
    switch content {
    case .original(let offset):
      return source.withContiguousBytes(in: (offset + range.lowerBound)..<(offset + range.upperBound), body)
    case .added(let block, let offset):
      return withExtendedLifetime(block) {
        body(RawSpan(_unsafeBytes: block.bytes(in: (offset + range.lowerBound)..<(offset + range.upperBound))))
      }
    case .fill:
      return nil
    }
  }

  /// Fills `destination` with `pattern` repeated, starting at `pattern[phase]`: one partial copy,
  /// then copies of what is already written, doubling each time.
  static func repeatPattern(
    _ pattern: [UInt8], from phase: Int, into destination: UnsafeMutableRawBufferPointer
  ) {
    guard let base = destination.baseAddress, !destination.isEmpty else { return }
    let total = destination.count
    var written = 0
    pattern.withUnsafeBytes { source in
      let source = source.baseAddress!
      // One whole period, starting at the phase (or all of `destination` if it is shorter).
      let first = min(total, pattern.count - phase)
      base.copyMemory(from: source + phase, byteCount: first)
      written = first
      if written < total, phase > 0 {
        let rest = min(total - written, phase)
        (base + written).copyMemory(from: source, byteCount: rest)
        written += rest
      }
    }
    // `written` is now a whole number of periods, and stays one while it doubles.
    while written < total {
      let step = min(written, total - written)
      (base + written).copyMemory(from: base, byteCount: step)
      written += step
    }
  }
}
