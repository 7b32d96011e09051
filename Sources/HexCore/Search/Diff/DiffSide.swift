/// One of the two files a ``DiffScanner`` compares: its bytes and the pending edits to compare
/// instead of them where they apply.
public struct DiffSide: Sendable {
  /// The file's bytes (a ``SharedSearchSource`` over a map, or bytes in memory).
  public let source: any SearchSource & Sendable
  /// Unsaved changes seen instead of the source's bytes.
  public let overlay: (any SearchOverlay)?

  /// A side reading `source`, seen through `overlay`.
  public init(_ source: any SearchSource & Sendable, overlay: (any SearchOverlay)? = nil) {
    self.source = source
    self.overlay = overlay
  }

  /// The number of bytes in the file.
  public var count: Int { source.count }
}
