/// How an ``Editor`` starts and draws.
public struct EditorConfiguration: Sendable {
  /// Bytes per row; `nil` picks the most that fit the terminal: a multiple of 8, or 4, 2 or 1 on
  /// terminals too narrow for 8 (see ``RowLayout/fitting(width:fileSize:requestedBytesPerRow:)``).
  public var bytesPerRow: Int?
  /// Where the cursor starts (clamped into the file).
  public var startOffset: Int
  /// When `false`, byte styles collapse to ``Style/plain`` (cursor, edits and matches stay distinct).
  public var showsColor: Bool

  /// Creates a configuration.
  public init(bytesPerRow: Int? = nil, startOffset: Int = 0, showsColor: Bool = true) {
    self.bytesPerRow = bytesPerRow
    self.startOffset = startOffset
    self.showsColor = showsColor
  }
}
