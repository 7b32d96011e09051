import Testing

@testable import HexCore

@Suite("RowFormatter")
struct RowFormatterTests {
  static let hello: [UInt8] = Array("Hello, world!\n".utf8) + [0x00, 0x01]

  func format(
    _ bytes: [UInt8], offset: Int = 0, bytesPerRow: Int = 16, fileSize: Int = 4096, color: Bool = true,
    readable: Int? = nil, highlights: RowHighlights = RowHighlights()
  ) -> StyledLine {
    RowFormatter(layout: RowLayout(bytesPerRow: bytesPerRow, fileSize: fileSize), showsColor: color)
      .format(rowOffset: offset, bytes: bytes[...], readableCount: readable, highlights: highlights)
  }

  @Test("a full 16-byte row")
  func sixteen() {
    #expect(
      format(Self.hello, offset: 0x10).text
        == "00000010  48 65 6c 6c 6f 2c 20 77  6f 72 6c 64 21 0a 00 01  Hello, world!...")
  }

  @Test("8 and 32 bytes per row")
  func otherWidths() {
    #expect(
      format(Array(Self.hello.prefix(8)), bytesPerRow: 8).text == "00000000  48 65 6c 6c 6f 2c 20 77  Hello, w")
    let row = countingBytes(32, from: 0x40)
    #expect(
      format(row, offset: 0x20, bytesPerRow: 32).text
        == "00000020  40 41 42 43 44 45 46 47  48 49 4a 4b 4c 4d 4e 4f  "
        + "50 51 52 53 54 55 56 57  58 59 5a 5b 5c 5d 5e 5f  @ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_")
  }

  @Test("offsets past 4 GiB get more digits")
  func bigOffsets() {
    #expect(
      format([0xFF, 0x7F, 0x80, 0x20], offset: 0x1_2345_6780, bytesPerRow: 8, fileSize: 0x2_0000_0000).text
        == "123456780  ff 7f 80 20              ... ")
    #expect(
      format([0x41], offset: (1 << 40) - 8, bytesPerRow: 8, fileSize: 1 << 40).text
        == "0fffffffff8  41                       A")
  }

  @Test("the last partial row keeps the text column aligned")
  func partialRow() {
    let line = format(Array("abc".utf8), offset: 0x30)
    #expect(line.text == "00000030  61 62 63" + String(repeating: " ", count: 60 - 18) + "abc")
    #expect(RowLayout(bytesPerRow: 16, fileSize: 4096).textStart == 60)
  }

  @Test("an empty row has only the offset")
  func emptyRow() {
    #expect(format([]).text == "00000000" + String(repeating: " ", count: 52))
  }

  @Test("bytes are styled by class; a gap joins the run of the byte before it")
  func classStyles() {
    let line = format([0x41, 0x42, 0x20, 0x00, 0x01, 0xC3, 0x0A, 0x7F], bytesPerRow: 8)
    #expect(line.text == "00000000  41 42 20 00 01 c3 0a 7f  AB ....." )
    #expect(
      line.styleDump == [
        "offset:00000000", "plain:  ", "printable:41 42 ", "whitespace:20 ", "null:00 ", "control:01 ",
        "nonASCII:c3 ", "whitespace:0a ", "control:7f", "plain:  ", "printable:AB", "whitespace: ", "null:.",
        "control:.", "nonASCII:.", "whitespace:.", "control:.",
      ])
  }

  @Test("without colour, bytes are plain but the cursor stays")
  func noColor() {
    let line = format(Array("abcd".utf8), bytesPerRow: 8, color: false, highlights: RowHighlights(cursor: 2))
    #expect(
      line.styleDump == [
        "offset:00000000", "plain:  61 62 ", "cursor:63", "plain: 64" + String(repeating: " ", count: 14)
          + "ab", "shadow:c", "plain:d",
      ])
  }

  @Test("the cursor is drawn in the active pane and shadowed in the other")
  func cursorAndShadow() {
    let hexActive = format(Array("abcd".utf8), offset: 0x100, bytesPerRow: 8, highlights: RowHighlights(cursor: 0x101))
    #expect(
      hexActive.styleDump == [
        "offset:00000100", "plain:  ", "printable:61 ", "cursor:62", "printable: 63 64",
        "plain:" + String(repeating: " ", count: 14), "printable:a", "shadow:b", "printable:cd",
      ])
    let textActive = format(
      Array("abcd".utf8), offset: 0x100, bytesPerRow: 8, highlights: RowHighlights(cursor: 0x100, activePane: .text))
    #expect(
      textActive.styleDump == [
        "offset:00000100", "plain:  ", "shadow:61", "printable: 62 63 64",
        "plain:" + String(repeating: " ", count: 14), "cursor:a", "printable:bcd",
      ])
  }

  @Test("matches and edits are highlighted; a match spans its gaps")
  func matchAndEdits() {
    let line = format(
      Array("abcdefgh".utf8), bytesPerRow: 8,
      highlights: RowHighlights(cursor: nil, match: 1..<3, isEdited: { $0 == 5 || $0 == 6 }))
    #expect(
      line.styleDump == [
        "offset:00000000", "plain:  ", "printable:61 ", "match:62 63", "printable: 64 65 ", "edited:66 67",
        "printable: 68", "plain:  ", "printable:a", "match:bc",
        "printable:de", "edited:fg", "printable:h",
      ])
  }

  @Test("bytes past a truncation are drawn as gone")
  func truncated() {
    let line = format(Array("abcd".utf8), bytesPerRow: 8, readable: 2, highlights: RowHighlights(cursor: 3))
    #expect(line.text == "00000000  61 62 __ __              ab  ")
    #expect(
      line.styleDump == [
        "offset:00000000", "plain:  ", "printable:61 62 ", "error:__", "plain: ", "cursor:__",
        "plain:" + String(repeating: " ", count: 14), "printable:ab", "error: ", "shadow: ",
      ])
  }
}
