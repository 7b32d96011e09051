/// A file opened for writing at positions: bytes go straight into the file at the offsets given,
/// without mapping it, so writing a large stretch costs one copy into the system's cache and no
/// page faults.
///
/// The writer owns its open file: ``close()`` (or letting the value go out of scope) releases
/// it. Nothing reaches the storage device for sure until ``synchronize()``.
///
/// ```swift
/// let writer = try FileWriter.open("data.bin")
/// try writer.reserve(0..<(1 << 30))       // a full disk fails here, before any byte is written
/// try writer.write([0xDE, 0xAD], at: 4096)
/// try writer.synchronize()
/// try writer.close()
/// ```
public struct FileWriter: ~Copyable, Sendable {
  private let file: OpenFile

  /// The path the writer was opened with.
  public let path: String

  private var reference: Backend.WriterReference { file.reference }

  private init(reference: Backend.WriterReference, path: String) {
    self.file = OpenFile(reference: reference)
    self.path = path
  }

  /// Opens the existing regular file at `path` for writing; its bytes and size stay as they are.
  ///
  /// - Throws: ``MemMapError/fileNotFound(path:)``, ``MemMapError/permissionDenied(path:mode:)``
  ///   (a read-only file or file system), ``MemMapError/isDirectory(path:)``,
  ///   ``MemMapError/notRegularFile(path:kind:)``.
  public static func open(_ path: String) throws(MemMapError) -> FileWriter {
    FileWriter(reference: try Backend.openWriter(path: path), path: path)
  }

  /// Creates an empty file at `path` and opens it for writing; fails if anything exists there
  /// (a symbolic link is not followed). The system removes the bits of the process's
  /// file-creation mask from `permissions`.
  ///
  /// - Throws: ``MemMapError/systemError(path:operation:reason:)`` when something exists at
  ///   `path`, ``MemMapError/directoryNotFound(path:)``, ``MemMapError/permissionDenied(path:mode:)``.
  public static func create(_ path: String, permissions: FilePermissions = .newFileDefault) throws(MemMapError)
    -> FileWriter
  {
    let created = try createIfAbsent(path, permissions: permissions)
    guard let writer = consume created else {
      throw .systemError(
        path: path, operation: "create", reason: "something already exists there; remove it or choose another path")
    }
    return writer
  }

  /// As ``create(_:permissions:)``, but `nil` when something exists at `path`.
  static func createIfAbsent(_ path: String, permissions: FilePermissions) throws(MemMapError) -> FileWriter? {
    guard let reference = try Backend.createWriterIfAbsent(path: path, permissions: permissions) else { return nil }
    return FileWriter(reference: reference, path: path)
  }

  /// The file's size now.
  public func size() throws(MemMapError) -> Int {
    try Backend.size(of: reference, path: path)
  }

  /// Writes `bytes` at `offset`; a file shorter than `offset` grows, with zeros in between.
  ///
  /// - Throws: ``MemMapError/noSpace(path:)`` when the disk is full (part of the bytes may be
  ///   written), ``MemMapError/invalidSize(path:size:reason:)`` for a negative offset.
  public func write(_ bytes: RawSpan, at offset: Int) throws(MemMapError) {
    try bytes.withUnsafeBytes { buffer throws(MemMapError) in try write(buffer, at: offset) }
  }

  /// Writes `bytes` at `offset` (see ``write(_:at:)-(RawSpan,_)``).
  public func write(_ bytes: some Collection<UInt8>, at offset: Int) throws(MemMapError) {
    let contiguous = bytes.withContiguousStorageIfAvailable { buffer in
      Result { () throws(MemMapError) in try write(UnsafeRawBufferPointer(buffer), at: offset) }
    }
    if let contiguous {
      try contiguous.get()
    } else {
      try write([UInt8](bytes), at: offset)
    }
  }

  private func write(_ buffer: UnsafeRawBufferPointer, at offset: Int) throws(MemMapError) {
    if let written = try Backend.write(buffer, at: offset, to: reference, path: path) {
      throw .systemError(
        path: path, operation: "write", reason: "the \(buffer.count - written) bytes to write from offset "
          + "\(offset + written) could not be read (their own file was cut short or failed)")
    }
  }

  /// Writes the bytes of `map` in `range` at `offset`: for a shared map of a file, copied by the
  /// system from file to file (`copy_file_range`, no copy through this process) where it can,
  /// otherwise straight from the mapping (no copy in between).
  ///
  /// - Throws: ``MemMapError/outOfBounds(path:offset:count:mapCount:)`` for a range outside the
  ///   map; ``MemMapError/fileTruncated(path:offset:fileSize:)`` when the mapped file was cut
  ///   short underneath and its bytes can no longer be read; the errors of ``write(_:at:)-(RawSpan,_)``.
  public func write(from map: borrowing MemMap, _ range: Range<Int>, at offset: Int) throws(MemMapError) {
    try map.checkBounds(range)
    guard !range.isEmpty else { return }
    // A shared map of a file shows the file's own cached pages: the system copies them over
    // without passing them through this process (where it can).
    if map.showsFileBytes,
      let copied = try Backend.copy(
        from: map.mapping.file, at: map.mapping.fileOffset + range.lowerBound, count: range.count, to: reference,
        at: offset, path: path)
    {
      guard copied == range.count else {
        let fileSize = (try? map.status().size) ?? 0
        throw .fileTruncated(path: map.path ?? path, offset: range.lowerBound + copied, fileSize: fileSize)
      }
      return
    }
    let source = UnsafeRawBufferPointer(start: map.window.start.map { $0 + range.lowerBound }, count: range.count)
    if let written = try Backend.write(source, at: offset, to: reference, path: path) {
      let fileSize = (try? map.status().size) ?? 0
      throw .fileTruncated(path: map.path ?? path, offset: range.lowerBound + written, fileSize: fileSize)
    }
  }

  /// Sets the file's size: bytes past `size` are dropped, a longer file reads as zeros past its
  /// old end (without taking disk space until written).
  public func resize(to size: Int) throws(MemMapError) {
    try Backend.setSize(of: reference, to: size, path: path)
  }

  /// Allocates disk space for `range` now, growing the file to `range.upperBound` if it is
  /// shorter, and keeping its bytes: a disk without room fails here with
  /// ``MemMapError/noSpace(path:)`` rather than in the middle of later writes. On file systems
  /// that cannot allocate ahead of writing, only the size is set.
  public func reserve(_ range: Range<Int>) throws(MemMapError) {
    try Backend.reserve(range, in: reference, path: path)
  }

  /// Starts writing the bytes written so far in `range` to the storage device, without waiting
  /// for it (where the system offers that; elsewhere it does nothing): writing them back while
  /// more are written leaves ``synchronize()`` less to wait for. It is no guarantee of anything.
  public func startSynchronizing(_ range: Range<Int>) throws(MemMapError) {
    try Backend.startSynchronizing(range, of: reference, path: path)
  }

  /// Waits until the storage device holds every byte written so far, and the file's size.
  public func synchronize() throws(MemMapError) {
    try Backend.synchronize(reference, path: path)
  }

  /// Closes the file (without synchronizing it); reports a failure the system only notices now.
  public consuming func close() throws(MemMapError) {
    try file.close(path: path)
  }
}

/// The open file of a ``FileWriter``, closed when it goes out of scope.
struct OpenFile: ~Copyable, @unchecked Sendable {
  // @unchecked: the handle is owned uniquely by this value.
  let reference: Backend.WriterReference

  consuming func close(path: String) throws(MemMapError) {
    let reference = self.reference
    discard self
    try Backend.closeWriter(reference, path: path)
  }

  deinit {
    // Best effort: nobody can receive an error from a deinit.
    try? Backend.closeWriter(reference, path: "")
  }
}
