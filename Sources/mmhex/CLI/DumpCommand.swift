import ArgumentParser
import Glibc
import HexCore
import MemMap

/// `mmhex dump`: prints a hex dump in any of `xxd`'s formats; without colour, byte for byte what
/// `xxd` prints with the same options.
struct Dump: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "dump",
    abstract: "Print a hex dump of FILE (xxd's formats).",
    discussion: """
      Without colour (the default when output is not a terminal) the output is exactly what \
      'xxd' prints for the same options. FILE '-' (or no FILE) reads standard input; pipes, \
      FIFOs and devices are read as a stream, regular files are mapped. Numbers accept \
      decimal or 0x hex.
      """
  )

  @Option(
    name: [.customShort("s"), .customLong("seek")], parsing: .unconditional,
    help: ArgumentHelp("Start at byte OFFSET; -N starts N bytes before the end.", valueName: "OFFSET"))
  var seek: String?

  @Option(name: [.customShort("l"), .customLong("length")], parsing: .unconditional, help: ArgumentHelp("Stop after LENGTH bytes.", valueName: "LENGTH"))
  var length: String?

  @Option(
    name: [.customShort("c"), .customLong("cols")], parsing: .unconditional,
    help: ArgumentHelp("Bytes per line (default 16, at most 256; -p: 30, 0 for one line; -i: 12).", valueName: "COLS"))
  var columns: String?

  @Option(
    name: [.customShort("g"), .customLong("group-size")], parsing: .unconditional,
    help: ArgumentHelp("Bytes per group (default 2; -e: 4; 0: one group per line).", valueName: "BYTES"))
  var groupSize: String?

  @Flag(name: [.customShort("u"), .customLong("uppercase")], help: "Uppercase hex digits.")
  var uppercase = false

  @Flag(name: [.customShort("e"), .customLong("little-endian")], help: "Show each group last byte first (little-endian words).")
  var littleEndian = false

  @Flag(name: [.customShort("a"), .customLong("autoskip")], help: "Replace runs of all-zero lines with a single '*'.")
  var autoskip = false

  @Flag(name: [.customShort("p"), .customLong("plain")], help: "Plain hex digits only, 30 bytes per line.")
  var plain = false

  @Flag(name: [.customShort("i"), .customLong("include")], help: "A C array with its length, as a C include file.")
  var include = false

  @Option(
    name: [.customShort("n"), .customLong("name")],
    help: ArgumentHelp("The C array's name with -i (default: from FILE).", valueName: "NAME"))
  var name: String?

  @Option(help: ArgumentHelp("When to colour bytes by class (auto: when output is a terminal, unless NO_COLOR is set).", valueName: "WHEN"))
  var color: ColorChoice = .auto

  @Argument(help: "The file to dump; '-' or none reads standard input.")
  var file: String = InputFile.standardInputName

  func run() throws {
    let start = try DumpStart(seek)
    let limit = try length.map { text throws(CommandLineFailure) in try NumberOption.parse(text, option: "-l") }
    let format = try makeFormat()
    signal(SIGPIPE, SIG_IGN)  // A reader that goes away shows up as EPIPE, ending the dump quietly.
    var output = DumpOutput(format: format)
    do {
      switch InputFile.kind(of: file) {
      case .mapped: try dumpMapped(start: start, limit: limit, into: &output)
      case .streamed: try dumpStream(start: start, limit: limit, into: &output)
      }
      try output.finish()
    } catch .readerClosed {
      return
    } catch .failed(let message) {
      throw CommandLineFailure(message: message, exitCode: CommandLineFailure.failureExitCode)
    }
  }

  /// The format the flags ask for.
  private func makeFormat() throws(CommandLineFailure) -> HexDumpWriter.Format {
    guard [plain, include, littleEndian].filter({ $0 }).count <= 1 else {
      throw CommandLineFailure(message: "-p, -i and -e cannot be used together", exitCode: CommandLineFailure.usageExitCode)
    }
    let width = try columns.map { text throws(CommandLineFailure) in try NumberOption.parse(text, option: "-c") }
    let group = try groupSize.map { text throws(CommandLineFailure) in try NumberOption.parse(text, option: "-g") }
    guard plain || include || (width ?? 0) <= HexDump.maximumColumns else {
      throw CommandLineFailure.outOfRange(
        "-c", columns ?? "", expected: "is too large (the most is \(HexDump.maximumColumns), as in xxd)")
    }
    do throws(HexDumpError) {
      if plain {
        return .plain(try PlainHexDump(columns: width, uppercase: uppercase))
      }
      if include {
        let arrayName = name ?? (file == InputFile.standardInputName ? nil : file)
        return .cInclude(try CIncludeDump(columns: width, uppercase: uppercase, name: arrayName))
      }
      let usesColor = color.usesColor(outputIsTerminal: isatty(STDOUT_FILENO) == 1)
      let dump = try HexDump(
        columns: width ?? HexDump.defaultColumns, groupSize: group, littleEndian: littleEndian, uppercase: uppercase,
        usesColor: usesColor)
      return .rows(dump, skipsZeroRows: autoskip)
    } catch {
      let option = if case .invalidColumns = error { "-c" } else { "-g" }
      throw CommandLineFailure(message: "invalid \(option): \(error)", exitCode: CommandLineFailure.usageExitCode)
    }
  }

  /// Dumps a mapped regular file, about 1 MiB of input per write.
  private func dumpMapped(start: DumpStart, limit: Int?, into output: inout DumpOutput) throws(DumpOutput.Failure) {
    let mapping: MemMap
    do {
      mapping = try MemMap.open(file, mode: .readOnly)
    } catch {
      throw .failed(CommandLineFailure.cannotOpen(file, error).message)
    }
    let first: Int
    switch start {
    case .fromStart(let offset): first = offset
    case .fromEnd(let distance):
      guard distance <= mapping.count else {
        throw .failed("cannot seek to -\(distance): '\(file)' has only \(mapping.count) bytes")
      }
      first = mapping.count - distance
    }
    let range = HexDump.range(fileSize: mapping.count, start: first, length: limit)
    try? mapping.advise(.sequential, range: range)
    output.start(at: range.lowerBound)
    var bytes = [UInt8](repeating: 0, count: min(output.chunkSize, range.count))
    var offset = range.lowerBound
    while offset < range.upperBound {
      let count = min(output.chunkSize, range.upperBound - offset)
      if count < bytes.count { bytes.removeLast(bytes.count - count) }
      do {
        // Guarded copy: a file truncated meanwhile is an error, not a crash.
        try mapping.read(at: offset, into: &bytes)
      } catch .fileTruncated(_, _, let fileSize) {
        throw .failed("cannot dump '\(file)': it was truncated to \(fileSize) bytes by another process during the dump")
      } catch {
        throw .failed(error.userDescription)
      }
      try output.append(bytes)
      offset += count
    }
  }

  /// Dumps standard input or another stream as it arrives.
  private func dumpStream(start: DumpStart, limit: Int?, into output: inout DumpOutput) throws(DumpOutput.Failure) {
    let name = InputFile.displayName(file)
    var stream: ByteStream
    do {
      stream = try InputFile.openStream(file, exitCode: CommandLineFailure.failureExitCode)
    } catch {
      throw .failed(error.message)
    }
    guard case .fromStart(let offset) = start else {
      throw .failed("cannot seek from the end of \(name): it is read as a stream; save it to a file first")
    }
    let skipped: Int
    do {
      skipped = try stream.skip(offset)
    } catch {
      throw .failed("cannot read \(name): \(error)")
    }
    guard skipped == offset else { return }
    output.start(at: offset)
    do {
      try stream.forEachChunk(chunkSize: output.chunkSize, limit: limit ?? .max) { bytes throws(DumpOutput.Failure) in
        try output.append(bytes)
        return true
      }
    } catch {
      switch error {
      case .reading(let failure): throw .failed("cannot read \(name): \(failure)")
      case .body(let failure): throw failure
      }
    }
  }
}
