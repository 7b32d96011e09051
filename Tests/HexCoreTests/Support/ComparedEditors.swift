@testable import HexCore

/// An editor comparing `first` (a.bin) with `second` (b.bin), its first count finished.
func makeComparingEditor(_ first: [UInt8], _ second: [UInt8]) throws -> Editor {
  let editor = Editor(document: try makeDocument(first, path: "a.bin"), configuration: EditorConfiguration())
  editor.compare(with: try makeDocument(second, path: "b.bin"))
  settleComparison(editor)
  return editor
}

/// Lets the main loop notice the latest edits and the compare view's background jobs finish.
func settleComparison(_ editor: Editor) {
  repeat { _ = editor.idle() } while editor.isScanningDifferences
}
