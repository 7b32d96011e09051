import ArgumentParser
import Glibc

/// When to colour output: `--color auto|always|never`.
enum ColorChoice: String, CaseIterable, ExpressibleByArgument {
  /// Colour when the output is a terminal and `NO_COLOR` is not set.
  case auto
  /// Always colour (overrides `NO_COLOR`).
  case always
  /// Never colour.
  case never

  /// Whether to colour, given whether the output goes to a terminal.
  ///
  /// `NO_COLOR` (any non-empty value, see no-color.org) turns `auto` off.
  func usesColor(outputIsTerminal: Bool) -> Bool {
    switch self {
    case .always: return true
    case .never: return false
    case .auto:
      guard outputIsTerminal else { return false }
      guard let noColor = getenv("NO_COLOR") else { return true }
      return noColor.pointee == 0
    }
  }
}
