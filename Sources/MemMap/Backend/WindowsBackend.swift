#if os(Windows)
import CMemMapGuard
import WinSDK

/// The Windows implementation: CreateFileW / CreateFileMappingW / MapViewOfFile, with
/// FlushViewOfFile + FlushFileBuffers for durability and 64 KiB allocation granularity.
/// The section (file mapping) handle is closed right after MapViewOfFile (the view keeps the
/// section alive); the file handle stays open for flushing, resizing and status.
enum Backend {
  /// An open file handle, or nil for anonymous maps.
  typealias FileReference = HANDLE?

  static let noFile: FileReference = nil

  /// Windows refuses to shrink a file while a view of it is mapped (ERROR_USER_MAPPED_FILE), so
  /// views never fault on a vanished page and nothing watches them.
  typealias ViewRegion = Int32

  static let unwatched: ViewRegion = -1

  static func viewFaultCount(_ mapping: borrowing Mapping) -> UInt64 { 0 }

  static func viewFaultCount(region: ViewRegion) -> UInt64 { 0 }

  static func viewFault(
    _ mapping: borrowing Mapping, since before: UInt64, accessOffset: Int, isWrite: Bool, path: String?
  ) -> MemMapError? {
    nil
  }

  /// View offsets must be multiples of the allocation granularity (usually 64 KiB).
  static let granularity: Int = {
    var info = SYSTEM_INFO()
    GetSystemInfo(&info)
    return info.dwAllocationGranularity > 0 ? Int(info.dwAllocationGranularity) : 65_536
  }()

  /// Processors available to this process, for parallel scans.
  static let activeProcessorCount: Int = {
    let count = GetActiveProcessorCount(WORD(ALL_PROCESSOR_GROUPS))
    return count > 0 ? Int(count) : 1
  }()

  // MARK: Errors

  private static func lastError(_ operation: String, path: String?, mode: MemMap.Mode = .readOnly, requested: Int = 0) -> MemMapError {
    error(GetLastError(), operation, path: path, mode: mode, requested: requested)
  }

  private static func error(_ code: DWORD, _ operation: String, path: String?, mode: MemMap.Mode = .readOnly, requested: Int = 0) -> MemMapError {
    switch Int32(code) {
    case ERROR_FILE_NOT_FOUND, ERROR_PATH_NOT_FOUND:
      if let path { return .fileNotFound(path: path) }
    case ERROR_ACCESS_DENIED:
      if let path {
        let attributes = path.withCString(encodedAs: UTF16.self) { GetFileAttributesW($0) }
        if attributes != INVALID_FILE_ATTRIBUTES, attributes & DWORD(FILE_ATTRIBUTE_DIRECTORY) != 0 {
          return .isDirectory(path: path)
        }
        return .permissionDenied(path: path, mode: mode)
      }
    case ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION:
      if let path { return .permissionDenied(path: path, mode: mode) }
    case ERROR_DISK_FULL, ERROR_HANDLE_DISK_FULL:
      if let path { return .noSpace(path: path) }
    case ERROR_NOT_ENOUGH_MEMORY, ERROR_OUTOFMEMORY, ERROR_COMMITMENT_LIMIT:
      return .addressSpaceExhausted(path: path, requested: requested)
    default:
      break
    }
    return .systemError(path: path, operation: operation, reason: message(code))
  }

  private static func message(_ code: DWORD) -> String {
    var buffer = [WCHAR](repeating: 0, count: 512)
    let length = FormatMessageW(
      DWORD(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS), nil, code, 0, &buffer, DWORD(buffer.count), nil)
    guard length > 0 else { return "error \(code)" }
    var text = String(decoding: buffer[..<Int(length)], as: UTF16.self)
    while let last = text.last, last.isWhitespace || last == "." { text.removeLast() }
    return text
  }

  // MARK: Opening

  static func openFile(path: String, mode: MemMap.Mode, offset: Int, length: Int?, prefault: Bool) throws(MemMapError) -> Mapping {
    _ = FaultGuard.installed
    try validate(path: path, mode: mode, offset: offset, length: length)

    let access: DWORD
    let disposition: DWORD
    switch mode {
    case .readOnly, .copyOnWrite:
      access = DWORD(GENERIC_READ)
      disposition = DWORD(OPEN_EXISTING)
    case .readWrite:
      access = DWORD(GENERIC_READ) | DWORD(GENERIC_WRITE)
      disposition = DWORD(OPEN_EXISTING)
    case .create:
      access = DWORD(GENERIC_READ) | DWORD(GENERIC_WRITE)
      disposition = DWORD(OPEN_ALWAYS)
    }
    // Share everything, like POSIX: other processes may read, write, rename or delete.
    let share = DWORD(FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE)
    let handle = path.withCString(encodedAs: UTF16.self) {
      CreateFileW($0, access, share, nil, disposition, DWORD(FILE_ATTRIBUTE_NORMAL), nil)
    }
    guard let handle, handle != INVALID_HANDLE_VALUE else {
      throw lastError("CreateFileW", path: path, mode: mode)
    }
    do {
      let mapping = try map(handle: handle, path: path, mode: mode, offset: offset, length: length)
      if prefault { try advise(mapping, .willNeed, range: 0..<mapping.count, path: path) }
      return mapping
    } catch {
      CloseHandle(handle)
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

  private static func map(handle: HANDLE, path: String, mode: MemMap.Mode, offset: Int, length: Int?) throws(MemMapError) -> Mapping {
    switch GetFileType(handle) {
    case DWORD(FILE_TYPE_DISK): break
    case DWORD(FILE_TYPE_PIPE): throw .notRegularFile(path: path, kind: "pipe or socket")
    case DWORD(FILE_TYPE_CHAR): throw .notRegularFile(path: path, kind: "character device")
    default: throw .notRegularFile(path: path, kind: "special file")
    }

    var fileSize = try size(of: handle, path: path)
    if case .create(let size) = mode {
      try setSize(handle: handle, path: path, to: 0)
      try setSize(handle: handle, path: path, to: size)
      fileSize = size
    }

    let count: Int
    if let length {
      let end = offset + length
      if end > fileSize {
        guard mode == .readWrite else {
          throw .windowBeyondEndOfFile(path: path, offset: offset, length: length, fileSize: fileSize, mode: mode)
        }
        try setSize(handle: handle, path: path, to: end)
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
    guard count > 0 else {
      // CreateFileMappingW refuses empty files; an empty window needs no view at all.
      return Mapping(base: nil, mappedLength: 0, delta: delta, count: 0, fileOffset: offset, file: handle, kind: kind)
    }
    let base = try mapView(handle: handle, mode: mode, viewOffset: offset - delta, viewLength: delta + count, path: path)
    return Mapping(
      base: base, mappedLength: delta + count, delta: delta, count: count, fileOffset: offset, file: handle, kind: kind)
  }

  private static func mapView(handle: HANDLE, mode: MemMap.Mode, viewOffset: Int, viewLength: Int, path: String) throws(MemMapError) -> UnsafeMutableRawPointer {
    let protection: DWORD
    let access: DWORD
    switch mode {
    case .readOnly:
      protection = DWORD(PAGE_READONLY)
      access = DWORD(FILE_MAP_READ)
    case .copyOnWrite:
      protection = DWORD(PAGE_WRITECOPY)
      access = DWORD(FILE_MAP_COPY)
    case .readWrite, .create:
      protection = DWORD(PAGE_READWRITE)
      access = DWORD(FILE_MAP_WRITE)
    }
    // Maximum size 0 = the file's current size.
    guard let section = CreateFileMappingW(handle, nil, protection, 0, 0, nil) else {
      // CreateFileMappingW returns NULL (not INVALID_HANDLE_VALUE) on failure.
      throw lastError("CreateFileMappingW", path: path, mode: mode, requested: viewLength)
    }
    defer { CloseHandle(section) }
    let offset = UInt64(viewOffset)
    guard
      let view = MapViewOfFile(
        section, access, DWORD(truncatingIfNeeded: offset >> 32), DWORD(truncatingIfNeeded: offset), SIZE_T(viewLength))
    else {
      throw lastError("MapViewOfFile", path: path, mode: mode, requested: viewLength)
    }
    return view
  }

  private static func size(of handle: HANDLE, path: String?) throws(MemMapError) -> Int {
    var size = LARGE_INTEGER()
    guard GetFileSizeEx(handle, &size) else { throw lastError("GetFileSizeEx", path: path) }
    return Int(size.QuadPart)
  }

  /// Sets the end of file; NTFS allocates (and zero-fills on demand) the new range, so a full disk
  /// is reported here rather than as an in-page error later.
  private static func setSize(handle: HANDLE, path: String, to newSize: Int) throws(MemMapError) {
    var info = FILE_END_OF_FILE_INFO()
    info.EndOfFile.QuadPart = LONGLONG(newSize)
    let done = SetFileInformationByHandle(
      handle, FileEndOfFileInfo, &info, DWORD(MemoryLayout<FILE_END_OF_FILE_INFO>.size))
    guard done else { throw lastError("SetFileInformationByHandle", path: path, mode: .readWrite, requested: newSize) }
  }

  /// Windows has no `fork`, so `sharedWithForkedChildren` changes nothing.
  static func anonymous(size: Int, sharedWithForkedChildren: Bool, prefault: Bool) throws(MemMapError) -> Mapping {
    _ = FaultGuard.installed
    guard size >= 0 else {
      throw .invalidSize(path: nil, size: size, reason: "the size must not be negative")
    }
    guard size > 0 else {
      return Mapping(base: nil, mappedLength: 0, delta: 0, count: 0, fileOffset: 0, file: noFile, kind: .anonymous)
    }
    guard let base = VirtualAlloc(nil, SIZE_T(size), DWORD(MEM_RESERVE | MEM_COMMIT), DWORD(PAGE_READWRITE)) else {
      throw lastError("VirtualAlloc", path: nil, requested: size)
    }
    let mapping = Mapping(base: base, mappedLength: size, delta: 0, count: size, fileOffset: 0, file: noFile, kind: .anonymous)
    if prefault { try advise(mapping, .willNeed, range: 0..<size, path: nil) }
    return mapping
  }

  // MARK: Closing

  static func release(
    base: UnsafeMutableRawPointer?, mappedLength: Int, file: FileReference, viewRegion: ViewRegion, path: String?
  ) throws(MemMapError) {
    var firstError: MemMapError?
    if let base {
      let released = file == nil ? VirtualFree(base, 0, DWORD(MEM_RELEASE)) : UnmapViewOfFile(base)
      if !released { firstError = lastError("UnmapViewOfFile", path: path) }
    }
    if let file, !CloseHandle(file), firstError == nil {
      firstError = lastError("CloseHandle", path: path)
    }
    if let firstError { throw firstError }
  }

  // MARK: Flushing and advice

  static func flush(
    _ mapping: borrowing Mapping, range: Range<Int>, waitForDevice: Bool = true, path: String?
  ) throws(MemMapError) {
    guard mapping.writesReachFile, let file = mapping.file else { return }
    if let base = mapping.base, !range.isEmpty {
      // FlushViewOfFile only starts the write-back; FlushFileBuffers waits for the device.
      guard FlushViewOfFile(base + mapping.delta + range.lowerBound, SIZE_T(range.count)) else {
        throw lastError("FlushViewOfFile", path: path)
      }
    }
    guard waitForDevice else { return }
    guard FlushFileBuffers(file) else { throw lastError("FlushFileBuffers", path: path) }
  }

  // MARK: Locking and protection

  static func lock(_ mapping: borrowing Mapping, range: Range<Int>, path: String?) throws(MemMapError) {
    guard let base = mapping.base, !range.isEmpty else { return }
    guard VirtualLock(base + mapping.delta + range.lowerBound, SIZE_T(range.count)) else {
      let code = GetLastError()
      guard code == DWORD(ERROR_WORKING_SET_QUOTA) || code == DWORD(ERROR_NO_SYSTEM_RESOURCES) else {
        throw error(code, "VirtualLock", path: path, requested: range.count)
      }
      throw .systemError(
        path: path, operation: "lock()",
        reason: "the system would not keep \(MemMap.byteCount(range.count)) in RAM: the process's working set is too "
          + "small (SetProcessWorkingSetSize raises it); lock a smaller range")
    }
  }

  static func unlock(_ mapping: borrowing Mapping, range: Range<Int>, path: String?) throws(MemMapError) {
    guard let base = mapping.base, !range.isEmpty else { return }
    // ERROR_NOT_LOCKED: unlocking pages that were never locked is not an error.
    guard VirtualUnlock(base + mapping.delta + range.lowerBound, SIZE_T(range.count)) || GetLastError() == DWORD(ERROR_NOT_LOCKED)
    else { throw lastError("VirtualUnlock", path: path, requested: range.count) }
  }

  static func setWritable(_ mapping: inout Mapping, _ writable: Bool, copyOnWrite: Bool, path: String?) throws(MemMapError) {
    guard let base = mapping.base else { return }
    let protection = writable ? (copyOnWrite ? PAGE_WRITECOPY : PAGE_READWRITE) : PAGE_READONLY
    var previous: DWORD = 0
    guard VirtualProtect(base, SIZE_T(mapping.mappedLength), DWORD(protection), &previous) else {
      throw lastError("VirtualProtect", path: path, requested: mapping.mappedLength)
    }
  }

  /// Nothing to reserve: files here are not sparse unless marked so (FSCTL_SET_SPARSE), which
  /// this backend never does, so every byte of a mapped file already has its disk space.
  static func reserve(_ mapping: borrowing Mapping, range: Range<Int>, path: String?) throws(MemMapError) {}

  static func advise(_ mapping: borrowing Mapping, _ advice: MemMap.Advice, range: Range<Int>, path: String?) throws(MemMapError) {
    guard let base = mapping.base, !range.isEmpty else { return }
    switch advice {
    case .willNeed:
      var entry = WIN32_MEMORY_RANGE_ENTRY(
        VirtualAddress: base + mapping.delta + range.lowerBound, NumberOfBytes: SIZE_T(range.count))
      // Only a hint: failure (e.g. on old systems) changes nothing.
      _ = PrefetchVirtualMemory(GetCurrentProcess(), 1, &entry, 0)
    case .normal, .sequential, .random, .dontNeed, .hugePages:
      // No equivalent for mapped files; accepted and ignored as documented.
      break
    }
  }

  // MARK: Resizing

  /// Windows cannot grow or shrink a mapped view in place: unmap, set the file size, map again.
  static func resize(_ mapping: inout Mapping, to newCount: Int, path: String) throws(MemMapError) {
    guard let file = mapping.file else {
      throw .unsupported(path: path, operation: "resize(to:)", reason: "an anonymous map has no file")
    }
    let (newEnd, overflow) = mapping.fileOffset.addingReportingOverflow(newCount)
    guard !overflow, newEnd <= Int(Int64.max) - granularity else {
      throw .invalidSize(path: path, size: newCount, reason: "the new size is too large for a file")
    }
    if let base = mapping.base {
      guard UnmapViewOfFile(base) else { throw lastError("UnmapViewOfFile", path: path) }
      mapping.base = nil
      mapping.mappedLength = 0
      mapping.count = 0
    }
    try setSize(handle: file, path: path, to: newEnd)
    guard newCount > 0 else { return }
    let viewOffset = mapping.fileOffset - mapping.delta
    mapping.base = try mapView(
      handle: file, mode: .readWrite, viewOffset: viewOffset, viewLength: mapping.delta + newCount, path: path)
    mapping.mappedLength = mapping.delta + newCount
    mapping.count = newCount
  }

  // MARK: Status and fault diagnosis

  static func status(ofFile path: String) throws(MemMapError) -> FileStatus {
    let handle = path.withCString(encodedAs: UTF16.self) {
      CreateFileW(
        $0, 0, DWORD(FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE), nil, DWORD(OPEN_EXISTING),
        DWORD(FILE_FLAG_BACKUP_SEMANTICS), nil)
    }
    guard let handle, handle != INVALID_HANDLE_VALUE else { throw lastError("CreateFileW", path: path) }
    defer { CloseHandle(handle) }
    return try status(of: handle, path: path)
  }

  static func itemExists(atPath path: String) -> Bool {
    let attributes = path.withCString(encodedAs: UTF16.self) { GetFileAttributesW($0) }
    return attributes != INVALID_FILE_ATTRIBUTES
  }

  /// Nothing to do: NTFS journals its directory changes itself, and a directory cannot be
  /// flushed with FlushFileBuffers without backup privileges.
  static func synchronizeDirectory(ofFile path: String) throws(MemMapError) {}

  static func removeFile(atPath path: String) throws(MemMapError) {
    let removed = path.withCString(encodedAs: UTF16.self) { DeleteFileW($0) }
    guard !removed else { return }
    let code = GetLastError()
    if code == DWORD(ERROR_FILE_NOT_FOUND) { return }
    throw .systemError(path: path, operation: "removing the file", reason: message(code))
  }

  static func status(of mapping: borrowing Mapping, path: String?) throws(MemMapError) -> FileStatus {
    guard let file = mapping.file else {
      throw .unsupported(path: path, operation: "status()", reason: "an anonymous map has no file")
    }
    return try status(of: file, path: path)
  }

  private static func status(of handle: HANDLE, path: String?) throws(MemMapError) -> FileStatus {
    var info = BY_HANDLE_FILE_INFORMATION()
    guard GetFileInformationByHandle(handle, &info) else { throw lastError("GetFileInformationByHandle", path: path) }
    let size = Int(info.nFileSizeHigh) << 32 | Int(info.nFileSizeLow)
    // FILETIME counts 100 ns intervals since 1601-01-01; FileTimestamp counts from 1970-01-01.
    let ticks = Int64(info.ftLastWriteTime.dwHighDateTime) << 32 | Int64(info.ftLastWriteTime.dwLowDateTime)
    let sinceUnixEpoch = ticks - 116_444_736_000_000_000
    let time = FileTimestamp(
      seconds: sinceUnixEpoch / 10_000_000, nanoseconds: Int32(sinceUnixEpoch % 10_000_000) * 100)
    let fileIndex = UInt64(info.nFileIndexHigh) << 32 | UInt64(info.nFileIndexLow)
    return FileStatus(
      size: size, modificationTime: time,
      identity: FileIdentity(device: UInt64(info.dwVolumeSerialNumber), fileNumber: fileIndex))
  }

  /// Explains a guarded copy of the window bytes starting at `accessOffset` that faulted at
  /// `faultOffset` (both relative to the window). Windows refuses to truncate a file with a mapped
  /// view, so faults here are mostly in-page errors: full disk, vanished network share, bad media.
  static func diagnoseFault(
    _ mapping: borrowing Mapping, faultOffset: Int, accessOffset: Int, isWrite: Bool, path: String?
  ) -> MemMapError {
    guard let file = mapping.file, let path else {
      return .ioError(path: path, offset: faultOffset)
    }
    if let size = try? size(of: file, path: path), size <= mapping.fileOffset + faultOffset {
      let firstMissing = max(accessOffset, size - mapping.fileOffset)
      return .fileTruncated(path: path, offset: firstMissing, fileSize: size)
    }
    return isWrite ? .noSpace(path: path) : .ioError(path: path, offset: faultOffset)
  }
}
#endif
