// Insert mode, Delete and Backspace, and the document as edited: what the screen, goto, search
// and saves see once bytes were inserted or deleted (the session's piece table), or the file
// with its pending overwrites before that.

extension Editor {
  // MARK: - The document as edited

  /// The number of bytes in the document with every edit applied.
  public var contentCount: Int { session.count(baselineCount: document.count) }

  /// Up to `length` bytes from `offset` as the user sees them (every edit applied), clipped to
  /// the document, with how many of them could be read.
  public func contentWindow(at offset: Int, length: Int) -> ByteWindow {
    document.window(at: offset, length: length, seeing: session)
  }

  /// Whether the byte at `offset` was typed, pasted or inserted (highlighted), or `nil` when no
  /// byte is.
  var editedByteTest: ((Int) -> Bool)? { session.editedByteTest }

  // MARK: - Insert mode

  /// Insert: switches between inserting (`INS`) and overwriting (`OVR`).
  func toggleInsertMode() {
    endTypingRun()
    isInserting.toggle()
    updateAppendPosition()
    message = EditorMessage(
      isInserting
        ? "insert mode (INS): typed and pasted bytes go in before the cursor; Insert switches back"
        : "overwrite mode (OVR): typed and pasted bytes replace the bytes under the cursor")
  }

  /// In insert mode: a hex digit inserts a byte whose high nibble it is (the next digit
  /// completes it, in the same undo step); a character in the text pane inserts its UTF-8 bytes.
  func typeInserting(_ character: Character) {
    switch activePane {
    case .hex:
      guard let digit = character.hexDigitValue else { return }
      if isTypingLowNibble {
        session.typeNibble(at: viewport.cursor, high: false, value: UInt8(digit), original: 0)
        isTypingLowNibble = false
        viewport.moveCursor(by: 1)
      } else {
        guard insertAtCursor([UInt8(digit) << 4], movingPast: false) else { return }
        isTypingLowNibble = true
      }
    case .text:
      insertAtCursor(Array(String(character).utf8))
    }
  }

  /// Inserts `bytes` before the byte under the cursor as one undo step and moves past them
  /// (with `movingPast`), or stays on the first of them. For Ctrl-V in insert mode.
  ///
  /// - Returns: `false` (with a message, and nothing inserted) when the document may not change
  ///   size now.
  @discardableResult
  public func insertAtCursor(_ bytes: [UInt8], movingPast: Bool = true) -> Bool {
    guard !bytes.isEmpty, mayChangeSize() else { return false }
    let offset = min(viewport.cursor, contentCount)
    endTypingRun()
    session.insert(bytes, at: offset, over: document.byteSource)
    followContentCount()
    viewport.moveCursor(to: movingPast ? offset + bytes.count : offset)
    return true
  }

  // MARK: - Delete

  /// Delete: removes the selection, or the byte under the cursor when there is none.
  func deleteByteUnderCursor() {
    if deleteSelection() { return }
    guard contentCount > 0 else {
      message = EditorMessage("the file is empty: there is no byte to delete", isError: true)
      return
    }
    guard !isAtAppendPosition else {
      message = EditorMessage(
        "the cursor is past the last byte: there is no byte under it to delete (Backspace deletes the one before it)",
        isError: true)
      return
    }
    delete(range: viewport.cursor..<(viewport.cursor + 1))
  }

  /// Backspace: removes the selection, or the byte before the cursor when there is none (the
  /// cursor then moves onto the byte that followed it).
  func deleteByteBeforeCursor() {
    if deleteSelection() { return }
    guard viewport.cursor > 0 else {
      message = EditorMessage("at the start of the file: there is no byte before the cursor", isError: true)
      return
    }
    let offset = viewport.cursor - 1
    if delete(range: offset..<(offset + 1)) {
      viewport.moveCursor(to: offset)
    }
  }

  /// Removes the selected bytes as one undo step and clears the selection.
  ///
  /// - Returns: Whether there was a selection (removed, or refused with a message).
  private func deleteSelection() -> Bool {
    guard let selection else { return false }
    if delete(range: selection) { clearSelection() }
    return true
  }

  /// Ctrl-X: copies the selection (or the byte under the cursor) to both clipboards, then
  /// removes it as one undo step; nothing is removed when the copy is refused.
  func cutSelection() {
    guard let range = selectionOrCursorByte else {
      message = EditorMessage(nothingUnderCursorMessage("cut"), isError: true)
      return
    }
    guard copy(range, as: .hex), delete(range: range) else { return }
    clearSelection()
    message = EditorMessage("cut \(Self.byteCount(range.count)) at \(Self.hex(range.lowerBound))  (Ctrl-Z brings them back)")
  }

  /// Removes the bytes in `range` of the document as one undo step; the cursor goes to where
  /// they were. For Delete, Backspace, a selection's delete and Ctrl-X.
  ///
  /// - Returns: `false` (with a message, and nothing removed) when `range` is not inside the
  ///   document or the document may not change size now.
  @discardableResult
  public func delete(range: Range<Int>) -> Bool {
    guard range.lowerBound >= 0, range.upperBound <= contentCount, !range.isEmpty else {
      message = EditorMessage(
        "cannot delete \(range.lowerBound)..<\(range.upperBound): the file has \(contentCount) bytes", isError: true)
      return false
    }
    guard mayChangeSize() else { return false }
    endTypingRun()
    session.delete(range: range, over: document.byteSource)
    followContentCount()
    viewport.moveCursor(to: range.lowerBound)
    let count = range.count
    message = EditorMessage(
      count == 1 ? "deleted 1 byte at \(Self.hex(range.lowerBound))  (Ctrl-Z brings it back)"
        : "deleted \(count) bytes at \(Self.hex(range.lowerBound))  (Ctrl-Z brings them back)")
    return true
  }

  /// Whether bytes may be inserted or deleted now; otherwise says why not.
  private func mayChangeSize() -> Bool { mayEditThroughTable("insert or delete") }

  /// Whether the document may be edited through its piece table now (an insert, a delete, a
  /// fill); otherwise says why not, naming `action` (`cannot fill: …`).
  func mayEditThroughTable(_ action: String) -> Bool {
    guard !document.isReadOnly else {
      message = EditorMessage(Self.readOnlyMessage, isError: true)
      return false
    }
    document.checkFile()
    if let truncated = document.truncatedCount {
      // The table reads the file's bytes where they were: bytes the file no longer holds could
      // only be saved as zeros.
      message = EditorMessage(
        "cannot \(action): another process truncated the file to \(truncated) bytes; Ctrl-R reloads it",
        isError: true)
      return false
    }
    return true
  }

  /// Gives the viewport the document's current size (after an insert, delete, undo or redo).
  func followContentCount() {
    if viewport.count != contentCount {
      viewport.updateCount(contentCount)
      if let match, match.upperBound > contentCount { self.match = nil }
    }
  }
}
