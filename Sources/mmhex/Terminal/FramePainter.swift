import CNcurses
import HexCore

/// Draws a ``Frame`` onto the standard screen: clears it, draws the visible runs (clipped to the
/// screen), places or hides the hardware cursor, and lets ncurses send only what changed.
struct FramePainter {
  /// How styles look on this terminal.
  let palette: StylePalette

  /// Paints `frame` on a screen of `size`.
  func paint(_ frame: Frame, size: TerminalSize) {
    let window = cn_stdscr()
    werase(window)
    for (row, line) in frame.lines.prefix(size.rows).enumerated() {
      draw(line, row: row, columns: size.columns, window: window)
    }
    cn_set_attributes(cn_a_normal())
    if let cursor = frame.cursor, (0..<size.rows).contains(cursor.row),
      (0..<size.columns).contains(cursor.column)
    {
      wmove(window, Int32(cursor.row), Int32(cursor.column))
      curs_set(1)
    } else {
      curs_set(0)
    }
    wrefresh(window)
  }

  private func draw(_ line: StyledLine, row: Int, columns: Int, window: UnsafeMutablePointer<WINDOW>?) {
    var column = 0
    wmove(window, Int32(row), 0)
    for run in line.runs where column < columns {
      var text = Self.withoutControlCharacters(run.text)
      let (byteCount, cellCount) = Self.prefix(of: text, fitting: columns - column)
      guard byteCount > 0 else { continue }
      cn_set_attributes(palette.attributes(for: run.style))
      text.withUTF8 { bytes in
        bytes.withMemoryRebound(to: CChar.self) { characters in
          _ = waddnstr(window, characters.baseAddress, Int32(byteCount))
        }
      }
      column += cellCount
    }
  }

  /// `text` with C0 control characters and Delete drawn as `?`. The model shows the ones it
  /// knows of escaped (a newline in a file name as `\n`); this keeps any other from moving the
  /// terminal's cursor or being drawn by curses as two cells (`^[`).
  private static func withoutControlCharacters(_ text: String) -> String {
    guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) else { return text }
    var cleaned = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      cleaned.append(scalar.value < 0x20 || scalar.value == 0x7F ? "?" : scalar)
    }
    return String(cleaned)
  }

  /// The UTF-8 length and cell count of the longest prefix of `text` that fits in `cells`.
  private static func prefix(of text: String, fitting cells: Int) -> (bytes: Int, cells: Int) {
    let utf8 = text.utf8
    if utf8.count <= cells, utf8.allSatisfy({ $0 < 0x80 }) { return (utf8.count, utf8.count) }
    var bytes = 0
    var count = 0
    for character in text {
      guard count < cells else { break }
      bytes += character.utf8.count
      count += 1
    }
    return (bytes, count)
  }
}
