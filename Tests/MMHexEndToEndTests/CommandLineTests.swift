import Foundation
import Testing

/// Bad command lines end with one clear line on standard error and a non-zero status.
@Suite struct CommandLineTests {
  /// A bad command line, the line it must print and the status it must end with.
  enum BadCommandLine: String, CaseIterable, Sendable {
    case missingFile, directory, fifo, deviceWithoutSize, dumpMissingFile
    case offsetNotANumber, offsetHexWithoutPrefix, offsetTooLarge, widthZero, scratchSizeZero
    case dumpColumnsTooMany, dumpSeekNotANumber, dumpLengthNegative
    case colorWord, unknownOption
    case standardInputNotATerminal

    /// Builds the arguments inside `folder` (creating what the case needs).
    func arguments(in folder: TemporaryDirectory) throws -> [String] {
      let file = try folder.file("data.bin", bytes: Array("0123456789abcdef".utf8))
      switch self {
      case .missingFile: return [folder.path("missing.bin")]
      case .directory: return [folder.url.path]
      case .fifo:
        let fifo = folder.path("pipe")
        #expect(try MMHexBinary.runProgram("mkfifo", [fifo]).status == 0)
        return [fifo]
      case .deviceWithoutSize: return ["/dev/null"]
      case .dumpMissingFile: return ["dump", folder.path("missing.bin")]
      case .offsetNotANumber: return ["--offset", "12z", file]
      case .offsetHexWithoutPrefix: return ["--offset", "ff", file]
      case .offsetTooLarge: return ["--offset", "0x10000000000000000", file]
      case .widthZero: return ["--width", "0", file]
      case .scratchSizeZero: return ["--scratch-size", "0"]
      case .dumpColumnsTooMany: return ["dump", "-c", "300", file]
      case .dumpSeekNotANumber: return ["dump", "-s", "0xg", file]
      case .dumpLengthNegative: return ["dump", "-l=-5", file]
      case .colorWord: return ["--color", "sometimes", file]
      case .unknownOption: return ["--bogus", file]
      case .standardInputNotATerminal: return [file]
      }
    }

    /// The exact line on standard error.
    func message(in folder: TemporaryDirectory) -> String {
      switch self {
      case .missingFile: "mmhex: cannot open '\(folder.path("missing.bin"))': no such file"
      case .directory: "mmhex: cannot open '\(folder.url.path)': it is a directory"
      case .fifo: "mmhex: cannot open '\(folder.path("pipe"))': it is a FIFO (named pipe), not a regular file"
      case .deviceWithoutSize: "mmhex: cannot open '/dev/null': it is a character device, not a regular file"
      case .dumpMissingFile: "mmhex: cannot open '\(folder.path("missing.bin"))': no such file"
      case .offsetNotANumber: "mmhex: invalid --offset: '12z' is not a number (use decimal like 4096 or hex like 0x1000)"
      case .offsetHexWithoutPrefix: "mmhex: invalid --offset: 'ff' is not a decimal number (write hex with a 0x prefix)"
      case .offsetTooLarge: "mmhex: invalid --offset: '0x10000000000000000' is too large (the largest is 9223372036854775807)"
      case .widthZero: "mmhex: invalid --width: '0' is too small (the least is 1)"
      case .scratchSizeZero: "mmhex: invalid --scratch-size: '0' is too small (the least is 1)"
      case .dumpColumnsTooMany: "mmhex: invalid -c: '300' is too large (the most is 256, as in xxd)"
      case .dumpSeekNotANumber: "mmhex: invalid -s: '0xg' is not a number (use decimal like 4096 or hex like 0x1000)"
      case .dumpLengthNegative: "mmhex: invalid -l: '-5' is negative; use zero or more"
      case .colorWord:
        "mmhex: The value 'sometimes' is invalid for '--color <WHEN>'. Please provide one of 'auto', 'always' or 'never'. (see 'mmhex --help')"
      case .unknownOption: "mmhex: Unknown option '--bogus' (see 'mmhex --help')"
      case .standardInputNotATerminal:
        "mmhex: standard input is not a terminal (the viewer needs one; for a hex dump use 'mmhex dump FILE')"
      }
    }

    /// The exit status: 64 for a command line that cannot be acted on, 1 for the rest.
    var status: Int32 {
      switch self {
      case .missingFile, .directory, .fifo, .deviceWithoutSize, .dumpMissingFile, .standardInputNotATerminal: 1
      default: 64
      }
    }
  }

  @Test(arguments: BadCommandLine.allCases)
  func badCommandLinePrintsOneLine(_ badCase: BadCommandLine) throws {
    let folder = try TemporaryDirectory()
    let result = try MMHexBinary.run(try badCase.arguments(in: folder))
    #expect(result.standardError == badCase.message(in: folder) + "\n")
    #expect(result.status == badCase.status)
    #expect(result.standardOutput.isEmpty)
  }

  @Test func versionIsPrinted() throws {
    let result = try MMHexBinary.run(["--version"])
    #expect(result.status == 0)
    #expect(result.outputText == "mmhex 0.1.0\n")
  }

  @Test func helpShowsTheUsageOfEveryCommand() throws {
    let result = try MMHexBinary.run(["--help"])
    #expect(result.status == 0)
    for expected in [
      "USAGE: mmhex [FILE] [-r] [--offset N] [--width N] [--color WHEN] [--scratch-size N]",
      "\n       mmhex dump [-p | -i [-n NAME] | -e] [-s OFFSET] [-l LENGTH] [-c COLS] [-g BYTES] [-u] [-a] [--color WHEN] [FILE | -]\n",
      "\n       mmhex patch [-p] [--seek OFFSET] [--grow] FILE [DUMP | -]\n",
      "edit (default)", "dump ", "find ", "patch ",
    ] {
      #expect(result.outputText.contains(expected), "help lacks \(expected)")
    }
  }

  @Test func editorHelpListsItsOptions() throws {
    let result = try MMHexBinary.run(["help", "edit"])
    #expect(result.status == 0)
    for expected in ["-r, --readonly", "--offset <N>", "--width <N>", "--color <WHEN>", "--scratch-size <N>"] {
      #expect(result.outputText.contains(expected), "help lacks \(expected)")
    }
  }
}
