/// Formats bytes exactly as `xxd` does by default (`xxd [-s N] [-l N] [-c N] FILE`), optionally
/// coloured by ``ByteClass`` with ANSI escape sequences as hexyl colours them.
///
/// ```
/// 00000000: 4865 6c6c 6f2c 2077 6f72 6c64 210a 0001  Hello, world!...
/// ```
/// The offset is `%08x` (more digits past 4 GiB) and a colon; bytes follow in groups of two,
/// each group after a space; the text column (printable ASCII, `.` otherwise) starts two spaces
/// after the widest row, so a short last row is padded with spaces up to it.
///
/// Output is appended to a `[UInt8]`; plain rows are written straight into it from lookup tables
/// (no `String` per row), so formatting runs far faster than the terminal or a pipe can take it.
public struct HexDump: Sendable {
  /// Bytes per row when none is given (or `0` is given).
  public static let defaultColumns = 16
  /// The widest row `xxd` accepts.
  public static let maximumColumns = 256
  /// Bytes per group of hex digits.
  static let groupSize = 2

  /// Bytes per row.
  public let columns: Int
  /// Whether bytes are wrapped in ANSI colours by class.
  public let usesColor: Bool

  /// Creates a formatter.
  ///
  /// - Parameters:
  ///   - columns: Bytes per row, `1...256`; `0` means 16, as in `xxd`.
  ///   - usesColor: Whether to colour bytes by class.
  /// - Throws: ``HexDumpError/invalidColumns(_:)`` for a negative width or more than 256.
  public init(columns: Int = HexDump.defaultColumns, usesColor: Bool = false) throws(HexDumpError) {
    guard (0...Self.maximumColumns).contains(columns) else { throw .invalidColumns(columns) }
    self.columns = columns == 0 ? Self.defaultColumns : columns
    self.usesColor = usesColor
  }

  /// The bytes of a file of `fileSize` bytes that `-s start -l length` select: `start` past the end
  /// selects nothing, and `length` is cut at the end of the file.
  public static func range(fileSize: Int, start: Int, length: Int?) -> Range<Int> {
    let first = min(max(start, 0), max(fileSize, 0))
    let available = max(fileSize, 0) - first
    return first..<(first + min(max(length ?? available, 0), available))
  }

  /// A chunk size for streaming that keeps rows whole: a multiple of ``columns`` near 1 MiB.
  public var chunkSize: Int { max(1, (1 << 20) / columns) * columns }

  /// Appends the rows for `bytes`, whose first byte is at file offset `offset`.
  ///
  /// Rows start every ``columns`` bytes from the start of `bytes`; only the final chunk of a
  /// stream may end with a short row, so stream in chunks that are multiples of ``columns``.
  public func append(_ bytes: [UInt8], offset: Int, to output: inout [UInt8]) {
    bytes.withUnsafeBytes { append($0, offset: offset, to: &output) }
  }

  /// Appends the rows for `bytes`, whose first byte is at file offset `offset`.
  public func append(_ bytes: RawSpan, offset: Int, to output: inout [UInt8]) {
    bytes.withUnsafeBytes { append($0, offset: offset, to: &output) }
  }

  /// Appends the rows for `bytes`, whose first byte is at file offset `offset`.
  public func append(_ bytes: UnsafeRawBufferPointer, offset: Int, to output: inout [UInt8]) {
    guard !bytes.isEmpty else { return }
    if usesColor {
      appendColored(bytes, offset: offset, to: &output)
    } else {
      appendPlain(bytes, offset: offset, to: &output)
    }
  }

  /// Hex digits written for `offset`: at least 8.
  static func offsetDigits(_ offset: Int) -> Int {
    let significant = (Int.bitWidth - UInt(bitPattern: offset).leadingZeroBitCount + 3) / 4
    return max(8, significant)
  }

  /// Columns before the text column on a row whose offset has `digits` digits.
  func textStart(offsetDigits digits: Int) -> Int {
    // xxd: address and colon, then 3 + (5 * columns - 1) / 2.
    digits + 1 + 3 + (5 * columns - 1) / 2
  }

  private func appendPlain(_ bytes: UnsafeRawBufferPointer, offset: Int, to output: inout [UInt8]) {
    // Size every row first, grow the output once (filled with spaces), then write in place.
    var total = 0
    var rowStart = 0
    while rowStart < bytes.count {
      let rowCount = min(columns, bytes.count - rowStart)
      total += textStart(offsetDigits: Self.offsetDigits(offset &+ rowStart)) + rowCount + 1
      rowStart += rowCount
    }
    let base = output.count
    output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: total))
    output.withUnsafeMutableBufferPointer { buffer in
      guard let out = buffer.baseAddress.map({ $0 + base }) else { return }
      HexTables.digits.withUnsafeBufferPointer { digitsBuffer in
        HexTables.textCells.withUnsafeBufferPointer { textBuffer in
          guard let hex = digitsBuffer.baseAddress, let text = textBuffer.baseAddress,
            let input = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)
          else { return }
          var position = 0
          var rowStart = 0
          while rowStart < bytes.count {
            let rowCount = min(columns, bytes.count - rowStart)
            let rowOffset = UInt(bitPattern: offset &+ rowStart)
            let digits = Self.offsetDigits(offset &+ rowStart)
            var shift = (digits - 1) * 4
            for index in 0..<digits {
              out[position + index] = shift >= UInt.bitWidth ? UInt8(ascii: "0") : hex[Int((rowOffset >> UInt(shift)) & 0xF)]
              shift -= 4
            }
            out[position + digits] = UInt8(ascii: ":")
            var cell = position + digits + 2
            let row = input + rowStart
            for index in 0..<rowCount {
              let byte = Int(row[index])
              out[cell] = hex[byte >> 4]
              out[cell + 1] = hex[byte & 0xF]
              cell += index & 1 == 1 ? 3 : 2
            }
            let textColumn = position + textStart(offsetDigits: digits)
            for index in 0..<rowCount {
              out[textColumn + index] = text[Int(row[index])]
            }
            position = textColumn + rowCount
            out[position] = UInt8(ascii: "\n")
            position += 1
            rowStart += rowCount
          }
        }
      }
    }
  }

  private func appendColored(_ bytes: UnsafeRawBufferPointer, offset: Int, to output: inout [UInt8]) {
    var rowStart = 0
    while rowStart < bytes.count {
      let rowCount = min(columns, bytes.count - rowStart)
      let rowOffset = offset &+ rowStart
      let digits = Self.offsetDigits(rowOffset)
      var value = UInt(bitPattern: rowOffset)
      var offsetCells = [UInt8](repeating: UInt8(ascii: "0"), count: digits)
      for index in stride(from: digits - 1, through: 0, by: -1) {
        offsetCells[index] = HexTables.digits[Int(value & 0xF)]
        value >>= 4
      }
      output.append(contentsOf: offsetCells)
      output.append(UInt8(ascii: ":"))
      var visible = digits + 1
      var color: ByteClass?
      for index in 0..<rowCount {
        if index % Self.groupSize == 0 {
          output.append(UInt8(ascii: " "))
          visible += 1
        }
        let byte = bytes[rowStart + index]
        Self.switchColor(to: ByteClass(byte), from: &color, in: &output)
        output.append(HexTables.digits[Int(byte >> 4)])
        output.append(HexTables.digits[Int(byte & 0xF)])
        visible += 2
      }
      if color != nil {
        output.append(contentsOf: ANSIColor.reset)
        color = nil
      }
      let padding = textStart(offsetDigits: digits) - visible
      output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: padding))
      for index in 0..<rowCount {
        let byte = bytes[rowStart + index]
        Self.switchColor(to: ByteClass(byte), from: &color, in: &output)
        output.append(HexTables.textCells[Int(byte)])
      }
      if color != nil { output.append(contentsOf: ANSIColor.reset) }
      output.append(UInt8(ascii: "\n"))
      rowStart += rowCount
    }
  }

  private static func switchColor(to byteClass: ByteClass, from current: inout ByteClass?, in output: inout [UInt8]) {
    guard current != byteClass else { return }
    current = byteClass
    output.append(contentsOf: ANSIColor.sequence(for: byteClass))
  }
}
