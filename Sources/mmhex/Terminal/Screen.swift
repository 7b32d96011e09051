import CNcurses
import Glibc
import HexCore

/// The terminal in curses mode: the only object that starts and stops ncurses.
///
/// Creating a `Screen` switches the terminal to raw, no-echo, keypad mode so that every chord
/// (Ctrl-S, Ctrl-Q, Ctrl-Z, Ctrl-Y, Ctrl-C) reaches the program, and turns on bracketed paste so
/// a paste arrives as one ``Key/paste(_:)``; ``close()`` (or a fatal signal, through
/// ``TerminalRestorer``) puts it back. Only one `Screen` exists at a time.
final class Screen {
  /// Why the terminal could not be put into curses mode.
  enum StartError: Error, CustomStringConvertible {
    case notATerminal(stream: String)
    case unknownTerminal(type: String)
    /// The terminal cannot place the cursor (`TERM=dumb`, a printing terminal), so a screen
    /// cannot be drawn on it.
    case noCursorAddressing(type: String)

    var description: String {
      switch self {
      case .notATerminal(let stream):
        "standard \(stream) is not a terminal (the viewer needs one; for a hex dump use 'mmhex dump FILE')"
      case .unknownTerminal(""):
        "TERM is not set, so the terminal's type is unknown (set TERM to your terminal, e.g. xterm-256color; "
          + "for a hex dump use 'mmhex dump FILE')"
      case .unknownTerminal(let type):
        "cannot use terminal type '\(type)' (set TERM to a terminal your system knows, e.g. xterm-256color)"
      case .noCursorAddressing(let type):
        "terminal type '\(type)' cannot move the cursor, which the viewer needs (for a hex dump use 'mmhex dump FILE'; "
          + "or set TERM to your terminal, e.g. xterm-256color)"
      }
    }
  }

  /// How long `readKey` waits for a key before reporting idleness.
  static let idleTimeoutMilliseconds: Int32 = 50
  /// How long `readKey` waits while the editor has work under way (a search): short enough that
  /// its progress and result show at about 60 frames a second.
  static let busyTimeoutMilliseconds: Int32 = 16
  /// How long ncurses waits after Esc for the rest of an escape sequence.
  static let escapeDelayMilliseconds: Int32 = 25

  /// Whether byte classes and bars are drawn in colour (asked for, and the terminal has colours).
  let usesColor: Bool
  /// Made on the first read, so reading the terminal description's keys does not delay the
  /// first frame.
  private lazy var keyDecoder = KeyDecoder()
  private let painter: FramePainter
  private var isOpen = true

  /// Puts the terminal into curses mode.
  ///
  /// - Parameter usesColor: whether to draw byte classes and the status bar in colour
  ///   (only honoured when the terminal has colours).
  /// - Throws: ``StartError`` when standard input or output is not a terminal, or the terminal
  ///   type is unknown or cannot place the cursor; the terminal is then left as it was.
  init(usesColor: Bool) throws(StartError) {
    guard isatty(STDIN_FILENO) == 1 else { throw .notATerminal(stream: "input") }
    guard isatty(STDOUT_FILENO) == 1 else { throw .notATerminal(stream: "output") }
    let terminalType = Self.environment("TERM") ?? ""
    guard !terminalType.isEmpty else { throw .unknownTerminal(type: "") }
    Self.selectUTF8Locale()
    set_escdelay(Self.escapeDelayMilliseconds)
    guard cn_newterm_stdio() != nil else { throw .unknownTerminal(type: terminalType) }
    guard cn_string_capability("cup") != nil else {
      endwin()
      throw .noCursorAddressing(type: terminalType)
    }
    TerminalRestorer.install()
    raw()  // Ctrl-C/Z/S/Q arrive as keys: no signals, no flow control.
    noecho()
    nonl()
    keypad(cn_stdscr(), true)
    intrflush(cn_stdscr(), false)
    wtimeout(cn_stdscr(), Self.idleTimeoutMilliseconds)
    mouseinterval(0)
    mousemask(cn_wheel_mask(), nil)
    self.usesColor = usesColor && Self.startColors()
    painter = FramePainter(palette: StylePalette(usesColor: self.usesColor))
  }

  deinit { close() }

  /// The current size in cells (ncurses updates it before delivering `.resize`).
  var size: TerminalSize {
    TerminalSize(columns: Int(max(cn_columns(), 0)), rows: Int(max(cn_rows(), 0)))
  }

  /// Waits up to `waitMilliseconds` (the idle timeout by default) for one key.
  ///
  /// - Returns: the key, or `nil` when none arrived in time.
  func readKey(waitMilliseconds: Int32 = idleTimeoutMilliseconds) -> Key? {
    keyDecoder.next(waitMilliseconds: waitMilliseconds)
  }

  /// Returns a key that has already arrived, without waiting.
  func readPendingKey() -> Key? {
    keyDecoder.next(waitMilliseconds: 0)
  }

  /// Draws `frame` over the whole screen.
  func paint(_ frame: Frame) {
    painter.paint(frame, size: size)
  }

  /// Puts `text` on the terminal's clipboard with the OSC 52 escape sequence (understood by
  /// xterm, kitty, iTerm2, WezTerm, Windows Terminal, and by tmux with `set-clipboard on`, also
  /// over ssh). A terminal that does not know it ignores it.
  func setClipboard(_ text: String) {
    // Curses has flushed its output at the end of the last frame, so this cannot split one of
    // its sequences.
    let sequence = Array("\u{1B}]52;c;".utf8) + Base64.encode(Array(text.utf8)) + [0x07]
    sequence.withUnsafeBytes { bytes in
      var written = 0
      while written < bytes.count {
        let result = write(STDOUT_FILENO, bytes.baseAddress! + written, bytes.count - written)
        if result > 0 {
          written += result
        } else if result < 0, errno == EINTR {
          continue
        } else {
          return  // the terminal went away or refuses output: the copy is still in mmhex's clipboard
        }
      }
    }
  }

  /// Leaves curses mode and restores the terminal; safe to call more than once.
  func close() {
    guard isOpen else { return }
    isOpen = false
    TerminalRestorer.restore()
  }

  private static func startColors() -> Bool {
    guard has_colors() else { return false }
    start_color()
    use_default_colors()
    return true
  }

  /// Picks the user's locale, falling back to C.UTF-8 so multi-byte text is drawn as one cell.
  private static func selectUTF8Locale() {
    setlocale(LC_ALL, "")
    if let codeset = nl_langinfo(nl_item(CODESET)), String(cString: codeset) == "UTF-8" { return }
    setlocale(LC_CTYPE, "C.UTF-8")
  }

  private static func environment(_ name: String) -> String? {
    getenv(name).map { String(cString: $0) }
  }
}
