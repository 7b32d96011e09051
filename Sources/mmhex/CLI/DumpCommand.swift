import ArgumentParser
import Glibc
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

  /// xxd's default and largest row widths.
  static let defaultColumns = 16
  static let maximumColumns = 256
  /// Bytes read from the mapping per step.
  static let chunkSize = 1 << 20

  @Option(name: [.customShort("s"), .customLong("seek")], help: ArgumentHelp("Start at byte OFFSET.", valueName: "OFFSET"))
  var seek: String?

  @Option(name: [.customShort("l"), .customLong("length")], help: ArgumentHelp("Stop after LENGTH bytes.", valueName: "LENGTH"))
  var length: String?

  @Option(name: [.customShort("c"), .customLong("cols")], help: ArgumentHelp("Bytes per row (default 16, at most 256).", valueName: "COLS"))
  var columns: String?

  @Option(help: ArgumentHelp("When to colour bytes by class (auto: when output is a terminal, unless NO_COLOR is set).", valueName: "WHEN"))
  var color: ColorChoice = .auto

  @Argument(help: "The file to dump.")
  var file: String

  func run() throws {
    let start = try seek.map { text throws(CommandLineFailure) in try NumberOption.parse(text, option: "-s") } ?? 0
    let limit = try length.map { text throws(CommandLineFailure) in try NumberOption.parse(text, option: "-l") }
    var rowWidth = try columns.map { text throws(CommandLineFailure) in try NumberOption.parse(text, option: "-c") }
      ?? Self.defaultColumns
    if rowWidth == 0 { rowWidth = Self.defaultColumns }  // as xxd
    guard rowWidth <= Self.maximumColumns else {
      throw CommandLineFailure.outOfRange(
        "-c", columns ?? "", expected: "is too large (the most is \(Self.maximumColumns), as in xxd)")
    }
    let mapping: MemMap
    do {
      mapping = try MemMap.open(file, mode: .readOnly)
    } catch {
      throw CommandLineFailure.cannotOpen(file, error)
    }
    let first = min(start, mapping.count)
    let available = mapping.count - first
    let end = first + min(limit ?? available, available)
    try? mapping.advise(.sequential)
    let formatter = HexDumpFormatter(
      columns: rowWidth, usesColor: color.usesColor(outputIsTerminal: isatty(STDOUT_FILENO) == 1))
    signal(SIGPIPE, SIG_IGN)  // A reader that goes away shows up as EPIPE, ending the dump quietly.
    do {
      try write(mapping, from: first, to: end, formatter: formatter)
    } catch .readerClosed {
      return
    } catch .failed(let reason) {
      throw CommandLineFailure(message: "cannot write the dump: \(reason)", exitCode: CommandLineFailure.failureExitCode)
    } catch .mapping(let error) {
      throw CommandLineFailure(message: error.description, exitCode: CommandLineFailure.failureExitCode)
    }
  }

  private enum DumpError: Error {
    case readerClosed
    case failed(reason: String)
    case mapping(MemMapError)
  }

  /// Formats bytes `first..<end` of `mapping` to standard output in large writes.
  private func write(
    _ mapping: borrowing MemMap, from first: Int, to end: Int, formatter: HexDumpFormatter
  ) throws(DumpError) {
    let rowsPerChunk = max(1, Self.chunkSize / formatter.columns)
    let chunkBytes = rowsPerChunk * formatter.columns
    var output = FileDescriptorOutput(descriptor: STDOUT_FILENO, capacity: 1 << 20)
    var bytes = [UInt8](repeating: 0, count: min(chunkBytes, end - first))
    var offset = first
    while offset < end {
      let count = min(chunkBytes, end - offset)
      if count < bytes.count { bytes.removeLast(bytes.count - count) }
      do {
        try mapping.read(at: offset, into: &bytes)
      } catch {
        throw .mapping(error)
      }
      let failure = bytes.withUnsafeBytes { chunk -> FileDescriptorOutput.WriteError? in
        var rowStart = 0
        while rowStart < chunk.count {
          let rowEnd = min(rowStart + formatter.columns, chunk.count)
          let row = UnsafeRawBufferPointer(rebasing: chunk[rowStart..<rowEnd])
          let rowOffset = offset + rowStart
          do throws(FileDescriptorOutput.WriteError) {
            try output.append(atMost: formatter.maximumRowLength) { free in
              formatter.formatRow(row, offset: rowOffset, into: free)
            }
          } catch {
            return error
          }
          rowStart = rowEnd
        }
        return nil
      }
      if let failure { throw Self.dumpError(failure) }
      offset += count
    }
    do {
      try output.flush()
    } catch {
      throw Self.dumpError(error)
    }
  }

  private static func dumpError(_ error: FileDescriptorOutput.WriteError) -> DumpError {
    switch error {
    case .readerClosed: .readerClosed
    case .failed(let reason): .failed(reason: reason)
    }
  }
}
