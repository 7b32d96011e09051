import Glibc

/// Prints `find`'s results to standard output in large writes: one line per match (`0x1f`, `31`,
/// `NAME:0x1f` with several files, or a JSON object), or one count per file.
struct MatchPrinter: ~Copyable {
  /// How offsets are written.
  enum Style {
    /// `0x1f`
    case hex
    /// `31`
    case decimal
    /// `{"file": "a.bin", "offset": 31, "length": 4}`
    case json
  }

  /// Why printing stopped.
  enum Failure: Error {
    /// The reader went away (EPIPE): `mmhex find … | head` ends quietly.
    case readerClosed
    /// Reading or writing failed; the message for the user.
    case failed(String)
  }

  let style: Style
  /// Whether each line starts with the file's name (more than one file was given).
  let namesFiles: Bool
  /// The length of every match.
  let patternLength: Int

  private var output = FileDescriptorOutput(descriptor: STDOUT_FILENO, capacity: 1 << 16)
  /// The per-file prefix (`NAME:` or the JSON start) of the file printed last, built once per file.
  private var prefixFile: String?
  private var prefix: [UInt8] = []

  init(style: Style, namesFiles: Bool, patternLength: Int) {
    self.style = style
    self.namesFiles = namesFiles
    self.patternLength = patternLength
  }

  /// Prints one match.
  mutating func printMatch(at offset: Int, file: String) throws(Failure) {
    if style == .hex, !namesFiles {
      try guarded { (output: inout FileDescriptorOutput) throws(FileDescriptorOutput.WriteError) in try output.append(atMost: 19) { Self.formatHexOffset(offset, into: $0) } }
      return
    }
    preparePrefix(for: file)
    let line: String
    switch style {
    case .hex: line = "0x" + String(offset, radix: 16) + "\n"
    case .decimal: line = String(offset) + "\n"
    case .json: line = "\(offset), \"length\": \(patternLength)}\n"
    }
    let head = prefix
    try guarded { (output: inout FileDescriptorOutput) throws(FileDescriptorOutput.WriteError) in
      try output.append(bytes: head)
      try output.append(line)
    }
  }

  /// Prints the number of matches in `file` (`--count`).
  mutating func printCount(_ found: Int, file: String) throws(Failure) {
    let line: String
    switch style {
    case .json: line = "{\"file\": \(Self.jsonString(file)), \"count\": \(found)}\n"
    case .hex, .decimal: line = (namesFiles ? "\(file):" : "") + "\(found)\n"
    }
    try guarded { (output: inout FileDescriptorOutput) throws(FileDescriptorOutput.WriteError) in try output.append(line) }
  }

  /// Writes everything pending.
  mutating func flush() throws(Failure) {
    try guarded { (output: inout FileDescriptorOutput) throws(FileDescriptorOutput.WriteError) in try output.flush() }
  }

  private mutating func preparePrefix(for file: String) {
    guard prefixFile != file else { return }
    prefixFile = file
    switch style {
    case .json: prefix = Array("{\"file\": \(Self.jsonString(file)), \"offset\": ".utf8)
    case .hex, .decimal: prefix = namesFiles ? Array("\(file):".utf8) : []
    }
  }

  private mutating func guarded(
    _ body: (inout FileDescriptorOutput) throws(FileDescriptorOutput.WriteError) -> Void
  ) throws(Failure) {
    do {
      try body(&output)
    } catch {
      switch error {
      case .readerClosed: throw .readerClosed
      case .failed(let reason): throw .failed("cannot write the results: \(reason)")
      }
    }
  }

  /// `text` as a JSON string literal.
  static func jsonString(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\t": result += "\\t"
      case "\r": result += "\\r"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result + "\""
  }

  /// Writes `0x`, `offset` in lowercase hex without leading zeros, and a newline; returns the
  /// number of bytes written (at most 19).
  static func formatHexOffset(_ offset: Int, into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
    let digits: StaticString = "0123456789abcdef"
    let value = UInt64(offset)
    let digitCount = max(1, (67 - value.leadingZeroBitCount) / 4)
    buffer[0] = UInt8(ascii: "0")
    buffer[1] = UInt8(ascii: "x")
    digits.withUTF8Buffer { hex in
      for index in 0..<digitCount {
        let nibble = Int((value >> UInt64(4 * (digitCount - 1 - index))) & 0xF)
        buffer[2 + index] = hex[nibble]
      }
    }
    buffer[2 + digitCount] = UInt8(ascii: "\n")
    return digitCount + 3
  }
}
