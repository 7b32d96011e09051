import MemMap
import Testing

@Suite("ByteComparison")
struct ByteComparisonTests {
  @Test("the first differing offset, across and inside memcmp's blocks; nil for equal bytes")
  func firstDifference() {
    let base = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
    for offset in [0, 1, 4095, 4096, 4097, 9_999] {
      var changed = base
      changed[offset] ^= 0x40
      #expect(ByteComparison.firstDifference(base.span.bytes, changed.span.bytes) == offset)
    }
    #expect(ByteComparison.firstDifference(base.span.bytes, base.span.bytes) == nil)
    // Only the bytes both spans hold are compared.
    #expect(ByteComparison.firstDifference(base.span.bytes, Array(base.prefix(10)).span.bytes) == nil)
    #expect(ByteComparison.firstDifference([UInt8]().span.bytes, base.span.bytes) == nil)
  }
}
