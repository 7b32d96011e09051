/// Reproducible pseudo-random bytes (SplitMix64), so a failing case can be re-run exactly.
struct SeededBytes {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  /// The next 64 random bits.
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// `count` random bytes, biased towards the classes a hex dump treats differently
  /// (NUL, printable, whitespace, control, non-ASCII).
  mutating func bytes(_ count: Int) -> [UInt8] {
    (0..<count).map { _ in
      let value = next()
      switch value % 4 {
      case 0: return 0
      case 1: return UInt8(0x20 + (value >> 8) % 0x5F)
      default: return UInt8(truncatingIfNeeded: value >> 16)
      }
    }
  }
}
