// Drawing: the whole frame for a terminal size, read from the editor's state.

extension Editor {
  /// The whole screen for `size`: file rows, status line, and the message or prompt line;
  /// the help screen replaces the rows while open; a terminal too small for one row gets
  /// a short note instead.
  public func render(size: TerminalSize) -> Frame {
    guard size.columns > 0, size.rows > 0 else { return Frame() }
    if comparison != nil, mode != .help { return renderComparison(size: size) }
    let area = fileArea(for: size)
    guard size.rows > Self.chromeRows,
      let layout = RowLayout.fitting(
        width: area.columns, fileSize: contentCount, requestedBytesPerRow: configuration.bytesPerRow)
    else {
      return tooSmallFrame(size)
    }
    lastSize = size
    let dataRows = area.rows
    if viewport.bytesPerRow != layout.bytesPerRow || viewport.visibleRows != dataRows {
      viewport.resize(bytesPerRow: layout.bytesPerRow, visibleRows: dataRows)
    }
    var frame = Frame()
    frame.lines.reserveCapacity(size.rows)
    if mode == .help {
      helpScroll = min(helpScroll, HelpScreen.maximumScroll(height: dataRows))
      frame.lines = HelpScreen.render(width: size.columns, height: dataRows, scroll: helpScroll)
    } else {
      frame.lines = fileRowsWhileSaving(layout: layout) { fileRows(layout: layout) }
      if contentCount > 0 || viewport.allowsAppendPosition, !isInspectorFocused {
        let row = viewport.cursorRow - viewport.topRow
        let column =
          activePane == .hex
          ? layout.hexColumn(ofByteAt: viewport.cursorColumn) + (isTypingLowNibble ? 1 : 0)
          : layout.textColumn(ofByteAt: viewport.cursorColumn)
        frame.cursor = (row, column)
      }
    }
    while frame.lines.count < dataRows { frame.lines.append(StyledLine()) }
    addInspector(to: &frame, size: size, rowWidth: layout.width)

    let status = StatusLine(
      displayName: document.displayName,
      count: contentCount,
      cursor: viewport.cursor,
      offsetDigits: layout.offsetDigits,
      isReadOnly: document.isReadOnly,
      changes: session.changeTally,
      truncatedCount: document.truncatedCount,
      isChangedOnDisk: document.isChangedOnDisk,
      pathChange: document.pathChange,
      selection: selection,
      isInserting: document.isReadOnly ? nil : isInserting)
    frame.lines.append(status.render(width: size.columns))
    frame.lines.append(bottomLine(width: size.columns, frame: &frame, row: size.rows - 1))
    return frame
  }

  /// The visible file rows.
  func fileRows(layout: RowLayout) -> [StyledLine] {
    let formatter = RowFormatter(layout: layout, showsColor: configuration.showsColor)
    let bytesPerRow = layout.bytesPerRow
    document.forgetReadFailure()
    let window = contentWindow(at: viewport.topOffset, length: viewport.visibleRange.count)
    var highlights = RowHighlights(
      cursor: viewport.cursor, activePane: activePane, match: match, selection: selection, inspected: inspectedRange,
      isEdited: editedByteTest)
    highlights.showsAppendPosition = viewport.allowsAppendPosition
    var lines: [StyledLine] = []
    lines.reserveCapacity(viewport.occupiedRows)
    var start = 0
    while start < window.bytes.count {
      let end = min(start + bytesPerRow, window.bytes.count)
      lines.append(
        formatter.format(
          rowOffset: window.offset + start,
          bytes: window.bytes[start..<end],
          readableCount: max(window.readableCount - start, 0),
          highlights: highlights))
      start = end
    }
    if let row = appendRowOffset, lines.count < viewport.visibleRows {
      lines.append(formatter.format(rowOffset: row, bytes: [], highlights: highlights))
    }
    return lines
  }

  /// The message or prompt line; places the hardware cursor while a prompt is open.
  func bottomLine(width: Int, frame: inout Frame, row: Int) -> StyledLine {
    if case .prompting = mode {
      let (line, column) = prompt.render(width: width)
      frame.cursor = (row, column)
      return line
    }
    if case .confirming = mode {
      let line = clipped(questionText, width: width, style: .prompt)
      frame.cursor = (row, min(questionText.escapingControlCharacters.count, max(width - 1, 0)))
      return line
    }
    if mode == .help {
      return clipped("Esc or q closes the help", width: width, style: .message)
    }
    if let progress = saveProgressText {
      return clipped(progress, width: width, style: .message)
    }
    if let message {
      return clipped(message.text, width: width, style: message.isError ? .error : .message)
    }
    if inspectorPlacement(for: lastSize ?? TerminalSize(columns: width, rows: 0)) == .tooSmall {
      return clipped(inspectorTooSmallNote, width: width, style: .error)
    }
    if let progress = exportProgressText ?? searchProgressText ?? differenceProgressText {
      return clipped(progress, width: width, style: .message)
    }
    if let note = pathChangeNote {
      return clipped(note, width: width, style: .error)
    }
    if let failure = document.readFailure {
      return clipped(
        "cannot read from \(Self.hex(failure)) on (I/O error, or no space for a sparse file's hole); not truncated",
        width: width, style: .error)
    }
    if let truncated = document.truncatedCount {
      return clipped(
        "the file was truncated to \(truncated) bytes by another process; bytes past it show as __",
        width: width, style: .error)
    }
    if document.isChangedOnDisk {
      return clipped(
        "another process changed the file since it was opened; Ctrl-S asks before saving over it",
        width: width, style: .error)
    }
    if contentCount == 0 {
      let note = viewport.allowsAppendPosition ? "empty file: type to add bytes" : "empty file: nothing to show"
      return clipped(note + "  F1 help  Ctrl-Q quit", width: width, style: .message)
    }
    return clipped(comparisonHints ?? Self.keyHints, width: width, style: .message)
  }

  /// The bottom line when there is nothing else to say.
  static let keyHints = "F1 help  Ctrl-G go to  Ctrl-F find  Tab pane  Ctrl-S save  Ctrl-Q quit"

  /// `text` (paths in it may hold control characters: shown escaped) cut to `width` cells.
  private func clipped(_ text: String, width: Int, style: Style) -> StyledLine {
    StyledLine([StyledRun(String(text.escapingControlCharacters.prefix(width)), style)])
  }

  func tooSmallFrame(_ size: TerminalSize) -> Frame {
    let needed = "\(RowLayout.minimumWidth(fileSize: contentCount))x\(Self.chromeRows + 1)"
    let notes = ["terminal too small: need at least \(needed)", "too small: need \(needed)", "too small", "small", "!"]
    let note = notes.first { $0.count <= size.columns } ?? ""
    return Frame(lines: [StyledLine([StyledRun(note, .error)])])
  }
}
