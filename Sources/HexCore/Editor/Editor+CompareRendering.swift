// Drawing the compare view: the two files' blocks side by side when both get a full row,
// one above the other otherwise, each with its own status line, at the same offset.

extension Editor {
  /// Columns between the two blocks side by side.
  static let compareGap = 3
  /// The fewest bytes per row for which the blocks go side by side (unless `--width` asks for
  /// fewer).
  static let sideBySideBytesPerRow = 16

  /// The whole compare view for `size`.
  func renderComparison(size: TerminalSize) -> Frame {
    guard let files = comparedFiles else { return Frame() }
    let largest = max(files.first.document.count, files.second.document.count)
    let requested = configuration.bytesPerRow
    let halfWidth = (size.columns - Self.compareGap) / 2
    let sideBySide: Bool
    let layout: RowLayout
    if size.rows > Self.chromeRows,
      let half = RowLayout.fitting(width: halfWidth, fileSize: largest, requestedBytesPerRow: requested),
      half.bytesPerRow >= min(Self.sideBySideBytesPerRow, requested ?? Self.sideBySideBytesPerRow)
    {
      sideBySide = true
      layout = half
    } else if size.rows >= 2 * Self.chromeRows + 1,
      let full = RowLayout.fitting(width: size.columns, fileSize: largest, requestedBytesPerRow: requested)
    {
      sideBySide = false
      layout = full
    } else {
      return tooSmallFrame(size)
    }
    lastSize = size
    let dataRows = sideBySide ? size.rows - Self.chromeRows : (size.rows - Self.chromeRows - 1) / 2
    if viewport.bytesPerRow != layout.bytesPerRow || viewport.visibleRows != dataRows {
      viewport.resize(bytesPerRow: layout.bytesPerRow, visibleRows: dataRows)
    }

    let top = viewport.topOffset
    let span = dataRows * layout.bytesPerRow
    let firstWindow = Self.editedWindow(of: files.first, at: top, length: span)
    let secondWindow = Self.editedWindow(of: files.second, at: top, length: span)
    let differs: (Int) -> Bool = { offset in
      let index = offset - top
      return index >= firstWindow.bytes.count || index >= secondWindow.bytes.count
        || firstWindow.bytes[index] != secondWindow.bytes[index]
    }
    let activeIsFirst = comparison?.activeIsFirst ?? true
    let blocks = [(files.first, firstWindow, activeIsFirst), (files.second, secondWindow, !activeIsFirst)].map {
      file, window, isActive in
      let edits = file.session.edits
      let highlights = RowHighlights(
        cursor: isActive ? viewport.cursor : nil, activePane: activePane, match: file.match,
        selection: isActive ? selection : nil,
        isEdited: edits.hasChanges ? { edits.isEdited($0) } : nil, differs: differs)
      let rows = Self.blockRows(window, layout: layout, rows: dataRows, highlights: highlights, showsColor: configuration.showsColor)
      var status = StatusLine(
        displayName: file.document.displayName, count: file.document.count,
        cursor: min(viewport.cursor, max(file.document.count - 1, 0)), offsetDigits: layout.offsetDigits,
        isReadOnly: file.document.isReadOnly, modifiedByteCount: file.session.changedByteCount,
        truncatedCount: file.document.truncatedCount, isChangedOnDisk: file.document.isChangedOnDisk,
        pathChange: file.document.pathChange, selection: isActive ? selection : nil
      ).render(width: sideBySide ? halfWidth : size.columns)
      if !isActive { status = StyledLine(status.runs.map { StyledRun($0.text, .plain) }) }
      return (rows: rows, status: status)
    }

    var frame = Frame()
    let cursorRow = viewport.cursorRow - viewport.topRow
    let cursorColumn =
      activePane == .hex
      ? layout.hexColumn(ofByteAt: viewport.cursorColumn) + (isTypingLowNibble ? 1 : 0)
      : layout.textColumn(ofByteAt: viewport.cursorColumn)
    let showsCursor = document.count > 0
    if sideBySide {
      let gap = StyledRun(String(repeating: " ", count: Self.compareGap))
      for row in 0..<dataRows {
        frame.lines.append(Self.joined(blocks[0].rows[row], width: halfWidth, gap, blocks[1].rows[row]))
      }
      frame.lines.append(Self.joined(blocks[0].status, width: halfWidth, gap, blocks[1].status))
      if showsCursor {
        frame.cursor = (cursorRow, cursorColumn + (activeIsFirst ? 0 : halfWidth + Self.compareGap))
      }
    } else {
      frame.lines = blocks[0].rows + [blocks[0].status] + blocks[1].rows + [blocks[1].status]
      if showsCursor { frame.cursor = (cursorRow + (activeIsFirst ? 0 : dataRows + 1), cursorColumn) }
    }
    while frame.lines.count < size.rows - 1 { frame.lines.append(StyledLine()) }
    frame.lines.append(bottomLine(width: size.columns, frame: &frame, row: size.rows - 1))
    return frame
  }

  /// The bytes of `file` from `offset` (as many as it has, up to `length`) with its pending
  /// edits applied.
  private static func editedWindow(of file: ComparedFile, at offset: Int, length: Int) -> ByteWindow {
    var window = file.document.window(at: offset, length: min(length, max(file.document.count - offset, 0)))
    window.offset = offset
    file.session.edits.apply(to: &window.bytes, at: offset)
    return window
  }

  /// `rows` lines of `window`; rows past the file's end are blank.
  private static func blockRows(
    _ window: ByteWindow, layout: RowLayout, rows: Int, highlights: RowHighlights, showsColor: Bool
  ) -> [StyledLine] {
    let formatter = RowFormatter(layout: layout, showsColor: showsColor)
    let bytesPerRow = layout.bytesPerRow
    return (0..<rows).map { row in
      let start = row * bytesPerRow
      guard start < window.bytes.count else { return StyledLine() }
      let end = min(start + bytesPerRow, window.bytes.count)
      return formatter.format(
        rowOffset: window.offset + start, bytes: window.bytes[start..<end],
        readableCount: max(window.readableCount - start, 0), highlights: highlights)
    }
  }

  /// `left` padded to `width` cells, then `gap`, then `right`.
  private static func joined(_ left: StyledLine, width: Int, _ gap: StyledRun, _ right: StyledLine) -> StyledLine {
    let used = left.runs.reduce(0) { $0 + $1.text.count }
    var runs = left.runs
    if used < width { runs.append(StyledRun(String(repeating: " ", count: width - used))) }
    return StyledLine(runs + [gap] + right.runs)
  }
}
