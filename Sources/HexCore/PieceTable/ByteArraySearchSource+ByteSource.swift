extension ByteArraySearchSource: ByteSource {
  /// Copies the bytes at `offset`; always fills all of `destination`.
  public func read(at offset: Int, into destination: UnsafeMutableRawBufferPointer) -> Int {
    bytes.withUnsafeBytes { all in
      destination.copyMemory(from: UnsafeRawBufferPointer(rebasing: all[offset..<(offset + destination.count)]))
    }
    return destination.count
  }

  /// Lends the bytes in `range` without copying.
  public func withContiguousBytes<Result>(in range: Range<Int>, _ body: (RawSpan) -> Result) -> Result? {
    body(bytes.span.bytes.extracting(range))
  }
}
