// Text pasted from the terminal (bracketed paste): one edit and one undo step, never a stream
// of keys. A paste that cannot be written whole is refused whole.

extension Editor {
  /// Overwrites the bytes at the cursor with `text`: read as hex bytes in the hex pane (see
  /// ``HexText``), as its UTF-8 bytes in the text pane (line breaks as 0x0a). Refused, with
  /// nothing written, when the hex is malformed or the bytes would run past the end of the file.
  func paste(_ text: String) {
    guard isInserting || editableByteUnderCursor() != nil else { return }
    let bytes: [UInt8]
    switch activePane {
    case .hex:
      do {
        bytes = try HexText.bytes(from: text)
      } catch {
        message = EditorMessage(
          "cannot paste: \(error.description); nothing was written (the text pane pastes text)", isError: true)
        return
      }
    case .text:
      bytes = Array(Self.withUnixLineBreaks(text).utf8)
      guard !bytes.isEmpty else {
        message = EditorMessage("the paste was empty: nothing was written")
        return
      }
    }
    overwriteAtCursorAsPaste(bytes)
  }

  /// Puts `bytes` at the cursor as one undo step, saying so: inserted in insert mode, otherwise
  /// overwriting, refused with nothing written when they would run past the end of the file.
  func overwriteAtCursorAsPaste(_ bytes: [UInt8]) {
    let offset = viewport.cursor
    if isInserting {
      guard insertAtCursor(bytes) else { return }
      message = EditorMessage("inserted \(Self.byteCount(bytes.count)) at \(Self.hex(offset))  (Ctrl-Z takes the paste back)")
      return
    }
    let room = contentCount - offset
    guard bytes.count <= room else {
      message = EditorMessage(
        "cannot paste \(bytes.count) bytes at \(Self.hex(offset)): only \(room) fit before the end of the file; "
          + "nothing was written", isError: true)
      return
    }
    guard overwriteAtCursor(with: bytes) else { return }
    message = EditorMessage("pasted \(Self.byteCount(bytes.count)) at \(Self.hex(offset))  (Ctrl-Z takes the paste back)")
  }

  /// `text` with every line break (CR LF, CR, as terminals send them, or LF) as LF.
  static func withUnixLineBreaks(_ text: String) -> String {
    var result = String.UnicodeScalarView()
    var afterCarriageReturn = false
    for scalar in text.unicodeScalars {
      if scalar == "\r" {
        result.append("\n")
      } else if !(scalar == "\n" && afterCarriageReturn) {
        result.append(scalar)
      }
      afterCarriageReturn = scalar == "\r"
    }
    return String(result)
  }
}
