/// ANSI SGR colours for byte classes, from the palette the viewer uses too
/// (``ByteClass/color``).
public enum ANSIColor {
  /// The escape sequence that selects the foreground colour of `byteClass`.
  public static func sequence(for byteClass: ByteClass) -> [UInt8] {
    Array("\u{1B}[\(code(for: byteClass))m".utf8)
  }

  /// The SGR foreground code of `byteClass` (`90`, `36`, `32`, `35`, `33`).
  public static func code(for byteClass: ByteClass) -> Int {
    byteClass.color.foregroundCode
  }

  /// Resets all attributes: `ESC [ 0 m`.
  public static let reset: [UInt8] = Array("\u{1B}[0m".utf8)
}
