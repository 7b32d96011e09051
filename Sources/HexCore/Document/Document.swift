import MemMap

/// The file (or scratch buffer) being viewed: its bytes, its name, and whether it may be written.
///
/// Reads never crash: when another process truncates the file, the bytes past the new end are
/// reported as unreadable (``ByteWindow/readableCount``) and ``truncatedCount`` records the new size;
/// bytes that cannot be read although the file still holds them (an I/O error, a hole of a sparse
/// file on a full disk) are reported the same way and recorded in ``readFailure``, never as a
/// truncation. ``checkFile()`` also notices any other change made on disk by someone else, and a
/// file deleted or replaced under its path (``pathChange``).
public final class Document {
  /// File size in bytes as opened; the layout and cursor range stay based on it.
  public let count: Int
  /// The file's path, or `nil` for the anonymous scratch buffer.
  public let path: String?
  /// Whether this session must not write the file.
  public let isReadOnly: Bool
  /// The bytes still in the file after another process truncated it, or `nil` if it was not.
  public private(set) var truncatedCount: Int?
  /// The file's status when it was opened or last saved: what a save expects to find on disk.
  /// `nil` for the scratch buffer and for in-memory documents.
  public private(set) var savedStatus: FileStatus?
  /// Whether the last ``checkFile()`` found the file changed on disk (size, modification time
  /// or identity) since it was opened or last saved, by someone else.
  public private(set) var isChangedOnDisk = false
  /// Whether the last ``checkFile()`` found the path deleted, or naming another file than the
  /// one open (renamed over it); `nil` while the path still names the open file.
  public private(set) var pathChange: PathChange?
  /// The lowest offset a read could not read since ``forgetReadFailure()`` although the file
  /// still holds it (an I/O error, a hole of a sparse file on a full disk), or `nil` when every
  /// read since then succeeded or found a truncation.
  public private(set) var readFailure: Int?

  private let storage: any ByteStorage

  /// Creates a document over `mapping`.
  ///
  /// - Parameters:
  ///   - mapping: A map of the whole file (or an anonymous map for the scratch buffer).
  ///   - path: The file's path, or `nil` for the scratch buffer.
  ///   - isReadOnly: Whether the session must not write.
  public init(mapping: consuming MemMap, path: String?, isReadOnly: Bool) {
    let storage = MappedStorage(map: mapping)
    self.storage = storage
    self.count = storage.count
    self.path = path
    self.isReadOnly = isReadOnly
    self.savedStatus = storage.currentStatus()
  }

  /// Creates a document over bytes held in memory.
  ///
  /// - Parameters:
  ///   - bytes: The content.
  ///   - path: A path to name it by, or `nil` for a scratch buffer.
  ///   - isReadOnly: Whether the session must not write.
  public convenience init(bytes: [UInt8], path: String? = nil, isReadOnly: Bool = false) {
    self.init(storage: ArrayStorage(bytes: bytes), path: path, isReadOnly: isReadOnly)
  }

  init(storage: any ByteStorage, path: String?, isReadOnly: Bool) {
    self.storage = storage
    self.count = storage.count
    self.path = path
    self.isReadOnly = isReadOnly
    self.savedStatus = storage.currentStatus()
  }

  /// The file name (the last component of ``path``), or `"[scratch]"`.
  public var displayName: String {
    path.map(Self.fileName(of:)) ?? "[scratch]"
  }

  /// The last component of `path` (the whole path when it has none).
  public static func fileName(of path: String) -> String {
    path.split(separator: "/").last.map(String.init) ?? path
  }

  /// Bytes that can still be read: ``count``, or less after a truncation.
  public var readableCount: Int { truncatedCount ?? count }

  /// Reads up to `length` bytes starting at `offset`, clipped to the document.
  ///
  /// Bytes past a truncation are not read (they would fault); the window says how many are real.
  public func window(at offset: Int, length: Int) -> ByteWindow {
    let start = min(max(offset, 0), count)
    let length = min(max(length, 0), count - start)
    var bytes = [UInt8](repeating: 0, count: length)
    let readable = read(at: start, into: &bytes)
    return ByteWindow(offset: start, bytes: bytes, readableCount: readable)
  }

  /// Fills `buffer` with the bytes at `offset..<offset + buffer.count` (which must lie in
  /// `0..<count`), reading no further than the file's current end.
  ///
  /// - Returns: How many leading bytes of `buffer` are real; the rest (past a truncation, or
  ///   from a byte that could not be read) are zero.
  public func read(at offset: Int, into buffer: inout [UInt8]) -> Int {
    let wanted = buffer.count
    guard wanted > 0 else { return 0 }
    var readable = min(max(readableCount - offset, 0), wanted)
    // Each failed attempt reads less (a file can shrink again between attempts), so this ends.
    while readable > 0 {
      let result: StorageRead
      if readable == wanted {
        result = storage.read(at: offset, into: &buffer)
      } else {
        var part = [UInt8](repeating: 0, count: readable)
        result = storage.read(at: offset, into: &part)
        if result == .complete { buffer.replaceSubrange(0..<readable, with: part) }
      }
      let end: Int
      switch result {
      case .complete:
        for index in readable..<wanted { buffer[index] = 0 }
        return readable
      case .truncated(let size):
        noteTruncation(to: size)
        end = size
      case .failed(let failed):
        readFailure = min(readFailure ?? failed, failed)
        end = failed
      }
      readable = min(max(end - offset, 0), readable - 1)
    }
    for index in 0..<wanted { buffer[index] = 0 }
    return 0
  }

  /// Forgets the last read failure, so that ``readFailure`` tells whether reads since then
  /// failed (the editor asks before each frame).
  public func forgetReadFailure() {
    readFailure = nil
  }

  /// The byte at `offset` as stored (without pending edits), or `nil` when it lies outside the
  /// document or past the end of a truncated file.
  public func storedByte(at offset: Int) -> UInt8? {
    guard offset >= 0, offset < count else { return nil }
    var byte: [UInt8] = [0]
    return read(at: offset, into: &byte) == 1 ? byte[0] : nil
  }

  /// Asks the file for its current status: records a truncation (or that the file grew back)
  /// and whether someone else changed it since it was opened or saved.
  ///
  /// - Returns: `true` when the document learned something new (the screen should be redrawn).
  @discardableResult
  public func checkFile() -> Bool {
    let status = storage.currentStatus()
    guard let size = status?.size ?? storage.currentSize() else { return false }
    let previous = (truncatedCount, isChangedOnDisk, pathChange)
    truncatedCount = size < count ? size : nil
    if let status, let savedStatus {
      isChangedOnDisk = status != savedStatus
      pathChange = Self.pathChange(of: path, openIdentity: savedStatus.identity)
    }
    return previous != (truncatedCount, isChangedOnDisk, pathChange)
  }

  /// What became of `path` while the file with `openIdentity` was open through it.
  private static func pathChange(of path: String?, openIdentity: FileIdentity) -> PathChange? {
    guard let path else { return nil }
    do {
      return try MemMap.status(ofFile: path).identity == openIdentity ? nil : .replaced
    } catch {
      if case .fileNotFound = error { return .deleted }
      // Anything else (a directory on the way that cannot be searched now) says nothing
      // about which file the path names.
      return nil
    }
  }

  /// Records that the file was saved: `status` is what the save left on disk, the new baseline
  /// for noticing changes by others.
  public func noteSaved(status: FileStatus) {
    savedStatus = status
    isChangedOnDisk = false
  }

  /// Starts searching the document, as seen through `edits`, on a background thread.
  ///
  /// - Parameters:
  ///   - search: What to find.
  ///   - direction: Forward from `origin`, or backward from it; the search wraps around.
  ///   - origin: Where the search starts.
  ///   - edits: The pending edits, which the search sees instead of the stored bytes.
  public func startSearch(
    _ search: ByteSearch, _ direction: SearchDirection, from origin: Int, seeing edits: PendingEdits
  ) -> SearchJob {
    storage.startSearch(search, direction, from: origin, overlay: edits)
  }

  /// The document as seen through `edits`, for comparing with another one on a background
  /// thread; `nil` when its storage offers no shared source.
  public func diffSide(seeing edits: PendingEdits) -> DiffSide? {
    storage.scanSource.map { DiffSide($0, overlay: edits) }
  }

  /// Writes every byte, with `edits` applied, to a new file at `path` (save-as).
  ///
  /// - Returns: What the save did, or that `path` exists and `replacingExisting` was false.
  /// - Throws: ``SaveError`` when the destination cannot be written.
  public func saveAs(applying edits: PendingEdits, to path: String, replacingExisting: Bool) throws(SaveError)
    -> SaveOutcome
  {
    try storage.saveAs(applying: edits, to: path, replacingExisting: replacingExisting)
  }

  /// The document's bytes as stored, as the read-only source of a ``PieceTable``.
  public var byteSource: any ByteSource { storage.byteSource }

  private func noteTruncation(to size: Int) {
    let size = min(max(size, 0), count)
    if size < count {
      truncatedCount = min(truncatedCount ?? count, size)
    }
  }
}
