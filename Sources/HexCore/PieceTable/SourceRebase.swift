/// How the pieces of a table's undo history find their bytes again once a save replaced the
/// table's source with the saved document: each byte of the old source they point at is either
/// in the saved file (at a known offset) or was copied into memory before the save.
///
/// A save writes the table's current document over its source: source bytes that the document
/// still shows land at their document offsets, and every other source byte (deleted or
/// overwritten) is gone from the file. Undo and redo states may still show those, so
/// ``capture(for:history:limit:)`` copies them out while the old file is intact, and after the
/// save ``rebased(_:)`` turns every piece of the history into pieces of the new file or of the
/// copy.
struct SourceRebase: Sendable {
  /// Where a stretch of the old source is found after the save.
  enum Place: Sendable {
    /// In the saved file, from `offset` on.
    case saved(offset: Int)
    /// In ``captured``, from `offset` on.
    case captured(offset: Int)
  }

  /// A stretch of the old source and where it went.
  struct Segment: Sendable {
    let oldRange: Range<Int>
    let place: Place
  }

  /// Every stretch of the old source the current document or its history shows, ascending and
  /// disjoint.
  private let segments: [Segment]
  /// The copied bytes (none when the history needs no byte the save drops).
  private let captured: AddBlock?
  /// How many bytes were copied.
  let capturedByteCount: Int

  /// The outcome of ``capture(for:history:limit:)``.
  enum Capture: Sendable {
    /// The history can be kept.
    case rebase(SourceRebase)
    /// Keeping the history would take `neededByteCount` bytes of memory, more than the limit.
    case tooLarge(neededByteCount: Int)
  }

  /// Copies the bytes of `table`'s source that `history` shows and a save of `table` will not
  /// keep, unless they are more than `limit` bytes. Call before the save, while the source still
  /// holds them. Costs a walk of the document's and the history's pieces, plus the copy.
  static func capture(for table: PieceTable, history: PieceTableHistory, limit: Int) -> Capture {
    var kept: [Segment] = []
    table.tree.forEachPiece { start, piece in
      if case .original(let offset) = piece.content {
        kept.append(Segment(oldRange: offset..<(offset + piece.length), place: .saved(offset: start)))
      }
      return true
    }
    kept.sort { $0.oldRange.lowerBound < $1.oldRange.lowerBound }

    var needed: [Range<Int>] = []
    history.forEachTree { tree in
      tree.forEachPiece { _, piece in
        if case .original(let offset) = piece.content { needed.append(offset..<(offset + piece.length)) }
        return true
      }
    }
    let missing = subtracting(kept.map(\.oldRange), from: merged(needed))
    let neededByteCount = missing.reduce(0) { $0 + $1.count }
    guard neededByteCount <= limit else { return .tooLarge(neededByteCount: neededByteCount) }

    var segments = kept
    var block: AddBlock?
    if neededByteCount > 0 {
      let copy = AddBlock(minimumCapacity: neededByteCount)
      for range in missing {
        segments.append(Segment(oldRange: range, place: .captured(offset: copy.copy(range, of: table.source))))
      }
      block = copy
    }
    segments.sort { $0.oldRange.lowerBound < $1.oldRange.lowerBound }
    return .rebase(SourceRebase(segments: segments, captured: block, capturedByteCount: neededByteCount))
  }

  /// `tree` with each piece of the old source replaced by pieces of the saved file or of the
  /// copy, holding the same bytes; other pieces are kept. `priorities` feeds the new nodes'
  /// treap priorities.
  func rebased(_ tree: PieceTree, priorities: inout UInt64) -> PieceTree {
    var pieces: [Piece] = []
    tree.forEachPiece { _, piece in
      guard case .original(let offset) = piece.content else {
        pieces.append(piece)
        return true
      }
      var position = offset
      let end = offset + piece.length
      while position < end {
        let segment = segments[segmentIndex(containing: position)]
        let length = min(end, segment.oldRange.upperBound) - position
        let into = position - segment.oldRange.lowerBound
        switch segment.place {
        case .saved(let start): pieces.append(Piece(length: length, content: .original(offset: start + into)))
        case .captured(let start):
          pieces.append(Piece(length: length, content: .added(captured!, offset: start + into)))
        }
        position += length
      }
      return true
    }
    return PieceTree(pieces: pieces, priorities: &priorities)
  }

  /// The index of the segment holding old source offset `offset`, which the capture covered.
  private func segmentIndex(containing offset: Int) -> Int {
    var low = 0
    var high = segments.count
    // The first segment that starts after `offset`; the one before it holds it.
    while low < high {
      let middle = (low + high) / 2
      if segments[middle].oldRange.lowerBound <= offset { low = middle + 1 } else { high = middle }
    }
    precondition(low > 0 && segments[low - 1].oldRange.contains(offset), "source offset \(offset) was not captured")
    return low - 1
  }

  /// `ranges` sorted, with overlapping and touching ranges joined.
  private static func merged(_ ranges: [Range<Int>]) -> [Range<Int>] {
    var result: [Range<Int>] = []
    for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
      if let last = result.last, range.lowerBound <= last.upperBound {
        result[result.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
      } else {
        result.append(range)
      }
    }
    return result
  }

  /// The parts of `ranges` (ascending, disjoint) outside every range of `removed` (ascending,
  /// disjoint).
  private static func subtracting(_ removed: [Range<Int>], from ranges: [Range<Int>]) -> [Range<Int>] {
    var result: [Range<Int>] = []
    var next = 0
    for range in ranges {
      var start = range.lowerBound
      while next < removed.count, removed[next].upperBound <= start { next += 1 }
      var index = next
      while start < range.upperBound, index < removed.count, removed[index].lowerBound < range.upperBound {
        if removed[index].lowerBound > start { result.append(start..<removed[index].lowerBound) }
        start = max(start, removed[index].upperBound)
        index += 1
      }
      if start < range.upperBound { result.append(start..<range.upperBound) }
    }
    return result
  }
}

extension AddBlock {
  /// Appends the bytes in `range` of `source` (zeros for any it no longer holds) and returns
  /// where they start; the block must have room for them.
  fileprivate func copy(_ range: Range<Int>, of source: any ByteSource) -> Int {
    let chunkSize = 1 << 20
    var buffer = [UInt8](repeating: 0, count: min(chunkSize, range.count))
    var start: Int?
    var offset = range.lowerBound
    while offset < range.upperBound {
      let count = min(chunkSize, range.upperBound - offset)
      buffer.withUnsafeMutableBytes { raw in
        let chunk = UnsafeMutableRawBufferPointer(rebasing: raw[..<count])
        var span = MutableRawSpan(_unsafeBytes: chunk)
        let readable = source.read(at: offset, into: &span)
        if readable < count {
          UnsafeMutableRawBufferPointer(rebasing: chunk[readable...]).initializeMemory(as: UInt8.self, repeating: 0)
        }
        let at = append(UnsafeRawBufferPointer(chunk))!
        start = start ?? at
      }
      offset += count
    }
    return start!
  }
}

extension PieceTree {
  /// A tree of `pieces` in order, with treap priorities drawn from `priorities` (SplitMix64).
  init(pieces: [Piece], priorities: inout UInt64) {
    var tree = PieceTree()
    for piece in pieces {
      priorities &+= 0x9E37_79B9_7F4A_7C15
      tree = tree.joined(with: PieceTree(root: PieceNode(nil, piece, nil, priority: Self.scrambled(priorities))))
    }
    self = tree
  }
}
