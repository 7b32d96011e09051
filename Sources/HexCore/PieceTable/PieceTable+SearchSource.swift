import Dispatch
import Synchronization

extension PieceTable: SearchSource {
  /// Visits the document's bytes in `range` in chunks for the search engine, in parallel when
  /// `concurrently` is true (see ``SearchSource``).
  ///
  /// A chunk that lies inside one piece of the mapped file or of the add buffer is passed
  /// without copying, so an unedited stretch is searched at memory speed; a chunk that crosses
  /// pieces (or covers a fill) is assembled in a buffer first, overlap included, so a match that
  /// spans an edit is found whole. Like every scan of a mapping, the views are not
  /// fault-guarded. The scan reads a snapshot: edits made meanwhile do not show.
  ///
  /// - Throws: ``SearchError/unreadable(_:)`` when `range` is not inside the document, the chunk
  ///   size or overlap is invalid, or the file shrank underneath (another process truncated it).
  public func scanChunks(
    in range: Range<Int>, chunkSize: Int, overlap: Int, concurrently: Bool,
    _ body: @Sendable (_ chunkStart: Int, _ bytes: RawSpan) -> Bool
  ) throws(SearchError) -> Bool {
    guard range.lowerBound >= 0, range.upperBound <= count else {
      throw .unreadable("range \(range) is outside the \(count) bytes of the document")
    }
    guard chunkSize > 0, overlap >= 0 else {
      throw .unreadable("chunk size \(chunkSize) and overlap \(overlap) are invalid")
    }
    guard !range.isEmpty else { return true }
    let scan = ChunkedScan(table: self, range: range, chunkSize: chunkSize, overlap: overlap)
    let chunkCount = (range.count - 1) / chunkSize + 1
    var visitedAll = true
    if concurrently, chunkCount > 1 {
      let nextChunk = Atomic<Int>(0)
      let stopped = Atomic<Bool>(false)
      // Dispatch runs as many of these at once as there are cores; each takes the next chunk
      // in increasing order until none is left, as the protocol requires.
      DispatchQueue.concurrentPerform(iterations: min(chunkCount, 64)) { _ in
        while !stopped.load(ordering: .relaxed) {
          let index = nextChunk.wrappingAdd(1, ordering: .relaxed).oldValue
          guard index < chunkCount else { return }
          if !scan.visit(index, body) {
            stopped.store(true, ordering: .relaxed)
            return
          }
        }
      }
      visitedAll = !stopped.load(ordering: .relaxed)
    } else {
      for index in 0..<chunkCount where !scan.visit(index, body) {
        visitedAll = false
        break
      }
    }
    if let firstUnreadable = scan.firstUnreadable {
      throw .unreadable(
        "the file no longer holds the bytes at document offset \(firstUnreadable): another process truncated it")
    }
    return visitedAll
  }
}

/// One chunked scan of a document: the chunks' geometry, a pool of buffers for the chunks
/// that must be assembled (one per thread at work, reused), and the first unreadable offset.
private final class ChunkedScan: Sendable {
  let table: PieceTable
  let range: Range<Int>
  let chunkSize: Int
  let overlap: Int
  private let buffers = Mutex<[[UInt8]]>([])
  private let unreadable = Mutex<Int?>(nil)

  init(table: PieceTable, range: Range<Int>, chunkSize: Int, overlap: Int) {
    self.table = table
    self.range = range
    self.chunkSize = chunkSize
    self.overlap = overlap
  }

  var firstUnreadable: Int? { unreadable.withLock { $0 } }

  /// Calls `body` with chunk `index`; returns what it returned (`false`: stop), or `false` when
  /// the chunk could not be read.
  func visit(_ index: Int, _ body: (Int, RawSpan) -> Bool) -> Bool {
    let start = range.lowerBound + index * chunkSize
    let chunk = start..<min(range.upperBound, start + chunkSize + overlap)
    let (pieceStart, piece) = table.tree.piece(containing: start)
    if chunk.upperBound <= pieceStart + piece.length,
      let keepGoing = piece.withContiguousBytes(
        (chunk.lowerBound - pieceStart)..<(chunk.upperBound - pieceStart), from: table.source,
        { body(start, $0) })
    {
      return keepGoing
    }
    var buffer = buffers.withLock { $0.popLast() } ?? [UInt8](repeating: 0, count: chunkSize + overlap)
    defer { buffers.withLock { $0.append(buffer) } }
    return buffer.withUnsafeMutableBytes { raw in
      let bytes = UnsafeMutableRawBufferPointer(rebasing: raw[0..<chunk.count])
      let readable = table.read(chunk, into: bytes, fromViews: true)
      guard readable == chunk.count else {
        unreadable.withLock { $0 = min($0 ?? .max, chunk.lowerBound + readable) }
        return false
      }
      return body(start, RawSpan(_unsafeBytes: UnsafeRawBufferPointer(bytes)))
    }
  }
}
