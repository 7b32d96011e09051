/// How an ``Editor`` starts and draws.
public struct EditorConfiguration: Sendable {
  /// Bytes per row; `nil` picks the most that fit the terminal: a multiple of 8, or 4, 2 or 1 on
  /// terminals too narrow for 8 (see ``RowLayout/fitting(width:fileSize:requestedBytesPerRow:)``).
  public var bytesPerRow: Int?
  /// Where the cursor starts (clamped into the file).
  public var startOffset: Int
  /// When `false`, byte styles collapse to ``Style/plain`` (cursor, edits and matches stay distinct).
  public var showsColor: Bool

  /// The user's home directory, which `~` and `~/…` stand for in a path typed to save as;
  /// `nil` leaves `~` as typed.
  public var homeDirectory: String?
  /// This process's ID, written into the marker that tells other mmhex processes this one has
  /// unsaved edits (``UnsavedEditsMarker``); `nil` writes no marker.
  public var processID: Int?
  /// How file times are shown in messages (local time, or UTC).
  public var timeFormat: TimestampFormat

  /// Creates a configuration.
  public init(
    bytesPerRow: Int? = nil, startOffset: Int = 0, showsColor: Bool = true, homeDirectory: String? = nil,
    processID: Int? = nil, timeFormat: TimestampFormat = .utc
  ) {
    self.bytesPerRow = bytesPerRow
    self.startOffset = startOffset
    self.showsColor = showsColor
    self.homeDirectory = homeDirectory
    self.processID = processID
    self.timeFormat = timeFormat
  }
}
