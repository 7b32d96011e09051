#if !os(Windows)
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The POSIX file-system calls behind ``FileLock``, ``FileReplacement`` and the path helpers:
/// flock, realpath, exclusive creation, chmod/chown and rename.
extension Backend {
  /// An open descriptor that holds a lock.
  typealias LockReference = Int32

  // MARK: Locks

  /// Opens `path` (creating it if asked) and tries once to lock it exclusively.
  ///
  /// `flock` locks belong to the open file description, not to the process: closing another
  /// descriptor of the same file (as every `MemMap.close()` does) leaves this lock alone, a
  /// second description in the same process conflicts like another process would, and the
  /// kernel drops the lock when the process dies.
  ///
  /// - Returns: The locked descriptor, or `nil` when someone else holds the lock.
  static func tryLock(path: String, creating: Bool) throws(MemMapError) -> LockReference? {
    let flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK | (creating ? O_CREAT : 0)
    let descriptor: Int32
    switch Syscalls.open(path, flags: flags, permissions: 0o644) {
    case .success(let value): descriptor = value
    case .failure(let failure): throw failure.error("open", path: path)
    }
    switch Syscalls.retrying({ flock(descriptor, LOCK_EX | LOCK_NB) }) {
    case .success:
      return descriptor
    case .failure(let failure):
      _ = Syscalls.close(descriptor: descriptor)
      if failure.code == EWOULDBLOCK { return nil }
      throw failure.error("flock", path: path)
    }
  }

  /// Releases a lock taken by ``tryLock(path:creating:)``.
  static func unlock(_ lock: LockReference) {
    _ = Syscalls.close(descriptor: lock)
  }

  /// Sleeps for about `milliseconds` (while polling for a lock).
  static func pause(milliseconds: Int) {
    var request = timespec(tv_sec: 0, tv_nsec: milliseconds * 1_000_000)
    var remaining = timespec()
    while nanosleep(&request, &remaining) != 0, errno == EINTR {
      request = remaining
    }
  }

  // MARK: Paths

  /// The absolute path of `path` with every symbolic link, `.` and `..` resolved.
  static func resolvedPath(_ path: String) throws(MemMapError) -> String {
    guard let resolved = realpath(path, nil) else {
      throw SystemFailure(code: Syscalls.errorNumber).error("realpath", path: path)
    }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  /// What is at `path` when links are followed.
  static func itemKind(atPath path: String) throws(MemMapError) -> ItemKind {
    switch Syscalls.fileStatus(path: path) {
    case .success(let info):
      switch info.st_mode & S_IFMT {
      case S_IFREG: return .regularFile
      case S_IFDIR: return .directory
      case S_IFIFO: return .other("FIFO (named pipe)")
      case S_IFSOCK: return .other("socket")
      case S_IFCHR: return .other("character device")
      case S_IFBLK: return .other("block device")
      default: return .other("special file")
      }
    case .failure(let failure) where failure.code == ENOENT:
      if case .success = Syscalls.linkStatus(path: path) { return .danglingLink }
      return .nothing
    case .failure(let failure) where failure.code == ENOTDIR:
      return .nothing
    case .failure(let failure):
      throw failure.error("stat", path: path)
    }
  }

  /// The permission bits of the file at `path` (links followed).
  static func permissions(ofFile path: String) throws(MemMapError) -> FilePermissions {
    switch Syscalls.fileStatus(path: path) {
    case .success(let info): return FilePermissions(rawValue: UInt32(info.st_mode) & 0o7777)
    case .failure(let failure): throw failure.error("stat", path: path)
    }
  }

  // MARK: Replacing files

  /// Gives the file at `path` the permission bits of the file at `original`, and its owner and
  /// group where the process may (a file replaced by root keeps its owner).
  static func copyAttributes(from original: String, to path: String) throws(MemMapError) {
    let info: stat
    switch Syscalls.fileStatus(path: original) {
    case .success(let value): info = value
    case .failure(let failure): throw failure.error("stat", path: original)
    }
    // Owner first: chown clears the set-user-ID and set-group-ID bits that chmod then restores.
    _ = chown(path, info.st_uid, info.st_gid)
    if case .failure(let failure) = Syscalls.retrying({ chmod(path, info.st_mode & 0o7777) }) {
      throw failure.error("chmod", path: path)
    }
  }

  /// Renames `source` to `destination`, atomically replacing what is there.
  static func rename(_ source: String, to destination: String) throws(MemMapError) {
    if case .failure(let failure) = Syscalls.retrying({ libcRename(source, destination) }) {
      throw failure.error("rename", path: destination, mode: .create(size: 0))
    }
  }
}

private func libcRename(_ source: String, _ destination: String) -> Int32 {
  #if canImport(Glibc)
  Glibc.rename(source, destination)
  #elseif canImport(Musl)
  Musl.rename(source, destination)
  #else
  Darwin.rename(source, destination)
  #endif
}
#endif
