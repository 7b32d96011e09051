/// A new file being written that takes the place of a destination only once it is complete:
/// the bytes go to a hidden temporary file in the destination's directory (written at positions,
/// as a ``FileWriter`` writes, not through a mapping), and ``commit()`` syncs it, gives it the
/// replaced file's permissions and renames it over the destination in one step. Until then the
/// destination is untouched; a replacement that is never committed (an error, a full disk, a
/// change of mind) removes its temporary file and leaves nothing behind.
///
/// A destination that is a symbolic link is followed: the link's target is replaced and the
/// link stays. A replaced file gets a new identity, so other hard links to it keep the old bytes.
///
/// ```swift
/// var copy = try FileReplacement(replacing: "copy.bin", size: 4)
/// try copy.write([1, 2, 3, 4], at: 0)
/// _ = try copy.commit()
/// ```
public struct FileReplacement: ~Copyable {
  /// The file that is replaced (or created): the destination with symbolic links resolved.
  public let destination: String
  /// Where the bytes are written until ``commit()``.
  public let temporaryPath: String
  /// The size of the new file.
  public let count: Int
  private let writer: FileWriter
  private var isCommitted = false

  /// Whether a regular file exists at `path` (a symbolic link is followed), which a replacement
  /// would overwrite.
  ///
  /// - Throws: ``MemMapError/isDirectory(path:)`` or ``MemMapError/notRegularFile(path:kind:)``
  ///   when `path` names something that must not be replaced: a directory, a FIFO, a device, a
  ///   socket, or a symbolic link to nothing.
  public static func existingFile(at path: String) throws(MemMapError) -> Bool {
    switch try Backend.itemKind(atPath: path) {
    case .nothing: return false
    case .regularFile: return true
    case .directory: throw .isDirectory(path: path)
    case .danglingLink: throw .notRegularFile(path: path, kind: "symbolic link to a missing file")
    case .other(let kind): throw .notRegularFile(path: path, kind: kind)
    }
  }

  /// Starts a replacement of `path` holding `size` bytes (zero until written), with its disk
  /// space reserved, so a full disk fails here rather than while writing.
  ///
  /// - Parameters:
  ///   - path: The destination; a symbolic link is followed to its target.
  ///   - size: The size of the new file.
  ///   - newFilePermissions: The permissions of a new file, where nothing existed at `path`,
  ///     less the process's file-creation mask (as `cp` does). A replaced file keeps its own.
  /// - Throws: ``MemMapError``; nothing is left behind.
  public init(
    replacing path: String, size: Int, newFilePermissions: FilePermissions = .newFileDefault
  ) throws(MemMapError) {
    guard size >= 0 else {
      throw .invalidSize(path: path, size: size, reason: "the size must not be negative")
    }
    let exists = try Self.existingFile(at: path)
    let target = exists ? try MemMap.resolvedPath(of: path) : path
    // A replaced file's permissions are set when committing; until then only the owner may read.
    let opened = try Self.createTemporaryFile(
      beside: target, permissions: exists ? FilePermissions(rawValue: 0o600) : newFilePermissions)
    let candidate = opened.path
    do {
      try opened.reserve(0..<size)
    } catch {
      try? MemMap.removeFile(atPath: candidate)
      throw error
    }
    destination = target
    temporaryPath = candidate
    count = size
    writer = opened
  }

  /// Writes `bytes` at `offset` of the new file.
  ///
  /// - Throws: ``MemMapError/outOfBounds(path:offset:count:mapCount:)`` for bytes past
  ///   ``count``; the errors of ``FileWriter/write(_:at:)-(RawSpan,_)``.
  public func write(_ bytes: [UInt8], at offset: Int) throws(MemMapError) {
    guard offset >= 0, offset <= count - bytes.count else {
      throw .outOfBounds(path: temporaryPath, offset: offset, count: bytes.count, mapCount: count)
    }
    try writer.write(bytes, at: offset)
  }

  /// Calls `body` with the writer of the new file, for writing it the ways a ``FileWriter``
  /// writes (from a map by the system, at disk speed); bytes written past ``count`` grow it.
  public func withWriter<Result, Failure: Error>(
    _ body: (borrowing FileWriter) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    try body(writer)
  }

  /// Makes the bytes written so far durable, without replacing anything yet: a caller that
  /// may still change its mind syncs first, so that ``commit()`` is quick.
  public func synchronize() throws(MemMapError) {
    try writer.synchronize()
  }

  /// Makes the new file durable and puts it in the destination's place.
  ///
  /// - Returns: The status of the file now at ``destination``.
  /// - Throws: ``MemMapError``; the destination is then untouched and the temporary file removed.
  public consuming func commit() throws(MemMapError) -> FileStatus {
    // The file stays open until this value ends: renaming an open file is allowed everywhere
    // (on Windows because the writer shares its file for deletion).
    try writer.synchronize()
    if try Self.existingFile(at: destination) {
      try Backend.copyAttributes(from: destination, to: temporaryPath)
    }
    let status = try MemMap.status(ofFile: temporaryPath)
    try Backend.rename(temporaryPath, to: destination)
    isCommitted = true
    // The new file is in place and its bytes are on the device; a failed directory sync only
    // means its name might not survive a power loss yet, which no caller could repair.
    try? MemMap.synchronizeDirectory(ofFile: destination)
    return status
  }

  deinit {
    // The file is still open here (it is closed after this body); removing the name of an
    // open file is allowed everywhere (on Windows because the writer shares it for deletion).
    if !isCommitted {
      try? MemMap.removeFile(atPath: temporaryPath)
    }
  }

  /// Creates an empty file under a hidden, unused name beside `target` (see
  /// ``temporaryPath(for:)``) and opens it for writing.
  private static func createTemporaryFile(beside target: String, permissions: FilePermissions) throws(MemMapError)
    -> FileWriter
  {
    for _ in 0..<16 {
      let created = try FileWriter.createIfAbsent(temporaryPath(for: target), permissions: permissions)
      if let writer = consume created { return writer }
    }
    throw .systemError(path: target, operation: "creating a temporary file", reason: "every name tried was taken")
  }

  /// A hidden, unlikely name next to `destination`: `.NAME.mmhex-save-XXXXXXXX`, with NAME cut
  /// short so that the whole fits any file system's name limit.
  private static func temporaryPath(for destination: String) -> String {
    let slash = destination.lastIndex(of: "/")
    let directory = slash.map { String(destination[...$0]) } ?? ""
    let name = slash.map { String(destination[destination.index(after: $0)...]) } ?? destination
    let suffix = String(UInt32.random(in: .min ... .max), radix: 16)
    return directory + "." + name.prefixFittingUTF8(40) + ".mmhex-save-" + suffix
  }
}

extension String {
  /// The longest prefix whose UTF-8 encoding has at most `limit` bytes, cut between characters.
  /// (`package`: HexCore names its hidden files the same way.)
  package func prefixFittingUTF8(_ limit: Int) -> String {
    var bytes = 0
    var end = startIndex
    for character in self {
      bytes += character.utf8.count
      guard bytes <= limit else { break }
      end = index(after: end)
    }
    return String(self[..<end])
  }
}
