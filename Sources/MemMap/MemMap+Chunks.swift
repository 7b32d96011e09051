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
  /// calling thread.
  ///
  /// If another process truncates the file during the scan, the vanished bytes read as zeros in the
  /// chunks already running, no further chunk starts, and the call throws
  /// ``MemMapError/fileTruncated(path:offset:fileSize:)`` (``MemMapError/ioError(path:offset:)``
  /// when the system could not supply a page that still exists) rather than returning.
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
      start: UnsafeRawPointer(start), range: range, chunkSize: chunkSize, overlap: overlap,
      viewRegion: mapping.viewRegion, faultsBefore: viewFaultCount())
    let visitedAll = region.visitAll(concurrently: concurrently, body)
    try throwIfViewFaulted(since: region.faultsBefore, accessOffset: range.lowerBound, isWrite: false)
    return visitedAll
  }
}

/// The geometry of a chunked scan; the pointer is only read while the owning map is borrowed.
private struct ChunkedRegion: @unchecked Sendable {
  let start: UnsafeRawPointer
  let range: Range<Int>
  let chunkSize: Int
  let overlap: Int
  /// The map's watched region and its fault count before the scan: a fault stops the scan.
  let viewRegion: Backend.ViewRegion
  let faultsBefore: UInt64

  var chunkCount: Int { (range.count - 1) / chunkSize + 1 }

  /// Whether a page of the map vanished during the scan (the chunks would read zeros).
  var faulted: Bool { Backend.viewFaultCount(region: viewRegion) != faultsBefore }

  /// Visits every chunk until `body` returns false or a page vanishes; returns whether every chunk
  /// was visited.
  func visitAll(concurrently: Bool, _ body: @Sendable (Int, RawSpan) -> Bool) -> Bool {
    let workers = concurrently ? min(chunkCount, Backend.activeProcessorCount) : 1
    if workers <= 1 {
      for index in 0..<chunkCount where faulted || !visit(index, body) {
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
        if faulted || !visit(index, body) {
          stopped.store(true, ordering: .relaxed)
          return
        }
      }
    }
    return !stopped.load(ordering: .relaxed)
  }

  @inline(__always)
  func visit(_ index: Int, _ body: (Int, RawSpan) -> Bool) -> Bool {
    let chunkStart = range.lowerBound + index * chunkSize
    let available = range.upperBound - chunkStart
    let length = min(available, chunkSize + overlap)
    let buffer = UnsafeRawBufferPointer(start: start + chunkStart, count: length)
    return body(chunkStart, RawSpan(_unsafeBytes: buffer))
  }
}
