import Testing

@testable import HexCore

@Suite("HelpScreen")
struct HelpScreenTests {
  @Test("the first lines, exactly")
  func firstLines() {
    let lines = HelpScreen.render(width: 200, height: 5, scroll: 0).map(\.text)
    #expect(
      lines == [
        "mmhex keys (Esc or q closes, arrows and PgUp/PgDn scroll)",
        "",
        "  Left                  Move one byte left",
        "  Right                 Move one byte right",
        "  Up                    Move one row up",
      ])
  }

  @Test("merged entries show each key once with its pane")
  func merged() {
    #expect(HelpScreen.entries.contains(HelpScreen.Entry(keys: "Ctrl-End, G (hex)", summary: "Go to the end of the file")))
    #expect(HelpScreen.entries.contains(HelpScreen.Entry(keys: "Tab, Shift-Tab", summary: "Switch between the hex and text panes")))
  }

  @Test("scrolling is clamped and lines are cut to the width")
  func scrolling() {
    let total = HelpScreen.lines.count
    let bottom = HelpScreen.render(width: 10, height: 4, scroll: 1000)
    #expect(bottom.count == 4)
    #expect(bottom.last?.text == String(HelpScreen.lines[total - 1].prefix(10)))
    #expect(bottom.allSatisfy { $0.text.count <= 10 })
    #expect(HelpScreen.maximumScroll(height: 4) == total - 4)
    #expect(HelpScreen.render(width: 0, height: 4, scroll: 0).isEmpty)
    #expect(HelpScreen.render(width: 80, height: 1000, scroll: 5).count == total)
  }
}

@Suite("Byte colours")
struct ByteColourTests {
  @Test("every class has its own colour, and dump's SGR codes come from it")
  func onePalette() {
    let colours = ByteClass.allCases.map(\.color)
    #expect(Set(colours).count == ByteClass.allCases.count)
    #expect(ByteClass.allCases.map { ANSIColor.code(for: $0) } == [90, 36, 32, 35, 33])
    #expect(ANSIColor.sequence(for: .control) == Array("\u{1B}[35m".utf8))
    for byteClass in ByteClass.allCases {
      #expect(ByteClass(byteClass.sample) == byteClass)
    }
  }

  @Test("the help says how offsets read: end is the size")
  func offsets() {
    #expect(HelpScreen.lines.contains("end is the size, so end-16 is the first of the last 16 bytes (end alone: the last byte)."))
  }

  @Test("the help ends with a legend: each class's sample byte in its colour")
  func legend() {
    #expect(HelpScreen.lines.suffix(2) == [
      "Byte colours (the same in 'mmhex dump --color always'):",
      "  00 NUL  41 printable  20 whitespace  01 control  ff high (80-ff)",
    ])
    let samples = HelpScreen.legend.runs.filter { if case .byte = $0.style { true } else { false } }
    #expect(samples.map(\.text) == ["00", "41", "20", "01", "ff"])
    #expect(samples.map(\.style) == ByteClass.allCases.map { Style.byte($0) })
    let clipped = HelpScreen.render(width: 12, height: 1000, scroll: 0).last
    #expect(clipped?.text == "  00 NUL  41")
  }
}
