/// What to highlight on the rows being formatted, beyond each byte's class.
///
/// Priority, highest first: cursor (``Style/cursor`` in the active pane,
/// ``Style/cursorShadow`` in the other), bytes lost to truncation (``Style/error``),
/// selection (``Style/selection``), the inspected value (``Style/inspected``, hex pane only),
/// search match (``Style/match``), difference from the compared file (``Style/difference``),
/// pending edit (``Style/edited``), byte class.
public struct RowHighlights {
  /// The cursor's offset, or `nil` for none.
  public var cursor: Int?
  /// The pane the cursor is active in; the other pane shows its shadow.
  public var activePane: Pane
  /// Offsets of the current search match.
  public var match: Range<Int>?
  /// Offsets of the selection.
  public var selection: Range<Int>?
  /// Offsets of the value highlighted in the data inspector.
  public var inspected: Range<Int>?
  /// Tells whether the byte at an offset carries a pending edit; `nil` when nothing is edited.
  public var isEdited: ((Int) -> Bool)?
  /// Tells whether the byte at an offset differs from the compared file's; `nil` outside the
  /// compare view.
  public var differs: ((Int) -> Bool)?
  /// Whether a cursor just past a row's last byte (the append position at the end of the
  /// document) is drawn, as an empty cell.
  public var showsAppendPosition = false

  /// Creates highlights; by default nothing is highlighted.
  public init(
    cursor: Int? = nil,
    activePane: Pane = .hex,
    match: Range<Int>? = nil,
    selection: Range<Int>? = nil,
    inspected: Range<Int>? = nil,
    isEdited: ((Int) -> Bool)? = nil,
    differs: ((Int) -> Bool)? = nil
  ) {
    self.inspected = inspected
    self.selection = selection
    self.differs = differs
    self.cursor = cursor
    self.activePane = activePane
    self.match = match
    self.isEdited = isEdited
  }
}
