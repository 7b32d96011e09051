// The selection: a range of document offsets between an anchor and the cursor. Nothing is
// read or allocated to select, so selecting all of a 1 TiB file costs the same as 1 byte.

extension Editor {
  /// The selected bytes as document offsets, or `nil` when nothing is selected. Both ends are
  /// included: the anchor's byte and the cursor's byte.
  public var selection: Range<Int>? {
    guard let selectionAnchor, contentCount > 0 else { return nil }
    let anchor = min(selectionAnchor, contentCount - 1)
    // At the append position the selection ends on the last byte.
    let cursor = min(viewport.cursor, contentCount - 1)
    return min(anchor, cursor)..<(max(anchor, cursor) + 1)
  }

  /// The bytes a command that works on "the selection" acts on: the selection, or the byte
  /// under the cursor when there is none (`nil` in an empty file).
  public var selectionOrCursorByte: Range<Int>? {
    if let selection { return selection }
    return viewport.cursor < contentCount ? viewport.cursor..<(viewport.cursor + 1) : nil
  }

  /// The command to run for `command`, with the selection updated for it: an extending
  /// movement starts a selection at the cursor (when there is none) and becomes its plain
  /// movement; a plain movement ends the selection unless the mark is set.
  func selectionFollowing(_ command: Command) -> Command {
    switch command {
    case .extendSelection(let movement):
      if selectionAnchor == nil, contentCount > 0 { selectionAnchor = min(viewport.cursor, contentCount - 1) }
      return movement
    default:
      if command.isCursorMovement { endSelectionUnlessMarked() }
      return command
    }
  }

  /// Clears the selection unless the mark is set (the cursor is about to move).
  func endSelectionUnlessMarked() {
    if !isMarkSet { selectionAnchor = nil }
  }

  /// Clears the selection and the mark.
  func clearSelection() {
    selectionAnchor = nil
    isMarkSet = false
  }

  /// Ctrl-Space: sets the mark at the cursor, or clears the selection when there is one.
  func toggleMark() {
    if selectionAnchor != nil {
      clearSelection()
      message = EditorMessage("selection cleared")
    } else if contentCount > 0 {
      selectionAnchor = viewport.cursor
      isMarkSet = true
      message = EditorMessage("mark set: movement keys select, Ctrl-Space or Esc clears")
    }
  }

  /// Ctrl-A: selects the whole file, with the cursor on its first byte.
  func selectAll() {
    guard contentCount > 0 else {
      message = EditorMessage("the file is empty: there is nothing to select")
      return
    }
    isMarkSet = false
    endTypingRun()
    viewport.moveCursor(to: 0)
    selectionAnchor = viewport.lastOffset
  }

  /// The bytes in `range` as the user sees them (pending edits applied), or `nil` with a
  /// message when some of them cannot be read.
  func shownBytes(in range: Range<Int>) -> [UInt8]? {
    let window = contentWindow(at: range.lowerBound, length: range.count)
    guard window.readableCount == range.count else {
      let offset = range.lowerBound + window.readableCount
      message = EditorMessage(
        "cannot read \(Self.hex(offset)): another process truncated the file, or it cannot be read", isError: true)
      return nil
    }
    return window.bytes
  }
}

extension Command {
  /// Whether the command only moves the cursor (and so moves one end of a selection).
  var isCursorMovement: Bool {
    switch self {
    case .moveLeft, .moveRight, .moveUp, .moveDown, .pageUp, .pageDown, .rowStart, .rowEnd, .fileStart, .fileEnd:
      true
    default:
      false
    }
  }
}
