import Testing

@testable import HexCore

@Suite("Editor")
struct EditorTests {
  static let sample = Array("0123456789abcdefghijklmnopqrstuvwxyzABCD".utf8)
  static let size = TerminalSize(columns: 76, rows: 6)

  func makeEditor(
    _ bytes: [UInt8] = sample, configuration: EditorConfiguration = EditorConfiguration(), readOnly: Bool = false
  ) throws -> Editor {
    Editor(document: try makeDocument(bytes, isReadOnly: readOnly), configuration: configuration)
  }

  @Test("the first frame, exactly")
  func firstFrame() throws {
    let editor = try makeEditor()
    let frame = editor.render(size: Self.size)
    #expect(
      frame.screen == """
        00000000  30 31 32 33 34 35 36 37  38 39 61 62 63 64 65 66  0123456789abcdef|
        00000010  67 68 69 6a 6b 6c 6d 6e  6f 70 71 72 73 74 75 76  ghijklmnopqrstuv|
        00000020  77 78 79 7a 41 42 43 44                           wxyzABCD|
        |
         sample.bin                                0x00000000  0 / 40 bytes  0% OVR |
        F1 help  Ctrl-G go to  Ctrl-F find  Tab pane  Ctrl-S save  Ctrl-Q quit|
        """)
    #expect(frame.cursor?.row == 0)
    #expect(frame.cursor?.column == 10)
    #expect(frame.lines[0].runs[2] == StyledRun("30", .cursor))
    #expect(frame.lines[0].runs.contains(StyledRun("0", .cursorShadow)))
    #expect(frame.lines[4].runs == [StyledRun(frame.lines[4].text, .statusBar)])
  }

  @Test("arrows, row start and end, file start and end move the cursor")
  func movement() throws {
    let editor = try makeEditor()
    _ = editor.render(size: Self.size)
    editor.press(.right, .right, .down)
    #expect(editor.viewport.cursor == 18)
    editor.press(.end)
    #expect(editor.viewport.cursor == 31)
    editor.press(.home)
    #expect(editor.viewport.cursor == 16)
    editor.press(.controlEnd)
    #expect(editor.viewport.cursor == 39)
    editor.press(.controlHome)
    #expect(editor.viewport.cursor == 0)
    editor.press(.character("G"))
    #expect(editor.viewport.cursor == 39)
    editor.press(.character("g"))
    #expect(editor.viewport.cursor == 0)
    editor.press(.left, .up)
    #expect(editor.viewport.cursor == 0)
    editor.press(.pageDown)
    #expect(editor.viewport.cursor == 39)
    editor.press(.pageUp)
    #expect(editor.viewport.cursor == 0)
  }

  @Test("the status line follows the cursor")
  func statusFollows() throws {
    let editor = try makeEditor()
    editor.press(.controlEnd)
    let frame = editor.render(size: Self.size)
    #expect(frame.lines[4].text == " sample.bin" + String(repeating: " ", count: 29) + "0x00000027  39 / 40 bytes  100% OVR ")
    #expect(frame.cursor?.row == 2)
    #expect(frame.cursor?.column == 10 + 7 * 3)
  }

  @Test("Tab moves the cursor to the text pane and back")
  func switchPane() throws {
    let editor = try makeEditor()
    editor.press(.right, .tab)
    #expect(editor.activePane == .text)
    let frame = editor.render(size: Self.size)
    #expect(frame.cursor?.column == 61)
    #expect(frame.lines[0].runs.contains(StyledRun("31", .cursorShadow)))
    #expect(frame.lines[0].runs.contains(StyledRun("1", .cursor)))
    editor.press(.character("g"))
    #expect(editor.viewport.cursor == 2, "g is text in the text pane: it overwrites the byte and advances")
    #expect(editor.session.edits.byte(at: 1) == UInt8(ascii: "g"))
    editor.press(.backTab)
    #expect(editor.activePane == .hex)
  }

  @Test("go to: a valid entry moves the cursor")
  func goToValid() throws {
    let editor = try makeEditor()
    editor.press(.control("g"))
    #expect(editor.mode == .prompting(.goTo))
    editor.type("0x21")
    let prompting = editor.render(size: Self.size)
    #expect(prompting.lines[5].text == "Go to offset: 0x21")
    #expect(prompting.cursor?.row == 5)
    #expect(prompting.cursor?.column == 18)
    editor.press(.enter)
    #expect(editor.mode == .browsing)
    #expect(editor.viewport.cursor == 0x21)
    editor.press(.control("g"))
    editor.type("-2")
    editor.press(.enter)
    #expect(editor.viewport.cursor == 0x1F)
    editor.press(.control("g"))
    editor.type("50%")
    editor.press(.enter)
    #expect(editor.viewport.cursor == 20)
    editor.press(.control("g"))
    editor.type("end")
    editor.press(.enter)
    #expect(editor.viewport.cursor == 39)
  }

  @Test("go to: a bad entry shows the error in the prompt and changes nothing")
  func goToInvalid() throws {
    let editor = try makeEditor()
    editor.press(.right)
    editor.press(.control("g"))
    editor.type("0x99")
    editor.press(.enter)
    #expect(editor.viewport.cursor == 1)
    #expect(editor.mode == .prompting(.goTo))
    let frame = editor.render(size: TerminalSize(columns: 100, rows: 6))
    #expect(
      frame.lines[5].text == "Go to offset: 0x99  0x99 is beyond the end of the 40-byte file (last offset 0x27)")
    #expect(frame.lines[5].runs.last?.style == .error)
    editor.press(.backspace, .backspace)
    editor.type("10")
    editor.press(.enter)
    #expect(editor.viewport.cursor == 0x10)
  }

  @Test("go to: Esc cancels without moving")
  func goToCancel() throws {
    let editor = try makeEditor()
    editor.press(.control("g"))
    editor.type("0x20")
    editor.press(.escape)
    #expect(editor.mode == .browsing)
    #expect(editor.viewport.cursor == 0)
    #expect(editor.render(size: Self.size).lines[5].text == "F1 help  Ctrl-G go to  Ctrl-F find  Tab pane  Ctrl-S save  Ctrl-Q quit")
  }

  @Test("help opens with F1, scrolls, and closes with q or Esc")
  func help() throws {
    let editor = try makeEditor()
    editor.press(.function(1))
    #expect(editor.mode == .help)
    var frame = editor.render(size: Self.size)
    #expect(
      frame.screen == """
        mmhex keys (Esc or q closes, arrows and PgUp/PgDn scroll)|
        |
          Left                  Move one byte left|
          Right                 Move one byte right|
         sample.bin                                0x00000000  0 / 40 bytes  0% OVR |
        Esc or q closes the help|
        """)
    #expect(frame.cursor == nil)
    editor.press(.down, .down)
    frame = editor.render(size: Self.size)
    #expect(frame.lines[0].text == "  Left                  Move one byte left")
    editor.press(.wheelDown)
    #expect(editor.helpScroll == 5)
    editor.press(.wheelUp, .wheelUp)
    #expect(editor.helpScroll == 0)
    editor.press(.end)
    frame = editor.render(size: Self.size)
    #expect(frame.lines[3].text == HelpScreen.lines.last)
    editor.press(.character("q"))
    #expect(editor.mode == .browsing)
    editor.press(.function(1), .escape)
    #expect(editor.mode == .browsing)
    #expect(editor.viewport.cursor == 0)
  }

  @Test("Ctrl-Q quits, also from the help screen")
  func quit() throws {
    let editor = try makeEditor()
    #expect(editor.handle(.control("q")) == .quit)
    editor.press(.function(1))
    #expect(editor.handle(.control("q")) == .quit)
  }

  @Test("a read-only document refuses typing with a read-only message")
  func readOnly() throws {
    let editor = try makeEditor(readOnly: true)
    editor.press(.character("a"))
    #expect(editor.message == EditorMessage("read-only: this file cannot be changed", isError: true))
    #expect(editor.render(size: Self.size).lines[4].text.hasPrefix(" sample.bin [read-only] "))
  }

  @Test("unbound keys explain themselves")
  func unbound() throws {
    let editor = try makeEditor()
    editor.press(.character("z"))
    #expect(
      editor.message?.text == "'z' is not a hex digit; Tab switches to the text pane, F1 lists the keys")
    editor.press(.enter)
    // Enter in the hex pane goes to the next difference, which needs the compare view.
    #expect(editor.message?.text == Editor.noComparisonNote)
    editor.press(.left)
    #expect(editor.message == nil)
  }

  @Test("resize keeps the cursor on its byte and re-lays the rows")
  func resize() throws {
    let bytes = countingBytes(4096)
    let editor = try makeEditor(bytes)
    _ = editor.render(size: Self.size)
    editor.press(.control("g"))
    editor.type("0x800")
    editor.press(.enter)
    #expect(editor.render(size: Self.size).lines[0].text.hasPrefix("00000800  00 01 02"))
    editor.press(.resize)
    let wide = editor.render(size: TerminalSize(columns: 200, rows: 10))
    #expect(editor.viewport.bytesPerRow == 40)
    #expect(editor.viewport.cursor == 0x800)
    let row = editor.viewport.cursorRow - editor.viewport.topRow
    #expect(wide.cursor?.row == row)
    #expect(wide.lines[row].text.hasPrefix("000007f8  f8 f9"))
  }

  @Test(
    "terminals too small for a row get a short note that fits",
    arguments: [
      (0, 0, nil), (1, 1, "!"), (5, 1, "small"), (10, 2, "too small"), (14, 10, "too small"),
      (80, 2, "terminal too small: need at least 15x3"), (200, 2, "terminal too small: need at least 15x3"),
    ] as [(Int, Int, String?)])
  func tooSmall(columns: Int, rows: Int, note: String?) throws {
    let editor = try makeEditor()
    let frame = editor.render(size: TerminalSize(columns: columns, rows: rows))
    #expect(frame.lines.map(\.text) == (note.map { [$0] } ?? []))
    #expect(frame.lines.allSatisfy { $0.text.count <= columns })
    #expect(frame.lines.count <= rows)
  }

  @Test(
    "a narrow terminal gets fewer bytes per row, down to one",
    arguments: [
      (42, "00000000  30 31 32 33  0123"), (30, "00000000  30 31 32 33  0123"), (26, "00000000  30 31  01"),
      (15, "00000000  30  0"),
    ])
  func narrow(columns: Int, firstRow: String) throws {
    let editor = try makeEditor()
    let frame = editor.render(size: TerminalSize(columns: columns, rows: 10))
    #expect(frame.lines.first?.text == firstRow)
    #expect(frame.lines.allSatisfy { $0.text.count <= columns })
  }

  @Test("the smallest usable terminal shows one row")
  func smallest() throws {
    let editor = try makeEditor()
    editor.press(.down)
    let frame = editor.render(size: TerminalSize(columns: 15, rows: 3))
    #expect(
      frame.screen == """
        00000010  67  g|
        0x00000010 41% |
        F1 help  Ctrl-G|
        """)
    editor.press(.function(1))
    #expect(editor.render(size: TerminalSize(columns: 15, rows: 3)).lines.count == 3)
  }

  @Test("every size from 0x0 to 90x8 renders within bounds, in every mode")
  func allSizes() throws {
    let editor = try makeEditor()
    for mode in 0..<3 {
      if mode == 1 { editor.press(.function(1)) }
      if mode == 2 { editor.press(.escape, .control("g")) }
      for columns in 0...90 {
        for rows in 0...8 {
          let frame = editor.render(size: TerminalSize(columns: columns, rows: rows))
          #expect(frame.lines.count <= rows)
          #expect(frame.lines.allSatisfy { $0.text.count <= columns })
          if let cursor = frame.cursor {
            #expect(cursor.row < rows && cursor.column < columns)
          }
        }
      }
    }
  }

  @Test("an empty file shows no rows, an empty status and no cursor")
  func emptyFile() throws {
    let editor = Editor(document: Document(bytes: [], path: nil), configuration: EditorConfiguration())
    editor.press(.down, .pageDown, .controlEnd)
    let frame = editor.render(size: TerminalSize(columns: 50, rows: 4))
    #expect(
      frame.screen == """
        |
        |
         [scratch]                         empty file OVR |
        empty file: nothing to show  F1 help  Ctrl-Q quit|
        """)
    #expect(frame.cursor == nil)
    #expect(editor.viewport.cursor == 0)
  }

  @Test("configuration: start offset, fixed width, no colour")
  func configuration() throws {
    let editor = try makeEditor(
      configuration: EditorConfiguration(bytesPerRow: 8, startOffset: 0x12, showsColor: false))
    let frame = editor.render(size: TerminalSize(columns: 80, rows: 4))
    #expect(editor.viewport.cursor == 0x12)
    #expect(
      frame.lines[0].styleDump == [
        "offset:00000010", "plain:  67 68 ", "cursor:69", "plain: 6a 6b 6c 6d 6e  gh", "shadow:i", "plain:jklmn",
      ])
    #expect(frame.lines[1].text == "00000018  6f 70 71 72 73 74 75 76  opqrstuv")
  }

  @Test("the mouse wheel scrolls three rows and drags the cursor along")
  func wheel() throws {
    let editor = try makeEditor(countingBytes(1024))
    _ = editor.render(size: Self.size)
    editor.press(.wheelDown)
    #expect(editor.viewport.topRow == 3)
    #expect(editor.viewport.cursor == 48)
    editor.press(.wheelUp)
    #expect(editor.viewport.topRow == 0)
    #expect(editor.viewport.cursor == 48)
  }
}
