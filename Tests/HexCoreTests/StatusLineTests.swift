import Testing

@testable import HexCore

@Suite("StatusLine")
struct StatusLineTests {
  @Test("name, offset in hex and decimal, size and percentage")
  func full() {
    let line = StatusLine(displayName: "data.bin", count: 4096, cursor: 31).render(width: 60)
    #expect(line.text == " data.bin                   0x0000001f  31 / 4096 bytes  0% ")
    #expect(line.text.count == 60)
    #expect(line.styleDump.count == 1)
    #expect(line.runs.first?.style == .statusBar)
  }

  @Test("markers for read-only, modified and truncated")
  func markers() {
    let line = StatusLine(
      displayName: "a", count: 10, cursor: 9, isReadOnly: true, changes: ChangeTally(changedByteCount: 3),
      truncatedCount: 4
    ).render(width: 100)
    #expect(
      line.text
        == " a [read-only] [modified: 3 bytes] [truncated to 4 bytes]" + String(repeating: " ", count: 12)
        + "0x00000009  9 / 10 bytes  100% ")
  }

  @Test(
    "the modified marker and the questions for changed, deleted and moved bytes",
    arguments: [
      (ChangeTally.none, "", "your edits are not saved", "your edits"),
      (ChangeTally(changedByteCount: 1), "[modified: 1 byte]", "1 changed byte is not saved", "your 1 changed byte"),
      (ChangeTally(changedByteCount: 3), "[modified: 3 bytes]", "3 changed bytes are not saved", "your 3 changed bytes"),
      (
        ChangeTally(changedByteCount: 0, missingByteCount: 1), "[modified: 1 byte deleted]",
        "your edits are not saved (1 byte deleted)", "your edits (1 byte deleted)"
      ),
      (
        ChangeTally(changedByteCount: 2, missingByteCount: 5), "[modified: 2 bytes, 5 bytes shorter]",
        "your edits are not saved (2 bytes changed, 5 bytes shorter)", "your edits (2 bytes changed, 5 bytes shorter)"
      ),
      (ChangeTally(changedByteCount: 0, hasChanges: true), "[modified]", "your edits are not saved", "your edits"),
    ])
  func modifiedMarker(changes: ChangeTally, marker: String, notSaved: String, yourEdits: String) {
    #expect(changes.marker == marker)
    #expect(changes.notSaved == notSaved)
    #expect(changes.yourEdits.noun == yourEdits)
    let line = StatusLine(displayName: "a", count: 10, cursor: 0, changes: changes).render(width: 80).text
    #expect(line.hasPrefix(marker.isEmpty ? " a  " : " a \(marker)  "))
  }

  @Test("scratch buffer, empty file and wide offsets")
  func variants() {
    #expect(StatusLine(displayName: "[scratch]", count: 0, cursor: 0).render(width: 30).text == " [scratch]         empty file ")
    #expect(
      StatusLine(displayName: "big", count: 1 << 40, cursor: (1 << 39), offsetDigits: 11).render(width: 60).text
        == " big 0x08000000000  549755813888 / 1099511627776 bytes  50% ")
  }

  @Test("narrow widths shorten the name, then the position")
  func narrow() {
    let status = StatusLine(displayName: "a-very-long-file-name.bin", count: 4096, cursor: 4095)
    #expect(status.render(width: 50).text == " <le-name.bin 0x00000fff  4095 / 4096 bytes  100% ")
    #expect(status.render(width: 30).text == " <le-name.bin 0x00000fff 100% ")
    #expect(status.render(width: 8).text == "0x00000f")
    #expect(status.render(width: 0).text == "")
    for width in 1...80 {
      #expect(status.render(width: width).text.count == width)
    }
  }

  @Test("control characters in the name are shown escaped, so the line stays one line")
  func escapedName() {
    let status = StatusLine(displayName: "a\nb\u{1B}[2J\t.bin", count: 10, cursor: 0)
    #expect(status.render(width: 60).text == " a\\nb\\x1b[2J\\t.bin" + String(repeating: " ", count: 13) + "0x00000000  0 / 10 bytes  0% ")
    for width in 1...60 {
      #expect(status.render(width: width).text.count == width)
      #expect(!status.render(width: width).text.contains { $0.asciiValue.map { $0 < 0x20 } ?? false })
    }
  }

  @Test(
    "escaping control characters",
    arguments: [
      ("plain.bin", "plain.bin"), ("a\nb", "a\\nb"), ("\r\t", "\\r\\t"), ("\u{1B}", "\\x1b"), ("\u{7F}", "\\x7f"),
      ("\u{0}", "\\x00"), ("\u{85}", "\\u{85}"), ("é✓", "é✓"),
    ])
  func escaping(text: String, escaped: String) {
    #expect(text.escapingControlCharacters == escaped)
  }
}
