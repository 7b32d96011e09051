import MemMap

/// Compares two equally long byte buffers eight bytes at a time: the kernel of ``DiffScanner``.
///
/// Each function looks at `range` (offsets into both buffers) only. A 64-bit word of
/// `a XOR b` is zero exactly where the bytes agree; the lowest or highest non-zero (or zero)
/// byte of it is found with one bit count. Long equal stretches going forward (the common case)
/// are crossed with MemMap's ``ByteComparison`` (the C library's `memcmp`), which is faster
/// than any loop written here.
enum WordComparison {
  private static let lowBits: UInt64 = 0x0101_0101_0101_0101
  private static let lowSevenBits: UInt64 = 0x7F7F_7F7F_7F7F_7F7F

  /// The XOR of the eight bytes at `offset`, byte 0 in the low bits on every platform.
  @inline(__always)
  private static func difference(
    _ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer, at offset: Int
  ) -> UInt64 {
    let left = a.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
    let right = b.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
    return UInt64(littleEndian: left ^ right)
  }

  /// The high bit of each byte of `word` that is zero (exact, no false positives).
  @inline(__always)
  private static func zeroBytes(_ word: UInt64) -> UInt64 {
    ~(((word & lowSevenBits) &+ lowSevenBits) | word | lowSevenBits)
  }

  /// Bit 0 of each byte of `word` that is not zero.
  @inline(__always)
  private static func nonZeroBytes(_ word: UInt64) -> UInt64 {
    (~zeroBytes(word) >> 7) & lowBits
  }

  /// The first offset in `range` where the buffers differ (with MemMap's `memcmp`-based
  /// ``ByteComparison``, the fastest way through long equal stretches).
  static func firstDifference(
    _ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer, in range: Range<Int>
  ) -> Int? {
    guard !range.isEmpty else { return nil }
    let first = RawSpan(_unsafeBytes: UnsafeRawBufferPointer(rebasing: a[range]))
    let second = RawSpan(_unsafeBytes: UnsafeRawBufferPointer(rebasing: b[range]))
    return ByteComparison.firstDifference(first, second).map { range.lowerBound + $0 }
  }

  /// The first offset in `range` where the buffers agree.
  static func firstEqual(
    _ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer, in range: Range<Int>
  ) -> Int? {
    var offset = range.lowerBound
    let end = range.upperBound
    while offset + 8 <= end {
      let zeros = zeroBytes(difference(a, b, at: offset))
      if zeros != 0 { return offset + zeros.trailingZeroBitCount / 8 }
      offset += 8
    }
    while offset < end {
      if a[offset] == b[offset] { return offset }
      offset += 1
    }
    return nil
  }

  /// The last offset in `range` where the buffers differ.
  static func lastDifference(
    _ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer, in range: Range<Int>
  ) -> Int? {
    var end = range.upperBound
    let start = range.lowerBound
    while end - 32 >= start {
      let any =
        difference(a, b, at: end - 8) | difference(a, b, at: end - 16)
        | difference(a, b, at: end - 24) | difference(a, b, at: end - 32)
      if any != 0 { break }
      end -= 32
    }
    while end - 8 >= start {
      let word = difference(a, b, at: end - 8)
      if word != 0 { return end - 1 - word.leadingZeroBitCount / 8 }
      end -= 8
    }
    while end > start {
      end -= 1
      if a[end] != b[end] { return end }
    }
    return nil
  }

  /// The last offset in `range` where the buffers agree.
  static func lastEqual(
    _ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer, in range: Range<Int>
  ) -> Int? {
    var end = range.upperBound
    let start = range.lowerBound
    while end - 8 >= start {
      let zeros = zeroBytes(difference(a, b, at: end - 8))
      if zeros != 0 { return end - 1 - zeros.leadingZeroBitCount / 8 }
      end -= 8
    }
    while end > start {
      end -= 1
      if a[end] == b[end] { return end }
    }
    return nil
  }

  /// What a stretch of two buffers holds: its differing bytes, the runs that start in it, and
  /// whether its first and last bytes differ (so neighbouring stretches can join their runs).
  struct Tally: Sendable {
    var count = DiffCount()
    var firstDiffers = false
    var lastDiffers = false
  }

  /// Tallies the whole of both buffers (equally long): equal 4 KiB blocks are skipped at
  /// `memcmp` speed, the others counted a word at a time.
  static func tally(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Tally {
    let count = a.count
    var tally = Tally()
    guard count > 0 else { return tally }
    tally.firstDiffers = a[0] != b[0]
    tally.lastDiffers = a[count - 1] != b[count - 1]
    var bytes = 0
    var runs = 0
    // Bit 0: whether the byte before `offset` differs (byte -1 of the next word).
    var carry: UInt64 = 0
    var offset = 0
    while offset < count {
      let blockEnd = min(count, offset + 4096)
      guard firstDifference(a, b, in: offset..<blockEnd) != nil else {
        carry = 0
        offset = blockEnd
        continue
      }
      while offset + 8 <= blockEnd {
        account(difference(a, b, at: offset), bytes: &bytes, runs: &runs, carry: &carry)
        offset += 8
      }
      while offset < blockEnd {
        let differs: UInt64 = a[offset] != b[offset] ? 1 : 0
        bytes += Int(differs)
        runs += Int(differs & ~carry)
        carry = differs
        offset += 1
      }
    }
    tally.count = DiffCount(bytes: bytes, runs: runs)
    return tally
  }

  /// Adds one word of `a XOR b` to the tally: its non-zero bytes, and the runs starting in it
  /// (a differing byte whose predecessor, `carry` for byte 0, agrees).
  @inline(__always)
  private static func account(_ word: UInt64, bytes: inout Int, runs: inout Int, carry: inout UInt64) {
    let differs = nonZeroBytes(word)
    bytes += differs.nonzeroBitCount
    runs += (differs & ~((differs << 8) | carry)).nonzeroBitCount
    carry = differs >> 56
  }
}
