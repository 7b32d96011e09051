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
    #expect(line.styleDump == ["prompt:Go: ", "selected:zz", "plain:  ", "error:bad"])
    #expect(column == 6)
    _ = prompt.handle(.end)
    #expect(prompt.render(width: 20).line.styleDump == ["prompt:Go: ", "plain:zz", "plain:  ", "error:bad"])
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

  @Test("text a prompt opens with is selected and drawn so; the first character typed replaces it")
  func prefilledTextIsReplacedByTyping() {
    var prompt = Prompt(label: "Save as: ", text: "ls3.bin")
    #expect(prompt.isTextSelected)
    #expect(prompt.render(width: 40).line.styleDump == ["prompt:Save as: ", "selected:ls3.bin"])
    for character in "copy.bin" { _ = prompt.handle(.character(character)) }
    #expect(prompt.text == "copy.bin")
    #expect(!prompt.isTextSelected)
    #expect(prompt.render(width: 40).line.styleDump == ["prompt:Save as: ", "plain:copy.bin"])
    #expect(prompt.handle(.enter) == .submitted("copy.bin"))
    #expect(!Prompt(label: "Go: ").isTextSelected, "an empty prompt has nothing to select")
  }

  @Test(
    "arrows, Home and End keep the prefilled text for editing",
    arguments: [
      (Key.left, "Xls3.bin"), (.right, "ls3.binX"), (.home, "Xls3.bin"), (.end, "ls3.binX"),
      (.control("a"), "Xls3.bin"), (.control("e"), "ls3.binX"),
    ])
  func movingKeepsTheText(key: Key, afterTyping: String) {
    var prompt = Prompt(label: "Save as: ", text: "ls3.bin")
    _ = prompt.handle(key)
    #expect(!prompt.isTextSelected)
    _ = prompt.handle(.character("X"))
    #expect(prompt.text == afterTyping)
  }

  @Test("Backspace or Delete on the selected text removes all of it; a paste replaces it")
  func deletingAndPastingOverTheSelection() {
    for key in [Key.backspace, .delete] {
      var prompt = Prompt(label: "Find: ", text: "de ad")
      _ = prompt.handle(key)
      #expect(prompt.text == "")
      #expect(prompt.insertionPoint == 0)
    }
    var prompt = Prompt(label: "Find: ", text: "de ad")
    _ = prompt.handle(.paste("be\tef\r\n"))
    #expect(prompt.text == "be ef", "a tab becomes a space, the line break at the end is dropped")
    _ = prompt.handle(.paste(" 01\r02\u{7}"))
    #expect(prompt.text == "be ef 01 02", "inside, line breaks become spaces; control characters go")
  }
}
