// Copy and paste through mmhex's own clipboard, and the text handed to the terminal's clipboard.

extension Editor {
  /// The most bytes Ctrl-C copies (16 MiB); a larger selection is refused whole and is exported
  /// to a file instead (Ctrl-E).
  public static let clipboardLimit = 16 << 20

  /// Hex text copied since the last call, for the terminal layer to put on the terminal's
  /// clipboard (OSC 52); `nil` when nothing new was copied.
  public func takeTerminalClipboardText() -> String? {
    defer { terminalClipboardText = nil }
    return terminalClipboardText
  }

  /// Ctrl-C: copies the selection (or the byte under the cursor) to both clipboards as hex.
  func copySelection() {
    guard let range = selectionOrCursorByte else {
      message = EditorMessage(nothingUnderCursorMessage("copy"), isError: true)
      return
    }
    copy(range, as: .hex)
  }

  /// Copies the bytes in `range` to mmhex's clipboard and, written in `format`, to the
  /// terminal's; refused whole when they are more than ``clipboardLimit``.
  ///
  /// - Returns: Whether the bytes were copied.
  @discardableResult
  func copy(_ range: Range<Int>, as format: ByteTextFormat) -> Bool {
    guard range.count <= Self.clipboardLimit else {
      message = EditorMessage(
        "cannot copy \(range.count) bytes: the clipboard holds at most \(Self.clipboardLimit) bytes (16 MiB); "
          + "Ctrl-E exports the selection to a file", isError: true)
      return false
    }
    guard let bytes = shownBytes(in: range) else { return false }
    clipboard = bytes
    terminalClipboardText = format.text(of: bytes)
    let what = format == .hex ? "" : " as \(format.name)"
    message = EditorMessage("copied \(Self.byteCount(bytes.count))\(what)")
    return true
  }

  /// Ctrl-V: overwrites the bytes at the cursor with mmhex's clipboard (inserts them in insert
  /// mode), as one undo step.
  func pasteClipboard() {
    guard isInserting || editableByteUnderCursor() != nil else { return }
    guard !clipboard.isEmpty else {
      message = EditorMessage(
        "the clipboard is empty: Ctrl-C copies the selection or the byte under the cursor", isError: true)
      return
    }
    overwriteAtCursorAsPaste(clipboard)
  }

  /// `1 byte`, `2 bytes`.
  static func byteCount(_ count: Int) -> String {
    count == 1 ? "1 byte" : "\(count) bytes"
  }
}
