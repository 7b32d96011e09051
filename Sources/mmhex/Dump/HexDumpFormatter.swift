import HexCore

/// Formats rows of a hex dump in `xxd`'s default layout, byte for byte:
/// `00000010: 4865 6c6c 6f0a  Hello.` — the offset (at least 8 hex digits, more past 4 GiB),
/// two-byte groups, then the printable ASCII (`.` for the rest).
///
/// With colour, hex digits and characters are wrapped in ANSI colours by ``ByteClass``
/// (the classes hexyl colours); the layout is unchanged.
struct HexDumpFormatter {
  /// Bytes per row.
  let columns: Int
  /// Whether to add ANSI colours.
  let usesColor: Bool
  /// The most bytes one formatted row can take, newline included.
  let maximumRowLength: Int

  private static let bytesPerGroup = 2
  private static let hexDigits = Array("0123456789abcdef".utf8)
  private static let colorReset = Array("\u{1B}[0m".utf8)
  private static let longestColor = 5

  /// Creates a formatter for rows of `columns` bytes.
  init(columns: Int, usesColor: Bool) {
    self.columns = columns
    self.usesColor = usesColor
    let groups = (columns + Self.bytesPerGroup - 1) / Self.bytesPerGroup
    let plain = 16 + 1 + groups + 2 * columns + 2 + columns + 1
    let colors = usesColor ? 2 * columns * Self.longestColor + 2 * Self.colorReset.count : 0
    maximumRowLength = plain + colors
  }

  /// Writes the row for `bytes` (at most `columns` of them, starting at file `offset`) into `output`,
  /// which must hold ``maximumRowLength`` bytes; returns how many bytes it wrote.
  func formatRow(
    _ bytes: UnsafeRawBufferPointer, offset: Int, into output: UnsafeMutableBufferPointer<UInt8>
  ) -> Int {
    var position = writeOffset(offset, into: output)
    output[position] = UInt8(ascii: ":")
    position += 1
    var currentColor = -1
    for column in 0..<columns {
      if column % Self.bytesPerGroup == 0 {
        output[position] = UInt8(ascii: " ")
        position += 1
      }
      guard column < bytes.count else {
        if currentColor >= 0 {
          position = write(Self.colorReset, into: output, at: position)
          currentColor = -1
        }
        output[position] = UInt8(ascii: " ")
        output[position + 1] = UInt8(ascii: " ")
        position += 2
        continue
      }
      let byte = bytes[column]
      if usesColor { position = switchColor(for: byte, from: &currentColor, into: output, at: position) }
      output[position] = Self.hexDigits[Int(byte >> 4)]
      output[position + 1] = Self.hexDigits[Int(byte & 0x0F)]
      position += 2
    }
    if currentColor >= 0 {
      position = write(Self.colorReset, into: output, at: position)
      currentColor = -1
    }
    output[position] = UInt8(ascii: " ")
    output[position + 1] = UInt8(ascii: " ")
    position += 2
    for byte in bytes {
      if usesColor { position = switchColor(for: byte, from: &currentColor, into: output, at: position) }
      output[position] = (0x20...0x7E).contains(byte) ? byte : UInt8(ascii: ".")
      position += 1
    }
    if currentColor >= 0 { position = write(Self.colorReset, into: output, at: position) }
    output[position] = UInt8(ascii: "\n")
    return position + 1
  }

  /// Writes `offset` as lowercase hex, zero-padded to at least 8 digits.
  private func writeOffset(_ offset: Int, into output: UnsafeMutableBufferPointer<UInt8>) -> Int {
    let value = UInt64(offset)
    let significantDigits = (64 - value.leadingZeroBitCount + 3) / 4
    let digits = max(8, significantDigits)
    for index in 0..<digits {
      let shift = UInt64(4 * (digits - 1 - index))
      output[index] = Self.hexDigits[Int((value >> shift) & 0x0F)]
    }
    return digits
  }

  private func switchColor(
    for byte: UInt8, from current: inout Int, into output: UnsafeMutableBufferPointer<UInt8>, at position: Int
  ) -> Int {
    let byteClass = ByteClass(byte)
    let code = Self.colorCode(byteClass)
    guard code != current else { return position }
    current = code
    // ESC [ <code> m
    var position = position
    output[position] = 0x1B
    output[position + 1] = UInt8(ascii: "[")
    output[position + 2] = UInt8(ascii: "0") + UInt8(code / 10)
    output[position + 3] = UInt8(ascii: "0") + UInt8(code % 10)
    output[position + 4] = UInt8(ascii: "m")
    position += 5
    return position
  }

  /// SGR foreground codes after hexyl: grey NUL, cyan printable, green whitespace,
  /// magenta other control characters, yellow non-ASCII.
  private static func colorCode(_ byteClass: ByteClass) -> Int {
    switch byteClass {
    case .null: 90
    case .printable: 36
    case .whitespace: 32
    case .control: 35
    case .nonASCII: 33
    }
  }

  private func write(_ bytes: [UInt8], into output: UnsafeMutableBufferPointer<UInt8>, at position: Int) -> Int {
    for (index, byte) in bytes.enumerated() { output[position + index] = byte }
    return position + bytes.count
  }
}
