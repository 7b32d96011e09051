import Testing

@testable import HexCore

@Suite("RowLayout")
struct RowLayoutTests {
  @Test(
    "the automatic width is the most multiples of 8 that fit, then 4, 2 or 1 byte",
    arguments: [
      (14, nil), (15, 1), (18, 1), (19, 2), (26, 2), (27, 4), (42, 4), (43, 8), (75, 8), (76, 16), (80, 16),
      (108, 16), (109, 24), (200, 40), (1000, 240),
    ] as [(Int, Int?)])
  func automaticWidth(columns: Int, bytesPerRow: Int?) {
    #expect(RowLayout.fitting(width: columns, fileSize: 4096)?.bytesPerRow == bytesPerRow)
  }

  @Test("row widths: offset, two spaces, hex with group gaps, two spaces, text")
  func widths() {
    #expect(RowLayout(bytesPerRow: 8, fileSize: 1).width == 8 + 2 + 23 + 2 + 8)
    #expect(RowLayout(bytesPerRow: 16, fileSize: 1).width == 76)
    #expect(RowLayout(bytesPerRow: 32, fileSize: 1).width == 8 + 2 + 95 + 3 + 2 + 32)
    #expect(RowLayout(bytesPerRow: 10, fileSize: 1).width == 8 + 2 + 29 + 1 + 2 + 10)
    #expect(RowLayout.minimumWidth(fileSize: 0) == 8 + 2 + 2 + 2 + 1)
    #expect(RowLayout.minimumWidth(fileSize: 1 << 40) == 11 + 2 + 2 + 2 + 1)
  }

  @Test(
    "the offset column has at least 8 digits and grows with the file",
    arguments: [
      (0, 8), (1, 8), (0xFFFF_FFFF, 8), (0x1_0000_0000, 9), (1 << 40, 11), (Int.max, 16),
    ])
  func offsetDigits(fileSize: Int, digits: Int) {
    #expect(RowLayout.offsetDigits(forFileSize: fileSize) == digits)
  }

  @Test("a requested width is used when it fits, else capped automatic")
  func requestedWidth() {
    #expect(RowLayout.fitting(width: 80, fileSize: 10, requestedBytesPerRow: 4)?.bytesPerRow == 4)
    #expect(RowLayout.fitting(width: 80, fileSize: 10, requestedBytesPerRow: 10)?.bytesPerRow == 10)
    #expect(RowLayout.fitting(width: 80, fileSize: 10, requestedBytesPerRow: 64)?.bytesPerRow == 16)
    #expect(RowLayout.fitting(width: 200, fileSize: 10, requestedBytesPerRow: 20)?.bytesPerRow == 20)
    #expect(RowLayout.fitting(width: 30, fileSize: 10, requestedBytesPerRow: 4)?.bytesPerRow == 4)
    #expect(RowLayout.fitting(width: 20, fileSize: 10, requestedBytesPerRow: 4)?.bytesPerRow == 2)
    #expect(RowLayout.fitting(width: 14, fileSize: 10, requestedBytesPerRow: 1) == nil)
  }

  @Test(
    "the most bytes per row that fit is exact: one more would not fit",
    arguments: [18, 19, 30, 42, 43, 75, 76, 99, 120, 1000, 4099])
  func mostThatFits(columns: Int) {
    for fileSize in [10, 1 << 40] {
      let most = RowLayout.mostBytesPerRow(width: columns, fileSize: fileSize)
      let digits = RowLayout.offsetDigits(forFileSize: fileSize)
      #expect(most >= 1)
      #expect(RowLayout.rowWidth(bytesPerRow: most, offsetDigits: digits) <= columns)
      #expect(RowLayout.rowWidth(bytesPerRow: most + 1, offsetDigits: digits) > columns)
    }
    #expect(RowLayout.mostBytesPerRow(width: 14, fileSize: 10) == 0)
    #expect(RowLayout.mostBytesPerRow(width: 0, fileSize: 10) == 0)
  }

  @Test(
    "a huge requested width never traps: it is capped to what fits",
    arguments: [1 << 61, Int.max, Int.max / 3, 4096])
  func hugeRequestedWidth(requested: Int) {
    #expect(RowLayout.fitting(width: 120, fileSize: 10, requestedBytesPerRow: requested)?.bytesPerRow == 24)
    #expect(RowLayout.rowWidth(bytesPerRow: requested, offsetDigits: 8) > 120)
  }

  @Test("columns of the hex and text cells")
  func columns() {
    let layout = RowLayout(bytesPerRow: 16, fileSize: 100)
    #expect(layout.hexColumn(ofByteAt: 0) == 10)
    #expect(layout.hexColumn(ofByteAt: 7) == 31)
    #expect(layout.hexColumn(ofByteAt: 8) == 35)
    #expect(layout.hexColumn(ofByteAt: 15) == 56)
    #expect(layout.textStart == 60)
    #expect(layout.textColumn(ofByteAt: 15) == 75)
  }
}
