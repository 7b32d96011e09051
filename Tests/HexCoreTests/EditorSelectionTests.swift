import MemMap
import Testing

@testable import HexCore

@Suite("Editor: selecting with Shift, the mark and Ctrl-A; copying and pasting the clipboard")
struct EditorSelectionTests {
  static let size = TerminalSize(columns: 80, rows: 6)
  static let sample = countingBytes(64)

  func makeEditor(_ bytes: [UInt8] = sample, readOnly: Bool = false) throws -> Editor {
    let editor = Editor(document: try makeDocument(bytes, isReadOnly: readOnly), configuration: EditorConfiguration())
    _ = editor.render(size: Self.size)
    return editor
  }

  @Test("Shift movements extend from where the selection started, in either direction")
  func shiftExtends() throws {
    let editor = try makeEditor()
    editor.press(.right, .right)
    #expect(editor.selection == nil)
    editor.press(.right.with(.shift), .right.with(.shift))
    #expect(editor.selection == 2..<5)
    editor.press(.down.with(.shift))
    #expect(editor.selection == 2..<21)
    editor.press(.up.with(.shift), .up.with(.shift))
    #expect(editor.selection == 0..<3, "moving back past the start selects the other way")
    editor.press(.end.with(.shift))
    #expect(editor.selection == 2..<16)
    editor.press(.home.with(.shift))
    #expect(editor.selection == 0..<3)
    editor.press(.pageDown.with(.shift))
    #expect(editor.selection == 2..<64, "the whole file is on screen: a page down goes to its end")
    editor.press(.pageUp.with(.shift))
    #expect(editor.selection == 0..<3)
    editor.press(.left.with(.shift))
    #expect(editor.selection == 0..<3)
    editor.press(.end.with([.control, .shift]))
    #expect(editor.selection == 2..<64)
    editor.press(.home.with([.control, .shift]))
    #expect(editor.selection == 0..<3)
    editor.press(.right)
    #expect(editor.selection == nil, "a plain movement ends a Shift selection")
  }

  @Test("Ctrl-Space sets a mark that plain movement and Ctrl-G extend; Ctrl-Space or Esc clears")
  func mark() throws {
    let editor = try makeEditor()
    editor.press(.right, .control(" "))
    #expect(editor.selection == 1..<2)
    #expect(editor.message == EditorMessage("mark set: movement keys select, Ctrl-Space or Esc clears"))
    editor.press(.right, .right, .down)
    #expect(editor.selection == 1..<20)
    editor.press(.control("g"))
    editor.type("0x28")
    editor.press(.enter)
    #expect(editor.selection == 1..<41)
    editor.press(.control(" "))
    #expect(editor.selection == nil)
    #expect(editor.message == EditorMessage("selection cleared"))
    editor.press(.right)
    #expect(editor.selection == nil, "the mark went with the selection")

    editor.press(.control(" "), .left, .escape)
    #expect(editor.selection == nil)
    editor.press(.control("g"))
    editor.type("0")
    editor.press(.enter)
    #expect(editor.selection == nil)
  }

  @Test("Ctrl-A selects the whole file with the cursor on the first byte")
  func selectAll() throws {
    let editor = try makeEditor()
    editor.press(.down, .control("a"))
    #expect(editor.selection == 0..<64)
    #expect(editor.viewport.cursor == 0)
    editor.press(.down.with(.shift))
    #expect(editor.selection == 16..<64)
  }

  @Test("selected bytes are drawn in both panes, and the status line shows the first offset and the length")
  func drawn() throws {
    let editor = try makeEditor()
    editor.press(.right, .right.with(.shift), .right.with(.shift))
    let frame = editor.render(size: Self.size)
    #expect(
      frame.lines[0].styleDump == [
        "offset:00000000", "plain:  ", "null:00 ", "selection:01 02", "plain: ", "cursor:03",
        "control: 04 05 06 07  08 ", "whitespace:09 0a 0b 0c 0d ", "control:0e 0f", "plain:  ", "null:.",
        "selection:..", "shadow:.", "control:.....", "whitespace:.....", "control:..",
      ])
    #expect(
      frame.lines[4].text
        == " sample.bin     selected 0x00000001  3 bytes   0x00000003  3 / 64 bytes  4% OVR ")
  }

  @Test("selecting all of a 1 TiB sparse file is immediate and reads nothing")
  func tebibyte() throws {
    let directory = try TemporaryDirectory()
    let size = 1 << 40
    let path = try directory.sparseFile("huge.bin", size: size, tail: [1])
    let document = Document(mapping: try MemMap.open(path), path: path, isReadOnly: true)
    let editor = Editor(document: document, configuration: EditorConfiguration())
    editor.press(.control("a"))
    #expect(editor.selection == 0..<size)
    let frame = editor.render(size: TerminalSize(columns: 100, rows: 4))
    #expect(frame.lines[2].text.contains("selected 0x00000000000  1099511627776 bytes"))
    editor.press(.control("c"))
    #expect(
      editor.message
        == EditorMessage(
          "cannot copy 1099511627776 bytes: the clipboard holds at most 16777216 bytes (16 MiB); "
            + "Ctrl-E exports the selection to a file", isError: true))
    #expect(editor.clipboard.isEmpty)
    #expect(editor.takeTerminalClipboardText() == nil)
  }

  @Test("Ctrl-C copies the selection with pending edits as hex text to both clipboards")
  func copy() throws {
    let editor = try makeEditor()
    editor.type("de")
    editor.press(.left, .right.with(.shift), .right.with(.shift), .right.with(.shift), .control("c"))
    #expect(editor.clipboard == [0xDE, 0x01, 0x02, 0x03])
    #expect(editor.message == EditorMessage("copied 4 bytes"))
    #expect(editor.takeTerminalClipboardText() == "de 01 02 03")
    #expect(editor.takeTerminalClipboardText() == nil, "handed over once")
    #expect(editor.selection == 0..<4, "copying keeps the selection")

    editor.press(.escape, .control("c"))
    #expect(editor.clipboard == [0x03])
    #expect(editor.message == EditorMessage("copied 1 byte"))
    #expect(editor.takeTerminalClipboardText() == "03")
  }

  @Test("Ctrl-V pastes the clipboard at the cursor as one undo step; past the end it is refused")
  func pasteClipboard() throws {
    let editor = try makeEditor()
    editor.press(.control("v"))
    #expect(
      editor.message
        == EditorMessage("the clipboard is empty: Ctrl-C copies the selection or the byte under the cursor", isError: true))
    editor.press(.right.with(.shift), .right.with(.shift), .control("c"), .down, .control("v"))
    var expected = Self.sample
    expected.replaceSubrange(18..<21, with: [0, 1, 2])
    #expect(editor.shownBytes == expected)
    #expect(editor.message == EditorMessage("pasted 3 bytes at 0x12  (Ctrl-Z takes the paste back)"))
    #expect(editor.viewport.cursor == 21)
    editor.press(.control("z"))
    #expect(editor.shownBytes == Self.sample)

    editor.press(.controlEnd, .left, .control("v"))
    #expect(editor.shownBytes == Self.sample)
    #expect(
      editor.message
        == EditorMessage(
          "cannot paste 3 bytes at 0x3e: only 2 fit before the end of the file; nothing was written", isError: true))
  }

  @Test("Ctrl-V in a read-only file is refused")
  func readOnlyPaste() throws {
    let editor = try makeEditor(readOnly: true)
    editor.press(.control("c"), .right, .control("v"))
    #expect(editor.message == EditorMessage(Editor.readOnlyMessage, isError: true))
    #expect(!editor.hasUnsavedChanges)
  }

  @Test("the text formats: hex, C array, Python bytes and padded base64")
  func formats() {
    let bytes: [UInt8] = [0xDE, 0xAD, 0xBE, 0xEF]
    #expect(ByteTextFormat.hex.text(of: bytes) == "de ad be ef")
    #expect(ByteTextFormat.cArray.text(of: bytes) == "{ 0xde, 0xad, 0xbe, 0xef }")
    #expect(ByteTextFormat.python.text(of: bytes) == #"b"\xde\xad\xbe\xef""#)
    #expect(ByteTextFormat.base64.text(of: bytes) == "3q2+7w==")
    // RFC 4648 test vectors.
    let vectors = ["": "", "f": "Zg==", "fo": "Zm8=", "foo": "Zm9v", "foob": "Zm9vYg==", "fooba": "Zm9vYmE=", "foobar": "Zm9vYmFy"]
    for (plain, encoded) in vectors {
      #expect(Base64.encodedString(Array(plain.utf8)) == encoded)
    }
    #expect(Base64.encodedString([0xFF, 0xFE, 0xFD, 0xFC]) == "//79/A==")
  }
}

extension EditorSelectionTests {
  @Test("Delete and Backspace remove the selection as one undo step; Ctrl-X copies it, then removes it")
  func deletingAndCuttingTheSelection() throws {
    let editor = try makeEditor()
    editor.press(.right, .right.with(.shift), .right.with(.shift), .right.with(.shift))
    #expect(editor.selection == 1..<5)
    editor.press(.delete)
    #expect(editor.selection == nil)
    #expect(editor.contentCount == 60)
    #expect(editor.contentWindow(at: 0, length: 3).bytes == [0, 5, 6])
    #expect(editor.message?.text == "deleted 4 bytes at 0x1  (Ctrl-Z brings them back)")
    editor.press(.control("z"))
    #expect(editor.contentCount == 64)
    #expect(editor.contentWindow(at: 0, length: 6).bytes == [0, 1, 2, 3, 4, 5])

    editor.press(.right.with(.shift), .backspace)
    #expect(editor.contentCount == 62, "Backspace removes the two selected bytes, not the one before the cursor")

    editor.press(.home, .right.with(.shift), .control("x"))
    #expect(editor.clipboard == [0, 3])
    #expect(editor.takeTerminalClipboardText() == "00 03")
    #expect(editor.contentCount == 60)
    #expect(editor.contentWindow(at: 0, length: 2).bytes == [4, 5])
    #expect(editor.message?.text == "cut 2 bytes at 0x0  (Ctrl-Z brings them back)")
    editor.press(.control("z"))
    #expect(editor.contentWindow(at: 0, length: 4).bytes == [0, 3, 4, 5])
  }

  @Test("Ctrl-X in a read-only file copies but removes nothing")
  func cuttingReadOnly() throws {
    let editor = try makeEditor(readOnly: true)
    editor.press(.right.with(.shift), .control("x"))
    #expect(editor.clipboard == [0, 1])
    #expect(editor.contentCount == 64)
  }
}
