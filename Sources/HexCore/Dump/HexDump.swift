/// Formats bytes exactly as `xxd` does in its row layout (`xxd [-s N] [-l N] [-c N] [-g N] [-e]
/// [-u] FILE`), optionally coloured by ``ByteClass`` with ANSI escape sequences as hexyl colours them.
///
/// ```
/// 00000000: 4865 6c6c 6f2c 2077 6f72 6c64 210a 0001  Hello, world!...
/// ```
/// The offset is `%08x` (more digits past 4 GiB) and a colon; bytes follow in groups (two bytes
/// by default), each group after a space; the text column (printable ASCII, `.` otherwise) starts
/// two spaces after the widest row, so a short last row is padded with spaces up to it. With
/// ``littleEndian`` each group's bytes are shown last byte first, as `xxd -e` shows them.
///
/// Output is appended to a `[UInt8]`; plain rows are written straight into it from lookup tables
/// (no `String` per row), so formatting runs far faster than the terminal or a pipe can take it.
/// ``HexDumpWriter`` streams rows (and the `-p` and `-i` formats) from chunks of any size.
public struct HexDump: Sendable {
  /// Bytes per row when none is given (or `0` is given).
  public static let defaultColumns = 16
  /// The widest row `xxd` accepts.
  public static let maximumColumns = 256
  /// Bytes per group when none is given: 2, or 4 with ``littleEndian`` (as in `xxd`).
  public static func defaultGroupSize(littleEndian: Bool) -> Int { littleEndian ? 4 : 2 }

  /// Bytes per row.
  public let columns: Int
  /// Bytes per group of hex digits (a whole row is one group when it is `columns`).
  public let groupSize: Int
  /// Whether each group shows its bytes last byte first (`xxd -e`).
  public let littleEndian: Bool
  /// Whether hex digits are uppercase (`xxd -u`); offsets stay lowercase, as in `xxd`.
  public let uppercase: Bool
  /// Whether bytes are wrapped in ANSI colours by class.
  public let usesColor: Bool

  /// Creates a formatter.
  ///
  /// - Parameters:
  ///   - columns: Bytes per row, `1...256`; `0` means 16, as in `xxd`.
  ///   - groupSize: Bytes per group (`xxd -g`); `nil` means 2 (4 with `littleEndian`), and `0` or
  ///     more than `columns` makes the whole row one group, as in `xxd`.
  ///   - littleEndian: Whether to show each group last byte first (`xxd -e`).
  ///   - uppercase: Whether to print uppercase hex digits (`xxd -u`).
  ///   - usesColor: Whether to colour bytes by class.
  /// - Throws: ``HexDumpError/invalidColumns(_:)`` for a negative width or more than 256;
  ///   ``HexDumpError/invalidGroupSize(_:)`` for a negative group size;
  ///   ``HexDumpError/groupSizeNotPowerOfTwo(_:)`` for a group smaller than the row that is not a
  ///   power of two with `littleEndian`.
  public init(
    columns: Int = HexDump.defaultColumns, groupSize: Int? = nil, littleEndian: Bool = false,
    uppercase: Bool = false, usesColor: Bool = false
  ) throws(HexDumpError) {
    guard (0...Self.maximumColumns).contains(columns) else { throw .invalidColumns(columns) }
    let columns = columns == 0 ? Self.defaultColumns : columns
    let requestedGroup = groupSize ?? Self.defaultGroupSize(littleEndian: littleEndian)
    guard requestedGroup >= 0 else { throw .invalidGroupSize(requestedGroup) }
    let wholeRow = requestedGroup == 0 || requestedGroup > columns
    // As in xxd, a whole-row group is not held to the power-of-two rule.
    if littleEndian, !wholeRow, requestedGroup & (requestedGroup - 1) != 0 {
      throw .groupSizeNotPowerOfTwo(requestedGroup)
    }
    let group = wholeRow ? columns : requestedGroup
    self.columns = columns
    self.groupSize = group
    self.littleEndian = littleEndian
    self.uppercase = uppercase
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
    if littleEndian {
      appendLineBuffered(bytes, offset: offset, to: &output)
    } else if usesColor {
      appendColored(bytes, offset: offset, to: &output)
    } else if groupSize == 2 {
      appendPlain(bytes, offset: offset, to: &output)
    } else {
      appendLineBuffered(bytes, offset: offset, to: &output)
    }
  }

  /// Hex digits written for `offset`: at least 8.
  static func offsetDigits(_ offset: Int) -> Int {
    let significant = (Int.bitWidth - UInt(bitPattern: offset).leadingZeroBitCount + 3) / 4
    return max(8, significant)
  }

  /// Columns before the text column on a row whose offset has `digits` digits.
  func textStart(offsetDigits digits: Int) -> Int {
    // xxd: address and colon, a space, two digits per byte, a space per group but the first,
    // then two spaces.
    digits + 1 + 3 + 2 * columns + (columns - 1) / groupSize
  }

  /// The column of the first hex digit of byte `index` of a row, on a row whose offset has
  /// `digits` digits (with ``littleEndian``, bytes swap places inside their group).
  func hexColumn(ofByte index: Int, offsetDigits digits: Int) -> Int {
    let slot = littleEndian ? index ^ (groupSize - 1) : index
    return digits + 2 + 2 * slot + slot / groupSize
  }

  /// The hex digits in this dump's case.
  var digitTable: [UInt8] { uppercase ? HexTables.uppercaseDigits : HexTables.digits }

  private func appendPlain(_ bytes: UnsafeRawBufferPointer, offset: Int, to output: inout [UInt8]) {
    // Size every row first, grow the output once with spaces, then write the cells in place.
    var total = 0
    var rowStart = 0
    while rowStart < bytes.count {
      let rowCount = min(columns, bytes.count - rowStart)
      total += textStart(offsetDigits: Self.offsetDigits(offset &+ rowStart)) + rowCount + 1
      rowStart += rowCount
    }
    let base = output.count
    Self.appendSpaces(total, to: &output)
    output.withUnsafeMutableBufferPointer { buffer in
      guard let out = buffer.baseAddress.map({ $0 + base }),
        let input = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)
      else { return }
      HexTables.digits.withUnsafeBufferPointer { offsetDigitsBuffer in
        HexTables.textCells.withUnsafeBufferPointer { textBuffer in
          (uppercase ? HexTables.uppercaseHexPairs : HexTables.hexPairs).withUnsafeBufferPointer { pairsBuffer in
            guard let hex = offsetDigitsBuffer.baseAddress, let text = textBuffer.baseAddress,
              let pairs = pairsBuffer.baseAddress
            else { return }
            var position = 0
            var rowStart = 0
            while rowStart < bytes.count {
              let rowCount = min(columns, bytes.count &- rowStart)
              let digits = Self.writeOffset(offset &+ rowStart, to: out + position, hex: hex)
              let row = input + rowStart
              // Two bytes per group: four digits stored as two 16-bit cells, then a space.
              var cell = UnsafeMutableRawPointer(out + (position &+ digits &+ 2))
              var index = 0
              while index &+ 1 < rowCount {
                cell.storeBytes(of: pairs[Int(row[index])], as: UInt16.self)
                cell.storeBytes(of: pairs[Int(row[index &+ 1])], toByteOffset: 2, as: UInt16.self)
                cell += 5
                index &+= 2
              }
              if index < rowCount {
                cell.storeBytes(of: pairs[Int(row[index])], as: UInt16.self)
              }
              let textColumn = position &+ textStart(offsetDigits: digits)
              let textOut = out + textColumn
              for index in 0..<rowCount {
                textOut[index] = text[Int(row[index])]
              }
              position = textColumn &+ rowCount
              out[position] = UInt8(ascii: "\n")
              position &+= 1
              rowStart &+= rowCount
            }
          }
        }
      }
    }
  }

  private func appendColored(_ bytes: UnsafeRawBufferPointer, offset: Int, to output: inout [UInt8]) {
    // Grow by an upper bound (every byte switching colour in both columns), write, then trim.
    let rows = (bytes.count + columns - 1) / columns
    let rowBound = textStart(offsetDigits: 16) + columns + 1 + 2 * columns * 5 + 2 * ANSIColor.reset.count
    let base = output.count
    // 8 spare bytes: colour sequences are stored 8 bytes at a time.
    Self.appendSpaces(rows * rowBound + 8, to: &output)
    var written = 0
    output.withUnsafeMutableBufferPointer { buffer in
      guard let out = buffer.baseAddress.map({ $0 + base }),
        let input = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)
      else { return }
      HexTables.digits.withUnsafeBufferPointer { offsetDigitsBuffer in
        digitTable.withUnsafeBufferPointer { digitsBuffer in
          HexTables.textCells.withUnsafeBufferPointer { textBuffer in
            HexTables.colorCodes.withUnsafeBufferPointer { codesBuffer in
              HexTables.colorSequences.withUnsafeBufferPointer { sequenceBuffer in
                guard let offsetHex = offsetDigitsBuffer.baseAddress, let hex = digitsBuffer.baseAddress,
                  let text = textBuffer.baseAddress, let codes = codesBuffer.baseAddress,
                  let sequences = sequenceBuffer.baseAddress
                else { return }
                var position = 0
                var rowStart = 0
                while rowStart < bytes.count {
                  let rowCount = min(columns, bytes.count - rowStart)
                  let digits = Self.writeOffset(offset &+ rowStart, to: out + position, hex: offsetHex)
                  position += digits + 1
                  var visible = digits + 1
                  var current: UInt8 = 0
                  let row = input + rowStart
                  for index in 0..<rowCount {
                    if index % groupSize == 0 {
                      out[position] = UInt8(ascii: " ")
                      position += 1
                      visible += 1
                    }
                    let byte = Int(row[index])
                    position = Self.switchColor(to: codes[byte], from: &current, out: out, at: position, sequences)
                    out[position] = hex[byte >> 4]
                    out[position + 1] = hex[byte & 0xF]
                    position += 2
                    visible += 2
                  }
                  position = Self.reset(&current, out: out, at: position)
                  let padding = textStart(offsetDigits: digits) - visible
                  for index in 0..<padding { out[position + index] = UInt8(ascii: " ") }
                  position += padding
                  for index in 0..<rowCount {
                    let byte = Int(row[index])
                    position = Self.switchColor(to: codes[byte], from: &current, out: out, at: position, sequences)
                    out[position] = text[byte]
                    position += 1
                  }
                  position = Self.reset(&current, out: out, at: position)
                  out[position] = UInt8(ascii: "\n")
                  position += 1
                  rowStart += rowCount
                }
                written = position
              }
            }
          }
        }
      }
    }
    output.removeLast(output.count - base - written)
  }

  /// Writes `offset` as lowercase hex (at least 8 digits) and a colon; returns the digit count.
  @inline(__always)
  static func writeOffset(_ offset: Int, to out: UnsafeMutablePointer<UInt8>, hex: UnsafePointer<UInt8>) -> Int {
    let value = UInt(bitPattern: offset)
    let digits = offsetDigits(offset)
    var shift = (digits - 1) * 4
    for index in 0..<digits {
      out[index] = shift >= UInt.bitWidth ? UInt8(ascii: "0") : hex[Int((value >> UInt(shift)) & 0xF)]
      shift -= 4
    }
    out[digits] = UInt8(ascii: ":")
    return digits
  }

  /// Writes `ESC [ code m` when `code` differs from the colour in effect.
  @inline(__always)
  static func switchColor(
    to code: UInt8, from current: inout UInt8, out: UnsafeMutablePointer<UInt8>, at position: Int,
    _ sequences: UnsafePointer<UInt64>
  ) -> Int {
    guard code != current else { return position }
    current = code
    // Five meaningful bytes; the other three are overwritten by what follows.
    UnsafeMutableRawPointer(out + position).storeBytes(of: sequences[Int(code)], as: UInt64.self)
    return position &+ 5
  }

  /// Writes `ESC [ 0 m` when a colour is in effect.
  @inline(__always)
  static func reset(_ current: inout UInt8, out: UnsafeMutablePointer<UInt8>, at position: Int) -> Int {
    guard current != 0 else { return position }
    current = 0
    for (index, byte) in ANSIColor.reset.enumerated() { out[position + index] = byte }
    return position + ANSIColor.reset.count
  }

  /// Appends `count` spaces by copying from a block of spaces (far faster than element-wise appends).
  static func appendSpaces(_ count: Int, to output: inout [UInt8]) {
    output.reserveCapacity(output.count + count)
    var remaining = count
    spaceBlock.withUnsafeBufferPointer { block in
      while remaining > 0 {
        let step = min(remaining, block.count)
        output.append(contentsOf: UnsafeBufferPointer(rebasing: block[0..<step]))
        remaining -= step
      }
    }
  }

  private static let spaceBlock = [UInt8](repeating: UInt8(ascii: " "), count: 1 << 16)
}

extension HexTables {
  /// The two hex digits of each byte value as one 16-bit cell in memory order (first digit first).
  static let hexPairs: [UInt16] = pairs(of: digits)
  /// ``hexPairs`` with uppercase digits.
  static let uppercaseHexPairs: [UInt16] = pairs(of: uppercaseDigits)
  /// Uppercase hex digits as ASCII.
  static let uppercaseDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

  private static func pairs(of digits: [UInt8]) -> [UInt16] {
    (0...255).map { byte in
      let first = UInt16(digits[byte >> 4])
      let second = UInt16(digits[byte & 0xF])
      return (first | second << 8).littleEndian
    }
  }
  /// `ESC [ N m` for every two-digit code `N`, as 8 bytes in memory order (5 meaningful).
  static let colorSequences: [UInt64] = (0..<100).map { code in
    let bytes: [UInt8] = [0x1B, UInt8(ascii: "["), UInt8(ascii: "0") + UInt8(code / 10), UInt8(ascii: "0") + UInt8(code % 10), UInt8(ascii: "m")]
    var value: UInt64 = 0
    for (index, byte) in bytes.enumerated() { value |= UInt64(byte) << (8 * UInt64(index)) }
    return value.littleEndian
  }
  /// The two-digit SGR colour code of each byte value's class (see ``ANSIColor``).
  static let colorCodes: [UInt8] = (0...255).map { UInt8(ANSIColor.code(for: ByteClass(UInt8($0)))) }
}
