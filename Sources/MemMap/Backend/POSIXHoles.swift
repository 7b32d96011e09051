#if !os(Windows)
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CMemMapGuard

// Finding a sparse file's holes (POSIX: lseek with SEEK_DATA and SEEK_HOLE).
//
// Offsets in and out are relative to the map's window. Any failure other than "no data after
// here" (EINVAL where the file system has no support, for example) answers "all data", which is
// slow but never wrong.
extension Backend {
  /// The window offset of the first data at or after `offset`, or nil when only holes follow.
  static func nextData(_ mapping: borrowing Mapping, from offset: Int) -> Int? {
    guard mapping.file != noFile else { return offset }
    var error: Int32 = 0
    let found = cmemmap_seek(mapping.file, Int64(mapping.fileOffset + offset), 0, &error)
    if found >= 0 { return Int(found) - mapping.fileOffset }
    guard error == ENXIO else { return offset }
    // No data from here to the end of the file. If the file now ends before the window does
    // (truncated by another process), the missing part counts as data so readers report it.
    guard case .success(let info) = Syscalls.fileStatus(descriptor: mapping.file) else { return offset }
    let fileEnd = Int(info.st_size)
    return fileEnd >= mapping.fileOffset + mapping.count ? nil : max(offset, fileEnd - mapping.fileOffset)
  }

  /// The window offset of the first hole at or after `offset`, or the window's end when none.
  static func nextHole(_ mapping: borrowing Mapping, from offset: Int) -> Int {
    guard mapping.file != noFile else { return mapping.count }
    var error: Int32 = 0
    let found = cmemmap_seek(mapping.file, Int64(mapping.fileOffset + offset), 1, &error)
    return found >= 0 ? Int(found) - mapping.fileOffset : mapping.count
  }
}
#endif
