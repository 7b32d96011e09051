import Testing

@testable import HexCore

/// `PendingEdits.setBytes`: the same edits as setting each byte on its own.
@Suite("PendingEdits.setBytes")
struct PendingEditsBulkTests {
  @Test(arguments: 0..<8)
  func matchesSettingEachByte(_ seed: Int) {
    var random = SearchRandom(seed: UInt64(seed) + 500)
    let source = random.bytes(400, from: [1, 2])
    var bulk = PendingEdits()
    var single = PendingEdits()
    for _ in 0..<12 {
      // Mostly ascending pieces past every edit (the fast path), sometimes overlapping earlier ones.
      let offset = random.next(in: 0...1) == 0 ? (bulk.endOffset ?? 0) + random.next(in: 0...5) : random.next(in: 0...300)
      let count = min(random.next(in: 1...40), source.count - offset)
      guard count > 0 else { continue }
      let values = random.bytes(count, from: [1, 2, 3])
      bulk.setBytes(values[...], at: offset, originals: source[offset..<(offset + count)])
      for index in 0..<count {
        single.setByte(at: offset + index, value: values[index], original: source[offset + index])
      }
      #expect(bulk == single)
    }
  }
}
