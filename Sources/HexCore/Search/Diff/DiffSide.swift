import MemMap

/// One of the two files a ``DiffScanner`` compares: its bytes and the pending edits to compare
/// instead of them where they apply.
public struct DiffSide: Sendable {
  /// The file's bytes (a ``SharedSearchSource`` over a map, bytes in memory, or a
  /// ``PieceTable`` holding a document whose bytes were inserted or deleted).
  public let source: any SearchSource & Sendable
  /// Unsaved changes seen instead of the source's bytes.
  public let overlay: (any SearchOverlay)?

  /// A side reading `source`, seen through `overlay`.
  public init(_ source: any SearchSource & Sendable, overlay: (any SearchOverlay)? = nil) {
    self.source = source
    self.overlay = overlay
  }

  /// A side reading the document `table` holds, every edit included.
  ///
  /// The table is copied (a free snapshot): editing it afterwards does not change what the side
  /// reads. A chunk inside one piece is compared without copying.
  public init(_ table: PieceTable) {
    self.init(table as any SearchSource & Sendable)
  }

  /// The number of bytes in the file.
  public var count: Int { source.count }

  /// The stretch that starts at `offset`, ending at `limit` at the latest: a hole where the bytes
  /// are known to be zeros without reading them (a hole of a sparse file that no pending edit
  /// touches, see ``MemMap/sparseStretch(at:)``), or bytes to read (all of them when unknown).
  func stretch(at offset: Int, limit: Int) -> MemMap.SparseStretch {
    let known: MemMap.SparseStretch? =
      switch source {
      case let map as SharedSearchSource: map.sparseStretch(at: offset)
      case let table as PieceTable: table.sparseStretch(at: offset)
      default: nil
      }
    guard let known else { return MemMap.SparseStretch(isHole: false, end: limit) }
    let end = min(known.end, limit)
    guard known.isHole, let overlay, let edit = overlay.editedRanges(in: offset..<end).first else {
      return MemMap.SparseStretch(isHole: known.isHole, end: end)
    }
    // A pending edit ends the hole; an edit at `offset` is bytes to read.
    return edit.lowerBound > offset
      ? MemMap.SparseStretch(isHole: true, end: edit.lowerBound)
      : MemMap.SparseStretch(isHole: false, end: min(edit.upperBound, limit))
  }
}
