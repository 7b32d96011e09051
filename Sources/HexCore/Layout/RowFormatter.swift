/// Turns one row of bytes into a ``StyledLine`` laid out by a ``RowLayout``.
///
/// Cells are built as ASCII bytes from lookup tables and turned into one `String`
/// per styled run, so a full screen costs a few hundred small strings, not one per byte.
public struct RowFormatter: Sendable {
  /// Where the columns go.
  public let layout: RowLayout
  /// When `false`, byte classes are drawn ``Style/plain``; cursor, edits, matches stay distinct.
  public let showsColor: Bool

  /// Creates a formatter for `layout`.
  public init(layout: RowLayout, showsColor: Bool = true) {
    self.layout = layout
    self.showsColor = showsColor
  }

  /// Formats the row that starts at `rowOffset`.
  ///
  /// - Parameters:
  ///   - rowOffset: Offset of the row's first byte.
  ///   - bytes: The row's bytes, one per file position on the row (fewer than
  ///     ``RowLayout/bytesPerRow`` on the last row of the file).
  ///   - readableCount: How many of `bytes` could be read; the rest are past the end of a
  ///     file that shrank while open and are drawn as `__` in ``Style/error``.
  ///   - highlights: Cursor, match and edits to show.
  /// - Returns: The row; a partial row keeps the text column aligned and has no trailing blanks.
  public func format(
    rowOffset: Int,
    bytes: ArraySlice<UInt8>,
    readableCount: Int? = nil,
    highlights: RowHighlights = RowHighlights()
  ) -> StyledLine {
    let count = min(bytes.count, layout.bytesPerRow)
    let readable = min(readableCount ?? count, count)
    var builder = RunBuilder(capacity: layout.width)

    // Offset column.
    var digits = layout.offsetDigits
    var value = UInt(bitPattern: rowOffset)
    var offsetCells = [UInt8](repeating: UInt8(ascii: "0"), count: digits)
    while digits > 0 {
      digits -= 1
      offsetCells[digits] = HexTables.digits[Int(value & 0xF)]
      value >>= 4
    }
    builder.append(contentsOf: offsetCells, style: .offset)
    builder.append(UInt8(ascii: " "), count: 2, style: .plain)

    // Styles per byte, computed once for both panes.
    var hexStyles = [Style](repeating: .plain, count: count)
    var textStyles = [Style](repeating: .plain, count: count)
    let base = bytes.startIndex
    for index in 0..<count {
      let offset = rowOffset + index
      var style: Style
      if index >= readable {
        style = .error
      } else if let match = highlights.match, match.contains(offset) {
        style = .match
      } else if let isEdited = highlights.isEdited, isEdited(offset) {
        style = .edited
      } else if showsColor {
        style = HexTables.classStyles[Int(bytes[base + index])]
      } else {
        style = .plain
      }
      hexStyles[index] = style
      textStyles[index] = style
      if highlights.cursor == offset {
        hexStyles[index] = highlights.activePane == .hex ? .cursor : .cursorShadow
        textStyles[index] = highlights.activePane == .text ? .cursor : .cursorShadow
      }
    }

    // Hex column.
    for index in 0..<count {
      let style = hexStyles[index]
      if index >= readable {
        builder.append(UInt8(ascii: "_"), count: 2, style: style)
      } else {
        let byte = Int(bytes[base + index])
        builder.append(HexTables.digits[byte >> 4], style: style)
        builder.append(HexTables.digits[byte & 0xF], style: style)
      }
      if index + 1 < count {
        let separatorStyle = style == hexStyles[index + 1] ? style : .plain
        let width = (index + 1) % RowLayout.groupSize == 0 ? 2 : 1
        builder.append(UInt8(ascii: " "), count: width, style: separatorStyle)
      }
    }
    // Blank cells of a partial row, then the gap before the text column.
    let hexEnd = count == 0 ? layout.hexColumn(ofByteAt: 0) : layout.hexColumn(ofByteAt: count - 1) + 2
    builder.append(UInt8(ascii: " "), count: layout.textStart - hexEnd, style: .plain)

    // Text column.
    for index in 0..<count {
      let cell = index >= readable ? UInt8(ascii: " ") : HexTables.textCells[Int(bytes[base + index])]
      builder.append(cell, style: textStyles[index])
    }
    return builder.line()
  }
}

/// Collects ASCII cells and the style of each run, then makes the ``StyledLine``.
struct RunBuilder {
  private var cells: [UInt8]
  private var runEnds: [Int] = []
  private var runStyles: [Style] = []

  init(capacity: Int) {
    cells = []
    cells.reserveCapacity(capacity)
    runEnds.reserveCapacity(16)
    runStyles.reserveCapacity(16)
  }

  private mutating func openRun(_ style: Style) {
    if let last = runStyles.last, last == style {
      return
    }
    if !runStyles.isEmpty {
      runEnds.append(cells.count)
    }
    runStyles.append(style)
  }

  mutating func append(_ cell: UInt8, style: Style) {
    openRun(style)
    cells.append(cell)
  }

  mutating func append(_ cell: UInt8, count: Int, style: Style) {
    guard count > 0 else { return }
    openRun(style)
    for _ in 0..<count { cells.append(cell) }
  }

  mutating func append(contentsOf newCells: [UInt8], style: Style) {
    guard !newCells.isEmpty else { return }
    openRun(style)
    cells.append(contentsOf: newCells)
  }

  /// Appends ASCII `text`.
  mutating func append(_ text: String, style: Style) {
    guard !text.isEmpty else { return }
    openRun(style)
    cells.append(contentsOf: text.utf8)
  }

  func line() -> StyledLine {
    var runs: [StyledRun] = []
    runs.reserveCapacity(runStyles.count)
    var start = 0
    for (index, style) in runStyles.enumerated() {
      let end = index < runEnds.count ? runEnds[index] : cells.count
      runs.append(StyledRun(String(decoding: cells[start..<end], as: UTF8.self), style))
      start = end
    }
    return StyledLine(runs)
  }
}

/// Lookup tables shared by the row and dump formatters.
enum HexTables {
  /// Lowercase hex digits as ASCII.
  static let digits: [UInt8] = Array("0123456789abcdef".utf8)
  /// The text-column cell of each byte value: itself when printable ASCII or space, else `.`.
  static let textCells: [UInt8] = (0...255).map { byte in
    (0x20...0x7E).contains(byte) ? UInt8(byte) : UInt8(ascii: ".")
  }
  /// The class style of each byte value.
  static let classStyles: [Style] = (0...255).map { Style.byte(ByteClass(UInt8($0))) }
}
