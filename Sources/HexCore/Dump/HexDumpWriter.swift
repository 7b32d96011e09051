/// Streams a dump in any of `xxd`'s formats from chunks of any size: feed it bytes as they arrive
/// (a mapped file a megabyte at a time, or a pipe a read at a time), then ``finish(to:)``.
///
/// It keeps only what spans chunks: a partial row (at most 256 bytes), the line position, the
/// byte count and the zero-row state of `-a`. Output for the same bytes is the same however they
/// are split into chunks.
public struct HexDumpWriter: Sendable {
  /// What to print.
  public enum Format: Sendable {
    /// The row layout with offsets and text (`xxd`, `-g`, `-e`, `-u`); `skipsZeroRows` is `-a`.
    case rows(HexDump, skipsZeroRows: Bool)
    /// Bare hex digits (`xxd -p`).
    case plain(PlainHexDump)
    /// A C array (`xxd -i`).
    case cInclude(CIncludeDump)
  }

  /// The format being written.
  public let format: Format
  /// The offset of the next byte passed in.
  public private(set) var offset: Int
  /// The bytes passed in so far.
  public private(set) var byteCount = 0

  private var partialRow: [UInt8] = []
  private var skipper = ZeroRowSkipper()
  private var startedDeclaration = false
  /// Bytes on the current `-p` line.
  private var lineFill = 0

  /// Creates a writer whose first byte is at file offset `offset` (`-s`).
  public init(format: Format, offset: Int = 0) {
    self.format = format
    self.offset = offset
  }

  /// Appends the output for `bytes`, the next bytes of the input.
  public mutating func append(_ bytes: UnsafeRawBufferPointer, to output: inout [UInt8]) {
    guard !bytes.isEmpty else { return }
    defer {
      offset &+= bytes.count
      byteCount += bytes.count
    }
    switch format {
    case .rows(let dump, let skipsZeroRows):
      appendRows(bytes, dump: dump, skipsZeroRows: skipsZeroRows, to: &output)
    case .plain(let plain):
      appendPlain(bytes, plain, to: &output)
    case .cInclude(let include):
      appendCInclude(bytes, include, to: &output)
    }
  }

  /// Appends the output for `bytes`, the next bytes of the input.
  public mutating func append(_ bytes: [UInt8], to output: inout [UInt8]) {
    bytes.withUnsafeBytes { append($0, to: &output) }
  }

  /// Appends what ends the dump: a short last row, a trailing `*`, a final newline, the C
  /// array's closing lines.
  public mutating func finish(to output: inout [UInt8]) {
    switch format {
    case .rows(let dump, let skipsZeroRows):
      if !partialRow.isEmpty {
        let rowOffset = offset - partialRow.count
        let row = partialRow
        if skipsZeroRows {
          skipper.finalPartialRow { line in Self.emit(line, row: row, at: rowOffset, dump: dump, to: &output) }
        } else {
          dump.append(row, offset: rowOffset, to: &output)
        }
        partialRow.removeAll()
      } else if skipsZeroRows {
        skipper.finish { line in Self.emit(line, row: [], at: 0, dump: dump, to: &output) }
      }
    case .plain(let plain):
      if plain.columns == 0 || lineFill > 0 { output.append(UInt8(ascii: "\n")) }
      lineFill = 0
    case .cInclude(let include):
      startDeclaration(include, to: &output)
      if byteCount > 0 { output.append(UInt8(ascii: "\n")) }
      if let name = include.identifier {
        output.append(contentsOf: "};\nunsigned int \(name)_len = \(byteCount);\n".utf8)
      }
    }
  }

  // MARK: - Rows

  private mutating func appendRows(
    _ bytes: UnsafeRawBufferPointer, dump: HexDump, skipsZeroRows: Bool, to output: inout [UInt8]
  ) {
    var consumed = 0
    if !partialRow.isEmpty {
      let taken = min(dump.columns - partialRow.count, bytes.count)
      partialRow.append(contentsOf: bytes[0..<taken])
      consumed = taken
      guard partialRow.count == dump.columns else { return }
      let row = partialRow
      partialRow.removeAll(keepingCapacity: true)
      row.withUnsafeBytes { emitRows($0, at: offset &- (dump.columns - taken), dump: dump, skipsZeroRows: skipsZeroRows, to: &output) }
    }
    let remaining = bytes.count - consumed
    let whole = remaining - remaining % dump.columns
    if whole > 0 {
      let rows = UnsafeRawBufferPointer(rebasing: bytes[consumed..<(consumed + whole)])
      emitRows(rows, at: offset &+ consumed, dump: dump, skipsZeroRows: skipsZeroRows, to: &output)
    }
    partialRow.append(contentsOf: bytes[(consumed + whole)...])
  }

  /// Formats whole rows, through the zero-row skipper when `-a` is on.
  private mutating func emitRows(
    _ rows: UnsafeRawBufferPointer, at rowsOffset: Int, dump: HexDump, skipsZeroRows: Bool, to output: inout [UInt8]
  ) {
    guard skipsZeroRows else {
      dump.append(rows, offset: rowsOffset, to: &output)
      return
    }
    var start = 0
    while start < rows.count {
      let row = UnsafeRawBufferPointer(rebasing: rows[start..<(start + dump.columns)])
      let rowOffset = rowsOffset &+ start
      skipper.fullRow(offset: rowOffset, isZero: !row.contains { $0 != 0 }) { line in
        if line == .current {
          dump.append(row, offset: rowOffset, to: &output)
        } else {
          Self.emit(line, row: [], at: rowOffset, dump: dump, to: &output)
        }
      }
      start += dump.columns
    }
  }

  /// Prints one line the zero-row skipper asked for.
  private static func emit(_ line: ZeroRowSkipper.Line, row: [UInt8], at rowOffset: Int, dump: HexDump, to output: inout [UInt8]) {
    switch line {
    case .current: dump.append(row, offset: rowOffset, to: &output)
    case .zeroRow(let zeroOffset): dump.append([UInt8](repeating: 0, count: dump.columns), offset: zeroOffset, to: &output)
    case .star: output.append(contentsOf: [UInt8(ascii: "*"), UInt8(ascii: "\n")])
    }
  }

  // MARK: - Plain and C

  private mutating func appendPlain(_ bytes: UnsafeRawBufferPointer, _ plain: PlainHexDump, to output: inout [UInt8]) {
    let pairs = plain.uppercase ? HexTables.uppercaseHexPairs : HexTables.hexPairs
    let newlines = plain.columns == 0 ? 0 : (lineFill + bytes.count) / plain.columns
    let base = output.count
    HexDump.appendSpaces(2 * bytes.count + newlines, to: &output)
    output.withUnsafeMutableBufferPointer { buffer in
      pairs.withUnsafeBufferPointer { pairs in
        let out = UnsafeMutableRawPointer(buffer.baseAddress! + base)
        var position = 0
        var fill = lineFill
        for byte in bytes {
          out.storeBytes(of: pairs[Int(byte)], toByteOffset: position, as: UInt16.self)
          position &+= 2
          fill &+= 1
          if fill == plain.columns {
            out.storeBytes(of: UInt8(ascii: "\n"), toByteOffset: position, as: UInt8.self)
            position &+= 1
            fill = 0
          }
        }
        lineFill = fill
      }
    }
  }

  private mutating func appendCInclude(_ bytes: UnsafeRawBufferPointer, _ include: CIncludeDump, to output: inout [UInt8]) {
    startDeclaration(include, to: &output)
    let digits = include.uppercase ? HexTables.uppercaseDigits : HexTables.digits
    let prefix = include.uppercase ? UInt8(ascii: "X") : UInt8(ascii: "x")
    output.reserveCapacity(output.count + 6 * bytes.count + 4 * (bytes.count / include.columns + 1))
    var index = byteCount
    for byte in bytes {
      if index == 0 {
        output.append(contentsOf: [UInt8(ascii: " "), UInt8(ascii: " ")])
      } else if index % include.columns == 0 {
        output.append(contentsOf: [UInt8(ascii: ","), UInt8(ascii: "\n"), UInt8(ascii: " "), UInt8(ascii: " ")])
      } else {
        output.append(contentsOf: [UInt8(ascii: ","), UInt8(ascii: " ")])
      }
      output.append(contentsOf: [UInt8(ascii: "0"), prefix, digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
      index += 1
    }
  }

  private mutating func startDeclaration(_ include: CIncludeDump, to output: inout [UInt8]) {
    guard !startedDeclaration else { return }
    startedDeclaration = true
    if let name = include.identifier {
      output.append(contentsOf: "unsigned char \(name)[] = {\n".utf8)
    }
  }
}
