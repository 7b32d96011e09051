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
  /// are known to be zeros without reading them (holes of a sparse file and fills of zeros that no
  /// pending edit touches, see ``SearchSource/firstDataRange(in:)``), or bytes to read.
  func stretch(at offset: Int, limit: Int) -> (isHole: Bool, end: Int) {
    let end = min(limit, source.count)
    guard offset < end else { return (false, limit) }
    guard let data = source.firstDataRange(in: offset..<end) else { return holeUpToEdit(from: offset, to: end) }
    guard data.lowerBound == offset else { return holeUpToEdit(from: offset, to: data.lowerBound) }
    return (false, data.upperBound)
  }

  /// A hole from `offset` to `end`, or shorter: a pending edit ends it (an edit at `offset` is
  /// bytes to read).
  private func holeUpToEdit(from offset: Int, to end: Int) -> (isHole: Bool, end: Int) {
    guard let overlay, let edit = overlay.editedRanges(in: offset..<end).first else { return (true, end) }
    return edit.lowerBound > offset ? (true, edit.lowerBound) : (false, edit.upperBound)
  }
}
