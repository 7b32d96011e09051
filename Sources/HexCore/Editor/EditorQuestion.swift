/// A yes/no question the editor asks before doing something that cannot be taken back.
///
/// `y` does it, `n` declines (for ``saveBeforeQuit``: quits without saving), Esc goes back to
/// the file with nothing done. ``reload`` is answered with `d` or `k` instead of `y` and `n`.
public enum EditorQuestion: Hashable, Sendable {
  /// Ctrl-Q with unsaved changes: save them before quitting?
  case saveBeforeQuit
  /// Someone else changed the file on disk since it was opened or saved: save over it anyway?
  case saveOverChangedFile(thenQuit: Bool)
  /// Reload the file from disk: `d` drops the pending edits, `k` keeps them over it.
  case reload
  /// Save-as found a file at `path`: replace it?
  case replaceExisting(path: String, thenQuit: Bool)
  /// Ctrl-E: which format to export these bytes in (`h`, `c`, `p`, `b`, `f`).
  case exportFormat(Range<Int>)
  /// A raw export found a file at `path`: replace it with these bytes?
  case replaceExport(path: String, Range<Int>)
}
