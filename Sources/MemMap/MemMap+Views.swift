// Zero-copy views. Spans cannot escape the closure, so the compiler guarantees the map outlives
// them. If another process truncates the file while a view is read, the vanished pages read as
// zeros until the closure returns, and then the call throws `.fileTruncated` instead of returning
// what the closure computed from them.

extension MemMap {
  /// Calls `body` with a read-only view of the whole map.
  ///
  /// An error thrown by `body` reaches the caller unchanged. If the file shrank while `body` ran
  /// (or the system could not supply a page), the call throws ``MemMapError/fileTruncated(path:offset:fileSize:)``
  /// (or ``MemMapError/ioError(path:offset:)``) instead: the bytes `body` saw past the new end
  /// were zeros.
  @inlinable
  public func withBytes<R: ~Copyable, E: Error>(_ body: (RawSpan) throws(E) -> R) throws -> R {
    let buffer = UnsafeRawBufferPointer(start: window.start, count: count)
    return try checkingFaults(from: 0, isWrite: false) { () throws(E) -> R in
      try body(RawSpan(_unsafeBytes: buffer))
    }
  }

  /// Calls `body` with a read-only view of the bytes in `range`.
  ///
  /// Throws ``MemMapError/outOfBounds(path:offset:count:mapCount:)`` for a range outside the map;
  /// errors of `body` and faults are handled as in ``withBytes(_:)``.
  @inlinable
  public func withBytes<R: ~Copyable, E: Error>(
    in range: Range<Int>, _ body: (RawSpan) throws(E) -> R
  ) throws -> R {
    try checkBounds(range)
    let buffer = UnsafeRawBufferPointer(start: window.start.map { $0 + range.lowerBound }, count: range.count)
    return try checkingFaults(from: range.lowerBound, isWrite: false) { () throws(E) -> R in
      try body(RawSpan(_unsafeBytes: buffer))
    }
  }

  /// Calls `body` with a mutable view of the whole map. Throws `.notWritable` for read-only maps.
  ///
  /// Errors of `body` reach the caller unchanged. If the file shrank while `body` ran, the call
  /// throws ``MemMapError/fileTruncated(path:offset:fileSize:)``: writes past the new end were
  /// lost. A page the file system could not allocate (a full disk under a sparse file) throws
  /// ``MemMapError/noSpace(path:)``.
  public mutating func withMutableBytes<R: ~Copyable, E: Error>(
    _ body: (inout MutableRawSpan) throws(E) -> R
  ) throws -> R {
    try withMutableBytes(in: 0..<count, body)
  }

  /// Calls `body` with a mutable view of the bytes in `range`. Throws `.notWritable` for read-only
  /// maps; errors of `body` and faults are handled as in ``withMutableBytes(_:)``.
  public mutating func withMutableBytes<R: ~Copyable, E: Error>(
    in range: Range<Int>, _ body: (inout MutableRawSpan) throws(E) -> R
  ) throws -> R {
    try requireWritable("withMutableBytes")
    try checkBounds(range)
    let buffer = UnsafeMutableRawBufferPointer(start: window.start.map { $0 + range.lowerBound }, count: range.count)
    var span = MutableRawSpan(_unsafeBytes: buffer)
    return try checkingFaults(from: range.lowerBound, isWrite: true) { () throws(E) -> R in try body(&span) }
  }

  /// Calls `body` with the map's bytes viewed as `count` elements of `T`, starting at byte `offset`
  /// (numpy's dtype). A nil `count` takes as many whole elements as fit. The offset must be aligned
  /// for `T`; a misaligned offset or a range past the end throws instead of trapping.
  ///
  /// Errors of `body` and faults are handled as in ``withBytes(_:)``.
  @inlinable
  public func withSpan<T: BitwiseCopyable, R: ~Copyable, E: Error>(
    of type: T.Type, at offset: Int = 0, count: Int? = nil, _ body: (Span<T>) throws(E) -> R
  ) throws -> R {
    let buffer = try typedView(of: T.self, at: offset, count: count)
    return try checkingFaults(from: offset, isWrite: false) { () throws(E) -> R in
      try body(Span<T>(_unsafeBytes: UnsafeRawBufferPointer(buffer)))
    }
  }

  /// Calls `body` with the map's bytes viewed as `count` mutable elements of `T`, starting at byte
  /// `offset`; a nil `count` takes as many whole elements as fit. Bounds and alignment are checked
  /// as in ``withSpan(of:at:count:_:)``, and `.notWritable` is thrown for read-only maps.
  ///
  /// Errors of `body` and faults are handled as in ``withMutableBytes(_:)``.
  public mutating func withMutableSpan<T: BitwiseCopyable, R: ~Copyable, E: Error>(
    of type: T.Type, at offset: Int = 0, count: Int? = nil, _ body: (inout MutableSpan<T>) throws(E) -> R
  ) throws -> R {
    try requireWritable("withMutableSpan")
    let buffer = try typedView(of: T.self, at: offset, count: count)
    var span = MutableSpan<T>(_unsafeBytes: buffer)
    return try checkingFaults(from: offset, isWrite: true) { () throws(E) -> R in try body(&span) }
  }

  /// The bytes of `count` elements of `T` at byte `offset` (a nil `count`: as many as fit), after
  /// checking bounds and alignment.
  @inlinable
  func typedView<T: BitwiseCopyable>(
    of type: T.Type, at offset: Int, count: Int?
  ) throws(MemMapError) -> UnsafeMutableRawBufferPointer {
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
    return UnsafeMutableRawBufferPointer(start: start, count: byteCount)
  }

  // MARK: Faults inside views

  /// How many faults inside views of this map the fault handler has answered so far.
  @usableFromInline
  func viewFaultCount() -> UInt64 {
    Backend.viewFaultCount(mapping)
  }

  /// Runs `body` (which reads or writes the map's bytes directly) and then throws what went wrong
  /// if a page of the map vanished meanwhile, even when `body` threw: its error may come from the
  /// zeros it saw. Otherwise `body`'s result or error reaches the caller unchanged.
  @inlinable
  func checkingFaults<R: ~Copyable, E: Error>(
    from accessOffset: Int, isWrite: Bool, _ body: () throws(E) -> R
  ) throws -> R {
    let before = viewFaultCount()
    let result: R
    do {
      result = try body()
    } catch {
      try throwIfViewFaulted(since: before, accessOffset: accessOffset, isWrite: isWrite)
      throw error
    }
    try throwIfViewFaulted(since: before, accessOffset: accessOffset, isWrite: isWrite)
    return result
  }

  /// Throws what went wrong if a view of this map faulted since the count was `before`.
  @usableFromInline
  func throwIfViewFaulted(since before: UInt64, accessOffset: Int, isWrite: Bool) throws(MemMapError) {
    if let error = Backend.viewFault(mapping, since: before, accessOffset: accessOffset, isWrite: isWrite, path: path) {
      throw error
    }
  }
}
