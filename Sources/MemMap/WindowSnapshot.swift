/// Where the window and its mapping currently are, copied out of the backend `Mapping` so that
/// the inlinable fast paths (`load`, the views) can reach them without a function call. Refreshed
/// whenever the mapping moves (`resize(to:)`).
@usableFromInline
struct WindowSnapshot: @unchecked Sendable {
  // @unchecked: plain addresses owned by the enclosing MemMap; never dereferenced on their own.

  /// The window's first byte, or nil when the window is empty.
  @usableFromInline let start: UnsafeMutableRawPointer?
  /// Bytes in the window.
  @usableFromInline let count: Int
  /// Whether stores are allowed (the map's mode, or its current protection).
  @usableFromInline let isWritable: Bool

  init(_ mapping: borrowing Mapping, isWritable: Bool) {
    self.isWritable = isWritable
    start = mapping.start
    count = mapping.count
  }
}
