/// Why a hex dump cannot be made with the given options.
public enum HexDumpError: Error, Hashable, Sendable, CustomStringConvertible {
  /// A row width outside `1...256` (`0` means the default, as in `xxd`).
  case invalidColumns(Int)

  /// The message, worded as `xxd` words it.
  public var description: String {
    switch self {
    case .invalidColumns: "invalid number of columns (max. \(HexDump.maximumColumns))."
    }
  }
}
