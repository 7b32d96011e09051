#if !os(Windows)
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Thin wrappers around the POSIX calls MemMap uses: retry on EINTR, and turn errno into
/// `MemMapError` with the path and a hint.
enum Syscalls {
  static var errorNumber: Int32 { errno }

  static func message(_ code: Int32) -> String {
    guard let text = strerror(code) else { return "error \(code)" }
    return String(cString: text)
  }

  /// Calls `body` until it does not fail with EINTR; returns its result, or the errno of the failure.
  @inline(__always)
  static func retrying(_ body: () -> Int32) -> Result<Int32, SystemFailure> {
    while true {
      let result = body()
      if result != -1 { return .success(result) }
      let code = errno
      if code != EINTR { return .failure(SystemFailure(code: code)) }
    }
  }

  static func open(_ path: String, flags: Int32, permissions: mode_t) -> Result<Int32, SystemFailure> {
    retrying { libcOpen(path, flags, permissions) }
  }

  static func fileStatus(descriptor: Int32) -> Result<stat, SystemFailure> {
    var info = stat()
    return retrying { fstat(descriptor, &info) }.map { _ in info }
  }

  static func fileStatus(path: String) -> Result<stat, SystemFailure> {
    var info = stat()
    return retrying { stat(path, &info) }.map { _ in info }
  }

  /// The status of the directory entry at `path` itself: a symbolic link is not followed.
  static func linkStatus(path: String) -> Result<stat, SystemFailure> {
    var info = stat()
    return retrying { lstat(path, &info) }.map { _ in info }
  }

  static func openDirectory(_ path: String) -> Result<Int32, SystemFailure> {
    retrying { libcOpen(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0) }
  }

  static func unlink(path: String) -> Result<Void, SystemFailure> {
    retrying { libcUnlink(path) }.map { _ in () }
  }

  static func truncate(descriptor: Int32, to size: Int) -> Result<Void, SystemFailure> {
    retrying { ftruncate(descriptor, off_t(size)) }.map { _ in () }
  }

  static func synchronize(descriptor: Int32) -> Result<Void, SystemFailure> {
    retrying { fsync(descriptor) }.map { _ in () }
  }

  static func close(descriptor: Int32) -> Result<Void, SystemFailure> {
    // Never retry close on EINTR: on Linux the descriptor is already released.
    libcClose(descriptor) == 0 ? .success(()) : .failure(SystemFailure(code: errno))
  }
}

/// A failed system call's errno, kept internal so it never reaches the public API.
struct SystemFailure: Error {
  var code: Int32

  var isNoSpace: Bool {
    #if canImport(Darwin) || canImport(Glibc)
    return code == ENOSPC || code == EDQUOT
    #else
    return code == ENOSPC
    #endif
  }

  /// Maps the failure of `operation` to the closest `MemMapError`; for an operation that reads
  /// or writes bytes (at `offset` of the file), an I/O error is ``MemMapError/ioError(path:offset:)``.
  func error(
    _ operation: String, path: String?, mode: MemMap.Mode = .readOnly, requested: Int = 0, at offset: Int? = nil
  ) -> MemMapError {
    if let offset, code == EIO { return .ioError(path: path, offset: offset) }
    if let path {
      switch code {
      case ENOENT, ENOTDIR:
        if case .create = mode { return .directoryNotFound(path: path) }
        return .fileNotFound(path: path)
      case EACCES, EPERM, EROFS: return .permissionDenied(path: path, mode: mode)
      case EISDIR: return .isDirectory(path: path)
      case ENXIO: return .notRegularFile(path: path, kind: "device or socket")
      case EFBIG:
        return .invalidSize(path: path, size: requested, reason: "larger than the file system allows; choose a smaller size")
      case _ where isNoSpace: return .noSpace(path: path)
      default: break
      }
    }
    if code == ENOMEM { return .addressSpaceExhausted(path: path, requested: requested) }
    return .systemError(path: path, operation: operation, reason: Syscalls.message(code))
  }
}

// `open` and `close` are also names in this module; route to the C library explicitly.
@inline(__always)
private func libcOpen(_ path: String, _ flags: Int32, _ permissions: mode_t) -> Int32 {
  #if canImport(Glibc)
  Glibc.open(path, flags, permissions)
  #elseif canImport(Musl)
  Musl.open(path, flags, permissions)
  #else
  Darwin.open(path, flags, permissions)
  #endif
}

private func libcUnlink(_ path: String) -> Int32 {
  #if canImport(Glibc)
  Glibc.unlink(path)
  #elseif canImport(Musl)
  Musl.unlink(path)
  #else
  Darwin.unlink(path)
  #endif
}

@inline(__always)
private func libcClose(_ descriptor: Int32) -> Int32 {
  #if canImport(Glibc)
  Glibc.close(descriptor)
  #elseif canImport(Musl)
  Musl.close(descriptor)
  #else
  Darwin.close(descriptor)
  #endif
}
#endif
