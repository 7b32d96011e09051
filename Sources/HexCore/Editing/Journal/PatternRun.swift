import MemMap

/// A pattern repeated over a stretch of a file (a fill), written by repeating one buffer of
/// whole periods with positional writes: memory stays at about a megabyte for any length.
struct PatternRun {
  /// The repeated bytes (not empty).
  var pattern: [UInt8]
  /// Where in `pattern` the run starts.
  var phase: Int
  /// The number of bytes.
  var length: Int

  /// The size of the buffer written repeatedly: about this many bytes, in whole periods.
  static let bufferSize = 1 << 20

  /// Writes the run at `offset` of `file`.
  ///
  /// - Parameter wrote: Called with each stretch of the file written, in order.
  func write(
    to file: borrowing FileWriter, at offset: Int, wrote: (Range<Int>) throws(MemMapError) -> Void = { _ in }
  ) throws(MemMapError) {
    guard length > 0 else { return }
    // Whole periods, so that every copy of the buffer starts at the same phase.
    let periods = Swift.max(1, Self.bufferSize / pattern.count)
    var buffer = [UInt8](repeating: 0, count: Swift.min(length, periods * pattern.count))
    buffer.withUnsafeMutableBytes { Piece.repeatPattern(pattern, from: phase, into: $0) }
    var written = 0
    while written < length {
      let count = Swift.min(buffer.count, length - written)
      try file.write(buffer[0..<count], at: offset + written)
      try wrote((offset + written)..<(offset + written + count))
      written += count
    }
  }
}
