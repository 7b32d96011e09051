import Foundation
import MemMap
import Testing

@testable import HexCore

/// The append position: in insert mode the cursor rests one past the last byte, drawn as an
/// empty cell, and what is typed or pasted there is appended; overwrite mode says how to append.
@Suite("Appending at the end")
struct EditorAppendTests {
  static let size = TerminalSize(columns: 80, rows: 5)

  static func editor(_ bytes: [UInt8], path: String? = "data.bin") throws -> Editor {
    Editor(document: try makeDocument(bytes, path: path), configuration: EditorConfiguration(bytesPerRow: 16))
  }

  @Test func anEmptyFileInInsertModeShowsTheAppendCellAndTypedHexIsAppended() throws {
    let editor = try Self.editor([])
    editor.press(.insert)
    var frame = editor.render(size: Self.size)
    #expect(
      frame.lines[0].styleDump == [
        "offset:00000000", "plain:  ", "cursor:  ", "plain:" + String(repeating: " ", count: 48), "shadow: ",
      ])
    #expect(frame.cursor! == (0, 10))
    #expect(frame.lines[3].text.hasSuffix("empty file INS "))
    editor.press(.escape)
    #expect(editor.render(size: Self.size).lines[4].text == "empty file: type to add bytes  F1 help  Ctrl-Q quit")

    editor.type("de")
    editor.type("ad")
    frame = editor.render(size: Self.size)
    #expect(editor.contentWindow(at: 0, length: 2).bytes == [0xDE, 0xAD])
    #expect(
      frame.screen == """
        00000000  de ad                                             .. |
        |
        |
         data.bin [modified: 2 bytes]                 0x00000002  2 / 2 bytes  100% INS |
        F1 help  Ctrl-G go to  Ctrl-F find  Tab pane  Ctrl-S save  Ctrl-Q quit|
        """)
    #expect(frame.cursor! == (0, 16), "on the append cell after the two bytes")
  }

  @Test func aFullLastRowGetsARowForTheAppendPositionAndTextIsAppendedThere() throws {
    let editor = try Self.editor(countingBytes(16))
    editor.press(.insert, .controlEnd)
    var frame = editor.render(size: Self.size)
    #expect(
      frame.screen == """
        00000000  00 01 02 03 04 05 06 07  08 09 0a 0b 0c 0d 0e 0f  ................|
        00000010                                                     |
        |
         data.bin                                   0x00000010  16 / 16 bytes  100% INS |
        F1 help  Ctrl-G go to  Ctrl-F find  Tab pane  Ctrl-S save  Ctrl-Q quit|
        """)
    editor.press(.tab)
    editor.type("xy")
    frame = editor.render(size: Self.size)
    #expect(
      frame.lines[1].styleDump == [
        "offset:00000010", "plain:  ", "edited:78 79", "plain: ", "shadow:  ",
        "plain:" + String(repeating: " ", count: 42), "edited:xy", "cursor: ",
      ])
    #expect(frame.lines[3].text.hasSuffix("0x00000012  18 / 18 bytes  100% INS "))
    #expect(editor.contentWindow(at: 0, length: 18).bytes == countingBytes(16) + Array("xy".utf8))
  }

  @Test func overwriteModeStopsOnTheLastByteAndSaysHowToAppend() throws {
    let editor = try Self.editor(countingBytes(3))
    editor.press(.controlEnd, .right)
    #expect(editor.viewport.cursor == 2)
    #expect(editor.message == EditorMessage("at the last byte: press Insert to append bytes at the end"))
    editor.press(.insert, .right)
    #expect(editor.viewport.cursor == 3 && editor.isAtAppendPosition)
    // Leaving insert mode puts the cursor back on the last byte.
    editor.press(.insert)
    #expect(editor.viewport.cursor == 2)

    let empty = try Self.editor([])
    empty.press(.right)
    #expect(empty.message == EditorMessage("the file is empty: press Insert to type bytes into it"))
    empty.type("a")
    #expect(
      empty.message
        == EditorMessage(
          "the file is empty: there is no byte to overwrite; press Insert to type bytes into it", isError: true))
  }

  @Test func goToEndInInsertModeIsTheAppendPositionAndAPasteThereAppends() throws {
    let editor = try Self.editor(countingBytes(20))
    editor.press(.insert, .control("g"))
    editor.type("end")
    editor.press(.enter)
    #expect(editor.viewport.cursor == 20)
    editor.paste("01 02")
    #expect(editor.message == EditorMessage("inserted 2 bytes at 0x14  (Ctrl-Z takes the paste back)"))
    #expect(editor.contentWindow(at: 0, length: 22).bytes == countingBytes(20) + [1, 2])
    #expect(editor.viewport.cursor == 22)
    editor.press(.control("g"))
    editor.type("end-2")
    editor.press(.enter)
    #expect(editor.viewport.cursor == 20, "end-2 is the first of the last two bytes")
    editor.press(.insert, .control("g"))
    editor.type("end")
    editor.press(.enter)
    #expect(editor.viewport.cursor == 21, "in overwrite mode `end` is the last byte")
  }

  @Test func deleteBackspaceCopyAndSelectionAtTheAppendPosition() throws {
    let editor = try Self.editor(countingBytes(4))
    editor.press(.insert, .controlEnd, .delete)
    #expect(
      editor.message
        == EditorMessage(
          "the cursor is past the last byte: there is no byte under it to delete (Backspace deletes the one before it)",
          isError: true))
    editor.press(.control("c"))
    #expect(
      editor.message
        == EditorMessage(
          "the cursor is past the last byte: there is nothing to copy (select bytes, or move onto one)", isError: true))
    editor.press(.left.with(.shift))
    #expect(editor.selection == 3..<4, "Shift-Left from the append position selects the last byte")
    editor.press(.left.with(.shift))
    #expect(editor.selection == 2..<4)
    editor.press(.escape, .controlEnd, .backspace)
    #expect(editor.contentWindow(at: 0, length: 3).bytes == [0, 1, 2])
    #expect(editor.viewport.cursor == 3, "still at the append position, of the shorter file")
    editor.press(.control("z"))
    #expect(editor.contentCount == 4)
  }

  @Test func theScratchBufferGrowsAtItsEndAndIsSavedWhole() throws {
    let directory = try SaveTestDirectory()
    let scratch = Document(mapping: try MemMap.anonymous(size: 4), path: nil, isReadOnly: false)
    let editor = Editor(document: scratch, configuration: EditorConfiguration(bytesPerRow: 16))
    editor.press(.insert, .controlEnd)
    editor.type("ff")
    #expect(editor.contentCount == 5)
    editor.press(.control("s"))
    let path = directory.file("scratch.bin")
    editor.type(path)
    editor.press(.enter)
    #expect(editor.message == EditorMessage("saved 5 bytes to '\(path)'"))
    #expect(try contents(of: path) == [0, 0, 0, 0, 0xFF])
  }
}

@Suite("Viewport: the append position")
struct ViewportAppendPositionTests {
  @Test func theCursorReachesOnePastTheLastByteOnlyWhileAllowed() {
    var viewport = Viewport(count: 32, bytesPerRow: 16, visibleRows: 2)
    viewport.moveCursor(to: 40)
    #expect(viewport.cursor == 31 && viewport.rowCount == 2)
    viewport.setAllowsAppendPosition(true)
    #expect(viewport.rowCount == 3, "a full last row: the append position starts a row of its own")
    viewport.moveCursor(to: 40)
    #expect(viewport.cursor == 32 && viewport.cursorRow == 2 && viewport.topRow == 1)
    viewport.page(-1)
    viewport.page(1)
    #expect(viewport.cursor == 32, "paging down at the end lands on the append position")
    viewport.setAllowsAppendPosition(false)
    #expect(viewport.cursor == 31 && viewport.topRow == 0)

    var empty = Viewport(count: 0, bytesPerRow: 16, visibleRows: 2)
    #expect(empty.rowCount == 0)
    empty.setAllowsAppendPosition(true)
    #expect(empty.rowCount == 1 && empty.cursor == 0 && empty.occupiedRows == 1)
  }
}
