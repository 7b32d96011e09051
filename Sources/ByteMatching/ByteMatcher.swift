/// Finds a byte pattern with per-byte masks in a contiguous block of memory: position `i` matches
/// byte `b` when `b & masks[i] == values[i]` (mask `0xFF` is an exact byte, `0x00` any byte).
///
/// The scan compares 16-byte vectors at two "anchor" positions of the pattern (its two rarest
/// positions by ``ByteRarity``) and fully checks only where both anchors match, so random data
/// is skimmed at memory speed. Matches are reported in ascending order.
public struct ByteMatcher: Sendable {
  /// The byte each position must have after masking (bits outside the mask are zero).
  public let values: [UInt8]
  /// Which bits of each position must match.
  public let masks: [UInt8]
  private let anchor: Int
  private let secondAnchor: Int

  /// A matcher for `values` under `masks` (one mask per value; bits of `values` outside the mask
  /// are ignored). The pattern must not be empty.
  public init(values: [UInt8], masks: [UInt8]) {
    precondition(values.count == masks.count && !values.isEmpty, "one mask per value, at least one value")
    self.values = zip(values, masks).map { $0 & $1 }
    self.masks = masks
    let ranked = masks.indices
      .filter { masks[$0] != 0 }
      .map { (position: $0, commonness: ByteRarity.commonness(value: values[$0] & masks[$0], mask: masks[$0])) }
      .sorted { ($0.commonness, $0.position) < ($1.commonness, $1.position) }
    anchor = ranked.first?.position ?? 0
    secondAnchor = ranked.count > 1 ? ranked[1].position : anchor
  }

  /// A matcher for exactly `bytes` (not empty).
  public init(exactly bytes: [UInt8]) {
    self.init(values: bytes, masks: [UInt8](repeating: 0xFF, count: bytes.count))
  }

  /// The number of bytes a match covers.
  public var count: Int { values.count }

  /// Calls `body` with each match that starts in `starts`, in ascending order, and stops early
  /// when `body` returns false. A match must lie wholly inside `buffer`.
  ///
  /// - Returns: False when `body` stopped the scan.
  @discardableResult
  public func forEachMatch(
    in buffer: UnsafeRawBufferPointer, startingIn starts: Range<Int>, _ body: (Int) -> Bool
  ) -> Bool {
    let length = values.count
    let end = min(starts.upperBound, buffer.count - length + 1)
    guard let base = buffer.baseAddress, starts.lowerBound < end else { return true }
    return self.values.withUnsafeBufferPointer { values in
      self.masks.withUnsafeBufferPointer { masks in
        let bytes = base.assumingMemoryBound(to: UInt8.self)
        func verify(_ start: Int) -> Bool {
          for index in 0..<length where bytes[start + index] & masks[index] != values[index] {
            return false
          }
          return true
        }
        typealias Vector = SIMD16<UInt8>
        let firstValue = Vector(repeating: values[anchor])
        let firstMask = Vector(repeating: masks[anchor])
        let secondValue = Vector(repeating: values[secondAnchor])
        let secondMask = Vector(repeating: masks[secondAnchor])
        var start = starts.lowerBound
        // Each step tests 32 starts. The loads stay in bounds: the last start tested is below
        // `end`, so its anchor byte is below `buffer.count`.
        while start + 32 <= end {
          let first = base + start + anchor
          let second = base + start + secondAnchor
          // Swift lowers SIMD16<UInt8> `&` and `.==` to single instructions; the mask is read
          // through a bit cast because `any(_:)` is not inlined.
          let low = Self.bits(
            ((first.loadUnaligned(as: Vector.self) & firstMask) .== firstValue)
              .& ((second.loadUnaligned(as: Vector.self) & secondMask) .== secondValue))
          let high = Self.bits(
            ((first.loadUnaligned(fromByteOffset: 16, as: Vector.self) & firstMask) .== firstValue)
              .& ((second.loadUnaligned(fromByteOffset: 16, as: Vector.self) & secondMask)
                .== secondValue))
          let candidates = low | high
          if candidates[0] | candidates[1] != 0 {
            let words = SIMD4<UInt64>(low[0], low[1], high[0], high[1])
            for lane in 0..<4 {
              var remaining = words[lane]
              while remaining != 0 {
                let byte = remaining.trailingZeroBitCount / 8
                remaining &= ~(UInt64(0xFF) << UInt64(byte * 8))
                let candidate = start + lane * 8 + byte
                if verify(candidate), !body(candidate) { return false }
              }
            }
          }
          start += 32
        }
        while start < end {
          if verify(start), !body(start) { return false }
          start += 1
        }
        return true
      }
    }
  }

  /// The first match starting in `starts`, if any.
  public func firstMatch(in buffer: UnsafeRawBufferPointer, startingIn starts: Range<Int>) -> Int? {
    var found: Int?
    forEachMatch(in: buffer, startingIn: starts) { start in
      found = start
      return false
    }
    return found
  }

  /// The last match starting in `starts`, if any.
  public func lastMatch(in buffer: UnsafeRawBufferPointer, startingIn starts: Range<Int>) -> Int? {
    var found: Int?
    forEachMatch(in: buffer, startingIn: starts) { start in
      found = start
      return true
    }
    return found
  }

  /// The number of matches starting in `starts`, counting at most `limit`.
  public func countMatches(
    in buffer: UnsafeRawBufferPointer, startingIn starts: Range<Int>, limit: Int = .max
  ) -> Int {
    var total = 0
    guard limit > 0 else { return 0 }
    forEachMatch(in: buffer, startingIn: starts) { _ in
      total += 1
      return total < limit
    }
    return total
  }

  @inline(__always)
  private static func bits(_ mask: SIMDMask<SIMD16<Int8>>) -> SIMD2<UInt64> {
    unsafeBitCast(mask, to: SIMD2<UInt64>.self)
  }
}
