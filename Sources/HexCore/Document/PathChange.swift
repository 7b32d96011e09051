/// What became of an open file's path while the file was open.
public enum PathChange: Hashable, Sendable {
  /// Nothing exists at the path any more: the open file was deleted (or renamed away).
  case deleted
  /// The path names another file now: one was renamed over the open file, or the file was
  /// deleted and created anew.
  case replaced
}
