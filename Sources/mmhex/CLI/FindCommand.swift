import ArgumentParser
import Glibc
import HexCore
import MemMap

/// `mmhex find`: prints the offset of every match of a pattern in one or more files.
struct Find: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "find",
    abstract: "Print the offset of every match of PATTERN in each FILE.",
    discussion: """
      PATTERN is read as hex bytes unless --text is given: 'de ad be ef', 'deadbeef' and \
      '0xdeadbeef' are the same; '??' matches any byte and a single '?' any nibble ('4?' is \
      0x40 to 0x4f). With --text it is literal text, searched as its UTF-8 bytes; add \
      --escapes to write bytes in it as \\xHH, \\n, \\t, \\r, \\0 and \\\\. --ignore-case \
      makes ASCII letters match in either case.

      Every match is printed, overlapping ones included, in ascending order, one per line as \
      '0x' and the offset in lowercase hex without leading zeros (0x0, 0x1f, 0x100000000); \
      with more than one FILE each line starts with the file's name and a colon. FILE '-' \
      reads standard input; pipes, FIFOs and devices are read as a stream, regular files are \
      mapped.

      Exit status: 0 if something matched, 1 if nothing did, 2 for any error: a bad pattern, \
      a bad number, a file that cannot be read, or a command line that cannot be parsed \
      (a missing argument, an unknown option).
      """
  )

  /// Exit status when nothing matched.
  static let notFoundExitCode: Int32 = 1
  /// Exit status for any error: a bad pattern, a bad number, an unreadable file, a bad command line.
  static let errorExitCode: Int32 = 2

  @Flag(help: "Read PATTERN as hex bytes (the default).")
  var hex = false

  @Flag(help: "Read PATTERN as literal text.")
  var text = false

  @Flag(help: "With --text: read \\xHH, \\n, \\t, \\r, \\0 and \\\\ in PATTERN as bytes.")
  var escapes = false

  @Flag(name: [.customShort("i"), .long], help: "Match ASCII letters in either case.")
  var ignoreCase = false

  @Flag(help: "Print only the number of matches (in decimal).")
  var count = false

  @Flag(help: "Print offsets in decimal.")
  var decimal = false

  @Flag(help: "Print one JSON object per match: {\"file\": …, \"offset\": …, \"length\": …}.")
  var json = false

  @Option(name: .customLong("max"), parsing: .unconditional, help: ArgumentHelp("Stop after N matches in each file.", valueName: "N"))
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

  @Argument(help: "The files to search; '-' reads standard input.")
  var file: [String]

  func run() throws {
    let limit =
      try maximum.map { text throws(CommandLineFailure) in try Self.parseNumber(text, option: "--max") } ?? .max
    let start = try seek.map { text throws(CommandLineFailure) in try Self.parseNumber(text, option: "-s") } ?? 0
    let byteLimit = try length.map { text throws(CommandLineFailure) in try Self.parseNumber(text, option: "-l") }
    let searchPattern = try parsePattern()
    signal(SIGPIPE, SIG_IGN)
    var printer = MatchPrinter(
      style: json ? .json : (decimal ? .decimal : .hex), namesFiles: file.count > 1, patternLength: searchPattern.count)
    var matchedAny = false
    var failed = false
    for path in file {
      let scope = FindScope(path: path, start: start, byteLimit: byteLimit, limit: limit)
      do {
        let found: Int
        switch InputFile.kind(of: path) {
        case .mapped: found = try findMapped(searchPattern, scope: scope, printer: &printer)
        case .streamed: found = try findStreamed(searchPattern, scope: scope, printer: &printer)
        }
        if count { try printer.printCount(found, file: path) }
        matchedAny = matchedAny || found > 0
      } catch .readerClosed {
        // Only printing a result can fail: something matched, and the reader has seen enough.
        matchedAny = true
        break
      } catch .failed(let message) {
        failed = true
        StandardError.writeLine("mmhex: \(message)")
      }
    }
    do {
      try printer.flush()
    } catch {
      if case .failed(let message) = error {
        StandardError.writeLine("mmhex: \(message)")
        failed = true
      }
    }
    if failed { throw ExitCode(Self.errorExitCode) }
    if !matchedAny { throw ExitCode(Self.notFoundExitCode) }
  }

  /// One file's search: where, how far, how many.
  struct FindScope {
    var path: String
    var start: Int
    var byteLimit: Int?
    var limit: Int
  }

  private func parsePattern() throws(CommandLineFailure) -> SearchPattern {
    guard !(hex && text) else {
      throw CommandLineFailure(message: "--hex and --text cannot be used together", exitCode: Self.errorExitCode)
    }
    guard !(decimal && json) else {
      throw CommandLineFailure(message: "--decimal and --json cannot be used together", exitCode: Self.errorExitCode)
    }
    guard !escapes || text else {
      throw CommandLineFailure(
        message: "--escapes applies to --text patterns (hex patterns are bytes already)", exitCode: Self.errorExitCode)
    }
    do {
      if escapes {
        let bytes: [UInt8]
        do {
          bytes = try EscapedText.bytes(of: pattern)
        } catch {
          throw CommandLineFailure(message: "bad pattern '\(pattern)': \(error)", exitCode: Self.errorExitCode)
        }
        let exact = try SearchPattern(bytes: bytes)
        return ignoreCase ? exact.ignoringASCIICase() : exact
      }
      return try SearchPattern(pattern, kind: text ? .text : .hex, ignoringCase: ignoreCase)
    } catch let error as SearchPatternError {
      let hint = !hex && !text && error != .empty ? " (to search for text, add --text)" : ""
      throw CommandLineFailure(
        message: "bad pattern '\(pattern)': \(error)\(hint)", exitCode: Self.errorExitCode)
    } catch let failure as CommandLineFailure {
      throw failure
    } catch {
      throw CommandLineFailure(message: "bad pattern '\(pattern)': \(error)", exitCode: Self.errorExitCode)
    }
  }

  private static func parseNumber(_ text: String, option: String) throws(CommandLineFailure) -> Int {
    do {
      return try NumberOption.parse(text, option: option, minimum: 0)
    } catch {
      throw CommandLineFailure(message: error.message, exitCode: errorExitCode)
    }
  }

  /// Searches a mapped file on every core; returns the number of matches.
  private func findMapped(
    _ searchPattern: SearchPattern, scope: FindScope, printer: inout MatchPrinter
  ) throws(MatchPrinter.Failure) -> Int {
    let search = ByteSearch(pattern: searchPattern)
    let mapping: MemMap
    do {
      mapping = try MemMap.open(scope.path, mode: .readOnly)
    } catch {
      throw .failed(CommandLineFailure.cannotOpen(scope.path, error).message)
    }
    try? mapping.advise(.sequential)
    let first = min(scope.start, mapping.count)
    let end = first + min(scope.byteLimit ?? .max, mapping.count - first)
    let starts = first..<max(first, end - search.pattern.count + 1)
    guard scope.limit > 0 else { return 0 }
    do {
      if count {
        return try search.countMatches(in: mapping, startingIn: starts, limit: scope.limit)
      }
      var found = 0
      var stopped: MatchPrinter.Failure?
      try search.forEachMatch(in: mapping, startingIn: starts, limit: scope.limit) { offset in
        found += 1
        do throws(MatchPrinter.Failure) {
          try printer.printMatch(at: offset, file: scope.path)
          return true
        } catch {
          stopped = error
          return false
        }
      }
      if let stopped { throw stopped }
      return found
    } catch let failure as MatchPrinter.Failure {
      throw failure
    } catch {
      throw .failed("cannot search '\(scope.path)': \(error)")
    }
  }

  /// Searches standard input or another stream as it arrives; returns the number of matches.
  private func findStreamed(
    _ searchPattern: SearchPattern, scope: FindScope, printer: inout MatchPrinter
  ) throws(MatchPrinter.Failure) -> Int {
    let name = InputFile.displayName(scope.path)
    var stream: ByteStream
    do {
      stream = try InputFile.openStream(scope.path, exitCode: Self.errorExitCode)
    } catch {
      throw .failed(error.message)
    }
    guard scope.limit > 0 else { return 0 }
    do {
      guard try stream.skip(scope.start) == scope.start else { return 0 }
    } catch {
      throw .failed("cannot read \(name): \(error)")
    }
    var search = StreamingSearch(pattern: searchPattern, startOffset: scope.start)
    var found = 0
    do {
      try stream.forEachChunk(limit: scope.byteLimit ?? .max) { bytes throws(MatchPrinter.Failure) in
        var stopped: MatchPrinter.Failure?
        search.feed(bytes) { offset in
          found += 1
          if !count {
            do throws(MatchPrinter.Failure) {
              try printer.printMatch(at: offset, file: scope.path)
            } catch {
              stopped = error
              return false
            }
          }
          return found < scope.limit
        }
        if let stopped { throw stopped }
        return found < scope.limit
      }
    } catch {
      switch error {
      case .reading(let failure): throw .failed("cannot read \(name): \(failure)")
      case .body(let failure): throw failure
      }
    }
    return found
  }
}
