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
      // in increasing order until none is left, as the protocol requires, with a buffer of its own.
      DispatchQueue.concurrentPerform(iterations: min(chunkCount, 64)) { _ in
        var buffer: [UInt8] = []
        while !stopped.load(ordering: .relaxed) {
          let index = nextChunk.wrappingAdd(1, ordering: .relaxed).oldValue
          guard index < chunkCount else { return }
          if !scan.visit(index, buffer: &buffer, body) {
            stopped.store(true, ordering: .relaxed)
            return
          }
        }
      }
      visitedAll = !stopped.load(ordering: .relaxed)
    } else {
      var buffer: [UInt8] = []
      for index in 0..<chunkCount where !scan.visit(index, buffer: &buffer, body) {
        visitedAll = false
        break
      }
    }
    let firstUnreadable = scan.firstUnreadable.load(ordering: .relaxed)
    if firstUnreadable != .max {
      throw .unreadable(
        "the file no longer holds the bytes at document offset \(firstUnreadable): another process truncated it")
    }
    return visitedAll
  }
}

/// One chunked scan of a document: the chunks' geometry and the first offset found unreadable.
private final class ChunkedScan: Sendable {
  let table: PieceTable
  let range: Range<Int>
  let chunkSize: Int
  let overlap: Int
  /// The first document offset the source could not supply (`.max`: none).
  let firstUnreadable = Atomic<Int>(.max)

  init(table: PieceTable, range: Range<Int>, chunkSize: Int, overlap: Int) {
    self.table = table
    self.range = range
    self.chunkSize = chunkSize
    self.overlap = overlap
  }

  /// Calls `body` with chunk `index`; returns what it returned (`false`: stop), or `false` when
  /// the chunk could not be read.
  ///
  /// - Parameter buffer: The calling thread's buffer for chunks that must be assembled; grown on
  ///   first use and reused for the thread's later chunks.
  func visit(_ index: Int, buffer: inout [UInt8], _ body: (Int, RawSpan) -> Bool) -> Bool {
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
    if buffer.count < chunk.count { buffer = [UInt8](repeating: 0, count: chunkSize + overlap) }
    return buffer.withUnsafeMutableBytes { raw in
      let bytes = UnsafeMutableRawBufferPointer(rebasing: raw[0..<chunk.count])
      let readable = table.read(chunk, into: bytes, fromViews: true)
      guard readable == chunk.count else {
        firstUnreadable.min(chunk.lowerBound + readable, ordering: .relaxed)
        return false
      }
      return body(start, RawSpan(_unsafeBytes: UnsafeRawBufferPointer(bytes)))
    }
  }
}
