import Synchronization

/// One block of a piece table's append-only add buffer: the bytes that inserts and overwrites
/// typed, pasted or computed.
///
/// Bytes, once appended, never change and the block is never moved or resized, so a piece can
/// point into it directly and any number of table versions (undo records, a snapshot searched on
/// another thread) share it without copying or locking: whatever hands a table to another thread
/// (a task, a lock) orders the bytes' copy before their reads. Space is claimed atomically, so
/// copies of a table that append from different threads never claim the same bytes.
final class AddBlock: @unchecked Sendable {
  /// Bytes per block unless one append needs more: large enough that typing rarely starts a
  /// block, small enough that a one-byte edit costs little.
  static let standardCapacity = 64 << 10

  /// How many bytes the block holds.
  let capacity: Int
  private let storage: UnsafeMutableRawPointer
  private let claimed = Atomic<Int>(0)

  /// A block with room for at least `minimumCapacity` bytes.
  init(minimumCapacity: Int) {
    capacity = max(Self.standardCapacity, minimumCapacity)
    storage = .allocate(byteCount: capacity, alignment: 16)
  }

  deinit { storage.deallocate() }

  /// Copies `bytes` into unclaimed space and returns where they start, or `nil` when the block
  /// has no room for them.
  func append(_ bytes: UnsafeRawBufferPointer) -> Int? {
    var start = claimed.load(ordering: .relaxed)
    while true {
      guard start + bytes.count <= capacity else { return nil }
      let (exchanged, current) = claimed.compareExchange(
        expected: start, desired: start + bytes.count, ordering: .relaxed)
      if exchanged { break }
      start = current
    }
    if let base = bytes.baseAddress {
      (storage + start).copyMemory(from: base, byteCount: bytes.count)
    }
    return start
  }

  /// The appended bytes in `range`, valid while the block is alive.
  func bytes(in range: Range<Int>) -> UnsafeRawBufferPointer {
    UnsafeRawBufferPointer(start: storage + range.lowerBound, count: range.count)
  }
}
