// Typing over bytes, undo and redo: all through the session's pending edits; nothing here
// writes the file.

extension Editor {
  /// The message for an edit refused because the session may not write.
  static let readOnlyMessage = "read-only: this file cannot be changed"

  /// Types `character` over the byte under the cursor: a hex digit into the current nibble in
  /// the hex pane; in the text pane the character's UTF-8 bytes over as many bytes (one undo
  /// step), refused whole when they would run past the end of the file.
  func type(_ character: Character) {
    if isInserting {
      typeInserting(character)
      return
    }
    guard let original = editableByteUnderCursor() else { return }
    let offset = viewport.cursor
    switch activePane {
    case .hex:
      guard let digit = character.hexDigitValue else { return }
      let high = !isTypingLowNibble
      session.typeNibble(at: offset, high: high, value: UInt8(digit), original: original)
      if high {
        isTypingLowNibble = true
      } else {
        isTypingLowNibble = false
        advanceAfterTyping()
      }
    case .text:
      let bytes = Array(String(character).utf8)
      if bytes.count == 1 {
        session.typeByte(at: offset, value: bytes[0], original: original)
        advanceAfterTyping()
        return
      }
      let room = contentCount - offset
      guard bytes.count <= room else {
        message = EditorMessage(
          "'\(character)' takes \(bytes.count) bytes in UTF-8 but only \(room) \(room == 1 ? "is" : "are") left "
            + "before the end of the file; nothing was written", isError: true)
        return
      }
      overwriteAtCursor(with: bytes)
    }
  }

  /// The stored byte under the cursor when it may be edited; otherwise says why not and
  /// returns `nil`.
  func editableByteUnderCursor() -> UInt8? {
    guard !document.isReadOnly else {
      message = EditorMessage(Self.readOnlyMessage, isError: true)
      return nil
    }
    guard contentCount > 0 else {
      message = EditorMessage(
        "the file is empty: there is no byte to overwrite; press Insert to type bytes into it", isError: true)
      return nil
    }
    guard !isAtAppendPosition else {
      message = EditorMessage("the cursor is past the last byte: there is no byte under it to overwrite", isError: true)
      return nil
    }
    if let table = session.table { return table.byte(at: viewport.cursor) }
    guard let original = document.storedByte(at: viewport.cursor) else {
      message = EditorMessage(unreadableMessage(at: viewport.cursor), isError: true)
      return nil
    }
    return original
  }

  /// Why the byte at `offset` cannot be edited: the file was truncated before it, or it could
  /// not be read.
  func unreadableMessage(at offset: Int) -> String {
    if let failure = document.readFailure, failure <= offset, offset < document.readableCount {
      return "cannot edit \(Self.hex(offset)): it cannot be read (I/O error, or no space for a sparse file's hole)"
    }
    return "cannot edit \(Self.hex(offset)): another process truncated the file before it"
  }

  /// Overwrites the bytes from the cursor on with `bytes` as one undo step and moves past them
  /// (staying on the last byte of the file). The caller has checked that they fit.
  ///
  /// - Returns: `false` (with a message, and nothing written) when some of the bytes could not
  ///   be read.
  @discardableResult
  func overwriteAtCursor(with bytes: [UInt8]) -> Bool {
    let offset = viewport.cursor
    var originals = [UInt8](repeating: 0, count: bytes.count)
    let readable = session.changesLayout ? bytes.count : document.read(at: offset, into: &originals)
    guard readable == bytes.count else {
      message = EditorMessage(unreadableMessage(at: offset + readable) + "; nothing was written", isError: true)
      return false
    }
    endTypingRun()
    session.overwrite(at: offset, with: bytes, originals: originals)
    viewport.moveCursor(to: min(offset + bytes.count, viewport.lastOffset))
    return true
  }

  /// Reverts the last step and puts the cursor on it.
  func undo() {
    followHistoryStep(at: session.undo(baseline: document.storedByte(at:)), otherwise: "nothing to undo")
  }

  /// Reapplies the last undone step and puts the cursor on it.
  func redo() {
    followHistoryStep(at: session.redo(baseline: document.storedByte(at:)), otherwise: "nothing to redo")
  }

  /// Moves to the byte an undo or redo changed, or says there was nothing to do.
  private func followHistoryStep(at offset: Int?, otherwise nothing: String) {
    guard let offset else {
      message = EditorMessage(nothing)
      return
    }
    endTypingRun()
    followContentCount()
    viewport.moveCursor(to: offset)
  }

  /// Ends the current typing run: the next hex digit goes into a high nibble and starts a new
  /// undo step.
  func endTypingRun() {
    isTypingLowNibble = false
    session.endTypingRun()
  }

  /// Moves past a typed byte; on the last byte the cursor stays, ready to overwrite it again.
  private func advanceAfterTyping() {
    if viewport.cursor < viewport.lastOffset {
      viewport.moveCursor(by: 1)
    }
  }
}
