/// A snapshot of a file's size, modification time and identity, used to notice that a file was
/// changed, truncated or replaced by someone else.
public struct FileStatus: Equatable, Hashable, Sendable {
  /// The file's size in bytes.
  public var size: Int
  /// When the file's content was last modified.
  public var modificationTime: FileTimestamp
  /// Which file this is on its file system; changes when the path is replaced by another file.
  public var identity: FileIdentity

  /// Creates a status from its parts.
  public init(size: Int, modificationTime: FileTimestamp, identity: FileIdentity) {
    self.size = size
    self.modificationTime = modificationTime
    self.identity = identity
  }
}

/// A point in time with nanosecond precision, as file systems record it (seconds since 1970-01-01 UTC).
public struct FileTimestamp: Comparable, Hashable, Sendable, CustomStringConvertible {
  /// Whole seconds since 1970-01-01 00:00:00 UTC (negative before it).
  public var seconds: Int64
  /// Nanoseconds past `seconds`, in `0..<1_000_000_000`.
  public var nanoseconds: Int32

  /// Creates a timestamp; `nanoseconds` is normalised into `0..<1_000_000_000`.
  public init(seconds: Int64, nanoseconds: Int32 = 0) {
    let carry = Int64(nanoseconds) / 1_000_000_000
    var rest = Int64(nanoseconds) % 1_000_000_000
    var whole = seconds + carry
    if rest < 0 {
      rest += 1_000_000_000
      whole -= 1
    }
    self.seconds = whole
    self.nanoseconds = Int32(rest)
  }

  /// Orders timestamps chronologically.
  public static func < (lhs: FileTimestamp, rhs: FileTimestamp) -> Bool {
    (lhs.seconds, lhs.nanoseconds) < (rhs.seconds, rhs.nanoseconds)
  }

  /// Seconds and nanoseconds since 1970, e.g. `1700000000.000000042`.
  public var description: String {
    let fraction = String(nanoseconds)
    return "\(seconds).\(String(repeating: "0", count: 9 - fraction.count))\(fraction)"
  }
}

/// Identifies a file on its file system (device and file number), independent of its path.
/// Two statuses with equal identities describe the same file.
public struct FileIdentity: Hashable, Sendable {
  let device: UInt64
  let fileNumber: UInt64

  init(device: UInt64, fileNumber: UInt64) {
    self.device = device
    self.fileNumber = fileNumber
  }
}
