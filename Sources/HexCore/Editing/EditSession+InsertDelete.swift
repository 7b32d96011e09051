// Inserting and deleting bytes: the edits that change the document's size, made in the session's
// piece table (which the first of them creates from the source and the pending overwrites).

extension EditSession {
  /// Inserts `bytes` before the byte at `offset` (`0...count`; the count appends), as one undo
  /// step; with `joiningLast`, the step continues the open one (the low nibble after the high).
  ///
  /// - Parameter source: The baseline's bytes (the mapped file), read only when this is the
  ///   session's first insert or delete.
  public mutating func insert(
    _ bytes: [UInt8], at offset: Int, over source: @autoclosure () -> any ByteSource, joiningLast: Bool = false
  ) {
    guard !bytes.isEmpty else { return }
    makeTable(over: source())
    record(table!.insert(bytes, at: offset), joiningLast: joiningLast)
  }

  /// Removes the bytes in `range` (inside the document), as one undo step; the bytes after it
  /// move down.
  ///
  /// - Parameter source: The baseline's bytes, read only when this is the session's first insert
  ///   or delete.
  public mutating func delete(range: Range<Int>, over source: @autoclosure () -> any ByteSource) {
    guard !range.isEmpty else { return }
    makeTable(over: source())
    record(table!.delete(range), joiningLast: false)
  }

  /// The bytes in `range` of the document, with every edit applied, when ``table`` holds it.
  public func tableBytes(in range: Range<Int>) -> [UInt8]? {
    table?.bytes(in: range)
  }

  /// Overwrites bytes in ``table`` as one step (joining the open one with `joiningLast`).
  ///
  /// - Returns: The change of every byte, in order.
  mutating func overwriteInTable(at offset: Int, with bytes: [UInt8], joiningLast: Bool) -> [ByteChange] {
    let before = table!.bytes(in: offset..<(offset + bytes.count))
    record(table!.overwrite(at: offset, with: bytes), joiningLast: joiningLast)
    return bytes.indices.map { ByteChange(offset: offset + $0, before: before[$0], after: bytes[$0]) }
  }

  /// Records an edit of ``table``: the steps that could be redone are gone, in both histories.
  mutating func record(_ edit: PieceTableEdit, joiningLast: Bool) {
    tableHistory.record(edit, joiningLast: joiningLast)
    history.removeRedoSteps()
  }

  /// Moves the document into a piece table over `source`, with the pending overwrites applied
  /// (not recorded: their steps stay in ``history``), unless it is there already.
  mutating func makeTable(over source: any ByteSource) {
    guard table == nil else { return }
    table = PieceTable(source: source, overwrittenBy: edits)
    edits.removeAll()
  }

  /// The document as a piece table over `source`, without moving the session into one: a copy
  /// of ``table``, or a table of the pending overwrites over `source` (neither copies the file).
  func snapshotTable(over source: any ByteSource) -> PieceTable {
    table ?? PieceTable(source: source, overwrittenBy: edits)
  }
}

extension PieceTable {
  /// A table showing `source` with the overwrites of `edits` (file offsets) applied, each cut
  /// at the source's end: about two pieces per run of edited bytes.
  init(source: any ByteSource, overwrittenBy edits: PendingEdits) {
    self.init(source: source)
    for run in edits.runs where run.offset < count {
      overwrite(at: run.offset, with: Array(run.bytes.prefix(count - run.offset)))
    }
  }

  /// Whether the document's bytes differ from its source's: ``hasChanges``, except that a
  /// document whose few edited bytes all hold their source's values again (every edit undone
  /// by overwriting, or typed back) does not. Checks at most 4096 edited bytes in 1024 pieces;
  /// beyond that any edit counts as a change.
  var differsFromSource: Bool {
    guard isInPlace else { return true }
    guard editedByteCount > 0 else { return false }
    guard editedByteCount <= 4096, pieceCount <= 1024 else { return true }
    for range in saveLayout.inPlaceRanges {
      var stored = [UInt8](repeating: 0, count: range.count)
      let readable = stored.withUnsafeMutableBytes { buffer in
        var span = MutableRawSpan(_unsafeBytes: buffer)
        return source.read(at: range.lowerBound, into: &span)
      }
      if readable < range.count || stored != bytes(in: range) { return true }
    }
    return false
  }
}
