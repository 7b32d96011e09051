#if os(Windows)
import WinSDK

// Written against the documented Win32 API; not compiled or tested (see the README's Platforms).

/// The Windows calls behind ``FileWriter``: CreateFileW, WriteFile with an OVERLAPPED offset,
/// SetFileInformationByHandle (FileEndOfFileInfo, FileAllocationInfo), FlushFileBuffers.
extension Backend {
  /// An open handle of a file being written.
  typealias WriterReference = HANDLE

  /// The most bytes one WriteFile is asked for (its count is a DWORD).
  private static let largestWrite = 1 << 30

  static func openWriter(path: String) throws(MemMapError) -> WriterReference {
    guard let handle = openHandle(path, disposition: OPEN_EXISTING) else {
      throw writerError(GetLastError(), "CreateFileW", path)
    }
    var information = BY_HANDLE_FILE_INFORMATION()
    guard GetFileInformationByHandle(handle, &information) else {
      let code = GetLastError()
      CloseHandle(handle)
      throw writerError(code, "GetFileInformationByHandle", path)
    }
    if information.dwFileAttributes & DWORD(FILE_ATTRIBUTE_DIRECTORY) != 0 {
      CloseHandle(handle)
      throw .isDirectory(path: path)
    }
    return handle
  }

  /// Creates an empty file at `path` and opens it for writing; `nil` when something already
  /// exists there.
  static func createWriterIfAbsent(path: String, permissions: FilePermissions) throws(MemMapError)
    -> WriterReference?
  {
    // Windows keeps no permission bits beyond the read-only attribute; a new file is writable.
    guard let handle = openHandle(path, disposition: CREATE_NEW) else {
      let code = GetLastError()
      if code == DWORD(ERROR_FILE_EXISTS) || code == DWORD(ERROR_ALREADY_EXISTS) { return nil }
      throw writerError(code, "CreateFileW", path)
    }
    return handle
  }

  /// Opens `path` for reading and writing; `nil` on failure (GetLastError says why).
  private static func openHandle(_ path: String, disposition: Int32) -> HANDLE? {
    let handle = path.withCString(encodedAs: UTF16.self) {
      CreateFileW(
        $0, DWORD(GENERIC_READ | GENERIC_WRITE), DWORD(FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE), nil,
        DWORD(disposition), DWORD(FILE_ATTRIBUTE_NORMAL), nil)
    }
    guard let handle, handle != INVALID_HANDLE_VALUE else { return nil }
    return handle
  }

  static func size(of writer: WriterReference, path: String) throws(MemMapError) -> Int {
    var size = LARGE_INTEGER()
    guard GetFileSizeEx(writer, &size) else { throw writerError(GetLastError(), "GetFileSizeEx", path) }
    return Int(size.QuadPart)
  }

  /// Writes all of `buffer` at `offset` (see the POSIX version).
  static func write(
    _ buffer: UnsafeRawBufferPointer, at offset: Int, to writer: WriterReference, path: String
  ) throws(MemMapError) -> Int? {
    guard offset >= 0 else { throw .invalidSize(path: path, size: offset, reason: "the offset must not be negative") }
    guard let base = buffer.baseAddress else { return nil }
    var written = 0
    while written < buffer.count {
      let length = min(buffer.count - written, largestWrite)
      var overlapped = OVERLAPPED()
      let position = UInt64(offset + written)
      overlapped.Offset = DWORD(truncatingIfNeeded: position)
      overlapped.OffsetHigh = DWORD(truncatingIfNeeded: position >> 32)
      var done: DWORD = 0
      guard WriteFile(writer, base + written, DWORD(length), &done, &overlapped) else {
        let code = GetLastError()
        if code == DWORD(ERROR_NOACCESS) { return written }
        throw writerError(code, "WriteFile", path)
      }
      written += Int(done)
    }
    return nil
  }

  /// Copying between files inside the system is not used on Windows: always `nil`, so the
  /// caller writes from the mapping.
  static func copy(
    from source: FileReference, at sourceOffset: Int, count: Int, to writer: WriterReference, at offset: Int,
    path: String
  ) throws(MemMapError) -> Int? {
    nil
  }

  static func setSize(of writer: WriterReference, to size: Int, path: String) throws(MemMapError) {
    guard size >= 0 else { throw .invalidSize(path: path, size: size, reason: "the size must not be negative") }
    var information = FILE_END_OF_FILE_INFO()
    information.EndOfFile.QuadPart = LONGLONG(size)
    guard
      SetFileInformationByHandle(
        writer, FileEndOfFileInfo, &information, DWORD(MemoryLayout<FILE_END_OF_FILE_INFO>.size))
    else { throw writerError(GetLastError(), "SetFileInformationByHandle", path) }
  }

  static func reserve(_ range: Range<Int>, in writer: WriterReference, path: String) throws(MemMapError) {
    guard range.lowerBound >= 0 else {
      throw .invalidSize(path: path, size: range.lowerBound, reason: "the offset must not be negative")
    }
    guard !range.isEmpty else { return }
    if try size(of: writer, path: path) < range.upperBound {
      try setSize(of: writer, to: range.upperBound, path: path)
    }
    // NTFS allocates from the start of the file, so allocating up to the range's end covers it.
    var information = FILE_ALLOCATION_INFO()
    information.AllocationSize.QuadPart = LONGLONG(range.upperBound)
    guard
      SetFileInformationByHandle(
        writer, FileAllocationInfo, &information, DWORD(MemoryLayout<FILE_ALLOCATION_INFO>.size))
    else { throw writerError(GetLastError(), "SetFileInformationByHandle", path) }
  }

  /// Windows has no call to start writing a range back without waiting: nothing to do.
  static func startSynchronizing(_ range: Range<Int>, of writer: WriterReference, path: String) throws(MemMapError) {}

  static func synchronize(_ writer: WriterReference, path: String) throws(MemMapError) {
    guard FlushFileBuffers(writer) else { throw writerError(GetLastError(), "FlushFileBuffers", path) }
  }

  static func closeWriter(_ writer: WriterReference, path: String) throws(MemMapError) {
    guard CloseHandle(writer) else { throw writerError(GetLastError(), "CloseHandle", path) }
  }

  private static func writerError(_ code: DWORD, _ operation: String, _ path: String) -> MemMapError {
    switch Int32(code) {
    case ERROR_FILE_NOT_FOUND: return .fileNotFound(path: path)
    case ERROR_PATH_NOT_FOUND: return .directoryNotFound(path: path)
    case ERROR_ACCESS_DENIED, ERROR_WRITE_PROTECT: return .permissionDenied(path: path, mode: .readWrite)
    case ERROR_DISK_FULL, ERROR_HANDLE_DISK_FULL: return .noSpace(path: path)
    default: return .systemError(path: path, operation: operation, reason: "Windows error \(code)")
    }
  }
}
#endif
