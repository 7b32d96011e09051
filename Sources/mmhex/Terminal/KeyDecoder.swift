import CNcurses
import HexCore

/// Turns what ncurses reads from the terminal into ``Key`` values.
///
/// Characters arrive through `wget_wch`, so UTF-8 input becomes one `Character`. Key codes are
/// asked from the header (and, for extended keys such as Ctrl-Home, from the terminal description
/// by capability name), never written down as numbers here.
struct KeyDecoder {
  private let codes: [Int32: Key]
  private let firstFunctionKey: Int32
  private let lastFunctionKey: Int32

  /// Reads the key codes of the current terminal; call after curses has started.
  init() {
    var codes: [Int32: Key] = [
      cn_key_up(): .up, cn_key_down(): .down, cn_key_left(): .left, cn_key_right(): .right,
      cn_key_home(): .home, cn_key_end(): .end, cn_key_page_up(): .pageUp, cn_key_page_down(): .pageDown,
      cn_key_a1(): .home, cn_key_c1(): .end, cn_key_a3(): .pageUp, cn_key_c3(): .pageDown,
      cn_key_back_tab(): .backTab, cn_key_enter(): .enter,
      cn_key_backspace(): .backspace, cn_key_delete(): .delete,
      cn_key_resize(): .resize,
    ]
    for (capability, key) in [("kHOM5", Key.controlHome), ("kEND5", Key.controlEnd)] {
      let code = cn_extended_key_code(capability)
      if code > 0 { codes[code] = key }
    }
    self.codes = codes
    firstFunctionKey = cn_key_f(1)
    lastFunctionKey = cn_key_f(cn_function_key_count())
  }

  /// Reads the next key.
  ///
  /// - Parameter waitMilliseconds: how long to wait for one; `0` returns at once.
  /// - Returns: the key, or `nil` when nothing (or only an event we ignore, such as a mouse click)
  ///   arrived.
  func next(waitMilliseconds: Int32) -> Key? {
    let window = cn_stdscr()
    wtimeout(window, waitMilliseconds)
    var value: wint_t = 0
    switch wget_wch(window, &value) {
    case cn_key_code_yes(): return decode(keyCode: Int32(bitPattern: value))
    case cn_ok():
      let key = Self.decode(character: UInt32(value))
      return key == .escape ? Self.skipUnknownSequence() : key
    default: return nil
    }
  }

  /// After an Esc: a key the terminal description does not know (Ctrl-End on some terminals,
  /// say) arrives as Esc and the rest of its escape sequence. Reads and drops that rest, so
  /// its characters are never typed into the file, and reports one unknown key. The start of
  /// a bracketed paste (`Esc [ 200 ~`) instead reads the whole paste.
  ///
  /// - Returns: `.escape` when Esc was pressed on its own, `.paste` for a bracketed paste.
  private static func skipUnknownSequence() -> Key {
    let window = cn_stdscr()
    wtimeout(window, 0)
    var value: wint_t = 0
    let status = wget_wch(window, &value)
    if status == cn_key_code_yes() {
      // Esc, then a key ncurses recognised (typed quickly): keep that key for the next read.
      ungetch(Int32(bitPattern: value))
      return .escape
    }
    guard status == cn_ok() else { return .escape }
    let introducer = UInt32(value)
    guard introducer == UInt32(UInt8(ascii: "[")) || introducer == UInt32(UInt8(ascii: "O")) else {
      unget_wch(wchar_t(value))
      return .escape
    }
    // A control sequence ends with a byte in 0x40...0x7E; before it come parameter and
    // intermediate bytes (0x20...0x3F). SS3 (Esc O) is followed by exactly one byte.
    var body: [UInt32] = []
    while wget_wch(window, &value) == cn_ok() {
      body.append(UInt32(value))
      if introducer == UInt32(UInt8(ascii: "O")) || (0x40...0x7E).contains(UInt32(value)) { break }
    }
    if introducer == UInt32(UInt8(ascii: "[")), body == Self.pasteStartBody {
      return readPaste()
    }
    return .unknown(0x1B)
  }

  /// What follows `Esc [` at the start of a bracketed paste: `200~`.
  private static let pasteStartBody = "200~".unicodeScalars.map(\.value)
  /// The sequence that ends a bracketed paste.
  private static let pasteEnd = Array("\u{1B}[201~".unicodeScalars)
  /// How long a paste may pause before what arrived is taken as the whole paste (a terminal
  /// that never sends the end marker must not freeze the editor).
  private static let pastePauseMilliseconds: Int32 = 1000

  /// Reads a bracketed paste up to its end marker, with keypad decoding off so that nothing in
  /// the pasted text is taken for a key.
  private static func readPaste() -> Key {
    let window = cn_stdscr()
    keypad(window, false)
    defer { keypad(window, true) }
    wtimeout(window, pastePauseMilliseconds)
    var scalars: [Unicode.Scalar] = []
    var value: wint_t = 0
    while true {
      let status = wget_wch(window, &value)
      // A resize during the paste: the next frame reads the new size anyway.
      if status == cn_key_code_yes() { continue }
      guard status == cn_ok(), let scalar = Unicode.Scalar(UInt32(value)) else { break }
      scalars.append(scalar)
      if scalar == "~", scalars.count >= pasteEnd.count, scalars.suffix(pasteEnd.count).elementsEqual(pasteEnd) {
        scalars.removeLast(pasteEnd.count)
        break
      }
    }
    var text = String.UnicodeScalarView()
    text.append(contentsOf: scalars)
    return .paste(String(text))
  }

  private func decode(keyCode: Int32) -> Key? {
    if let key = codes[keyCode] { return key }
    if keyCode == cn_key_mouse() { return Self.readWheel() }
    if (firstFunctionKey...lastFunctionKey).contains(keyCode) {
      return .function(Int(keyCode - firstFunctionKey) + 1)
    }
    return .unknown(Int(keyCode))
  }

  private static func readWheel() -> Key? {
    var event = MEVENT()
    guard getmouse(&event) == cn_ok() else { return nil }
    switch cn_wheel_direction(&event) {
    case 1: return .wheelUp
    case -1: return .wheelDown
    default: return nil
    }
  }

  /// Decodes a character code: control chords, the keys that send control codes, and text.
  static func decode(character code: UInt32) -> Key {
    switch code {
    case 0x09: return .tab
    case 0x0A, 0x0D: return .enter
    case 0x1B: return .escape
    case 0x08, 0x7F: return .backspace
    case 0x00: return .control("@")
    case 0x01...0x1A: return .control(Character(Unicode.Scalar(UInt8(code) + 0x60)))
    case 0x1C...0x1F: return .control(Character(Unicode.Scalar(UInt8(code) + 0x40)))
    default:
      guard let scalar = Unicode.Scalar(code), !scalar.properties.generalCategory.isControl else {
        return .unknown(Int(code))
      }
      return .character(Character(scalar))
    }
  }
}

extension Unicode.GeneralCategory {
  fileprivate var isControl: Bool { self == .control }
}
