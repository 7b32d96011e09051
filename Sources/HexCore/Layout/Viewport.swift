/// Which rows of the file are on screen and where the cursor is.
///
/// All arithmetic saturates, so files up to `Int.max` bytes behave like small ones.
/// Invariants after every mutation: `0 <= cursor <= lastCursorOffset`, the cursor's row is
/// visible, and `0 <= topRow <= maximumTopRow`. An empty file has cursor 0 and no rows, unless
/// the cursor may rest at the append position (``allowsAppendPosition``), whose row then counts.
public struct Viewport: Hashable, Sendable {
  /// File size in bytes.
  public private(set) var count: Int
  /// Bytes on each row.
  public private(set) var bytesPerRow: Int
  /// Rows on screen (at least 1).
  public private(set) var visibleRows: Int
  /// Index of the first row on screen.
  public private(set) var topRow: Int
  /// Offset of the byte under the cursor (``count`` at the append position).
  public private(set) var cursor: Int
  /// Whether the cursor may rest one past the last byte (at ``count``), where inserted bytes
  /// are appended; the row that position starts counts as a row of the file.
  public private(set) var allowsAppendPosition = false

  /// Creates a viewport showing the cursor at `cursor` (clamped into the file).
  public init(count: Int, bytesPerRow: Int, visibleRows: Int, cursor: Int = 0) {
    self.count = max(count, 0)
    self.bytesPerRow = max(bytesPerRow, 1)
    self.visibleRows = max(visibleRows, 1)
    self.topRow = 0
    self.cursor = 0
    moveCursor(to: cursor)
  }

  /// Offset of the last byte (0 for an empty file).
  public var lastOffset: Int { max(count - 1, 0) }
  /// The furthest the cursor goes: the last byte, or the append position one past it.
  public var lastCursorOffset: Int { allowsAppendPosition ? count : lastOffset }
  /// Rows needed to show the whole file (0 for an empty file), and the append position.
  public var rowCount: Int {
    if allowsAppendPosition { return count / bytesPerRow + 1 }
    return count == 0 ? 0 : (count - 1) / bytesPerRow + 1
  }
  /// The largest top row: the last row of the file sits on the last screen row.
  public var maximumTopRow: Int { max(rowCount - visibleRows, 0) }
  /// Offset of the first byte on screen.
  public var topOffset: Int { topRow * bytesPerRow }
  /// The cursor's row in the file.
  public var cursorRow: Int { cursor / bytesPerRow }
  /// The cursor's position within its row.
  public var cursorColumn: Int { cursor % bytesPerRow }
  /// Rows on screen that hold bytes (fewer than ``visibleRows`` near the end of a small file).
  public var occupiedRows: Int { min(visibleRows, rowCount - topRow) }
  /// The byte range on screen.
  public var visibleRange: Range<Int> {
    let start = min(topOffset, count)
    let (span, overflow) = visibleRows.multipliedReportingOverflow(by: bytesPerRow)
    return start..<(start + min(overflow ? Int.max : span, count - start))
  }

  /// Lets the cursor rest at the append position, or not (then a cursor there moves onto the
  /// last byte).
  public mutating func setAllowsAppendPosition(_ allowed: Bool) {
    allowsAppendPosition = allowed
    topRow = clampTopRow(topRow)
    moveCursor(to: cursor)
  }

  /// Moves the cursor to `offset` (clamped into the file), scrolling as little as needed.
  public mutating func moveCursor(to offset: Int) {
    cursor = min(max(offset, 0), lastCursorOffset)
    scrollToCursor()
  }

  /// Moves the cursor to `offset` (clamped) for a jump such as go-to or a search hit: when the
  /// target is off screen, its row becomes the top row (as far as the end of the file allows),
  /// so what follows it is in view.
  public mutating func jump(to offset: Int) {
    let target = min(max(offset, 0), lastCursorOffset)
    let row = target / bytesPerRow
    if row < topRow || row >= topRow + visibleRows {
      topRow = clampTopRow(row)
    }
    moveCursor(to: target)
  }

  /// Moves the cursor by `delta` bytes, stopping at the first and last byte (or the append
  /// position).
  public mutating func moveCursor(by delta: Int) {
    let (target, overflow) = cursor.addingReportingOverflow(delta)
    moveCursor(to: overflow ? (delta < 0 ? 0 : Int.max) : target)
  }

  /// Moves the cursor `rows` rows down (negative: up), keeping its column where the file allows.
  public mutating func moveCursor(rows: Int) {
    let (delta, overflow) = rows.multipliedReportingOverflow(by: bytesPerRow)
    moveCursor(by: overflow ? (rows < 0 ? Int.min : Int.max) : delta)
  }

  /// Scrolls by whole screens (negative: up) and moves the cursor by as many rows,
  /// so it keeps its place on the screen.
  public mutating func page(_ screens: Int) {
    let (rows, overflow) = screens.multipliedReportingOverflow(by: visibleRows)
    let step = overflow ? (screens < 0 ? Int.min / 2 : Int.max / 2) : rows
    let screenRow = cursorRow - topRow
    topRow = clampTopRow(saturatingAdd(topRow, step))
    let targetRow = min(saturatingAdd(topRow, screenRow), max(rowCount - 1, 0))
    // At either end of the file the page cannot move further: move the cursor there instead.
    if step > 0, targetRow == cursorRow {
      moveCursor(to: lastCursorOffset)
    } else if step < 0, targetRow == cursorRow {
      moveCursor(to: 0)
    } else {
      moveCursor(to: targetRow * bytesPerRow + cursorColumn)
    }
  }

  /// Scrolls the view by `rows` (negative: up) without moving it past either end;
  /// the cursor is dragged along only as far as needed to stay on screen.
  public mutating func scroll(rows: Int) {
    topRow = clampTopRow(saturatingAdd(topRow, rows))
    let firstVisible = topRow
    let lastVisible = topRow + max(occupiedRows - 1, 0)
    if cursorRow < firstVisible {
      cursor = min(firstVisible * bytesPerRow + cursorColumn, lastCursorOffset)
    } else if cursorRow > lastVisible {
      cursor = min(lastVisible * bytesPerRow + cursorColumn, lastCursorOffset)
    }
  }

  /// Adapts to a new row width or screen height, keeping the cursor on the same byte
  /// and on screen, and the top of the view close to where it was.
  public mutating func resize(bytesPerRow newBytesPerRow: Int, visibleRows newVisibleRows: Int) {
    let oldTopOffset = topOffset
    bytesPerRow = max(newBytesPerRow, 1)
    visibleRows = max(newVisibleRows, 1)
    topRow = clampTopRow(oldTopOffset / bytesPerRow)
    scrollToCursor()
  }

  /// Adapts to a file that changed size (for example, truncated by another process).
  public mutating func updateCount(_ newCount: Int) {
    count = max(newCount, 0)
    topRow = clampTopRow(topRow)
    moveCursor(to: cursor)
  }

  private mutating func scrollToCursor() {
    let row = cursorRow
    if row < topRow {
      topRow = row
    } else if row >= topRow + visibleRows {
      topRow = row - visibleRows + 1
    }
    topRow = clampTopRow(topRow)
  }

  private func clampTopRow(_ row: Int) -> Int {
    min(max(row, 0), maximumTopRow)
  }

  private func saturatingAdd(_ a: Int, _ b: Int) -> Int {
    let (sum, overflow) = a.addingReportingOverflow(b)
    return overflow ? (b < 0 ? Int.min : Int.max) : sum
  }
}
