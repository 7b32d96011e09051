/// A map that any number of tasks and threads can read at the same time: a `Sendable` reference
/// that owns a ``MemMap`` and unmaps it when the last reference goes away.
///
/// ```swift
/// let shared = SharedMemMap(try MemMap.open("data.bin"))
/// try await withThrowingTaskGroup(of: UInt64.self) { group in
///   for part in 0..<4 {
///     group.addTask { try shared.map.load(as: UInt64.self, at: part * 8) }
///   }
///   for try await value in group { print(value) }
/// }
/// ```
///
/// Through ``map`` only the non-mutating operations are available (`read`, `load`, the read-only
/// views, `forEachChunk`, `firstRange(of:in:)`, `flush`, `advise`, `status`), and each of them is
/// safe to call from several threads at once. To write, keep the `MemMap` itself (or give each
/// writer its own chunks with `forEachMutableChunk`).
public final class SharedMemMap: Sendable {
  /// The shared map.
  public let map: MemMap

  /// Takes ownership of `map`.
  public init(_ map: consuming MemMap) {
    self.map = map
  }

  /// The number of bytes in the map.
  public var count: Int { map.count }
}
