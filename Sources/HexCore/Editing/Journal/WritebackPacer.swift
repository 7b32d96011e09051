import MemMap

/// Starts the write-back of a file being written every few dozen megabytes
/// (``FileWriter/startSynchronizing(_:)``), so that the device writes while more bytes are
/// copied and the sync at the end waits for little.
struct WritebackPacer {
  /// The written stretch whose write-back has not been started.
  private var pending = 0..<0

  /// How many written bytes make a write-back worth starting.
  static let step = 32 << 20

  /// Notes that `range` of `file` was written; starts the write-back of what was written since
  /// the last start once that is ``step`` bytes or more.
  mutating func wrote(_ range: Range<Int>, of file: borrowing FileWriter) throws(MemMapError) {
    pending = range.lowerBound == pending.upperBound ? pending.lowerBound..<range.upperBound : range
    guard pending.count >= Self.step else { return }
    try file.startSynchronizing(pending)
    pending = pending.upperBound..<pending.upperBound
  }
}
