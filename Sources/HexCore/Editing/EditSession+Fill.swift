// Filling a range with a repeated pattern: one fill piece in the session's piece table, so a
// fill costs the same for one byte and for a terabyte, and allocates nothing for its bytes.

extension EditSession {
  /// Fills `range` (inside the document) with `pattern` repeated from its first byte, cut short
  /// at the range's end, as one undo step. The document's size does not change; it moves into
  /// ``table``, where the fill is one piece whatever its length.
  ///
  /// - Parameters:
  ///   - pattern: The bytes to repeat; not empty.
  ///   - source: The baseline's bytes, read only when ``table`` does not hold the document yet.
  public mutating func fill(range: Range<Int>, with pattern: [UInt8], over source: @autoclosure () -> any ByteSource) {
    precondition(!pattern.isEmpty, "fill: the pattern is empty")
    guard !range.isEmpty else { return }
    makeTable(over: source())
    record(table!.fill(range, with: pattern), joiningLast: false)
  }
}
