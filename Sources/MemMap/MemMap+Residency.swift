extension MemMap {
  /// Keeps every page of the map in RAM until ``unlock()`` or `close()`: no access will wait for
  /// the disk, and the pages are never written to swap (`mlock`; `VirtualLock` on Windows).
  ///
  /// - Throws: ``MemMapError/systemError(path:operation:reason:)`` when the system refuses, for
  ///   example when the map is larger than the process may lock; the message names the limit
  ///   (`RLIMIT_MEMLOCK`, shown by `ulimit -l`) and its current value.
  public func lock() throws(MemMapError) {
    try Backend.lock(mapping, range: 0..<mapping.count, path: path)
  }

  /// Keeps the pages holding the bytes in `range` in RAM (see ``lock()``).
  public func lock(_ range: Range<Int>) throws(MemMapError) {
    try checkBounds(range)
    try Backend.lock(mapping, range: range, path: path)
  }

  /// Lets the system page the map out again after ``lock()``; unlocking pages that were never
  /// locked is not an error.
  public func unlock() throws(MemMapError) {
    try Backend.unlock(mapping, range: 0..<mapping.count, path: path)
  }

  /// Lets the system page out the pages holding the bytes in `range` again (see ``unlock()``).
  public func unlock(_ range: Range<Int>) throws(MemMapError) {
    try checkBounds(range)
    try Backend.unlock(mapping, range: range, path: path)
  }

  /// Whether stores are currently allowed: the mode allows them and ``setWritable(_:)`` has not
  /// made the map read-only.
  public var isWritable: Bool { window.isWritable }

  /// Makes a writable map read-only (`false`) or writable again (`true`), without unmapping it
  /// (`mprotect`; `VirtualProtect` on Windows).
  ///
  /// While read-only, `write`, `store`, `withMutableBytes` and the other writing calls throw
  /// ``MemMapError/writeProtected(path:operation:)``. Maps opened `.readOnly` cannot be made
  /// writable: that throws ``MemMapError/notWritable(path:operation:mode:)``.
  public mutating func setWritable(_ writable: Bool) throws(MemMapError) {
    guard mode.isWritable else {
      if !writable { return }
      throw .notWritable(path: path, operation: "setWritable(true)", mode: mode)
    }
    guard writable != window.isWritable else { return }
    try Backend.setWritable(&mapping, writable, copyOnWrite: mode == .copyOnWrite, path: path)
    window = WindowSnapshot(mapping, isWritable: writable)
  }
}
