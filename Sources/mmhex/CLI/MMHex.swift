import ArgumentParser

/// The `mmhex` command: the interactive viewer by default, plus `dump` and `find`.
struct MMHex: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "mmhex",
    abstract: "View and edit files of any size as hex, in the terminal.",
    usage: """
      mmhex [FILE] [-r] [--offset N] [--width N] [--color WHEN] [--scratch-size N]
      mmhex A B [-r] [--offset N] [--width N] [--color WHEN]
      mmhex dump [-p | -i [-n NAME] | -e] [-s OFFSET] [-l LENGTH] [-c COLS] [-g BYTES] [-u] [-a] [--color WHEN] [FILE | -]
      mmhex find [--hex | --text [--escapes]] [--ignore-case] [--count] [--decimal | --json] [--max N] [-s OFFSET] [-l LENGTH] PATTERN FILE...
      mmhex patch [-p] [--seek OFFSET] [--grow] FILE [DUMP | -]
      mmhex cmp [-s OFFSET] [-l LENGTH] [--count] [--max N] A B
      """,
    discussion: """
      Files are memory-mapped, so a terminal-sized window into a 1 TiB file opens as fast as \
      a small one. Without FILE an empty scratch buffer is opened. Numbers accept decimal \
      (4096) or hex with 0x (0x1000). F1 in the viewer lists its keys; edits stay pending \
      until Ctrl-S saves them.

      VIEWER OPTIONS:
        -r, --readonly          Open read-only; nothing is ever written.
        --offset <N>            Start on byte N: 4096, 0x1000, 50%, end, end-16.
        --width <N>             Bytes per row (default and most: as many as fit).
        --color <WHEN>          auto, always or never (auto honours NO_COLOR).
        --scratch-size <N>      Size of the scratch buffer (default 65536).
      """,
    version: "mmhex 0.1.0",
    subcommands: [Edit.self, Dump.self, Find.self, Patch.self, Cmp.self, GenerateManual.self],
    defaultSubcommand: Edit.self
  )
}
