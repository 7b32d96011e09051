extension String {
  /// The text with every control character written out, so a file name holding a newline or an
  /// escape sequence cannot break a line or drive the terminal: `\n`, `\t`, `\r`, and `\xHH` for
  /// the rest (`\x1b` for Esc, `\x7f` for Delete, `\u{85}` style for C1 controls).
  public var escapingControlCharacters: String {
    guard unicodeScalars.contains(where: \.isControlCharacter) else { return self }
    var escaped = ""
    for scalar in unicodeScalars {
      guard scalar.isControlCharacter else {
        escaped.unicodeScalars.append(scalar)
        continue
      }
      switch scalar {
      case "\n": escaped += "\\n"
      case "\t": escaped += "\\t"
      case "\r": escaped += "\\r"
      default:
        let hex = String(scalar.value, radix: 16)
        escaped += scalar.value < 0x80 ? "\\x" + (hex.count == 1 ? "0" : "") + hex : "\\u{\(hex)}"
      }
    }
    return escaped
  }
}

extension Unicode.Scalar {
  /// C0 controls, Delete and C1 controls.
  fileprivate var isControlCharacter: Bool {
    value < 0x20 || (0x7F...0x9F).contains(value)
  }
}
