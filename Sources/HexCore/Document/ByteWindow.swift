/// A run of consecutive bytes read from a ``Document`` for display.
public struct ByteWindow: Hashable, Sendable {
  /// Offset of the first byte.
  public var offset: Int
  /// One byte per file position in the window (fewer than asked for at the end of the file).
  public var bytes: [UInt8]
  /// How many leading `bytes` are real; the rest lie past the end of a file that another
  /// process truncated, and their values are meaningless.
  public var readableCount: Int

  /// Creates a window.
  public init(offset: Int, bytes: [UInt8], readableCount: Int) {
    self.offset = offset
    self.bytes = bytes
    self.readableCount = readableCount
  }

  /// The offsets the window covers.
  public var range: Range<Int> { offset..<(offset + bytes.count) }
}
