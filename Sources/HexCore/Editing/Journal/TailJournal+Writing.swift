import MemMap

extension TailJournal {
  /// The journal of a save of `table` over its source file: the edited ranges before the first
  /// moved byte, and everything from it to the new end (``PieceTable/SaveLayout``). Each fill
  /// piece is a fill record; the other pieces of a range (inserted, overwritten or moved bytes)
  /// make bytes records.
  init(saving table: PieceTable) {
    var records: [Record] = []
    for range in table.saveLayout.rewrittenRanges {
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
    var output = SequentialFileOutput(position: 0)
    try output.append(encodedHeader(), to: file)
    var pacing = ProgressPacing()
    func advance(by count: Int) -> Bool {
      pacing.advance(by: count, progress: progress, shouldCancel: shouldCancel)
    }
    for record in records {
      try output.append(record.encodedFields(), to: file)
      guard case .bytes = record.content else {
        guard advance(by: record.length) else { return false }
        continue
      }
      let range = record.offset..<(record.offset + record.length)
      guard try output.append(range, of: table, chunkSize: Self.chunkSize, to: file, advance: advance) else {
        return false
      }
    }
    try output.flush(to: file)
    progress(pacing.done)
    return true
  }
}
