import ArgumentParser
import Glibc
import HexCore
import MemMap

/// `mmhex find`: prints the offset of every match of a pattern in a file.
struct Find: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "find",
    abstract: "Print the offset of every match of PATTERN in FILE.",
    discussion: """
      PATTERN is read as hex bytes unless --text is given: 'de ad be ef', 'deadbeef' and \
      '0xdeadbeef' are the same; '??' matches any byte and a single '?' any nibble ('4?' is \
      0x40 to 0x4f). With --text it is literal text, searched as its UTF-8 bytes. \
      --ignore-case makes ASCII letters match in either case.

      Every match is printed, overlapping ones included, in ascending order, one per line as \
      '0x' and the offset in lowercase hex without leading zeros (0x0, 0x1f, 0x100000000).

      Exit status: 0 if something matched, 1 if nothing did, 2 for a bad pattern, a bad \
      number or a file that cannot be read (64 when an argument is missing).
      """
  )

  /// Exit status when nothing matched.
  static let notFoundExitCode: Int32 = 1
  /// Exit status for a bad pattern, a bad number or an unreadable file.
  static let errorExitCode: Int32 = 2

  @Flag(help: "Read PATTERN as hex bytes (the default).")
  var hex = false

  @Flag(help: "Read PATTERN as literal text.")
  var text = false

  @Flag(name: [.customShort("i"), .long], help: "Match ASCII letters in either case.")
  var ignoreCase = false

  @Flag(help: "Print only the number of matches (in decimal).")
  var count = false

  @Option(name: .customLong("max"), parsing: .unconditional, help: ArgumentHelp("Stop after N matches.", valueName: "N"))
  var maximum: String?

  @Option(
    name: [.customShort("s"), .customLong("seek")],
    parsing: .unconditional, help: ArgumentHelp("Search from byte OFFSET (offsets printed stay file offsets).", valueName: "OFFSET"))
  var seek: String?

  @Option(
    name: [.customShort("l"), .customLong("length")],
    parsing: .unconditional, help: ArgumentHelp("Search at most LENGTH bytes; a match must lie wholly inside them.", valueName: "LENGTH"))
  var length: String?

  @Argument(help: "The bytes or text to find.")
  var pattern: String

  @Argument(help: "The file to search.")
  var file: String

  func run() throws {
    let limit =
      try maximum.map { text throws(CommandLineFailure) in try Self.parseNumber(text, option: "--max") } ?? .max
    let start = try seek.map { text throws(CommandLineFailure) in try Self.parseNumber(text, option: "-s") } ?? 0
    let byteLimit = try length.map { text throws(CommandLineFailure) in try Self.parseNumber(text, option: "-l") }
    let search = ByteSearch(pattern: try parsePattern())
    let mapping: MemMap
    do {
      mapping = try MemMap.open(file, mode: .readOnly)
    } catch {
      throw CommandLineFailure(
        message: CommandLineFailure.cannotOpen(file, error).message, exitCode: Self.errorExitCode)
    }
    try? mapping.advise(.sequential)
    let first = min(start, mapping.count)
    let end = first + min(byteLimit ?? .max, mapping.count - first)
    let starts = first..<max(first, end - search.pattern.count + 1)
    let found: Int
    do {
      if count {
        found = try search.countMatches(in: mapping, startingIn: starts, limit: limit)
        var output = FileDescriptorOutput(descriptor: STDOUT_FILENO, capacity: 32)
        do {
          try output.append("\(found)\n")
          try output.flush()
        } catch {
          if case .failed(let reason) = error { throw SearchError.unreadable("cannot write the count: \(reason)") }
        }
      } else {
        found = try printMatches(of: search, in: mapping, startingIn: starts, limit: limit)
      }
    } catch {
      throw CommandLineFailure(message: "cannot search '\(file)': \(error)", exitCode: Self.errorExitCode)
    }
    if found == 0 { throw ExitCode(Self.notFoundExitCode) }
  }

  private func parsePattern() throws(CommandLineFailure) -> SearchPattern {
    guard !(hex && text) else {
      throw CommandLineFailure(message: "--hex and --text cannot be used together", exitCode: Self.errorExitCode)
    }
    do {
      return try SearchPattern(pattern, kind: text ? .text : .hex, ignoringCase: ignoreCase)
    } catch {
      let hint = !hex && !text && error != .empty ? " (to search for text, add --text)" : ""
      throw CommandLineFailure(
        message: "bad pattern '\(pattern)': \(error)\(hint)", exitCode: Self.errorExitCode)
    }
  }

  private static func parseNumber(_ text: String, option: String) throws(CommandLineFailure) -> Int {
    do {
      return try NumberOption.parse(text, option: option, minimum: 0)
    } catch {
      throw CommandLineFailure(message: error.message, exitCode: errorExitCode)
    }
  }

  /// Writes each match as a `0x…` line in large writes; returns how many were found.
  /// A reader that goes away (`mmhex find … | head`) ends the output quietly.
  private func printMatches(
    of search: ByteSearch, in mapping: borrowing MemMap, startingIn starts: Range<Int>, limit: Int
  ) throws(SearchError) -> Int {
    signal(SIGPIPE, SIG_IGN)
    var output = FileDescriptorOutput(descriptor: STDOUT_FILENO, capacity: 1 << 16)
    var found = 0
    var writeFailure: String?
    guard limit > 0 else { return 0 }
    try search.forEachMatch(in: mapping, startingIn: starts, limit: limit) { offset in
      found += 1
      do throws(FileDescriptorOutput.WriteError) {
        try output.append(atMost: 19) { Self.formatOffset(offset, into: $0) }
      } catch {
        if case .failed(let reason) = error { writeFailure = reason }
        return false
      }
      return true
    }
    do throws(FileDescriptorOutput.WriteError) {
      try output.flush()
    } catch {
      if case .failed(let reason) = error { writeFailure = reason }
    }
    if let writeFailure { throw .unreadable("cannot write the offsets: \(writeFailure)") }
    return found
  }

  /// Writes `0x`, `offset` in lowercase hex without leading zeros, and a newline; returns the
  /// number of bytes written (at most 19).
  static func formatOffset(_ offset: Int, into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
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
