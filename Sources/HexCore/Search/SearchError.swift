/// Why a search ended without an answer.
public enum SearchError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The search was cancelled through its ``SearchProgress``.
  case cancelled
  /// The bytes could not be read; the message says what and where.
  case unreadable(String)

  /// A one-line message for the user.
  public var description: String {
    switch self {
    case .cancelled: return "search cancelled"
    case .unreadable(let reason): return reason
    }
  }
}
