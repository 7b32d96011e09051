import ArgumentParser
import Glibc

extension MMHex {
  /// Parses the command line, runs the chosen command and ends the process.
  ///
  /// Every failure ends here: the terminal is restored first, then one line goes to standard
  /// error (`mmhex: …`) and the process exits with the failure's status.
  static func runAsMain() -> Never {
    do {
      let arguments = Array(CommandLine.arguments.dropFirst())
      var command: any ParsableCommand =
        opensViewerDirectly(arguments) ? try Edit.parse(arguments) : try parseAsRoot()
      try command.run()
      Glibc.exit(0)
    } catch let failure as CommandLineFailure {
      TerminalRestorer.restore()
      StandardError.writeLine("mmhex: \(failure.message)")
      Glibc.exit(failure.exitCode)
    } catch {
      TerminalRestorer.restore()
      let code = exitCode(for: error)
      let message = message(for: error)
      // Help, --version and bare exit codes keep ArgumentParser's own output.
      if code == .success || message.isEmpty { self.exit(withError: error) }
      let firstLine = message.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? message
      let isFind = CommandLine.arguments.dropFirst().first == "find"
      StandardError.writeLine("mmhex: \(firstLine) (see 'mmhex \(isFind ? "find " : "")--help')")
      // `find` promises scripts 0 found, 1 none, 2 error: a bad command line is an error too.
      Glibc.exit(isFind ? Find.errorExitCode : code.rawValue)
    }
  }

  /// Whether the command line is the common `mmhex` or `mmhex FILE`: then only the viewer's
  /// command is parsed. Parsing from the root first reflects every subcommand (about 1.5 ms of
  /// start-up); the result is the same, since the viewer is the default subcommand.
  private static func opensViewerDirectly(_ arguments: [String]) -> Bool {
    switch arguments.count {
    case 0: return true
    case 1:
      let argument = arguments[0]
      let commands: [any ParsableCommand.Type] = [Edit.self, Dump.self, Find.self]
      let subcommands = commands.compactMap { $0.configuration.commandName } + ["help"]
      return !argument.hasPrefix("-") && !subcommands.contains(argument)
    default: return false
    }
  }
}
