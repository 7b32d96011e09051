/// `xxd -p`: bytes as bare hex digits, ``columns`` bytes per line, nothing else.
///
/// ```
/// 48656c6c6f2c20776f726c64210a
/// ```
public struct PlainHexDump: Sendable {
  /// Bytes per line when none is given.
  public static let defaultColumns = 30

  /// Bytes per line; `0` puts everything on one line (as `xxd -p -c 0` does).
  public let columns: Int
  /// Whether hex digits are uppercase (`-u`).
  public let uppercase: Bool

  /// Creates the format; `columns` `nil` means 30. A negative width is refused.
  public init(columns: Int? = nil, uppercase: Bool = false) throws(HexDumpError) {
    let columns = columns ?? Self.defaultColumns
    guard columns >= 0 else { throw .invalidColumns(columns) }
    self.columns = columns
    self.uppercase = uppercase
  }
}

/// `xxd -i`: bytes as a C array, ``columns`` per line, with a declaration when there is a name.
///
/// ```
/// unsigned char data_bin[] = {
///   0x48, 0x65, 0x6c, 0x6c, 0x6f
/// };
/// unsigned int data_bin_len = 5;
/// ```
public struct CIncludeDump: Sendable {
  /// Bytes per line when none is given (or `0` is given).
  public static let defaultColumns = 12

  /// Bytes per line.
  public let columns: Int
  /// Whether hex digits (and the `0X` prefix) are uppercase (`-u`).
  public let uppercase: Bool
  /// The C identifier for the array and its `_len`, or `nil` for the bare list of bytes (as
  /// `xxd -i` prints for standard input).
  public let identifier: String?

  /// Creates the format.
  ///
  /// - Parameters:
  ///   - columns: Bytes per line; `nil` or `0` means 12.
  ///   - uppercase: Whether to print `0XAB` rather than `0xab`.
  ///   - name: The file name or `-n` name; made into an identifier as `xxd` does (a leading digit
  ///     gets `__`, every other character than an ASCII letter or digit becomes `_`).
  public init(columns: Int? = nil, uppercase: Bool = false, name: String?) throws(HexDumpError) {
    let columns = columns ?? Self.defaultColumns
    guard columns >= 0 else { throw .invalidColumns(columns) }
    self.columns = columns == 0 ? Self.defaultColumns : columns
    self.uppercase = uppercase
    identifier = name.map(Self.identifier(for:))
  }

  /// `name` as `xxd -i` turns it into a C identifier.
  public static func identifier(for name: String) -> String {
    let bytes = Array(name.utf8)
    let isDigit = { (byte: UInt8) in (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
    let isLetter = { (byte: UInt8) in
      (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }
    let prefix = bytes.first.map(isDigit) == true ? "__" : ""
    let body = bytes.map { isDigit($0) || isLetter($0) ? Character(UnicodeScalar($0)) : "_" }
    return prefix + String(body)
  }
}
