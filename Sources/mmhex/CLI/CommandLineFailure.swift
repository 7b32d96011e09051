import HexCore
import MemMap

/// A failure shown to the user as one line on standard error (`mmhex: <message>`), with the exit
/// status the process ends with.
struct CommandLineFailure: Error, CustomStringConvertible {
  /// Exit status for a command line that cannot be acted on (a bad number, a bad option value).
  static let usageExitCode: Int32 = 64
  /// Exit status for everything else (a file that cannot be opened, no terminal).
  static let failureExitCode: Int32 = 1

  /// The line, without the program name.
  let message: String
  /// The process's exit status.
  let exitCode: Int32

  var description: String { message }

  /// A bad number given to `option`, e.g. `--offset`.
  static func invalidNumber(_ option: String, _ error: NumberParseError) -> Self {
    Self(message: "invalid \(option): \(error)", exitCode: usageExitCode)
  }

  /// A number that parses but is outside what `option` accepts.
  static func outOfRange(_ option: String, _ value: String, expected: String) -> Self {
    Self(message: "invalid \(option): '\(value)' \(expected)", exitCode: usageExitCode)
  }

  /// A file that cannot be opened or mapped.
  static func cannotOpen(_ path: String, _ error: MemMapError) -> Self {
    let reason: String
    switch error {
    case .fileNotFound: reason = "no such file"
    case .isDirectory: reason = "it is a directory"
    case .notRegularFile(_, let kind): reason = "it is a \(kind), not a regular file"
    case .permissionDenied: reason = "permission denied"
    default: return Self(message: "cannot open '\(path)': \(error.userDescription)", exitCode: failureExitCode)
    }
    return Self(message: "cannot open '\(path)': \(reason)", exitCode: failureExitCode)
  }

  /// The scratch buffer could not be allocated.
  static func cannotCreateScratch(size: Int, _ error: MemMapError) -> Self {
    Self(
      message: "cannot create a \(size)-byte scratch buffer: \(error.userDescription); choose a smaller --scratch-size",
      exitCode: failureExitCode)
  }

  /// The terminal could not be used.
  static func terminal(_ error: Screen.StartError) -> Self {
    Self(message: error.description, exitCode: failureExitCode)
  }
}
