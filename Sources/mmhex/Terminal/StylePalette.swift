import CNcurses
import HexCore

/// Maps the model's semantic ``Style``s to ncurses attributes, one colour pair per coloured style.
///
/// With colour off only attributes remain, chosen so every state stays visible in monochrome:
/// cursor reversed, edited bold and underlined, match standout, selection bold and reversed, a
/// difference from the compared file bold, status bar reversed.
struct StylePalette {
  private let attributes: [Style: attr_t]

  /// Builds the palette; with `usesColor` it also defines the colour pairs (curses must be started
  /// and `start_color` called).
  init(usesColor: Bool) {
    var attributes: [Style: attr_t] = [
      .plain: cn_a_normal(),
      .offset: cn_a_normal(),
      .cursor: cn_a_reverse(),
      .cursorShadow: cn_a_underline(),
      .edited: cn_a_bold() | cn_a_underline(),
      .match: cn_a_standout(),
      .selection: cn_a_reverse() | cn_a_bold(),
      .inspected: cn_a_underline() | cn_a_bold(),
      .difference: cn_a_bold(),
      .statusBar: cn_a_reverse(),
      .message: cn_a_bold(),
      .error: cn_a_bold(),
      .prompt: cn_a_bold(),
      .selectedText: cn_a_reverse(),
      .help: cn_a_normal(),
    ]
    for byteClass in ByteClass.allCases { attributes[.byte(byteClass)] = cn_a_normal() }
    if usesColor {
      Self.addColors(to: &attributes)
    }
    self.attributes = attributes
  }

  /// The attributes (colour pair included) that draw `style`.
  func attributes(for style: Style) -> attr_t {
    attributes[style] ?? cn_a_normal()
  }

  /// Byte classes in the palette `mmhex dump --color` uses too (``ByteClass/color``); -1 is the
  /// terminal's default colour.
  private static func addColors(to attributes: inout [Style: attr_t]) {
    let hasBrightColors = cn_colors() >= 16
    var colored: [(Style, foreground: Int16, background: Int16, extra: attr_t)] = ByteClass.allCases.map {
      // Without bright colours, grey is approximated by bold black.
      let extra = $0.color == .grey && !hasBrightColors ? cn_a_bold() : cn_a_normal()
      return (.byte($0), cursesColor($0.color, hasBrightColors: hasBrightColors), -1, extra)
    }
    colored += [
      (.offset, cn_color_blue(), -1, cn_a_normal()),
      (.edited, cn_color_red(), -1, cn_a_bold() | cn_a_underline()),
      (.match, cn_color_black(), cn_color_yellow(), cn_a_normal()),
      (.selection, cn_color_black(), cn_color_cyan(), cn_a_normal()),
      (.inspected, cn_color_magenta(), -1, cn_a_bold() | cn_a_underline()),
      (.difference, cn_color_white(), cn_color_red(), cn_a_bold()),
      (.statusBar, cn_color_white(), cn_color_blue(), cn_a_normal()),
      (.error, cn_color_red(), -1, cn_a_bold()),
      (.prompt, cn_color_yellow(), -1, cn_a_bold()),
    ]
    for (index, entry) in colored.enumerated() {
      let pair = Int16(index + 1)
      guard init_pair(pair, entry.foreground, entry.background) == cn_ok() else { continue }
      attributes[entry.0] = cn_color_pair(Int32(pair)) | entry.extra
    }
  }

  /// The curses colour number of `color`.
  private static func cursesColor(_ color: TerminalColor, hasBrightColors: Bool) -> Int16 {
    switch color {
    case .black: cn_color_black()
    case .red: cn_color_red()
    case .green: cn_color_green()
    case .yellow: cn_color_yellow()
    case .blue: cn_color_blue()
    case .magenta: cn_color_magenta()
    case .cyan: cn_color_cyan()
    case .white: cn_color_white()
    // Colour 8 is bright black on 16-colour terminals; ncurses has no name for it.
    case .grey: hasBrightColors ? cn_color_black() + 8 : cn_color_black()
    }
  }
}
