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
  /// Function keys that xterm-style terminals send for a modified F1-F12: F13 is Shift-F1.
  private let modifiedFunctionKeys: [Int: Key]

  /// Reads the key codes of the current terminal; call after curses has started.
  init() {
    var codes: [Int32: Key] = [
      cn_key_up(): .up, cn_key_down(): .down, cn_key_left(): .left, cn_key_right(): .right,
      cn_key_home(): .home, cn_key_end(): .end, cn_key_page_up(): .pageUp, cn_key_page_down(): .pageDown,
      cn_key_a1(): .home, cn_key_c1(): .end, cn_key_a3(): .pageUp, cn_key_c3(): .pageDown,
      cn_key_back_tab(): .backTab, cn_key_enter(): .enter,
      cn_key_backspace(): .backspace, cn_key_delete(): .delete, cn_key_insert(): .insert,
      cn_key_resize(): .resize,
    ]
    let shifted: [(Int32, Key)] = [
      (cn_key_shift_up(), .up), (cn_key_shift_down(), .down), (cn_key_shift_left(), .left),
      (cn_key_shift_right(), .right), (cn_key_shift_home(), .home), (cn_key_shift_end(), .end),
      (cn_key_shift_page_up(), .pageUp), (cn_key_shift_page_down(), .pageDown),
      (cn_key_shift_delete(), .delete), (cn_key_shift_insert(), .insert),
    ]
    for (code, key) in shifted { codes[code] = key.with(.shift) }
    // xterm-style descriptions name modified keys by capability: kLFT3 is Alt-Left, kHOM5
    // Ctrl-Home, kDN6 Ctrl-Shift-Down (the digit is 1 + Shift 1 + Alt 2 + Ctrl 4).
    let modifiable: [(String, Key)] = [
      ("kUP", .up), ("kDN", .down), ("kLFT", .left), ("kRIT", .right), ("kHOM", .home), ("kEND", .end),
      ("kPRV", .pageUp), ("kNXT", .pageDown), ("kDC", .delete), ("kIC", .insert),
    ]
    for (prefix, key) in modifiable {
      for parameter in 2...8 {
        let code = cn_extended_key_code(prefix + String(parameter))
        if code > 0 { codes[code] = key.with(KeyModifiers(xtermParameter: parameter)) }
      }
    }
    Self.defineCommonSequences()
    self.codes = codes
    firstFunctionKey = cn_key_f(1)
    lastFunctionKey = cn_key_f(cn_function_key_count())
    modifiedFunctionKeys = Self.modifiedFunctionKeys(upTo: Int(cn_function_key_count()))
  }

  /// Many terminals send the VT220 or xterm sequences for Home, End and the editing keys even
  /// when TERM names a terminal that sends others (rxvt and PuTTY claiming to be xterm, tmux or
  /// screen with TERM left at xterm): those are taught to ncurses too, so Home never becomes
  /// "an unrecognized key sequence". A sequence the description defines keeps its meaning.
  private static func defineCommonSequences() {
    let sequences: [(String, Int32)] = [
      ("[1~", cn_key_home()), ("[7~", cn_key_home()), ("[H", cn_key_home()), ("OH", cn_key_home()),
      ("[4~", cn_key_end()), ("[8~", cn_key_end()), ("[F", cn_key_end()), ("OF", cn_key_end()),
      ("[2~", cn_key_insert()), ("[3~", cn_key_delete()), ("[5~", cn_key_page_up()), ("[6~", cn_key_page_down()),
      ("[A", cn_key_up()), ("[B", cn_key_down()), ("[C", cn_key_right()), ("[D", cn_key_left()),
      ("OA", cn_key_up()), ("OB", cn_key_down()), ("OC", cn_key_right()), ("OD", cn_key_left()),
    ]
    for (sequence, code) in sequences {
      cn_define_key_if_unknown("\u{1B}" + sequence, code)
    }
  }

  /// Reads which function keys above F12 are F1-F12 with modifiers: xterm sends Shift-F5 as
  /// `ESC [ 15 ; 2 ~`, F5 with the modifier parameter 2 before the final byte, and its
  /// description lists that as kf17.
  private static func modifiedFunctionKeys(upTo count: Int) -> [Int: Key] {
    func sequence(_ number: Int) -> [UInt8]? {
      cn_string_capability("kf\(number)").map { Array(String(cString: $0).utf8) }
    }
    var keys: [Int: Key] = [:]
    guard count > 12 else { return keys }
    for number in 13...count {
      let base = (number - 1) % 12 + 1
      guard let modified = sequence(number), let plain = sequence(base), modified.count >= 4,
        modified.last == plain.last, modified[modified.count - 3] == UInt8(ascii: ";"),
        let digit = Int(String(UnicodeScalar(modified[modified.count - 2])))
      else { continue }
      keys[number] = Key.function(base).with(KeyModifiers(xtermParameter: digit))
    }
    return keys
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
  /// - Returns: `.escape` when Esc was pressed on its own, `.paste` for a bracketed paste, an
  ///   Alt chord (Alt-x) when a character came with it.
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
      // Terminals send Alt-x as Esc and x: a chord, never Esc followed by typing x.
      let key = decode(character: introducer)
      if case .character = key { return key.with(.alt) }
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
      let number = Int(keyCode - firstFunctionKey) + 1
      return modifiedFunctionKeys[number] ?? .function(number)
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
    case 0x00: return .control(" ")  // what Ctrl-Space (and Ctrl-@) sends
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
