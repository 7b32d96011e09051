import Testing

@testable import HexCore

@Suite("Prompt")
struct PromptTests {
  @Test("typing, moving, deleting and submitting")
  func editing() {
    var prompt = Prompt(label: "Go to offset: ")
    for character in "0x1f" { _ = prompt.handle(.character(character)) }
    #expect(prompt.text == "0x1f")
    _ = prompt.handle(.backspace)
    #expect(prompt.text == "0x1")
    _ = prompt.handle(.home)
    _ = prompt.handle(.delete)
    #expect(prompt.text == "x1")
    _ = prompt.handle(.character("0"))
    #expect(prompt.insertionPoint == 1)
    _ = prompt.handle(.end)
    _ = prompt.handle(.left)
    _ = prompt.handle(.character("2"))
    #expect(prompt.text == "0x21")
    #expect(prompt.handle(.enter) == .submitted("0x21"))
    #expect(prompt.handle(.escape) == .cancelled)
    _ = prompt.handle(.control("u"))
    #expect(prompt.text == "")
    _ = prompt.handle(.backspace)
    #expect(prompt.insertionPoint == 0)
  }

  @Test("an error shows after the text until the text changes")
  func error() {
    var prompt = Prompt(label: "Go: ", text: "zz")
    prompt.error = "bad"
    let (line, column) = prompt.render(width: 20)
    #expect(line.styleDump == ["prompt:Go: ", "plain:zz", "plain:  ", "error:bad"])
    #expect(column == 6)
    _ = prompt.handle(.left)
    #expect(prompt.error == "bad")
    _ = prompt.handle(.character("1"))
    #expect(prompt.error == nil)
  }

  @Test("long text scrolls to keep the insertion point visible")
  func scrolling() {
    let prompt = Prompt(label: "Go: ", text: "0123456789abcdef")
    let (line, column) = prompt.render(width: 10)
    #expect(line.text == "Go: bcdef")
    #expect(column == 9)
    #expect(Prompt(label: "Go: ").render(width: 0).line.text == "")
  }
}
