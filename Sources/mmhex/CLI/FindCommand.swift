import ArgumentParser

/// `mmhex find`: placeholder until the search command lands.
struct Find: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "find", abstract: "Print the offsets where a pattern occurs in FILE.")

  func run() throws {
    StandardError.writeLine("mmhex: find is not available yet")
    throw ExitCode(2)
  }
}
