extension PieceTable {
  /// What a save of the document over its source file has to write, which decides its path.
  ///
  /// - In place (``firstMovedOffset`` is `nil`): no byte moved and the size is unchanged, so
  ///   writing ``inPlaceRanges`` through the writable mapping is the whole save (today's
  ///   journaled save of overwrites).
  /// - Rewrite the tail: the ranges before ``firstMovedOffset`` are still written in place, and
  ///   every byte from ``firstMovedOffset`` to the new end is rewritten (``chunks(in:chunkSize:)``
  ///   of `firstMovedOffset..<count`), then the file's size is set to ``count``. The tail is read
  ///   from pieces that point into the file itself, so it must be copied out (to the journal)
  ///   before the file is written.
  public struct SaveLayout: Hashable, Sendable {
    /// The offset from which the document no longer lines up with the file: where the first
    /// byte of the file that moved now is, or the start of the edited run just before it (bytes
    /// appended at the end count as such a run), or the new end when the file was only cut
    /// short. From here to the end everything is rewritten. `nil` when nothing moved and the
    /// size is the same.
    public let firstMovedOffset: Int?
    /// The edited ranges before ``firstMovedOffset`` (all of them when it is `nil`), ascending:
    /// their offsets are the same in the file and in the document.
    public let inPlaceRanges: [Range<Int>]
    /// The size of the document, which the file will have.
    public let count: Int

    /// Whether the save only overwrites bytes in place.
    public var isInPlace: Bool { firstMovedOffset == nil }

    /// Whether the document differs from the file at all.
    public var hasChanges: Bool { firstMovedOffset != nil || !inPlaceRanges.isEmpty }

    /// Every range a save writes into the file, ascending: the in-place ranges, then everything
    /// from ``firstMovedOffset`` to the end.
    public var rewrittenRanges: [Range<Int>] {
      guard let firstMovedOffset, firstMovedOffset < count else { return inPlaceRanges }
      return inPlaceRanges + [firstMovedOffset..<count]
    }

    /// How many bytes a save writes into the file.
    public var rewrittenByteCount: Int { rewrittenRanges.reduce(0) { $0 + $1.count } }
  }

  /// Whether every byte of the source that the document still shows sits at its own offset and
  /// the size is unchanged: a save of the document only overwrites. O(1).
  public var isInPlace: Bool {
    guard count == source.count else { return false }
    switch tree.shift {
    case .none, .uniform(delta: 0): return true
    case .uniform, .mixed: return false
    }
  }

  /// Whether the document differs from its source at all (an edited byte, or a byte moved). O(1).
  public var hasChanges: Bool { !isInPlace || tree.editedLength > 0 }

  /// The number of bytes that are not the source's: inserted, overwritten or filled. O(1).
  public var editedByteCount: Int { tree.editedLength }

  /// The layout a save of this document over its source needs (see ``SaveLayout``).
  ///
  /// Walks the pieces up to the first one that moved: O(pieces before it).
  public var saveLayout: SaveLayout {
    var inPlace: [Range<Int>] = []
    // The start of the edited pieces seen since the last source piece that sat in its place.
    var editedSince: Int?
    var firstMoved: Int?
    tree.forEachPiece { start, piece in
      guard case .original(let sourceOffset) = piece.content else {
        editedSince = editedSince ?? start
        return true
      }
      guard sourceOffset == start else {
        // Edited pieces just before the first moved one are rewritten with it.
        firstMoved = editedSince ?? start
        return false
      }
      if let editedStart = editedSince {
        inPlace.append(editedStart..<start)
        editedSince = nil
      }
      return true
    }
    if firstMoved == nil, let editedStart = editedSince {
      // Edited pieces at the end: in place only if they end where the file ends.
      if count == source.count {
        inPlace.append(editedStart..<count)
      } else {
        firstMoved = editedStart
      }
    } else if firstMoved == nil, count != source.count {
      // Only a cut at the end: nothing to write past the new end, just the size to set.
      firstMoved = count
    }
    return SaveLayout(firstMovedOffset: firstMoved, inPlaceRanges: inPlace, count: count)
  }
}
