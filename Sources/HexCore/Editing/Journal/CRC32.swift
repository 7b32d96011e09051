/// CRC-32 (IEEE 802.3, the checksum of zip and PNG), used to detect a torn or damaged journal.
struct CRC32 {
  private static let table: [UInt32] = (0..<256).map { index in
    var value = UInt32(index)
    for _ in 0..<8 {
      value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1
    }
    return value
  }

  /// The checksum so far.
  private(set) var value: UInt32 = 0

  /// Adds `bytes` to the checksum.
  mutating func update(_ bytes: some Sequence<UInt8>) {
    var crc = ~value
    Self.table.withUnsafeBufferPointer { table in
      for byte in bytes {
        crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8)
      }
    }
    value = ~crc
  }

  /// The checksum of `bytes`.
  static func checksum(_ bytes: some Sequence<UInt8>) -> UInt32 {
    var crc = CRC32()
    crc.update(bytes)
    return crc.value
  }
}
