@testable import HexCore

extension Editor {
  /// Every byte of the document as the user sees it: the stored bytes with the pending edits.
  var shownBytes: [UInt8] {
    var bytes = document.window(at: 0, length: document.count).bytes
    session.edits.apply(to: &bytes, at: 0)
    return bytes
  }
}
