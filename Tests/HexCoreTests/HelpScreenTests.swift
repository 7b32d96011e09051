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
