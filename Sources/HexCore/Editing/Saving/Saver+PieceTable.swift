import MemMap

extension Saver {
  /// Writes every byte of `table` (the document with its inserts and deletes) to the file at
  /// `path`, as ``saveAs(contentsOf:applying:to:replacingExisting:)`` does: through a
  /// ``FileReplacement``, so a failure leaves the destination as it was. The source file is
  /// locked while it is copied, as an in-place save locks it.
  ///
  /// - Parameters:
  ///   - table: The edited document.
  ///   - sourcePath: The file the table's source maps (its permissions go to a new file), or
  ///     `nil` for the scratch buffer.
  ///   - path: The destination.
  ///   - replacingExisting: Whether the user confirmed replacing an existing file.
  ///   - progress: Called every megabyte with the bytes written so far and the total.
  ///   - shouldCancel: Asked as often (and while the save waits for another process's save of
  ///     the source, see ``lockTimeout``), and once more just before the new file replaces the
  ///     destination (the commit point); `true` removes the new file and throws
  ///     ``SaveError/cancelled(path:)``, the destination (existing or not) as it was.
  /// - Returns: ``SaveOutcome/saved(_:)``, or ``SaveOutcome/destinationExists(path:)``.
  /// - Throws: ``SaveError/destinationIsSource(path:)`` when `path` is the source file itself;
  ///   ``SaveError/sourceShrank(path:expected:found:)`` when bytes of the source could no longer
  ///   be read; ``SaveError/cannotWriteDestination(path:reason:)``; ``SaveError/cancelled(path:)``.
  public func saveAs(
    _ table: PieceTable, sourcePath: String?, to path: String, replacingExisting: Bool = false,
    progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }, shouldCancel: () -> Bool = { false }
  ) throws(SaveError) -> SaveOutcome {
    if let sourcePath, let source = try? MemMap.status(ofFile: sourcePath),
      let destination = try? MemMap.status(ofFile: path), source.identity == destination.identity
    {
      throw .destinationIsSource(path: path)
    }
    let sourceName = sourcePath ?? "[scratch]"
    let permissions = sourcePath.flatMap { try? MemMap.permissions(ofFile: $0) }
      .map { FilePermissions(rawValue: $0.rawValue & 0o777) } ?? .newFileDefault
    // Held while copying, as an in-place save of the source holds it: another mmhex cannot
    // save into the bytes being copied.
    return try whileSourceLocked(sourcePath, savingTo: path, shouldCancel: shouldCancel) { () throws(SaveError) in
      try saveAs(
        count: table.count, runCount: 0, permissions: permissions, to: path, replacingExisting: replacingExisting,
        checkSource: { () throws(SaveError) in
          // Bytes of a truncated file's last page read as zeros rather than failing: only its
          // size tells.
          if let mapped = table.source as? SharedSearchSource {
            try Self.requireUnshrunk(mapped.map, size: table.source.count)
          }
        }, shouldCancel: shouldCancel
      ) { replacement throws(SaveError) in
        try write(
          table, into: replacement, destination: path, sourceName: sourceName, progress: progress,
          shouldCancel: shouldCancel)
      }
    }
  }

  /// Writes every byte of `table` into `replacement` (of `destination`), from start to end: the
  /// long stretches of its source file copied by the system, file to file.
  private func write(
    _ table: PieceTable, into replacement: borrowing FileReplacement, destination: String, sourceName: String,
    progress: (_ done: Int, _ total: Int) -> Void, shouldCancel: () -> Bool
  ) throws(SaveError) {
    let total = table.count
    let written = Result { () throws(MemMapError) -> Bool in
      try replacement.withWriter { writer throws(MemMapError) -> Bool in
        var output = SequentialFileOutput(position: 0)
        var pacing = ProgressPacing()
        let complete = try output.append(0..<total, of: table, chunkSize: 1 << 20, to: writer) { count in
          pacing.advance(by: count, progress: { progress($0, total) }, shouldCancel: shouldCancel)
        }
        if complete { try output.flush(to: writer) }
        return complete
      }
    }
    switch written {
    case .success(true):
      progress(total, total)
    case .success(false):
      throw .cancelled(path: destination)
    case .failure(.fileTruncated(_, _, let fileSize)):
      throw .sourceShrank(path: sourceName, expected: table.source.count, found: fileSize)
    case .failure(.ioError(path: nil, let offset)):
      // A byte of the source could not be read: cut short underneath, or an I/O error.
      if let mapped = table.source as? SharedSearchSource {
        try Self.requireUnshrunk(mapped.map, size: table.source.count)
      }
      throw .cannotOpen(path: sourceName, reason: .ioError(path: sourceName, offset: offset))
    case .failure(let error):
      throw .cannotWriteDestination(path: destination, reason: error)
    }
  }

  /// Runs `body` holding the lock of the source file at `sourcePath` while it is copied to
  /// `destination`, waiting for another process's save of it to finish as
  /// ``whileLocked(_:saving:shouldCancel:_:)`` does; for the scratch buffer, or a source file
  /// deleted since it was opened, `body` runs unlocked.
  func whileSourceLocked<Value>(
    _ sourcePath: String?, savingTo destination: String, shouldCancel: () -> Bool = { false },
    _ body: () throws(SaveError) -> Value
  ) throws(SaveError) -> Value {
    guard let sourcePath, (try? MemMap.status(ofFile: sourcePath)) != nil else { return try body() }
    return try whileLocked(sourcePath, saving: destination, shouldCancel: shouldCancel, body)
  }
}
