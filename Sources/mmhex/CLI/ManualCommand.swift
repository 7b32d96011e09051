import ArgumentParser

/// `mmhex generate-manual` (hidden): prints the manual page, for `Scripts/install.sh`.
struct GenerateManual: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "generate-manual",
    abstract: "Print the manual page (man(7) format) generated from the command definitions.",
    shouldDisplay: false
  )

  func run() throws {
    var output = FileDescriptorOutput(descriptor: 1, capacity: 1 << 16)
    do {
      try output.append(ManPage.render())
      try output.flush()
    } catch {
      throw CommandLineFailure(message: "cannot write the manual page", exitCode: CommandLineFailure.failureExitCode)
    }
  }
}
