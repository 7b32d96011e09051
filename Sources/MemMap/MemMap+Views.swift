// Zero-copy views. Spans cannot escape the closure, so the compiler guarantees the map outlives
// them. They are not fault-guarded: if another process truncates the file while a view is read,
// the process terminates (use `read`/`load`/`write` where that matters).

extension MemMap {
  /// Calls `body` with a read-only view of the whole map.
  @inlinable
  public func withBytes<R: ~Copyable, E: Error>(_ body: (RawSpan) throws(E) -> R) throws(E) -> R {
    let buffer = UnsafeRawBufferPointer(start: window.start, count: count)
    return try body(RawSpan(_unsafeBytes: buffer))
  }

  /// Calls `body` with a read-only view of the bytes in `range`.
  @inlinable
  public func withBytes<R: ~Copyable>(
    in range: Range<Int>, _ body: (RawSpan) throws(MemMapError) -> R
  ) throws(MemMapError) -> R {
    try checkBounds(range)
    let buffer = UnsafeRawBufferPointer(start: window.start.map { $0 + range.lowerBound }, count: range.count)
    return try body(RawSpan(_unsafeBytes: buffer))
  }

  /// Calls `body` with a mutable view of the whole map. Throws `.notWritable` for read-only maps.
  public mutating func withMutableBytes<R: ~Copyable>(
    _ body: (inout MutableRawSpan) throws(MemMapError) -> R
  ) throws(MemMapError) -> R {
    try withMutableBytes(in: 0..<count, body)
  }

  /// Calls `body` with a mutable view of the bytes in `range`. Throws `.notWritable` for read-only maps.
  public mutating func withMutableBytes<R: ~Copyable>(
    in range: Range<Int>, _ body: (inout MutableRawSpan) throws(MemMapError) -> R
  ) throws(MemMapError) -> R {
    try requireWritable("withMutableBytes")
    try checkBounds(range)
    let buffer = UnsafeMutableRawBufferPointer(start: window.start.map { $0 + range.lowerBound }, count: range.count)
    var span = MutableRawSpan(_unsafeBytes: buffer)
    return try body(&span)
  }

  /// Calls `body` with the map's bytes viewed as `count` elements of `T`, starting at byte `offset`
  /// (numpy's dtype). A nil `count` takes as many whole elements as fit. The offset must be aligned
  /// for `T`; a misaligned offset or a range past the end throws instead of trapping.
  @inlinable
  public func withSpan<T: BitwiseCopyable, R: ~Copyable>(
    of type: T.Type, at offset: Int = 0, count: Int? = nil, _ body: (Span<T>) throws(MemMapError) -> R
  ) throws(MemMapError) -> R {
    let stride = MemoryLayout<T>.stride
    guard offset >= 0, offset <= self.count else {
      throw .outOfBounds(path: path, offset: offset, count: 0, mapCount: self.count)
    }
    let elements = count ?? (stride == 0 ? 0 : (self.count - offset) / stride)
    let (byteCount, overflow) = elements.multipliedReportingOverflow(by: stride)
    guard elements >= 0, !overflow else {
      throw .outOfBounds(path: path, offset: offset, count: elements, mapCount: self.count)
    }
    try checkBounds(offset: offset, count: byteCount)
    let start = window.start.map { $0 + offset }
    if let start, Int(bitPattern: start) % MemoryLayout<T>.alignment != 0 {
      throw .misaligned(path: path, offset: offset, alignment: MemoryLayout<T>.alignment)
    }
    let buffer = UnsafeRawBufferPointer(start: start, count: byteCount)
    return try body(Span<T>(_unsafeBytes: buffer))
  }
}
