/// Base64 encoding with the standard alphabet (RFC 4648, section 4), padded with `=`.
public enum Base64 {
  private static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

  /// `bytes` in base64, as ASCII bytes: four characters for every three bytes, the last group
  /// padded with `=`.
  public static func encode(_ bytes: [UInt8]) -> [UInt8] {
    var result: [UInt8] = []
    result.reserveCapacity((bytes.count + 2) / 3 * 4)
    var index = 0
    while index < bytes.count {
      let remaining = bytes.count - index
      let first = UInt32(bytes[index])
      let second = remaining > 1 ? UInt32(bytes[index + 1]) : 0
      let third = remaining > 2 ? UInt32(bytes[index + 2]) : 0
      let group = first << 16 | second << 8 | third
      result.append(alphabet[Int(group >> 18 & 0x3F)])
      result.append(alphabet[Int(group >> 12 & 0x3F)])
      result.append(remaining > 1 ? alphabet[Int(group >> 6 & 0x3F)] : UInt8(ascii: "="))
      result.append(remaining > 2 ? alphabet[Int(group & 0x3F)] : UInt8(ascii: "="))
      index += 3
    }
    return result
  }

  /// `bytes` in base64 as a string.
  public static func encodedString(_ bytes: [UInt8]) -> String {
    String(decoding: encode(bytes), as: UTF8.self)
  }
}
