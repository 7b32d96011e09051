import Foundation
import MemMap
import Testing

@testable import HexCore

@Suite("Editor: filling the selection with a pattern (Ctrl-K)")
struct EditorFillTests {
  static let size = EditorSelectionTests.size
  static let sample = EditorSelectionTests.sample

  func makeEditor(_ bytes: [UInt8] = sample, readOnly: Bool = false) throws -> Editor {
    try EditorSelectionTests().makeEditor(bytes, readOnly: readOnly)
  }

  /// An editor on the file at `path`.
  func makeEditor(onFile path: String) throws -> Editor {
    let editor = Editor(
      document: Document(mapping: try MemMap.open(path), path: path, isReadOnly: false),
      configuration: EditorConfiguration())
    _ = editor.render(size: Self.size)
    return editor
  }

  /// Selects `count` bytes from the cursor with Shift-Right.
  func select(_ editor: Editor, count: Int) {
    for _ in 1..<count { editor.press(.right.with(.shift)) }
  }

  /// Ctrl-K, `pattern` typed, Enter.
  func fill(_ editor: Editor, _ pattern: String) {
    editor.press(.control("k"))
    editor.type(pattern)
    editor.press(.enter)
  }

  @Test("hex bytes repeat over the selection as one undo step; the filled bytes show as edited")
  func hexFill() throws {
    let editor = try makeEditor()
    editor.press(.right, .right)
    select(editor, count: 7)
    editor.press(.control("k"))
    #expect(editor.mode == .prompting(.fill(2..<9)))
    #expect(editor.prompt.label == "Fill 7 bytes from 0x2 with hex [Tab: text]: ")
    editor.type("de ad be")
    editor.press(.enter)

    var expected = Self.sample
    expected.replaceSubrange(2..<9, with: [0xDE, 0xAD, 0xBE, 0xDE, 0xAD, 0xBE, 0xDE])
    #expect(editor.contentWindow(at: 0, length: 64).bytes == expected)
    #expect(editor.mode == .browsing)
    #expect(editor.message == EditorMessage("filled 7 bytes at 0x2 with de ad be  (Ctrl-Z takes the fill back)"))
    #expect(editor.selection == nil, "the selection is cleared, so the filled bytes show as edited")
    #expect(editor.viewport.cursor == 2, "the cursor goes to the first filled byte")
    #expect(editor.session.undoCount == 1)

    let frame = editor.render(size: Self.size)
    #expect(
      frame.lines[0].styleDump == [
        "offset:00000000", "plain:  ", "null:00 ", "control:01 ", "cursor:de", "plain: ", "edited:ad be de ad be  de",
        "whitespace: 09 0a 0b 0c 0d ", "control:0e 0f", "plain:  ", "null:.", "control:.", "shadow:.", "edited:......",
        "whitespace:.....", "control:..",
      ])
    #expect(
      frame.lines[4].text
        == " sample.bin [modified: 7 bytes]                0x00000002  2 / 64 bytes  3% OVR ")

    editor.press(.control("z"))
    #expect(editor.contentWindow(at: 0, length: 64).bytes == Self.sample)
    #expect(!editor.hasUnsavedChanges)
    #expect(editor.viewport.cursor == 2)
    editor.press(.control("y"))
    #expect(editor.contentWindow(at: 0, length: 64).bytes == expected)
    #expect(editor.viewport.cursor == 2)
  }

  @Test("Tab switches the prompt to text, whose UTF-8 bytes repeat; each kind keeps its last pattern")
  func textFill() throws {
    let editor = try makeEditor()
    select(editor, count: 5)
    editor.press(.control("k"))
    editor.type("00")
    editor.press(.tab)
    #expect(editor.prompt.label == "Fill 5 bytes from 0x0 with text [Tab: hex]: ")
    #expect(editor.prompt.text == "")
    editor.type("é!")
    editor.press(.enter)
    #expect(editor.contentWindow(at: 0, length: 6).bytes == [0xC3, 0xA9, 0x21, 0xC3, 0xA9, 5])
    #expect(editor.message == EditorMessage("filled 5 bytes at 0x0 with \"é!\"  (Ctrl-Z takes the fill back)"))

    // In the text pane the prompt starts as text, holding the last text pattern; Tab brings the hex one back.
    editor.press(.tab, .down)
    select(editor, count: 2)
    editor.press(.control("k"))
    #expect(editor.prompt.label == "Fill 2 bytes from 0x10 with text [Tab: hex]: ")
    #expect(editor.prompt.text == "é!" && editor.prompt.isTextSelected)
    editor.press(.tab)
    #expect(editor.prompt.text == "00")
    editor.press(.enter)
    #expect(editor.contentWindow(at: 16, length: 3).bytes == [0, 0, 18])
  }

  @Test("a pattern longer than the selection is cut to it, and the message says so")
  func longPatternIsCut() throws {
    let editor = try makeEditor()
    select(editor, count: 3)
    fill(editor, "0xde, 0xad, 0xbe, 0xef")
    #expect(editor.contentWindow(at: 0, length: 4).bytes == [0xDE, 0xAD, 0xBE, 3])
    #expect(
      editor.message
        == EditorMessage("filled 3 bytes at 0x0 with de ad be: the pattern's 4 bytes were cut to the selection's 3"))
  }

  @Test("without a selection, Ctrl-K says how to select; in an empty or read-only file it says why not")
  func refusals() throws {
    let editor = try makeEditor()
    editor.press(.control("k"))
    #expect(editor.mode == .browsing)
    #expect(
      editor.message
        == EditorMessage(
          "select the bytes to fill first: Shift with an arrow key, Ctrl-Space then movement keys, "
            + "or Ctrl-A for the whole file", isError: true))

    let empty = try makeEditor([])
    empty.press(.control("a"), .control("k"))
    #expect(empty.message == EditorMessage("the file is empty: there is nothing to fill", isError: true))

    let readOnly = try makeEditor(readOnly: true)
    readOnly.press(.control("a"), .control("k"))
    #expect(readOnly.mode == .browsing)
    #expect(readOnly.message == EditorMessage(Editor.readOnlyMessage, isError: true))
    #expect(!readOnly.fill(0..<4, with: [1]))
    #expect(!readOnly.hasUnsavedChanges)
  }

  @Test("an empty or malformed pattern keeps the prompt open with the reason; Esc cancels; nothing is written")
  func badPatterns() throws {
    let editor = try makeEditor()
    select(editor, count: 4)
    editor.press(.control("k"), .enter)
    #expect(editor.prompt.error == "type the bytes to repeat, such as 00 or de ad be ef (Tab: text)")
    editor.type(" , ")
    editor.press(.enter)
    #expect(editor.prompt.error == "type the bytes to repeat, such as 00 or de ad be ef (Tab: text)")
    editor.press(.control("u"))
    editor.type("de zz")
    editor.press(.enter)
    #expect(editor.prompt.error == "'z' is not a hex digit at position 4")
    editor.press(.control("u"))
    editor.type("abc")
    editor.press(.enter)
    #expect(editor.prompt.error == "'abc' at position 1 has an odd number of hex digits; each byte takes two")
    editor.press(.tab, .enter)
    #expect(editor.prompt.error == "type the text to repeat (Tab: hex bytes)")
    #expect(editor.mode == .prompting(.fill(0..<4)))
    #expect(!editor.hasUnsavedChanges)

    editor.type("x")
    editor.press(.escape)
    #expect(editor.mode == .browsing)
    #expect(editor.message == EditorMessage("fill cancelled: nothing was written"))
    #expect(editor.selection == 0..<4, "Esc in the prompt keeps the selection")
    #expect(editor.contentWindow(at: 0, length: 64).bytes == Self.sample)
    #expect(editor.session.undoCount == 0)
  }

  @Test("search, copy, export, the inspector and further edits see the filled bytes")
  func everythingSeesTheFill() throws {
    let editor = try makeEditor()
    editor.press(.control("g"))
    editor.type("0x10")
    editor.press(.enter)
    select(editor, count: 16)
    fill(editor, "aa bb")

    // A match that spans the end of the fill.
    editor.press(.control("f"))
    editor.type("bb 20")
    editor.press(.enter)
    while editor.isSearching { _ = editor.idle() }
    #expect(editor.match == 31..<33)
    #expect(editor.message == EditorMessage("match at 0x1f  (Ctrl-N next, Ctrl-P previous)"))

    editor.press(.escape, .left, .left.with(.shift), .control("c"))
    #expect(editor.selection == 29..<31)
    #expect(editor.clipboard == [0xBB, 0xAA])
    #expect(editor.takeTerminalClipboardText() == "bb aa")
    editor.press(.control("e"), .character("c"))
    #expect(editor.takeTerminalClipboardText() == "{ 0xbb, 0xaa }")
    let directory = try TemporaryDirectory()
    let exported = directory.url.appendingPathComponent("part.bin").path
    editor.press(.control("e"), .character("f"))
    editor.type(exported)
    editor.press(.enter)
    #expect(editor.message == EditorMessage("exported 2 bytes to '\(exported)'"))
    #expect(Array(try Data(contentsOf: URL(fileURLWithPath: exported))) == [0xBB, 0xAA])

    editor.press(.escape, .function(2))
    #expect(editor.inspectedOffset == 29)
    #expect(editor.inspectedBytes().prefix(4) == [0xBB, 0xAA, 0xBB, 0x20])

    // Typing over a filled byte, then undoing both steps.
    editor.type("01")
    #expect(editor.contentWindow(at: 28, length: 4).bytes == [0xAA, 0x01, 0xAA, 0xBB])
    editor.press(.control("z"), .control("z"))
    #expect(editor.contentWindow(at: 0, length: 64).bytes == Self.sample)
  }

  @Test("in insert mode a fill still writes over the selection: the size stays")
  func insertModeFillOverwrites() throws {
    let editor = try makeEditor()
    editor.press(.insert)
    select(editor, count: 2)
    fill(editor, "ff")
    #expect(editor.contentCount == 64)
    #expect(editor.contentWindow(at: 0, length: 3).bytes == [0xFF, 0xFF, 2])
  }

  @Test("a fill of a file on disk is saved with Ctrl-S; a fill undone leaves nothing to save")
  func saving() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.file("data.bin", bytes: Self.sample)
    let editor = try makeEditor(onFile: path)
    editor.type("11")
    editor.press(.down)
    select(editor, count: 20)
    fill(editor, "5a")
    editor.press(.control("s"))
    var expected = Self.sample
    expected[0] = 0x11
    expected.replaceSubrange(17..<37, with: [UInt8](repeating: 0x5A, count: 20))
    #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == expected)
    #expect(!editor.hasUnsavedChanges)

    editor.press(.control("a"))
    fill(editor, "00")
    editor.press(.control("z"), .control("s"))
    #expect(editor.message == EditorMessage("no changes to save"))
    #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == expected)
  }

  @Test("after another process truncated the file a fill is refused; Ctrl-R cannot keep a fill")
  func truncatedAndReload() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.file("data.bin", bytes: Self.sample)
    let editor = try makeEditor(onFile: path)
    editor.press(.control("a"))
    fill(editor, "01")
    editor.press(.control("r"), .character("k"))
    #expect(
      editor.message
        == EditorMessage(
          "cannot keep your edits over the reloaded file: bytes were inserted, deleted or filled; Ctrl-O saves them to "
            + "another file first; nothing was reloaded", isError: true))
    editor.press(.control("z"))

    try directory.truncate(path, to: 10)
    editor.press(.control("a"))
    fill(editor, "02")
    #expect(
      editor.message
        == EditorMessage("cannot fill: another process truncated the file to 10 bytes; Ctrl-R reloads it", isError: true))
    #expect(editor.session.undoCount == 0)
  }

  @Test("filling all of a 1 TiB sparse file is one piece: instant, nothing read or allocated")
  func tebibyte() throws {
    let directory = try TemporaryDirectory()
    let size = 1 << 40
    let path = try directory.sparseFile("huge.bin", size: size, tail: [1])
    let document = Document(mapping: try MemMap.open(path, mode: .readOnly), path: path, isReadOnly: false)
    let editor = Editor(document: document, configuration: EditorConfiguration())
    _ = editor.render(size: TerminalSize(columns: 100, rows: 4))
    editor.press(.control("a"))
    fill(editor, "de ad be ef")
    let table = try #require(editor.session.table)
    #expect(table.pieceCount == 1)
    #expect(table.editedByteCount == size)
    #expect(editor.session.changedByteCount == size)
    #expect(editor.message == EditorMessage("filled 1099511627776 bytes at 0x0 with de ad be ef  (Ctrl-Z takes the fill back)"))
    let frame = editor.render(size: TerminalSize(columns: 100, rows: 4))
    #expect(frame.lines[2].text.hasPrefix(" huge.bin [modified: 1099511627776 bytes]"))
    #expect(editor.contentWindow(at: size - 6, length: 6).bytes == [0xBE, 0xEF, 0xDE, 0xAD, 0xBE, 0xEF])

    // A smaller fill inside it adds two pieces; undoing both gives the file back.
    editor.press(.controlEnd, .left.with(.shift))
    fill(editor, "00")
    #expect(editor.session.table?.pieceCount == 2)
    #expect(editor.contentWindow(at: size - 3, length: 3).bytes == [0xAD, 0x00, 0x00])
    editor.press(.control("z"), .control("z"))
    #expect(editor.session.table?.pieceCount == 1)
    #expect(editor.session.table?.editedByteCount == 0)
    #expect(!editor.hasUnsavedChanges)
    #expect(editor.contentWindow(at: size - 2, length: 2).bytes == [0, 1])
  }
}

@Suite("Edit session: fills")
struct EditSessionFillTests {
  static let original = Array("0123456789".utf8)

  @Test("a fill moves the session into the piece table as one step, after the overwrites before it")
  func fillAfterOverwrites() {
    var session = EditSession()
    session.typeByte(at: 1, value: 0x41, original: Self.original[1])
    session.fill(range: 3..<8, with: Array("ab".utf8), over: ByteArraySearchSource(Self.original))
    #expect(session.changesLayout)
    #expect(session.table?.pieceCount == 5)
    #expect(session.tableBytes(in: 0..<10) == Array("0A2ababa89".utf8))
    #expect(session.undoCount == 2)
    #expect(session.undo(baseline: { _ in nil }) == 3)
    #expect(session.tableBytes(in: 0..<10) == Array("0A23456789".utf8))
    #expect(session.undo(baseline: { _ in nil }) == 1)
    #expect(!session.hasChanges)
    session.redo(baseline: { _ in nil })
    session.redo(baseline: { _ in nil })
    #expect(session.tableBytes(in: 0..<10) == Array("0A2ababa89".utf8))
  }

  @Test("an empty range is no step")
  func emptyRange() {
    var session = EditSession()
    session.fill(range: 4..<4, with: [1], over: ByteArraySearchSource(Self.original))
    #expect(session.undoCount == 0)
    #expect(!session.changesLayout)
  }
}
