/// A colour every colour terminal has: the eight standard ones and bright black (grey).
///
/// The viewer turns it into a curses colour, `mmhex dump --color` into an SGR code, so both
/// draw the same palette.
public enum TerminalColor: Int, Hashable, Sendable, CaseIterable {
  case black, red, green, yellow, blue, magenta, cyan, white
  /// Bright black, colour 8; terminals with fewer than 16 colours show bold black instead.
  case grey

  /// The SGR foreground code: `30`...`37`, `90` for grey.
  public var foregroundCode: Int {
    self == .grey ? 90 : 30 + rawValue
  }
}
