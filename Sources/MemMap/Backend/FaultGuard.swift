import CMemMapGuard

/// Copies through the C fault guard, so that a page that vanished (file truncated by another
/// process, full disk under a sparse hole, failing device) becomes an error instead of a crash.
enum FaultGuard {
  /// Installs the process-wide handler on first use; later calls cost nothing.
  static let installed: Bool = cmemmap_install_fault_handler() == 0

  /// Copies `count` bytes and returns nil, or returns the faulting address inside
  /// `guardStart..<guardStart+guardLength`.
  @inline(__always)
  static func copy(
    to destination: UnsafeMutableRawPointer, from source: UnsafeRawPointer, count: Int,
    guarding guardStart: UnsafeRawPointer, length guardLength: Int
  ) -> UnsafeRawPointer? {
    var fault = cmemmap_fault()
    let faulted =
      count <= 8
      ? cmemmap_guarded_copy_small(destination, source, count, guardStart, guardStart + guardLength, &fault)
      : cmemmap_guarded_copy(destination, source, count, guardStart, guardStart + guardLength, &fault)
    if faulted == 0 { return nil }
    return UnsafeRawPointer(bitPattern: fault.address) ?? guardStart
  }
}
