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
      start: start, range: range, chunkSize: chunkSize, overlap: overlap,
      viewRegion: mapping.viewRegion, faultsBefore: viewFaultCount())
    let visitedAll = region.visitAll(concurrently: concurrently) { chunkStart, length in
      body(chunkStart, RawSpan(_unsafeBytes: UnsafeRawBufferPointer(start: region.start + chunkStart, count: length)))
    }
    try throwIfViewFaulted(since: region.faultsBefore, accessOffset: range.lowerBound, isWrite: false)
    return visitedAll
  }

  /// Visits `range` in consecutive, disjoint chunks of `chunkSize` bytes (the last one may be
  /// shorter), calling `body` with each chunk's start offset (relative to the map) and a mutable
  /// view of its bytes: several threads can fill one map, each writing its own chunks.
  ///
  /// `body` returns `false` to stop: no chunk that has not started yet is visited afterwards. With
  /// `concurrently: true`, chunks run in parallel on up to one thread per active processor (handed
  /// out in increasing order); otherwise they run in order on the calling thread. Throws
  /// `.notWritable` for read-only maps. If another process truncates the file during the scan,
  /// writes past the new end are lost, no further chunk starts, and the call throws
  /// ``MemMapError/fileTruncated(path:offset:fileSize:)`` (``MemMapError/noSpace(path:)`` for a
  /// page a full disk could not supply).
  ///
  /// - Returns: `true` if every chunk was visited, `false` if `body` stopped the scan.
  @discardableResult
  public mutating func forEachMutableChunk(
    in range: Range<Int>, chunkSize: Int, concurrently: Bool = false,
    _ body: @Sendable (_ chunkStart: Int, _ bytes: inout MutableRawSpan) -> Bool
  ) throws(MemMapError) -> Bool {
    try requireWritable("forEachMutableChunk")
    try checkBounds(range)
    guard chunkSize > 0 else {
      throw .invalidSize(path: path, size: chunkSize, reason: "the chunk size must be positive")
    }
    guard !range.isEmpty, let start = mapping.start else { return true }
    let region = ChunkedRegion(
      start: start, range: range, chunkSize: chunkSize, overlap: 0,
      viewRegion: mapping.viewRegion, faultsBefore: viewFaultCount())
    let visitedAll = region.visitAll(concurrently: concurrently) { chunkStart, length in
      var bytes = MutableRawSpan(_unsafeBytes: UnsafeMutableRawBufferPointer(start: region.start + chunkStart, count: length))
      return body(chunkStart, &bytes)
    }
    try throwIfViewFaulted(since: region.faultsBefore, accessOffset: range.lowerBound, isWrite: true)
    return visitedAll
  }
}

extension MemMap {
  /// ``forEachChunk(in:chunkSize:overlap:concurrently:_:)`` with a `body` that may throw. The first
  /// error thrown stops the scan (no chunk starts afterwards) and reaches the caller unchanged,
  /// unless a page vanished during the scan: then the truncation is thrown, since the error may
  /// come from the zeros `body` saw.
  @discardableResult
  public func forEachChunk<E: Error>(
    in range: Range<Int>, chunkSize: Int, overlap: Int = 0, concurrently: Bool = false,
    _ body: @Sendable (_ chunkStart: Int, _ bytes: RawSpan) throws(E) -> Bool
  ) throws -> Bool {
    let failure = FirstFailure<E>()
    let visitedAll = try forEachChunk(in: range, chunkSize: chunkSize, overlap: overlap, concurrently: concurrently) {
      (chunkStart: Int, bytes: RawSpan) -> Bool in
      failure.continuing { () throws(E) -> Bool in try body(chunkStart, bytes) }
    }
    try failure.rethrow()
    return visitedAll
  }

  /// ``forEachMutableChunk(in:chunkSize:concurrently:_:)`` with a `body` that may throw; errors are
  /// handled as in the throwing `forEachChunk`.
  @discardableResult
  public mutating func forEachMutableChunk<E: Error>(
    in range: Range<Int>, chunkSize: Int, concurrently: Bool = false,
    _ body: @Sendable (_ chunkStart: Int, _ bytes: inout MutableRawSpan) throws(E) -> Bool
  ) throws -> Bool {
    let failure = FirstFailure<E>()
    let visitedAll = try forEachMutableChunk(in: range, chunkSize: chunkSize, concurrently: concurrently) {
      (chunkStart: Int, bytes: inout MutableRawSpan) -> Bool in
      failure.continuing { () throws(E) -> Bool in try body(chunkStart, &bytes) }
    }
    try failure.rethrow()
    return visitedAll
  }
}

/// The first error thrown by the bodies of a chunked scan (which may run on several threads).
private final class FirstFailure<E: Error>: Sendable {
  private let error = Mutex<E?>(nil)

  /// Runs `body` and returns its answer (continue or stop); an error is kept and stops the scan.
  func continuing(_ body: () throws(E) -> Bool) -> Bool {
    do {
      return try body()
    } catch {
      self.error.withLock { first in
        if first == nil { first = error }
      }
      return false
    }
  }

  /// Throws the kept error, if any.
  func rethrow() throws(E) {
    if let error = error.withLock({ $0 }) { throw error }
  }
}

/// The geometry of a chunked scan. The pointer is only used while the owning map is borrowed (or,
/// for mutable chunks, exclusively accessed), and chunks handed to different threads are disjoint.
private struct ChunkedRegion: @unchecked Sendable {
  /// The map's first byte (offset 0).
  let start: UnsafeMutableRawPointer
  let range: Range<Int>
  let chunkSize: Int
  let overlap: Int
  /// The map's watched region and its fault count before the scan: a fault stops the scan.
  let viewRegion: Backend.ViewRegion
  let faultsBefore: UInt64

  var chunkCount: Int { (range.count - 1) / chunkSize + 1 }

  /// Whether a page of the map vanished during the scan (the chunks would read zeros).
  var faulted: Bool { Backend.viewFaultCount(region: viewRegion) != faultsBefore }

  /// Calls `visit(chunkStart, length)` for every chunk until it returns false or a page vanishes;
  /// returns whether every chunk was visited.
  func visitAll(concurrently: Bool, _ visit: @Sendable (_ chunkStart: Int, _ length: Int) -> Bool) -> Bool {
    let workers = concurrently ? min(chunkCount, Backend.activeProcessorCount) : 1
    if workers <= 1 {
      for index in 0..<chunkCount where faulted || !visitChunk(index, visit) {
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
        if faulted || !visitChunk(index, visit) {
          stopped.store(true, ordering: .relaxed)
          return
        }
      }
    }
    return !stopped.load(ordering: .relaxed)
  }

  /// Chunk `index`: its start offset and its length (extended by the overlap, clipped to the range).
  @inline(__always)
  private func visitChunk(_ index: Int, _ visit: (Int, Int) -> Bool) -> Bool {
    let chunkStart = range.lowerBound + index * chunkSize
    return visit(chunkStart, min(range.upperBound - chunkStart, chunkSize + overlap))
  }
}
