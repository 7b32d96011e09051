import ArgumentParser
import Glibc
import HexCore
import MemMap

/// `mmhex cmp`: prints the runs of differing bytes between two files.
struct Cmp: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cmp",
    abstract: "Print the runs of bytes that differ between A and B.",
    discussion: """
      Each run is printed on its own line as '0x', its start offset in lowercase hex, a space \
      and its length in decimal ('0x1f0 4'), in ascending order. When the files differ in size, \
      the bytes present in only one of them form the last run. Both files are compared on \
      every core, as fast as memory allows.

      Exit status: 0 if the compared bytes are identical, 1 if they differ, 2 for a bad number \
      or a file that cannot be read (a missing file, a directory, a FIFO).
      """
  )

  /// Exit status when the files differ.
  static let differentExitCode: Int32 = 1
  /// Exit status for a bad number or an unreadable file.
  static let errorExitCode: Int32 = 2

  @Flag(help: "Print only the number of differing bytes (in decimal).")
  var count = false

  @Option(name: .customLong("max"), parsing: .unconditional, help: ArgumentHelp("Stop after N runs.", valueName: "N"))
  var maximum: String?

  @Option(
    name: [.customShort("s"), .customLong("seek")],
    parsing: .unconditional,
    help: ArgumentHelp("Compare from byte OFFSET (offsets printed stay file offsets).", valueName: "OFFSET"))
  var seek: String?

  @Option(
    name: [.customShort("l"), .customLong("length")],
    parsing: .unconditional, help: ArgumentHelp("Compare at most LENGTH bytes.", valueName: "LENGTH"))
  var length: String?

  @Argument(help: "The first file.")
  var first: String

  @Argument(help: "The second file.")
  var second: String

  func run() throws {
    let limit = try maximum.map { text throws(CommandLineFailure) in try Self.parseNumber(text, option: "--max", minimum: 1) }
    let start = try seek.map { text throws(CommandLineFailure) in try Self.parseNumber(text, option: "-s") } ?? 0
    let byteLimit = try length.map { text throws(CommandLineFailure) in try Self.parseNumber(text, option: "-l") }
    let scanner = DiffScanner(DiffSide(try Self.open(first)), DiffSide(try Self.open(second)))
    let lower = min(start, scanner.count)
    let range = lower..<(lower + min(byteLimit ?? .max, scanner.count - lower))
    let differs: Bool
    do {
      if count {
        differs = try printCount(scanner, in: range, limit: limit)
      } else {
        differs = try printRuns(scanner, in: range, limit: limit ?? .max)
      }
    } catch {
      throw CommandLineFailure(
        message: "cannot compare '\(first)' and '\(second)': \(error)", exitCode: Self.errorExitCode)
    }
    if differs { throw ExitCode(Self.differentExitCode) }
  }

  /// Maps `path` read-only for comparing.
  private static func open(_ path: String) throws(CommandLineFailure) -> SharedSearchSource {
    do {
      let map = try MemMap.open(path, mode: .readOnly)
      try? map.advise(.sequential)
      return SharedSearchSource(map)
    } catch {
      throw CommandLineFailure(message: CommandLineFailure.cannotOpen(path, error).message, exitCode: errorExitCode)
    }
  }

  private static func parseNumber(_ text: String, option: String, minimum: Int = 0) throws(CommandLineFailure) -> Int {
    do {
      return try NumberOption.parse(text, option: option, minimum: minimum)
    } catch {
      throw CommandLineFailure(message: error.message, exitCode: errorExitCode)
    }
  }

  /// Prints the number of differing bytes in `range` (in the first `limit` runs when given);
  /// returns whether there are any.
  private func printCount(_ scanner: DiffScanner, in range: Range<Int>, limit: Int?) throws(SearchError) -> Bool {
    var bytes = 0
    if let limit {
      try scanner.forEachRun(in: range, limit: limit) {
        bytes += $0.count
        return true
      }
    } else {
      bytes = try scanner.count(in: range).bytes
    }
    var output = FileDescriptorOutput(descriptor: STDOUT_FILENO, capacity: 32)
    do {
      try output.append("\(bytes)\n")
      try output.flush()
    } catch {
      if case .failed(let reason) = error { throw SearchError.unreadable("cannot write the count: \(reason)") }
    }
    return bytes > 0
  }

  /// Writes each run as a `0x… N` line in large writes; returns whether there was any.
  /// A reader that goes away (`mmhex cmp … | head`) ends the output quietly.
  private func printRuns(_ scanner: DiffScanner, in range: Range<Int>, limit: Int) throws(SearchError) -> Bool {
    signal(SIGPIPE, SIG_IGN)
    var output = FileDescriptorOutput(descriptor: STDOUT_FILENO, capacity: 1 << 16)
    var found = false
    var writeFailure: String?
    try scanner.forEachRun(in: range, limit: limit) { run in
      found = true
      do throws(FileDescriptorOutput.WriteError) {
        try output.append(atMost: 40) { Self.formatRun(run, into: $0) }
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
    if let writeFailure { throw .unreadable("cannot write the runs: \(writeFailure)") }
    return found
  }

  /// Writes `0x<start> <length>` and a newline; returns the number of bytes written (at most 40).
  static func formatRun(_ run: DiffRun, into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
    // `0x<start>\n`, then the newline becomes the space before the length.
    var written = MatchPrinter.formatHexOffset(run.offset, into: buffer)
    buffer[written - 1] = UInt8(ascii: " ")
    var digits: [UInt8] = []
    var value = run.count
    repeat {
      digits.append(UInt8(ascii: "0") + UInt8(value % 10))
      value /= 10
    } while value > 0
    for digit in digits.reversed() {
      buffer[written] = digit
      written += 1
    }
    buffer[written] = UInt8(ascii: "\n")
    return written + 1
  }
}
