/// The text forms bytes are copied and exported in.
///
/// ```swift
/// ByteTextFormat.hex.text(of: [0xDE, 0xAD])      // "de ad"
/// ByteTextFormat.cArray.text(of: [0xDE, 0xAD])   // "{ 0xde, 0xad }"
/// ByteTextFormat.python.text(of: [0xDE, 0xAD])   // "b\"\\xde\\xad\""
/// ByteTextFormat.base64.text(of: [0xDE, 0xAD])   // "3q0="
/// ```
public enum ByteTextFormat: CaseIterable, Hashable, Sendable {
  /// Two lowercase hex digits per byte, one space between bytes: `de ad be ef`.
  case hex
  /// A C array initializer: `{ 0xde, 0xad, 0xbe, 0xef }`.
  case cArray
  /// A Python bytes literal: `b"\xde\xad\xbe\xef"`.
  case python
  /// Base64 with the standard alphabet, padded with `=`.
  case base64

  /// The name the export prompt shows.
  public var name: String {
    switch self {
    case .hex: "hex"
    case .cArray: "C array"
    case .python: "Python bytes"
    case .base64: "base64"
    }
  }

  /// `bytes` written in this format.
  public func text(of bytes: [UInt8]) -> String {
    let ascii: [UInt8]
    switch self {
    case .hex: ascii = Self.joinedHex(bytes, prefix: "", separator: " ")
    case .cArray:
      ascii = bytes.isEmpty ? Array("{ }".utf8) : Array("{ ".utf8) + Self.joinedHex(bytes, prefix: "0x", separator: ", ") + Array(" }".utf8)
    case .python: ascii = Array("b\"".utf8) + Self.joinedHex(bytes, prefix: "\\x", separator: "") + [UInt8(ascii: "\"")]
    case .base64: ascii = Base64.encode(bytes)
    }
    return String(decoding: ascii, as: UTF8.self)
  }

  /// Each byte as `prefix` and two lowercase hex digits, `separator` between bytes.
  private static func joinedHex(_ bytes: [UInt8], prefix: String, separator: String) -> [UInt8] {
    let prefix = Array(prefix.utf8)
    let separator = Array(separator.utf8)
    let digits = HexTables.digits
    var result: [UInt8] = []
    result.reserveCapacity(bytes.count * (prefix.count + 2 + separator.count))
    for (index, byte) in bytes.enumerated() {
      if index > 0 { result.append(contentsOf: separator) }
      result.append(contentsOf: prefix)
      result.append(digits[Int(byte >> 4)])
      result.append(digits[Int(byte & 0xF)])
    }
    return result
  }
}
