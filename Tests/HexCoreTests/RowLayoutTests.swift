import Testing

@testable import HexCore

@Suite("RowLayout")
struct RowLayoutTests {
  @Test(
    "the automatic width is the most multiples of 8 that fit",
    arguments: [
      (42, nil), (43, 8), (75, 8), (76, 16), (80, 16), (108, 16), (109, 24), (200, 40), (1000, 240),
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
    #expect(RowLayout.minimumWidth(fileSize: 0) == 43)
    #expect(RowLayout.minimumWidth(fileSize: 1 << 40) == 11 + 2 + 23 + 2 + 8)
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
    #expect(RowLayout.fitting(width: 20, fileSize: 10, requestedBytesPerRow: 4) == nil)
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
