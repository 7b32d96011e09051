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
    try requireRegularFile()
    if let message = try recoverInterruptedSave() { StandardError.writeLine("mmhex: \(message)") }
    var status = try fileStatus()
    let (edits, end) = try readEdits(seek: shift)
    guard edits.hasChanges || end > status.size else { return }
    if end > status.size {
      guard grow else {
        throw CommandLineFailure(
          message: "cannot patch '\(file)': the dump writes up to offset 0x\(String(end - 1, radix: 16)) but the file has "
            + "\(status.size) bytes; nothing was written (add --grow to extend it)",
          exitCode: Self.badInputExitCode)
      }
      let expected = try fileStatus()
      guard expected == status else { throw changedMeanwhile() }
      try extend(to: end)
      status = try fileStatus()
    }
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
      throw changedMeanwhile()
    }
  }

  private func changedMeanwhile() -> CommandLineFailure {
    CommandLineFailure(
      message: "cannot patch '\(file)': another process changed it while the dump was read; nothing was written",
      exitCode: Self.errorExitCode)
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

  /// Why the dump could not be turned into edits.
  private enum ReadFailure: Error {
    case badDump(HexDumpParseError)
    case unreadableDump(ByteStream.ReadError)
    case unreadableFile(ByteStream.ReadError)
  }

  /// Reads and checks the whole dump before anything is written. Each piece becomes edits at
  /// once (only the bytes that differ from the file are kept), so a large dump that changes
  /// little costs little memory. Returns the edits and the offset just past the dump's last byte.
  private func readEdits(seek shift: Int) throws(CommandLineFailure) -> (PendingEdits, end: Int) {
    let name = dump == InputFile.standardInputName ? "the dump on standard input" : "the dump '\(dump)'"
    let original: FileBytesReader
    do {
      original = try FileBytesReader(path: file)
    } catch {
      throw CommandLineFailure(message: "cannot open '\(file)': \(error)", exitCode: Self.errorExitCode)
    }
    var stream = try InputFile.openStream(dump, exitCode: Self.errorExitCode)
    var parser = HexDumpParser(layout: plain ? .plain : .offsets, seek: shift)
    var edits = PendingEdits()
    var end = 0
    do throws(ReadFailure) {
      do throws(StreamFailure<ReadFailure>) {
        try stream.forEachChunk { bytes throws(ReadFailure) in
          do throws(HexDumpParseError) {
            try parser.feed(bytes)
          } catch {
            throw .badDump(error)
          }
          try Self.add(parser.takeRuns(), to: &edits, end: &end, original: original)
          return true
        }
      } catch {
        switch error {
        case .reading(let failure): throw .unreadableDump(failure)
        case .body(let failure): throw failure
        }
      }
      do throws(HexDumpParseError) {
        try parser.finish()
      } catch {
        throw .badDump(error)
      }
      try Self.add(parser.takeRuns(), to: &edits, end: &end, original: original)
    } catch {
      switch error {
      case .badDump(let failure):
        throw CommandLineFailure(
          message: "cannot patch '\(file)': \(name), \(failure); nothing was written", exitCode: Self.badInputExitCode)
      case .unreadableDump(let failure):
        throw CommandLineFailure(message: "cannot read \(name): \(failure); nothing was written", exitCode: Self.errorExitCode)
      case .unreadableFile(let failure):
        throw CommandLineFailure(message: "cannot read '\(file)': \(failure); nothing was written", exitCode: Self.errorExitCode)
      }
    }
    return (edits, end)
  }

  /// Adds the bytes of `runs` that differ from the file to `edits`, a mebibyte at a time.
  private static func add(
    _ runs: [HexDumpParser.Run], to edits: inout PendingEdits, end: inout Int, original: FileBytesReader
  ) throws(ReadFailure) {
    let pieceSize = 1 << 20
    for run in runs {
      end = max(end, run.endOffset)
      var start = 0
      while start < run.bytes.count {
        let count = min(pieceSize, run.bytes.count - start)
        let originals: [UInt8]
        do {
          originals = try original.read(at: run.offset + start, count: count)
        } catch {
          throw .unreadableFile(error)
        }
        edits.setBytes(run.bytes[start..<(start + count)], at: run.offset + start, originals: originals[...])
        start += count
      }
    }
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

  /// Refuses anything but a regular file whose size tells its content, before reading the dump
  /// (a FIFO would block, a device or a `/proc` file cannot be written this way).
  private func requireRegularFile() throws(CommandLineFailure) {
    var status = stat()
    // A path that does not exist is reported by the status check that follows.
    guard stat(file, &status) == 0 else { return }
    if status.st_mode & S_IFMT == S_IFREG {
      guard status.st_size == 0, try InputFile.contentReportedAsEmpty(file) != nil else { return }
      throw CommandLineFailure(
        message: "cannot patch '\(file)': it reports a size of 0 but has content (as /proc files do); nothing was written",
        exitCode: Self.errorExitCode)
    }
    // The mapping library names what it is (a directory, a FIFO, a device) without opening it.
    do {
      _ = try MemMap.open(file, mode: .readOnly)
    } catch {
      throw CommandLineFailure(message: CommandLineFailure.cannotOpen(file, error).message, exitCode: Self.errorExitCode)
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
}
