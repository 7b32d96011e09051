extension ByteArraySearchSource: ByteSource {
  /// Copies the bytes at `offset`; always fills all of `destination`.
  public func read(at offset: Int, into destination: inout MutableRawSpan) -> Int {
    destination.withUnsafeMutableBytes { target in
      bytes.withUnsafeBytes { all in
        target.copyMemory(from: UnsafeRawBufferPointer(rebasing: all[offset..<(offset + target.count)]))
      }
    }
    return destination.byteCount
  }

  /// Lends the bytes in `range` without copying.
  public func withContiguousBytes<Result>(in range: Range<Int>, _ body: (RawSpan) -> Result) -> Result? {
    body(bytes.span.bytes.extracting(range))
  }
}
