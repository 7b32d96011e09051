/// The class of a byte, used to colour it (the classes hexyl uses).
public enum ByteClass: Hashable, Sendable, CaseIterable {
  /// `0x00`.
  case null
  /// Printable ASCII, `0x21...0x7E`.
  case printable
  /// ASCII whitespace: space, tab, newline, vertical tab, form feed, carriage return.
  case whitespace
  /// Other ASCII control characters, including `0x7F`.
  case control
  /// Bytes `0x80...0xFF`.
  case nonASCII

  /// The class of `byte`.
  @inlinable
  public init(_ byte: UInt8) {
    switch byte {
    case 0x00: self = .null
    case 0x21...0x7E: self = .printable
    case 0x09...0x0D, 0x20: self = .whitespace
    case 0x01...0x1F, 0x7F: self = .control
    default: self = .nonASCII
    }
  }

  /// The one palette, after hexyl: grey NUL, cyan printable, green whitespace, magenta control,
  /// yellow high bytes. The viewer and `mmhex dump --color` both draw with it.
  public var color: TerminalColor {
    switch self {
    case .null: .grey
    case .printable: .cyan
    case .whitespace: .green
    case .control: .magenta
    case .nonASCII: .yellow
    }
  }

  /// The class's name in the colour legend.
  public var legendName: String {
    switch self {
    case .null: "NUL"
    case .printable: "printable"
    case .whitespace: "whitespace"
    case .control: "control"
    case .nonASCII: "high (80-ff)"
    }
  }

  /// A byte of this class, shown in the legend.
  public var sample: UInt8 {
    switch self {
    case .null: 0x00
    case .printable: 0x41
    case .whitespace: 0x20
    case .control: 0x01
    case .nonASCII: 0xFF
    }
  }
}
