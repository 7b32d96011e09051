import MemMap

extension TailJournal {
  /// The journal of a save of `table` over its source file: the edited ranges before the first
  /// moved byte, and everything from it to the new end (``PieceTable/SaveLayout``). Each fill
  /// piece is a fill record; the other pieces of a range (inserted, overwritten or moved bytes)
  /// make bytes records.
  init(saving table: PieceTable) {
    let layout = table.saveLayout
    var ranges = layout.inPlaceRanges
    if let firstMoved = layout.firstMovedOffset, firstMoved < table.count {
      ranges.append(firstMoved..<table.count)
    }
    var records: [Record] = []
    for range in ranges {
      table.tree.forEachPiece(overlapping: range) { start, piece in
        let lower = max(range.lowerBound, start)
        let upper = min(range.upperBound, start + piece.length)
        if case .fill(let pattern, let phase) = piece.content {
          let fill = Record.Content.fill(pattern: pattern, phase: (phase + lower - start) % pattern.count)
          records.append(Record(offset: lower, length: upper - lower, content: fill))
        } else if let last = records.last, last.content == .bytes, last.offset + last.length == lower {
          records[records.count - 1].length += upper - lower
        } else {
          records.append(Record(offset: lower, length: upper - lower, content: .bytes))
        }
        return true
      }
    }
    self.init(oldSize: table.source.count, newSize: table.count, records: records)
  }

  /// Stretches of a piece at least this long go straight into the journal (copied by the system
  /// from the source file, or written from its mapping); shorter ones are gathered into one
  /// buffer, so that many small pieces cost few writes.
  static let directWriteThreshold = 64 << 10

  /// Writes the journal (marked pending) with the bytes of `table` it names into `file`, a new
  /// empty file; does not sync it.
  ///
  /// - Parameters:
  ///   - progress: Called every megabyte or so with the bytes of the file's records done.
  ///   - shouldCancel: Asked as often; `true` stops the writing.
  /// - Returns: `false` when `shouldCancel` stopped it.
  /// - Throws: ``MemMapError``; ``MemMapError/ioError(path:offset:)`` with no path when bytes of
  ///   the source could not be read.
  func write(
    of table: PieceTable, to file: borrowing FileWriter, progress: (Int) -> Void, shouldCancel: () -> Bool
  ) throws(MemMapError) -> Bool {
    var output = JournalOutput(position: 0)
    try output.append(encodedHeader(), to: file)
    var done = 0
    var reported = 0
    var failure: MemMapError?
    var cancelled = false
    // Reports progress and asks whether to stop, about once a megabyte.
    func advance(by count: Int) -> Bool {
      done += count
      guard done - reported >= 1 << 20 else { return true }
      reported = done
      progress(done)
      cancelled = shouldCancel()
      return !cancelled
    }
    for record in records {
      try output.append(record.encodedFields(), to: file)
      guard case .bytes = record.content else {
        guard advance(by: record.length) else { return false }
        continue
      }
      table.tree.forEachPiece(overlapping: record.offset..<(record.offset + record.length)) { start, piece in
        var lower = max(record.offset, start)
        let upper = min(record.offset + record.length, start + piece.length)
        while lower < upper {
          let chunk = (lower - start)..<(min(upper, lower + Self.chunkSize) - start)
          do throws(MemMapError) {
            try output.append(chunk, of: piece, from: table.source, to: file)
          } catch {
            failure = error
            return false
          }
          lower = start + chunk.upperBound
          guard advance(by: chunk.count) else { return false }
        }
        return true
      }
      if let failure { throw failure }
      if cancelled { return false }
    }
    try output.flush(to: file)
    progress(done)
    return true
  }
}

/// The journal file being written in order: small writes are gathered into one buffer.
private struct JournalOutput {
  /// Where the next byte goes in the file.
  var position: Int
  private var buffer: [UInt8] = []
  private var pacer = WritebackPacer()
  private static let capacity = 1 << 20

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

  /// Appends the bytes at `range` of `piece` (not a fill). A long stretch goes straight to the
  /// file: copied by the system from the source file where it can, else written from the
  /// source's mapping or the add buffer; a short one is copied into the buffer.
  mutating func append(
    _ range: Range<Int>, of piece: Piece, from source: any ByteSource, to file: borrowing FileWriter
  ) throws(MemMapError) {
    if range.count >= TailJournal.directWriteThreshold {
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
