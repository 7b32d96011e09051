import Testing

@testable import HexCore

@Suite("Editor: prompts that open with text")
struct EditorPromptTests {
  static let size = TerminalSize(columns: 76, rows: 6)

  @Test("Ctrl-O offers the file's path selected: typing a name replaces it, End keeps it for editing")
  func saveAsPath() throws {
    let editor = Editor(document: try makeDocument(countingBytes(40), path: "ls3.bin"), configuration: EditorConfiguration())
    editor.press(.control("o"))
    #expect(editor.prompt.text == "ls3.bin")
    #expect(editor.render(size: Self.size).lines[5].styleDump == ["prompt:Save as: ", "selected:ls3.bin"])
    editor.type("copy.bin")
    #expect(editor.prompt.text == "copy.bin", "not ls3.bincopy.bin")
    #expect(editor.render(size: Self.size).lines[5].styleDump == ["prompt:Save as: ", "plain:copy.bin"])
    editor.press(.escape, .control("o"), .end)
    editor.type(".orig")
    #expect(editor.prompt.text == "ls3.bin.orig")
  }

  @Test("Ctrl-F offers the last pattern selected: typing replaces it, Left keeps it")
  func findPattern() throws {
    let editor = Editor(document: try makeDocument(countingBytes(40)), configuration: EditorConfiguration())
    editor.press(.control("f"))
    editor.type("0a 0b")
    editor.press(.enter)
    while editor.isSearching { _ = editor.idle() }
    editor.press(.control("f"))
    #expect(editor.render(size: Self.size).lines[5].styleDump == ["prompt:Find hex [Tab: text]: ", "selected:0a 0b"])
    editor.type("10")
    #expect(editor.prompt.text == "10")
    editor.press(.escape, .control("f"), .left)
    editor.type("09 ")
    #expect(editor.prompt.text == "09 0a 0b")
    // Tab shows the other kind's last text, selected too.
    editor.press(.control("u"))
    editor.type("xy")
    editor.press(.tab, .tab)
    #expect(editor.prompt.isTextSelected)
    editor.type("0c")
    #expect(editor.prompt.text == "0c")
  }
}
