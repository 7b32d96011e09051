#if os(Windows)
import WinSDK

// Written against the documented Win32 API; not compiled or tested (see the README's Platforms).

/// The Windows file-system calls behind ``FileLock``, ``FileReplacement`` and the path helpers:
/// LockFileEx, GetFinalPathNameByHandleW, CREATE_NEW, file attributes and MoveFileExW.
extension Backend {
  /// An open handle that holds a lock.
  typealias LockReference = HANDLE

  /// The byte locked: far past any real data, because Windows locks are mandatory for ReadFile
  /// and WriteFile on the locked range, and a lock here must keep out only other lockers.
  private static let lockOffset: UInt64 = 0x7FFF_FFFF_FFFF_FFF0

  // MARK: Locks

  /// Opens `path` (creating it if asked) and tries once to lock it exclusively; the system
  /// releases the lock when the handle is closed or the process ends.
  ///
  /// - Returns: The locked handle, or `nil` when someone else holds the lock.
  static func tryLock(path: String, creating: Bool) throws(MemMapError) -> LockReference? {
    let handle = path.withCString(encodedAs: UTF16.self) {
      CreateFileW(
        $0, DWORD(GENERIC_READ), DWORD(FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE), nil,
        DWORD(creating ? OPEN_ALWAYS : OPEN_EXISTING), DWORD(FILE_ATTRIBUTE_NORMAL), nil)
    }
    guard let handle, handle != INVALID_HANDLE_VALUE else { throw windowsError(GetLastError(), "CreateFileW", path) }
    var overlapped = OVERLAPPED()
    overlapped.Offset = DWORD(truncatingIfNeeded: lockOffset)
    overlapped.OffsetHigh = DWORD(truncatingIfNeeded: lockOffset >> 32)
    let flags = DWORD(LOCKFILE_EXCLUSIVE_LOCK | LOCKFILE_FAIL_IMMEDIATELY)
    if LockFileEx(handle, flags, 0, 1, 0, &overlapped) {
      return handle
    }
    let code = GetLastError()
    CloseHandle(handle)
    if code == DWORD(ERROR_LOCK_VIOLATION) || code == DWORD(ERROR_IO_PENDING) { return nil }
    throw windowsError(code, "LockFileEx", path)
  }

  /// Releases a lock taken by ``tryLock(path:creating:)``.
  static func unlock(_ lock: LockReference) {
    CloseHandle(lock)
  }

  /// Sleeps for about `milliseconds` (while polling for a lock).
  static func pause(milliseconds: Int) {
    Sleep(DWORD(milliseconds))
  }

  // MARK: Paths

  /// The absolute path of `path` with every link resolved.
  static func resolvedPath(_ path: String) throws(MemMapError) -> String {
    let handle = path.withCString(encodedAs: UTF16.self) {
      CreateFileW(
        $0, 0, DWORD(FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE), nil, DWORD(OPEN_EXISTING),
        DWORD(FILE_FLAG_BACKUP_SEMANTICS), nil)
    }
    guard let handle, handle != INVALID_HANDLE_VALUE else { throw windowsError(GetLastError(), "CreateFileW", path) }
    defer { CloseHandle(handle) }
    var buffer = [WCHAR](repeating: 0, count: 32_768)
    let length = GetFinalPathNameByHandleW(handle, &buffer, DWORD(buffer.count), DWORD(FILE_NAME_NORMALIZED))
    guard length > 0, Int(length) < buffer.count else {
      throw windowsError(GetLastError(), "GetFinalPathNameByHandleW", path)
    }
    var resolved = String(decoding: buffer[..<Int(length)], as: UTF16.self)
    if resolved.hasPrefix("\\\\?\\") { resolved.removeFirst(4) }
    return resolved
  }

  /// What is at `path` when links are followed.
  static func itemKind(atPath path: String) throws(MemMapError) -> ItemKind {
    let attributes = path.withCString(encodedAs: UTF16.self) { GetFileAttributesW($0) }
    guard attributes != INVALID_FILE_ATTRIBUTES else {
      let code = GetLastError()
      if code == DWORD(ERROR_FILE_NOT_FOUND) || code == DWORD(ERROR_PATH_NOT_FOUND) { return .nothing }
      throw windowsError(code, "GetFileAttributesW", path)
    }
    if attributes & DWORD(FILE_ATTRIBUTE_DIRECTORY) != 0 { return .directory }
    if attributes & DWORD(FILE_ATTRIBUTE_REPARSE_POINT) != 0, (try? resolvedPath(path)) == nil {
      return .danglingLink
    }
    if attributes & DWORD(FILE_ATTRIBUTE_DEVICE) != 0 { return .other("device") }
    return .regularFile
  }

  /// `0o444` for a read-only file, `0o666` otherwise.
  static func permissions(ofFile path: String) throws(MemMapError) -> FilePermissions {
    let attributes = path.withCString(encodedAs: UTF16.self) { GetFileAttributesW($0) }
    guard attributes != INVALID_FILE_ATTRIBUTES else { throw windowsError(GetLastError(), "GetFileAttributesW", path) }
    return FilePermissions(rawValue: attributes & DWORD(FILE_ATTRIBUTE_READONLY) != 0 ? 0o444 : 0o666)
  }

  // MARK: Replacing files

  /// Gives the file at `path` the read-only attribute of the file at `original`.
  static func copyAttributes(from original: String, to path: String) throws(MemMapError) {
    let readOnly = try permissions(ofFile: original).rawValue & 0o222 == 0
    let attributes = DWORD(readOnly ? FILE_ATTRIBUTE_READONLY : FILE_ATTRIBUTE_NORMAL)
    let set = path.withCString(encodedAs: UTF16.self) { SetFileAttributesW($0, attributes) }
    guard set else { throw windowsError(GetLastError(), "SetFileAttributesW", path) }
  }

  /// Renames `source` to `destination`, replacing what is there, and waits until the rename is
  /// on the device.
  static func rename(_ source: String, to destination: String) throws(MemMapError) {
    let moved = source.withCString(encodedAs: UTF16.self) { from in
      destination.withCString(encodedAs: UTF16.self) { to in
        MoveFileExW(from, to, DWORD(MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH))
      }
    }
    guard moved else { throw windowsError(GetLastError(), "MoveFileExW", destination) }
  }

  private static func windowsError(_ code: DWORD, _ operation: String, _ path: String) -> MemMapError {
    switch Int32(code) {
    case ERROR_FILE_NOT_FOUND, ERROR_PATH_NOT_FOUND: return .fileNotFound(path: path)
    case ERROR_ACCESS_DENIED: return .permissionDenied(path: path, mode: .create(size: 0))
    case ERROR_DISK_FULL, ERROR_HANDLE_DISK_FULL: return .noSpace(path: path)
    default: return .systemError(path: path, operation: operation, reason: "Windows error \(code)")
    }
  }
}
#endif
