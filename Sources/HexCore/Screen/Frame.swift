/// The size of the terminal in character cells.
public struct TerminalSize: Hashable, Sendable {
  /// Number of columns.
  public var columns: Int
  /// Number of rows.
  public var rows: Int

  /// Creates a size of `columns` × `rows` cells.
  public init(columns: Int, rows: Int) {
    self.columns = columns
    self.rows = rows
  }
}

/// What a piece of text on screen means; the terminal layer turns it into colours and attributes.
public enum Style: Hashable, Sendable {
  case plain
  case offset
  /// A byte shown in hex or text, coloured by its class.
  case byte(ByteClass)
  /// The cursor in the active pane.
  case cursor
  /// The cursor's position mirrored in the inactive pane.
  case cursorShadow
  /// A byte changed by a pending (unsaved) edit.
  case edited
  /// A byte inside the current search match.
  case match
  /// A selected byte.
  case selection
  /// A byte of the value highlighted in the data inspector (hex pane).
  case inspected
  /// A byte that differs from the other file's byte at the same offset (compare view).
  case difference
  case statusBar
  case message
  case error
  case prompt
  /// Text selected in a prompt (the text it opened with, which the next character replaces).
  case selectedText
  case help
}

/// A run of text drawn in one style.
public struct StyledRun: Hashable, Sendable {
  /// The text; one `Character` per terminal cell.
  public var text: String
  /// How the text is drawn.
  public var style: Style

  /// Creates a run of `text` drawn in `style`.
  public init(_ text: String, _ style: Style = .plain) {
    self.text = text
    self.style = style
  }
}

/// One screen line: runs drawn left to right from column 0.
public struct StyledLine: Hashable, Sendable {
  /// The runs, in order.
  public var runs: [StyledRun]

  /// Creates a line from `runs`.
  public init(_ runs: [StyledRun] = []) {
    self.runs = runs
  }

  /// The line's text without styles.
  public var text: String { runs.map(\.text).joined() }
}

/// A complete screen, ready to paint: the terminal layer draws `lines` from the
/// top row and clears everything else. Drawing never changes the model.
public struct Frame: Hashable, Sendable {
  /// Lines from the top of the screen; at most as many as the terminal has rows.
  public var lines: [StyledLine]
  /// Where to leave the terminal's hardware cursor (row, column), or `nil` to hide it.
  public var cursor: (row: Int, column: Int)? {
    get { cursorRow.map { ($0, cursorColumn) } }
    set {
      cursorRow = newValue?.row
      cursorColumn = newValue?.column ?? 0
    }
  }
  private var cursorRow: Int?
  private var cursorColumn = 0

  /// Creates a frame of `lines` with the hardware cursor hidden.
  public init(lines: [StyledLine] = []) {
    self.lines = lines
  }
}
