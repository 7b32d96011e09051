import MemMap

extension Saver {
  /// Saves a piece-table document (bytes inserted, deleted, overwritten or filled) into the file
  /// at `path`, which `table`'s source maps: in place, crash-safe, rewriting only the edited
  /// ranges before the first moved byte and everything from it to the end
  /// (``PieceTable/SaveLayout``).
  ///
  /// The file keeps its identity (inode, hard links, owner, mode, extended attributes), and a
  /// process that has it open sees the new content. The sequence:
  /// 1. lock the file and check that nobody changed it since `expected` was taken, and that it
  ///    still has the size the edits were made over, and that it can be written;
  /// 2. create the roll-forward journal (``TailJournal``) with room for itself plus the file's
  ///    growth, so a full disk stops the save here, then give the growth back;
  /// 3. write into the journal the new bytes of every stretch the save writes (a fill as its
  ///    pattern), sync it and its directory; mark it complete and sync the mark (the commit
  ///    point);
  /// 4. write the file from the journal with positional writes: its size when it grows, the
  ///    stretches, its size when it shrinks; sync it;
  /// 5. remove the journal, unlock.
  ///
  /// A crash before the commit point leaves the file untouched (recovery discards the journal);
  /// after it, recovery on the next open finishes the save from the journal.
  ///
  /// - Parameters:
  ///   - table: The document; its source maps the file at `path`.
  ///   - progress: Called every megabyte or so while the journal and then the file are written,
  ///     with the bytes done so far and the total (every byte is written twice; a fill is
  ///     journaled at once).
  ///   - shouldCancel: Asked as often until the commit point, and while the save waits for
  ///     another process's save of the file (see ``lockTimeout``); `true` removes the journal
  ///     and throws ``SaveError/cancelled(path:)``, the file untouched.
  /// - Returns: ``SaveOutcome/saved(_:)``, or ``SaveOutcome/fileChangedOnDisk(path:expected:found:)``.
  public func save(
    _ table: PieceTable, to path: String, expecting expected: FileStatus, ifChangedOnDisk policy: ChangedFilePolicy = .ask,
    progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }, shouldCancel: () -> Bool = { false }
  ) throws(SaveError) -> SaveOutcome {
    try whileLocked(path, shouldCancel: shouldCancel) { () throws(SaveError) in
      try saveMovingBytesLocked(
        table, to: path, expecting: expected, ifChangedOnDisk: policy, progress: progress, shouldCancel: shouldCancel)
    }
  }

  private func saveMovingBytesLocked(
    _ table: PieceTable, to path: String, expecting expected: FileStatus, ifChangedOnDisk policy: ChangedFilePolicy,
    progress: (Int, Int) -> Void, shouldCancel: () -> Bool
  ) throws(SaveError) -> SaveOutcome {
    let found = try status(of: path)
    if found != expected, policy == .ask {
      return .fileChangedOnDisk(path: path, expected: expected, found: found)
    }
    guard found.size == table.source.count else {
      throw .fileResizedUnderMovedBytes(path: path, expected: table.source.count, found: found.size)
    }
    guard table.hasChanges else {
      return .saved(
        SaveReport(
          path: path, savedByteCount: 0, runCount: 0, pageCount: 0, bytesWritten: 0, flushCount: 0,
          journalByteCount: 0, status: found))
    }
    if let unfinished = JournalRecovery.existingJournalPath(filePath: path) {
      throw .unfinishedJournalExists(journalPath: unfinished)
    }
    let journal = TailJournal(saving: table)
    let total = 2 * journal.writtenByteCount
    let journalPath = SaveJournal.path(for: path)
    try requireWritable(path)

    let journalByteCount = try writeJournal(
      journal, of: table, to: journalPath, filePath: path, progress: { progress($0, total) }, shouldCancel: shouldCancel)
    stepObserver?(.journalWritten)
    // The last chance to cancel: syncing the journal may have taken a while.
    guard !shouldCancel() else {
      try? JournalFile.remove(at: journalPath)
      throw .cancelled(path: path)
    }
    do {
      try JournalFile.markComplete(at: journalPath)
    } catch {
      try? JournalFile.remove(at: journalPath)
      throw .cannotWriteJournal(journalPath: journalPath, reason: error)
    }
    stepObserver?(.journalCompleted)

    let status: FileStatus
    do throws(MemMapError) {
      let journalMap = try MemMap.open(journalPath, mode: .readOnly)
      let file = try FileWriter.open(path)
      try journal.apply(from: journalMap, to: file) { progress(total / 2 + $0, total) }
      try file.close()
      _ = consume journalMap
      status = try MemMap.status(ofFile: path)
    } catch {
      throw .movedBytesWriteFailed(path: path, reason: error, journalPath: journalPath)
    }
    stepObserver?(.fileFlushed)
    var report = SaveReport(
      path: path, savedByteCount: table.editedByteCount, runCount: journal.records.count,
      pageCount: (journal.writtenByteCount + pageSize - 1) / pageSize, bytesWritten: journal.writtenByteCount,
      flushCount: 1, journalByteCount: journalByteCount, status: status)
    do throws(JournalRemovalError) {
      try JournalFile.remove(at: journalPath)
      stepObserver?(.journalRemoved)
    } catch {
      report.warning = error.description
    }
    return .saved(report)
  }

  /// Makes sure, before the journal is written, that the file at `path` can be written: a
  /// read-only file stops the save here rather than after the commit point, where its journal
  /// could not be applied either.
  private func requireWritable(_ path: String) throws(SaveError) {
    do throws(MemMapError) {
      try FileWriter.open(path).close()
    } catch {
      throw .cannotOpen(path: path, reason: error)
    }
  }

  /// Writes `journal` with the bytes of `table` it names and syncs it and its directory; leaves
  /// nothing behind on failure or when cancelled.
  ///
  /// - Returns: The journal's size in bytes.
  private func writeJournal(
    _ journal: TailJournal, of table: PieceTable, to journalPath: String, filePath: String,
    progress: (Int) -> Void, shouldCancel: () -> Bool
  ) throws(SaveError) -> Int {
    let size = TailJournal.headerLength + journal.bodyLength
    // What the file will take beyond what it takes now: its growth, and the holes of a sparse
    // file that the save writes over.
    let growth = max(0, journal.newSize - journal.oldSize) + journal.holeByteCount(in: table.source)
    let file: FileWriter
    do {
      file = try FileWriter.create(journalPath)
    } catch {
      throw .cannotWriteJournal(journalPath: journalPath, reason: error)
    }
    let written: Result<Bool, MemMapError>
    do throws(MemMapError) {
      // Room for the file's growth too (holes filled in included): a disk without space for
      // both stops the save here, before the file is touched.
      try file.reserve(0..<(size + growth))
      if growth > 0 { try file.resize(to: size) }
      let complete = try journal.write(of: table, to: file, progress: progress, shouldCancel: shouldCancel)
      if complete { try file.synchronize() }
      written = .success(complete)
    } catch {
      written = .failure(error)
    }
    let finished: Bool
    do throws(MemMapError) {
      try file.close()
      finished = try written.get()
      if finished { try MemMap.synchronizeDirectory(ofFile: journalPath) }
    } catch {
      try? JournalFile.remove(at: journalPath)
      if let now = try? MemMap.status(ofFile: filePath), now.size != table.source.count {
        // The bytes to be moved could not be read: someone cut the file short.
        throw .fileResizedUnderMovedBytes(path: filePath, expected: table.source.count, found: now.size)
      }
      throw .cannotWriteJournal(journalPath: journalPath, reason: error)
    }
    guard finished else {
      try? JournalFile.remove(at: journalPath)
      throw .cancelled(path: filePath)
    }
    return size
  }
}
