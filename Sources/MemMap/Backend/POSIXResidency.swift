#if !os(Windows)
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CMemMapGuard

// Locking pages in RAM and changing a mapping's protection (POSIX: mlock, munlock, mprotect).
extension Backend {
  static func lock(_ mapping: borrowing Mapping, range: Range<Int>, path: String?) throws(MemMapError) {
    guard let base = mapping.base, !range.isEmpty else { return }
    let (start, length) = pageAligned(mapping, range)
    guard mlock(base + start, length) != 0 else { return }
    let code = Syscalls.errorNumber
    guard code == ENOMEM || code == EAGAIN || code == EPERM else {
      throw SystemFailure(code: code).error("mlock", path: path, requested: length)
    }
    throw .systemError(
      path: path, operation: "lock()",
      reason: "the system would not keep \(MemMap.byteCount(length)) in RAM; the limit for locked memory "
        + "(RLIMIT_MEMLOCK, shown by `ulimit -l`) is \(lockLimitDescription); raise it or lock a smaller range")
  }

  static func unlock(_ mapping: borrowing Mapping, range: Range<Int>, path: String?) throws(MemMapError) {
    guard let base = mapping.base, !range.isEmpty else { return }
    let (start, length) = pageAligned(mapping, range)
    if munlock(base + start, length) != 0 {
      throw SystemFailure(code: Syscalls.errorNumber).error("munlock", path: path, requested: length)
    }
  }

  /// The process's limit for locked memory, as a phrase ("65536 bytes", "unlimited").
  private static var lockLimitDescription: String {
    let limit = cmemmap_locked_memory_limit()
    return limit == -2 ? "unknown" : limit == -1 ? "unlimited" : MemMap.byteCount(Int(limit))
  }

  static func setWritable(_ mapping: inout Mapping, _ writable: Bool, copyOnWrite: Bool, path: String?) throws(MemMapError) {
    if let base = mapping.base, mprotect(base, mapping.mappedLength, writable ? PROT_READ | PROT_WRITE : PROT_READ) != 0 {
      throw SystemFailure(code: Syscalls.errorNumber).error("mprotect", path: path, requested: mapping.mappedLength)
    }
    // Zero pages that stand in for vanished ones must get the same protection.
    cmemmap_view_region_set_writable(mapping.viewRegion, writable ? 1 : 0)
  }
}
#endif
