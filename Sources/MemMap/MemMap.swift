/// A file (or a block of RAM) mapped into memory: read it, write it and view it as bytes or typed
/// elements without explicit I/O. Pages are loaded on demand, so opening a 1 TiB file costs the same
/// as opening a 1 KiB one.
///
/// ```swift
/// let map = try MemMap.open("data.bin", mode: .readOnly)
/// let header: [UInt8] = try map.read(at: 128, count: 4)
/// try map.close()
/// ```
///
/// `MemMap` is non-copyable: exactly one value owns the mapping. `close()` consumes it, so using a map
/// after closing it is a compile-time error; views passed to closures (`withBytes`, `withSpan`) cannot
/// outlive the call, and `resize(to:)` cannot run while a view is alive. If a map is never closed,
/// its deinitializer unmaps it without flushing (the operating system still writes shared pages back
/// eventually, but without the durability guarantee of `flush()`).
///
/// **Safety against other processes.** No access ends the process when another process truncates
/// the file. `read`, `load`, `store` and `write` throw `MemMapError.fileTruncated` at once. In the
/// zero-copy views (`withBytes`, `withMutableBytes`, `withSpan`, `forEachChunk`) the vanished bytes
/// read as zeros until the closure returns, and then the view call throws `fileTruncated` (naming
/// the new size) instead of returning what the closure computed; the map then shows the file's
/// real pages again. A page the system cannot supply although the file still has it (a full disk
/// under a sparse file, a failing device) is `.noSpace` or `.ioError` instead. In a
/// `.copyOnWrite` map, changes to bytes past the new end of the file are lost.
public struct MemMap: ~Copyable, Sendable {
  var mapping: Mapping

  /// Addresses for the inlinable fast paths; kept in step with `mapping`.
  @usableFromInline var window: WindowSnapshot

  /// The mapped file's path as given to `open`, or nil for anonymous maps.
  public let path: String?

  /// The mode the map was opened with (`.readWrite` for anonymous maps).
  public let mode: Mode

  init(mapping: consuming Mapping, path: String?, mode: Mode) {
    self.window = WindowSnapshot(mapping, isWritable: mode.isWritable)
    self.mapping = mapping
    self.path = path
    self.mode = mode
  }

  /// Maps `length` bytes of the file at `path`, starting at byte `offset` (any offset; alignment is
  /// handled internally). A nil `length` maps everything from `offset` to the end of the file.
  ///
  /// Empty files and empty windows open fine (`count == 0`). With `.readWrite`, a window reaching
  /// past the end of the file extends the file (new bytes are zero); with `.readOnly` and
  /// `.copyOnWrite` it is an error. Only regular files can be mapped: directories, FIFOs, sockets and
  /// devices are refused without blocking.
  ///
  /// With `prefault: true` every page is read in before `open` returns (`MAP_POPULATE` on Linux,
  /// a read-ahead request elsewhere), so the first accesses do not wait for the disk.
  public static func open(
    _ path: String, mode: Mode = .readOnly, offset: Int = 0, length: Int? = nil, prefault: Bool = false
  ) throws(MemMapError) -> MemMap {
    let mapping = try Backend.openFile(path: path, mode: mode, offset: offset, length: length, prefault: prefault)
    return MemMap(mapping: mapping, path: path, mode: mode)
  }

  /// Maps `size` bytes of zero-filled, writable memory that belongs to no file.
  ///
  /// The memory is private to this process unless `sharedWithForkedChildren` is true: then a child
  /// made with `fork()` maps the same pages, and each process sees the other's writes (POSIX only;
  /// Windows has no `fork`). With `prefault: true` the pages are allocated before the call returns.
  public static func anonymous(
    size: Int, sharedWithForkedChildren: Bool = false, prefault: Bool = false
  ) throws(MemMapError) -> MemMap {
    let mapping = try Backend.anonymous(size: size, sharedWithForkedChildren: sharedWithForkedChildren, prefault: prefault)
    return MemMap(mapping: mapping, path: nil, mode: .readWrite)
  }

  /// The number of bytes in the map: exactly the requested window.
  @inlinable
  public var count: Int { window.count }

  /// Whether the map has no file behind it (created with `anonymous(size:)`).
  public var isAnonymous: Bool { mapping.isAnonymous }

  /// Flushes writable shared maps to disk (like `flush()`), then unmaps and closes the file.
  /// The mapping is released even when the flush fails; the flush error is then thrown.
  public consuming func close() throws(MemMapError) {
    var flushError: MemMapError?
    if mapping.writesReachFile {
      do throws(MemMapError) {
        try Backend.flush(mapping, range: 0..<mapping.count, path: path)
      } catch {
        flushError = error
      }
    }
    let path = self.path
    try mapping.release(path: path)
    if let flushError { throw flushError }
  }

  /// Status (size, modification time, identity) of the file at `path`, without mapping it.
  public static func status(ofFile path: String) throws(MemMapError) -> FileStatus {
    try Backend.status(ofFile: path)
  }

  /// Whether anything exists at `path`: a file, a directory, or a symbolic link (even one that
  /// points nowhere, which opening with `.create(size:)` would follow).
  public static func itemExists(atPath path: String) -> Bool {
    Backend.itemExists(atPath: path)
  }

  /// Removes the file (or symbolic link) at `path`; nothing there is not an error.
  ///
  /// Maps of the file stay valid: the data lives until the last map of it is closed.
  /// - Throws: ``MemMapError/isDirectory(path:)`` for a directory, or
  ///   ``MemMapError/systemError(path:operation:reason:)`` with the system's reason (for example
  ///   permission denied in the directory).
  public static func removeFile(atPath path: String) throws(MemMapError) {
    try Backend.removeFile(atPath: path)
  }

  /// Waits until the directory holding `path` has its current entries on the storage device, so
  /// that a file just created (or removed) there is still there (or gone) after a power loss.
  /// `flush()` makes a file's bytes durable; this makes its name durable.
  ///
  /// A no-op where the system keeps directory changes durable by itself, or its file system
  /// cannot sync a directory.
  /// - Throws: ``MemMapError/fileNotFound(path:)`` when the directory does not exist, or
  ///   ``MemMapError/systemError(path:operation:reason:)``.
  public static func synchronizeDirectory(ofFile path: String) throws(MemMapError) {
    try Backend.synchronizeDirectory(ofFile: path)
  }

  /// Current status of the mapped file, read from the open file itself (so it describes this file
  /// even if the path was since renamed or replaced). Throws `.unsupported` for anonymous maps.
  public func status() throws(MemMapError) -> FileStatus {
    try Backend.status(of: mapping, path: path)
  }
}

extension MemMap {
  /// Whether this map's bytes are the file's own (its cached pages): not for anonymous maps (no
  /// file) nor `.copyOnWrite` ones (pages this map wrote are private copies, which the file
  /// system shows as holes and a file-to-file copy would miss).
  var showsFileBytes: Bool {
    !isAnonymous && mode != .copyOnWrite
  }
}
