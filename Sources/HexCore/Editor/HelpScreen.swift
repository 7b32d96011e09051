/// The help screen: every key in ``KeyBinding/table``, generated so it cannot drift, and a
/// legend of the byte colours.
public enum HelpScreen {
  /// The first line of the help screen.
  public static let title = "mmhex keys (Esc or q closes, arrows and PgUp/PgDn scroll)"

  /// One entry: the keys and what they do.
  public struct Entry: Hashable, Sendable {
    /// The keys, for example `"Ctrl-Home, g (hex)"`.
    public var keys: String
    /// What they do.
    public var summary: String
  }

  /// Every listed binding, consecutive bindings with the same summary merged into one entry.
  public static let entries: [Entry] = {
    var entries: [Entry] = []
    for binding in KeyBinding.table where binding.isListedInHelp {
      var name = binding.triggerName
      switch binding.scope {
      case .anyPane: break
      case .hexPane: name += " (hex)"
      case .textPane: name += " (text)"
      }
      if let last = entries.last, last.summary == binding.summary {
        entries[entries.count - 1].keys += ", " + name
      } else {
        entries.append(Entry(keys: name, summary: binding.summary))
      }
    }
    return entries
  }()

  /// How offsets read, at Ctrl-G and in `--offset`.
  public static let offsetNotes = [
    "Offsets (Ctrl-G, --offset): 4096, 0x1000, +16 or -0x10 from the cursor, 50% of the size;",
    "end is the size, so end-16 is the first of the last 16 bytes (end alone: the last byte).",
    "In insert mode end alone is the append position, one past the last byte.",
  ]

  /// The heading of the colour legend.
  public static let legendTitle = "Byte colours (the same in 'mmhex dump --color always'):"

  /// The colour legend: each class's sample byte in its colour, then its name.
  public static let legend: StyledLine = {
    var runs = [StyledRun("  ", .help)]
    for byteClass in ByteClass.allCases {
      let hex = String(byteClass.sample, radix: 16)
      runs.append(StyledRun(hex.count == 1 ? "0" + hex : hex, .byte(byteClass)))
      runs.append(StyledRun(" " + byteClass.legendName + (byteClass == ByteClass.allCases.last ? "" : "  "), .help))
    }
    return StyledLine(runs)
  }()

  /// The help screen, one styled line per row.
  public static let styledLines: [StyledLine] = {
    let keyWidth = entries.map(\.keys.count).max() ?? 0
    var lines = [title, ""]
    for entry in entries {
      let padding = String(repeating: " ", count: keyWidth - entry.keys.count)
      lines.append("  " + entry.keys + padding + "  " + entry.summary)
    }
    lines += [""] + offsetNotes + ["", legendTitle]
    return lines.map { StyledLine([StyledRun($0, .help)]) } + [legend]
  }()

  /// The help text, one string per line, without styles.
  public static let lines: [String] = styledLines.map(\.text)

  /// The largest useful scroll position for a screen of `height` rows.
  public static func maximumScroll(height: Int) -> Int {
    max(lines.count - max(height, 1), 0)
  }

  /// `height` lines of help starting at line `scroll`, each cut to `width` cells.
  public static func render(width: Int, height: Int, scroll: Int) -> [StyledLine] {
    guard width > 0, height > 0 else { return [] }
    let first = min(max(scroll, 0), maximumScroll(height: height))
    return styledLines[first..<min(lines.count, first + height)].map { clipped($0, to: width) }
  }

  /// `line` without the cells past `width`.
  private static func clipped(_ line: StyledLine, to width: Int) -> StyledLine {
    var room = width
    var runs: [StyledRun] = []
    for run in line.runs where room > 0 {
      let text = String(run.text.prefix(room))
      room -= text.count
      runs.append(StyledRun(text, run.style))
    }
    return StyledLine(runs)
  }
}
