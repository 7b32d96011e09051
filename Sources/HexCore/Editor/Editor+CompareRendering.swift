// Drawing the compare view: the two files' blocks side by side when both get a full row,
// one above the other otherwise, each with its own status line, at the same offset; the data
// inspector (F2) of the active file beside them or below them.

extension Editor {
  /// Columns between the two blocks side by side.
  static let compareGap = 3
  /// The fewest bytes per row for which the blocks go side by side (unless `--width` asks for
  /// fewer).
  static let sideBySideBytesPerRow = 16

  /// How the two blocks share a screen area.
  struct CompareArrangement {
    /// Whether the blocks are side by side (else one above the other).
    var sideBySide: Bool
    /// The rows of each block.
    var layout: RowLayout
    /// File rows per block.
    var dataRows: Int
    /// Columns of each block's status line, and of the left block (side by side), padded so
    /// the right one starts aligned.
    var halfWidth: Int

    /// The columns the blocks and their status lines take.
    var width: Int { sideBySide ? 2 * halfWidth + Editor.compareGap : halfWidth }
  }

  /// The arrangement of the blocks on `columns` by `rows` cells (the bottom line included in
  /// `rows`), or `nil` when not even one row of each fits.
  func compareArrangement(columns: Int, rows: Int) -> CompareArrangement? {
    guard let files = comparedFiles else { return nil }
    let largest = max(files.first.count, files.second.count)
    let requested = configuration.bytesPerRow
    let halfWidth = (columns - Self.compareGap) / 2
    if rows > Self.chromeRows,
      let half = RowLayout.fitting(width: halfWidth, fileSize: largest, requestedBytesPerRow: requested),
      half.bytesPerRow >= min(Self.sideBySideBytesPerRow, requested ?? Self.sideBySideBytesPerRow)
    {
      return CompareArrangement(sideBySide: true, layout: half, dataRows: rows - Self.chromeRows, halfWidth: halfWidth)
    }
    if rows >= 2 * Self.chromeRows + 1,
      let full = RowLayout.fitting(width: columns, fileSize: largest, requestedBytesPerRow: requested)
    {
      return CompareArrangement(
        sideBySide: false, layout: full, dataRows: (rows - Self.chromeRows - 1) / 2, halfWidth: columns)
    }
    return nil
  }

  /// Where the inspector goes in the compare view: beside the blocks when they keep at least 8
  /// bytes per row there and the whole inspector fits above the bottom line, else below them
  /// when they keep a row each.
  func comparisonInspectorPlacement(for size: TerminalSize) -> InspectorPlacement {
    let besideColumns = size.columns - Self.inspectorWidth - 1
    if size.rows - 1 >= Self.inspectorHeight,
      let beside = compareArrangement(columns: besideColumns, rows: size.rows),
      beside.layout.bytesPerRow >= min(configuration.bytesPerRow ?? 8, 8)
    {
      return .beside
    }
    if size.columns >= Self.inspectorWidth,
      compareArrangement(columns: size.columns, rows: size.rows - Self.inspectorHeight) != nil
    {
      return .below
    }
    return .tooSmall
  }

  /// The smallest screen that holds the inspector below both blocks, stacked.
  var comparisonInspectorMinimumSize: TerminalSize {
    let largest = comparedFiles.map { max($0.first.count, $0.second.count) } ?? contentCount
    return TerminalSize(
      columns: max(Self.inspectorWidth, RowLayout.minimumWidth(fileSize: largest)),
      rows: Self.inspectorHeight + 2 * Self.chromeRows + 1)
  }

  /// The whole compare view for `size`.
  func renderComparison(size: TerminalSize) -> Frame {
    guard let files = comparedFiles else { return Frame() }
    let placement = inspectorPlacement(for: size)
    var area = size
    if placement == .beside { area.columns -= Self.inspectorWidth + 1 }
    if placement == .below { area.rows -= Self.inspectorHeight }
    guard var arrangement = compareArrangement(columns: area.columns, rows: area.rows) else {
      return tooSmallFrame(size)
    }
    // Stacked blocks beside the inspector keep it next to their rows.
    if placement == .beside, !arrangement.sideBySide { arrangement.halfWidth = arrangement.layout.width }
    lastSize = size
    let (sideBySide, layout, dataRows, halfWidth) =
      (arrangement.sideBySide, arrangement.layout, arrangement.dataRows, arrangement.halfWidth)
    if viewport.bytesPerRow != layout.bytesPerRow || viewport.visibleRows != dataRows {
      viewport.resize(bytesPerRow: layout.bytesPerRow, visibleRows: dataRows)
    }

    let top = viewport.topOffset
    let span = dataRows * layout.bytesPerRow
    let firstWindow = files.first.window(at: top, length: span)
    let secondWindow = files.second.window(at: top, length: span)
    let differs: (Int) -> Bool = { offset in
      let index = offset - top
      return index >= firstWindow.bytes.count || index >= secondWindow.bytes.count
        || firstWindow.bytes[index] != secondWindow.bytes[index]
    }
    let activeIsFirst = comparison?.activeIsFirst ?? true
    let inspected = inspectedRange
    let blocks = [(files.first, firstWindow, activeIsFirst), (files.second, secondWindow, !activeIsFirst)].map {
      file, window, isActive in
      let highlights = RowHighlights(
        cursor: isActive ? viewport.cursor : nil, activePane: activePane, match: file.match,
        selection: isActive ? selection : nil, inspected: isActive ? inspected : nil,
        isEdited: file.session.editedByteTest, differs: differs)
      let rows = Self.blockRows(window, layout: layout, rows: dataRows, highlights: highlights, showsColor: configuration.showsColor)
      var status = StatusLine(
        displayName: file.document.displayName, count: file.count,
        cursor: min(viewport.cursor, max(file.count - 1, 0)), offsetDigits: layout.offsetDigits,
        isReadOnly: file.document.isReadOnly, changes: file.session.changeTally,
        truncatedCount: file.document.truncatedCount, isChangedOnDisk: file.document.isChangedOnDisk,
        pathChange: file.document.pathChange, selection: isActive ? selection : nil,
        isInserting: isActive && !file.document.isReadOnly ? isInserting : nil
      ).render(width: halfWidth)
      if !isActive { status = StyledLine(status.runs.map { StyledRun($0.text, .plain) }) }
      return (rows: rows, status: status)
    }

    var frame = Frame()
    let cursorRow = viewport.cursorRow - viewport.topRow
    let cursorColumn =
      activePane == .hex
      ? layout.hexColumn(ofByteAt: viewport.cursorColumn) + (isTypingLowNibble ? 1 : 0)
      : layout.textColumn(ofByteAt: viewport.cursorColumn)
    let showsCursor = contentCount > 0 && !isInspectorFocused
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
    while frame.lines.count < area.rows - 1 { frame.lines.append(StyledLine()) }
    addInspector(to: &frame, size: size, rowWidth: arrangement.width)
    while frame.lines.count < size.rows - 1 { frame.lines.append(StyledLine()) }
    frame.lines.append(bottomLine(width: size.columns, frame: &frame, row: size.rows - 1))
    return frame
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
