/// A file's permission bits as POSIX defines them (owner, group and others read/write/execute,
/// plus set-user-ID, set-group-ID and sticky), e.g. `0o644`. On Windows only the read-only
/// attribute is kept: `0o444` for a read-only file, `0o666` otherwise.
public struct FilePermissions: Hashable, Sendable, CustomStringConvertible {
  /// The bits, within `0o7777`.
  public var rawValue: UInt32

  /// Permissions from their bits (bits above `0o7777` are dropped).
  public init(rawValue: UInt32) {
    self.rawValue = rawValue & 0o7777
  }

  /// Read and write for everyone, before the process's file-creation mask removes some: what
  /// a newly created data file gets by default.
  public static let newFileDefault = FilePermissions(rawValue: 0o666)

  /// The bits in octal, e.g. `0644`.
  public var description: String {
    let digits = String(rawValue, radix: 8)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
  }
}

extension MemMap {
  /// The permission bits of the file at `path` (a symbolic link is followed).
  public static func permissions(ofFile path: String) throws(MemMapError) -> FilePermissions {
    try Backend.permissions(ofFile: path)
  }
}
