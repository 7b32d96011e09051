// The append position: in insert mode the cursor may rest one past the last byte (drawn as an
// empty cell), where typed and pasted bytes are appended; an empty file starts there. Overwrite
// mode never grows the file, so moving past the last byte there says how to append.

extension Editor {
  /// Whether the cursor is at the append position, past the last byte.
  public var isAtAppendPosition: Bool { viewport.cursor >= contentCount }

  /// Lets the cursor reach the append position while bytes can be inserted (insert mode, a
  /// file that may change, one file open), and moves it back onto the last byte otherwise.
  func updateAppendPosition() {
    viewport.setAllowsAppendPosition(isInserting && !document.isReadOnly && comparison == nil)
  }

  /// Right: one byte on; from the last byte, onto the append position in insert mode, and in
  /// overwrite mode a note on how to append.
  func moveRight() {
    if viewport.cursor == viewport.lastCursorOffset, !viewport.allowsAppendPosition, !document.isReadOnly,
      comparison == nil
    {
      message = EditorMessage(
        contentCount == 0
          ? "the file is empty: press Insert to type bytes into it"
          : "at the last byte: press Insert to append bytes at the end")
      return
    }
    viewport.moveCursor(by: 1)
  }

  /// The offset of the row that holds nothing but the append position (when the document's
  /// size is a whole number of rows), if that row is on screen.
  var appendRowOffset: Int? {
    guard viewport.allowsAppendPosition, contentCount % viewport.bytesPerRow == 0 else { return nil }
    let row = contentCount / viewport.bytesPerRow
    guard row >= viewport.topRow, row - viewport.topRow < viewport.visibleRows else { return nil }
    return contentCount
  }

  /// Why a command on the selection or the byte under the cursor has nothing to work on:
  /// `"the file is empty: there is nothing to " + verb`, or the same for the append position.
  func nothingUnderCursorMessage(_ verb: String) -> String {
    contentCount == 0
      ? "the file is empty: there is nothing to \(verb)"
      : "the cursor is past the last byte: there is nothing to \(verb) (select bytes, or move onto one)"
  }
}
