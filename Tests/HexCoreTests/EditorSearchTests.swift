import Foundation
import MemMap
import Testing

@testable import HexCore

@Suite("Editor: find, next and previous")
struct EditorSearchTests {
  static let sample = Array("0123456789abcdefghijklmnopqrstuvwxyzABCD".utf8)
  static let size = TerminalSize(columns: 76, rows: 6)

  func makeEditor(_ bytes: [UInt8] = sample) throws -> Editor {
    Editor(document: try makeDocument(bytes), configuration: EditorConfiguration())
  }

  /// Lets a background search finish and collects its result.
  func settle(_ editor: Editor) {
    while editor.isSearching { _ = editor.idle() }
  }

  @Test("Ctrl-F in the hex pane finds hex bytes at or after the cursor and highlights them")
  func findHex() throws {
    let editor = try makeEditor()
    editor.press(.control("f"))
    #expect(editor.mode == .prompting(.find))
    #expect(editor.render(size: Self.size).lines[5].text == "Find hex [Tab: text]: ")
    editor.type("6a 6b")
    editor.press(.enter)
    settle(editor)
    #expect(editor.viewport.cursor == 0x13)
    #expect(editor.match == 0x13..<0x15)
    #expect(editor.message == EditorMessage("match at 0x13  (Ctrl-N next, Ctrl-P previous)"))
    let frame = editor.render(size: Self.size)
    #expect(frame.lines[1].runs.contains(StyledRun("6a", .cursor)))
    #expect(frame.lines[1].runs.contains(StyledRun("6b", .match)))
    #expect(frame.lines[4].text.contains("0x00000013  19 / 40 bytes"))
  }

  @Test("a match at the cursor is found first; Ctrl-N moves past it")
  func matchAtCursor() throws {
    let editor = try makeEditor(Array("abcabcabc".utf8))
    editor.press(.control("f"))
    editor.type("616263")
    editor.press(.enter)
    settle(editor)
    #expect(editor.viewport.cursor == 0)
    editor.press(.control("n"))
    settle(editor)
    #expect(editor.viewport.cursor == 3)
    editor.press(.control("n"))
    settle(editor)
    #expect(editor.viewport.cursor == 6)
    editor.press(.control("n"))
    settle(editor)
    #expect(editor.viewport.cursor == 0)
    #expect(editor.message == EditorMessage("search wrapped past the end of the file: match at 0x0"))
    editor.press(.control("p"))
    settle(editor)
    #expect(editor.viewport.cursor == 6)
    #expect(editor.message == EditorMessage("search wrapped past the start of the file: match at 0x6"))
    editor.press(.control("p"))
    settle(editor)
    #expect(editor.viewport.cursor == 3)
    #expect(editor.message == EditorMessage("match at 0x3  (Ctrl-N next, Ctrl-P previous)"))
  }

  @Test("Ctrl-F, Enter with the pattern already matched goes on from the match to the next one")
  func resubmittingGoesToTheNextMatch() throws {
    let editor = try makeEditor(Array("abcabcabc".utf8))
    editor.press(.control("f"))
    editor.type("616263")
    editor.press(.enter)
    settle(editor)
    #expect(editor.viewport.cursor == 0)
    for expected in [3, 6] {
      editor.press(.control("f"), .enter)
      settle(editor)
      #expect(editor.viewport.cursor == expected)
      #expect(editor.message == EditorMessage("match at \(EditorSearchTests.hex(expected))  (Ctrl-N next, Ctrl-P previous)"))
    }
    editor.press(.control("f"), .enter)
    settle(editor)
    #expect(editor.viewport.cursor == 0)
    #expect(editor.message == EditorMessage("search wrapped past the end of the file: match at 0x0"))
    // Another pattern that matches at the cursor is found there first.
    editor.press(.control("f"))
    editor.type("6162")
    editor.press(.enter)
    settle(editor)
    #expect(editor.viewport.cursor == 0)
    // Away from the match, the same pattern starts at the cursor again.
    editor.press(.right, .left, .control("f"), .enter)
    settle(editor)
    #expect(editor.viewport.cursor == 3, "the cursor was back on the match, so the next one")
    editor.press(.right, .control("f"), .enter)
    settle(editor)
    #expect(editor.viewport.cursor == 6, "from 0x4 the first match at or after the cursor")
  }

  static func hex(_ offset: Int) -> String { "0x" + String(offset, radix: 16) }

  @Test("the text pane finds text; Ctrl-T ignores case; Tab switches kinds and keeps each text")
  func findText() throws {
    let editor = try makeEditor()
    editor.press(.tab, .control("f"))
    #expect(editor.prompt.label == "Find text [Tab: hex, Ctrl-T: any case]: ")
    editor.press(.control("t"))
    #expect(editor.prompt.label == "Find text, any case [Tab: hex, Ctrl-T: exact case]: ")
    editor.type("ABC")
    editor.press(.tab)
    #expect(editor.prompt.label == "Find hex [Tab: text]: ")
    #expect(editor.prompt.text == "")
    editor.type("ff")
    editor.press(.control("t"))
    #expect(editor.prompt.error == "case applies to text: Tab switches to text")
    editor.press(.backTab)
    #expect(editor.prompt.text == "ABC")
    editor.press(.enter)
    settle(editor)
    #expect(editor.viewport.cursor == 10, "abc matches ABC ignoring case")
    editor.press(.control("n"))
    settle(editor)
    #expect(editor.viewport.cursor == 36)
    editor.press(.control("f"))
    #expect(editor.prompt.text == "ABC", "the prompt offers the last text")
    editor.press(.control("t"), .enter)
    settle(editor)
    #expect(editor.viewport.cursor == 36, "exact case: only ABC, found at the cursor")
  }

  @Test("not found: said plainly, nothing moves")
  func notFound() throws {
    let editor = try makeEditor()
    editor.press(.right, .control("f"))
    editor.type("00 ff")
    editor.press(.enter)
    settle(editor)
    #expect(editor.viewport.cursor == 1)
    #expect(editor.match == nil)
    #expect(editor.message == EditorMessage("not found: 00 ff", isError: true))
    #expect(editor.render(size: Self.size).lines[5].runs == [StyledRun("not found: 00 ff", .error)])
  }

  @Test("a bad pattern keeps the prompt open with the parser's reason", arguments: ["abc", "zz", "", "0x", "?? ??"])
  func badPattern(text: String) throws {
    let editor = try makeEditor()
    editor.press(.control("f"))
    editor.type(text)
    editor.press(.enter)
    #expect(editor.mode == .prompting(.find))
    var expected: String?
    do {
      _ = try SearchPattern(text, kind: .hex)
    } catch {
      expected = error.description
    }
    #expect(expected != nil)
    #expect(editor.prompt.error == expected)
    #expect(editor.render(size: TerminalSize(columns: 200, rows: 6)).lines[5].text.contains(expected ?? "-"))
    editor.press(.escape)
    #expect(editor.mode == .browsing)
  }

  @Test("Ctrl-N before any search says how to start one")
  func nothingToRepeat() throws {
    let editor = try makeEditor()
    editor.press(.control("n"))
    #expect(editor.message == EditorMessage("nothing to repeat yet: Ctrl-F finds bytes or text", isError: true))
  }

  @Test("the search sees pending edits, not just the stored bytes")
  func seesEdits() throws {
    let editor = try makeEditor()
    editor.press(.control("g"))
    editor.type("30")
    editor.press(.enter)
    editor.type("cafe")
    editor.press(.controlHome, .control("f"))
    editor.type("ca fe")
    editor.press(.enter)
    settle(editor)
    #expect(editor.viewport.cursor == 30)
    editor.press(.control("z"), .control("z"), .control("n"))
    settle(editor)
    #expect(editor.message == EditorMessage("not found: ca fe", isError: true), "undone edits are gone")
  }

  @Test("Esc clears the match highlight")
  func escapeClearsMatch() throws {
    let editor = try makeEditor()
    editor.press(.control("f"))
    editor.type("41")
    editor.press(.enter)
    settle(editor)
    #expect(editor.match == 36..<37)
    editor.press(.escape)
    #expect(editor.match == nil)
  }

  @Test("a long search shows progress, leaves the keys working, and Esc stops it")
  func progressAndCancel() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.slowToSearchFile("zeros.bin", size: 16 << 30)
    let document = Document(mapping: try MemMap.open(path), path: path, isReadOnly: false)
    let editor = Editor(document: document, configuration: EditorConfiguration())
    editor.press(.control("f"))
    editor.type("01")
    editor.press(.enter)
    #expect(editor.isSearching, "16 GiB takes longer than the editor waits")
    #expect(editor.idle() == true, "a running search asks for redraws")
    let line = editor.render(size: TerminalSize(columns: 100, rows: 6)).lines[5].text
    #expect(line.hasPrefix("searching for 01: "))
    #expect(line.hasSuffix("B/s  Esc cancels"))
    editor.press(.down)
    #expect(editor.viewport.cursor == 16, "keys still move the cursor during the search")
    editor.press(.escape)
    #expect(!editor.isSearching)
    #expect(editor.message == EditorMessage("search cancelled"))
    #expect(editor.viewport.cursor == 16)
  }

  @Test("a truncated file is not searched (its pages would fault)")
  func truncatedFile() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.file("data.bin", bytes: Self.sample)
    let document = Document(mapping: try MemMap.open(path), path: path, isReadOnly: false)
    let editor = Editor(document: document, configuration: EditorConfiguration())
    try directory.truncate(path, to: 8)
    editor.press(.control("f"))
    editor.type("41")
    editor.press(.enter)
    #expect(!editor.isSearching)
    #expect(
      editor.message
        == EditorMessage(
          "cannot search: another process truncated the file to 8 bytes; reopen it to search", isError: true))
  }
}
