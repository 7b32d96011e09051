import MemMap

/// Saves pending edits: in place through a writable mapping, crash-safe behind a journal, or
/// to a new file (save-as, e.g. for the scratch buffer).
///
/// An in-place save costs time proportional to the edits, not to the file: it maps the file
/// (constant cost), writes only the edited runs, and flushes only the pages they touch, so a
/// one-byte change in a 4 GiB file writes one page.
///
/// The in-place sequence is:
/// 1. lock the file (a ``FileLock`` on the file itself, held until the save is over), so that
///    another mmhex neither saves at the same time nor recovers a journal this save is writing;
/// 2. check that nobody changed, resized or replaced the file since `expected` was taken;
/// 3. refuse edits past the current end of the file (never extend it silently);
/// 4. write a journal (``SaveJournal/path(for:)``, next to the file) holding the original and
///    the new bytes of every region, and flush it; if that fails, refuse to save;
/// 5. reserve disk space for the edited ranges (holes of a sparse file), write the edits through
///    a `.readWrite` mapping and flush the touched ranges;
/// 6. mark the journal complete, then remove it, then unlock.
///
/// A crash at any point leaves a file that ``JournalRecovery`` restores to exactly the old or
/// exactly the new contents. A write error rolls the file back at once.
public struct Saver: Sendable {
  /// What to do when the file changed on disk since `expected` was taken.
  public enum ChangedFilePolicy: Hashable, Sendable {
    /// Write nothing and return ``SaveOutcome/fileChangedOnDisk(path:expected:found:)``.
    case ask
    /// The user confirmed: save anyway (edits past a new end of the file are still refused).
    case overwrite
  }

  /// The page size used to count written pages (the unit the system writes back).
  public var pageSize: Int

  /// Touched pages closer than this many bytes are flushed with one call. Every call costs an
  /// fsync, while the clean pages inside a range cost (next to) nothing to flush, so the default
  /// flushes all touched pages with one call.
  public var flushGap: Int

  /// Called after each step of an in-place save; fault-injection tests use it to stop or kill
  /// the save at a chosen step.
  package var stepObserver: (@Sendable (SaveStep) -> Void)?

  /// How long a save waits for another process's save of the same file to finish before it
  /// gives up with ``SaveError/saveInProgress(path:)``; `nil` waits until the save is cancelled
  /// (a save that can be cancelled throws ``SaveError/cancelled(path:)`` when it is cancelled
  /// while it waits).
  public var lockTimeout: Duration? = .seconds(2)

  /// The number of edited runs past the end listed in ``SaveError/fileShrankBelowEdits(path:fileSize:offsets:runCount:)``.
  static let listedOffsetLimit = 5

  /// Creates a saver.
  ///
  /// - Parameters:
  ///   - pageSize: The page size used to count written pages.
  ///   - flushGap: Touched pages closer than this are flushed together.
  public init(pageSize: Int = 4096, flushGap: Int = .max) {
    precondition(pageSize > 0, "the page size must be positive")
    self.pageSize = pageSize
    self.flushGap = max(0, flushGap)
  }

  // MARK: - In place

  /// Saves `edits` into the file at `path`, in place and crash-safe.
  ///
  /// - Parameters:
  ///   - edits: The pending edits; offsets are file offsets.
  ///   - path: The edited file.
  ///   - expected: The file's status when it was opened or last saved.
  ///   - policy: Whether to ask or overwrite when the file changed on disk.
  /// - Returns: ``SaveOutcome/saved(_:)`` with what was written, or
  ///   ``SaveOutcome/fileChangedOnDisk(path:expected:found:)`` (nothing written).
  /// - Throws: ``SaveError``; the file then holds its previous contents, or a kept journal
  ///   restores them on the next open.
  public func save(
    _ edits: PendingEdits, to path: String, expecting expected: FileStatus,
    ifChangedOnDisk policy: ChangedFilePolicy = .ask
  ) throws(SaveError) -> SaveOutcome {
    try whileLocked(path) { () throws(SaveError) in
      try saveLocked(edits, to: path, expecting: expected, ifChangedOnDisk: policy)
    }
  }

  /// Runs `body` while holding the lock of the file at `path`, waiting up to ``lockTimeout``
  /// for another process's save to finish, or until `shouldCancel` says so: the save of
  /// `savedPath` (by default `path` itself) is then ``SaveError/cancelled(path:)``. A wait is
  /// reported to ``stepObserver`` as ``SaveStep/waitingForLock`` and its end as
  /// ``SaveStep/locked``.
  func whileLocked<Value>(
    _ path: String, saving savedPath: String? = nil, shouldCancel: () -> Bool = { false },
    _ body: () throws(SaveError) -> Value
  ) throws(SaveError) -> Value {
    let lock = try acquireLock(path, saving: savedPath ?? path, shouldCancel: shouldCancel)
    let outcome = Result { () throws(SaveError) in try body() }
    lock.release()
    return try outcome.get()
  }

  /// Takes the lock of the file at `path` for ``whileLocked(_:saving:shouldCancel:_:)``.
  private func acquireLock(_ path: String, saving savedPath: String, shouldCancel: () -> Bool) throws(SaveError)
    -> FileLock
  {
    let clock = ContinuousClock()
    let deadline = lockTimeout.map { clock.now.advanced(by: $0) }
    var waited = false
    while true {
      let acquired: FileLock?
      do {
        acquired = try FileLock.acquire(path, waitingUpTo: waited ? Self.lockPollInterval : .zero)
      } catch {
        throw .cannotOpen(path: path, reason: error)
      }
      if let lock = consume acquired {
        if waited { stepObserver?(.locked) }
        return lock
      }
      if !waited {
        waited = true
        stepObserver?(.waitingForLock)
      }
      if shouldCancel() { throw .cancelled(path: savedPath) }
      if let deadline, clock.now >= deadline { throw .saveInProgress(path: path) }
    }
  }

  /// How long each try for a held lock lasts before a waiting save asks whether it was cancelled.
  static let lockPollInterval: Duration = .milliseconds(50)

  /// The status of the file at `path` now, for comparing with the one the edits were made over.
  func status(of path: String) throws(SaveError) -> FileStatus {
    do {
      return try MemMap.status(ofFile: path)
    } catch {
      throw .cannotOpen(path: path, reason: error)
    }
  }

  /// ``save(_:to:expecting:ifChangedOnDisk:)`` once the file is locked.
  private func saveLocked(
    _ edits: PendingEdits, to path: String, expecting expected: FileStatus, ifChangedOnDisk policy: ChangedFilePolicy
  ) throws(SaveError) -> SaveOutcome {
    let found = try status(of: path)
    if found != expected, policy == .ask {
      return .fileChangedOnDisk(path: path, expected: expected, found: found)
    }
    guard edits.hasChanges else {
      return .saved(
        SaveReport(
          path: path, savedByteCount: 0, runCount: 0, pageCount: 0, bytesWritten: 0, flushCount: 0,
          journalByteCount: 0, status: found))
    }
    try requireEdits(edits, within: found.size, path: path)
    if let unfinished = JournalRecovery.existingJournalPath(filePath: path) {
      throw .unfinishedJournalExists(journalPath: unfinished)
    }
    let journalPath = SaveJournal.path(for: path)

    var map: MemMap
    do {
      map = try MemMap.open(path, mode: .readWrite)
    } catch {
      throw .cannotOpen(path: path, reason: error)
    }
    let outcome: Result<SaveReport, SaveError>
    do throws(SaveError) {
      // The file may have shrunk between the status check and the open.
      try requireEdits(edits, within: map.count, path: path)
      outcome = .success(try writeJournaled(edits, into: &map, path: path, journalPath: journalPath))
    } catch {
      outcome = .failure(error)
    }
    // Unmap without `close()`: every touched range was flushed (or rolled back and flushed)
    // already, and `close()` would flush the whole map again, costing one more fsync.
    _ = consume map
    var report = try outcome.get()
    do throws(JournalRemovalError) {
      try JournalFile.remove(at: journalPath)
      stepObserver?(.journalRemoved)
    } catch {
      report.warning = [report.warning, error.description].compactMap { $0 }.joined(separator: "; ")
    }
    return .saved(report)
  }

  /// Journals, writes and flushes `edits`; leaves a complete journal behind on success.
  private func writeJournaled(
    _ edits: PendingEdits, into map: inout MemMap, path: String, journalPath: String
  ) throws(SaveError) -> SaveReport {
    var regions: [JournalRegion] = []
    regions.reserveCapacity(edits.runs.count)
    for run in edits.runs {
      do {
        let original = try map.read(at: run.offset, count: run.bytes.count)
        regions.append(JournalRegion(offset: run.offset, original: original, replacement: run.bytes))
      } catch {
        throw .cannotOpen(path: path, reason: error)
      }
    }
    let journal = SaveJournal(fileSize: map.count, regions: regions)
    let journalByteCount: Int
    do {
      journalByteCount = try JournalFile.write(journal, to: journalPath)
    } catch {
      throw .cannotWriteJournal(journalPath: journalPath, reason: error)
    }
    stepObserver?(.journalWritten)

    let pages: [Int]
    let flushRanges: [Range<Int>]
    do throws(MemMapError) {
      // Disk space for edits inside holes of a sparse file is allocated now, so a full disk
      // fails here, before the first byte is written, rather than in the middle of the writes.
      for run in edits.runs {
        try map.reserve(run.offset..<run.endOffset)
      }
      pages = try writePages(of: edits, into: &map)
      flushRanges = coalescedRanges(ofPages: pages, limit: map.count)
      for range in flushRanges {
        try map.flush(range)
      }
    } catch {
      // Writing and rolling back may have given the file a new modification time: report the
      // status after the rollback, so that the editor does not take it for someone else's change.
      let restored = rollBack(regions, in: &map, journalPath: journalPath) ? try? map.status() : nil
      throw .writeFailed(path: path, reason: error, restoredStatus: restored, journalPath: journalPath)
    }
    stepObserver?(.fileFlushed)

    var warning: String?
    do {
      try JournalFile.markComplete(at: journalPath)
      stepObserver?(.journalCompleted)
    } catch {
      // The file is saved; only a crash before the journal is removed would now roll it back.
      warning = "marking the journal '\(journalPath)' complete failed (\(error.userDescription))"
    }
    let status: FileStatus
    do {
      status = try map.status()
    } catch {
      throw .cannotOpen(path: path, reason: error)
    }
    return SaveReport(
      path: path, savedByteCount: edits.changedByteCount, runCount: edits.runs.count, pageCount: pages.count,
      bytesWritten: pages.count * pageSize, flushCount: flushRanges.count, journalByteCount: journalByteCount,
      status: status, warning: warning)
  }

  /// Writes every run, page by page, reporting each finished page.
  ///
  /// - Returns: The start offsets of the touched pages, ascending.
  private func writePages(of edits: PendingEdits, into map: inout MemMap) throws(MemMapError) -> [Int] {
    var pages: [Int] = []
    for run in edits.runs {
      var offset = run.offset
      while offset < run.endOffset {
        let page = offset - offset % pageSize
        let end = min(run.endOffset, page + pageSize)
        if let last = pages.last, last != page {
          stepObserver?(.pageWritten(index: pages.count - 1, offset: last))
        }
        if pages.last != page { pages.append(page) }
        try map.write(run.bytes[(offset - run.offset)..<(end - run.offset)], at: offset)
        offset = end
      }
    }
    if let last = pages.last {
      stepObserver?(.pageWritten(index: pages.count - 1, offset: last))
    }
    return pages
  }

  /// Page ranges covering `pages`, merged when closer than `flushGap`, clipped to `limit`.
  private func coalescedRanges(ofPages pages: [Int], limit: Int) -> [Range<Int>] {
    var ranges: [Range<Int>] = []
    for page in pages {
      let end = min(page + pageSize, limit)
      if let last = ranges.last, page - last.upperBound <= flushGap {
        ranges[ranges.count - 1] = last.lowerBound..<end
      } else {
        ranges.append(page..<end)
      }
    }
    return ranges
  }

  /// Writes the original bytes back where they changed and flushes; removes the journal if
  /// that worked. Regions the failed save never reached are left alone, so a full disk (a hole
  /// that could not be allocated) does not make the rollback fail too.
  private func rollBack(_ regions: [JournalRegion], in map: inout MemMap, journalPath: String) -> Bool {
    do throws(MemMapError) {
      for region in regions where try map.read(at: region.offset, count: region.original.count) != region.original {
        try map.write(region.original, at: region.offset)
      }
      try map.flush()
    } catch {
      return false
    }
    return (try? JournalFile.remove(at: journalPath)) != nil
  }

  private func requireEdits(_ edits: PendingEdits, within fileSize: Int, path: String) throws(SaveError) {
    guard let end = edits.endOffset, end > fileSize else { return }
    let beyond = edits.runs.filter { $0.endOffset > fileSize }
    throw .fileShrankBelowEdits(
      path: path, fileSize: fileSize,
      offsets: beyond.prefix(Self.listedOffsetLimit).map { max($0.offset, fileSize) }, runCount: beyond.count)
  }

  // MARK: - Save as

  /// Writes every byte of `source` as seen through `edits` to the file at `path` (the scratch
  /// buffer's save, or "save as"), through a ``FileReplacement``: the bytes go to a temporary
  /// file beside the destination, which replaces it only once complete and flushed, so a failure
  /// (a full disk, a source that shrinks) leaves the destination as it was and nothing behind.
  ///
  /// A new file gets the source file's permissions less the process's file-creation mask (as
  /// `cp` does), or `0666` less the mask for an anonymous source; a replaced file keeps its own.
  /// A symbolic link at `path` stays, and its target is replaced.
  ///
  /// - Parameters:
  ///   - source: The buffer or mapped file the edits lie over.
  ///   - edits: The pending edits over `source`.
  ///   - path: The destination.
  ///   - replacingExisting: Whether the user confirmed replacing an existing file.
  /// - Returns: ``SaveOutcome/saved(_:)``, or ``SaveOutcome/destinationExists(path:)`` when a file
  ///   exists at `path` and `replacingExisting` is false (nothing written).
  /// - Throws: ``SaveError/destinationIsSource(path:)`` when `path` is the mapped file itself;
  ///   ``SaveError/cannotWriteDestination(path:reason:)`` when `path` is a directory or another
  ///   file that is not a regular file (before asking to replace it), or cannot be written;
  ///   ``SaveError/sourceShrank(path:expected:found:)`` when another process truncated the source.
  public func saveAs(
    contentsOf source: borrowing MemMap, applying edits: PendingEdits, to path: String,
    replacingExisting: Bool = false
  ) throws(SaveError) -> SaveOutcome {
    if !source.isAnonymous, let sourceStatus = try? source.status(),
      let destinationStatus = try? MemMap.status(ofFile: path), sourceStatus.identity == destinationStatus.identity
    {
      throw .destinationIsSource(path: path)
    }
    let sourceName = source.path ?? "[scratch]"
    let size = source.count
    let sourceFile = source.isAnonymous ? nil : source.path
    // The mapped file may have been truncated already, or be truncated while it is copied: the
    // bytes past its end would read as zeros from the last page (or fault), so both are checked.
    try Self.requireUnshrunk(source, size: size)
    let permissions = sourceFile.flatMap { try? MemMap.permissions(ofFile: $0) }
      .map { FilePermissions(rawValue: $0.rawValue & 0o777) } ?? .newFileDefault
    return try whileSourceLocked(sourceFile, savingTo: path) { () throws(SaveError) in
      try saveAs(
        count: size, sourceName: sourceName, permissions: permissions, applying: edits, to: path,
        replacingExisting: replacingExisting,
        checkSource: { () throws(SaveError) in try Self.requireUnshrunk(source, size: size) }
      ) { offset, count throws(SaveError) in
        do throws(MemMapError) {
          return try source.read(at: offset, count: count)
        } catch {
          if case .fileTruncated(_, _, let fileSize) = error {
            throw .sourceShrank(path: sourceName, expected: size, found: fileSize)
          }
          throw .cannotOpen(path: sourceName, reason: error)
        }
      }
    }
  }

  /// Throws ``SaveError/sourceShrank(path:expected:found:)`` when the file behind `source` is
  /// now shorter than `size`.
  static func requireUnshrunk(_ source: borrowing MemMap, size: Int) throws(SaveError) {
    guard !source.isAnonymous, let path = source.path, let status = try? source.status(), status.size < size else {
      return
    }
    throw .sourceShrank(path: path, expected: size, found: status.size)
  }

  /// Writes `bytes` as seen through `edits` to the file at `path` (save-as of a buffer held in
  /// memory), as ``saveAs(contentsOf:applying:to:replacingExisting:)`` does; a new file gets
  /// `0666` less the process's file-creation mask.
  ///
  /// - Returns: ``SaveOutcome/saved(_:)``, or ``SaveOutcome/destinationExists(path:)`` when a file
  ///   exists at `path` and `replacingExisting` is false (nothing written).
  public func saveAs(
    bytes: [UInt8], applying edits: PendingEdits, to path: String, replacingExisting: Bool = false
  ) throws(SaveError) -> SaveOutcome {
    try saveAs(
      count: bytes.count, sourceName: "[scratch]", permissions: .newFileDefault, applying: edits, to: path,
      replacingExisting: replacingExisting, checkSource: {}
    ) { offset, count throws(SaveError) in Array(bytes[offset..<(offset + count)]) }
  }

  /// Save-as over any source that can hand out its bytes chunk by chunk, with `edits` applied
  /// to each chunk; otherwise as ``saveAs(count:runCount:permissions:to:replacingExisting:checkSource:shouldCancel:writeContent:)``.
  func saveAs(
    count size: Int, sourceName: String, permissions: FilePermissions, applying edits: PendingEdits,
    to path: String, replacingExisting: Bool, checkSource: () throws(SaveError) -> Void,
    readChunk: (_ offset: Int, _ count: Int) throws(SaveError) -> [UInt8]
  ) throws(SaveError) -> SaveOutcome {
    try saveAs(
      count: size, runCount: edits.runs.count, permissions: permissions, to: path, replacingExisting: replacingExisting,
      checkSource: checkSource, shouldCancel: { false }
    ) { replacement throws(SaveError) in
      try requireEdits(edits, within: size, path: sourceName)
      let chunkSize = 1 << 20
      var offset = 0
      while offset < size {
        let count = min(chunkSize, size - offset)
        var chunk = try readChunk(offset, count)
        edits.apply(to: &chunk, at: offset)
        do throws(MemMapError) {
          try replacement.write(chunk, at: offset)
        } catch {
          throw .cannotWriteDestination(path: path, reason: error)
        }
        offset += count
      }
    }
  }

  /// Save-as through a ``FileReplacement`` of `size` bytes that `writeContent` writes: the
  /// destination is replaced only once they are all written and synced.
  ///
  /// `writeContent` throws ``SaveError/cancelled(path:)`` to stop; `shouldCancel` is asked once
  /// more after the new file was synced, just before it replaces the destination (the commit
  /// point, reported to ``stepObserver`` as ``SaveStep/destinationReplacing``): `true` removes
  /// the new file and throws ``SaveError/cancelled(path:)``, the destination as it was.
  /// `checkSource` runs once every byte was written, before the sync.
  func saveAs(
    count size: Int, runCount: Int, permissions: FilePermissions, to path: String, replacingExisting: Bool,
    checkSource: () throws(SaveError) -> Void, shouldCancel: () -> Bool,
    writeContent: (borrowing FileReplacement) throws(SaveError) -> Void
  ) throws(SaveError) -> SaveOutcome {
    do {
      if try FileReplacement.existingFile(at: path), !replacingExisting {
        return .destinationExists(path: path)
      }
    } catch {
      throw .cannotWriteDestination(path: path, reason: error)
    }
    let replacement: FileReplacement
    do {
      replacement = try FileReplacement(replacing: path, size: size, newFilePermissions: permissions)
    } catch {
      throw .cannotWriteDestination(path: path, reason: error)
    }
    // An abandoned replacement removes its temporary file.
    try writeContent(replacement)
    try checkSource()
    do {
      // Synced before the last chance to cancel, so that replacing the destination is quick.
      try replacement.synchronize()
    } catch {
      throw .cannotWriteDestination(path: path, reason: error)
    }
    guard !shouldCancel() else { throw .cancelled(path: path) }
    stepObserver?(.destinationReplacing)
    let status: FileStatus
    do {
      status = try replacement.commit()
    } catch {
      throw .cannotWriteDestination(path: path, reason: error)
    }
    let pageCount = (size + pageSize - 1) / pageSize
    return .saved(
      SaveReport(
        path: path, savedByteCount: size, runCount: runCount, pageCount: pageCount, bytesWritten: size,
        flushCount: 1, journalByteCount: 0, status: status))
  }
}
