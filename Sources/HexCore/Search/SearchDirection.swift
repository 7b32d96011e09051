/// Which way a search moves from its starting point.
public enum SearchDirection: Sendable, Equatable {
  /// Towards the end: the first match at or after the start.
  case forward
  /// Towards the beginning: the last match strictly before the start.
  case backward
}
