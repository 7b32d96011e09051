import MemMap

extension Saver {
  /// Writes every byte of `table` (the document with its inserts and deletes) to the file at
  /// `path`, as ``saveAs(contentsOf:applying:to:replacingExisting:)`` does: through a
  /// ``FileReplacement``, so a failure leaves the destination as it was.
  ///
  /// - Parameters:
  ///   - table: The edited document.
  ///   - sourcePath: The file the table's source maps (its permissions go to a new file), or
  ///     `nil` for the scratch buffer.
  ///   - path: The destination.
  ///   - replacingExisting: Whether the user confirmed replacing an existing file.
  /// - Returns: ``SaveOutcome/saved(_:)``, or ``SaveOutcome/destinationExists(path:)``.
  /// - Throws: ``SaveError/destinationIsSource(path:)`` when `path` is the source file itself;
  ///   ``SaveError/sourceShrank(path:expected:found:)`` when bytes of the source could no longer
  ///   be read; ``SaveError/cannotWriteDestination(path:reason:)``.
  public func saveAs(
    _ table: PieceTable, sourcePath: String?, to path: String, replacingExisting: Bool = false
  ) throws(SaveError) -> SaveOutcome {
    if let sourcePath, let source = try? MemMap.status(ofFile: sourcePath),
      let destination = try? MemMap.status(ofFile: path), source.identity == destination.identity
    {
      throw .destinationIsSource(path: path)
    }
    let sourceName = sourcePath ?? "[scratch]"
    let permissions = sourcePath.flatMap { try? MemMap.permissions(ofFile: $0) }
      .map { FilePermissions(rawValue: $0.rawValue & 0o777) } ?? .newFileDefault
    return try saveAs(
      count: table.count, sourceName: sourceName, permissions: permissions, applying: PendingEdits(), to: path,
      replacingExisting: replacingExisting, checkSource: {}
    ) { offset, count throws(SaveError) in
      let window = table.window(at: offset, count: count)
      guard window.readableCount == count else {
        let found = sourcePath.flatMap { try? MemMap.status(ofFile: $0).size } ?? offset + window.readableCount
        throw .sourceShrank(path: sourceName, expected: table.source.count, found: found)
      }
      return window.bytes
    }
  }
}
