import ArgumentParser
import Glibc
import HexCore
import MemMap

/// `mmhex patch`: writes the bytes of a hex dump back into a file at their offsets (`xxd -r`),
/// in place and crash-safe, through the same journaled save as the viewer's Ctrl-S.
struct Patch: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "patch",
    abstract: "Write the bytes of a hex dump into FILE at their offsets (like xxd -r).",
    discussion: """
      DUMP (default: standard input) is what 'mmhex dump' or 'xxd' prints: rows with offsets \
      (the text column is ignored, '*' lines are skipped), or with -p plain hex digits written \
      from offset 0. The whole dump is read and checked first: a line that does not parse \
      stops everything, naming the line, and nothing is written. Then only the bytes that \
      differ are written, in place, through a journal (as the viewer saves): after a crash, \
      the next 'mmhex patch' or 'mmhex FILE' restores exactly the old or the new bytes.

      Writing past the end of FILE is refused unless --grow is given; --grow first extends \
      the file with zero bytes (a crash after that can leave the file longer, padded with \
      zeros, but never changes its old bytes other than to the new ones).

      Exit status: 0 patched (or nothing to change), 1 bad input (a dump line that does not \
      parse, a write past the end without --grow; nothing was written), 2 any other error \
      (FILE cannot be opened or written, a bad command line).
      """
  )

  /// Exit status for a dump that cannot be applied (nothing was written).
  static let badInputExitCode: Int32 = 1
  /// Exit status for every other failure.
  static let errorExitCode: Int32 = 2

  @Flag(name: [.customShort("p"), .customLong("plain")], help: "DUMP is plain hex digits (dump -p, xxd -p), written from offset 0.")
  var plain = false

  @Option(
    name: [.customShort("s"), .customLong("seek")], parsing: .unconditional,
    help: ArgumentHelp("Add OFFSET to every offset of the dump (may be negative: -0x100).", valueName: "OFFSET"))
  var seek: String?

  @Flag(help: "Allow writing past the end of FILE: extend it first (with zero bytes up to the new data).")
  var grow = false

  @Argument(help: "The file to patch.")
  var file: String

  @Argument(help: "The dump to read; '-' or none reads standard input.")
  var dump: String = InputFile.standardInputName

  func run() throws {
    let shift = try parseSeek()
    var runs = try readDump(seek: shift)
    guard !runs.isEmpty else { return }
    if let message = try recoverInterruptedSave() { StandardError.writeLine("mmhex: \(message)") }
    var status = try fileStatus()
    let end = runs.map(\.endOffset).max() ?? 0
    if end > status.size {
      guard grow else {
        throw CommandLineFailure(
          message: "cannot patch '\(file)': the dump writes up to offset 0x\(String(end - 1, radix: 16)) but the file has "
            + "\(status.size) bytes; nothing was written (add --grow to extend it)",
          exitCode: Self.badInputExitCode)
      }
      try extend(to: end)
      status = try fileStatus()
    }
    let edits = try pendingEdits(taking: &runs)
    let outcome: SaveOutcome
    do {
      outcome = try Saver().save(edits, to: file, expecting: status)
    } catch {
      throw CommandLineFailure(message: error.description, exitCode: Self.errorExitCode)
    }
    switch outcome {
    case .saved(let report):
      if let warning = report.warning { StandardError.writeLine("mmhex: '\(file)' was patched; \(warning)") }
    case .fileChangedOnDisk, .destinationExists:
      throw CommandLineFailure(
        message: "cannot patch '\(file)': another process changed it while the dump was applied; nothing was written",
        exitCode: Self.errorExitCode)
    }
  }

  private func parseSeek() throws(CommandLineFailure) -> Int {
    guard let seek else { return 0 }
    do {
      if seek.hasPrefix("-") { return -(try NumberOption.parse(String(seek.dropFirst()), option: "--seek")) }
      return try NumberOption.parse(seek.hasPrefix("+") ? String(seek.dropFirst()) : seek, option: "--seek")
    } catch {
      throw CommandLineFailure(message: error.message, exitCode: Self.errorExitCode)
    }
  }

  /// Reads and checks the whole dump before anything is written; returns its bytes.
  private func readDump(seek shift: Int) throws(CommandLineFailure) -> [HexDumpParser.Run] {
    var parser = HexDumpParser(layout: plain ? .plain : .offsets, seek: shift)
    let name = dump == InputFile.standardInputName ? "the dump on standard input" : "the dump '\(dump)'"
    var stream = try InputFile.openStream(dump, exitCode: Self.errorExitCode)
    do {
      try stream.forEachChunk { bytes throws(HexDumpParseError) in
        try parser.feed(bytes)
        return true
      }
      try parser.finish()
      return parser.runs
    } catch let error as StreamFailure<HexDumpParseError> {
      switch error {
      case .reading(let failure):
        throw CommandLineFailure(message: "cannot read \(name): \(failure)", exitCode: Self.errorExitCode)
      case .body(let failure): throw badDump(name, failure)
      }
    } catch let error as HexDumpParseError {
      throw badDump(name, error)
    } catch {
      throw CommandLineFailure(message: "cannot read \(name): \(error)", exitCode: Self.errorExitCode)
    }
  }

  private func badDump(_ name: String, _ error: HexDumpParseError) -> CommandLineFailure {
    CommandLineFailure(
      message: "cannot patch '\(file)': \(name), \(error); nothing was written", exitCode: Self.badInputExitCode)
  }

  /// Finishes a save or patch that was interrupted, as opening the file in the viewer does.
  private func recoverInterruptedSave() throws(CommandLineFailure) -> String? {
    guard JournalRecovery.hasJournal(filePath: file) else { return nil }
    do {
      return try JournalRecovery.recover(filePath: file).message
    } catch {
      throw CommandLineFailure(message: "cannot patch '\(file)': \(error); nothing was written", exitCode: Self.errorExitCode)
    }
  }

  private func fileStatus() throws(CommandLineFailure) -> FileStatus {
    do {
      return try MemMap.status(ofFile: file)
    } catch {
      throw CommandLineFailure(message: CommandLineFailure.cannotOpen(file, error).message, exitCode: Self.errorExitCode)
    }
  }

  /// `--grow`: extends the file with zero bytes to `size` and syncs the new size, before the
  /// journaled write fills it.
  private func extend(to size: Int) throws(CommandLineFailure) {
    let descriptor = open(file, O_WRONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw CommandLineFailure(
        message: "cannot patch '\(file)': \(ByteStream.systemMessage(errno)); nothing was written", exitCode: Self.errorExitCode)
    }
    defer { close(descriptor) }
    guard ftruncate(descriptor, off_t(size)) == 0, fsync(descriptor) == 0 else {
      throw CommandLineFailure(
        message: "cannot extend '\(file)' to \(size) bytes: \(ByteStream.systemMessage(errno)); its bytes were not changed",
        exitCode: Self.errorExitCode)
    }
  }

  /// The bytes of `runs` that differ from the file, as pending edits over it; each run's bytes are
  /// released once copied, so the dump is not held twice.
  private func pendingEdits(taking runs: inout [HexDumpParser.Run]) throws(CommandLineFailure) -> PendingEdits {
    let mapping: MemMap
    do {
      mapping = try MemMap.open(file, mode: .readOnly)
    } catch {
      throw CommandLineFailure(message: CommandLineFailure.cannotOpen(file, error).message, exitCode: Self.errorExitCode)
    }
    var edits = PendingEdits()
    let pieceSize = 1 << 20
    for index in runs.indices {
      let run = runs[index]
      runs[index].bytes = []
      var start = 0
      while start < run.bytes.count {
        let count = min(pieceSize, run.bytes.count - start)
        let original: [UInt8]
        do {
          original = try mapping.read(at: run.offset + start, count: count)
        } catch {
          throw CommandLineFailure(message: "cannot read '\(file)': \(error); nothing was written", exitCode: Self.errorExitCode)
        }
        edits.setBytes(run.bytes[start..<(start + count)], at: run.offset + start, originals: original[...])
        start += count
      }
    }
    return edits
  }
}
