#if os(Windows)
import WinSDK

// Finding a sparse file's holes (Windows: DeviceIoControl with FSCTL_QUERY_ALLOCATED_RANGES).
// Written against the documented Win32 API; not compiled on the project's Linux CI.
//
// Offsets in and out are relative to the map's window. Any failure answers "all data", which is
// slow but never wrong. A file that is not marked sparse reports all of itself as allocated.
extension Backend {
  /// The window offset of the first data at or after `offset`, or nil when only holes follow.
  static func nextData(_ mapping: borrowing Mapping, from offset: Int) -> Int? {
    guard let file = mapping.file else { return offset }
    let windowEnd = mapping.fileOffset + mapping.count
    switch firstAllocatedRange(file, from: mapping.fileOffset + offset, to: windowEnd) {
    case .failed: return offset
    case .none: return nil
    case .found(let range): return max(range.lowerBound - mapping.fileOffset, offset)
    }
  }

  /// The window offset of the first hole at or after `offset`, or the window's end when none.
  static func nextHole(_ mapping: borrowing Mapping, from offset: Int) -> Int {
    guard let file = mapping.file else { return mapping.count }
    let windowEnd = mapping.fileOffset + mapping.count
    var cursor = mapping.fileOffset + offset
    // Adjacent allocated ranges may be reported separately: follow them to the first gap.
    while cursor < windowEnd {
      guard case .found(let range) = firstAllocatedRange(file, from: cursor, to: windowEnd),
        range.lowerBound <= cursor
      else { break }
      cursor = range.upperBound
    }
    return min(cursor, windowEnd) - mapping.fileOffset
  }

  private enum AllocatedRange {
    case found(Range<Int>)
    case none
    case failed
  }

  /// FSCTL_QUERY_ALLOCATED_RANGES, spelled out: Swift does not import the CTL_CODE macro that
  /// defines it (CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 51, METHOD_NEITHER, FILE_READ_DATA)).
  private static let queryAllocatedRanges: DWORD = 0x0009_40CF

  /// The first allocated range of `file` that intersects `start..<end`.
  private static func firstAllocatedRange(_ file: HANDLE, from start: Int, to end: Int) -> AllocatedRange {
    guard start < end else { return .none }
    var query = FILE_ALLOCATED_RANGE_BUFFER()
    query.FileOffset.QuadPart = LONGLONG(start)
    query.Length.QuadPart = LONGLONG(end - start)
    var answer = FILE_ALLOCATED_RANGE_BUFFER()
    var returned: DWORD = 0
    let succeeded = DeviceIoControl(
      file, queryAllocatedRanges,
      &query, DWORD(MemoryLayout<FILE_ALLOCATED_RANGE_BUFFER>.size),
      &answer, DWORD(MemoryLayout<FILE_ALLOCATED_RANGE_BUFFER>.size), &returned, nil)
    // ERROR_MORE_DATA: more ranges follow the one that fitted, which is the one wanted.
    guard succeeded || GetLastError() == DWORD(ERROR_MORE_DATA) else { return .failed }
    guard returned >= DWORD(MemoryLayout<FILE_ALLOCATED_RANGE_BUFFER>.size) else { return .none }
    let lower = Int(answer.FileOffset.QuadPart)
    return .found(lower..<(lower + Int(answer.Length.QuadPart)))
  }
}
#endif
