@testable import HexCore

extension Frame {
  /// The frame's text, one line per screen row, joined with newlines.
  var text: String { lines.map(\.text).joined(separator: "\n") }
}

extension StyledLine {
  /// The runs as `style:text` pairs, for exact style expectations.
  var styleDump: [String] { runs.map { "\($0.style.shortName):\($0.text)" } }
}

extension Style {
  /// A short name for expectations.
  var shortName: String {
    switch self {
    case .plain: "plain"
    case .offset: "offset"
    case .byte(let byteClass): "\(byteClass)"
    case .cursor: "cursor"
    case .cursorShadow: "shadow"
    case .edited: "edited"
    case .match: "match"
    case .selection: "selection"
    case .inspected: "inspected"
    case .difference: "differs"
    case .statusBar: "status"
    case .message: "message"
    case .error: "error"
    case .prompt: "prompt"
    case .selectedText: "selected"
    case .help: "help"
    }
  }
}

/// Bytes `0, 1, 2, …` wrapping at 256.
func countingBytes(_ count: Int, from start: Int = 0) -> [UInt8] {
  (0..<count).map { UInt8(truncatingIfNeeded: start + $0) }
}
