/// What a path names once symbolic links are followed.
enum ItemKind: Hashable, Sendable {
  /// Nothing (the path or one of its directories does not exist).
  case nothing
  /// A regular file.
  case regularFile
  /// A directory.
  case directory
  /// A symbolic link whose target does not exist.
  case danglingLink
  /// Anything else: a FIFO, socket or device, described in words.
  case other(String)
}
