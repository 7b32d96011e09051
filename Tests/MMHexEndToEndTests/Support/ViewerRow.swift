/// One file row as the viewer draws it without colour, written out independently of the
/// program's own formatter: offset, hex pairs in groups of 8, then the text column (printable
/// ASCII as itself, everything else as `.`). Trailing blanks are dropped, as tmux drops them.
enum ViewerRow {
  /// The row starting at `offset` that holds `bytes`.
  ///
  /// - Parameters:
  ///   - readableCount: How many leading bytes are still in the file; the rest are past the end
  ///     of a file truncated by another process and show as `__` with a blank text cell.
  ///   - offsetDigits: Width of the offset column.
  ///   - bytesPerRow: Bytes on a full row (a shorter row keeps the text column aligned).
  static func line(
    offset: Int, bytes: some Collection<UInt8>, readableCount: Int? = nil, offsetDigits: Int = 8,
    bytesPerRow: Int = 16
  ) -> String {
    let bytes = Array(bytes)
    let readable = readableCount ?? bytes.count
    let digits = String(offset, radix: 16)
    var line = String(repeating: "0", count: max(offsetDigits - digits.count, 0)) + digits + "  "
    var hex = ""
    for index in 0..<bytesPerRow {
      if index < bytes.count {
        hex += index < readable ? hexPair(bytes[index]) : "__"
      } else {
        hex += "  "
      }
      if index + 1 < bytesPerRow { hex += (index + 1) % 8 == 0 ? "  " : " " }
    }
    line += hex + "  "
    for (index, byte) in bytes.enumerated() {
      line += index >= readable ? " " : (0x20...0x7E).contains(byte) ? String(UnicodeScalar(byte)) : "."
    }
    while line.hasSuffix(" ") { line.removeLast() }
    return line
  }

  /// Two lowercase hex digits.
  static func hexPair(_ byte: UInt8) -> String {
    let digits = Array("0123456789abcdef")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
  }
}
