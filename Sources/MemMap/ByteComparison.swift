import CMemMapGuard

/// Comparisons of two byte spans at the C library's `memcmp` speed (vectorised for the processor).
public enum ByteComparison {
  /// The offset of the first byte where `first` and `second` differ, comparing as many bytes as
  /// the shorter one holds; `nil` when those are all equal.
  public static func firstDifference(_ first: RawSpan, _ second: RawSpan) -> Int? {
    let count = min(first.byteCount, second.byteCount)
    guard count > 0 else { return nil }
    let offset = first.withUnsafeBytes { a in
      second.withUnsafeBytes { b in cmemmap_first_difference(a.baseAddress!, b.baseAddress!, count) }
    }
    return offset < 0 ? nil : offset
  }
}
