extension MemMap {
  /// Writes every modified byte to the file and waits until the storage device has it.
  /// A no-op for `.readOnly`, `.copyOnWrite` and anonymous maps.
  public func flush() throws(MemMapError) {
    try Backend.flush(mapping, range: 0..<mapping.count, path: path)
  }

  /// Writes the modified bytes in `range` to the file and waits until the storage device has them.
  /// A no-op for `.readOnly`, `.copyOnWrite` and anonymous maps.
  public func flush(_ range: Range<Int>) throws(MemMapError) {
    try checkBounds(range)
    try Backend.flush(mapping, range: range, path: path)
  }

  /// Starts writing every modified byte to the file and returns without waiting for the storage
  /// device (`msync` with `MS_ASYNC`; `FlushViewOfFile` without `FlushFileBuffers` on Windows).
  /// The bytes are not durable until ``flush()`` returns; this only gets the write-back going.
  /// A no-op for `.readOnly`, `.copyOnWrite` and anonymous maps.
  public func flushAsynchronously() throws(MemMapError) {
    try Backend.flush(mapping, range: 0..<mapping.count, waitForDevice: false, path: path)
  }

  /// Starts writing the modified bytes in `range` to the file without waiting (see
  /// ``flushAsynchronously()``).
  public func flushAsynchronously(_ range: Range<Int>) throws(MemMapError) {
    try checkBounds(range)
    try Backend.flush(mapping, range: range, waitForDevice: false, path: path)
  }

  /// Makes sure the file has disk space for every byte in `range`, without changing its size or
  /// its bytes.
  ///
  /// Writing through a mapping into a hole of a sparse file allocates disk space at that moment;
  /// on a full disk that write can only fail as a fault (copies then throw
  /// ``MemMapError/noSpace(path:)``, and a mutable view throws it when its closure returns, with
  /// the writes to that page lost). Reserving first turns that into this call's
  /// ``MemMapError/noSpace(path:)``, before anything was written. A no-op for
  /// maps whose writes never reach a file (`.readOnly`, `.copyOnWrite`, anonymous), and where
  /// the platform cannot reserve a range inside a file.
  public func reserve(_ range: Range<Int>) throws(MemMapError) {
    try checkBounds(range)
    try Backend.reserve(mapping, range: range, path: path)
  }

  /// Tells the system how the whole map will be accessed. Only a hint: results never change.
  public func advise(_ advice: Advice) throws(MemMapError) {
    try Backend.advise(mapping, advice, range: 0..<mapping.count, path: path)
  }

  /// Tells the system how the bytes in `range` will be accessed. Only a hint: results never change.
  public func advise(_ advice: Advice, range: Range<Int>) throws(MemMapError) {
    try checkBounds(range)
    try Backend.advise(mapping, advice, range: range, path: path)
  }

  /// Grows or shrinks the map to `newCount` bytes, setting the file's size to the window's offset
  /// plus `newCount` (bytes after the window are cut off). New bytes are zero and their disk space is
  /// reserved. Only for `.readWrite` and `.create` file maps; others throw `.unsupported`.
  public mutating func resize(to newCount: Int) throws(MemMapError) {
    guard let path, mapping.writesReachFile else {
      throw .unsupported(
        path: path, operation: "resize(to:)",
        reason: isAnonymous
          ? "anonymous maps have a fixed size; create a new one with anonymous(size:) and copy"
          : "the map is \(mode); open the file with .readWrite to resize it")
    }
    guard newCount >= 0 else {
      throw .invalidSize(path: path, size: newCount, reason: "the new size must not be negative")
    }
    guard newCount != mapping.count else { return }
    defer { window = WindowSnapshot(mapping, isWritable: window.isWritable) }
    try Backend.resize(&mapping, to: newCount, path: path)
  }
}
