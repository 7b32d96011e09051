/// Unsigned LEB128: seven bits per byte, least significant group first, the high bit set on
/// every byte but the last.
public enum LEB128 {
  /// The number at the start of `bytes` and how many bytes it takes, or `nil` when `bytes` end
  /// before its last byte or it has more than 64 bits.
  public static func decode(_ bytes: [UInt8]) -> (value: UInt64, count: Int)? {
    var value: UInt64 = 0
    for (index, byte) in bytes.prefix(10).enumerated() {
      let group = UInt64(byte & 0x7F)
      let shift = UInt64(7 * index)
      if index == 9, group > 1 { return nil }  // past bit 63
      value |= group << shift
      if byte & 0x80 == 0 { return (value, index + 1) }
    }
    return nil
  }

  /// `value` in LEB128.
  public static func encode(_ value: UInt64) -> [UInt8] {
    var bytes: [UInt8] = []
    var rest = value
    repeat {
      var byte = UInt8(rest & 0x7F)
      rest >>= 7
      if rest != 0 { byte |= 0x80 }
      bytes.append(byte)
    } while rest != 0
    return bytes
  }
}
