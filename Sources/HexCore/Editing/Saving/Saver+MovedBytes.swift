import MemMap

extension Saver {
  /// Saves a document whose size or layout changed (bytes were inserted or deleted) into the
  /// file at `path`, which `table`'s source maps: in place, crash-safe, rewriting only from the
  /// first moved byte to the end (``PieceTable/SaveLayout``).
  ///
  /// The file keeps its identity (inode, hard links, owner, mode, extended attributes), and a
  /// process that has it open sees the new content. The sequence:
  /// 1. lock the file and check that nobody changed it since `expected` was taken, and that it
  ///    still has the size the edits were made over;
  /// 2. create the roll-forward journal (``TailJournal``) with room for itself plus the file's
  ///    growth, so a full disk stops the save here, then give the growth back;
  /// 3. copy the edited ranges before the tail and the whole new tail into the journal, sync it
  ///    and its directory; mark it complete and sync the mark (the commit point);
  /// 4. write the file from the journal: grow it, write the ranges and the tail, cut it to its
  ///    new size, sync it;
  /// 5. remove the journal, unlock.
  ///
  /// A crash before the commit point leaves the file untouched (recovery discards the journal);
  /// after it, recovery on the next open finishes the save from the journal.
  ///
  /// - Parameters:
  ///   - table: The document; its source maps the file at `path`.
  ///   - progress: Called after each chunk of the journal and of the file is written, with the
  ///     bytes done so far and the total (the tail is written twice).
  ///   - shouldCancel: Asked between chunks before the commit point (never after it); `true`
  ///     stops the save, removes the journal and leaves the file untouched.
  /// - Returns: ``SaveOutcome/saved(_:)``, or ``SaveOutcome/fileChangedOnDisk(path:expected:found:)``.
  /// - Throws: ``SaveError/cancelled(path:)`` when `shouldCancel` said so before the commit point.
  public func save(
    _ table: PieceTable, to path: String, expecting expected: FileStatus, ifChangedOnDisk policy: ChangedFilePolicy = .ask,
    progress: (_ done: Int, _ total: Int) -> Void = { _, _ in },
    shouldCancel: () -> Bool = { false }
  ) throws(SaveError) -> SaveOutcome {
    try whileLocked(path) { () throws(SaveError) in
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
    if let unfinished = JournalRecovery.existingJournalPath(filePath: path) {
      throw .unfinishedJournalExists(journalPath: unfinished)
    }
    let layout = table.saveLayout
    let journal = TailJournal(
      oldSize: found.size, newSize: table.count, tailOffset: layout.firstMovedOffset ?? table.count,
      regions: layout.inPlaceRanges.map { TailJournal.Region(offset: $0.lowerBound, length: $0.count) })
    let total = 2 * journal.writtenByteCount
    let journalPath = SaveJournal.path(for: path)

    let journalByteCount = try writeJournal(journal, of: table, to: journalPath, shouldCancel: shouldCancel) {
      progress($0, total)
    }
    stepObserver?(.journalWritten)
    guard let journalByteCount, !shouldCancel() else {
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
      var file = try MemMap.open(path, mode: .readWrite)
      try journal.apply(from: journalMap, to: &file) { progress(total / 2 + $0, total) }
      status = try file.status()
      _ = consume file
      _ = consume journalMap
    } catch {
      throw .movedBytesWriteFailed(path: path, reason: error, journalPath: journalPath)
    }
    stepObserver?(.fileFlushed)
    var report = SaveReport(
      path: path, savedByteCount: table.editedByteCount, runCount: journal.regions.count + 1,
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

  /// Writes `journal` with the bytes of `table` it names and syncs it and its directory; leaves
  /// nothing behind on failure.
  ///
  /// - Returns: The journal's size in bytes, or `nil` when `shouldCancel` stopped it (the
  ///   unfinished journal is removed).
  private func writeJournal(
    _ journal: TailJournal, of table: PieceTable, to journalPath: String, shouldCancel: () -> Bool,
    progress: (Int) -> Void
  ) throws(SaveError) -> Int? {
    var cancelled = false
    let size = TailJournal.headerLength + journal.bodyLength
    let growth = max(0, journal.newSize - journal.oldSize)
    do throws(MemMapError) {
      // Created with room for the file's growth too: a disk without space for both stops the
      // save here, before the file is touched.
      var map = try MemMap.open(journalPath, mode: .create(size: size + growth))
      let written = Result { () throws(MemMapError) in
        if growth > 0 { try map.resize(to: size) }
        try map.write(journal.encodedHeader(), at: 0)
        var position = TailJournal.headerLength
        var done = 0
        for region in journal.regions {
          var fields: [UInt8] = []
          fields.appendLittleEndian(UInt64(region.offset))
          fields.appendLittleEndian(UInt64(region.length))
          try map.write(fields + table.bytes(in: region.offset..<(region.offset + region.length)), at: position)
          position += 16 + region.length
          done += region.length
        }
        for chunk in table.chunks(in: journal.tailOffset..<journal.newSize, chunkSize: 8 << 20) {
          if shouldCancel() {
            cancelled = true
            break
          }
          guard chunk.readableCount == chunk.bytes.count else {
            // The file's bytes to be moved could not be read (an I/O error, or truncated).
            throw MemMapError.ioError(path: nil, offset: chunk.offset + chunk.readableCount)
          }
          try map.write(chunk.bytes, at: position)
          position += chunk.bytes.count
          done += chunk.bytes.count
          progress(done)
        }
      }
      // `close()` flushes (msync and fsync) before it unmaps.
      try map.close()
      try written.get()
      if !cancelled { try MemMap.synchronizeDirectory(ofFile: journalPath) }
    } catch {
      try? JournalFile.remove(at: journalPath)
      throw .cannotWriteJournal(journalPath: journalPath, reason: error)
    }
    if cancelled {
      try? JournalFile.remove(at: journalPath)
      return nil
    }
    return size
  }
}
