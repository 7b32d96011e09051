import MemMap

/// Finishes a save that was interrupted (crash, kill, power loss): call ``recover(filePath:)``
/// before opening a file for viewing or editing.
///
/// A save writes its journal before touching the file and removes it only after the file was
/// flushed, so a journal on disk means the file may hold any mix of old and new bytes.
/// Recovery puts every journaled region back to the original bytes (roll back) or, if the
/// journal was marked complete, to the new bytes (roll forward), flushes the file, and only
/// then removes the journal. Every step is idempotent: if recovery itself is interrupted, the
/// next open simply runs it again.
public enum JournalRecovery {
  /// How long recovery waits for a save of the same file in another process to finish before
  /// it gives up with ``RecoveryError/saveInProgress(path:journalPath:)``.
  public static let lockTimeout: Duration = .seconds(2)

  /// Recovers the file at `filePath` from its journal, if it has one.
  ///
  /// A journal belongs to a save that is still running while that save holds the file's
  /// ``FileLock``: recovery takes the same lock first (waiting up to `timeout`), so it never
  /// rolls back a save that is being written, and only then reads the journal.
  ///
  /// - Returns: What was found and done.
  /// - Throws: ``RecoveryError`` when the journal exists but could not be applied, or belongs
  ///   to a save still running; the journal is then kept, and the file should be opened
  ///   read-only until the user decides.
  public static func recover(filePath: String, waitingUpTo timeout: Duration = lockTimeout) throws(RecoveryError)
    -> RecoveryOutcome
  {
    guard let found = existingJournalPath(filePath: filePath) else { return .noJournal }
    let acquired: FileLock?
    do {
      acquired = try FileLock.acquire(filePath, waitingUpTo: timeout)
    } catch {
      throw .cannotOpenFile(path: filePath, journalPath: found, reason: error)
    }
    guard let lock = consume acquired else { throw .saveInProgress(path: filePath, journalPath: found) }
    let outcome = Result { () throws(RecoveryError) -> RecoveryOutcome in
      // The save that held the lock may have finished (and removed its journal) meanwhile.
      guard let journalPath = existingJournalPath(filePath: filePath) else { return .noJournal }
      return try recover(filePath: filePath, journalPath: journalPath)
    }
    lock.release()
    return try outcome.get()
  }

  /// The journal waiting to be recovered for the file at `filePath`, if any: at
  /// ``SaveJournal/path(for:)``, or where an earlier version put it
  /// (``SaveJournal/legacyPaths(for:)``).
  public static func existingJournalPath(filePath: String) -> String? {
    ([SaveJournal.path(for: filePath)] + SaveJournal.legacyPaths(for: filePath)).first(where: JournalFile.exists)
  }

  /// Applies the journal at `journalPath` to the file at `filePath`; the file is locked.
  private static func recover(filePath: String, journalPath: String) throws(RecoveryError) -> RecoveryOutcome {
    if let outcome = try TailJournal.recover(filePath: filePath, journalPath: journalPath) { return outcome }
    let bytes: [UInt8]
    do {
      guard let read = try JournalFile.read(at: journalPath) else { return .noJournal }
      bytes = read
    } catch {
      throw .cannotReadJournal(journalPath: journalPath, reason: error)
    }

    let journal: SaveJournal
    do {
      journal = try SaveJournal(decoding: bytes)
    } catch {
      if case .unsupportedVersion = error {
        throw .unreadableJournal(journalPath: journalPath, problem: error)
      }
      // A journal is complete and flushed before the first byte of the file is written, so a
      // torn journal means the file was never touched.
      do {
        try JournalFile.remove(at: journalPath)
      } catch {
        throw .cannotRemoveJournal(error)
      }
      return .discardedIncompleteJournal(journalPath: journalPath, problem: error)
    }

    let status: FileStatus
    do {
      status = try MemMap.status(ofFile: filePath)
    } catch {
      throw .cannotOpenFile(path: filePath, journalPath: journalPath, reason: error)
    }
    guard status.size == journal.fileSize else {
      throw .fileSizeChanged(
        path: filePath, journalPath: journalPath, journalSize: journal.fileSize, fileSize: status.size)
    }

    let rollForward = journal.state == .complete
    var map: MemMap
    do {
      map = try MemMap.open(filePath, mode: .readWrite)
    } catch {
      throw .cannotOpenFile(path: filePath, journalPath: journalPath, reason: error)
    }
    // An interrupted save leaves every journaled byte either original or replaced. Any other
    // value means someone changed the file since (or replaced it): leave it alone.
    var current: [[UInt8]] = []
    do throws(MemMapError) {
      for region in journal.regions {
        current.append(try map.read(at: region.offset, count: region.original.count))
      }
    } catch {
      try? map.close()
      throw .cannotOpenFile(path: filePath, journalPath: journalPath, reason: error)
    }
    for (region, bytes) in zip(journal.regions, current) {
      if let index = bytes.indices.first(where: { bytes[$0] != region.original[$0] && bytes[$0] != region.replacement[$0] }) {
        try? map.close()
        throw .fileChangedSinceSave(path: filePath, journalPath: journalPath, offset: region.offset + index)
      }
    }

    var differing = 0
    do throws(MemMapError) {
      for (region, bytes) in zip(journal.regions, current) {
        let target = rollForward ? region.replacement : region.original
        let mismatches = zip(bytes, target).reduce(0) { $0 + ($1.0 == $1.1 ? 0 : 1) }
        if mismatches > 0 {
          differing += mismatches
          try map.write(target, at: region.offset)
        }
      }
      try map.flush()
    } catch {
      try? map.close()
      throw .cannotWriteFile(path: filePath, journalPath: journalPath, reason: error)
    }
    do {
      try map.close()
    } catch {
      throw .cannotWriteFile(path: filePath, journalPath: journalPath, reason: error)
    }
    do {
      try JournalFile.remove(at: journalPath)
    } catch {
      throw .cannotRemoveJournal(error)
    }
    let summary = RecoverySummary(
      path: filePath, regionCount: journal.regions.count, byteCount: journal.byteCount, changedByteCount: differing)
    return rollForward ? .rolledForward(summary) : .rolledBack(summary)
  }

  /// Whether the file at `filePath` has a journal waiting to be recovered.
  public static func hasJournal(filePath: String) -> Bool {
    existingJournalPath(filePath: filePath) != nil
  }

  /// Removes the journal of the file at `filePath` without applying it (the user chose to keep
  /// the file as it is).
  public static func discardJournal(filePath: String) throws(JournalRemovalError) {
    while let journalPath = existingJournalPath(filePath: filePath) {
      try JournalFile.remove(at: journalPath)
    }
  }
}

/// What ``JournalRecovery/recover(filePath:)`` found and did.
public enum RecoveryOutcome: Hashable, Sendable {
  /// No journal: the last save finished (or there was none).
  case noJournal
  /// A save was interrupted before it finished writing: the file holds its pre-save contents again.
  case rolledBack(RecoverySummary)
  /// A save was interrupted after it finished writing: the file holds the saved contents.
  case rolledForward(RecoverySummary)
  /// A save was interrupted while writing its journal, before touching the file; the torn
  /// journal was removed and the file is unchanged.
  case discardedIncompleteJournal(journalPath: String, problem: JournalFormatError)

  /// What to tell the user, or `nil` when there is nothing to say.
  public var message: String? {
    switch self {
    case .noJournal:
      nil
    case .rolledBack(let summary):
      "an interrupted save of '\(summary.path)' was rolled back: \(summary.details), the file is as before that save"
    case .rolledForward(let summary):
      "an interrupted save of '\(summary.path)' was completed: \(summary.details)"
    case .discardedIncompleteJournal(let journalPath, let problem):
      "a save was interrupted before it changed the file; its incomplete journal '\(journalPath)' (\(problem)) was removed"
    }
  }
}

/// The extent of a recovery.
public struct RecoverySummary: Hashable, Sendable {
  /// The recovered file.
  public var path: String
  /// The number of journaled regions.
  public var regionCount: Int
  /// The number of journaled bytes.
  public var byteCount: Int
  /// How many of them differed from the recovered contents and were rewritten.
  public var changedByteCount: Int

  /// E.g. `3 of 12 bytes in 2 regions restored`.
  var details: String {
    "\(changedByteCount) of \(byteCount) \(byteCount == 1 ? "byte" : "bytes") in \(regionCount) "
      + "\(regionCount == 1 ? "region" : "regions") rewritten"
  }
}

/// Why a journal could not be applied. The journal is always kept, so nothing is lost: open
/// the file read-only and let the user decide.
public enum RecoveryError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The journal exists but could not be read.
  case cannotReadJournal(journalPath: String, reason: MemMapError)
  /// The journal is of a format this program does not understand.
  case unreadableJournal(journalPath: String, problem: JournalFormatError)
  /// The edited file could not be opened or examined.
  case cannotOpenFile(path: String, journalPath: String, reason: MemMapError)
  /// The file's size differs from the one the journal recorded: someone changed it after the
  /// interrupted save, so applying the journal could destroy their work.
  case fileSizeChanged(path: String, journalPath: String, journalSize: Int, fileSize: Int)
  /// The byte at `offset` holds neither its original nor its new value: the file was changed
  /// (or replaced) after the interrupted save, so applying the journal could destroy that work.
  case fileChangedSinceSave(path: String, journalPath: String, offset: Int)
  /// Writing or flushing the recovered bytes failed.
  case cannotWriteFile(path: String, journalPath: String, reason: MemMapError)
  /// The file was recovered but the journal could not be removed.
  case cannotRemoveJournal(JournalRemovalError)
  /// Another process (another mmhex) is saving the file right now and holds its lock: the
  /// journal is that save's, and touching it would undo the save.
  case saveInProgress(path: String, journalPath: String)

  /// One line: what failed, on which path, and what to do.
  public var description: String {
    let keep = "the journal was kept; open the file read-only, or remove the journal to keep the file as it is"
    switch self {
    case .cannotReadJournal(let journalPath, let reason):
      return "cannot read the save journal '\(journalPath)': \(reason.userDescription); \(keep)"
    case .unreadableJournal(let journalPath, let problem) where problem.isNewerVersion:
      return "cannot use the save journal '\(journalPath)': \(problem); the journal was kept: open the file with the "
        + "newer mmhex that wrote it to finish the interrupted save, or read-only with this one"
    case .unreadableJournal(let journalPath, let problem):
      return "cannot use the save journal '\(journalPath)': \(problem); \(keep)"
    case .cannotOpenFile(let path, let journalPath, let reason):
      return "cannot recover '\(path)' from '\(journalPath)': \(reason.userDescription); \(keep)"
    case .fileSizeChanged(let path, let journalPath, let journalSize, let fileSize):
      return "cannot recover '\(path)' from '\(journalPath)': the file is \(fileSize) bytes but was \(journalSize) "
        + "when the interrupted save started, so something else changed it; \(keep)"
    case .fileChangedSinceSave(let path, let journalPath, let offset):
      return "cannot recover '\(path)' from '\(journalPath)': the byte at 0x\(String(offset, radix: 16)) is neither "
        + "its pre-save nor its saved value, so something else changed the file; \(keep)"
    case .cannotWriteFile(let path, let journalPath, let reason):
      return "recovering '\(path)' from '\(journalPath)' failed: \(reason.userDescription); the journal was kept, reopening retries"
    case .cannotRemoveJournal(let error):
      return "the file was recovered, but \(error)"
    case .saveInProgress(let path, _):
      return "another mmhex is saving '\(path)' right now; reopen the file once that save is done to edit it"
    }
  }
}
