import Testing

@testable import HexCore

@Suite("Editor: the data inspector (F2)")
struct EditorInspectorTests {
  static let sample: [UInt8] = [0x78, 0x56, 0x34, 0x12, 0x00, 0x00, 0x80, 0x3F] + countingBytes(24, from: 8)

  func makeEditor(_ bytes: [UInt8] = sample) throws -> Editor {
    Editor(document: try makeDocument(bytes), configuration: EditorConfiguration(bytesPerRow: 8))
  }

  @Test("beside the rows when wide enough, below them otherwise, a note when too small")
  func placement() throws {
    let editor = try makeEditor()
    editor.press(.function(2))
    let beside = editor.render(size: TerminalSize(columns: 110, rows: 20))
    #expect(beside.lines[0].text == "00000000  78 56 34 12 00 00 80 3f  xV4....?         little endian            big endian")
    #expect(beside.lines[1].text.hasPrefix("00000008  08 09 0a 0b 0c 0d 0e 0f  ........ int8    120"))
    #expect(beside.lines[6].text == String(repeating: " ", count: 44) + "uint32  305419896                2018915346" + String(repeating: " ", count: 14))
    #expect(beside.lines.count == 20)

    let below = editor.render(size: TerminalSize(columns: 70, rows: 22))
    #expect(below.lines.count == 22)
    #expect(below.lines[2].text == "00000010  10 11 12 13 14 15 16 17  ........")
    #expect(below.lines[3].text == "        little endian            big endian")
    #expect(below.lines[13].text.hasPrefix("float32 5.6904566e-28            1.7378244e+34"))
    #expect(editor.viewport.visibleRows == 3)

    let small = editor.render(size: TerminalSize(columns: 70, rows: 10))
    #expect(small.lines[9].text == "too small for the inspector: it needs 58 columns and 20 rows; F2 hides")
    #expect(small.lines[3].text == "00000018  18 19 1a 1b 1c 1d 1e 1f  ........")

    editor.press(.function(2))
    #expect(editor.render(size: TerminalSize(columns: 70, rows: 10)).lines[9].text.hasPrefix("F1 help"))
  }

  @Test("the cursor's row stays on screen when the inspector takes rows below")
  func cursorStaysVisible() throws {
    let editor = try makeEditor(countingBytes(4096))
    _ = editor.render(size: TerminalSize(columns: 70, rows: 40))
    editor.press(.controlEnd, .function(2))
    let frame = editor.render(size: TerminalSize(columns: 70, rows: 22))
    #expect(frame.lines[2].text.hasPrefix("00000ff8  f8 f9 fa fb fc fd fe ff"))
    #expect(frame.lines[4].text.hasPrefix("int8    -1"))
  }

  @Test("values follow the cursor, the selection's start and the pending edits; `-` where the file ends")
  func following() throws {
    let editor = try makeEditor()
    editor.press(.function(2), .right)
    editor.type("ff")
    _ = editor.render(size: TerminalSize(columns: 110, rows: 20))
    editor.press(.left, .left)
    var lines = editor.render(size: TerminalSize(columns: 110, rows: 20)).lines
    #expect(lines[3].text.hasSuffix("int16   -136                     30975" + String(repeating: " ", count: 19)))
    editor.press(.controlEnd)
    lines = editor.render(size: TerminalSize(columns: 110, rows: 20)).lines
    #expect(lines[1].text.hasSuffix("int8    31" + String(repeating: " ", count: 47)))
    #expect(lines[3].text.hasSuffix("int16   -                        -" + String(repeating: " ", count: 23)))
    editor.press(.controlHome, .right, .right.with(.shift), .right.with(.shift))
    #expect(editor.inspectedOffset == 1)
  }

  @Test("the highlighted value's bytes are marked in the hex pane; Tab cycles hex, text, inspector")
  func highlightAndFocus() throws {
    let editor = try makeEditor()
    editor.press(.function(2), .tab, .tab)
    #expect(editor.isInspectorFocused)
    editor.press(.down, .down, .down, .down, .down, .right)  // uint32, big endian
    var frame = editor.render(size: TerminalSize(columns: 110, rows: 20))
    #expect(frame.lines[0].styleDump.prefix(4) == ["offset:00000000", "plain:  ", "inspected:78 56 34 12", "null: 00 00 "])
    #expect(frame.cursor == nil, "the hex cursor is hidden while the inspector has the focus")
    #expect(frame.lines[6].styleDump.suffix(2) == ["plain: ", "cursor:2018915346              "])
    editor.press(.character("x"))
    #expect(
      editor.message
        == EditorMessage(
          "the inspector has the focus: Enter edits the highlighted value, Tab goes to the hex pane", isError: true))
    editor.press(.tab)
    #expect(!editor.isInspectorFocused)
    #expect(editor.activePane == .hex)
    frame = editor.render(size: TerminalSize(columns: 110, rows: 20))
    #expect(frame.cursor != nil)
  }

  @Test("Enter writes a typed value at the cursor as one undo step; bad values are refused with the reason")
  func editing() throws {
    let editor = try makeEditor()
    editor.press(.right, .right, .right, .right, .right, .right, .right, .right, .function(2), .tab, .tab)
    editor.press(.down, .down, .down, .down, .down, .enter)  // uint32 LE
    #expect(editor.prompt.label == "uint32 LE at 0x8: ")
    editor.type("0xdeadbeef")
    editor.press(.enter)
    var expected = Self.sample
    expected.replaceSubrange(8..<12, with: [0xEF, 0xBE, 0xAD, 0xDE])
    #expect(editor.shownBytes == expected)
    #expect(editor.viewport.cursor == 8)
    #expect(editor.message == EditorMessage("wrote uint32 LE at 0x8 = 0xdeadbeef (4 bytes; Ctrl-Z takes it back)"))
    #expect(editor.session.history.undoCount == 1)

    editor.press(.up, .up, .up, .up, .enter)  // uint8
    #expect(editor.prompt.label == "uint8 at 0x8: ")
    editor.type("300")
    editor.press(.enter)
    #expect(editor.prompt.error == "300 does not fit in uint8 (0…255); nothing was written")
    #expect(editor.mode == .prompting(.inspectorValue))
    editor.press(.escape)
    #expect(editor.shownBytes == expected)

    // A value that runs past the end of the file.
    editor.press(.controlEnd, .down, .down, .down, .down, .down, .down, .enter)  // uint64
    editor.type("1")
    editor.press(.enter)
    #expect(editor.prompt.error == "8 bytes do not fit: only 1 before the end of the file; nothing was written")
    editor.press(.escape, .control("z"))
    #expect(editor.shownBytes == Self.sample)
  }
}
