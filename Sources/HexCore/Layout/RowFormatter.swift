/// Turns one row of bytes into a ``StyledLine`` laid out by a ``RowLayout``.
///
/// Cells are written as ASCII bytes from lookup tables into one buffer, styles are tracked as
/// small codes, and one `String` is made per styled run, so a full screen costs a few thousand
/// small (mostly inline) strings, never one per cell.
///
/// The space between two bytes takes the colour of a neighbour that is coloured only by its
/// class (so colour runs merge across gaps); the cursor, a match or an edit never spreads into
/// a neighbouring gap, except that a match or edit spans the gaps inside it.
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
    let cursorIndex = highlights.cursor.map { $0 &- rowOffset } ?? -1
    // The append position: an empty cell with the cursor, just after the row's last byte.
    let drawsAppendCell = highlights.showsAppendPosition && cursorIndex == count && count < layout.bytesPerRow
    let hexCursorCode = highlights.activePane == .hex ? StyleCode.cursor : StyleCode.cursorShadow
    let textCursorCode = highlights.activePane == .text ? StyleCode.cursor : StyleCode.cursorShadow
    let digits = HexTables.digits
    let textCells = HexTables.textCells
    let classCodes = HexTables.classCodes

    // Everything is built in stack buffers; the only heap allocations are the runs array and
    // run strings longer than 15 characters.
    return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(count, 1)) { codes in
      // Style codes before the cursor: gone, selection, match, edited, class.
      bytes.withUnsafeBufferPointer { input in
        for index in 0..<count {
          let offset = rowOffset &+ index
          var code: UInt8
          if index >= readable {
            code = StyleCode.error
          } else if let selection = highlights.selection, selection.contains(offset) {
            code = StyleCode.selection
          } else if let match = highlights.match, match.contains(offset) {
            code = StyleCode.match
          } else if let differs = highlights.differs, differs(offset) {
            code = StyleCode.difference
          } else if let isEdited = highlights.isEdited, isEdited(offset) {
            code = StyleCode.edited
          } else {
            code = showsColor ? classCodes[Int(input[index])] : StyleCode.plain
          }
          codes[index] = code
        }
      }
      var builder = RunBuilder(width: layout.width, runs: 4 * count + 12)
      return builder.build { builder in
        // Offset column.
        var value = UInt(bitPattern: rowOffset)
        var position = layout.offsetDigits
        builder.appendSpaces(position, code: StyleCode.offset)
        while position > 0 {
          position -= 1
          builder.set(digits[Int(value & 0xF)], at: position)
          value >>= 4
        }
        builder.appendSpaces(2, code: StyleCode.plain)

        bytes.withUnsafeBufferPointer { input in
          // Hex column.
          // The inspected value is marked in the hex column only, under the active cursor and the
          // selection, over the cursor's shadow.
          let inspectedStart = highlights.inspected.map { $0.lowerBound &- rowOffset } ?? 0
          let inspectedEnd = highlights.inspected.map { $0.upperBound &- rowOffset } ?? 0
          func hexCode(_ index: Int) -> UInt8 {
            if index == cursorIndex, hexCursorCode == StyleCode.cursor { return hexCursorCode }
            if index >= inspectedStart, index < inspectedEnd, codes[index] != StyleCode.selection {
              return StyleCode.inspected
            }
            return index == cursorIndex ? hexCursorCode : codes[index]
          }
          var code = count > 0 ? hexCode(0) : StyleCode.plain
          for index in 0..<count {
            if index >= readable {
              builder.append(UInt8(ascii: "_"), UInt8(ascii: "_"), code: code)
            } else {
              let byte = Int(input[index])
              builder.append(digits[byte >> 4], digits[byte & 0xF], code: code)
            }
            if index + 1 < count {
              let next = hexCode(index + 1)
              let gapCode: UInt8
              if code == next || StyleCode.isClass(code) {
                gapCode = code
              } else if StyleCode.isClass(next) {
                gapCode = next
              } else {
                gapCode = StyleCode.plain
              }
              builder.appendSpaces((index + 1) % RowLayout.groupSize == 0 ? 2 : 1, code: gapCode)
              code = next
            }
          }
          var hexEnd = count == 0 ? layout.hexColumn(ofByteAt: 0) : layout.hexColumn(ofByteAt: count - 1) + 2
          if drawsAppendCell {
            builder.appendSpaces(layout.hexColumn(ofByteAt: count) - hexEnd, code: StyleCode.plain)
            builder.appendSpaces(2, code: hexCursorCode)
            hexEnd = layout.hexColumn(ofByteAt: count) + 2
          }
          // Blank cells of a partial row, then the gap before the text column.
          builder.appendSpaces(layout.textStart - hexEnd, code: StyleCode.plain)

          // Text column.
          for index in 0..<count {
            let cell = index >= readable ? UInt8(ascii: " ") : textCells[Int(input[index])]
            builder.append(cell, code: index == cursorIndex ? textCursorCode : codes[index])
          }
          if drawsAppendCell { builder.appendSpaces(1, code: textCursorCode) }
        }
      }
    }
  }
}

/// Styles as small integers while a row is built; ``StyleCode/styles`` turns them back.
enum StyleCode {
  // 0...4 are the byte classes, in `ByteClass.allCases` order.
  static let plain: UInt8 = 5
  static let offset: UInt8 = 6
  static let cursor: UInt8 = 7
  static let cursorShadow: UInt8 = 8
  static let edited: UInt8 = 9
  static let match: UInt8 = 10
  static let error: UInt8 = 11
  static let selection: UInt8 = 12
  static let inspected: UInt8 = 13
  static let difference: UInt8 = 14

  /// Whether `code` is coloured by byte class only (or plain), so a gap may join its run.
  @inline(__always)
  static func isClass(_ code: UInt8) -> Bool { code <= plain }

  /// The style of each code.
  static let styles: [Style] =
    ByteClass.allCases.map { Style.byte($0) } + [.plain, .offset, .cursor, .cursorShadow, .edited, .match, .error, .selection, .inspected, .difference]
}

/// Collects ASCII cells and where each styled run ends, in stack buffers, then makes the
/// ``StyledLine`` with one `String` per run.
struct RunBuilder {
  private let width: Int
  private let runCapacity: Int

  init(width: Int, runs: Int) {
    self.width = width
    self.runCapacity = runs
  }

  /// Runs `body` with a writer over stack buffers and returns the finished line.
  mutating func build(_ body: (inout Writer) -> Void) -> StyledLine {
    let width = self.width
    let runCapacity = self.runCapacity
    return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: width) { cells in
      withUnsafeTemporaryAllocation(of: Int.self, capacity: runCapacity) { ends in
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: runCapacity) { runCodes in
          var writer = Writer(cells: cells, ends: ends, codes: runCodes)
          body(&writer)
          return writer.line()
        }
      }
    }
  }

  /// Appends cells and notes where the style changes.
  struct Writer {
    fileprivate let cells: UnsafeMutableBufferPointer<UInt8>
    fileprivate let ends: UnsafeMutableBufferPointer<Int>
    fileprivate let codes: UnsafeMutableBufferPointer<UInt8>
    private var cellCount = 0
    private var runCount = 0

    fileprivate init(
      cells: UnsafeMutableBufferPointer<UInt8>, ends: UnsafeMutableBufferPointer<Int>,
      codes: UnsafeMutableBufferPointer<UInt8>
    ) {
      self.cells = cells
      self.ends = ends
      self.codes = codes
    }

    @inline(__always)
    private mutating func use(_ code: UInt8) {
      if runCount > 0, codes[runCount - 1] == code {
        ends[runCount - 1] = cellCount
        return
      }
      codes[runCount] = code
      runCount += 1
    }

    @inline(__always)
    mutating func append(_ cell: UInt8, code: UInt8) {
      cells[cellCount] = cell
      cellCount += 1
      use(code)
      ends[runCount - 1] = cellCount
    }

    @inline(__always)
    mutating func append(_ first: UInt8, _ second: UInt8, code: UInt8) {
      cells[cellCount] = first
      cells[cellCount + 1] = second
      cellCount += 2
      use(code)
      ends[runCount - 1] = cellCount
    }

    mutating func appendSpaces(_ count: Int, code: UInt8) {
      guard count > 0 else { return }
      for index in 0..<count { cells[cellCount + index] = UInt8(ascii: " ") }
      cellCount += count
      use(code)
      ends[runCount - 1] = cellCount
    }

    /// Overwrites an already appended cell.
    mutating func set(_ cell: UInt8, at index: Int) {
      cells[index] = cell
    }

    fileprivate func line() -> StyledLine {
      let styles = StyleCode.styles
      let singleCells = HexTables.singleCellStrings
      var runs: [StyledRun] = []
      runs.reserveCapacity(runCount)
      var start = 0
      for index in 0..<runCount {
        let end = ends[index]
        let text: String
        if end - start == 1 {
          text = singleCells[Int(cells[start])]
        } else {
          let run = UnsafeBufferPointer(rebasing: cells[start..<end])
          text = String(unsafeUninitializedCapacity: run.count) { _ = $0.initialize(fromContentsOf: run); return run.count }
        }
        runs.append(StyledRun(text, styles[Int(codes[index])]))
        start = end
      }
      return StyledLine(runs)
    }
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
  /// A one-character string for each ASCII cell value (the cells are always ASCII).
  static let singleCellStrings: [String] = (0...255).map { String(UnicodeScalar(UInt8($0))) }
  /// The style code of each byte value's class.
  static let classCodes: [UInt8] = (0...255).map { byte in
    UInt8(ByteClass.allCases.firstIndex(of: ByteClass(UInt8(byte))) ?? 0)
  }
}
