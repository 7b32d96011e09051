// A document as its edit session shows it: the file with its pending overwrites, or the
// session's piece table once bytes were inserted or deleted.

extension Document {
  /// Up to `length` bytes from `offset` with every edit of `session` applied, clipped to the
  /// edited document, with how many of them could be read.
  public func window(at offset: Int, length: Int, seeing session: EditSession) -> ByteWindow {
    if let table = session.table { return table.window(at: offset, count: length) }
    var window = window(at: offset, length: length)
    session.edits.apply(to: &window.bytes, at: window.offset)
    return window
  }

  /// The document as `session` edits it, for comparing with another one on a background
  /// thread: a snapshot of the session's piece table, or the file seen through its pending
  /// overwrites; `nil` when neither can be read off the main thread.
  public func diffSide(seeing session: EditSession) -> DiffSide? {
    if let table = session.table { return DiffSide(table) }
    return diffSide(seeing: session.edits)
  }
}

extension EditSession {
  /// Whether the byte at an offset was typed, pasted or inserted (drawn as edited), or `nil`
  /// when no byte is.
  var editedByteTest: ((Int) -> Bool)? {
    if let table {
      return table.editedByteCount > 0 ? { table.isEdited($0) } : nil
    }
    let edits = edits
    return edits.hasChanges ? { edits.isEdited($0) } : nil
  }
}
