import MemMap

/// How a save ended when it did not fail.
public enum SaveOutcome: Hashable, Sendable {
  /// The file holds the edits now; see the report.
  case saved(SaveReport)
  /// Someone else changed, resized or replaced the file since it was opened or last saved;
  /// nothing was written. Ask "file changed on disk since it was opened; save anyway?" and,
  /// if confirmed, save again with `ifChangedOnDisk: .overwrite`.
  case fileChangedOnDisk(path: String, expected: FileStatus, found: FileStatus)
  /// Save-as found a file at the destination; nothing was written. Ask before replacing it and,
  /// if confirmed, save again with `replacingExisting: true`.
  case destinationExists(path: String)

  /// The line for the status bar, with file times in UTC.
  public var message: String { message(showingTimesAs: .utc) }

  /// The line for the status bar, with file times shown as `times` says, e.g.
  /// `'data.bin' changed on disk since it was opened (size 1000 → 1200 bytes, modified
  /// 2026-11-28 23:41:07); save anyway? (y/n)`.
  public func message(showingTimesAs times: TimestampFormat) -> String {
    switch self {
    case .saved(let report):
      report.message
    case .fileChangedOnDisk(let path, let expected, let found):
      "'\(path)' changed on disk since it was opened (\(Self.difference(expected, found, times))); save anyway? (y/n)"
    case .destinationExists(let path):
      "'\(path)' already exists; replace it? (y/n)"
    }
  }

  /// What changed: identity, size and modification time, those that differ.
  private static func difference(_ expected: FileStatus, _ found: FileStatus, _ times: TimestampFormat) -> String {
    var changes: [String] = []
    if expected.identity != found.identity { changes.append("replaced by another file") }
    if expected.size != found.size { changes.append("size \(expected.size) → \(found.size) bytes") }
    if expected.modificationTime != found.modificationTime || changes.isEmpty {
      changes.append("modified \(times.string(found.modificationTime))")
    }
    return changes.joined(separator: ", ")
  }
}

/// What a successful save did.
public struct SaveReport: Hashable, Sendable {
  /// The path saved to.
  public var path: String
  /// The bytes saved: those whose value changed (in-place save) or the whole file (save-as).
  public var savedByteCount: Int
  /// The number of contiguous runs written.
  public var runCount: Int
  /// The number of distinct pages the writes touched (what the system writes back).
  public var pageCount: Int
  /// The bytes written back to storage: `pageCount` pages (in-place save) or the whole file
  /// (save-as).
  public var bytesWritten: Int
  /// The number of flush calls (each one msync and fsync).
  public var flushCount: Int
  /// The size of the journal written before the file was touched (0 for save-as).
  public var journalByteCount: Int
  /// The file's status after the save: the new baseline for the next change check.
  public var status: FileStatus
  /// Something that went wrong after the data was safely saved (e.g. the journal could not be
  /// removed), or `nil`.
  public var warning: String?

  /// Creates a report.
  public init(
    path: String, savedByteCount: Int, runCount: Int, pageCount: Int, bytesWritten: Int, flushCount: Int,
    journalByteCount: Int, status: FileStatus, warning: String? = nil
  ) {
    self.path = path
    self.savedByteCount = savedByteCount
    self.runCount = runCount
    self.pageCount = pageCount
    self.bytesWritten = bytesWritten
    self.flushCount = flushCount
    self.journalByteCount = journalByteCount
    self.status = status
    self.warning = warning
  }

  /// The line for the status bar, e.g. `saved 3 bytes`.
  public var message: String {
    let saved = "saved \(savedByteCount) \(savedByteCount == 1 ? "byte" : "bytes")"
    return warning.map { "\(saved); \($0)" } ?? saved
  }
}
