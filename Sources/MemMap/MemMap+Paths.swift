extension MemMap {
  /// The absolute path of the file or directory at `path`, with every symbolic link, `.` and
  /// `..` resolved: one name for the file, whichever name it was reached by.
  ///
  /// - Throws: ``MemMapError/fileNotFound(path:)`` when `path` (or a link's target) does not exist.
  public static func resolvedPath(of path: String) throws(MemMapError) -> String {
    try Backend.resolvedPath(path)
  }
}
