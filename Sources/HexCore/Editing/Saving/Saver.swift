import MemMap

/// Saves pending edits: in place through a writable mapping, crash-safe behind a journal, or
/// to a new file (save-as, e.g. for the scratch buffer).
///
/// An in-place save costs time proportional to the edits, not to the file: it maps the file
/// (constant cost), writes only the edited runs, and flushes only the pages they touch, so a
/// one-byte change in a 4 GiB file writes one page.
///
/// The in-place sequence is:
/// 1. check that nobody changed, resized or replaced the file since `expected` was taken;
/// 2. refuse edits past the current end of the file (never extend it silently);
/// 3. write a journal (`.NAME.mmhex-journal` next to the file) holding the original and the new
///    bytes of every region, and flush it; if that fails, refuse to save;
/// 4. reserve disk space for the edited ranges (holes of a sparse file), write the edits through
///    a `.readWrite` mapping and flush the touched ranges;
/// 5. mark the journal complete, then remove it.
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
    let found: FileStatus
    do {
      found = try MemMap.status(ofFile: path)
    } catch {
      throw .cannotOpen(path: path, reason: error)
    }
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
    let journalPath = SaveJournal.path(for: path)
    if JournalFile.exists(at: journalPath) {
      throw .unfinishedJournalExists(journalPath: journalPath)
    }

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
      let restored = rollBack(regions, in: &map, journalPath: journalPath)
      throw .writeFailed(path: path, reason: error, rolledBack: restored, journalPath: journalPath)
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

  /// Writes every byte of `source` as seen through `edits` to a new file at `path`
  /// (the scratch buffer's save, or "save as").
  ///
  /// - Parameters:
  ///   - source: The buffer or mapped file the edits lie over.
  ///   - edits: The pending edits over `source`.
  ///   - path: The destination.
  ///   - replacingExisting: Whether the user confirmed replacing an existing file.
  /// - Returns: ``SaveOutcome/saved(_:)``, or ``SaveOutcome/destinationExists(path:)`` when a file
  ///   exists at `path` and `replacingExisting` is false (nothing written).
  /// - Throws: ``SaveError/destinationIsSource(path:)`` when `path` is the mapped file itself.
  public func saveAs(
    contentsOf source: borrowing MemMap, applying edits: PendingEdits, to path: String,
    replacingExisting: Bool = false
  ) throws(SaveError) -> SaveOutcome {
    if !source.isAnonymous, let sourceStatus = try? source.status(),
      let destinationStatus = try? MemMap.status(ofFile: path), sourceStatus.identity == destinationStatus.identity
    {
      throw .destinationIsSource(path: path)
    }
    return try saveAs(
      count: source.count, sourceName: source.path ?? "[scratch]", applying: edits, to: path,
      replacingExisting: replacingExisting
    ) { offset, count throws(MemMapError) in try source.read(at: offset, count: count) }
  }

  /// Writes `bytes` as seen through `edits` to a new file at `path` (save-as of a buffer held
  /// in memory).
  ///
  /// - Returns: ``SaveOutcome/saved(_:)``, or ``SaveOutcome/destinationExists(path:)`` when a file
  ///   exists at `path` and `replacingExisting` is false (nothing written).
  public func saveAs(
    bytes: [UInt8], applying edits: PendingEdits, to path: String, replacingExisting: Bool = false
  ) throws(SaveError) -> SaveOutcome {
    try saveAs(
      count: bytes.count, sourceName: "[scratch]", applying: edits, to: path, replacingExisting: replacingExisting
    ) { offset, count throws(MemMapError) in Array(bytes[offset..<(offset + count)]) }
  }

  /// Save-as over any source that can hand out its bytes chunk by chunk.
  private func saveAs(
    count size: Int, sourceName: String, applying edits: PendingEdits, to path: String, replacingExisting: Bool,
    readChunk: (_ offset: Int, _ count: Int) throws(MemMapError) -> [UInt8]
  ) throws(SaveError) -> SaveOutcome {
    if !replacingExisting, JournalFile.exists(at: path) {
      return .destinationExists(path: path)
    }
    try requireEdits(edits, within: size, path: sourceName)
    var destination: MemMap
    do {
      destination = try MemMap.open(path, mode: .create(size: size))
    } catch {
      throw .cannotWriteDestination(path: path, reason: error)
    }
    let chunkSize = 1 << 20
    var offset = 0
    var status: FileStatus?
    var failure: SaveError?
    var chunk: [UInt8] = []
    while failure == nil, offset < size {
      let count = min(chunkSize, size - offset)
      do {
        chunk = try readChunk(offset, count)
      } catch {
        failure = .cannotOpen(path: sourceName, reason: error)
        break
      }
      edits.apply(to: &chunk, at: offset)
      do {
        try destination.write(chunk, at: offset)
      } catch {
        failure = .cannotWriteDestination(path: path, reason: error)
      }
      offset += count
    }
    if failure == nil {
      do {
        try destination.flush()
        status = try destination.status()
      } catch {
        failure = .cannotWriteDestination(path: path, reason: error)
      }
    }
    do {
      try destination.close()
    } catch {
      if failure == nil { failure = .cannotWriteDestination(path: path, reason: error) }
    }
    if let failure { throw failure }
    guard let status else { throw .cannotWriteDestination(path: path, reason: .ioError(path: path, offset: 0)) }
    let pageCount = (size + pageSize - 1) / pageSize
    return .saved(
      SaveReport(
        path: path, savedByteCount: size, runCount: edits.runs.count, pageCount: pageCount, bytesWritten: size,
        flushCount: 1, journalByteCount: 0, status: status))
  }
}
