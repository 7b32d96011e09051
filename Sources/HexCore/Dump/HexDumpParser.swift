/// Reads a hex dump back into bytes at offsets: what `mmhex patch` (and `xxd -r`) reads.
///
/// Two layouts:
/// - ``Layout/offsets``: `xxd`'s and `mmhex dump`'s rows, `OFFSET: HEX HEX …  TEXT`. Groups of
///   hex digits are separated by single spaces; two spaces (or the end of the line) end them, so
///   the text column is ignored. Empty lines and the `*` lines of `-a` are skipped (the bytes they
///   stand for are left as they are).
/// - ``Layout/plain``: `xxd -p`'s bare hex digits, white space ignored, from offset 0 on.
///
/// Input is fed in chunks of any size (``feed(_:)``), so a dump of any length is read with the
/// memory of one line plus the bytes it stands for. The first line that does not parse stops
/// everything with a ``HexDumpParseError`` naming the line.
public struct HexDumpParser: Sendable {
  /// The dump's layout.
  public enum Layout: Sendable {
    /// Rows with offsets, as `mmhex dump` and `xxd` print them.
    case offsets
    /// Bare hex digits, as `mmhex dump -p` and `xxd -p` print them.
    case plain
  }

  /// Bytes to write at an offset.
  public struct Run: Hashable, Sendable {
    /// Where the first byte goes.
    public var offset: Int
    /// The bytes.
    public var bytes: [UInt8]
    /// The offset just past the last byte.
    public var endOffset: Int { offset + bytes.count }
  }

  /// The layout read.
  public let layout: Layout
  /// Added to every offset (`--seek`); may be negative, as long as no byte lands before 0.
  public let seek: Int
  /// The bytes read so far, in the order the dump gives them; a run continues the previous one
  /// when its offset follows on.
  public private(set) var runs: [Run] = []
  /// The number of the line being read (1-based).
  public private(set) var lineNumber = 1

  private var line: [UInt8] = []
  /// The bytes of the row being read.
  private var rowBytes: [UInt8] = []
  /// Plain layout: the high nibble of a byte whose low nibble has not come yet.
  private var pendingNibble: UInt8?
  private var plainColumn = 0

  /// Creates a parser.
  public init(layout: Layout, seek: Int = 0) {
    self.layout = layout
    self.seek = seek
  }

  /// The number of bytes read so far.
  public private(set) var byteCount = 0

  /// Hands over the runs read so far and forgets them (a run that continues later comes back as
  /// a new run at the following offset), so a consumer can keep memory to one piece of the dump.
  public mutating func takeRuns() -> [Run] {
    defer { runs.removeAll() }
    return runs
  }

  /// Reads the next piece of the dump.
  public mutating func feed(_ bytes: UnsafeRawBufferPointer) throws(HexDumpParseError) {
    switch layout {
    case .plain:
      try readPlain(bytes)
    case .offsets:
      guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
      var start = 0
      var index = 0
      while index < bytes.count {
        if base[index] == UInt8(ascii: "\n") {
          line.append(contentsOf: UnsafeBufferPointer(start: base + start, count: index - start))
          try parseOffsetLine()
          line.removeAll(keepingCapacity: true)
          lineNumber += 1
          start = index + 1
        }
        index += 1
      }
      line.append(contentsOf: UnsafeBufferPointer(start: base + start, count: bytes.count - start))
    }
  }

  /// Reads the next piece of the dump.
  public mutating func feed(_ bytes: [UInt8]) throws(HexDumpParseError) {
    let result = bytes.withUnsafeBytes { buffer in
      Result { () throws(HexDumpParseError) in try feed(buffer) }
    }
    try result.get()
  }

  /// Reads what is left after the last newline; call once at the end.
  public mutating func finish() throws(HexDumpParseError) {
    switch layout {
    case .plain:
      if pendingNibble != nil {
        throw HexDumpParseError(line: lineNumber, reason: "the dump ends with half a byte (an odd number of hex digits)")
      }
    case .offsets:
      if !line.isEmpty {
        try parseOffsetLine()
        line.removeAll()
      }
    }
  }

  // MARK: - Plain

  private mutating func readPlain(_ bytes: UnsafeRawBufferPointer) throws(HexDumpParseError) {
    var decoded: [UInt8] = []
    decoded.reserveCapacity(bytes.count / 2 + 1)
    var pending = pendingNibble
    defer { pendingNibble = pending }
    for byte in bytes {
      plainColumn += 1
      let value = Self.hexValues[Int(byte)]
      if value < 16 {
        if let high = pending {
          decoded.append(high << 4 | value)
          pending = nil
        } else {
          pending = value
        }
      } else if byte == UInt8(ascii: "\n") {
        lineNumber += 1
        plainColumn = 0
      } else if byte != UInt8(ascii: " "), byte != UInt8(ascii: "\t"), byte != UInt8(ascii: "\r") {
        try append(decoded, at: byteCount)
        throw HexDumpParseError(
          line: lineNumber, reason: "\(Self.quoted([byte])) at column \(plainColumn) is not a hex digit")
      }
    }
    try append(decoded, at: byteCount)
  }

  // MARK: - Rows with offsets

  /// What one line of an offset dump holds.
  private enum RowScan {
    /// An empty line or a `*` line.
    case nothing
    /// Bytes (in ``rowBytes``) that belong at this offset.
    case row(offset: Int)
    /// Why the line does not parse.
    case failure(String)
  }

  private mutating func parseOffsetLine() throws(HexDumpParseError) {
    if line.last == UInt8(ascii: "\r") { line.removeLast() }
    rowBytes.removeAll(keepingCapacity: true)
    let scan = line.withUnsafeBufferPointer { line in
      Self.hexValues.withUnsafeBufferPointer { values in Self.scanRow(line, values: values, into: &rowBytes) }
    }
    switch scan {
    case .nothing: return
    case .failure(let reason): throw HexDumpParseError(line: lineNumber, reason: reason)
    case .row(let offset): try append(rowBytes, at: offset)
    }
  }

  /// Reads `OFFSET: HEX HEX …  TEXT`: groups of hex digits, each after one space, until two
  /// spaces or the end of the line.
  ///
  /// `values` is ``hexValues``, passed in so that the loop does not look the table up again.
  private static func scanRow(
    _ line: UnsafeBufferPointer<UInt8>, values hexValues: UnsafeBufferPointer<UInt8>, into bytes: inout [UInt8]
  ) -> RowScan {
    let space = UInt8(ascii: " ")
    let tab = UInt8(ascii: "\t")
    var index = 0
    while index < line.count, line[index] == space || line[index] == tab { index += 1 }
    let first = index
    if index == line.count { return .nothing }
    if line[index] == UInt8(ascii: "*"), line[(index + 1)...].allSatisfy({ $0 == space }) { return .nothing }
    var offset = 0
    while index < line.count, hexValues[Int(line[index])] < 16 {
      guard index - first < 15 else { return .failure("the offset \(quoted(Array(line[first...].prefix(24)))) is too large") }
      offset = offset << 4 | Int(hexValues[Int(line[index])])
      index += 1
    }
    guard index > first, index < line.count, line[index] == UInt8(ascii: ":") else {
      return .failure("expected an offset and a colon (like '00000010:'), found \(quoted(Array(line[first...].prefix(24))))")
    }
    let colon = index
    index += 1
    while index < line.count, line[index] == space {
      let groupStart = index + 1
      guard groupStart < line.count, line[groupStart] != space else { break }
      var groupEnd = groupStart
      while groupEnd < line.count, line[groupEnd] != space { groupEnd += 1 }
      var digit = groupStart
      while digit < groupEnd, hexValues[Int(line[digit])] < 16 { digit += 1 }
      guard digit == groupEnd else {
        return .failure("\(quoted(Array(line[groupStart..<groupEnd].prefix(24)))) at column \(groupStart + 1) is not hex digits")
      }
      guard (groupEnd - groupStart) % 2 == 0 else {
        return .failure(
          "\(quoted(Array(line[groupStart..<groupEnd]))) at column \(groupStart + 1) has an odd number of hex digits; each byte takes two")
      }
      digit = groupStart
      while digit < groupEnd {
        bytes.append(hexValues[Int(line[digit])] << 4 | hexValues[Int(line[digit + 1])])
        digit += 2
      }
      index = groupEnd
    }
    guard index == line.count || line[index] == space else {
      return .failure("expected a space after the colon at column \(colon + 1)")
    }
    return .row(offset: offset)
  }

  // MARK: - Runs

  /// Adds `bytes`, which the dump places at `dumpOffset` (before `--seek`).
  private mutating func append(_ bytes: [UInt8], at dumpOffset: Int) throws(HexDumpParseError) {
    guard !bytes.isEmpty else { return }
    let (offset, overflow) = dumpOffset.addingReportingOverflow(seek)
    guard !overflow, offset <= Int.max - bytes.count else {
      throw HexDumpParseError(line: lineNumber, reason: "offset 0x\(String(dumpOffset, radix: 16)) is too large")
    }
    guard offset >= 0 else {
      throw HexDumpParseError(
        line: lineNumber,
        reason: "offset 0x\(String(dumpOffset, radix: 16)) with --seek \(seek) falls before the start of the file")
    }
    byteCount += bytes.count
    if let last = runs.last, last.endOffset == offset {
      runs[runs.count - 1].bytes.append(contentsOf: bytes)
    } else {
      runs.append(Run(offset: offset, bytes: bytes))
    }
  }

  /// The value of each hex digit, 16 for every other byte.
  private static let hexValues: [UInt8] = (0...255).map { hexValue(UInt8($0)) ?? 16 }

  private static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
  }

  /// `bytes` in quotes for a message, non-printable bytes as `\xHH`.
  private static func quoted(_ bytes: [UInt8]) -> String {
    let text = bytes.map { byte in
      (0x20..<0x7F).contains(byte) ? String(UnicodeScalar(byte)) : "\\x" + String(byte >> 4, radix: 16) + String(byte & 0xF, radix: 16)
    }
    return "'" + text.joined() + "'"
  }
}

/// A dump line that does not parse: its number and what is wrong with it.
public struct HexDumpParseError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The line's number (1-based).
  public let line: Int
  /// What is wrong with it.
  public let reason: String

  /// Creates an error.
  public init(line: Int, reason: String) {
    self.line = line
    self.reason = reason
  }

  /// `line N: reason`.
  public var description: String { "line \(line): \(reason)" }
}
