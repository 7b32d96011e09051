/// One file of the compare view with its edits: what is drawn, counted and searched for it.
struct ComparedFile {
  var document: Document
  var session: EditSession
  var match: Range<Int>?

  /// The number of bytes with every edit applied (inserts and deletes change it).
  var count: Int { session.count(baselineCount: document.count) }

  /// The edited bytes from `offset` (as many as there are, up to `length`); the window starts
  /// at `offset` even past the end, where it is empty.
  func window(at offset: Int, length: Int) -> ByteWindow {
    var window = document.window(at: offset, length: min(length, max(count - offset, 0)), seeing: session)
    window.offset = offset
    return window
  }

  /// The edited document for a background comparison, or `nil` when it cannot be read off the
  /// main thread.
  var diffSide: DiffSide? { document.diffSide(seeing: session) }
}
