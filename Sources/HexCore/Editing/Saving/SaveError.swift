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
  /// Writing or flushing the file failed. With a `restoredStatus` the original bytes were
  /// restored and the journal removed, and the file now has that status (the rollback's own
  /// writes are no change by someone else); with `nil` the journal at `journalPath` was kept
  /// and reopening the file rolls it back.
  case writeFailed(path: String, reason: MemMapError, restoredStatus: FileStatus?, journalPath: String)
  /// Another process (another mmhex) is saving the same file right now and did not finish
  /// within ``Saver/lockTimeout``. Nothing was written.
  case saveInProgress(path: String)
  /// Save-as was asked to write onto the very file it reads from (the same path, a hard link or
  /// a symbolic link to it): recreating it would destroy the bytes being copied. Nothing was
  /// written; save in place instead.
  case destinationIsSource(path: String)
  /// Save-as could not create, write or flush the destination, or refused it (a directory or
  /// another file that is not a regular file). The destination is as it was and nothing was
  /// left behind.
  case cannotWriteDestination(path: String, reason: MemMapError)
  /// Save-as found its source file shorter (`found` bytes) than the `expected` bytes it copies:
  /// another process truncated it. Copying on would invent bytes, so nothing was saved.
  case sourceShrank(path: String, expected: Int, found: Int)
  /// A save that moves bytes found the file at another size than the one its edits were made
  /// over (`expected`): the moved bytes cannot be read from it reliably.
  case fileResizedUnderMovedBytes(path: String, expected: Int, found: Int)
  /// A save that moves bytes passed its commit point but writing the file failed; its complete
  /// journal at `journalPath` finishes the save when the file is next opened.
  case movedBytesWriteFailed(path: String, reason: MemMapError, journalPath: String)
  /// The user cancelled a save before its commit point; its journal was removed and the file
  /// was not touched.
  case cancelled(path: String)

  /// One line: what failed, on which path, and what to do.
  public var description: String {
    switch self {
    case .cannotOpen(let path, let reason):
      return "cannot save '\(path)': \(reason.userDescription); nothing was written"
    case .fileShrankBelowEdits(let path, let fileSize, let offsets, let runCount):
      let listed = offsets.map { "0x" + String($0, radix: 16) }.joined(separator: ", ")
      let more = runCount > offsets.count ? " and \(runCount - offsets.count) more" : ""
      return "cannot save '\(path)': another process truncated it to \(fileSize) bytes, below edits at \(listed)\(more); "
        + "nothing was written: undo the edits past the end, or restore the file's size"
    case .unfinishedJournalExists(let journalPath):
      return "cannot save: '\(journalPath)' holds an unfinished earlier save; reopen the file to recover it first"
    case .cannotWriteJournal(let journalPath, let reason):
      return "cannot save: the crash-safety journal '\(journalPath)' could not be written (\(reason.userDescription)); "
        + "nothing was written: make the directory writable or free space, or save elsewhere"
    case .writeFailed(let path, let reason, let restoredStatus, let journalPath):
      if restoredStatus != nil {
        return "saving '\(path)' failed (\(reason.userDescription)); the file was restored to its previous contents, your edits are still pending"
      }
      return "saving '\(path)' failed (\(reason.userDescription)) and the file could not be restored yet; keep '\(journalPath)': "
        + "reopening the file rolls it back"
    case .destinationIsSource(let path):
      return "cannot save a copy to '\(path)': it is the file being edited; nothing was written (save in place instead)"
    case .saveInProgress(let path):
      return "cannot save '\(path)': another mmhex is saving it right now; nothing was written, try again in a moment"
    case .cannotWriteDestination(let path, _):
      return "cannot save to '\(Self.shortened(path))': \(reasonAfterPath)"
    case .sourceShrank(let path, let expected, let found):
      return "cannot save a copy of '\(Self.shortened(path))': another process truncated it from \(expected) to \(found) "
        + "bytes while it was copied; nothing was saved and no file was changed"
    case .fileResizedUnderMovedBytes(let path, let expected, let found):
      return "cannot save '\(path)': another process changed its size from \(expected) to \(found) bytes, and your "
        + "inserts or deletes move bytes of it; nothing was written: Ctrl-O saves your version to another file"
    case .movedBytesWriteFailed(let path, let reason, let journalPath):
      return "saving '\(path)' failed (\(reason.userDescription)) after its journal was complete; keep '\(journalPath)': "
        + "reopening the file finishes the save"
    case .cancelled(let path):
      return "save of '\(path)' cancelled; the file is unchanged"
    }
  }

  /// The description without the leading path, for a prompt that shows the path already: for
  /// a destination that cannot be written, why and what to do (`its directory does not exist;
  /// nothing was saved and no file changed, choose another path`).
  public var reasonAfterPath: String {
    guard case .cannotWriteDestination(_, let reason) = self else { return description }
    return "\(Self.destinationProblem(reason)); nothing was saved and no file changed, choose another path"
  }

  /// Why a new file could not be written, in the words of someone choosing a path.
  private static func destinationProblem(_ reason: MemMapError) -> String {
    switch reason {
    case .fileNotFound, .directoryNotFound: "its directory does not exist"
    case .isDirectory: "it is a directory"
    case .notRegularFile(_, let kind): "it is a \(kind), not a regular file"
    case .systemError(_, let operation, let reason): "\(operation) failed: \(reason)"
    case .permissionDenied: "permission denied"
    case .noSpace: "not enough space on the device"
    default: reason.userDescription
    }
  }

  /// The longest path a message quotes whole; longer ones keep their start and end.
  static let shownPathLimit = 60

  /// `path`, or for a long one its first and last characters around `…`, so that the reason
  /// after it still fits on the line.
  static func shortened(_ path: String) -> String {
    guard path.count > shownPathLimit else { return path }
    let tail = shownPathLimit * 2 / 3
    return String(path.prefix(shownPathLimit - tail - 1)) + "…" + String(path.suffix(tail))
  }
}
