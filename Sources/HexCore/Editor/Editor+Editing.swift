// Typing over bytes, undo and redo: all through the session's pending edits; nothing here
// writes the file.

extension Editor {
  /// The message for an edit refused because the session may not write.
  static let readOnlyMessage = "read-only: this file cannot be changed"

  /// Types `character` over the byte under the cursor: a hex digit into the current nibble in
  /// the hex pane, a printable ASCII character over the whole byte in the text pane.
  func type(_ character: Character) {
    guard !document.isReadOnly else {
      message = EditorMessage(Self.readOnlyMessage, isError: true)
      return
    }
    guard document.count > 0 else {
      message = EditorMessage("the file is empty: there is no byte to overwrite", isError: true)
      return
    }
    let offset = viewport.cursor
    guard let original = document.storedByte(at: offset) else {
      message = EditorMessage(
        "cannot edit 0x\(String(offset, radix: 16)): another process truncated the file before it", isError: true)
      return
    }
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
      guard let value = character.asciiValue else { return }
      session.typeByte(at: offset, value: value, original: original)
      advanceAfterTyping()
    }
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
