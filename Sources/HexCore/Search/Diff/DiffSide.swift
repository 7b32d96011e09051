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
}
