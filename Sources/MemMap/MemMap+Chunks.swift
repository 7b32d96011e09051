import Dispatch
import Synchronization

extension MemMap {
  /// Visits `range` in consecutive chunks of `chunkSize` bytes, calling `body` with each chunk's
  /// start offset (relative to the map) and its bytes. Each chunk is extended by `overlap` bytes past
  /// its end (clipped to `range`), so a pattern up to `overlap + 1` bytes long that crosses a chunk
  /// boundary is seen whole by the chunk in which it starts.
  ///
  /// `body` returns `false` to stop: no chunk that has not started yet is visited afterwards. With
  /// `concurrently: true`, chunks run in parallel on up to one thread per active processor (in no
  /// particular order; chunks are handed out in increasing order); otherwise they run in order on the
  /// calling thread. The views are not fault-guarded (see `MemMap`).
  ///
  /// - Returns: `true` if every chunk was visited, `false` if `body` stopped the scan.
  @discardableResult
  public func forEachChunk(
    in range: Range<Int>, chunkSize: Int, overlap: Int = 0, concurrently: Bool = false,
    _ body: @Sendable (_ chunkStart: Int, _ bytes: RawSpan) -> Bool
  ) throws(MemMapError) -> Bool {
    try checkBounds(range)
    guard chunkSize > 0 else {
      throw .invalidSize(path: path, size: chunkSize, reason: "the chunk size must be positive")
    }
    guard overlap >= 0 else {
      throw .invalidSize(path: path, size: overlap, reason: "the overlap must not be negative")
    }
    guard !range.isEmpty, let start = mapping.start else { return true }
    let region = ChunkedRegion(
      start: UnsafeRawPointer(start), range: range, chunkSize: chunkSize, overlap: overlap)
    let chunkCount = region.chunkCount
    let workers = concurrently ? min(chunkCount, Backend.activeProcessorCount) : 1
    if workers <= 1 {
      for index in 0..<chunkCount where !region.visit(index, body) {
        return false
      }
      return true
    }
    let nextChunk = Atomic<Int>(0)
    let stopped = Atomic<Bool>(false)
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
      while !stopped.load(ordering: .relaxed) {
        let index = nextChunk.wrappingAdd(1, ordering: .relaxed).oldValue
        guard index < chunkCount else { return }
        if !region.visit(index, body) {
          stopped.store(true, ordering: .relaxed)
          return
        }
      }
    }
    return !stopped.load(ordering: .relaxed)
  }
}

/// The geometry of a chunked scan; the pointer is only read while the owning map is borrowed.
private struct ChunkedRegion: @unchecked Sendable {
  let start: UnsafeRawPointer
  let range: Range<Int>
  let chunkSize: Int
  let overlap: Int

  var chunkCount: Int { (range.count - 1) / chunkSize + 1 }

  @inline(__always)
  func visit(_ index: Int, _ body: (Int, RawSpan) -> Bool) -> Bool {
    let chunkStart = range.lowerBound + index * chunkSize
    let available = range.upperBound - chunkStart
    let length = min(available, chunkSize + overlap)
    let buffer = UnsafeRawBufferPointer(start: start + chunkStart, count: length)
    return body(chunkStart, RawSpan(_unsafeBytes: buffer))
  }
}
