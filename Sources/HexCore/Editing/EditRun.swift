/// A run of consecutive edited bytes: the new values of `bytes.count` bytes starting at `offset`.
public struct EditRun: Hashable, Sendable {
  /// The offset of the first byte of the run.
  public var offset: Int
  /// The new values, in order. Never empty.
  public var bytes: [UInt8]

  /// Creates a run of `bytes` starting at `offset`.
  public init(offset: Int, bytes: [UInt8]) {
    self.offset = offset
    self.bytes = bytes
  }

  /// The offsets the run covers.
  public var range: Range<Int> { offset..<endOffset }

  /// The offset just past the last byte of the run.
  public var endOffset: Int { offset + bytes.count }
}
