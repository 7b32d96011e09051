import MemMap

/// The file (or scratch buffer) being viewed: its bytes, its name, and whether it may be written.
///
/// Reads never crash: when another process truncates the file, the bytes past the new end are
/// reported as unreadable (``ByteWindow/readableCount``) and ``truncatedCount`` records the new size.
public final class Document {
  /// File size in bytes as opened; the layout and cursor range stay based on it.
  public let count: Int
  /// The file's path, or `nil` for the anonymous scratch buffer.
  public let path: String?
  /// Whether this session must not write the file.
  public let isReadOnly: Bool
  /// The bytes still in the file after another process truncated it, or `nil` if it was not.
  public private(set) var truncatedCount: Int?

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
  }

  /// The file name (the last component of ``path``), or `"[scratch]"`.
  public var displayName: String {
    guard let path else { return "[scratch]" }
    let name = path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init)
    return name ?? path
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
  /// - Returns: How many leading bytes of `buffer` are real.
  public func read(at offset: Int, into buffer: inout [UInt8]) -> Int {
    let wanted = buffer.count
    guard wanted > 0 else { return 0 }
    var readable = min(max(readableCount - offset, 0), wanted)
    if readable == wanted {
      guard let remaining = storage.read(at: offset, into: &buffer) else { return wanted }
      noteTruncation(to: remaining)
      readable = min(max(remaining - offset, 0), readable - 1)
    }
    // Part of the window is gone. A file can shrink again between attempts; each retry
    // reads less, so this ends.
    while readable > 0 {
      var part = [UInt8](repeating: 0, count: readable)
      guard let remaining = storage.read(at: offset, into: &part) else {
        buffer.replaceSubrange(0..<readable, with: part)
        break
      }
      noteTruncation(to: remaining)
      readable = min(max(remaining - offset, 0), readable - 1)
    }
    for index in readable..<wanted { buffer[index] = 0 }
    return readable
  }

  /// Asks the file for its current size and records a truncation.
  ///
  /// - Returns: `true` when the document learned that the file shrank (or grew back).
  @discardableResult
  public func checkFileSize() -> Bool {
    guard let size = storage.currentSize() else { return false }
    let previous = truncatedCount
    truncatedCount = size < count ? size : nil
    return truncatedCount != previous
  }

  private func noteTruncation(to size: Int) {
    let size = min(max(size, 0), count)
    if size < count {
      truncatedCount = min(truncatedCount ?? count, size)
    }
  }
}
