#if !os(Windows)
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CMemMapGuard

/// The POSIX implementation (Linux, Darwin): open/fstat/mmap/msync/madvise/ftruncate.
enum Backend {
  /// An open file descriptor, or -1 for anonymous maps.
  typealias FileReference = Int32

  static let noFile: FileReference = -1

  /// The fault handler's index for a watched file mapping (see `watchViews`).
  typealias ViewRegion = Int32

  /// The region of a mapping nobody watches (anonymous maps, or a full table).
  static let unwatched: ViewRegion = -1

  /// Mapping offsets must be multiples of this.
  static let granularity: Int = {
    let size = sysconf(Int32(_SC_PAGESIZE))
    return size > 0 ? Int(size) : 4096
  }()

  /// Processors available to this process, for parallel scans.
  static let activeProcessorCount: Int = {
    let count = sysconf(Int32(_SC_NPROCESSORS_ONLN))
    return count > 0 ? Int(count) : 1
  }()

  // MARK: Opening

  static func openFile(path: String, mode: MemMap.Mode, offset: Int, length: Int?, prefault: Bool) throws(MemMapError) -> Mapping {
    _ = FaultGuard.installed
    try validate(path: path, mode: mode, offset: offset, length: length)

    // O_NONBLOCK: opening a FIFO without a writer must not wait; it is refused after fstat.
    var flags = O_CLOEXEC | O_NONBLOCK
    switch mode {
    case .readOnly, .copyOnWrite: flags |= O_RDONLY
    case .readWrite: flags |= O_RDWR
    case .create: flags |= O_RDWR | O_CREAT
    }
    let descriptor: Int32
    switch Syscalls.open(path, flags: flags, permissions: 0o644) {
    case .success(let value): descriptor = value
    case .failure(let failure): throw failure.error("open", path: path, mode: mode)
    }
    do {
      return try map(descriptor: descriptor, path: path, mode: mode, offset: offset, length: length, prefault: prefault)
    } catch {
      _ = Syscalls.close(descriptor: descriptor)
      throw error
    }
  }

  private static func validate(path: String, mode: MemMap.Mode, offset: Int, length: Int?) throws(MemMapError) {
    if offset < 0 {
      throw .invalidSize(path: path, size: offset, reason: "the offset must not be negative")
    }
    if let length, length < 0 {
      throw .invalidSize(path: path, size: length, reason: "the length must not be negative")
    }
    if case .create(let size) = mode, size < 0 {
      throw .invalidSize(path: path, size: size, reason: "the size to create must not be negative")
    }
    if let length, offset.addingReportingOverflow(length).overflow {
      throw .outOfBounds(path: path, offset: offset, count: length, mapCount: 0)
    }
    if offset > Int(Int64.max) - granularity {
      throw .invalidSize(path: path, size: offset, reason: "the offset is too large for a file")
    }
  }

  private static func map(
    descriptor: Int32, path: String, mode: MemMap.Mode, offset: Int, length: Int?, prefault: Bool
  ) throws(MemMapError) -> Mapping {
    let info: stat
    switch Syscalls.fileStatus(descriptor: descriptor) {
    case .success(let value): info = value
    case .failure(let failure): throw failure.error("fstat", path: path, mode: mode)
    }
    try requireRegularFile(info, path: path)

    var fileSize = Int(info.st_size)
    if case .create(let size) = mode {
      try setSize(descriptor: descriptor, path: path, from: 0, to: size, truncateFirst: true)
      fileSize = size
    }

    let count: Int
    if let length {
      let end = offset + length
      if end > fileSize {
        guard mode == .readWrite else {
          throw .windowBeyondEndOfFile(path: path, offset: offset, length: length, fileSize: fileSize, mode: mode)
        }
        try setSize(descriptor: descriptor, path: path, from: fileSize, to: end, truncateFirst: false)
      }
      count = length
    } else {
      guard offset <= fileSize else {
        throw .windowBeyondEndOfFile(path: path, offset: offset, length: 0, fileSize: fileSize, mode: mode)
      }
      count = fileSize - offset
    }

    let kind = Mapping.Kind.file(sharedWritable: mode.writesReachFile)
    let delta = offset % granularity
    let alignedOffset = offset - delta
    guard count > 0 else {
      return Mapping(base: nil, mappedLength: 0, delta: delta, count: 0, fileOffset: offset, file: descriptor, kind: kind)
    }
    let mappedLength = delta + count
    let base = try mapMemory(
      length: mappedLength, protection: protection(mode),
      flags: (mode == .copyOnWrite ? privateFileFlags : MAP_SHARED) | (prefault ? populateFlag : 0),
      descriptor: descriptor, offset: alignedOffset, path: path, mode: mode)
    if prefault && populateFlag == 0 { _ = madvise(base, mappedLength, MADV_WILLNEED) }
    var mapping = Mapping(
      base: base, mappedLength: mappedLength, delta: delta, count: count, fileOffset: offset, file: descriptor, kind: kind)
    watchViews(&mapping, writable: mode.isWritable, privateCopy: mode == .copyOnWrite)
    return mapping
  }

  private static func requireRegularFile(_ info: stat, path: String) throws(MemMapError) {
    let type = info.st_mode & S_IFMT
    switch type {
    case S_IFREG: return
    case S_IFDIR: throw .isDirectory(path: path)
    case S_IFIFO: throw .notRegularFile(path: path, kind: "FIFO (named pipe)")
    case S_IFSOCK: throw .notRegularFile(path: path, kind: "socket")
    case S_IFCHR: throw .notRegularFile(path: path, kind: "character device")
    case S_IFBLK: throw .notRegularFile(path: path, kind: "block device")
    default: throw .notRegularFile(path: path, kind: "special file")
    }
  }

  /// Copy-on-write file maps reserve no swap up front: a huge file must map without committing
  /// its size in memory; only pages actually written take memory.
  private static var privateFileFlags: Int32 {
    #if os(Linux)
    MAP_PRIVATE | MAP_NORESERVE
    #else
    MAP_PRIVATE
    #endif
  }

  /// Asks mmap to read every page in before returning (Linux); elsewhere prefaulting falls back to
  /// MADV_WILLNEED.
  private static var populateFlag: Int32 {
    #if os(Linux)
    MAP_POPULATE
    #else
    0
    #endif
  }

  private static func protection(_ mode: MemMap.Mode) -> Int32 {
    mode == .readOnly ? PROT_READ : PROT_READ | PROT_WRITE
  }

  private static func mapMemory(
    length: Int, protection: Int32, flags: Int32, descriptor: Int32, offset: Int, path: String?, mode: MemMap.Mode
  ) throws(MemMapError) -> UnsafeMutableRawPointer {
    let address = mmap(nil, length, protection, flags, descriptor, off_t(offset))
    guard let address, address != UnsafeMutableRawPointer(bitPattern: -1) else {
      let failure = SystemFailure(code: Syscalls.errorNumber)
      if failure.code == ENODEV, let path {
        throw .notRegularFile(path: path, kind: "file on a file system that does not support mapping")
      }
      if failure.code == EINVAL || failure.code == EOVERFLOW {
        throw .addressSpaceExhausted(path: path, requested: length)
      }
      throw failure.error("mmap", path: path, mode: mode, requested: length)
    }
    return address
  }

  /// Sets the file size to `newSize` and reserves blocks for the bytes past `oldSize`.
  private static func setSize(descriptor: Int32, path: String, from oldSize: Int, to newSize: Int, truncateFirst: Bool) throws(MemMapError) {
    if truncateFirst, case .failure(let failure) = Syscalls.truncate(descriptor: descriptor, to: 0) {
      throw failure.error("ftruncate", path: path, mode: .readWrite, requested: newSize)
    }
    if case .failure(let failure) = Syscalls.truncate(descriptor: descriptor, to: newSize) {
      throw failure.error("ftruncate", path: path, mode: .readWrite, requested: newSize)
    }
    guard newSize > oldSize else { return }
    let code = cmemmap_preallocate(descriptor, Int64(oldSize), Int64(newSize - oldSize))
    if code != 0 {
      _ = Syscalls.truncate(descriptor: descriptor, to: oldSize)
      throw SystemFailure(code: code).error("fallocate", path: path, mode: .readWrite, requested: newSize)
    }
  }

  static func anonymous(size: Int, sharedWithForkedChildren: Bool, prefault: Bool) throws(MemMapError) -> Mapping {
    _ = FaultGuard.installed
    guard size >= 0 else {
      throw .invalidSize(path: nil, size: size, reason: "the size must not be negative")
    }
    guard size > 0 else {
      return Mapping(base: nil, mappedLength: 0, delta: 0, count: 0, fileOffset: 0, file: noFile, kind: .anonymous)
    }
    let base = try mapMemory(
      length: size, protection: PROT_READ | PROT_WRITE,
      flags: (sharedWithForkedChildren ? MAP_SHARED : MAP_PRIVATE) | MAP_ANONYMOUS | (prefault ? populateFlag : 0),
      descriptor: -1, offset: 0, path: nil, mode: .readWrite)
    return Mapping(base: base, mappedLength: size, delta: 0, count: size, fileOffset: 0, file: noFile, kind: .anonymous)
  }

  // MARK: Closing

  static func release(
    base: UnsafeMutableRawPointer?, mappedLength: Int, file: FileReference, viewRegion: ViewRegion, path: String?
  ) throws(MemMapError) {
    cmemmap_view_region_unregister(viewRegion)
    var firstError: MemMapError?
    if let base, munmap(base, mappedLength) != 0 {
      firstError = SystemFailure(code: Syscalls.errorNumber).error("munmap", path: path)
    }
    if file != noFile, case .failure(let failure) = Syscalls.close(descriptor: file), firstError == nil {
      firstError = failure.error("close", path: path)
    }
    if let firstError { throw firstError }
  }

  // MARK: Flushing and advice

  /// Writes the window bytes in `range` (relative to the window) to the file and, when
  /// `waitForDevice`, waits until the device has them.
  static func flush(
    _ mapping: borrowing Mapping, range: Range<Int>, waitForDevice: Bool = true, path: String?
  ) throws(MemMapError) {
    guard mapping.writesReachFile else { return }
    if let base = mapping.base, !range.isEmpty {
      let (start, length) = pageAligned(mapping, range)
      if msync(base + start, length, waitForDevice ? MS_SYNC : MS_ASYNC) != 0 {
        throw SystemFailure(code: Syscalls.errorNumber).error("msync", path: path, at: 0)
      }
    }
    guard waitForDevice else { return }
    if case .failure(let failure) = Syscalls.synchronize(descriptor: mapping.file) {
      throw failure.error("fsync", path: path, at: 0)
    }
  }

  /// Allocates disk blocks for the holes behind the window bytes in `range` (relative to the
  /// window), keeping the file's size and bytes. Only for maps whose writes reach the file.
  static func reserve(_ mapping: borrowing Mapping, range: Range<Int>, path: String?) throws(MemMapError) {
    guard mapping.writesReachFile, !range.isEmpty else { return }
    let code = cmemmap_reserve(mapping.file, Int64(mapping.fileOffset + range.lowerBound), Int64(range.count))
    if code != 0 {
      throw SystemFailure(code: code).error("fallocate", path: path, mode: .readWrite, requested: range.upperBound)
    }
  }

  /// Page-aligned start (relative to `base`) and length covering the window range.
  static func pageAligned(_ mapping: borrowing Mapping, _ range: Range<Int>) -> (start: Int, length: Int) {
    let first = mapping.delta + range.lowerBound
    let alignedFirst = first - first % granularity
    return (alignedFirst, mapping.delta + range.upperBound - alignedFirst)
  }

  static func advise(_ mapping: borrowing Mapping, _ advice: MemMap.Advice, range: Range<Int>, path: String?) throws(MemMapError) {
    guard let base = mapping.base, !range.isEmpty else { return }
    let value: Int32
    switch advice {
    case .normal: value = MADV_NORMAL
    case .sequential: value = MADV_SEQUENTIAL
    case .random: value = MADV_RANDOM
    case .willNeed: value = MADV_WILLNEED
    case .dontNeed: value = MADV_DONTNEED
    case .hugePages:
      #if os(Linux)
      value = MADV_HUGEPAGE
      #else
      return
      #endif
    }
    let (start, length) = pageAligned(mapping, range)
    if madvise(base + start, length, value) != 0 {
      let failure = SystemFailure(code: Syscalls.errorNumber)
      // Hints are optional: kernels that do not know one say EINVAL/ENOSYS; that is not an error.
      if failure.code == EINVAL || failure.code == ENOSYS { return }
      throw failure.error("madvise", path: path, requested: length)
    }
  }

  // MARK: Resizing

  /// Sets the file size to `fileOffset + newCount` (reserving new blocks) and remaps the window.
  static func resize(_ mapping: inout Mapping, to newCount: Int, path: String) throws(MemMapError) {
    let oldCount = mapping.count
    let (newEnd, overflow) = mapping.fileOffset.addingReportingOverflow(newCount)
    guard !overflow, newEnd <= Int(Int64.max) - granularity else {
      throw .invalidSize(path: path, size: newCount, reason: "the new size is too large for a file")
    }
    let descriptor = mapping.file
    let currentSize: Int
    switch Syscalls.fileStatus(descriptor: descriptor) {
    case .success(let info): currentSize = Int(info.st_size)
    case .failure(let failure): throw failure.error("fstat", path: path)
    }
    if newCount > oldCount {
      try setSize(descriptor: descriptor, path: path, from: currentSize, to: newEnd, truncateFirst: false)
    }
    do {
      try remap(&mapping, to: newCount, path: path)
    } catch {
      if newCount > oldCount { _ = Syscalls.truncate(descriptor: descriptor, to: currentSize) }
      throw error
    }
    if newCount < oldCount || newEnd < currentSize,
      case .failure(let failure) = Syscalls.truncate(descriptor: descriptor, to: newEnd)
    {
      throw failure.error("ftruncate", path: path, mode: .readWrite, requested: newEnd)
    }
  }

  private static func remap(_ mapping: inout Mapping, to newCount: Int, path: String) throws(MemMapError) {
    // The region moves or changes size: stop watching it while it does (no view can be open:
    // resizing needs the map exclusively).
    cmemmap_view_region_unregister(mapping.viewRegion)
    mapping.viewRegion = unwatched
    defer { watchViews(&mapping, writable: true, privateCopy: false) }
    let newLength = mapping.delta + newCount
    if newCount == 0 {
      if let base = mapping.base, munmap(base, mapping.mappedLength) != 0 {
        throw SystemFailure(code: Syscalls.errorNumber).error("munmap", path: path)
      }
      mapping.base = nil
      mapping.mappedLength = 0
      mapping.count = 0
      return
    }
    guard let base = mapping.base else {
      mapping.base = try mapMemory(
        length: newLength, protection: PROT_READ | PROT_WRITE, flags: MAP_SHARED, descriptor: mapping.file,
        offset: mapping.fileOffset - mapping.delta, path: path, mode: .readWrite)
      mapping.mappedLength = newLength
      mapping.count = newCount
      return
    }
    var code: Int32 = 0
    if let moved = cmemmap_remap(base, mapping.mappedLength, newLength, &code) {
      mapping.base = moved
    } else if code == ENOSYS {
      // No mremap (Darwin): map the new size first so a failure leaves the old mapping intact.
      let fresh = try mapMemory(
        length: newLength, protection: PROT_READ | PROT_WRITE, flags: MAP_SHARED, descriptor: mapping.file,
        offset: mapping.fileOffset - mapping.delta, path: path, mode: .readWrite)
      munmap(base, mapping.mappedLength)
      mapping.base = fresh
    } else {
      throw SystemFailure(code: code).error("mremap", path: path, requested: newLength)
    }
    mapping.mappedLength = newLength
    mapping.count = newCount
  }

  // MARK: Faults inside views

  /// Asks the fault handler to answer faults in the mapping (outside guarded copies) with zero
  /// pages instead of ending the process; see `viewFault(_:since:accessOffset:isWrite:path:)`.
  private static func watchViews(_ mapping: inout Mapping, writable: Bool, privateCopy: Bool) {
    guard let base = mapping.base, mapping.file != noFile else { return }
    mapping.viewRegion = cmemmap_view_region_register(
      base, mapping.mappedLength, mapping.file, Int64(mapping.fileOffset - mapping.delta), writable ? 1 : 0,
      privateCopy ? 1 : 0)
  }

  /// How many faults inside views of the mapping the handler has answered so far.
  static func viewFaultCount(_ mapping: borrowing Mapping) -> UInt64 {
    viewFaultCount(region: mapping.viewRegion)
  }

  /// How many faults inside views of the watched region the handler has answered so far.
  @inline(__always)
  static func viewFaultCount(region: ViewRegion) -> UInt64 {
    cmemmap_view_region_fault_count(region)
  }

  /// If a view faulted since the count was `before`, puts the file's pages back in place of the
  /// zero pages the handler mapped and explains the fault: the file shrank (`.fileTruncated`,
  /// naming the first missing byte at or after `accessOffset`), or the system could not supply
  /// an existing page (`.noSpace` for a writable view, `.ioError` for a read-only one).
  static func viewFault(
    _ mapping: borrowing Mapping, since before: UInt64, accessOffset: Int, isWrite: Bool, path: String?
  ) -> MemMapError? {
    guard viewFaultCount(mapping) != before else { return nil }
    var firstPatched = 0
    if cmemmap_view_region_repair(mapping.viewRegion, &firstPatched) == 0 {
      // Another call on this map already put the pages back, but this view saw zeros too: judge
      // by the file's current size against the end of the window.
      firstPatched = mapping.delta + max(0, mapping.count - 1)
    }
    let faultOffset = max(0, firstPatched - mapping.delta)
    return diagnoseFault(
      mapping, faultOffset: faultOffset, accessOffset: min(accessOffset, mapping.count), isWrite: isWrite, path: path)
  }

  // MARK: Status and fault diagnosis

  static func status(ofFile path: String) throws(MemMapError) -> FileStatus {
    switch Syscalls.fileStatus(path: path) {
    case .success(let info): return fileStatus(info)
    case .failure(let failure): throw failure.error("stat", path: path)
    }
  }

  static func itemExists(atPath path: String) -> Bool {
    if case .success = Syscalls.linkStatus(path: path) { return true }
    return false
  }

  static func removeFile(atPath path: String) throws(MemMapError) {
    switch Syscalls.unlink(path: path) {
    case .success:
      return
    case .failure(let failure) where failure.code == ENOENT:
      return
    case .failure(let failure):
      if failure.code == EISDIR || (failure.code == EPERM && isDirectory(path)) {
        throw .isDirectory(path: path)
      }
      throw .systemError(path: path, operation: "removing the file", reason: Syscalls.message(failure.code))
    }
  }

  static func synchronizeDirectory(ofFile path: String) throws(MemMapError) {
    let directory = parentDirectory(of: path)
    let descriptor: Int32
    switch Syscalls.openDirectory(directory) {
    case .success(let opened): descriptor = opened
    case .failure(let failure):
      throw failure.code == ENOENT || failure.code == ENOTDIR
        ? .fileNotFound(path: directory)
        : .systemError(path: directory, operation: "opening the directory", reason: Syscalls.message(failure.code))
    }
    defer { _ = Syscalls.close(descriptor: descriptor) }
    if case .failure(let failure) = Syscalls.synchronize(descriptor: descriptor),
      failure.code != EINVAL, failure.code != ENOTSUP
    {
      // EINVAL/ENOTSUP: the file system cannot sync directories (nothing more to do there).
      throw .systemError(path: directory, operation: "syncing the directory", reason: Syscalls.message(failure.code))
    }
  }

  /// The directory part of `path`: `.` for a bare name, `/` for a name in the root.
  private static func parentDirectory(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    let parent = String(path[..<slash])
    return parent.isEmpty ? "/" : parent
  }

  private static func isDirectory(_ path: String) -> Bool {
    guard case .success(let info) = Syscalls.linkStatus(path: path) else { return false }
    return info.st_mode & S_IFMT == S_IFDIR
  }

  static func status(of mapping: borrowing Mapping, path: String?) throws(MemMapError) -> FileStatus {
    guard mapping.file != noFile else {
      throw .unsupported(path: path, operation: "status()", reason: "an anonymous map has no file")
    }
    switch Syscalls.fileStatus(descriptor: mapping.file) {
    case .success(let info): return fileStatus(info)
    case .failure(let failure): throw failure.error("fstat", path: path)
    }
  }

  private static func fileStatus(_ info: stat) -> FileStatus {
    #if canImport(Darwin)
    let time = FileTimestamp(seconds: Int64(info.st_mtimespec.tv_sec), nanoseconds: Int32(info.st_mtimespec.tv_nsec))
    #else
    let time = FileTimestamp(seconds: Int64(info.st_mtim.tv_sec), nanoseconds: Int32(info.st_mtim.tv_nsec))
    #endif
    return FileStatus(
      size: Int(info.st_size), modificationTime: time,
      identity: FileIdentity(device: UInt64(truncatingIfNeeded: info.st_dev), fileNumber: UInt64(truncatingIfNeeded: info.st_ino)))
  }

  /// Explains a guarded copy of the window bytes starting at `accessOffset` that faulted at
  /// `faultOffset` (both relative to the window).
  static func diagnoseFault(
    _ mapping: borrowing Mapping, faultOffset: Int, accessOffset: Int, isWrite: Bool, path: String?
  ) -> MemMapError {
    guard mapping.file != noFile, let path else {
      return .ioError(path: path, offset: faultOffset)
    }
    if case .success(let info) = Syscalls.fileStatus(descriptor: mapping.file) {
      let size = Int(info.st_size)
      if size <= mapping.fileOffset + faultOffset {
        // memcpy may touch the bytes of a copy in any order: report the first byte of the
        // access that no longer exists rather than whichever byte happened to fault.
        let firstMissing = max(accessOffset, size - mapping.fileOffset)
        return .fileTruncated(path: path, offset: firstMissing, fileSize: size)
      }
    }
    // The page exists in the file but could not be provided: for a write that is a hole the file
    // system could not allocate (full disk); for a read, a device or network failure.
    return isWrite ? .noSpace(path: path) : .ioError(path: path, offset: faultOffset)
  }

}
#endif
