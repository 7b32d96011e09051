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
      var start = 0
      while let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) {
        line.append(contentsOf: bytes[start..<newline])
        try parseOffsetLine()
        line.removeAll(keepingCapacity: true)
        lineNumber += 1
        start = newline + 1
      }
      line.append(contentsOf: bytes[start...])
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

  private mutating func parseOffsetLine() throws(HexDumpParseError) {
    if line.last == UInt8(ascii: "\r") { line.removeLast() }
    let trimmed = line.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    if trimmed.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) { return }
    if trimmed.first == UInt8(ascii: "*"), trimmed.dropFirst().allSatisfy({ $0 == UInt8(ascii: " ") }) { return }
    guard let colon = trimmed.firstIndex(of: UInt8(ascii: ":")), colon > trimmed.startIndex,
      trimmed[trimmed.startIndex..<colon].allSatisfy({ Self.hexValue($0) != nil })
    else {
      throw HexDumpParseError(
        line: lineNumber,
        reason: "expected an offset and a colon (like '00000010:'), found \(Self.quoted(Array(trimmed.prefix(24))))")
    }
    let digits = trimmed[trimmed.startIndex..<colon]
    guard digits.count <= 15 else {
      throw HexDumpParseError(line: lineNumber, reason: "the offset \(Self.quoted(Array(digits))) is too large")
    }
    let rowOffset = digits.reduce(0) { $0 << 4 | Int(Self.hexValue($1)!) }
    var position = colon + 1
    var bytes: [UInt8] = []
    // Groups follow, each after one space; two spaces (or the end) start the text column.
    while position < line.endIndex, line[position] == UInt8(ascii: " ") {
      let groupStart = position + 1
      guard groupStart < line.endIndex, line[groupStart] != UInt8(ascii: " ") else { break }
      let groupEnd = line[groupStart...].firstIndex(of: UInt8(ascii: " ")) ?? line.endIndex
      let group = line[groupStart..<groupEnd]
      guard group.allSatisfy({ Self.hexValue($0) != nil }) else {
        throw HexDumpParseError(
          line: lineNumber, reason: "\(Self.quoted(Array(group.prefix(24)))) at column \(groupStart + 1) is not hex digits")
      }
      guard group.count % 2 == 0 else {
        throw HexDumpParseError(
          line: lineNumber,
          reason: "\(Self.quoted(Array(group))) at column \(groupStart + 1) has an odd number of hex digits; each byte takes two")
      }
      var index = group.startIndex
      while index < group.endIndex {
        bytes.append(Self.hexValue(group[index])! << 4 | Self.hexValue(group[index + 1])!)
        index += 2
      }
      position = groupEnd
    }
    guard position == line.endIndex || line[position] == UInt8(ascii: " ") else {
      throw HexDumpParseError(
        line: lineNumber, reason: "expected a space after the colon at column \(colon + 1)")
    }
    try append(bytes, at: rowOffset)
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
