import Testing

@testable import HexCore

@Suite("Editor: pasting, and typing newlines and UTF-8 in the text pane")
struct EditorPasteTests {
  static let sample = countingBytes(40)

  func makeEditor(_ bytes: [UInt8] = sample, readOnly: Bool = false) throws -> Editor {
    Editor(document: try makeDocument(bytes, isReadOnly: readOnly), configuration: EditorConfiguration())
  }

  @Test("a hex paste overwrites at the cursor as one undo step and moves past it")
  func hexPaste() throws {
    let editor = try makeEditor()
    editor.press(.right, .right, .paste("{ 0xde, 0xad,\r\n  0xbe, 0xef }"))
    var expected = Self.sample
    expected.replaceSubrange(2..<6, with: [0xDE, 0xAD, 0xBE, 0xEF])
    #expect(editor.shownBytes == expected)
    #expect(editor.viewport.cursor == 6)
    #expect(editor.message == EditorMessage("pasted 4 bytes at 0x2  (Ctrl-Z takes the paste back)"))
    #expect(editor.session.history.undoCount == 1)
    editor.press(.control("z"))
    #expect(editor.shownBytes == Self.sample, "one undo takes the whole paste back")
    #expect(editor.viewport.cursor == 2)
    editor.press(.control("y"))
    #expect(editor.shownBytes == expected)
  }

  @Test("a paste after a high nibble overwrites that byte whole; typing goes on after the paste")
  func pasteMidByte() throws {
    let editor = try makeEditor()
    editor.type("f")
    editor.press(.paste("aabb"))
    editor.type("c")
    #expect(Array(editor.shownBytes.prefix(3)) == [0xAA, 0xBB, 0xC2])
    editor.press(.control("z"))
    editor.press(.control("z"))
    #expect(Array(editor.shownBytes.prefix(3)) == [0xF0, 0x01, 0x02], "the paste was its own step")
  }

  @Test("unparseable hex is refused whole with the reason and the position; nothing is written")
  func badHex() throws {
    let editor = try makeEditor()
    editor.press(.paste("de ad zz be"))
    #expect(!editor.hasUnsavedChanges)
    #expect(editor.viewport.cursor == 0)
    #expect(
      editor.message
        == EditorMessage(
          "cannot paste: 'z' is not a hex digit at position 7; nothing was written (the text pane pastes text)",
          isError: true))
  }

  @Test("a paste that would run past the end is refused, saying how many bytes fit")
  func pastPastTheEnd() throws {
    let editor = try makeEditor()
    editor.press(.controlEnd, .left, .paste("01 02 03"))
    #expect(!editor.hasUnsavedChanges)
    #expect(
      editor.message
        == EditorMessage(
          "cannot paste 3 bytes at 0x26: only 2 fit before the end of the file; nothing was written", isError: true))
    editor.press(.paste("01 02"))
    #expect(Array(editor.shownBytes.suffix(2)) == [1, 2])
    #expect(editor.viewport.cursor == 39, "the cursor stays on the last byte")
  }

  @Test("the text pane pastes the text's UTF-8 bytes, line breaks as 0x0a")
  func textPaste() throws {
    let editor = try makeEditor()
    editor.press(.tab, .paste("é\r\nb\rc\n"))
    #expect(Array(editor.shownBytes.prefix(8)) == [0xC3, 0xA9, 0x0A, 0x62, 0x0A, 0x63, 0x0A, 0x07])
    #expect(editor.viewport.cursor == 7)
    #expect(editor.session.history.undoCount == 1)
    editor.press(.paste(""))
    #expect(editor.message == EditorMessage("the paste was empty: nothing was written"))
  }

  @Test("pastes are refused in a read-only session and in an empty file")
  func refusedSessions() throws {
    let readOnly = try makeEditor(readOnly: true)
    readOnly.press(.paste("00"))
    #expect(readOnly.message == EditorMessage("read-only: this file cannot be changed", isError: true))
    let empty = try makeEditor([])
    empty.press(.paste("00"))
    #expect(
      empty.message
        == EditorMessage(
          "the file is empty: there is no byte to overwrite; press Insert to type bytes into it", isError: true))
  }

  @Test("a paste goes into an open prompt, and is ignored by a question")
  func pasteIntoPromptAndQuestion() throws {
    let editor = try makeEditor()
    editor.press(.control("g"), .paste("0x10\r"), .enter)
    #expect(editor.viewport.cursor == 0x10)
    editor.type("ff")
    editor.press(.control("q"))
    #expect(editor.mode == .confirming(.saveBeforeQuit))
    #expect(editor.handle(.paste("y")) == .continue)
    #expect(editor.mode == .confirming(.saveBeforeQuit), "a pasted y never answers")
  }

  @Test("Enter in the text pane writes 0x0a")
  func enterWritesNewline() throws {
    let editor = try makeEditor()
    editor.press(.tab, .enter)
    #expect(editor.shownBytes[0] == 0x0A)
    #expect(editor.viewport.cursor == 1)
  }

  @Test("a non-ASCII character writes its UTF-8 bytes as one undo step")
  func utf8Character() throws {
    let editor = try makeEditor()
    editor.press(.tab)
    editor.type("é€")
    #expect(Array(editor.shownBytes.prefix(6)) == [0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0x05])
    #expect(editor.viewport.cursor == 5)
    editor.press(.control("z"))
    #expect(Array(editor.shownBytes.prefix(6)) == [0xC3, 0xA9, 0x02, 0x03, 0x04, 0x05])
    #expect(editor.viewport.cursor == 2)
  }

  @Test("a character whose bytes would run past the end is refused whole")
  func utf8PastTheEnd() throws {
    let editor = try makeEditor()
    editor.press(.tab, .controlEnd, .left)
    editor.type("€")
    #expect(!editor.hasUnsavedChanges)
    #expect(
      editor.message
        == EditorMessage(
          "'€' takes 3 bytes in UTF-8 but only 2 are left before the end of the file; nothing was written",
          isError: true))
    editor.type("é")
    #expect(Array(editor.shownBytes.suffix(2)) == [0xC3, 0xA9])
  }
}
