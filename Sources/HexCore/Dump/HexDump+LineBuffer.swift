extension HexDump {
  /// Formats rows the way `xxd` builds them: a line of spaces, each byte's two hex digits and then
  /// its text cell written at their columns, in byte order. Used for layouts the fast path does not
  /// cover (group sizes other than 2, little-endian groups). Writing in `xxd`'s order keeps its
  /// output exact even where its columns collide (`-e` with a row width that is not a multiple of
  /// the group size draws hex digits over the text column).
  func appendLineBuffered(_ bytes: UnsafeRawBufferPointer, offset: Int, to output: inout [UInt8]) {
    let hex = digitTable
    let lineCapacity = textStart(offsetDigits: 16) + 3 * columns + 2 * groupSize + 2
    var line = [UInt8](repeating: UInt8(ascii: " "), count: lineCapacity)
    // The class of each cell (+1; 0 for none), for colour.
    var classes = [UInt8](repeating: 0, count: usesColor ? lineCapacity : 0)
    var rowStart = 0
    while rowStart < bytes.count {
      let rowCount = min(columns, bytes.count - rowStart)
      let rowOffset = offset &+ rowStart
      let digits = Self.offsetDigits(rowOffset)
      for index in line.indices { line[index] = UInt8(ascii: " ") }
      for index in classes.indices { classes[index] = 0 }
      line.withUnsafeMutableBufferPointer { buffer in
        HexTables.digits.withUnsafeBufferPointer { offsetHex in
          _ = Self.writeOffset(rowOffset, to: buffer.baseAddress!, hex: offsetHex.baseAddress!)
        }
      }
      let textColumn = textStart(offsetDigits: digits)
      for index in 0..<rowCount {
        let byte = bytes[rowStart + index]
        let column = hexColumn(ofByte: index, offsetDigits: digits)
        line[column] = hex[Int(byte >> 4)]
        line[column + 1] = hex[Int(byte & 0xF)]
        line[textColumn + index] = HexTables.textCells[Int(byte)]
        if usesColor {
          let code = HexTables.colorCodes[Int(byte)]
          classes[column] = code
          classes[column + 1] = code
          classes[textColumn + index] = code
        }
      }
      let end = textColumn + rowCount
      if usesColor {
        appendColored(line: line[0..<end], classes: classes, textColumn: textColumn, to: &output)
      } else {
        output.append(contentsOf: line[0..<end])
      }
      output.append(UInt8(ascii: "\n"))
      rowStart += rowCount
    }
  }

  /// Appends a built line with a colour switch wherever a cell's class changes; spaces keep the
  /// colour in effect, and the colour is reset before the text column and at the end.
  private func appendColored(line: ArraySlice<UInt8>, classes: [UInt8], textColumn: Int, to output: inout [UInt8]) {
    var current: UInt8 = 0
    for column in line.indices {
      if column == textColumn, current != 0 {
        output.append(contentsOf: ANSIColor.reset)
        current = 0
      }
      let code = classes[column]
      if code != 0, code != current {
        output.append(contentsOf: [0x1B, UInt8(ascii: "["), UInt8(ascii: "0") + code / 10, UInt8(ascii: "0") + code % 10, UInt8(ascii: "m")])
        current = code
      }
      output.append(line[column])
    }
    if current != 0 { output.append(contentsOf: ANSIColor.reset) }
  }
}
