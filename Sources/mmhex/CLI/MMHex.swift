import ArgumentParser

/// The `mmhex` command: the interactive viewer by default, plus `dump` and `find`.
struct MMHex: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "mmhex",
    abstract: "View and edit files of any size as hex, in the terminal.",
    discussion: """
      Files are memory-mapped, so a terminal-sized window into a 1 TiB file opens as fast as \
      a small one. Numbers accept decimal (4096) or hex with 0x (0x1000).
      """,
    version: "mmhex 0.1.0",
    subcommands: [Edit.self, Dump.self, Find.self],
    defaultSubcommand: Edit.self
  )
}
