import ArgumentParser
import Glibc
import HexCore
import MemMap

/// `mmhex dump`: prints a hex dump; without colour, byte for byte what `xxd` prints.
struct Dump: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "dump",
    abstract: "Print a hex dump of FILE (xxd's layout).",
    discussion: """
      Without colour (the default when output is not a terminal) the output is exactly what \
      'xxd' prints for the same -s, -l and -c. Numbers accept decimal or 0x hex.
      """
  )

  @Option(name: [.customShort("s"), .customLong("seek")], parsing: .unconditional, help: ArgumentHelp("Start at byte OFFSET.", valueName: "OFFSET"))
  var seek: String?

  @Option(name: [.customShort("l"), .customLong("length")], parsing: .unconditional, help: ArgumentHelp("Stop after LENGTH bytes.", valueName: "LENGTH"))
  var length: String?

  @Option(name: [.customShort("c"), .customLong("cols")], parsing: .unconditional, help: ArgumentHelp("Bytes per row (default 16, at most 256).", valueName: "COLS"))
  var columns: String?

  @Option(help: ArgumentHelp("When to colour bytes by class (auto: when output is a terminal, unless NO_COLOR is set).", valueName: "WHEN"))
  var color: ColorChoice = .auto

  @Argument(help: "The file to dump.")
  var file: String

  func run() throws {
    let start = try seek.map { text throws(CommandLineFailure) in try NumberOption.parse(text, option: "-s") } ?? 0
    let limit = try length.map { text throws(CommandLineFailure) in try NumberOption.parse(text, option: "-l") }
    let rowWidth = try columns.map { text throws(CommandLineFailure) in try NumberOption.parse(text, option: "-c") }
      ?? HexDump.defaultColumns
    guard rowWidth <= HexDump.maximumColumns else {
      throw CommandLineFailure.outOfRange(
        "-c", columns ?? "", expected: "is too large (the most is \(HexDump.maximumColumns), as in xxd)")
    }
    let usesColor = color.usesColor(outputIsTerminal: isatty(STDOUT_FILENO) == 1)
    let format: HexDump
    do {
      format = try HexDump(columns: rowWidth, usesColor: usesColor)
    } catch {
      throw CommandLineFailure(message: "invalid -c: \(error)", exitCode: CommandLineFailure.usageExitCode)
    }
    let mapping: MemMap
    do {
      mapping = try MemMap.open(file, mode: .readOnly)
    } catch {
      throw CommandLineFailure.cannotOpen(file, error)
    }
    let range = HexDump.range(fileSize: mapping.count, start: start, length: limit)
    try? mapping.advise(.sequential, range: range)
    signal(SIGPIPE, SIG_IGN)  // A reader that goes away shows up as EPIPE, ending the dump quietly.
    do {
      try write(mapping, range: range, format: format)
    } catch .readerClosed {
      return
    } catch .failed(let reason) {
      throw CommandLineFailure(message: "cannot write the dump: \(reason)", exitCode: CommandLineFailure.failureExitCode)
    } catch .mapping(.fileTruncated(_, _, let fileSize)) {
      throw CommandLineFailure(
        message: "cannot dump '\(file)': it was truncated to \(fileSize) bytes by another process during the dump",
        exitCode: CommandLineFailure.failureExitCode)
    } catch .mapping(let error) {
      throw CommandLineFailure(message: error.description, exitCode: CommandLineFailure.failureExitCode)
    }
  }

  private enum DumpError: Error {
    case readerClosed
    case failed(reason: String)
    case mapping(MemMapError)
  }

  /// Formats `range` of `mapping` to standard output, about 1 MiB of input per write.
  private func write(_ mapping: borrowing MemMap, range: Range<Int>, format: HexDump) throws(DumpError) {
    var output = FileDescriptorOutput(descriptor: STDOUT_FILENO, capacity: 0)
    var bytes = [UInt8](repeating: 0, count: min(format.chunkSize, range.count))
    var text: [UInt8] = []
    var offset = range.lowerBound
    while offset < range.upperBound {
      let count = min(format.chunkSize, range.upperBound - offset)
      if count < bytes.count { bytes.removeLast(bytes.count - count) }
      do {
        // Guarded copy: a file truncated meanwhile is an error, not a crash.
        try mapping.read(at: offset, into: &bytes)
      } catch {
        throw .mapping(error)
      }
      text.removeAll(keepingCapacity: true)
      format.append(bytes, offset: offset, to: &text)
      do {
        try output.write(text)
      } catch {
        switch error {
        case .readerClosed: throw .readerClosed
        case .failed(let reason): throw .failed(reason: reason)
        }
      }
      offset += count
    }
  }
}
