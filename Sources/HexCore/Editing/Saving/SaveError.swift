import MemMap

/// Why a save failed. Every case says what failed, on which path, and what to do; in every case
/// the file holds either its previous contents or (where stated) a journal to recover them.
public enum SaveError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The file's status could not be read or the file could not be opened for writing.
  /// Nothing was written.
  case cannotOpen(path: String, reason: MemMapError)
  /// The file is now shorter than offsets that have edits (another process truncated it).
  /// Saving would silently extend the file, so nothing was written. `offsets` lists the start
  /// of the first few edited runs past the end; `runCount` how many there are in all.
  case fileShrankBelowEdits(path: String, fileSize: Int, offsets: [Int], runCount: Int)
  /// A journal left by an interrupted save exists; saving now would overwrite the only copy of
  /// the bytes it protects. Nothing was written. Recover first (reopen the file).
  case unfinishedJournalExists(journalPath: String)
  /// The journal could not be written (read-only directory, no space, ...); without it the
  /// save would not be crash-safe, so nothing was written.
  case cannotWriteJournal(journalPath: String, reason: MemMapError)
  /// Writing or flushing the file failed. With `rolledBack` the original bytes were restored
  /// and the journal removed; otherwise the journal at `journalPath` was kept and reopening the
  /// file rolls it back.
  case writeFailed(path: String, reason: MemMapError, rolledBack: Bool, journalPath: String)
  /// Save-as was asked to write onto the very file it reads from (the same path, a hard link or
  /// a symbolic link to it): recreating it would destroy the bytes being copied. Nothing was
  /// written; save in place instead.
  case destinationIsSource(path: String)
  /// Save-as could not create, write or flush the destination.
  case cannotWriteDestination(path: String, reason: MemMapError)

  /// One line: what failed, on which path, and what to do.
  public var description: String {
    switch self {
    case .cannotOpen(let path, let reason):
      return "cannot save '\(path)': \(reason); nothing was written"
    case .fileShrankBelowEdits(let path, let fileSize, let offsets, let runCount):
      let listed = offsets.map { "0x" + String($0, radix: 16) }.joined(separator: ", ")
      let more = runCount > offsets.count ? " and \(runCount - offsets.count) more" : ""
      return "cannot save '\(path)': another process truncated it to \(fileSize) bytes, below edits at \(listed)\(more); "
        + "nothing was written: undo the edits past the end, or restore the file's size"
    case .unfinishedJournalExists(let journalPath):
      return "cannot save: '\(journalPath)' holds an unfinished earlier save; reopen the file to recover it first"
    case .cannotWriteJournal(let journalPath, let reason):
      return "cannot save: the crash-safety journal '\(journalPath)' could not be written (\(reason)); "
        + "nothing was written: make the directory writable or free space, or save elsewhere"
    case .writeFailed(let path, let reason, let rolledBack, let journalPath):
      if rolledBack {
        return "saving '\(path)' failed (\(reason)); the file was restored to its previous contents, your edits are still pending"
      }
      return "saving '\(path)' failed (\(reason)) and the file could not be restored yet; keep '\(journalPath)': "
        + "reopening the file rolls it back"
    case .destinationIsSource(let path):
      return "cannot save a copy to '\(path)': it is the file being edited; nothing was written (save in place instead)"
    case .cannotWriteDestination(let path, let reason):
      return "cannot save to '\(path)': \(Self.destinationProblem(reason)); nothing was saved, choose another path"
    }
  }

  /// Why a new file could not be written, in the words of someone choosing a path.
  private static func destinationProblem(_ reason: MemMapError) -> String {
    switch reason {
    case .fileNotFound, .directoryNotFound: "its directory does not exist"
    case .isDirectory: "it is a directory"
    case .notRegularFile(_, let kind): "it is a \(kind), not a regular file"
    case .permissionDenied: "permission denied"
    case .noSpace: "not enough space on the device"
    default: reason.description
    }
  }
}
