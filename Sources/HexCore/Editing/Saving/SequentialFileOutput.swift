import MemMap

/// A file written from start to end: small writes are gathered into one buffer, long stretches of
/// a piece table go straight to the file (copied by the system from a mapped source file where it
/// can), and write-back is started as it goes (``WritebackPacer``). Save journals and save-as
/// both write their files through it.
struct SequentialFileOutput {
  /// Where the next byte goes in the file.
  var position: Int
  private var buffer: [UInt8] = []
  private var pacer = WritebackPacer()
  private static let capacity = 1 << 20

  /// Stretches of a piece at least this long go straight into the file; shorter ones are
  /// gathered into the buffer, so that many small pieces cost few writes.
  static let directWriteThreshold = 64 << 10

  init(position: Int) {
    self.position = position
    buffer.reserveCapacity(Self.capacity)
  }

  mutating func append(_ bytes: [UInt8], to file: borrowing FileWriter) throws(MemMapError) {
    if buffer.count + bytes.count > Self.capacity { try flush(to: file) }
    if bytes.count > Self.capacity {
      try file.write(bytes, at: position)
      try pacer.wrote(position..<(position + bytes.count), of: file)
    } else {
      buffer += bytes
    }
    position += bytes.count
  }

  /// Appends the bytes of `table` in `range`, calling `advance` with the count of bytes after
  /// each chunk: the stretch up to the next multiple of `chunkSize` (in table offsets) or the
  /// end of a piece, whichever comes first. Stops when `advance` returns `false`.
  ///
  /// - Returns: `false` when `advance` stopped it.
  /// - Throws: ``MemMapError``; ``MemMapError/ioError(path:offset:)`` with no path when bytes
  ///   of the source could not be read.
  mutating func append(
    _ range: Range<Int>, of table: PieceTable, chunkSize: Int, to file: borrowing FileWriter,
    advance: (Int) -> Bool
  ) throws(MemMapError) -> Bool {
    var failure: MemMapError?
    var stopped = false
    table.tree.forEachPiece(overlapping: range) { start, piece in
      var lower = max(range.lowerBound, start)
      let upper = min(range.upperBound, start + piece.length)
      while lower < upper {
        let chunk = (lower - start)..<(min(upper, (lower / chunkSize + 1) * chunkSize) - start)
        do throws(MemMapError) {
          try append(chunk, of: piece, from: table.source, to: file)
        } catch {
          failure = error
          return false
        }
        lower = start + chunk.upperBound
        guard advance(chunk.count) else {
          stopped = true
          return false
        }
      }
      return true
    }
    if let failure { throw failure }
    return !stopped
  }

  /// Appends the bytes at `range` of `piece`. A long stretch goes straight to the file: copied
  /// by the system from the source file where it can, else written from the source's mapping or
  /// the add buffer; a short one (and a fill) is copied into the buffer.
  private mutating func append(
    _ range: Range<Int>, of piece: Piece, from source: any ByteSource, to file: borrowing FileWriter
  ) throws(MemMapError) {
    if range.count >= Self.directWriteThreshold {
      try flush(to: file)
      if case .original(let start) = piece.content,
        try source.write((start + range.lowerBound)..<(start + range.upperBound), into: file, at: position)
      {
        try pacer.wrote(position..<(position + range.count), of: file)
        position += range.count
        return
      }
      let position = self.position
      let written = piece.withContiguousBytes(range, from: source) { span in
        Result { () throws(MemMapError) in try file.write(span, at: position) }
      }
      if let written {
        try written.get()
        try pacer.wrote(position..<(position + range.count), of: file)
        self.position += range.count
        return
      }
    }
    if buffer.count + range.count > Self.capacity { try flush(to: file) }
    let start = buffer.count
    buffer += repeatElement(0, count: range.count)
    let read = buffer.withUnsafeMutableBytes { piece.read(range, from: source, into: .init(rebasing: $0[start...])) }
    guard read == range.count else { throw .ioError(path: nil, offset: position + read) }
    position += range.count
    if buffer.count >= Self.capacity { try flush(to: file) }
  }

  /// Writes out what the buffer holds.
  mutating func flush(to file: borrowing FileWriter) throws(MemMapError) {
    guard !buffer.isEmpty else { return }
    try file.write(buffer, at: position - buffer.count)
    try pacer.wrote((position - buffer.count)..<position, of: file)
    buffer.removeAll(keepingCapacity: true)
  }
}

/// Progress reports and cancel checks about once a megabyte of a long write.
struct ProgressPacing {
  /// The bytes done so far.
  private(set) var done = 0
  private var reported = 0

  /// Counts `count` more bytes done; past another megabyte reports them to `progress` and asks
  /// `shouldCancel`. Returns `false` to stop.
  mutating func advance(by count: Int, progress: (Int) -> Void, shouldCancel: () -> Bool) -> Bool {
    done += count
    guard done - reported >= 1 << 20 else { return true }
    reported = done
    progress(done)
    return !shouldCancel()
  }
}
