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

  // MARK: Compare view
  /// Make the other file of the compare view active.
  case switchFile
  /// Go to the start of the next run of differing bytes (compare view).
  case nextDifference
  /// Go to the start of the previous run of differing bytes (compare view).
  case previousDifference
}
