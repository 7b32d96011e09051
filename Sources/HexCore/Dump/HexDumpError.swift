/// Why a hex dump cannot be made with the given options.
public enum HexDumpError: Error, Hashable, Sendable, CustomStringConvertible {
  /// A row width outside `1...256` (`0` means the default, as in `xxd`).
  case invalidColumns(Int)
  /// A negative group size.
  case invalidGroupSize(Int)
  /// Little-endian groups (`-e`) whose size is not a power of two: `xxd` refuses them too.
  case groupSizeNotPowerOfTwo(Int)

  /// The message; the first two are worded as `xxd` words them.
  public var description: String {
    switch self {
    case .invalidColumns: "invalid number of columns (max. \(HexDump.maximumColumns))."
    case .groupSizeNotPowerOfTwo(let size):
      "number of octets per group must be a power of 2 with -e (got \(size): use 1, 2, 4, 8, ...)."
    case .invalidGroupSize(let size): "the group size \(size) is negative; use 0 (one group per row) or more."
    }
  }
}
