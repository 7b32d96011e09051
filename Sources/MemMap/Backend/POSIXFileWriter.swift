#if !os(Windows)
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CMemMapGuard

/// The POSIX calls behind ``FileWriter``: open, pwrite, ftruncate, fallocate, fsync, close.
extension Backend {
  /// An open descriptor of a file being written.
  typealias WriterReference = Int32

  /// The most bytes one pwrite is asked for (Linux writes at most about 2 GiB per call anyway).
  private static let largestWrite = 1 << 30

  static func openWriter(path: String) throws(MemMapError) -> WriterReference {
    // O_NONBLOCK: opening a FIFO without a reader must not wait; it is refused after fstat.
    let descriptor: Int32
    switch Syscalls.open(path, flags: O_RDWR | O_CLOEXEC | O_NONBLOCK, permissions: 0) {
    case .success(let value): descriptor = value
    case .failure(let failure): throw failure.error("open", path: path, mode: .readWrite)
    }
    switch Syscalls.fileStatus(descriptor: descriptor) {
    case .success(let info) where info.st_mode & S_IFMT == S_IFREG:
      return descriptor
    case .success:
      _ = Syscalls.close(descriptor: descriptor)
      throw .notRegularFile(path: path, kind: "special file")
    case .failure(let failure):
      _ = Syscalls.close(descriptor: descriptor)
      throw failure.error("fstat", path: path)
    }
  }

  /// Creates an empty file at `path` (a symbolic link is not followed) and opens it for writing;
  /// `nil` when something already exists there.
  static func createWriterIfAbsent(path: String, permissions: FilePermissions) throws(MemMapError)
    -> WriterReference?
  {
    let flags = O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC
    switch Syscalls.open(path, flags: flags, permissions: mode_t(permissions.rawValue & 0o777)) {
    case .success(let descriptor): return descriptor
    case .failure(let failure) where failure.code == EEXIST: return nil
    case .failure(let failure): throw failure.error("open", path: path, mode: .create(size: 0))
    }
  }

  static func size(of writer: WriterReference, path: String) throws(MemMapError) -> Int {
    switch Syscalls.fileStatus(descriptor: writer) {
    case .success(let info): return Int(info.st_size)
    case .failure(let failure): throw failure.error("fstat", path: path)
    }
  }

  /// Writes all of `buffer` at `offset`.
  ///
  /// - Returns: `nil` once every byte is written, or how many were written before the bytes in
  ///   `buffer` could not be read (they lie in a mapping of a file cut short underneath).
  static func write(
    _ buffer: UnsafeRawBufferPointer, at offset: Int, to writer: WriterReference, path: String
  ) throws(MemMapError) -> Int? {
    guard offset >= 0 else { throw .invalidSize(path: path, size: offset, reason: "the offset must not be negative") }
    guard let base = buffer.baseAddress else { return nil }
    var written = 0
    while written < buffer.count {
      let length = min(buffer.count - written, largestWrite)
      let result = pwrite(writer, base + written, length, off_t(offset + written))
      if result > 0 {
        written += result
        continue
      }
      let code = result == 0 ? EIO : errno
      if code == EINTR { continue }
      if code == EFAULT { return written }
      throw SystemFailure(code: code).error(
        "pwrite", path: path, mode: .readWrite, requested: offset + buffer.count, at: offset + written)
    }
    return nil
  }

  /// Copies `count` bytes of the file `source` from `sourceOffset` to the writer's `offset`
  /// inside the kernel (`copy_file_range`), where the system can copy between these two files.
  ///
  /// - Returns: How many bytes were copied (fewer when `source` ends early), or `nil` when the
  ///   system cannot copy between these files and nothing was copied (the caller writes from
  ///   the mapping instead).
  static func copy(
    from source: FileReference, at sourceOffset: Int, count: Int, to writer: WriterReference, at offset: Int,
    path: String
  ) throws(MemMapError) -> Int? {
    guard offset >= 0 else { throw .invalidSize(path: path, size: offset, reason: "the offset must not be negative") }
    var copied = 0
    while copied < count {
      let length = min(count - copied, largestWrite)
      let result = cmemmap_copy_range(
        source, Int64(sourceOffset + copied), writer, Int64(offset + copied), Int64(length))
      if result > 0 {
        copied += Int(result)
        continue
      }
      if result == 0 { return copied }
      let code = Int32(-result)
      if copied == 0, [EXDEV, EINVAL, ENOSYS, EOPNOTSUPP, EBADF, ETXTBSY].contains(code) { return nil }
      throw SystemFailure(code: code).error(
        "copy_file_range", path: path, mode: .readWrite, requested: offset + count, at: offset + copied)
    }
    return copied
  }

  static func setSize(of writer: WriterReference, to size: Int, path: String) throws(MemMapError) {
    guard size >= 0 else { throw .invalidSize(path: path, size: size, reason: "the size must not be negative") }
    if case .failure(let failure) = Syscalls.truncate(descriptor: writer, to: size) {
      throw failure.error("ftruncate", path: path, mode: .readWrite, requested: size)
    }
  }

  static func reserve(_ range: Range<Int>, in writer: WriterReference, path: String) throws(MemMapError) {
    guard range.lowerBound >= 0 else {
      throw .invalidSize(path: path, size: range.lowerBound, reason: "the offset must not be negative")
    }
    guard !range.isEmpty else { return }
    let code = cmemmap_preallocate(writer, Int64(range.lowerBound), Int64(range.count))
    if code != 0 {
      throw SystemFailure(code: code).error("fallocate", path: path, mode: .readWrite, requested: range.upperBound)
    }
    // Where the file system allocates without growing the file (or cannot allocate at all).
    if try size(of: writer, path: path) < range.upperBound {
      try setSize(of: writer, to: range.upperBound, path: path)
    }
  }

  static func startSynchronizing(_ range: Range<Int>, of writer: WriterReference, path: String) throws(MemMapError) {
    guard range.lowerBound >= 0, !range.isEmpty else { return }
    let code = cmemmap_start_writeback(writer, Int64(range.lowerBound), Int64(range.count))
    if code != 0 { throw SystemFailure(code: code).error("sync_file_range", path: path, at: range.lowerBound) }
  }

  static func synchronize(_ writer: WriterReference, path: String) throws(MemMapError) {
    if case .failure(let failure) = Syscalls.synchronize(descriptor: writer) {
      throw failure.error("fsync", path: path, at: 0)
    }
  }

  static func closeWriter(_ writer: WriterReference, path: String) throws(MemMapError) {
    if case .failure(let failure) = Syscalls.close(descriptor: writer) {
      throw failure.error("close", path: path, at: 0)
    }
  }
}
#endif
