import MemMap

extension TailJournal {
  /// Recovers the file at `filePath` from the journal at `journalPath` if that is a tail journal
  /// of a version in ``readableVersions`` (the file is locked): a journal not marked complete is
  /// removed (its save never touched the file); a complete one is applied again and then removed.
  ///
  /// - Returns: What was done, or `nil` when the journal is not a tail journal.
  static func recover(filePath: String, journalPath: String) throws(RecoveryError) -> RecoveryOutcome? {
    let journalMap: MemMap
    do {
      journalMap = try MemMap.open(journalPath, mode: .readOnly)
    } catch {
      if case .fileNotFound = error { return RecoveryOutcome.noJournal }
      // Too short to map (an empty file) or unreadable: the in-place journal code decides.
      return nil
    }
    guard isTailJournal(journalMap) else { return nil }
    let decoded: Decoded
    do {
      decoded = try decode(journalMap)
    } catch {
      // Torn while it was written: the file was never touched.
      _ = consume journalMap
      return try discard(journalPath: journalPath, problem: error)
    }
    guard decoded.isComplete else {
      _ = consume journalMap
      return try discard(journalPath: journalPath, problem: nil)
    }
    let journal = decoded.journal
    let status: FileStatus
    do {
      status = try MemMap.status(ofFile: filePath)
    } catch {
      throw .cannotOpenFile(path: filePath, journalPath: journalPath, reason: error)
    }
    // Between the commit point and the journal's removal the file only ever holds sizes between
    // the old and the new one; any other size is someone else's change.
    guard min(journal.oldSize, journal.newSize) <= status.size, status.size <= max(journal.oldSize, journal.newSize)
    else {
      throw .fileSizeChanged(path: filePath, journalPath: journalPath, journalSize: journal.oldSize, fileSize: status.size)
    }
    do throws(MemMapError) {
      let file = try FileWriter.open(filePath)
      try journal.apply(from: journalMap, payloadOffsets: decoded.payloadOffsets, to: file)
      try file.close()
    } catch {
      throw .cannotWriteFile(path: filePath, journalPath: journalPath, reason: error)
    }
    _ = consume journalMap
    do {
      try JournalFile.remove(at: journalPath)
    } catch {
      throw .cannotRemoveJournal(error)
    }
    return .rolledForward(
      RecoverySummary(
        path: filePath, regionCount: journal.records.count, byteCount: journal.writtenByteCount,
        changedByteCount: journal.writtenByteCount))
  }

  /// Removes a journal whose save never reached its commit point.
  private static func discard(journalPath: String, problem: JournalFormatError?) throws(RecoveryError)
    -> RecoveryOutcome
  {
    do {
      try JournalFile.remove(at: journalPath)
    } catch {
      throw .cannotRemoveJournal(error)
    }
    return .discardedIncompleteJournal(journalPath: journalPath, problem: problem ?? .notMarkedComplete)
  }
}
