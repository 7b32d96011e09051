/// ANSI SGR colours for byte classes, after hexyl: grey NUL, cyan printable ASCII, green ASCII
/// whitespace, magenta other ASCII control characters, yellow non-ASCII bytes.
public enum ANSIColor {
  /// The escape sequence that selects the foreground colour of `byteClass`.
  public static func sequence(for byteClass: ByteClass) -> [UInt8] {
    switch byteClass {
    case .null: null
    case .printable: printable
    case .whitespace: whitespace
    case .control: control
    case .nonASCII: nonASCII
    }
  }

  /// The SGR foreground code of `byteClass` (`90`, `36`, `32`, `35`, `33`).
  public static func code(for byteClass: ByteClass) -> Int {
    switch byteClass {
    case .null: 90
    case .printable: 36
    case .whitespace: 32
    case .control: 35
    case .nonASCII: 33
    }
  }

  /// Resets all attributes: `ESC [ 0 m`.
  public static let reset: [UInt8] = Array("\u{1B}[0m".utf8)
  private static let null: [UInt8] = Array("\u{1B}[90m".utf8)
  private static let printable: [UInt8] = Array("\u{1B}[36m".utf8)
  private static let whitespace: [UInt8] = Array("\u{1B}[32m".utf8)
  private static let control: [UInt8] = Array("\u{1B}[35m".utf8)
  private static let nonASCII: [UInt8] = Array("\u{1B}[33m".utf8)
}
