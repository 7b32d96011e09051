/// A rough, static estimate of how common each byte value is in typical binaries and text, used
/// to pick the pattern positions a search scans for first (the rarer, the fewer false candidates).
///
/// Scores are relative weights, not measured probabilities: zero and `0xFF` bytes dominate
/// executables and disk images, then spaces, lowercase letters and digits, then the rest.
enum ByteRarity {
  /// Relative commonness of each byte value; higher means more common.
  static let commonness: [UInt16] = (0...255).map { score(UInt8($0)) }

  /// How common a pattern position is expected to be: the summed commonness of every byte it
  /// accepts, so wildcards and case-insensitive letters count as more common than exact bytes.
  static func commonness(value: UInt8, mask: UInt8) -> Int {
    if mask == 0xFF { return Int(commonness[Int(value)]) }
    var total = 0
    for byte in 0...255 where UInt8(byte) & mask == value { total += Int(commonness[byte]) }
    return total
  }

  private static func score(_ byte: UInt8) -> UInt16 {
    switch byte {
    case 0x00: return 1000
    case 0xFF: return 300
    case 0x20: return 260
    case 0x65, 0x74, 0x61, 0x6F, 0x69, 0x6E, 0x73, 0x72: return 200  // e t a o i n s r
    case 0x61...0x7A: return 140
    case 0x30...0x39: return 130
    case 0x0A, 0x01, 0x02, 0x04, 0x08, 0x10, 0x40, 0x80: return 150
    case 0x41...0x5A: return 100
    case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E: return 90
    case 0x03...0x1F: return 80
    case 0xF0...0xFE: return 70
    default: return 50
    }
  }
}
