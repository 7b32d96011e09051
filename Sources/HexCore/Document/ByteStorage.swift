import MemMap

/// How a read from a ``ByteStorage`` went.
enum StorageRead: Hashable {
  /// Every byte was read.
  case complete
  /// The storage shrank underneath: it holds only `size` bytes now.
  case truncated(size: Int)
  /// The byte at `offset` could not be read although the storage still holds it (an I/O
  /// error, or no space to fill a hole of a sparse file).
  case failed(offset: Int)
}

/// Where a ``Document``'s bytes come from.
protocol ByteStorage: AnyObject {
  /// Bytes in the storage as opened.
  var count: Int { get }
  /// Fills `buffer` with the bytes at `offset..<offset + buffer.count` (inside `0..<count`).
  ///
  /// - Returns: Whether every byte was read; when not, the bytes of `buffer` from the point
  ///   named on are unspecified.
  func read(at offset: Int, into buffer: inout [UInt8]) -> StorageRead
  /// The storage's current size when it can tell it cheaply (a file's size), else `nil`.
  func currentSize() -> Int?
  /// The file's current status (size, modification time, identity), or `nil` without a file.
  func currentStatus() -> FileStatus?
  /// Starts a background search of the storage seen through `overlay`.
  func startSearch(_ search: ByteSearch, _ direction: SearchDirection, from origin: Int, overlay: PendingEdits)
    -> SearchJob
  /// Writes the storage's bytes, with `edits` applied, to a new file at `path`.
  func saveAs(applying edits: PendingEdits, to path: String, replacingExisting: Bool) throws(SaveError)
    -> SaveOutcome
  /// The storage's bytes as the read-only source of a ``PieceTable``.
  var byteSource: any ByteSource { get }
  /// The bytes as a source a background scan (the compare view's) can read, or `nil` when the
  /// storage cannot offer one.
  var scanSource: (any SearchSource & Sendable)? { get }
}

extension ByteStorage {
  func currentStatus() -> FileStatus? { nil }

  /// Reads through ``read(at:into:)`` (test storages).
  var byteSource: any ByteSource { StorageByteSource(storage: self) }

  /// Searches a copy of every byte, for small storages that only read (tests); larger ones fail
  /// at once.
  func startSearch(_ search: ByteSearch, _ direction: SearchDirection, from origin: Int, overlay: PendingEdits)
    -> SearchJob
  {
    guard count <= copiedSearchLimit else {
      let reason = "cannot search: this storage is searched by copying, which is limited to \(copiedSearchLimit) bytes"
      return SearchJob.start { _ throws(SearchError) in throw .unreadable(reason) }
    }
    return SearchJob.find(search, direction, from: origin, in: ByteArraySearchSource(allBytes()), overlay: overlay)
  }

  private var copiedSearchLimit: Int { 1 << 26 }

  /// A copy of every byte, for small storages that only read (tests).
  var scanSource: (any SearchSource & Sendable)? {
    count <= copiedSearchLimit ? ByteArraySearchSource(allBytes()) : nil
  }

  /// Saves a copy of every byte: for small storages (tests) only.
  func saveAs(applying edits: PendingEdits, to path: String, replacingExisting: Bool) throws(SaveError)
    -> SaveOutcome
  {
    try Saver().saveAs(bytes: allBytes(), applying: edits, to: path, replacingExisting: replacingExisting)
  }

  private func allBytes() -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: count)
    _ = read(at: 0, into: &bytes)
    return bytes
  }
}

/// Bytes read through a ``MemMap`` with fault-guarded copies.
///
/// The map is held by a ``SharedSearchSource`` so a background search can scan it too.
/// It is assumed to start at the beginning of the file, so a truncation to `N` bytes leaves
/// offsets `0..<N` readable.
final class MappedStorage: ByteStorage {
  private let source: SharedSearchSource

  init(map: consuming MemMap) {
    self.source = SharedSearchSource(map)
  }

  var count: Int { source.map.count }

  func read(at offset: Int, into buffer: inout [UInt8]) -> StorageRead {
    do {
      try source.map.read(at: offset, into: &buffer)
      return .complete
    } catch {
      switch error {
      case .fileTruncated(_, let firstMissing, let fileSize):
        // A page that cannot be read looks like a truncation to the fault guard; only a file
        // that really ends before the missing byte is one. Otherwise the page could not be
        // read: an I/O error, or no space left to fill a hole of a sparse file.
        let size = currentSize() ?? fileSize
        guard size <= firstMissing else { return .failed(offset: max(firstMissing, offset)) }
        return .truncated(size: max(0, min(size, source.map.count)))
      case .ioError(_, let failed):
        return .failed(offset: max(failed, offset))
      default:
        return .failed(offset: offset)
      }
    }
  }

  func currentSize() -> Int? {
    currentStatus()?.size
  }

  func currentStatus() -> FileStatus? {
    guard !source.map.isAnonymous else { return nil }
    return try? source.map.status()
  }

  func startSearch(_ search: ByteSearch, _ direction: SearchDirection, from origin: Int, overlay: PendingEdits)
    -> SearchJob
  {
    SearchJob.find(search, direction, from: origin, in: source, overlay: overlay)
  }

  var scanSource: (any SearchSource & Sendable)? { source }

  func saveAs(applying edits: PendingEdits, to path: String, replacingExisting: Bool) throws(SaveError)
    -> SaveOutcome
  {
    try Saver().saveAs(contentsOf: source.map, applying: edits, to: path, replacingExisting: replacingExisting)
  }

  var byteSource: any ByteSource { source }
}

/// Bytes held in an array (tests, benchmarks, small buffers).
final class ArrayStorage: ByteStorage {
  private let bytes: [UInt8]

  init(bytes: [UInt8]) {
    self.bytes = bytes
  }

  var count: Int { bytes.count }

  func read(at offset: Int, into buffer: inout [UInt8]) -> StorageRead {
    buffer.replaceSubrange(buffer.indices, with: bytes[offset..<(offset + buffer.count)])
    return .complete
  }

  func currentSize() -> Int? { nil }

  func startSearch(_ search: ByteSearch, _ direction: SearchDirection, from origin: Int, overlay: PendingEdits)
    -> SearchJob
  {
    SearchJob.find(search, direction, from: origin, in: ByteArraySearchSource(bytes), overlay: overlay)
  }

  var scanSource: (any SearchSource & Sendable)? { ByteArraySearchSource(bytes) }

  func saveAs(applying edits: PendingEdits, to path: String, replacingExisting: Bool) throws(SaveError)
    -> SaveOutcome
  {
    try Saver().saveAs(bytes: bytes, applying: edits, to: path, replacingExisting: replacingExisting)
  }

  var byteSource: any ByteSource { ByteArraySearchSource(bytes) }
}

/// Any storage's bytes as a ``ByteSource``, read through ``ByteStorage/read(at:into:)``.
///
/// Unchecked: storages are read from the editor's thread only, except by searches, which scan
/// a ``SharedSearchSource`` or an array instead.
private struct StorageByteSource: ByteSource, @unchecked Sendable {
  let storage: any ByteStorage

  var count: Int { storage.count }

  func read(at offset: Int, into destination: inout MutableRawSpan) -> Int {
    var bytes = [UInt8](repeating: 0, count: destination.byteCount)
    guard storage.read(at: offset, into: &bytes) == .complete else { return 0 }
    bytes.withUnsafeBytes { source in destination.withUnsafeMutableBytes { target in target.copyMemory(from: source) } }
    return bytes.count
  }
}
