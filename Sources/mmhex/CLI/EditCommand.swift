import ArgumentParser

/// `mmhex [FILE]`: the interactive viewer and editor (the default command).
struct Edit: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "edit",
    abstract: "Open FILE in the interactive viewer.",
    discussion: """
      Without FILE, an empty scratch buffer in memory is opened. A file you may not write \
      opens read-only. With a second file, both open in the compare view: side by side (or one \
      above the other), at the same offset, the bytes that differ highlighted; F8 and F7 go to the \
      next and previous difference, Ctrl-W switches the file being edited. Press F1 inside for the keys.
      """
  )

  @Argument(help: "The file to open; without it, an empty scratch buffer.")
  var file: String?

  @Argument(help: "A second file to compare FILE with.")
  var secondFile: String?

  @Flag(name: [.customShort("r"), .customLong("readonly")], help: "Open read-only: edits are refused, nothing is written.")
  var readOnly = false

  @Option(parsing: .unconditional, help: ArgumentHelp("Start with the cursor on byte N: 4096, 0x1000, 50%, end, end-16 (as at Ctrl-G).", valueName: "N"))
  var offset: String?

  @Option(parsing: .unconditional, help: ArgumentHelp("Bytes per row (default: the most that fit, a multiple of 8; at most what the terminal shows).", valueName: "N"))
  var width: String?

  @Option(help: ArgumentHelp("When to colour bytes by class (auto: on a terminal, unless NO_COLOR is set).", valueName: "WHEN"))
  var color: ColorChoice = .auto

  @Option(name: .customLong("scratch-size"), parsing: .unconditional, help: ArgumentHelp("Size of the scratch buffer (default: 65536).", valueName: "N"))
  var scratchSize: String?

  func run() throws {
    try ViewerLaunch(
      file: file, secondFile: secondFile, readOnly: readOnly, offset: offset, width: width, color: color, scratchSize: scratchSize
    ).run()
  }
}
