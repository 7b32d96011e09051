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
      if opensViewerDirectly(arguments) {
        try ViewerLaunch(file: arguments.first).run()
      } else {
        var command = try parseAsRoot()
        try command.run()
      }
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
      let subcommand = CommandLine.arguments.dropFirst().first
      let scripted = [Find.configuration.commandName, Patch.configuration.commandName].contains(subcommand)
      StandardError.writeLine("mmhex: \(firstLine) (see 'mmhex \(scripted ? "\(subcommand ?? "") " : "")--help')")
      // `find` and `patch` promise scripts 0, 1 and 2 for any other error: a bad command line too.
      Glibc.exit(scripted ? Find.errorExitCode : code.rawValue)
    }
  }

  /// Whether the command line is the common `mmhex` or `mmhex FILE`: then the viewer starts
  /// without ArgumentParser, whose reflection over every command costs about 1 to 2 ms of
  /// start-up. The result is the same: the viewer is the default subcommand, and FILE is its
  /// only argument.
  private static func opensViewerDirectly(_ arguments: [String]) -> Bool {
    switch arguments.count {
    case 0: return true
    case 1:
      let argument = arguments[0]
      let commands: [any ParsableCommand.Type] = MMHex.configuration.subcommands
      let subcommands = commands.compactMap { $0.configuration.commandName } + ["help"]
      return !argument.hasPrefix("-") && !subcommands.contains(argument)
    default: return false
    }
  }
}
