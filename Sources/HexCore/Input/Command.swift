/// Everything a user can ask the editor to do; keys map to commands in ``KeyBinding``.
public enum Command: Hashable, Sendable {
  /// Cursor one byte left.
  case moveLeft
  /// Cursor one byte right.
  case moveRight
  /// Cursor one row up.
  case moveUp
  /// Cursor one row down.
  case moveDown
  /// One screen up.
  case pageUp
  /// One screen down.
  case pageDown
  /// First byte of the cursor's row.
  case rowStart
  /// Last byte of the cursor's row.
  case rowEnd
  /// First byte of the file.
  case fileStart
  /// Last byte of the file.
  case fileEnd
  /// Make the other pane (hex or text) active.
  case switchPane
  /// Open the go-to-offset prompt.
  case goToPrompt
  /// Show the help screen.
  case help
  /// Leave the editor.
  case quit
  /// Type a character: a hex digit in the hex pane, text in the text pane.
  case type(Character)
  /// Overwrite the bytes at the cursor with pasted text, as one edit: hex bytes in the hex pane,
  /// the text's UTF-8 bytes in the text pane.
  case paste(String)
  /// Undo the last edit.
  case undo
  /// Redo the last undone edit.
  case redo
  /// Write pending edits to the file.
  case save
  /// Write the whole buffer, with its edits, to another file, and continue on that file.
  case saveAs
  /// Reload the file from disk (asking what to do with pending edits).
  case reload
  /// Open the find prompt.
  case findPrompt
  /// Jump to the next match.
  case findNext
  /// Jump to the previous match.
  case findPrevious
  /// Dismiss a message, close a prompt or stop a running search.
  case cancel
  /// The terminal changed size.
  case resize
  /// Scroll the view up a few rows (mouse wheel).
  case scrollUp
  /// Scroll the view down a few rows (mouse wheel).
  case scrollDown

  // MARK: Selection, clipboard, export and the data inspector

  /// Run a cursor movement (one of the cases above) and extend the selection to the new cursor,
  /// starting one at the old cursor when there is none.
  indirect case extendSelection(Command)
  /// Set the mark at the cursor (plain movement then extends the selection), or clear the
  /// selection when there is one.
  case toggleMark
  /// Select the whole file.
  case selectAll
  /// Copy the selection (or the byte under the cursor) as hex text to both clipboards.
  case copy
  /// Overwrite the bytes at the cursor with mmhex's clipboard, as one undo step.
  case pasteClipboard
  /// Export the selection (or the byte under the cursor): as text to both clipboards, or as raw
  /// bytes to a file.
  case export
  /// Show or hide the data inspector.
  case toggleInspector

  // MARK: Insert and delete
  /// Switch between inserting and overwriting what is typed and pasted.
  case toggleInsertMode
  /// Remove the byte under the cursor.
  case deleteByte
  /// Remove the byte before the cursor.
  case deleteBackward
  /// Copy the selection (or the byte under the cursor) to both clipboards, then remove it.
  case cut

  // MARK: Compare view
  /// Make the other file of the compare view active.
  case switchFile
  /// Go to the start of the next run of differing bytes (compare view).
  case nextDifference
  /// Go to the start of the previous run of differing bytes (compare view).
  case previousDifference

  // MARK: Fill
  /// Fill the selection with a pattern typed in a prompt (hex bytes, or text), repeated to its
  /// length, as one undo step.
  case fill
}
