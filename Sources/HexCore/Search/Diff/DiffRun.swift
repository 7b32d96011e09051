/// A run of differing bytes between two files: consecutive offsets where the bytes differ, or the
/// bytes past the shorter file's end (always a run of their own).
public struct DiffRun: Hashable, Sendable, CustomStringConvertible {
  /// The offset of the run's first byte.
  public let offset: Int
  /// The number of bytes in the run (at least 1).
  public let count: Int

  /// A run of `count` bytes starting at `offset`.
  public init(offset: Int, count: Int) {
    self.offset = offset
    self.count = count
  }

  /// The offsets the run covers.
  public var range: Range<Int> { offset..<(offset + count) }

  /// `0x1f0 4`: the start in lowercase hex and the length in decimal.
  public var description: String { "0x\(String(offset, radix: 16)) \(count)" }
}
