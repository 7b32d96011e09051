// The data inspector (F2): the bytes at the cursor (or at the selection's start) read as every
// common type, in both byte orders, beside the rows or below them; Tab reaches it, Up/Down and
// Left/Right choose a value, Enter writes a new one.

extension Editor {
  /// Columns the inspector takes: the type's name, then the little- and big-endian values.
  static let inspectorNameWidth = 8
  static let inspectorValueWidth = 25
  static let inspectorWidth = inspectorNameWidth + 2 * inspectorValueWidth
  /// Rows the inspector takes: a heading and one row per field.
  static let inspectorHeight = 1 + InspectorField.allCases.count

  /// Where the inspector goes on a screen of a given size.
  enum InspectorPlacement: Equatable {
    /// Not shown.
    case closed
    /// To the right of the file rows.
    case beside
    /// Under the file rows.
    case below
    /// Open, but the terminal has no room for it.
    case tooSmall
  }

  /// The offset the inspector reads from: the selection's start, else the cursor.
  public var inspectedOffset: Int { selection?.lowerBound ?? viewport.cursor }

  /// The field the highlighted inspector row shows.
  public var inspectedField: InspectorField { InspectorField.allCases[inspectorRow] }

  /// The bytes the highlighted inspector value covers, marked in the hex pane.
  var inspectedRange: Range<Int>? {
    guard isInspectorOpen, contentCount > 0,
      let width = inspectedField.width(of: inspectedBytes())
    else { return nil }
    return inspectedOffset..<(inspectedOffset + width)
  }

  /// F2: shows or hides the inspector.
  func toggleInspector() {
    isInspectorOpen.toggle()
    if !isInspectorOpen, isInspectorFocused {
      isInspectorFocused = false
      activePane = .hex
    }
  }

  /// Tab: hex pane → text pane → inspector (while it is open) → hex pane.
  func cyclePanes() {
    if isInspectorFocused {
      isInspectorFocused = false
      activePane = .hex
    } else if isInspectorOpen, activePane == .text {
      isInspectorFocused = true
    } else {
      activePane = activePane.other
    }
  }

  /// Keys while the inspector has the focus; returns `false` for keys it leaves to the key table.
  func handleInspectorKey(_ key: Key) -> Bool {
    switch key {
    case .up: inspectorRow = max(inspectorRow - 1, 0)
    case .down: inspectorRow = min(inspectorRow + 1, InspectorField.allCases.count - 1)
    case .left: inspectsBigEndian = false
    case .right: inspectsBigEndian = inspectedField.hasByteOrder
    case .enter: openInspectorPrompt()
    case .character, .paste:
      message = EditorMessage("the inspector has the focus: Enter edits the highlighted value, Tab goes to the hex pane", isError: true)
    default: return false
    }
    if !inspectedField.hasByteOrder { inspectsBigEndian = false }
    return true
  }

  /// The prompt for a new value of the highlighted field: `uint32 LE at 0x1000: `.
  var inspectorPromptLabel: String {
    let order = inspectedField.hasByteOrder ? (inspectsBigEndian ? " BE" : " LE") : ""
    return "\(inspectedField.name)\(order) at \(Self.hex(inspectedOffset)): "
  }

  private func openInspectorPrompt() {
    guard editableByteUnderCursor() != nil else { return }
    prompt = Prompt(label: inspectorPromptLabel)
    mode = .prompting(.inspectorValue)
  }

  /// Enter in the value prompt: writes the value's bytes at the inspected offset as one undo
  /// step, or keeps the prompt open with the reason.
  func submitInspectorValue(_ text: String) {
    let bytes: [UInt8]
    do {
      bytes = try inspectedField.bytes(for: text, bigEndian: inspectsBigEndian)
    } catch {
      prompt.error = error.description + "; nothing was written"
      return
    }
    let offset = inspectedOffset
    let room = contentCount - offset
    guard bytes.count <= room else {
      prompt.error = "\(Self.byteCount(bytes.count)) do not fit: only \(room) before the end of the file; nothing was written"
      return
    }
    let what = inspectorPromptLabel.dropLast(2)  // "uint32 LE at 0x1000"
    mode = .browsing
    // The bytes go at the inspected offset (the selection's start); the cursor stays where it was.
    let cursor = viewport.cursor
    viewport.moveCursor(to: offset)
    let written = overwriteAtCursor(with: bytes)
    viewport.moveCursor(to: cursor)
    guard written else { return }
    message = EditorMessage(
      "wrote \(what) = \(text.trimmingSpaces) (\(Self.byteCount(bytes.count)); Ctrl-Z takes it back)")
  }

  /// Up to ``InspectorField/maximumWidth`` bytes at the inspected offset as shown (edits
  /// applied); fewer where the file ends (or cannot be read).
  func inspectedBytes() -> [UInt8] {
    let offset = inspectedOffset
    let count = min(InspectorField.maximumWidth, contentCount - offset)
    guard count > 0 else { return [] }
    let window = contentWindow(at: offset, length: count)
    return Array(window.bytes.prefix(window.readableCount))
  }

  /// Where the inspector goes on a screen of `size`, given the smallest row layout the file rows
  /// need beside it.
  func inspectorPlacement(for size: TerminalSize) -> InspectorPlacement {
    guard isInspectorOpen, mode != .help else { return .closed }
    if comparison != nil { return comparisonInspectorPlacement(for: size) }
    let besideWidth = size.columns - Self.inspectorWidth - 1
    if besideWidth > 0,
      let layout = RowLayout.fitting(width: besideWidth, fileSize: contentCount, requestedBytesPerRow: configuration.bytesPerRow),
      layout.bytesPerRow >= min(configuration.bytesPerRow ?? 8, 8)
    {
      return .beside
    }
    if size.rows - Self.chromeRows - Self.inspectorHeight >= 1, size.columns >= Self.inspectorWidth {
      return .below
    }
    return .tooSmall
  }

  /// The screen area the file rows get once the inspector has its place.
  func fileArea(for size: TerminalSize) -> TerminalSize {
    switch inspectorPlacement(for: size) {
    case .beside: TerminalSize(columns: size.columns - Self.inspectorWidth - 1, rows: size.rows - Self.chromeRows)
    case .below: TerminalSize(columns: size.columns, rows: size.rows - Self.chromeRows - Self.inspectorHeight)
    case .closed, .tooSmall: TerminalSize(columns: size.columns, rows: size.rows - Self.chromeRows)
    }
  }

  /// Adds the inspector to the file rows of `frame` (beside them, each row padded to
  /// `rowWidth`, or below them).
  func addInspector(to frame: inout Frame, size: TerminalSize, rowWidth: Int) {
    let placement = inspectorPlacement(for: size)
    guard placement == .beside || placement == .below else { return }
    let panel = inspectorLines()
    if placement == .below {
      frame.lines += panel
      return
    }
    for (index, line) in panel.enumerated() where index < frame.lines.count {
      let used = frame.lines[index].text.count
      frame.lines[index].runs.append(StyledRun(String(repeating: " ", count: max(rowWidth - used, 0) + 1)))
      frame.lines[index].runs += line.runs
    }
  }

  /// The note for a terminal with no room for the open inspector.
  var inspectorTooSmallNote: String {
    let needed =
      comparison != nil
      ? comparisonInspectorMinimumSize
      : TerminalSize(columns: Self.inspectorWidth, rows: Self.inspectorHeight + Self.chromeRows + 1)
    return "too small for the inspector: it needs \(needed.columns) columns and \(needed.rows) rows; F2 hides it"
  }

  /// The heading and one line per field.
  private func inspectorLines() -> [StyledLine] {
    let bytes = contentCount > 0 ? inspectedBytes() : []
    let heading = Self.padded("", Self.inspectorNameWidth) + Self.padded("little endian", Self.inspectorValueWidth)
      + "big endian"
    var lines = [StyledLine([StyledRun(heading, .help)])]
    for (index, field) in InspectorField.allCases.enumerated() {
      let little = contentCount > 0 ? field.value(of: bytes, bigEndian: false) : "-"
      let big = field.hasByteOrder ? (contentCount > 0 ? field.value(of: bytes, bigEndian: true) : "-") : ""
      let isRow = index == inspectorRow
      let chosen: Style = isInspectorFocused ? .cursor : .cursorShadow
      lines.append(
        StyledLine([
          StyledRun(Self.padded(field.name, Self.inspectorNameWidth), .offset),
          StyledRun(Self.padded(little, Self.inspectorValueWidth - 1), isRow && !inspectsBigEndian ? chosen : .plain),
          StyledRun(" "),
          StyledRun(Self.padded(big, Self.inspectorValueWidth - 1), isRow && inspectsBigEndian ? chosen : .plain),
        ]))
    }
    return lines
  }

  private static func padded(_ text: String, _ width: Int) -> String {
    let cut = String(text.prefix(width))
    return cut + String(repeating: " ", count: width - cut.count)
  }
}
