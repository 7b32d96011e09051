import ArgumentParser
import Glibc
import HexCore

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
      StandardError.writeLine("mmhex: \(failure.message.escapingControlCharacters)")
      Glibc.exit(failure.exitCode)
    } catch {
      TerminalRestorer.restore()
      let code = exitCode(for: error)
      let message = message(for: error)
      if code == .success { printHelpOrVersion(fullMessage(for: error)) }
      // Bare exit codes (find's "nothing matched") keep ArgumentParser's own handling.
      if message.isEmpty { self.exit(withError: error) }
      let firstLine = message.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? message
      let subcommand = CommandLine.arguments.dropFirst().first
      let scripted = [Find.configuration.commandName, Patch.configuration.commandName, Cmp.configuration.commandName].contains(subcommand)
      StandardError.writeLine("mmhex: \(firstLine) (see 'mmhex \(scripted ? "\(subcommand ?? "") " : "")--help')")
      // `find`, `patch` and `cmp` promise scripts 0, 1 and 2 for any other error: a bad command line too.
      Glibc.exit(scripted ? Find.errorExitCode : code.rawValue)
    }
  }

  /// Prints the help or version text and exits 0, or, when standard output cannot take it
  /// (`mmhex --version > /dev/full`), says so on standard error and exits 1.
  private static func printHelpOrVersion(_ text: String) -> Never {
    var output = FileDescriptorOutput(descriptor: STDOUT_FILENO, capacity: 0)
    do {
      try output.write(Array((text + "\n").utf8))
    } catch {
      let reason: String
      switch error {
      case .readerClosed: reason = "the reader closed the pipe"
      case .failed(let systemReason): reason = systemReason
      }
      StandardError.writeLine("mmhex: cannot write to standard output: \(reason)")
      Glibc.exit(CommandLineFailure.failureExitCode)
    }
    Glibc.exit(0)
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
